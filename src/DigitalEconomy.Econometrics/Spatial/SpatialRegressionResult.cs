using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Results;

namespace DigitalEconomy.Econometrics.Spatial;

/// <summary>
/// LeSage and Pace (2009, ch. 2) effects of one regressor x_r in a model with a spatial lag:
/// S_r(W) = (I − ρW)⁻¹(β_r I + θ_r W); direct = tr(S_r)/N, total = 1'S_r 1/N (= (β_r + θ_r)/(1 − ρ) for row-standardised W),
/// indirect = total − direct. Standard errors by simulation from N(θ̂, V̂) and by the delta method.
/// </summary>
/// <param name="Name">Regressor.</param>
/// <param name="Direct">Average direct effect.</param>
/// <param name="Indirect">Average indirect (spillover) effect.</param>
/// <param name="Total">Average total effect.</param>
/// <param name="DirectSe">Simulated SE of the direct effect (NaN without simulations).</param>
/// <param name="IndirectSe">Simulated SE of the indirect effect.</param>
/// <param name="TotalSe">Simulated SE of the total effect.</param>
/// <param name="DirectSeDelta">Delta-method SE of the direct effect.</param>
/// <param name="IndirectSeDelta">Delta-method SE of the indirect effect.</param>
/// <param name="TotalSeDelta">Delta-method SE of the total effect.</param>
public sealed record SpatialImpact(string Name, double Direct, double Indirect, double Total,
    double DirectSe, double IndirectSe, double TotalSe, double DirectSeDelta, double IndirectSeDelta, double TotalSeDelta);

/// <summary>A χ² test of a spatial specification.</summary>
/// <param name="Name">Test name, e.g. "lm_lag", "wald_sdm_vs_sar".</param>
/// <param name="Statistic">Statistic.</param>
/// <param name="Df">Degrees of freedom of the χ² reference.</param>
/// <param name="PValue">P(χ²_df &gt; statistic).</param>
public sealed record SpatialTest(string Name, double Statistic, double Df, double PValue)
{
    internal static SpatialTest ChiSquared(string name, double statistic, double df) =>
        new(name, statistic, df, Distributions.ChiSquaredUpper(statistic, df));
}

/// <summary>
/// Lagrange multiplier tests on the non-spatial (within) regression, with e the OLS residuals, σ̂² = e'e/n and
/// T_W = T·tr(W'W + W²) over the T periods (Anselin 1988; Anselin, Bera, Florax and Yoon 1996; Elhorst 2010 for panels):
/// LM_err = (e'We/σ̂²)²/T_W; LM_lag = (e'Wy/σ̂²)²/J with J = ‖M(WXβ̂)‖²/σ̂² + T_W; robust LM_lag = (e'Wy/σ̂² − e'We/σ̂²)²/(J − T_W);
/// robust LM_err = (e'We/σ̂² − (T_W/J)·e'Wy/σ̂²)²/(T_W(1 − T_W/J)). Each is χ²(1).
/// </summary>
/// <param name="LmLag">LM test of a spatial lag.</param>
/// <param name="LmError">LM test of spatial error autocorrelation.</param>
/// <param name="RobustLmLag">Lag test robust to a local error process.</param>
/// <param name="RobustLmError">Error test robust to a local lag.</param>
public sealed record SpatialLmTests(SpatialTest LmLag, SpatialTest LmError, SpatialTest RobustLmLag, SpatialTest RobustLmError);

/// <summary>
/// A spatial panel (or cross-section) model fitted by maximum likelihood. Coefficients list β (and the W·x terms
/// θ named "W:x" for the SDM), then "rho" (spatial lag) and/or "lambda" (spatial error), with asymptotic standard
/// errors from the analytic information matrix (numerical Hessian for the SAC) and z tests.
/// </summary>
/// <remarks>R's splm reports the spatial-lag coefficient under the name "lambda"; here it is "rho", and "lambda" is the
/// spatial error coefficient, as in spatialreg and xsmle.</remarks>
public sealed class SpatialRegressionResult : IEstimationResult
{
    internal SpatialRegressionResult(
        SpatialModelKind kind, SpatialEffects effects, bool leeYu, string? label, string dependent,
        IReadOnlyList<Coefficient> coefficients, double[,] covariance, double? rho, double? lambda, double sigma2,
        double logLikelihood, int entities, int periods, IReadOnlyList<SpatialImpact> impacts, SpatialLmTests? lmTests,
        IReadOnlyList<SpatialTest> tests, string logDeterminantMethod, IReadOnlyList<string> notes)
    {
        Kind = kind;
        Effects = effects;
        LeeYu = leeYu;
        Label = label;
        Dependent = dependent;
        Coefficients = coefficients;
        _covariance = covariance;
        Rho = rho;
        Lambda = lambda;
        Sigma2 = sigma2;
        LogLikelihood = logLikelihood;
        Entities = entities;
        Periods = periods;
        Impacts = impacts;
        LmTests = lmTests;
        Tests = tests;
        LogDeterminantMethod = logDeterminantMethod;
        Notes = notes;
    }

    private readonly double[,] _covariance;

    /// <summary>"spatial".</summary>
    public string Model => "spatial";

    /// <summary>The model estimated.</summary>
    public SpatialModelKind Kind { get; }

    /// <summary>The fixed effects removed.</summary>
    public SpatialEffects Effects { get; }

    /// <summary>True when the Lee–Yu transformation approach was used.</summary>
    public bool LeeYu { get; }

    /// <inheritdoc />
    public string? Label { get; }

    /// <inheritdoc />
    public string Dependent { get; }

    /// <inheritdoc />
    public IReadOnlyList<Coefficient> Coefficients { get; }

    /// <summary>Asymptotic covariance of <see cref="Coefficients"/> (same order).</summary>
    public double[,] Covariance => (double[,])_covariance.Clone();

    /// <summary>Spatial-lag coefficient ρ (SAR, SDM, SAC), else null.</summary>
    public double? Rho { get; }

    /// <summary>Spatial-error coefficient λ (SEM, SAC), else null.</summary>
    public double? Lambda { get; }

    /// <summary>ML residual variance σ̂² = e'e/n (n = NT, or the Lee–Yu effective sample).</summary>
    public double Sigma2 { get; }

    /// <summary>Maximised log-likelihood.</summary>
    public double LogLikelihood { get; }

    /// <summary>Number of entities N.</summary>
    public int Entities { get; }

    /// <summary>Number of periods T.</summary>
    public int Periods { get; }

    /// <inheritdoc />
    public int Observations => Entities * Periods;

    /// <summary>Direct, indirect and total effects (empty for the SEM).</summary>
    public IReadOnlyList<SpatialImpact> Impacts { get; }

    /// <summary>LM tests on the non-spatial within model (null when not requested).</summary>
    public SpatialLmTests? LmTests { get; }

    /// <summary>Further tests (SDM against SAR and SEM).</summary>
    public IReadOnlyList<SpatialTest> Tests { get; }

    /// <summary>How log|I − ρW| was evaluated.</summary>
    public string LogDeterminantMethod { get; }

    /// <inheritdoc />
    public VarianceSummary? Variance => null;

    /// <inheritdoc />
    public IReadOnlyList<FitStatistic> FitStatistics =>
    [
        new("log_likelihood", "Log-likelihood", LogLikelihood),
        new("sigma2", "σ²", Sigma2),
        new("entities", "Entities", Entities, true),
        new("periods", "Periods", Periods, true),
    ];

    /// <inheritdoc />
    public IReadOnlyList<string> AbsorbedEffects => Effects switch
    {
        SpatialEffects.Entity => ["entity"],
        SpatialEffects.Time => ["time"],
        SpatialEffects.TwoWay => ["entity", "time"],
        _ => [],
    };

    /// <inheritdoc />
    public IReadOnlyList<string> Notes { get; }
}
