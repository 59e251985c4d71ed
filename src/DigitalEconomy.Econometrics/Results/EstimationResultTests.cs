using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Results;

/// <summary>Tests that work on any estimation result carrying its variance matrix.</summary>
public static class EstimationResultTests
{
    /// <summary>
    /// Wald test of the linear restrictions on the result's coefficients (Stata <c>test</c>, R <c>car::linearHypothesis</c>),
    /// with the result's variance estimate and the F reference on its inference degrees of freedom.
    /// </summary>
    /// <param name="result">A result with <see cref="IEstimationResult.CoefficientVariance"/>.</param>
    /// <param name="restrictions">One or more restrictions, e.g. <c>LinearRestriction.Zero("dei")</c>.</param>
    /// <exception cref="SpecificationException">The result has no variance matrix, unknown names, or untestable restrictions.</exception>
    public static WaldTestResult Wald(this IEstimationResult result, params LinearRestriction[] restrictions)
    {
        ArgumentNullException.ThrowIfNull(result);
        var variance = result.CoefficientVariance
            ?? throw new SpecificationException($"The {result.Model} result carries no variance matrix, so a Wald test cannot be formed from it.");
        var estimates = variance.Names.Select(n => result.Coefficients.First(c => c.Name == n).Estimate).ToArray();
        return WaldTest.Compute(estimates, variance, restrictions, result.Variance?.DegreesOfFreedom ?? double.PositiveInfinity);
    }

    /// <summary>Joint Wald test that the named coefficients are all zero.</summary>
    /// <param name="result">A result with <see cref="IEstimationResult.CoefficientVariance"/>.</param>
    /// <param name="names">Coefficient names.</param>
    /// <exception cref="SpecificationException">See <see cref="Wald(IEstimationResult, LinearRestriction[])"/>.</exception>
    public static WaldTestResult WaldZero(this IEstimationResult result, params string[] names) =>
        result.Wald(names.Select(LinearRestriction.Zero).ToArray());
}
