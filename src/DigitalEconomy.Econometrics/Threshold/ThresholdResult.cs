using System.Globalization;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Reporting;
using MathNet.Numerics.Distributions;

namespace DigitalEconomy.Econometrics.Threshold;

/// <summary>Which standard errors a regime-estimates table shows.</summary>
public enum ThresholdStandardErrors
{
    /// <summary>Homoskedastic, s² = SSE/(N(T−1) − k).</summary>
    Classical,
    /// <summary>White heteroskedasticity-robust (HC0), as Hansen (1999) reports.</summary>
    White,
    /// <summary>Clustered by entity (Stata small-sample factor).</summary>
    Clustered,
}

/// <summary>
/// Everything a Hansen (1999) threshold analysis produces: the sample, the candidate grid, the linear
/// (no-threshold) fit and the single/double/triple models with their searches (SSE and LR curves),
/// confidence sets, F tests with bootstrap p-values and regime coefficients. Renders to tables.
/// </summary>
public sealed class ThresholdResult
{
    internal ThresholdResult(ThresholdSpecification specification, ThresholdOptions options, PanelStructure sample,
        MissingValueReport missing, int entitiesDroppedForBalance, int leastSquaresRows, double ty,
        IReadOnlyList<double> grid, ThresholdModelFit linear, IReadOnlyList<ThresholdModel> models)
    {
        Specification = specification;
        Options = options;
        Sample = sample;
        Missing = missing;
        EntitiesDroppedForBalance = entitiesDroppedForBalance;
        LeastSquaresRows = leastSquaresRows;
        VarianceDenominator = ty;
        Grid = grid;
        Linear = linear;
        Models = models;
    }

    /// <summary>The model.</summary>
    public ThresholdSpecification Specification { get; }

    /// <summary>The options used (transformation, grid, trimming, bootstrap, seed, …).</summary>
    public ThresholdOptions Options { get; }

    /// <summary>Shape of the balanced estimation sample (N entities × T periods).</summary>
    public PanelStructure Sample { get; }

    /// <summary>Rows dropped for missing values before estimation.</summary>
    public MissingValueReport Missing { get; }

    /// <summary>Entities dropped to balance the panel (only with <see cref="ThresholdOptions.BalancePanel"/>).</summary>
    public int EntitiesDroppedForBalance { get; }

    /// <summary>Rows in the least-squares step: N·T (standard within) or N·(T−1) (Hansen's transformation).</summary>
    public int LeastSquaresRows { get; }

    /// <summary>ty, the denominator of F and LR: N(T−1) or N·T.</summary>
    public double VarianceDenominator { get; }

    /// <summary>The full candidate grid before exclusions around fixed thresholds.</summary>
    public IReadOnlyList<double> Grid { get; }

    /// <summary>The model without thresholds (S0).</summary>
    public ThresholdModelFit Linear { get; }

    /// <summary>The 1-, 2- and 3-threshold models, as far as <see cref="ThresholdOptions.MaxThresholds"/> goes.</summary>
    public IReadOnlyList<ThresholdModel> Models { get; }

    /// <summary>The single-threshold model.</summary>
    public ThresholdModel Single => Models[0];

    /// <summary>The double-threshold model, or null if not estimated.</summary>
    public ThresholdModel? Double => Models.Count > 1 ? Models[1] : null;

    /// <summary>The triple-threshold model, or null if not estimated.</summary>
    public ThresholdModel? Triple => Models.Count > 2 ? Models[2] : null;

    private static string F(double v, int d = 4) => NumberFormat.Fixed(v, d);

    /// <summary>
    /// Hansen's threshold-test table: for each model the threshold estimates with their LR confidence sets,
    /// SSE, F statistic, bootstrap p-value and 10/5/1% critical values.
    /// </summary>
    public Table ToTable()
    {
        var b = new TableBuilder($"Threshold effect tests: {Specification.Dependent} on {string.Join(", ", Specification.RegimeDependent)} by regimes of {Specification.ThresholdVariable}")
            .Columns("Model", "Threshold", $"{Options.ConfidenceLevel * 100:0}% confidence set", "SSE", "F", "p-value", "Crit. 10%", "Crit. 5%", "Crit. 1%");
        b.Row("Linear", "", "", F(Linear.Sse, 6), "", "", "", "", "");
        string[] names = ["Single", "Double", "Triple"];
        foreach (var m in Models)
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
        b.Note($"N = {Sample.EntityCount:N0} entities, T = {Sample.PeriodCount} periods; {Describe(Options.Transformation)}; {LeastSquaresRows:N0} rows in least squares.");
        b.Note($"F_k = (S_(k-1) - S_k)/(S_k/ty), ty = {VarianceDenominator.ToString("N0", CultureInfo.InvariantCulture)}; " +
               (Options.BootstrapReplications > 0 ? $"p-values and critical values from {Options.BootstrapReplications} bootstrap replications (Hansen's fixed-regressor bootstrap, seed {Options.Seed})." : "no bootstrap."));
        b.Note($"Confidence sets: {{γ : LR(γ) < {F(-2 * Math.Log(1 - Math.Sqrt(Options.ConfidenceLevel)), 3)}}}; grid of {Grid.Count} candidates, trimming {string.Join("/", Options.Trimming.Take(Models.Count))}.");
        return b.Build();
    }

    /// <summary>
    /// Regime coefficients of the linear, single, double and triple models side by side, with standard
    /// errors of the chosen kind in parentheses and significance stars from t tests.
    /// </summary>
    public Table ToEstimatesTable(ThresholdStandardErrors standardErrors = ThresholdStandardErrors.White)
    {
        var fits = new List<(string Name, ThresholdModelFit Fit)> { ("Linear", Linear) };
        string[] names = ["Single", "Double", "Triple"];
        foreach (var m in Models) fits.Add((names[m.ThresholdCount - 1], m.Fit));
        var b = new TableBuilder($"Panel threshold regression: {Specification.Dependent}")
            .Columns(["", .. fits.Select(f => f.Name)]);
        var rowNames = new List<string>();
        foreach (var (_, fit) in fits)
            foreach (var n in fit.Names)
                if (!rowNames.Contains(n)) rowNames.Add(n);
        foreach (var name in rowNames)
        {
            int decimals = RowDecimals(fits.Select(f => f.Fit).Where(f => f.Names.Contains(name)).Select(f => f.WhiteStandardErrors[f.IndexOf(name)]));
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
                var (s, df) = standardErrors switch
                {
                    ThresholdStandardErrors.Classical => (fit.ClassicalStandardErrors[j], (double)fit.ResidualDegreesOfFreedom),
                    ThresholdStandardErrors.White => (fit.WhiteStandardErrors[j], (double)fit.ResidualDegreesOfFreedom),
                    _ => (fit.ClusteredStandardErrors[j], fit.Clusters - 1.0),
                };
                double p = 2 * (1 - StudentT.CDF(0, 1, df, Math.Abs(fit.Coefficients[j] / s)));
                est[c] = NumberFormat.Estimate(fit.Coefficients[j], p, decimals);
                se[c] = NumberFormat.Parenthesised(s, decimals);
            }
            b.Row(name, est);
            b.Row("", se);
        }
        b.Rule();
        b.Row("Thresholds", [.. fits.Select(f => string.Join("; ", f.Fit.Thresholds.Select(t => F(t, 5))))]);
        b.Row("Obs. per regime", [.. fits.Select(f => string.Join(" / ", f.Fit.RegimeObservations.Select(c => NumberFormat.Count(c))))]);
        b.Row("SSE", [.. fits.Select(f => F(f.Fit.Sse, 6))]);
        b.Row("Entities", [.. fits.Select(f => NumberFormat.Count(f.Fit.Clusters))]);
        b.Note($"Regime j of x: γ_(j-1) <= {Specification.ThresholdVariable} < γ_j (strict '<' for the lower regime). Entity fixed effects; {Describe(Options.Transformation)}.");
        b.Note(standardErrors switch
        {
            ThresholdStandardErrors.Classical => "Classical standard errors in parentheses.",
            ThresholdStandardErrors.White => "White (HC0) heteroskedasticity-robust standard errors in parentheses, as in Hansen (1999).",
            _ => "Standard errors clustered by entity in parentheses.",
        });
        b.Note(NumberFormat.StarLegend);
        return b.Build();
    }

    /// <summary>Both tables: the threshold tests and the regime estimates.</summary>
    public IReadOnlyList<Table> ToTables(ThresholdStandardErrors standardErrors = ThresholdStandardErrors.White) =>
        [ToTable(), ToEstimatesTable(standardErrors)];

    /// <summary>Both tables as plain text.</summary>
    public override string ToString() => string.Join(Environment.NewLine, ToTables().Select(t => t.Render(TableFormat.Text)));

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
