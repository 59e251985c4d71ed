using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Results;

namespace DigitalEconomy.Econometrics.Regression;

/// <summary>Which linear panel estimator produced a result.</summary>
public enum PanelEstimator
{
    /// <summary>Pooled OLS (no fixed effects).</summary>
    PooledOls,
    /// <summary>Within estimator with one or more absorbed fixed effects.</summary>
    FixedEffects,
}

/// <summary>Variance components of a random-effects model (Swamy and Arora 1972).</summary>
/// <param name="SigmaU">σ_u, the standard deviation of the entity effect.</param>
/// <param name="SigmaE">σ_e, the standard deviation of the idiosyncratic error.</param>
/// <param name="Rho">σ_u² / (σ_u² + σ_e²).</param>
/// <param name="ThetaMin">Smallest quasi-demeaning weight θ_i = 1 − √(σ_e² / (T_i σ_u² + σ_e²)).</param>
/// <param name="ThetaMax">Largest θ_i (equal to ThetaMin on a balanced panel).</param>
public sealed record RandomEffectsComponents(double SigmaU, double SigmaE, double Rho, double ThetaMin, double ThetaMax);

/// <summary>
/// Everything a linear panel regression produced, immutable: coefficients with inference, the variance
/// matrix, sample and fixed-effect sizes, fit statistics, dropped regressors, singleton count, convergence
/// and the variance convention used. Tables are built from it in the Reporting namespace
/// (<c>result.ToTable()</c>, <c>RegressionTable</c>).
/// </summary>
public sealed class PanelRegressionResult : IEstimationResult
{
    private readonly double[,] _vcov;
    private readonly double[] _residuals;
    private readonly double[] _y;
    private readonly int[]? _rows;
    private readonly Dictionary<string, int> _index;

    internal PanelRegressionResult(
        PanelEstimator estimator, string? label, string dependent, IReadOnlyList<Coefficient> coefficients, double[,] vcov,
        int observations, MissingValueReport? missing, int singletonCount, bool singletonsDropped,
        IReadOnlyList<FixedEffectSummary> fixedEffects, int absorbedParameters, int parameterCount,
        double rss, double tss, double tssWithin, FTestResult? fTest, IReadOnlyList<DroppedVariable> dropped,
        DemeaningReport convergence, LeastSquaresMethod solver, VarianceSummary variance, double confidenceLevel,
        IReadOnlyList<string> notes, double[] y, double[] residuals, int[]? rows)
    {
        Estimator = estimator;
        Label = label;
        Dependent = dependent;
        Coefficients = coefficients;
        _vcov = vcov;
        Observations = observations;
        MissingValues = missing;
        SingletonCount = singletonCount;
        SingletonsDropped = singletonsDropped;
        FixedEffects = fixedEffects;
        AbsorbedParameters = absorbedParameters;
        ParameterCount = parameterCount;
        Rss = rss;
        Tss = tss;
        TssWithin = tssWithin;
        FTest = fTest;
        Dropped = dropped;
        Convergence = convergence;
        Solver = solver;
        Variance = variance;
        ConfidenceLevel = confidenceLevel;
        Notes = notes;
        _y = y;
        _residuals = residuals;
        _rows = rows;
        _index = coefficients.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Estimator.</summary>
    public PanelEstimator Estimator { get; }

    /// <summary>"pooled_ols" or "fixed_effects" (the model names of the JSON documents; random effects are a <see cref="RandomEffectsResult"/>).</summary>
    public string Model => Estimator == PanelEstimator.PooledOls ? "pooled_ols" : "fixed_effects";

    /// <summary>
    /// Observations, R², within R² (with fixed effects), adjusted R², root MSE and the cluster counts, in the
    /// order a regression table shows them.
    /// </summary>
    public IReadOnlyList<FitStatistic> FitStatistics
    {
        get
        {
            var list = new List<FitStatistic> { new("n", "Observations", Observations, IsCount: true), new("r2", "R²", RSquared) };
            if (FixedEffects.Count > 0) list.Add(new FitStatistic("r2_within", "Within R²", RSquaredWithin));
            list.Add(new FitStatistic("r2_adjusted", "Adjusted R²", AdjustedRSquared));
            list.Add(new FitStatistic("rmse", "Root MSE", RootMse));
            for (int i = 0; i < Variance.ClusterVariables.Count; i++)
                list.Add(new FitStatistic(Variance.ClusterVariables.Count == 1 ? "clusters" : $"clusters_{Variance.ClusterVariables[i]}",
                    $"Clusters ({Variance.ClusterVariables[i]})", Variance.ClusterCounts[i], IsCount: true));
            return list;
        }
    }

    /// <summary>Names of the absorbed fixed effects, in model order.</summary>
    public IReadOnlyList<string> AbsorbedEffects => FixedEffects.Select(f => f.Name).ToArray();

    /// <summary>Model label (column header in tables), if one was given.</summary>
    public string? Label { get; }

    /// <summary>Outcome name.</summary>
    public string Dependent { get; }

    /// <summary>Estimated coefficients in model order (dropped regressors are not listed; see <see cref="Dropped"/>).</summary>
    public IReadOnlyList<Coefficient> Coefficients { get; }

    /// <summary>The coefficient of <paramref name="name"/>.</summary>
    /// <exception cref="SpecificationException">No estimated coefficient has that name (it may have been dropped).</exception>
    public Coefficient this[string name] => _index.TryGetValue(name, out int i)
        ? Coefficients[i]
        : throw new SpecificationException(
            Dropped.FirstOrDefault(d => d.Name == name) is { } d ? d.ToString() + "." : $"The model has no coefficient '{name}'; it has: {string.Join(", ", Coefficients.Select(c => c.Name))}.");

    /// <summary>True when the model estimated a coefficient named <paramref name="name"/>.</summary>
    public bool HasCoefficient(string name) => _index.ContainsKey(name);

    /// <summary>A copy of the variance–covariance matrix of <see cref="Coefficients"/> (same order).</summary>
    public double[,] VarianceMatrix() => (double[,])_vcov.Clone();

    /// <summary>The variance–covariance matrix of <see cref="Coefficients"/>, labelled by coefficient name.</summary>
    public VarianceMatrix CoefficientVariance => new(Coefficients.Select(c => c.Name).ToArray(), _vcov);

    /// <summary>What the fit kept to recompute its inference.</summary>
    internal FitContext? Context { get; init; }

    /// <summary>
    /// The same fit with another variance estimator, without refitting (fixest's <c>summary(est, vcov = …)</c>):
    /// coefficients, standard errors, t tests, confidence intervals, the F test and the variance notes are
    /// recomputed from the stored within-transformed design and residuals; estimates, R² and the sample are unchanged.
    /// Clustering on a column that was not part of the fit uses the panel the model was fitted on.
    /// </summary>
    /// <param name="vcov">The variance estimator, e.g. <c>Vcov.Cluster("province")</c>.</param>
    /// <param name="correction">Small-sample convention; null keeps the fit's.</param>
    /// <returns>A new result; this one is unchanged.</returns>
    /// <exception cref="SpecificationException">A cluster column that is unavailable or has fewer than 2 clusters.</exception>
    public PanelRegressionResult WithVcov(Vcov vcov, SmallSampleCorrection? correction = null)
    {
        ArgumentNullException.ThrowIfNull(vcov);
        var context = Context ?? throw new SpecificationException(
            "This fit kept no design to recompute its variance; refit with the other Vcov.");
        return LinearPanelEstimator.WithVcov(context, vcov, correction);
    }

    /// <summary>Cov(β_a, β_b).</summary>
    public double Covariance(string a, string b) => _vcov[IndexOf(a), IndexOf(b)];

    private int IndexOf(string name) => _index.TryGetValue(name, out int i) ? i : throw new SpecificationException($"The model has no coefficient '{name}'.");

    /// <summary>N, observations used.</summary>
    public int Observations { get; }

    /// <summary>What listwise deletion removed (null for the array entry, which allows no missing values).</summary>
    public MissingValueReport? MissingValues { get; }

    /// <summary>Observations that are alone in a level of some fixed effect (found iteratively, as reghdfe does).</summary>
    public int SingletonCount { get; }

    /// <summary>True when the singletons were dropped before estimation (then <see cref="Observations"/> excludes them).</summary>
    public bool SingletonsDropped { get; }

    /// <summary>Absorbed fixed effects with their level counts.</summary>
    public IReadOnlyList<FixedEffectSummary> FixedEffects { get; }

    /// <summary>Rank of the fixed-effect dummies (intercept included); 0 for pooled OLS.</summary>
    public int AbsorbedParameters { get; }

    /// <summary>K_all = estimated slopes (+ intercept) + absorbed parameters.</summary>
    public int ParameterCount { get; }

    /// <summary>Residual degrees of freedom N − K_all.</summary>
    public int ResidualDegreesOfFreedom => Observations - ParameterCount;

    /// <summary>Residual sum of squares Σe².</summary>
    public double Rss { get; }

    /// <summary>Total sum of squares of y about its mean.</summary>
    public double Tss { get; }

    /// <summary>Sum of squares of y after removing all fixed effects (equals <see cref="Tss"/> without them).</summary>
    public double TssWithin { get; }

    /// <summary>R² = 1 − RSS/TSS, fixed effects counted as explained (reghdfe "R-squared", fixest r2).</summary>
    public double RSquared => 1 - Rss / Tss;

    /// <summary>Within R² = 1 − RSS/TSS_within (plm r.squared, reghdfe "Within R-sq.").</summary>
    public double RSquaredWithin => 1 - Rss / TssWithin;

    /// <summary>Adjusted R² = 1 − (1 − R²)(N − 1)/(N − K_all).</summary>
    public double AdjustedRSquared => 1 - (1 - RSquared) * (Observations - 1) / ResidualDegreesOfFreedom;

    /// <summary>Adjusted within R² = 1 − (1 − R²_w)(N − A)/(N − K_all), A = absorbed parameters (fixest wr2 adjusted).</summary>
    public double AdjustedRSquaredWithin =>
        1 - (1 - RSquaredWithin) * (Observations - Math.Max(AbsorbedParameters, Estimator == PanelEstimator.PooledOls ? 1 : 0)) / ResidualDegreesOfFreedom;

    /// <summary>Root mean squared error √(RSS/(N − K_all)).</summary>
    public double RootMse => Math.Sqrt(Rss / ResidualDegreesOfFreedom);

    /// <summary>Wald F test of all slopes; null when it cannot be computed (e.g. fewer clusters than slopes; see <see cref="Notes"/>).</summary>
    public FTestResult? FTest { get; }

    /// <summary>Regressors not estimated, with the reason.</summary>
    public IReadOnlyList<DroppedVariable> Dropped { get; }

    /// <summary>How the fixed effects were removed (method, iterations).</summary>
    public DemeaningReport Convergence { get; }

    /// <summary>Factorisation used for the least-squares step.</summary>
    internal LeastSquaresMethod Solver { get; }

    /// <summary>The variance estimator and small-sample convention used.</summary>
    public VarianceSummary Variance { get; }

    /// <summary>Confidence level of <see cref="Coefficient.ConfLow"/>/<see cref="Coefficient.ConfHigh"/>.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Notes for the reader (dropped variables, singletons, missing values, numerical remarks).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Residuals e = ỹ − X̃β̂ of the estimation sample (for FE models these are the within residuals, which equal the LSDV residuals).</summary>
    public double[] Residuals() => (double[])_residuals.Clone();

    /// <summary>Fitted values y − e, fixed effects included (the LSDV fitted values), one per estimation row.</summary>
    public double[] FittedValues()
    {
        var f = new double[_y.Length];
        for (int r = 0; r < f.Length; r++) f[r] = _y[r] - _residuals[r];
        return f;
    }

    /// <summary>Indices of the estimation rows in the input panel (after listwise deletion and singleton dropping).</summary>
    public IReadOnlyList<int> EstimationRows => _rows ?? (IReadOnlyList<int>)Enumerable.Range(0, _y.Length).ToArray();

    /// <summary>The panel and model this result was fitted from (null for the array entry), for post-estimation.</summary>
    internal ModelSource? Source { get; set; }

    /// <summary>A one-line description, e.g. "FixedEffects: gap ~ dei + gov (N = 3420)"; tables come from the Reporting namespace.</summary>
    public override string ToString() =>
        $"{Estimator}: {Dependent} ~ {string.Join(" + ", Coefficients.Select(c => c.Name))} (N = {Observations})";
}
