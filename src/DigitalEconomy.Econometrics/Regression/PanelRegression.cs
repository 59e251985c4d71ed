using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Regression;

/// <summary>
/// Linear panel regressions: pooled OLS and fixed effects (entity, time, two-way or any number of absorbed
/// factors), with classical, HC0–HC3, one- and two-way cluster-robust and Driscoll–Kraay inference whose
/// defaults reproduce Stata <c>xtreg, fe</c> / <c>reghdfe</c> (docs/methods.md, "Fixed effects and variance conventions").
/// </summary>
/// <example>
/// <code>
/// var fe = PanelRegression.Fit(panel, "gap ~ dei + gov + open | city + year", Vcov.Cluster("city"));
/// Console.WriteLine(fe["dei"].Estimate);
/// </code>
/// </example>
public static class PanelRegression
{
    /// <summary>Fits a model given as a formula, e.g. <c>"gap ~ dei + gov + open | city + year"</c>.</summary>
    /// <param name="panel">The data.</param>
    /// <param name="formula">fixest-style formula; fixed effects after <c>|</c>.</param>
    /// <param name="vcov">Variance estimator (default classical).</param>
    /// <param name="correction">Small-sample convention (default <see cref="SmallSampleCorrection.Stata"/>).</param>
    /// <exception cref="SpecificationException">Unknown column, malformed formula, too few clusters, singular design, …</exception>
    public static PanelRegressionResult Fit(PanelData panel, string formula, Vcov? vcov = null, SmallSampleCorrection? correction = null)
        => Fit(panel, PanelRegressionOptions.FromFormula(formula, vcov, correction));

    /// <summary>Fits a model given in typed form.</summary>
    /// <exception cref="SpecificationException">Unknown column, too few clusters, singular design, …</exception>
    public static PanelRegressionResult Fit(PanelData panel, PanelRegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(options);
        var (design, missing, rows) = BuildDesign(panel, options);
        // The panel is immutable, so its outcome column can serve as the original y without a copy.
        var original = panel.NumericArray(options.Dependent);
        var originalY = rows is null ? original : Gather(original, rows);
        return LinearPanelEstimator.Fit(design, options, overwrite: true, missing, rows, originalY, panel);
    }

    /// <summary>
    /// Fits from arrays (no missing values allowed). <paramref name="design"/> is not modified; pass
    /// <c>overwrite: true</c> to <see cref="FitInPlace"/> to save a copy on very large problems.
    /// </summary>
    internal static PanelRegressionResult Fit(RegressionDesign design, EstimationOptions options)
    {
        ArgumentNullException.ThrowIfNull(design);
        CheckFinite(design);
        return LinearPanelEstimator.Fit(design, options ?? new EstimationOptions(), overwrite: false);
    }

    /// <summary>
    /// Fits from arrays and uses <see cref="RegressionDesign.Y"/> and <see cref="RegressionDesign.X"/> as work
    /// space: afterwards they hold the residuals and the within-transformed regressors. This avoids copying the
    /// design (peak memory ≈ data + one outcome-sized vector).
    /// </summary>
    internal static PanelRegressionResult FitInPlace(RegressionDesign design, EstimationOptions options)
    {
        ArgumentNullException.ThrowIfNull(design);
        CheckFinite(design);
        return LinearPanelEstimator.Fit(design, options ?? new EstimationOptions(), overwrite: true);
    }

    private static void CheckFinite(RegressionDesign design)
    {
        if (!AllFinite(design.Y))
            throw new SpecificationException($"The outcome '{design.Dependent}' contains missing or infinite values; remove them first (the PanelData entry does listwise deletion).");
        for (int j = 0; j < design.X.Columns; j++)
            if (!AllFinite(design.X.Column(j)))
                throw new SpecificationException($"Regressor '{design.RegressorNames[j]}' contains missing or infinite values; remove them first (the PanelData entry does listwise deletion).");
    }

    private static bool AllFinite(ReadOnlySpan<double> v)
    {
        // NaN and ±∞ are the only values for which x − x ≠ 0; summing in blocks keeps this a vectorised pass.
        const int block = 4096;
        for (int i = 0; i < v.Length; i += block)
        {
            var s = v.Slice(i, Math.Min(block, v.Length - i));
            double acc = 0;
            foreach (var x in s) acc += x - x;
            if (acc != 0 || double.IsNaN(acc)) return false;
        }
        return true;
    }

    /// <summary>
    /// Gathers y and X over the complete rows (listwise deletion over the outcome and the regressors) and the
    /// fixed-effect / cluster groupings restricted to those rows.
    /// </summary>
    internal static (RegressionDesign Design, MissingValueReport Missing, int[]? Rows) BuildDesign(PanelData panel, PanelRegressionOptions options)
    {
        if (options.Regressors is null || options.Regressors.Count == 0)
            throw new SpecificationException("The model has no regressors; add at least one to the right of '~'.");
        var columns = new[] { options.Dependent }.Concat(options.Regressors).ToArray();
        var dup = columns.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw new SpecificationException($"Variable '{dup.Key}' appears more than once in the model.");
        var arrays = columns.Select(c => panel.NumericArray(c)).ToArray();
        var groupingNames = options.FixedEffects
            .Concat(options.Vcov.ClusterBy)
            .Distinct()
            .ToArray();
        foreach (var fe in options.FixedEffects)
            if (columns.Contains(fe))
                throw new SpecificationException($"'{fe}' is both a regressor and a fixed effect.");
        var factors = groupingNames.ToDictionary(n => n, panel.Grouping);

        int total = panel.RowCount;
        var rows = PanelData.CompleteRows(arrays, total, out var perColumn);
        int kept = rows?.Length ?? total;

        var y = Gather(arrays[0], rows);
        var x = ColumnMajorMatrix.Uninitialized(kept, options.Regressors.Count);
        if ((long)kept * options.Regressors.Count > 1_000_000)
            Parallel.For(0, options.Regressors.Count, j => GatherInto(arrays[j + 1], rows, x.Column(j)));
        else
            for (int j = 0; j < options.Regressors.Count; j++) GatherInto(arrays[j + 1], rows, x.Column(j));

        GroupCodes Codes(string name, Factor f) => RegressionDesign.Codes(name, rows is null ? f : f.Subset(rows));
        var fixedEffects = options.FixedEffects.Select(n => Codes(n, factors[n])).ToArray();
        var others = groupingNames.Where(n => !options.FixedEffects.Contains(n)).Select(n => Codes(n, factors[n])).ToArray();
        var periods = options.FixedEffects.Contains(panel.TimeName)
            ? fixedEffects[options.FixedEffects.ToList().IndexOf(panel.TimeName)]
            : Codes(panel.TimeName, panel.Times);

        int entitiesLeft = 0;
        if (rows is not null)
        {
            var seen = new bool[panel.Entities.LevelCount];
            var ec = panel.Entities.Codes;
            foreach (var r in rows)
                if (!seen[ec[r]]) { seen[ec[r]] = true; entitiesLeft++; }
        }
        else entitiesLeft = panel.Entities.LevelCount;
        var missing = new MissingValueReport(total, total - kept, panel.Entities.LevelCount - entitiesLeft,
            columns.Select((c, j) => new KeyValuePair<string, int>(c, perColumn[j])).Where(kv => kv.Value > 0).ToArray());
        var design = new RegressionDesign(options.Dependent, y, options.Regressors, x, fixedEffects, others, periods);
        return (design, missing, rows);
    }

    private static double[] Gather(double[] source, int[]? rows)
    {
        var r = GC.AllocateUninitializedArray<double>(rows?.Length ?? source.Length);
        GatherInto(source, rows, r);
        return r;
    }

    private static void GatherInto(double[] source, int[]? rows, Span<double> target)
    {
        if (rows is null)
        {
            source.CopyTo(target);
            return;
        }
        for (int i = 0; i < rows.Length; i++) target[i] = source[rows[i]];
    }
}
