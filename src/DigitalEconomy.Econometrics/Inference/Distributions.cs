using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace DigitalEconomy.Econometrics.Inference;

/// <summary>
/// The reference distributions of every test in the library, in one place: tail probabilities computed from the
/// regularised incomplete beta and gamma functions so that they stay accurate far in the tail (a p-value of
/// 1e-30 is returned as such, not as 0 from 1 − CDF), and the quantiles used for confidence intervals.
/// </summary>
public static class Distributions
{
    /// <summary>Two-sided Student-t p-value 2·P(T_df &gt; |t|) = I_{df/(df+t²)}(df/2, 1/2).</summary>
    /// <param name="t">Test statistic.</param>
    /// <param name="df">Degrees of freedom (positive; <see cref="double.PositiveInfinity"/> gives the normal).</param>
    public static double StudentTwoSided(double t, double df)
    {
        if (double.IsNaN(t) || double.IsNaN(df)) return double.NaN;
        if (double.IsInfinity(t)) return 0;
        if (double.IsPositiveInfinity(df)) return NormalTwoSided(t);
        return SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + t * t));
    }

    /// <summary>Two-sided normal p-value 2·Φ(−|z|).</summary>
    /// <param name="z">Test statistic.</param>
    public static double NormalTwoSided(double z) =>
        double.IsNaN(z) ? double.NaN : SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2));

    /// <summary>Upper-tail normal probability P(Z &gt; z) = Φ(−z).</summary>
    /// <param name="z">Value.</param>
    public static double NormalUpper(double z) => double.IsNaN(z) ? double.NaN : 0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2));

    /// <summary>Upper-tail χ² probability P(χ²_df &gt; x) = Q(df/2, x/2) (regularised upper incomplete gamma).</summary>
    /// <param name="x">Statistic.</param>
    /// <param name="df">Degrees of freedom.</param>
    public static double ChiSquaredUpper(double x, double df)
    {
        if (double.IsNaN(x) || double.IsNaN(df)) return double.NaN;
        if (x <= 0) return 1;
        if (double.IsPositiveInfinity(x)) return 0;
        return SpecialFunctions.GammaUpperRegularized(df / 2, x / 2);
    }

    /// <summary>Upper-tail F probability P(F(d1, d2) &gt; f) = I_{d2/(d2 + d1 f)}(d2/2, d1/2).</summary>
    /// <param name="f">Statistic.</param>
    /// <param name="d1">Numerator degrees of freedom.</param>
    /// <param name="d2">Denominator degrees of freedom (<see cref="double.PositiveInfinity"/> gives χ²(d1)/d1).</param>
    public static double FUpper(double f, double d1, double d2)
    {
        if (double.IsNaN(f) || double.IsNaN(d1) || double.IsNaN(d2)) return double.NaN;
        if (f <= 0) return 1;
        if (double.IsPositiveInfinity(f)) return 0;
        if (double.IsPositiveInfinity(d2)) return ChiSquaredUpper(f * d1, d1);
        return SpecialFunctions.BetaRegularized(d2 / 2, d1 / 2, d2 / (d2 + d1 * f));
    }

    /// <summary>Quantile of Student t with <paramref name="df"/> degrees of freedom (the normal when df is infinite).</summary>
    /// <param name="p">Probability in (0, 1).</param>
    /// <param name="df">Degrees of freedom.</param>
    public static double StudentQuantile(double p, double df) =>
        double.IsPositiveInfinity(df) ? Normal.InvCDF(0, 1, p) : StudentT.InvCDF(0, 1, df, p);

    /// <summary>Standard normal quantile Φ⁻¹(p).</summary>
    /// <param name="p">Probability in (0, 1).</param>
    public static double NormalQuantile(double p) => Normal.InvCDF(0, 1, p);

    /// <summary>Standard normal distribution function Φ(z).</summary>
    /// <param name="z">Value.</param>
    public static double NormalCdf(double z) => Normal.CDF(0, 1, z);

    /// <summary>Quantile of χ² with <paramref name="df"/> degrees of freedom.</summary>
    /// <param name="p">Probability in (0, 1).</param>
    /// <param name="df">Degrees of freedom.</param>
    public static double ChiSquaredQuantile(double p, double df) => ChiSquared.InvCDF(df, p);

    /// <summary>Quantile of F(d1, d2).</summary>
    /// <param name="p">Probability in (0, 1).</param>
    /// <param name="d1">Numerator degrees of freedom.</param>
    /// <param name="d2">Denominator degrees of freedom.</param>
    public static double FQuantile(double p, double d1, double d2) => FisherSnedecor.InvCDF(d1, d2, p);

    /// <summary>
    /// Hansen's (1999, §3.2) critical value of the likelihood-ratio statistic for a threshold,
    /// c(α) = −2 ln(1 − √(1 − α)), the (1 − α) quantile of the nonstandard limit distribution of LR(γ₀); the confidence
    /// set for γ is {γ : LR(γ) &lt; c}. 7.35 at 95%, 5.94 at 90%, 10.59 at 99%.
    /// </summary>
    /// <param name="level">Confidence level 1 − α in (0, 1).</param>
    public static double ThresholdLikelihoodRatioCritical(double level) => -2 * Math.Log(1 - Math.Sqrt(level));

    /// <summary>One-sided upper-tail Student-t probability P(T_df &gt; t) (the normal when df is infinite).</summary>
    /// <param name="t">Statistic.</param>
    /// <param name="df">Degrees of freedom.</param>
    public static double StudentUpper(double t, double df)
    {
        if (double.IsNaN(t)) return double.NaN;
        double half = StudentTwoSided(t, df) / 2;
        return t >= 0 ? half : 1 - half;
    }
}
