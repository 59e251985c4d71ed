using System.Globalization;
using System.Text;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Regression;

namespace DigitalEconomy.Econometrics.Reporting;

/// <summary>
/// A plain-text summary of a linear panel model laid out as fixest's <c>print()</c> / <c>summary()</c>: header
/// (estimator, outcome, observations, fixed effects and their sizes, standard-error type), the coefficient
/// table with estimate, standard error, t value, p-value and significance codes, then RMSE and R².
/// </summary>
public static class RegressionSummary
{
    /// <summary>The summary text (lines separated by '\n').</summary>
    public static string Summary(this PanelRegressionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Summary("OLS estimation", result.Dependent, result.Observations, result.FixedEffects, result.Variance, z: false,
            result.Coefficients, result.RootMse, result.AdjustedRSquared, result.RSquared, result.RSquaredWithin, result.Notes);
    }

    /// <summary>The summary text of a random-effects fit (z statistics; R² of the quasi-demeaned regression).</summary>
    public static string Summary(this RandomEffectsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Summary("Random-effects (Swamy-Arora) estimation", result.Dependent, result.Observations, [], result.Variance, z: true,
            result.Coefficients, result.RootMse, result.AdjustedRSquared, result.RSquared, double.NaN, result.Notes);
    }

    private static string Summary(string estimator, string dependent, int observations, IReadOnlyList<FixedEffectSummary> fixedEffects,
        VarianceSummary variance, bool z, IReadOnlyList<Coefficient> coefficients, double rootMse, double adjustedRSquared,
        double rSquared, double rSquaredWithin, IReadOnlyList<string> notes)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(estimator).Append(", Dep. Var.: ").Append(dependent).Append('\n');
        sb.Append("Observations: ").Append(NumberFormat.Count(observations)).Append('\n');
        if (fixedEffects.Count > 0)
            sb.Append("Fixed-effects: ").Append(string.Join(",  ", fixedEffects.Select(f => $"{f.Name}: {NumberFormat.Count(f.Levels)}"))).Append('\n');
        sb.Append("Standard-errors: ").Append(StandardErrorType(variance)).Append('\n');

        string[] header = ["", "Estimate", "Std. Error", z ? "z value" : "t value", z ? "Pr(>|z|)" : "Pr(>|t|)", ""];
        var rows = coefficients.Select(c => new[]
        {
            c.Name, c.Estimate.ToString("G6", ci), c.StdError.ToString("G6", ci), c.T.ToString("F6", ci), PValue(c.PValue), Codes(c.PValue),
        }).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(j => rows.Select(r => r[j].Length).Append(header[j].Length).Max()).ToArray();
        void Line(string[] cells)
        {
            sb.Append(cells[0].PadRight(widths[0]));
            for (int j = 1; j < cells.Length - 1; j++) sb.Append(' ').Append(cells[j].PadLeft(widths[j]));
            sb.Append(' ').Append(cells[^1].PadRight(widths[^1]));
            sb.Length = sb.ToString().TrimEnd().Length;
            sb.Append('\n');
        }
        Line(header);
        foreach (var r in rows) Line(r);
        sb.Append("---\n");
        sb.Append("Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1\n");
        sb.Append("RMSE: ").Append(rootMse.ToString("G6", ci))
          .Append("   Adj. R2: ").Append(adjustedRSquared.ToString("F6", ci)).Append('\n');
        if (fixedEffects.Count > 0)
            sb.Append("R2: ").Append(rSquared.ToString("F6", ci)).Append("   Within R2: ").Append(rSquaredWithin.ToString("F6", ci)).Append('\n');
        else
            sb.Append("R2: ").Append(rSquared.ToString("F6", ci)).Append('\n');
        foreach (var note in notes) sb.Append("Note: ").Append(note).Append('\n');
        return sb.ToString();
    }

    private static string StandardErrorType(VarianceSummary v) => v.Kind switch
    {
        VcovKind.Classical => "IID",
        VcovKind.Cluster => $"Clustered ({string.Join(", ", v.ClusterVariables)})",
        VcovKind.TwoWayCluster => $"Clustered ({string.Join(" & ", v.ClusterVariables)})",
        VcovKind.DriscollKraay => "Driscoll-Kraay",
        _ => $"Heteroskedasticity-robust ({v.Kind})",
    };

    private static string PValue(double p) =>
        p < 2.2e-16 ? "< 2.2e-16" : p.ToString(p < 1e-4 ? "0.0e-00" : "F6", CultureInfo.InvariantCulture);

    private static string Codes(double p) => p switch
    {
        < 0.001 => "***",
        < 0.01 => "**",
        < 0.05 => "*",
        < 0.1 => ".",
        _ => "",
    };
}
