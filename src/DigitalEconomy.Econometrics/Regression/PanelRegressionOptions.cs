using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Model;

namespace DigitalEconomy.Econometrics.Regression;

/// <summary>
/// How a linear panel model is estimated and its inference computed — everything except which variables
/// enter. Shared by the <see cref="Data.PanelData"/> entry (<see cref="PanelRegressionOptions"/>) and the
/// low-level array entry (<see cref="PanelRegression.Fit(RegressionDesign, EstimationOptions)"/>).
/// </summary>
public record EstimationOptions
{
    /// <summary>Variance estimator; default <see cref="Vcov.Classical"/> (as Stata).</summary>
    public Vcov Vcov { get; init; } = Vcov.Classical;

    /// <summary>Small-sample convention; default <see cref="SmallSampleCorrection.Stata"/>.</summary>
    public SmallSampleCorrection SmallSample { get; init; } = SmallSampleCorrection.Stata;

    /// <summary>Confidence level of the reported intervals (default 0.95).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>
    /// Include an intercept when no fixed effect is absorbed (pooled OLS). Ignored with fixed effects, which
    /// absorb it. Default true.
    /// </summary>
    public bool Intercept { get; init; } = true;

    /// <summary>
    /// Drop singleton observations (alone in a level of some fixed effect, iteratively) before estimation, as
    /// reghdfe does. Default false, as in Stata <c>xtreg, fe</c>, fixest and plm: singletons do not change the
    /// slopes, and keeping them keeps N and the degrees-of-freedom corrections identical to those tools. Their
    /// count is always reported (<see cref="PanelRegressionResult.SingletonCount"/>).
    /// </summary>
    public bool DropSingletons { get; init; }

    /// <summary>Convergence settings for removing the fixed effects.</summary>
    public DemeaningOptions Demeaning { get; init; } = DemeaningOptions.Default;

    /// <summary>Optional model label used as a column header in <see cref="Reporting.RegressionTable"/>.</summary>
    public string? Label { get; init; }
}

/// <summary>
/// A linear panel model in typed form: <c>Dependent ~ Regressors | FixedEffects</c> plus the estimation
/// settings. Fixed effects and cluster variables name the entity key, the time key or any categorical or
/// integer-coded column (e.g. province).
/// </summary>
/// <param name="Dependent">Outcome column.</param>
/// <param name="Regressors">Slope regressors (numeric columns), in order; later ones are dropped first if collinear.</param>
public sealed record PanelRegressionOptions(string Dependent, IReadOnlyList<string> Regressors) : EstimationOptions
{
    /// <summary>Absorbed fixed effects, e.g. ["city", "year"]; empty for pooled OLS.</summary>
    public IReadOnlyList<string> FixedEffects { get; init; } = [];

    /// <summary>Builds options from a formula such as <c>"gap ~ dei + gov | city + year"</c>.</summary>
    public static PanelRegressionOptions FromFormula(string formula)
    {
        var f = RegressionFormula.Parse(formula);
        return new PanelRegressionOptions(f.Dependent, f.Regressors) { FixedEffects = f.FixedEffects, Intercept = f.Intercept };
    }

    /// <summary>
    /// Options from a formula with the variance estimator (default classical) and small-sample convention
    /// (default <see cref="SmallSampleCorrection.Stata"/>) that the formula overloads of the estimators take.
    /// </summary>
    internal static PanelRegressionOptions FromFormula(string formula, Vcov? vcov, SmallSampleCorrection? correction) =>
        FromFormula(formula) with
        {
            Vcov = vcov ?? Vcov.Classical,
            SmallSample = correction ?? SmallSampleCorrection.Stata,
        };
}
