using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Results;

/// <summary>
/// What every estimation result of the library offers, whatever the estimator (fixed effects, threshold,
/// instrumental variables, dynamic GMM, difference-in-differences, spatial models): the coefficients with their
/// inference, the sample size, the variance convention, fit statistics and notes. Tables and the JSON
/// documents are built from this contract, so one table can mix models of different families.
/// </summary>
public interface IEstimationResult
{
    /// <summary>Short model family name as written in JSON documents, e.g. "fe", "threshold", "iv", "gmm", "did", "spatial".</summary>
    string Model { get; }

    /// <summary>Column label for tables, if one was given.</summary>
    string? Label { get; }

    /// <summary>Name of the dependent variable.</summary>
    string Dependent { get; }

    /// <summary>Estimated coefficients with standard errors, test statistics, p-values and confidence bounds.</summary>
    IReadOnlyList<Coefficient> Coefficients { get; }

    /// <summary>Number of observations used in estimation.</summary>
    int Observations { get; }

    /// <summary>The variance convention behind the standard errors (null when the estimator reports none).</summary>
    VarianceSummary? Variance { get; }

    /// <summary>Fit and sample statistics a table may show (R², within R², log-likelihood, clusters, …), in display order.</summary>
    IReadOnlyList<FitStatistic> FitStatistics { get; }

    /// <summary>Absorbed fixed effects by name (empty when none), for the "fixed effects: yes/no" rows of a table.</summary>
    IReadOnlyList<string> AbsorbedEffects { get; }

    /// <summary>Notes a reader of the result must see (dropped regressors, singletons, convergence, weak instruments, …).</summary>
    IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// The variance matrix of <see cref="Coefficients"/> (same order), when the estimator reports one; needed for
    /// Wald tests (<see cref="EstimationResultTests.Wald(IEstimationResult, LinearRestriction[])"/>). Null by default.
    /// </summary>
    VarianceMatrix? CoefficientVariance => null;
}

/// <summary>One named statistic of a fitted model, e.g. ("r2_within", "Within R²", 0.41).</summary>
/// <param name="Key">Stable snake_case key used in JSON documents and for selecting statistics in tables.</param>
/// <param name="Label">Default display label (tables can relabel it).</param>
/// <param name="Value">The value.</param>
/// <param name="IsCount">True for counts (observations, clusters, groups) that are printed without decimals.</param>
public sealed record FitStatistic(string Key, string Label, double Value, bool IsCount = false);
