using System.Globalization;
using DigitalEconomy.Econometrics.Regression;

namespace DigitalEconomy.Econometrics.Reporting;

/// <summary>
/// Tables of the linear panel models and the tests on them: a one-column regression table of a fit (columns
/// side by side come from <see cref="RegressionTable"/>) and the Lind–Mehlum U-shape test.
/// </summary>
public static class RegressionTables
{
    /// <summary>This model as a one-column regression table.</summary>
    /// <param name="result">The fitted model.</param>
    /// <param name="title">Caption; "Dependent variable: y" when null.</param>
    public static Table ToTable(this PanelRegressionResult result, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return RegressionTable.Create([result], title ?? $"Dependent variable: {result.Dependent}").Build();
    }

    /// <summary>The one-column regression table as plain text.</summary>
    /// <param name="result">The fitted model.</param>
    public static string ToText(this PanelRegressionResult result) => result.ToTable().Render(TableFormat.Text);

    /// <summary>A random-effects fit as a one-column regression table.</summary>
    /// <param name="result">The fitted model.</param>
    /// <param name="title">Caption; "Dependent variable: y" when null.</param>
    public static Table ToTable(this RandomEffectsResult result, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return RegressionTable.Create([result], title ?? $"Dependent variable: {result.Dependent}").Build();
    }

    /// <summary>The one-column regression table of a random-effects fit as plain text.</summary>
    /// <param name="result">The fitted model.</param>
    public static string ToText(this RandomEffectsResult result) => result.ToTable().Render(TableFormat.Text);

    /// <summary>
    /// The test as a table (slopes and t-values at both ends, the overall statistic and p-value, the turning point
    /// with its delta-method and Fieller intervals), as Stata's <c>utest</c> prints it.
    /// </summary>
    /// <param name="test">The test.</param>
    /// <param name="title">Caption; a default naming the shape is used when null.</param>
    public static Table ToTable(this UShapeTest test, string? title = null)
    {
        const int d = 4;
        string level = (test.Level * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
        string fieller = test.Fieller.Kind switch
        {
            FiellerSetKind.Bounded => $"[{NumberFormat.Fixed(test.Fieller.Lower, d)}, {NumberFormat.Fixed(test.Fieller.Upper, d)}]",
            FiellerSetKind.ComplementOfInterval => $"unbounded: outside ({NumberFormat.Fixed(test.Fieller.Lower, d)}, {NumberFormat.Fixed(test.Fieller.Upper, d)})",
            _ => "unbounded: whole line",
        };
        var shape = test.Shape == CurveShape.InvertedU ? "inverse U" : "U";
        return new TableBuilder(title ?? $"Lind–Mehlum test of a{(test.Shape == CurveShape.InvertedU ? "n" : "")} {shape} shape on [{NumberFormat.Fixed(test.XMin, d)}, {NumberFormat.Fixed(test.XMax, d)}]")
            .Columns("", "Lower bound", "Upper bound")
            .Row("Interval", NumberFormat.Fixed(test.XMin, d), NumberFormat.Fixed(test.XMax, d))
            .Row("Slope", NumberFormat.Fixed(test.SlopeAtMin, d), NumberFormat.Fixed(test.SlopeAtMax, d))
            .Row("SE of slope", NumberFormat.Parenthesised(test.SlopeAtMinStandardError, d), NumberFormat.Parenthesised(test.SlopeAtMaxStandardError, d))
            .Row("t-value", NumberFormat.Fixed(test.TAtMin, 2), NumberFormat.Fixed(test.TAtMax, 2))
            .Rule()
            .Row("Overall t (p)", NumberFormat.Fixed(test.T, 2), test.PValue < 1e-4 ? "(< 0.0001)" : NumberFormat.Parenthesised(test.PValue, 4))
            .Row("Turning point", NumberFormat.Fixed(test.TurningPoint, d), test.TurningPointInRange ? "inside the interval" : "OUTSIDE the interval")
            .Row($"Delta-method {level} CI", $"[{NumberFormat.Fixed(test.DeltaLower, d)}, {NumberFormat.Fixed(test.DeltaUpper, d)}]", "")
            .Row($"Fieller {level} CI", fieller, "")
            .Note($"H1: {shape} shape (slope {(test.Shape == CurveShape.InvertedU ? "positive" : "negative")} at the lower and {(test.Shape == CurveShape.InvertedU ? "negative" : "positive")} at the upper bound); one-sided p-value, " +
                  (test.DegreesOfFreedom is { } df ? $"Student t with {df.ToString("0.##", CultureInfo.InvariantCulture)} df." : "standard normal."))
            .Note("Lind & Mehlum (2010), Oxford Bulletin of Economics and Statistics 72(1): 109–118.")
            .Build();
    }
}
