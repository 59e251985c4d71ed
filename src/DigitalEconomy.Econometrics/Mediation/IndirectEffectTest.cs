using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Mediation;

/// <summary>Which normal-theory standard error of the product a·b.</summary>
public enum IndirectEffectTestKind
{
    /// <summary>Sobel (1982), first-order delta method: √(b²s_a² + a²s_b²).</summary>
    Sobel,
    /// <summary>Aroian (1947), exact second-order variance of a product of independent normals: √(b²s_a² + a²s_b² + s_a²s_b²).</summary>
    Aroian,
    /// <summary>Goodman (1960), unbiased variance: √(b²s_a² + a²s_b² − s_a²s_b²); undefined when the radicand is not positive.</summary>
    Goodman,
}

/// <summary>
/// A z test of the indirect effect a·b with a normal-theory standard error (Baron &amp; Kenny 1986; MacKinnon et
/// al. 2002, Psychological Methods 7:83–104; Stata <c>sgmediation</c> reports all three).
/// z = a·b / SE, two-sided p = 2(1 − Φ(|z|)).
/// </summary>
/// <param name="Kind">Which standard error.</param>
/// <param name="Estimate">a·b.</param>
/// <param name="StandardError">SE(a·b) by <paramref name="Kind"/>.</param>
/// <param name="Z">a·b / SE.</param>
/// <param name="PValue">Two-sided normal p-value.</param>
public sealed record IndirectEffectTest(IndirectEffectTestKind Kind, double Estimate, double StandardError, double Z, double PValue)
{
    /// <summary>
    /// The test of a·b from the path estimates and their standard errors (the paths come from separate
    /// equations, so their covariance is taken as zero, as in all three formulas).
    /// </summary>
    /// <param name="kind">Which standard error.</param>
    /// <param name="a">Path a (mediator on treatment).</param>
    /// <param name="seA">SE of a.</param>
    /// <param name="b">Path b (outcome on mediator, holding the treatment fixed).</param>
    /// <param name="seB">SE of b.</param>
    /// <returns>The test, or null for <see cref="IndirectEffectTestKind.Goodman"/> when b²s_a² + a²s_b² ≤ s_a²s_b²
    /// (its variance estimate is then not positive and the test is undefined).</returns>
    /// <exception cref="SpecificationException">A non-finite input or a negative standard error.</exception>
    public static IndirectEffectTest? Compute(IndirectEffectTestKind kind, double a, double seA, double b, double seB)
    {
        if (!double.IsFinite(a) || !double.IsFinite(b) || !double.IsFinite(seA) || !double.IsFinite(seB) || seA < 0 || seB < 0)
            throw new SpecificationException($"The indirect-effect test needs finite paths and non-negative standard errors; got a = {a}, SE(a) = {seA}, b = {b}, SE(b) = {seB}.");
        double firstOrder = b * b * seA * seA + a * a * seB * seB;
        double secondOrder = seA * seA * seB * seB;
        double variance = kind switch
        {
            IndirectEffectTestKind.Sobel => firstOrder,
            IndirectEffectTestKind.Aroian => firstOrder + secondOrder,
            IndirectEffectTestKind.Goodman => firstOrder - secondOrder,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        if (!(variance > 0))
        {
            if (kind == IndirectEffectTestKind.Goodman) return null;
            throw new SpecificationException($"The {kind} standard error of a·b is zero (a = {a}, SE(a) = {seA}, b = {b}, SE(b) = {seB}); the test is undefined.");
        }
        double se = Math.Sqrt(variance), estimate = a * b, z = estimate / se;
        return new IndirectEffectTest(kind, estimate, se, z, 2 * Distributions.NormalCdf(-Math.Abs(z)));
    }

    /// <summary>The Sobel test (never null; throws if its SE is zero).</summary>
    public static IndirectEffectTest Sobel(double a, double seA, double b, double seB) => Compute(IndirectEffectTestKind.Sobel, a, seA, b, seB)!;

    /// <summary>The Aroian test (never null; throws if its SE is zero).</summary>
    public static IndirectEffectTest Aroian(double a, double seA, double b, double seB) => Compute(IndirectEffectTestKind.Aroian, a, seA, b, seB)!;

    /// <summary>The Goodman test, or null when its variance estimate is not positive.</summary>
    public static IndirectEffectTest? Goodman(double a, double seA, double b, double seB) => Compute(IndirectEffectTestKind.Goodman, a, seA, b, seB);

    /// <summary>Lower limit of the normal-theory interval a·b ± z_{1−α/2}·SE at <paramref name="level"/>.</summary>
    public double ConfidenceLow(double level = 0.95) => Estimate - Distributions.NormalQuantile(0.5 + level / 2) * StandardError;

    /// <summary>Upper limit of the normal-theory interval a·b ± z_{1−α/2}·SE at <paramref name="level"/>.</summary>
    public double ConfidenceHigh(double level = 0.95) => Estimate + Distributions.NormalQuantile(0.5 + level / 2) * StandardError;
}
