using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Results;

namespace DigitalEconomy.Econometrics.Gmm;

/// <summary>A χ² specification test: statistic, degrees of freedom, upper-tail p-value, and how it was computed.</summary>
/// <param name="Name">Short key, e.g. "hansen", "sargan".</param>
/// <param name="Statistic">χ² statistic.</param>
/// <param name="DegreesOfFreedom">Degrees of freedom.</param>
/// <param name="PValue">P(χ²(df) &gt; statistic).</param>
/// <param name="Description">Which residuals and weights the statistic uses.</param>
public sealed record ChiSquaredTest(string Name, double Statistic, int DegreesOfFreedom, double PValue, string Description)
{
    internal static ChiSquaredTest Of(string name, double statistic, int df, string description) =>
        new(name, statistic, df, Distributions.ChiSquaredUpper(statistic, df), description);
}

/// <summary>
/// Arellano–Bond (1991) test of order-<see cref="Order"/> serial correlation in the differenced residuals:
/// z = Σ<sub>i</sub> ê<sub>i,−k</sub>'ê<sub>i</sub> / √v̂, asymptotically N(0, 1) under no such correlation.
/// </summary>
/// <param name="Order">Order k.</param>
/// <param name="Z">z statistic.</param>
/// <param name="PValue">Two-sided normal p-value.</param>
public sealed record SerialCorrelationTest(int Order, double Z, double PValue);

/// <summary>
/// Difference-in-Hansen (C) test of the exogeneity of one instrument subset: C = J − J<sub>−g</sub>, with J<sub>−g</sub>
/// the two-step Hansen statistic of the model without the subset, weighted by the corresponding block of the full
/// model's moment covariance so that C ≥ 0 (Hayashi 2000, §3.6).
/// </summary>
/// <param name="Instruments">Label of the subset, e.g. "gmm(lemp, 2:.) levels".</param>
/// <param name="Count">Number of instrument columns in the subset.</param>
/// <param name="HansenExcluding">Hansen J of the model without the subset.</param>
/// <param name="HansenExcludingDf">Its degrees of freedom.</param>
/// <param name="Statistic">C = J − J<sub>−g</sub>.</param>
/// <param name="DegreesOfFreedom">The subset's column count.</param>
/// <param name="PValue">P(χ²(df) &gt; C).</param>
public sealed record DifferenceInHansenTest(string Instruments, int Count, double HansenExcluding, int HansenExcludingDf,
    double Statistic, int DegreesOfFreedom, double PValue);

/// <summary>
/// A fitted Arellano–Bond / Blundell–Bond dynamic panel GMM model: coefficients with z inference, the one- and
/// two-step estimates, the specification tests xtabond2 and plm report, and the instrument count.
/// </summary>
public sealed class GmmResult : IEstimationResult
{
    internal GmmResult() { }

    /// <inheritdoc/>
    public string Model => "gmm";

    /// <inheritdoc/>
    public string? Label { get; internal init; }

    /// <inheritdoc/>
    public required string Dependent { get; init; }

    /// <summary>Difference or system GMM.</summary>
    public GmmMethod Method { get; internal init; }

    /// <summary>One- or two-step.</summary>
    public GmmSteps Steps { get; internal init; }

    /// <summary>Whether the standard errors are robust (one-step sandwich or Windmeijer-corrected two-step).</summary>
    public bool Robust { get; internal init; }

    /// <inheritdoc/>
    public required IReadOnlyList<Coefficient> Coefficients { get; init; }

    /// <summary>Coefficient names in order (regressors, then the constant and period dummies when present).</summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>The reported estimate β̂ (one- or two-step, per <see cref="Steps"/>).</summary>
    public required IReadOnlyList<double> Estimates { get; init; }

    /// <summary>The one-step estimate (always computed: it builds the two-step weighting matrix).</summary>
    public required IReadOnlyList<double> OneStepEstimates { get; init; }

    /// <summary>The two-step estimate (always computed: Hansen's J uses it).</summary>
    public required IReadOnlyList<double> TwoStepEstimates { get; init; }

    private readonly double[,] _covariance = new double[0, 0];

    /// <summary>Variance matrix of <see cref="Estimates"/> (K × K; a copy, so the result stays immutable).</summary>
    public double[,] Covariance
    {
        get => (double[,])_covariance.Clone();
        internal init => _covariance = value;
    }

    /// <summary>
    /// Observations used: differenced observations for difference GMM; levels-equation observations for system GMM
    /// (xtabond2's convention; the differenced ones are in <see cref="DifferencedObservations"/>).
    /// </summary>
    public int Observations { get; internal init; }

    /// <summary>Differenced-equation observations entering the estimation.</summary>
    public int DifferencedObservations { get; internal init; }

    /// <summary>Levels-equation observations (0 for difference GMM).</summary>
    public int LevelObservations { get; internal init; }

    /// <summary>Groups (entities) contributing at least one observation.</summary>
    public int Groups { get; internal init; }

    /// <summary>Instrument columns (GMM-style, IV-style, constant and period dummies), after dropping all-zero columns.</summary>
    public int InstrumentCount { get; internal init; }

    /// <summary>Label of every instrument column, in order.</summary>
    public required IReadOnlyList<string> InstrumentNames { get; init; }

    /// <summary>Arellano–Bond tests of order 1, 2, … computed with the reported variance.</summary>
    public required IReadOnlyList<SerialCorrelationTest> SerialCorrelation { get; init; }

    /// <summary>
    /// Sargan's statistic (not robust): z₁'(Σ Z<sub>i</sub>'HZ<sub>i</sub>)⁻¹z₁ / σ̂² with z₁ = Σ Z<sub>i</sub>'ê₁<sub>i</sub> the
    /// one-step moments and σ̂² = Σ ê₁² / (2(n − K)), n the differenced observations. Reported for difference GMM
    /// with the standard H only (null otherwise, see <see cref="Notes"/>), for one- and two-step models alike, as xtabond2 does.
    /// </summary>
    public ChiSquaredTest? Sargan { get; internal init; }

    /// <summary>
    /// Hansen's J: z₂'Ŝ₁⁻¹z₂ with z₂ the two-step moments and Ŝ₁ = Σ Z<sub>i</sub>'ê₁<sub>i</sub>ê₁<sub>i</sub>'Z<sub>i</sub> from one-step
    /// residuals — the minimised two-step criterion, reported for one-step models too (xtabond2's convention). For a
    /// two-step model it equals plm's <c>sargan()</c>.
    /// </summary>
    public required ChiSquaredTest Hansen { get; init; }

    /// <summary>
    /// One-step models only: z₁'Ŝ₁⁻¹z₁, the robust criterion evaluated at the one-step estimate — what plm's
    /// <c>sargan()</c> (and <c>summary()</c>) reports for a one-step model. Null for two-step models.
    /// </summary>
    public ChiSquaredTest? HansenAtOneStep { get; internal init; }

    /// <summary>Difference-in-Hansen tests, one per instrument subset (GMM sets per equation, the levels equation, IV instruments).</summary>
    public required IReadOnlyList<DifferenceInHansenTest> DifferenceInHansen { get; init; }

    /// <summary>Wald χ² test that all coefficients but the constant and period dummies are zero, with the reported variance.</summary>
    public required ChiSquaredTest Wald { get; init; }

    /// <inheritdoc/>
    public VarianceSummary? Variance { get; internal init; }

    /// <inheritdoc/>
    public IReadOnlyList<FitStatistic> FitStatistics =>
    [
        new("nobs", "Observations", Observations, true),
        new("groups", "Groups", Groups, true),
        new("instruments", "Instruments", InstrumentCount, true),
        new("ar1_p", "AR(1) p-value", SerialCorrelation.Count > 0 ? SerialCorrelation[0].PValue : double.NaN),
        new("ar2_p", "AR(2) p-value", SerialCorrelation.Count > 1 ? SerialCorrelation[1].PValue : double.NaN),
        new("hansen_p", "Hansen p-value", Hansen.PValue),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<string> AbsorbedEffects => ["entity (differenced out)"];

    /// <inheritdoc/>
    public required IReadOnlyList<string> Notes { get; init; }
}
