using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Results;

namespace DigitalEconomy.Econometrics.Iv;

/// <summary>A χ² test: statistic, degrees of freedom and upper-tail p-value.</summary>
/// <param name="Name">Stable snake_case name, e.g. "hansen_j", "sargan", "kleibergen_paap_rk_lm", "anderson_lm", "c_statistic".</param>
/// <param name="Statistic">Test statistic.</param>
/// <param name="Df">Degrees of freedom.</param>
/// <param name="PValue">P(χ²_df &gt; statistic).</param>
public sealed record IvChiSquaredTest(string Name, double Statistic, int Df, double PValue);

/// <summary>An F test: statistic, numerator and denominator degrees of freedom and p-value.</summary>
/// <param name="Statistic">F statistic.</param>
/// <param name="NumeratorDf">Numerator degrees of freedom.</param>
/// <param name="DenominatorDf">Denominator degrees of freedom (G − 1 when clustered).</param>
/// <param name="PValue">P(F &gt; statistic).</param>
public sealed record IvFTest(double Statistic, int NumeratorDf, double DenominatorDf, double PValue);

/// <summary>One interval of a confidence set; bounds may be infinite.</summary>
/// <param name="Low">Lower bound (−∞ when unbounded below).</param>
/// <param name="High">Upper bound (+∞ when unbounded above).</param>
public sealed record ConfidenceInterval(double Low, double High);

/// <summary>
/// The Anderson and Rubin (1949) test of H₀: β₁ = 0 for all endogenous coefficients, valid whatever the
/// strength of the instruments: regress y − X₁β₁⁰ on the instruments and test the excluded ones, with the
/// model's variance estimator. For one endogenous regressor the confidence set {β⁰ : F(β⁰) ≤ F_crit} is
/// obtained exactly by inversion; it may be a bounded interval, the union of two half-lines, the whole
/// line, or empty.
/// </summary>
/// <param name="F">F statistic (χ²/L₁ with ivreg2's scaling).</param>
/// <param name="ChiSquared">The χ²(L₁) form.</param>
/// <param name="ConfidenceSet">The pieces of the confidence set at <see cref="Level"/>; null with several endogenous regressors.</param>
/// <param name="Level">Confidence level of the set.</param>
public sealed record AndersonRubinTest(IvFTest F, IvChiSquaredTest ChiSquared, IReadOnlyList<ConfidenceInterval>? ConfidenceSet, double Level)
{
    /// <summary>True when the set is unbounded (weak instruments are then a concern).</summary>
    public bool IsUnbounded => ConfidenceSet is { Count: > 0 } s && (double.IsInfinity(s[0].Low) || double.IsInfinity(s[^1].High));

    /// <summary>True when the set consists of more than one piece.</summary>
    public bool IsDisjoint => ConfidenceSet is { Count: > 1 };

    /// <summary>A sentence describing the shape of the set.</summary>
    public string Describe()
    {
        if (ConfidenceSet is null) return "Anderson–Rubin confidence set not computed (more than one endogenous regressor).";
        string pct = (Level * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        if (ConfidenceSet.Count == 0) return $"The {pct}% Anderson–Rubin confidence set is empty (the over-identifying restrictions are rejected at every value).";
        var pieces = string.Join(" ∪ ", ConfidenceSet.Select(c => $"[{Bound(c.Low)}, {Bound(c.High)}]"));
        var shape = ConfidenceSet.Count > 1 ? "disjoint and unbounded" : IsUnbounded ? "unbounded" : "bounded";
        return $"The {pct}% Anderson–Rubin confidence set is {shape}: {pieces}.";
    }

    private static string Bound(double v) =>
        double.IsNegativeInfinity(v) ? "−∞" : double.IsPositiveInfinity(v) ? "+∞" : v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One tabulated Stock–Yogo critical value for the Cragg–Donald F statistic.</summary>
/// <param name="Table">Table name: 2sls_relative_bias, 2sls_size, liml_size, fuller_relative_bias, fuller_maximal_bias.</param>
/// <param name="Threshold">Threshold key, e.g. "bias_10pct" (maximal relative bias 10%) or "size_15pct" (maximal size 15% of a nominal 5% test).</param>
/// <param name="Value">Critical value (reject weak instruments when the F statistic exceeds it).</param>
public sealed record StockYogoCriticalValue(string Table, string Threshold, double Value);

/// <summary>Weak- and under-identification statistics (Cragg and Donald 1993; Kleibergen and Paap 2006; Stock and Yogo 2005).</summary>
/// <param name="CraggDonaldF">Cragg–Donald Wald F: min eigenvalue form λ/(1 − λ)·(N − L)/L₁, λ the smallest squared canonical correlation.</param>
/// <param name="KleibergenPaapWaldF">Kleibergen–Paap rk Wald F (robust or clustered variances only; null with classical variance).</param>
/// <param name="Underidentification">Kleibergen–Paap rk LM (robust/cluster) or Anderson canonical-correlation LM (classical), χ²(L₁ − K₁ + 1).</param>
/// <param name="StockYogo">Critical values relevant to the estimator for the model's K₁ and L₁ (empty when not tabulated).</param>
public sealed record IvWeakIdentification(double CraggDonaldF, double? KleibergenPaapWaldF, IvChiSquaredTest Underidentification,
    IReadOnlyList<StockYogoCriticalValue> StockYogo)
{
    /// <summary>Attribution of the critical values.</summary>
    public static string StockYogoSource => StockYogoTables.Attribution;
}

/// <summary>
/// A least-squares regression reported beside the IV estimate — OLS of y on X, the reduced form (y on Z) or
/// a first stage (an endogenous regressor on Z) — over the same estimation sample and fixed effects.
/// </summary>
public sealed class IvAuxiliaryRegression : IEstimationResult
{
    internal IvAuxiliaryRegression(string model, string? label, string dependent, IReadOnlyList<Coefficient> coefficients, double[,] covariance,
        int observations, VarianceSummary variance, IReadOnlyList<FitStatistic> fit, IReadOnlyList<string> absorbed,
        IReadOnlyList<string> notes, IvFTest? excludedF, double rss)
    {
        Model = model; Label = label; Dependent = dependent; Coefficients = coefficients; _covariance = covariance;
        Observations = observations; Variance = variance; FitStatistics = fit; AbsorbedEffects = absorbed; Notes = notes;
        ExcludedInstrumentsF = excludedF; Rss = rss;
    }

    /// <summary>"ols", "reduced_form" or "first_stage".</summary>
    public string Model { get; }
    /// <inheritdoc/>
    public string? Label { get; }
    /// <inheritdoc/>
    public string Dependent { get; }
    /// <inheritdoc/>
    public IReadOnlyList<Coefficient> Coefficients { get; }
    /// <summary>Variance matrix of the coefficients, in <see cref="Coefficients"/> order (a copy).</summary>
    public double[,] Covariance => (double[,])_covariance.Clone();
    private readonly double[,] _covariance;
    /// <inheritdoc/>
    public int Observations { get; }
    /// <inheritdoc/>
    public VarianceSummary? Variance { get; }
    /// <inheritdoc/>
    public IReadOnlyList<FitStatistic> FitStatistics { get; }
    /// <inheritdoc/>
    public IReadOnlyList<string> AbsorbedEffects { get; }
    /// <inheritdoc/>
    public IReadOnlyList<string> Notes { get; }
    /// <summary>F test that the excluded instruments' coefficients are zero (reduced form and first stage), ivreg2 scaling; null for OLS.</summary>
    public IvFTest? ExcludedInstrumentsF { get; }
    /// <summary>Residual sum of squares.</summary>
    public double Rss { get; }
    /// <summary>Looks up a coefficient by name.</summary>
    public Coefficient this[string name] => Coefficients.FirstOrDefault(c => c.Name == name)
        ?? throw new KeyNotFoundException($"No coefficient '{name}'; available: {string.Join(", ", Coefficients.Select(c => c.Name))}.");
}

/// <summary>
/// The first stage of one endogenous regressor: its regression on all instruments and the strength of the
/// excluded instruments — F, partial R², Shea's partial R², and the Sanderson–Windmeijer (2016) and
/// Angrist–Pischke (2009) conditional F statistics, which with several endogenous regressors measure
/// the instruments' strength for this regressor given the others (they equal F with one).
/// </summary>
/// <param name="Endogenous">The endogenous regressor.</param>
/// <param name="Regression">Its regression on [Z₁, X₂]; variance with the small-sample factor (N − 1)/(N − L)·G/(G − 1) as ivreg2 saves it.</param>
/// <param name="F">F test of the excluded instruments.</param>
/// <param name="SandersonWindmeijerF">Sanderson–Windmeijer conditional F, df L₁ − K₁ + 1.</param>
/// <param name="AngristPischkeF">Angrist–Pischke conditional F, df L₁ − K₁ + 1.</param>
/// <param name="PartialR2">Partial R² of the excluded instruments.</param>
/// <param name="SheaPartialR2">Shea (1997) partial R².</param>
/// <param name="Rmse">√(RSS/(N − L)).</param>
public sealed record IvFirstStage(string Endogenous, IvAuxiliaryRegression Regression, IvFTest F, IvFTest SandersonWindmeijerF,
    IvFTest AngristPischkeF, double PartialR2, double SheaPartialR2, double Rmse);

/// <summary>
/// A fitted linear instrumental-variables model: coefficients with the chosen variance, first stages,
/// weak-identification, over-identification, endogeneity and Anderson–Rubin statistics.
/// </summary>
public sealed class IvResult : IEstimationResult
{
    private readonly double[,] _covariance;

    internal IvResult(IvSpecification specification, IvOptions options, IReadOnlyList<Coefficient> coefficients, double[,] covariance,
        int observations, VarianceSummary variance, IReadOnlyList<FitStatistic> fit, IReadOnlyList<string> notes,
        double? kClass, double rss, double sigma, IReadOnlyList<IvFirstStage> firstStages, IvWeakIdentification weak,
        IvChiSquaredTest? overid, IvChiSquaredTest? endogeneity, AndersonRubinTest andersonRubin, MissingValueReport? missing)
    {
        Specification = specification; Options = options; Coefficients = coefficients; _covariance = covariance;
        Observations = observations; Variance = variance; FitStatistics = fit; Notes = notes; KClass = kClass; Rss = rss; Sigma = sigma;
        FirstStages = firstStages; WeakIdentification = weak; Overidentification = overid; Endogeneity = endogeneity;
        AndersonRubin = andersonRubin; Missing = missing;
    }

    /// <summary>"iv".</summary>
    public string Model => "iv";
    /// <inheritdoc/>
    public string? Label => Options.Label;
    /// <inheritdoc/>
    public string Dependent => Specification.Dependent;
    /// <summary>The model.</summary>
    public IvSpecification Specification { get; }
    /// <summary>The settings used.</summary>
    public IvOptions Options { get; }
    /// <summary>The estimator.</summary>
    public IvEstimator Estimator => Options.Estimator;
    /// <summary>Coefficients: endogenous regressors first, then the exogenous ones (the constant last).</summary>
    public IReadOnlyList<Coefficient> Coefficients { get; }
    /// <summary>Variance matrix in <see cref="Coefficients"/> order (a copy).</summary>
    public double[,] Covariance => (double[,])_covariance.Clone();
    /// <inheritdoc/>
    public int Observations { get; }
    /// <inheritdoc/>
    public VarianceSummary? Variance { get; }
    /// <inheritdoc/>
    public IReadOnlyList<FitStatistic> FitStatistics { get; }
    /// <inheritdoc/>
    public IReadOnlyList<string> AbsorbedEffects => Specification.FixedEffects;
    /// <inheritdoc/>
    public IReadOnlyList<string> Notes { get; }
    /// <summary>k of the k-class estimator (1 for 2SLS, λ_min for LIML, λ_min − α/(N − L) for Fuller; null for GMM).</summary>
    public double? KClass { get; }
    /// <summary>Residual sum of squares.</summary>
    public double Rss { get; }
    /// <summary>σ̂ = √(RSS/(N − K)) with small-sample rules, √(RSS/N) without.</summary>
    public double Sigma { get; }
    /// <summary>One first stage per endogenous regressor.</summary>
    public IReadOnlyList<IvFirstStage> FirstStages { get; }
    /// <summary>Weak-identification statistics.</summary>
    public IvWeakIdentification WeakIdentification { get; }
    /// <summary>Hansen J (robust/cluster) or Sargan (classical) test; null when exactly identified.</summary>
    public IvChiSquaredTest? Overidentification { get; }
    /// <summary>Endogeneity test of all endogenous regressors (C statistic); null when it could not be computed.</summary>
    public IvChiSquaredTest? Endogeneity { get; }
    /// <summary>Anderson–Rubin weak-instrument-robust test and confidence set.</summary>
    public AndersonRubinTest AndersonRubin { get; }
    /// <summary>Listwise-deletion report.</summary>
    public MissingValueReport? Missing { get; }
    /// <summary>Looks up a coefficient by name.</summary>
    public Coefficient this[string name] => Coefficients.FirstOrDefault(c => c.Name == name)
        ?? throw new KeyNotFoundException($"No coefficient '{name}'; available: {string.Join(", ", Coefficients.Select(c => c.Name))}.");
}

/// <summary>
/// The usual endogeneity table in one object: OLS, the reduced form, the first stages and the IV estimate,
/// all on the same estimation sample.
/// </summary>
/// <param name="Ols">OLS of y on X (the IV model's small-sample rules).</param>
/// <param name="ReducedForm">y on all instruments.</param>
/// <param name="Iv">The IV fit (its first stages are in <see cref="IvResult.FirstStages"/>).</param>
public sealed record IvComparison(IvAuxiliaryRegression Ols, IvAuxiliaryRegression ReducedForm, IvResult Iv)
{
    /// <summary>The columns of the table in order: OLS, reduced form, each first stage, IV.</summary>
    public IReadOnlyList<IEstimationResult> Models =>
        [Ols, ReducedForm, .. Iv.FirstStages.Select(f => (IEstimationResult)f.Regression), Iv];
}
