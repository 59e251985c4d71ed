namespace DigitalEconomy.Econometrics.Spatial;

/// <summary>Which spatial model to estimate.</summary>
public enum SpatialModelKind
{
    /// <summary>Spatial autoregressive (lag) model y = ρWy + Xβ + ε.</summary>
    Sar,
    /// <summary>Spatial error model y = Xβ + u, u = λWu + ε.</summary>
    Sem,
    /// <summary>Spatial Durbin model y = ρWy + Xβ + WXθ + ε (the W·x terms are named "W:x").</summary>
    Sdm,
    /// <summary>Spatial autoregressive model with autoregressive errors y = ρWy + Xβ + u, u = λWu + ε (same W in both).</summary>
    Sac,
}

/// <summary>Fixed effects of a spatial panel model.</summary>
public enum SpatialEffects
{
    /// <summary>No fixed effects: a pooled model (or a single cross-section) with an intercept.</summary>
    None,
    /// <summary>Entity (spatial) fixed effects.</summary>
    Entity,
    /// <summary>Time-period fixed effects.</summary>
    Time,
    /// <summary>Entity and time fixed effects.</summary>
    TwoWay,
}

/// <summary>Options of <see cref="SpatialRegression.Fit"/>.</summary>
/// <param name="Dependent">Dependent variable y.</param>
/// <param name="Regressors">Regressors X (without the W·x terms; <see cref="SpatialModelKind.Sdm"/> adds them).</param>
public sealed record SpatialRegressionOptions(string Dependent, IReadOnlyList<string> Regressors)
{
    /// <summary>Model (default SAR).</summary>
    public SpatialModelKind Kind { get; init; } = SpatialModelKind.Sar;

    /// <summary>Fixed effects (default entity, as splm's <c>effect = "individual"</c>).</summary>
    public SpatialEffects Effects { get; init; } = SpatialEffects.Entity;

    /// <summary>
    /// Lee and Yu (2010) transformation approach. Off by default (the direct approach, as splm's and xsmle's defaults).
    /// With entity effects it leaves ρ, λ and β unchanged and rescales σ² by T/(T − 1); with time or two-way effects
    /// (row-standardised W) it also removes the O(1/N) bias of ρ, λ and β.
    /// </summary>
    public bool LeeYu { get; init; }

    /// <summary>Draws from N(θ̂, V̂) for the simulated standard errors of the direct/indirect/total effects (0 = delta method only).</summary>
    public int Simulations { get; init; } = 1000;

    /// <summary>Seed of the effects simulation.</summary>
    public ulong Seed { get; init; } = 20240601;

    /// <summary>Confidence level of the coefficient intervals.</summary>
    public double Level { get; init; } = 0.95;

    /// <summary>
    /// Largest N for which log|I − ρW| and the traces come from the eigenvalues of W; beyond it the Monte Carlo trace
    /// approximation is used.
    /// </summary>
    public int ExactLimit { get; init; } = 1000;

    /// <summary>Column label for tables.</summary>
    public string? Label { get; init; }

    /// <summary>LM-lag, LM-error and robust LM tests on the non-spatial within model (default on).</summary>
    public bool LmTests { get; init; } = true;

    /// <summary>For the SDM: LR and Wald tests against the SAR (θ = 0) and the SEM (θ = −ρβ) (default on).</summary>
    public bool DurbinTests { get; init; } = true;
}
