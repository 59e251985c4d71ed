using System.Globalization;
using DigitalEconomy.Econometrics.Threshold;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Reporting;

/// <summary>
/// Tables of a Hansen (1999) threshold analysis: the threshold-test table (thresholds, LR confidence sets, F
/// statistics with bootstrap p-values and critical values) and the regime-estimates table.
/// </summary>
public static class ThresholdTables
{
    private static string F(double v, int d = 4) => NumberFormat.Fixed(v, d);

    /// <summary>
    /// Hansen's threshold-test table: for each model the threshold estimates with their LR confidence sets,
    /// SSE, F statistic, bootstrap p-value and 10/5/1% critical values.
    /// </summary>
    /// <param name="result">The threshold analysis.</param>
    public static Table ToTable(this ThresholdResult result)
    {
        var b = new TableBuilder($"Threshold effect tests: {result.Specification.Dependent} on {string.Join(", ", result.Specification.RegimeDependent)} by regimes of {result.Specification.ThresholdVariable}")
            .Columns("Model", "Threshold", $"{result.Options.ConfidenceLevel * 100:0}% confidence set", "SSE", "F", "p-value", "Crit. 10%", "Crit. 5%", "Crit. 1%");
        b.Row("Linear", "", "", F(result.Linear.Sse, 6), "", "", "", "", "");
        string[] names = ["Single", "Double", "Triple"];
        foreach (var m in result.Models)
        {
            var boot = m.Test.Bootstrap;
            bool firstRow = true;
            foreach (var est in m.Estimates)
            {
                var ci = est.Search.ConfidenceSet;
                string set = $"[{F(ci.Lower, 5)}, {F(ci.Upper, 5)}]" + (ci.IsContiguous ? "" : " (gaps)");
                string label = firstRow ? names[m.ThresholdCount - 1] : "";
                string thr = $"{est.Search.Name.Split(' ')[0]} = {F(est.Value, 5)}";
                if (firstRow)
                    b.Row(label, thr, set, F(m.Test.UnrestrictedSse, 6), F(m.Test.F, 3),
                        boot is null ? "" : F(boot.PValue, 3), boot is null ? "" : F(boot.Critical10, 3),
                        boot is null ? "" : F(boot.Critical5, 3), boot is null ? "" : F(boot.Critical1, 3));
                else
                    b.Row(label, thr, set, "", "", "", "", "", "");
                firstRow = false;
            }
        }
        b.Note($"N = {result.Sample.EntityCount:N0} entities, T = {result.Sample.PeriodCount} periods; {Describe(result.Options.Transformation)}; {result.LeastSquaresRows:N0} rows in least squares.");
        b.Note($"F_k = (S_(k-1) - S_k)/(S_k/ty), ty = {result.VarianceDenominator.ToString("N0", CultureInfo.InvariantCulture)}; " +
               (result.Options.BootstrapReplications > 0 ? $"p-values and critical values from {result.Options.BootstrapReplications} bootstrap replications (Hansen's fixed-regressor bootstrap, seed {result.Options.Seed})." : "no bootstrap."));
        b.Note($"Confidence sets: {{γ : LR(γ) < {F(result.Single.Estimates[0].Search.ConfidenceSet.CriticalValue, 3)}}}; grid of {result.Grid.Count} candidates, trimming {string.Join("/", result.Options.Trimming.Take(result.Models.Count))}.");
        return b.Build();
    }

    /// <summary>
    /// Regime coefficients of the linear, single, double and triple models side by side, with standard
    /// errors of the chosen kind in parentheses and significance stars from t tests.
    /// </summary>
    /// <param name="result">The threshold analysis (re-base it with <c>WithVcov</c> to show other standard errors).</param>
    public static Table ToEstimatesTable(this ThresholdResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var fits = new List<(string Name, ThresholdModelFit Fit)> { ("Linear", result.Linear) };
        string[] names = ["Single", "Double", "Triple"];
        foreach (var m in result.Models) fits.Add((names[m.ThresholdCount - 1], m.Fit));
        var b = new TableBuilder($"Panel threshold regression: {result.Specification.Dependent}")
            .Columns(["", .. fits.Select(f => f.Name)]);
        var rowNames = new List<string>();
        foreach (var (_, fit) in fits)
            foreach (var n in fit.Names)
                if (!rowNames.Contains(n)) rowNames.Add(n);
        foreach (var name in rowNames)
        {
            // Decimals follow the White errors whatever is shown, so switching the variance keeps the layout.
            int decimals = RowDecimals(fits.Select(f => f.Fit).Where(f => f.Names.Contains(name)).Select(f => f.WithVcov(Vcov.HC0).Coefficients[f.IndexOf(name)].StdError));
            var est = new string[fits.Count];
            var se = new string[fits.Count];
            for (int c = 0; c < fits.Count; c++)
            {
                var fit = fits[c].Fit;
                int j = fit.Names.ToList().IndexOf(name);
                if (j < 0)
                {
                    est[c] = se[c] = "";
                    continue;
                }
                (est[c], se[c]) = CoefficientRows.Cells(fit.Coefficients[j], decimals);
            }
            b.Row(name, est);
            b.Row("", se);
        }
        b.Rule();
        b.Row("Thresholds", [.. fits.Select(f => string.Join("; ", f.Fit.Thresholds.Select(t => F(t, 5))))]);
        b.Row("Obs. per regime", [.. fits.Select(f => string.Join(" / ", f.Fit.RegimeObservations.Select(c => NumberFormat.Count(c))))]);
        b.Row("SSE", [.. fits.Select(f => F(f.Fit.Sse, 6))]);
        b.Row("Entities", [.. fits.Select(f => NumberFormat.Count(f.Fit.Clusters))]);
        b.Note($"Regime j of x: γ_(j-1) <= {result.Specification.ThresholdVariable} < γ_j (strict '<' for the lower regime). Entity fixed effects; {Describe(result.Options.Transformation)}.");
        b.Note($"{result.Linear.Variance.Description} in parentheses; t tests with {NumberFormat.Count((long)result.Linear.Variance.DegreesOfFreedom)} degrees of freedom in the linear model.");
        b.Note(NumberFormat.StarLegend);
        return b.Build();
    }

    /// <summary>Both tables: the threshold tests and the regime estimates.</summary>
    /// <param name="result">The threshold analysis.</param>
    public static IReadOnlyList<Table> ToTables(this ThresholdResult result) =>
        [result.ToTable(), result.ToEstimatesTable()];

    /// <summary>Both tables as plain text.</summary>
    /// <param name="result">The threshold analysis.</param>
    public static string ToText(this ThresholdResult result) => string.Join(Environment.NewLine, result.ToTables().Select(t => t.Render(TableFormat.Text)));

    // Enough decimals to show two significant digits of the row's smallest SE (q³ terms need 8), at least 3.
    private static int RowDecimals(IEnumerable<double> standardErrors)
    {
        double smallest = standardErrors.Where(v => v > 0 && double.IsFinite(v)).DefaultIfEmpty(1).Min();
        return Math.Clamp((int)Math.Ceiling(-Math.Log10(smallest)) + 1, 3, 12);
    }

    private static string Describe(ThresholdTransformation t) => t == ThresholdTransformation.HansenOriginal
        ? "Hansen's transformation (demeaned by entity, last period dropped)"
        : "standard within transformation";
}
