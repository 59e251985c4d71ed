using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Regression;

/// <summary>The shape a quadratic relation y = β₁x + β₂x² is tested for.</summary>
public enum CurveShape
{
    /// <summary>U shape (β₂ &gt; 0): falling at the low end of the range, rising at the high end.</summary>
    U,
    /// <summary>Inverted U (β₂ &lt; 0): rising at the low end, falling at the high end.</summary>
    InvertedU,
}

/// <summary>Form of a Fieller confidence set for a ratio.</summary>
public enum FiellerSetKind
{
    /// <summary>A bounded interval [Lower, Upper] (the denominator β₂ is significant at the chosen level).</summary>
    Bounded,
    /// <summary>Two rays (−∞, Lower] ∪ [Upper, ∞): β₂ is not significant, the turning point is not located.</summary>
    ComplementOfInterval,
    /// <summary>The whole real line: the data say nothing about the turning point.</summary>
    WholeLine,
}

/// <summary>A Fieller (1954) confidence set for the turning point −β₁/(2β₂).</summary>
/// <param name="Lower">Lower limit (for <see cref="FiellerSetKind.ComplementOfInterval"/>: the end of the lower ray; NaN for the whole line).</param>
/// <param name="Upper">Upper limit (for <see cref="FiellerSetKind.ComplementOfInterval"/>: the start of the upper ray; NaN for the whole line).</param>
/// <param name="Kind">Bounded interval, two rays, or the whole line.</param>
public sealed record FiellerSet(double Lower, double Upper, FiellerSetKind Kind)
{
    /// <summary>True when <paramref name="x"/> belongs to the set.</summary>
    public bool Contains(double x) => Kind switch
    {
        FiellerSetKind.Bounded => x >= Lower && x <= Upper,
        FiellerSetKind.ComplementOfInterval => x <= Lower || x >= Upper,
        _ => true,
    };
}

/// <summary>
/// Lind &amp; Mehlum (2010) test for a U or inverted-U relation on an interval [x_L, x_H] after a regression
/// with x and x², plus the turning point with delta-method and Fieller confidence intervals (Stata <c>utest</c>,
/// R <c>utest</c>/<c>lind_mehlum</c>).
/// </summary>
/// <remarks>
/// <para>With slope s(x) = β₁ + 2β₂x and Var s(x) = V₁₁ + 4x V₁₂ + 4x² V₂₂, the t-values at the ends are
/// t_L = s(x_L)/se and t_H = s(x_H)/se. For an inverted U, H₀: s(x_L) ≤ 0 or s(x_H) ≥ 0 against
/// H₁: s(x_L) &gt; 0 and s(x_H) &lt; 0; the intersection–union statistic is T = min(t_L, −t_H) with one-sided
/// p = P(t_df &gt; T) (for a U: T = min(−t_L, t_H)). A turning point outside the range gives T ≤ 0 and p ≥ 0.5.</para>
/// <para>Turning point x* = −β₁/(2β₂). Delta method: Var x* = [V₁₁ − 2(β₁/β₂)V₁₂ + (β₁/β₂)²V₂₂]/(4β₂²).
/// Fieller: {x : (β₁ + 2β₂x)² ≤ c²·Var s(x)}, the roots of
/// 4(β₂² − c²V₂₂)x² + 4(β₁β₂ − c²V₁₂)x + (β₁² − c²V₁₁) ≤ 0 with c the two-sided critical value.</para>
/// <para>Critical values and p-values use Student's t with the regression's residual (or cluster, G − 1)
/// degrees of freedom when given, else the standard normal.</para>
/// </remarks>
/// <param name="Shape">The shape tested.</param>
/// <param name="Beta1">Coefficient of x.</param>
/// <param name="Beta2">Coefficient of x².</param>
/// <param name="XMin">Lower end x_L of the range.</param>
/// <param name="XMax">Upper end x_H of the range.</param>
/// <param name="SlopeAtMin">s(x_L).</param>
/// <param name="SlopeAtMinStandardError">SE of s(x_L).</param>
/// <param name="TAtMin">t_L = s(x_L)/SE.</param>
/// <param name="SlopeAtMax">s(x_H).</param>
/// <param name="SlopeAtMaxStandardError">SE of s(x_H).</param>
/// <param name="TAtMax">t_H = s(x_H)/SE.</param>
/// <param name="T">Overall Lind–Mehlum statistic (sign-adjusted minimum of the two).</param>
/// <param name="PValue">One-sided p-value of <paramref name="T"/>.</param>
/// <param name="DegreesOfFreedom">t degrees of freedom, or null for the normal.</param>
/// <param name="TurningPoint">x* = −β₁/(2β₂).</param>
/// <param name="TurningPointStandardError">Delta-method SE of x*.</param>
/// <param name="DeltaLower">Delta-method lower limit x* − c·SE.</param>
/// <param name="DeltaUpper">Delta-method upper limit x* + c·SE.</param>
/// <param name="Fieller">Fieller confidence set for x*.</param>
/// <param name="Level">Confidence level of the intervals.</param>
public sealed record UShapeTest(
    CurveShape Shape, double Beta1, double Beta2, double XMin, double XMax,
    double SlopeAtMin, double SlopeAtMinStandardError, double TAtMin,
    double SlopeAtMax, double SlopeAtMaxStandardError, double TAtMax,
    double T, double PValue, double? DegreesOfFreedom,
    double TurningPoint, double TurningPointStandardError, double DeltaLower, double DeltaUpper,
    FiellerSet Fieller, double Level)
{
    /// <summary>True when the turning point lies inside [x_L, x_H] (otherwise the test cannot reject).</summary>
    public bool TurningPointInRange => TurningPoint >= XMin && TurningPoint <= XMax;

    /// <summary>
    /// Runs the test from the two coefficients and their covariance.
    /// </summary>
    /// <param name="beta1">Coefficient of x.</param>
    /// <param name="beta2">Coefficient of x².</param>
    /// <param name="variance1">Var(β₁).</param>
    /// <param name="variance2">Var(β₂).</param>
    /// <param name="covariance">Cov(β₁, β₂).</param>
    /// <param name="xMin">Lower end of the range (usually the sample minimum of x).</param>
    /// <param name="xMax">Upper end of the range (usually the sample maximum of x).</param>
    /// <param name="degreesOfFreedom">t degrees of freedom of the regression's inference (residual df, or G − 1 with clustering); null = normal.</param>
    /// <param name="level">Confidence level for the turning-point intervals (default 0.95).</param>
    /// <param name="shape">The shape to test; null = the one the sign of β₂ implies (as <c>utest</c> does).</param>
    /// <exception cref="SpecificationException">β₂ = 0, a non-positive variance, an empty range, or a bad level.</exception>
    public static UShapeTest Compute(double beta1, double beta2, double variance1, double variance2, double covariance,
        double xMin, double xMax, double? degreesOfFreedom = null, double level = 0.95, CurveShape? shape = null)
    {
        if (!double.IsFinite(beta1) || !double.IsFinite(beta2) || !double.IsFinite(covariance))
            throw new SpecificationException($"The U-shape test needs finite coefficients; got β1 = {beta1}, β2 = {beta2}, Cov = {covariance}.");
        if (beta2 == 0)
            throw new SpecificationException("The coefficient of the squared term is exactly 0, so the relation has no curvature and no turning point.");
        if (!(variance1 > 0) || !(variance2 > 0) || !double.IsFinite(variance1) || !double.IsFinite(variance2))
            throw new SpecificationException($"The U-shape test needs positive variances of both coefficients; got {variance1} and {variance2}.");
        if (!(xMin < xMax) || !double.IsFinite(xMin) || !double.IsFinite(xMax))
            throw new SpecificationException($"The U-shape test needs a range with x_min < x_max; got [{xMin}, {xMax}].");
        if (!(level > 0 && level < 1))
            throw new SpecificationException($"The confidence level must lie strictly between 0 and 1; got {level}.");
        if (degreesOfFreedom is { } df0 && !(df0 > 0))
            throw new SpecificationException($"Degrees of freedom must be positive; got {df0}.");

        var tested = shape ?? (beta2 > 0 ? CurveShape.U : CurveShape.InvertedU);
        (double slope, double se) SlopeAt(double x) => (beta1 + 2 * beta2 * x, Math.Sqrt(variance1 + 4 * x * covariance + 4 * x * x * variance2));
        var (sL, seL) = SlopeAt(xMin);
        var (sH, seH) = SlopeAt(xMax);
        double tL = sL / seL, tH = sH / seH;
        double t = tested == CurveShape.InvertedU ? Math.Min(tL, -tH) : Math.Min(-tL, tH);
        double dof = degreesOfFreedom ?? double.PositiveInfinity;
        double p = Distributions.StudentUpper(t, dof);
        double c = -Distributions.StudentQuantile((1 - level) / 2, dof);

        double turning = -beta1 / (2 * beta2);
        double ratio = beta1 / beta2;
        double turningVariance = (variance1 - 2 * ratio * covariance + ratio * ratio * variance2) / (4 * beta2 * beta2);
        double turningSe = Math.Sqrt(Math.Max(turningVariance, 0));

        return new UShapeTest(tested, beta1, beta2, xMin, xMax, sL, seL, tL, sH, seH, tH, t, p, degreesOfFreedom,
            turning, turningSe, turning - c * turningSe, turning + c * turningSe,
            FiellerTurningPoint(beta1, beta2, variance1, variance2, covariance, c), level);
    }

    /// <summary>
    /// Runs the test on a fitted regression that includes <paramref name="x"/> and its square: the coefficients
    /// and their covariance come from the fit's variance estimator (classical, robust or clustered), and p-values
    /// and critical values from Student's t with the fit's degrees of freedom (G − 1 when clustered), at the fit's
    /// confidence level.
    /// </summary>
    /// <param name="fit">A regression with both terms estimated.</param>
    /// <param name="x">Name of the linear term.</param>
    /// <param name="xSquared">Name of the squared term.</param>
    /// <param name="xMin">Lower end of the range tested.</param>
    /// <param name="xMax">Upper end of the range tested.</param>
    /// <param name="shape">The shape to test; null = the one the sign of β₂ implies.</param>
    /// <exception cref="SpecificationException">A term is missing from the fit (e.g. dropped as collinear), or see the core overload.</exception>
    public static UShapeTest Compute(PanelRegressionResult fit, string x, string xSquared, double xMin, double xMax, CurveShape? shape = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        foreach (var term in new[] { x, xSquared })
            if (!fit.HasCoefficient(term))
                throw new SpecificationException($"The U-shape test needs '{term}' in the regression, but the fit has no coefficient of that name (terms: {string.Join(", ", fit.Coefficients.Select(c => c.Name))}).");
        return Compute(fit[x].Estimate, fit[xSquared].Estimate, fit.Covariance(x, x), fit.Covariance(xSquared, xSquared), fit.Covariance(x, xSquared),
            xMin, xMax, fit.Variance.DegreesOfFreedom, fit.ConfidenceLevel, shape);
    }

    /// <summary>
    /// As <see cref="Compute(PanelRegressionResult, string, string, double, double, CurveShape?)"/> with the range
    /// [min x, max x] over the fit's estimation sample (<see cref="PanelRegressionResult.EstimationRows"/> of
    /// <paramref name="panel"/>, which must be the panel the model was fitted on) — the default of Stata's <c>utest</c>.
    /// </summary>
    public static UShapeTest Compute(PanelRegressionResult fit, Data.PanelData panel, string x, string xSquared, CurveShape? shape = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(panel);
        var values = panel.Column(x);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var r in fit.EstimationRows)
        {
            if (r >= values.Length)
                throw new SpecificationException($"The regression used row {r + 1}, but the panel has {values.Length} rows: pass the panel the model was fitted on.");
            min = Math.Min(min, values[r]);
            max = Math.Max(max, values[r]);
        }
        return Compute(fit, x, xSquared, min, max, shape);
    }

    /// <summary>
    /// The Fieller set {x : (β₁ + 2β₂x)² ≤ c²(V₁₁ + 4xV₁₂ + 4x²V₂₂)} for critical value <paramref name="critical"/>.
    /// </summary>
    public static FiellerSet FiellerTurningPoint(double beta1, double beta2, double variance1, double variance2, double covariance, double critical)
    {
        double c2 = critical * critical;
        double qa = 4 * (beta2 * beta2 - c2 * variance2);
        double qb = 4 * (beta1 * beta2 - c2 * covariance);
        double qc = beta1 * beta1 - c2 * variance1;
        double disc = qb * qb - 4 * qa * qc;
        if (qa > 0)
        {
            // The point estimate satisfies the inequality, so disc ≥ 0 up to rounding.
            double root = Math.Sqrt(Math.Max(disc, 0));
            return new FiellerSet((-qb - root) / (2 * qa), (-qb + root) / (2 * qa), FiellerSetKind.Bounded);
        }
        if (qa < 0 && disc > 0)
        {
            double root = Math.Sqrt(disc);
            double r1 = (-qb + root) / (2 * qa), r2 = (-qb - root) / (2 * qa);
            return new FiellerSet(Math.Min(r1, r2), Math.Max(r1, r2), FiellerSetKind.ComplementOfInterval);
        }
        return new FiellerSet(double.NaN, double.NaN, FiellerSetKind.WholeLine);
    }
}
