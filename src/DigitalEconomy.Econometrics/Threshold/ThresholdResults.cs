using DigitalEconomy.Econometrics.Inference;
namespace DigitalEconomy.Econometrics.Threshold;

/// <summary>
/// Confidence set of one threshold by inverting the likelihood ratio (Hansen 1999, §3.2):
/// {γ : LR(γ) &lt; c} with LR(γ) = (S(γ)/S(γ̂) − 1)·ty and c = −2 ln(1 − √level) (strict, as in Hansen's code),
/// reported as [min, max] over the searched candidates.
/// </summary>
/// <param name="Lower">Smallest candidate inside the set.</param>
/// <param name="Upper">Largest candidate inside the set.</param>
/// <param name="PointsInside">Number of candidates inside the set.</param>
/// <param name="IsContiguous">True when the inside candidates are consecutive in the searched grid (no gaps).</param>
/// <param name="Level">Confidence level, e.g. 0.95.</param>
/// <param name="CriticalValue">c = −2 ln(1 − √level), 7.3523 at 95%.</param>
public sealed record ThresholdConfidenceSet(double Lower, double Upper, int PointsInside, bool IsContiguous, double Level, double CriticalValue);

/// <summary>
/// One grid search for a threshold given already fixed thresholds: the searched candidates with their
/// SSE(γ) and LR(γ) curves (what Hansen's figures plot), the minimiser and its confidence set.
/// </summary>
/// <param name="Name">Which threshold is searched, e.g. "γ2 given γ1".</param>
/// <param name="FixedThresholds">Thresholds held fixed during the search.</param>
/// <param name="Candidates">Searched candidate values, ascending (after trimming and exclusions).</param>
/// <param name="Sse">SSE(γ) for each candidate.</param>
/// <param name="LikelihoodRatio">LR(γ) = (SSE(γ)/SSE(γ̂) − 1)·ty for each candidate.</param>
/// <param name="Estimate">γ̂ = argmin SSE(γ) (the first minimiser, as R's which.min).</param>
/// <param name="MinimumSse">SSE(γ̂).</param>
/// <param name="ConfidenceSet">LR confidence set of γ̂.</param>
public sealed record ThresholdSearch(
    string Name,
    IReadOnlyList<double> FixedThresholds,
    IReadOnlyList<double> Candidates,
    IReadOnlyList<double> Sse,
    IReadOnlyList<double> LikelihoodRatio,
    double Estimate,
    double MinimumSse,
    ThresholdConfidenceSet ConfidenceSet);

/// <summary>
/// Hansen's fixed-regressor bootstrap of a threshold F statistic: residual vectors of whole entities from
/// the null model are resampled with replacement, y* = ŷ₀ + e*, and the sequential search is redone on y*.
/// </summary>
/// <param name="Replications">Number of replications B.</param>
/// <param name="PValue">Share of bootstrap statistics strictly above the observed F.</param>
/// <param name="Critical10">90% quantile: sorted F*[⌈0.90·B⌉] (1-based, as Hansen's code).</param>
/// <param name="Critical5">95% quantile, sorted F*[⌈0.95·B⌉].</param>
/// <param name="Critical1">99% quantile, sorted F*[⌈0.99·B⌉].</param>
/// <param name="Statistics">F* of every replication, in replication order.</param>
/// <param name="Seed">Seed used.</param>
public sealed record ThresholdBootstrap(int Replications, double PValue, double Critical10, double Critical5, double Critical1,
    IReadOnlyList<double> Statistics, ulong Seed);

/// <summary>
/// Test of k thresholds against k − 1: F_k = (S_{k−1} − S_k)/(S_k/ty), with its bootstrap distribution.
/// </summary>
/// <param name="Thresholds">k.</param>
/// <param name="RestrictedSse">S_{k−1}.</param>
/// <param name="UnrestrictedSse">
/// S_k, the minimum of the k-th sequential search given the earlier first-stage thresholds (Hansen 1999, §4). For
/// k = 2 this is the SSE before Hansen's refinement of γ1, so it can exceed the SSE of the double model's fit.
/// </param>
/// <param name="F">F_k.</param>
/// <param name="Bootstrap">Bootstrap p-value and critical values; null when no replications were asked for.</param>
public sealed record ThresholdTest(int Thresholds, double RestrictedSse, double UnrestrictedSse, double F, ThresholdBootstrap? Bootstrap);

/// <summary>
/// Least-squares fit of the fixed-effects model at given thresholds, with coefficients of the regime-
/// independent regressors followed by the regime-dependent ones regime by regime.
/// </summary>
/// <remarks>
/// Standard errors: classical s²(X̃'X̃)⁻¹ with s² = SSE/(N(T−1) − k) (Hansen's code); White HC0
/// (X̃'X̃)⁻¹(Σ x̃x̃'ê²)(X̃'X̃)⁻¹ (Hansen's "het" SEs); entity-clustered with Stata's
/// <c>xtreg, fe vce(cluster id)</c> factor G/(G−1)·(n−1)/(n−k−1), n = N·T.
/// </remarks>
/// <param name="Thresholds">Sorted thresholds (empty for the linear model).</param>
/// <param name="Names">Regressor names: z names, then x names with "_regime{j}" suffixes.</param>
/// <param name="Coefficients">Estimates.</param>
/// <param name="ClassicalStandardErrors">Homoskedastic SEs.</param>
/// <param name="WhiteStandardErrors">Heteroskedasticity-robust (HC0) SEs.</param>
/// <param name="ClusteredStandardErrors">Entity-clustered SEs.</param>
/// <param name="RegimeObservations">Observations (of N·T) in each regime.</param>
/// <param name="Sse">Sum of squared within residuals.</param>
/// <param name="ResidualDegreesOfFreedom">N(T−1) − k, the classical SE's divisor.</param>
/// <param name="Clusters">Number of entities G.</param>
public sealed record ThresholdModelFit(
    IReadOnlyList<double> Thresholds,
    IReadOnlyList<string> Names,
    IReadOnlyList<double> Coefficients,
    IReadOnlyList<double> ClassicalStandardErrors,
    IReadOnlyList<double> WhiteStandardErrors,
    IReadOnlyList<double> ClusteredStandardErrors,
    IReadOnlyList<int> RegimeObservations,
    double Sse,
    int ResidualDegreesOfFreedom,
    int Clusters)
{
    /// <summary>Coefficient by regressor name.</summary>
    public double Coefficient(string name) => Coefficients[IndexOf(name)];

    /// <summary>Index of a regressor name.</summary>
    public int IndexOf(string name)
    {
        for (int j = 0; j < Names.Count; j++)
            if (Names[j] == name) return j;
        throw new SpecificationException($"The threshold model has no regressor '{name}'; it has: {string.Join(", ", Names)}.");
    }
}

/// <summary>An estimated threshold with the search that produced it (its LR curve and confidence set).</summary>
/// <param name="Value">γ̂.</param>
/// <param name="Search">The search it minimises.</param>
public sealed record ThresholdEstimate(double Value, ThresholdSearch Search);

/// <summary>
/// The k-threshold model: thresholds, the searches that found them (double: first iteration and Hansen's
/// refinement; triple: the third threshold given the first two), the test against k − 1 thresholds and
/// the fit.
/// </summary>
/// <param name="ThresholdCount">k.</param>
/// <param name="Thresholds">Sorted thresholds of the model.</param>
/// <param name="Estimates">Thresholds estimated in this step, each with its LR confidence set.</param>
/// <param name="Searches">All searches run for this model, in order.</param>
/// <param name="Test">F_k and its bootstrap.</param>
/// <param name="Fit">Regime coefficients and standard errors.</param>
public sealed record ThresholdModel(
    int ThresholdCount,
    IReadOnlyList<double> Thresholds,
    IReadOnlyList<ThresholdEstimate> Estimates,
    IReadOnlyList<ThresholdSearch> Searches,
    ThresholdTest Test,
    ThresholdModelFit Fit);
