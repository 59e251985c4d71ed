using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Results;
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
/// independent regressors followed by the regime-dependent ones regime by regime, and their inference under
/// the variance chosen in <see cref="ThresholdOptions.Vcov"/> (re-based with <see cref="WithVcov"/>).
/// </summary>
/// <remarks>
/// Variances (docs/methods.md, "Hansen threshold regression"): classical s²(X̃'X̃)⁻¹ with s² = SSE/(N(T−1) − k)
/// (Hansen's code); White HC0 (X̃'X̃)⁻¹(Σ x̃x̃'ê²)(X̃'X̃)⁻¹ (Hansen's "het" standard errors, the default); clustered
/// by entity with the cluster factor of the chosen <see cref="SmallSampleCorrection"/> on n = N·T observations
/// (Stata's <c>xtreg, fe vce(cluster id)</c> with K = k + 1 by default, as <c>xthreg</c> reports). t tests use
/// N(T−1) − k degrees of freedom, or G − 1 when clustered (the residual df under a plm-style convention).
/// </remarks>
public sealed class ThresholdModelFit : IEstimationResult
{
    private readonly double[] _estimates;
    private readonly double[,] _bread, _white, _cluster, _vcov;

    internal ThresholdModelFit(IReadOnlyList<double> thresholds, IReadOnlyList<string> names, double[] estimates,
        double[,] bread, double[,] white, double[,] cluster, IReadOnlyList<int> regimeObservations, double sse,
        int residualDegreesOfFreedom, int clusters, int observations, string dependent, string entityName,
        Vcov vcov, SmallSampleCorrection correction, double level)
    {
        Thresholds = thresholds;
        Names = names;
        _estimates = estimates;
        _bread = bread;
        _white = white;
        _cluster = cluster;
        RegimeObservations = regimeObservations;
        Sse = sse;
        ResidualDegreesOfFreedom = residualDegreesOfFreedom;
        Clusters = clusters;
        Observations = observations;
        Dependent = dependent;
        EntityName = entityName;
        ConfidenceLevel = level;
        (_vcov, Variance) = ThresholdVariance.Compute(this, vcov, correction, bread, white, cluster);
        Coefficients = names.Select((name, j) => Inference.Coefficient.FromEstimate(name, estimates[j], Math.Sqrt(_vcov[j, j]),
            Variance.DegreesOfFreedom, level)).ToArray();
        VcovUsed = vcov;
        Correction = correction;
    }

    /// <summary>Sorted thresholds (empty for the linear model).</summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>Regressor names: z names, then x names with "_regime{j}" suffixes.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Coefficients with standard errors, t tests and confidence intervals under <see cref="Variance"/>.</summary>
    public IReadOnlyList<Inference.Coefficient> Coefficients { get; }

    /// <summary>Observations (of N·T) in each regime.</summary>
    public IReadOnlyList<int> RegimeObservations { get; }

    /// <summary>Sum of squared within residuals.</summary>
    public double Sse { get; }

    /// <summary>N(T−1) − k, the classical variance's divisor.</summary>
    public int ResidualDegreesOfFreedom { get; }

    /// <summary>Number of entities G.</summary>
    public int Clusters { get; }

    /// <summary>Observations N·T of the balanced sample.</summary>
    public int Observations { get; }

    /// <summary>The dependent variable.</summary>
    public string Dependent { get; }

    /// <summary>Name of the entity key (the fixed effect, and the only cluster variable a threshold fit accepts).</summary>
    public string EntityName { get; }

    /// <summary>Confidence level of the coefficient intervals.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>The variance estimator behind <see cref="Coefficients"/>.</summary>
    public Vcov VcovUsed { get; }

    /// <summary>The small-sample convention behind <see cref="Coefficients"/>.</summary>
    public SmallSampleCorrection Correction { get; }

    /// <summary>The variance convention.</summary>
    public VarianceSummary Variance { get; }

    /// <summary>"threshold".</summary>
    public string Model => "threshold";

    /// <summary>"Linear", "Single", "Double" or "Triple" by the number of thresholds.</summary>
    public string? Label => Thresholds.Count switch { 0 => "Linear", 1 => "Single", 2 => "Double", _ => "Triple" };

    /// <summary>Observations, entities, thresholds and SSE.</summary>
    public IReadOnlyList<FitStatistic> FitStatistics =>
    [
        new("n", "Observations", Observations, IsCount: true),
        new("entities", "Entities", Clusters, IsCount: true),
        new("thresholds", "Thresholds", Thresholds.Count, IsCount: true),
        new("sse", "SSE", Sse),
    ];

    /// <summary>The entity fixed effects.</summary>
    public IReadOnlyList<string> AbsorbedEffects => [EntityName];

    /// <summary>None: the sample notes belong to the whole analysis (<see cref="ThresholdResult.Notes"/>).</summary>
    public IReadOnlyList<string> Notes => [];

    /// <summary>The variance matrix of <see cref="Coefficients"/>.</summary>
    public VarianceMatrix CoefficientVariance => new(Names, _vcov);

    /// <summary>A copy of the variance matrix of <see cref="Coefficients"/>.</summary>
    public double[,] VarianceMatrix() => (double[,])_vcov.Clone();

    /// <summary>Point estimate of a regressor by name.</summary>
    public double Coefficient(string name) => _estimates[IndexOf(name)];

    /// <summary>Index of a regressor name.</summary>
    public int IndexOf(string name)
    {
        for (int j = 0; j < Names.Count; j++)
            if (Names[j] == name) return j;
        throw new SpecificationException($"The threshold model has no regressor '{name}'; it has: {string.Join(", ", Names)}.");
    }

    /// <summary>The same fit with another variance (classical, HC0 or clustered by the entity), without refitting.</summary>
    /// <param name="vcov">The variance estimator.</param>
    /// <param name="correction">Small-sample convention of a clustered variance; null keeps this fit's.</param>
    /// <exception cref="SpecificationException">A variance a threshold fit does not offer.</exception>
    public ThresholdModelFit WithVcov(Vcov vcov, SmallSampleCorrection? correction = null)
    {
        ArgumentNullException.ThrowIfNull(vcov);
        return new(Thresholds, Names, _estimates, _bread, _white, _cluster, RegimeObservations, Sse, ResidualDegreesOfFreedom, Clusters,
            Observations, Dependent, EntityName, vcov, correction ?? Correction, ConfidenceLevel);
    }
}

/// <summary>The variance of a threshold fit under a <see cref="Vcov"/> and <see cref="SmallSampleCorrection"/>.</summary>
internal static class ThresholdVariance
{
    /// <summary>Checks that <paramref name="vcov"/> is one a threshold fit offers.</summary>
    public static void Validate(Vcov vcov, string entityName)
    {
        switch (vcov.Kind)
        {
            case VcovKind.Classical or VcovKind.HC0:
                return;
            case VcovKind.Cluster when vcov.ClusterBy[0] == entityName:
                return;
            case VcovKind.Cluster:
                throw new SpecificationException(
                    $"A threshold model can be clustered only by its entity '{entityName}' (the residual bootstrap resamples entities); got Vcov.Cluster(\"{vcov.ClusterBy[0]}\").");
            default:
                throw new SpecificationException(
                    $"A threshold model offers classical, White (HC0) or entity-clustered standard errors; got {vcov}.");
        }
    }

    public static (double[,] Matrix, VarianceSummary Summary) Compute(ThresholdModelFit fit, Vcov vcov, SmallSampleCorrection c,
        double[,] bread, double[,] white, double[,] cluster)
    {
        Validate(vcov, fit.EntityName);
        int k = fit.Names.Count, g = fit.Clusters, n = fit.Observations, df = fit.ResidualDegreesOfFreedom;
        switch (vcov.Kind)
        {
            case VcovKind.Classical:
                return (Scale(bread, fit.Sse / df), new VarianceSummary(VcovKind.Classical, c, 1, k, [], [], df, false,
                    "Classical standard errors, s² = SSE/(N(T − 1) − k)"));
            case VcovKind.HC0:
                return (Scale(white, 1), new VarianceSummary(VcovKind.HC0, c, 1, k, [], [], df, false,
                    "White (HC0) heteroskedasticity-robust standard errors, as in Hansen (1999)"));
            default:
            {
                int kc = c.ParameterCount switch
                {
                    ParameterCountRule.StataNestedExcluded => k + 1,
                    ParameterCountRule.AllParameters => k + g,
                    _ => k,
                };
                double factor = c.ClusterScale(g, n, kc);
                double tDf = c.ClusterDf == ClusterDegreesOfFreedom.ClustersMinusOne ? g - 1 : df;
                return (Scale(cluster, factor), new VarianceSummary(VcovKind.Cluster, c, factor, kc, [fit.EntityName], [g], tDf, false,
                    $"Standard errors clustered by entity ({fit.EntityName}, {g:N0} clusters), factor {factor.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}, K = {kc} ({c.Name} convention)"));
            }
        }
    }

    private static double[,] Scale(double[,] m, double s)
    {
        int k = m.GetLength(0);
        var r = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) r[i, j] = s * m[i, j];
        return r;
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
/// <param name="Fit">Regime coefficients and their inference.</param>
public sealed record ThresholdModel(
    int ThresholdCount,
    IReadOnlyList<double> Thresholds,
    IReadOnlyList<ThresholdEstimate> Estimates,
    IReadOnlyList<ThresholdSearch> Searches,
    ThresholdTest Test,
    ThresholdModelFit Fit);
