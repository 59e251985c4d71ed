using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Regression;

/// <summary>How the absorbed fixed effects were removed (docs/methods.md, "Fixed effects").</summary>
public enum DemeaningMethod
{
    /// <summary>No fixed effects: columns are left unchanged.</summary>
    None,
    /// <summary>One factor: x − x̄_g (exact, one pass per column).</summary>
    OneWay,
    /// <summary>Two factors on a balanced design (every pair once): closed form x − x̄_i − x̄_t + x̄.</summary>
    BalancedTwoWay,
    /// <summary>
    /// Two factors, one with few levels (e.g. years): exact Frisch–Waugh–Lovell solution. Demean by the large
    /// factor, then project out the demeaned dummies of the small factor by solving its p×p normal equations.
    /// </summary>
    ExactTwoWay,
    /// <summary>
    /// Any number of factors: alternating projections (Gauss–Seidel over the factors' coefficients) with
    /// Irons–Tuck acceleration, as fixest does (Bergé 2018); iterates to the stated tolerance.
    /// </summary>
    AlternatingProjections,
    /// <summary>
    /// Fixed effects with varying slopes (<c>g[z]</c>): the largest block removed level by level by exact least squares
    /// on (1, z), the other blocks projected out through an explicit orthonormal basis.
    /// </summary>
    ExactWithSlopes,
    /// <summary>
    /// Any number of factors: conjugate gradient on the normal equations D'D α = D'x of the fixed-effect
    /// coefficients, preconditioned by the level sizes; used when alternating projections stall (weakly connected
    /// designs), warm-started from them (docs/methods/fixed-effects-solver.md; Correia 2016).
    /// </summary>
    ConjugateGradient,
}

/// <summary>Settings for removing fixed effects.</summary>
/// <param name="Tolerance">
/// Convergence tolerance of alternating projections: stop when the largest change of any fixed-effect
/// coefficient in a sweep is at most Tolerance × RMS(column). Default 1e-10 (fixest uses 1e-6 on the same
/// kind of criterion, reghdfe 1e-8; we are stricter so results match exact solutions to ~1e-9).
/// </param>
/// <param name="MaxIterations">Cap on sweeps.</param>
/// <param name="ExactTwoWayMaxLevels">
/// With two factors, the exact method is used when the smaller factor has at most this many levels (its p×p
/// system is factorised once); above it alternating projections are used.
/// </param>
/// <param name="RequireConvergence">
/// True (default): not converging within <paramref name="MaxIterations"/> raises a <see cref="SpecificationException"/>.
/// False: the fit is returned with <see cref="DemeaningReport.Converged"/> false and a note saying so (fixest's
/// behaviour, which warns); the estimates are then only approximately the within estimates.
/// </param>
/// <param name="AlternatingIterationBudget">
/// Sweeps of alternating projections tried before conjugate gradient takes over (from where they stopped); 0 uses
/// conjugate gradient from the start; −1 (default) is automatic: 50 with two factors, 10 with three or more. Conjugate gradient has its own cap of <paramref name="MaxIterations"/>, so a
/// fit never fails at the cap without the stronger method having been tried.
/// </param>
public sealed record DemeaningOptions(double Tolerance = 1e-10, int MaxIterations = 10_000, int ExactTwoWayMaxLevels = 2_000, bool RequireConvergence = true,
    int AlternatingIterationBudget = ProjectionSettings.DefaultAlternatingIterationBudget)
{
    /// <summary>The defaults.</summary>
    public static DemeaningOptions Default { get; } = new();

    /// <summary>The kernel's settings.</summary>
    internal ProjectionSettings ToSettings() => new(Tolerance, MaxIterations, ExactTwoWayMaxLevels, RequireConvergence, AlternatingIterationBudget);
}

/// <summary>What a demeaning pass did.</summary>
/// <param name="Method">Algorithm used.</param>
/// <param name="Iterations">
/// Largest number of iterations any column needed: alternating sweeps plus, when they stalled, conjugate-gradient
/// steps (1 for exact methods, 0 for none).
/// </param>
/// <param name="Converged">True when every column met the tolerance (always true for exact methods).</param>
/// <param name="AchievedTolerance">
/// Worst column's final criterion, max_g |mean of the residual over level g| / RMS(column), to compare with
/// <see cref="DemeaningOptions.Tolerance"/>; 0 for exact methods.
/// </param>
public sealed record DemeaningReport(DemeaningMethod Method, int Iterations, bool Converged, double AchievedTolerance = 0)
{
    /// <summary>The report of a projection kernel.</summary>
    internal static DemeaningReport From(ProjectionReport report) => new(From(report.Method), report.Iterations, report.Converged, report.AchievedTolerance);

    /// <summary>The public name of a kernel algorithm.</summary>
    internal static DemeaningMethod From(FixedEffectsAlgorithm algorithm) => algorithm switch
    {
        FixedEffectsAlgorithm.None => DemeaningMethod.None,
        FixedEffectsAlgorithm.OneWay => DemeaningMethod.OneWay,
        FixedEffectsAlgorithm.BalancedTwoWay => DemeaningMethod.BalancedTwoWay,
        FixedEffectsAlgorithm.ExactTwoWay => DemeaningMethod.ExactTwoWay,
        FixedEffectsAlgorithm.ExactWithSlopes => DemeaningMethod.ExactWithSlopes,
        FixedEffectsAlgorithm.ConjugateGradient => DemeaningMethod.ConjugateGradient,
        _ => DemeaningMethod.AlternatingProjections,
    };

    /// <summary>E.g. "alternating projections, 14 iterations".</summary>
    public override string ToString() => Method switch
    {
        DemeaningMethod.None => "no fixed effects",
        DemeaningMethod.OneWay => "one-way demeaning (exact)",
        DemeaningMethod.BalancedTwoWay => "two-way demeaning, balanced closed form (exact)",
        DemeaningMethod.ExactTwoWay => "two-way demeaning, exact small-factor solution",
        DemeaningMethod.ExactWithSlopes => "fixed effects with varying slopes, exact projection",
        DemeaningMethod.ConjugateGradient => $"conjugate gradient on the fixed-effect normal equations (after any alternating projections), {Iterations} iterations in all, tolerance {AchievedTolerance:G2}{(Converged ? "" : " (NOT converged)")}",
        _ => $"alternating projections with Irons–Tuck acceleration, {Iterations} iterations{(Converged ? "" : " (NOT converged)")}",
    };
}
