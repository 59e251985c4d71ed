using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Model;
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
public static partial class PanelRegression
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
        return Fit(panel, options, null);
    }

    /// <summary>Fits on the input rows <paramref name="rowFilter"/> (ascending; null = all), as split samples do.</summary>
    internal static PanelRegressionResult Fit(PanelData panel, PanelRegressionOptions options, IReadOnlyList<int>? rowFilter)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(options);
        var frame = Frame(panel, options, rowFilter, deferColumns: true);
        var result = LinearPanelEstimator.Fit(frame.Design, options, overwrite: true, frame.Missing, frame.Rows, frame.OriginalY, panel);
        result.Source = new ModelSource(panel, options);
        return result;
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
    /// The design over the complete rows (listwise deletion over the outcome and every term) with the fixed-effect
    /// and cluster groupings restricted to those rows; terms follow the formula grammar of <see cref="ModelFormula"/>.
    /// </summary>
    internal static (RegressionDesign Design, MissingValueReport Missing, int[]? Rows) BuildDesign(PanelData panel, PanelRegressionOptions options)
    {
        var frame = Frame(panel, options);
        return (frame.Design, frame.Missing, frame.Rows);
    }

    internal static ModelFrame Frame(PanelData panel, PanelRegressionOptions options, IReadOnlyList<int>? rowFilter = null, bool deferColumns = false) =>
        DesignBuilder.Build(panel, options.Dependent, options.Regressors, options.FixedEffects, options.Vcov.ClusterBy, options.Intercept, rowFilter, deferColumns);
}
