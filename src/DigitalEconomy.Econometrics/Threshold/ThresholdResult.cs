using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Results;

namespace DigitalEconomy.Econometrics.Threshold;

/// <summary>
/// Everything a Hansen (1999) threshold analysis produces: the sample, the candidate grid, the linear
/// (no-threshold) fit and the single/double/triple models with their searches (SSE and LR curves),
/// confidence sets, F tests with bootstrap p-values and regime coefficients. Tables are built from it in the
/// Reporting namespace (<c>result.ToTable()</c>, <c>result.ToEstimatesTable()</c>).
/// </summary>
public sealed class ThresholdResult : IEstimationResult
{
    internal ThresholdResult(ThresholdSpecification specification, ThresholdOptions options, PanelStructure sample,
        MissingValueReport missing, int entitiesDroppedForBalance, int leastSquaresRows, double ty,
        IReadOnlyList<double> grid, ThresholdModelFit linear, IReadOnlyList<ThresholdModel> models, string entityName)
    {
        EntityName = entityName;
        Specification = specification;
        Options = options;
        Sample = sample;
        Missing = missing;
        EntitiesDroppedForBalance = entitiesDroppedForBalance;
        LeastSquaresRows = leastSquaresRows;
        VarianceDenominator = ty;
        Grid = grid;
        Linear = linear;
        Models = models;
    }

    /// <summary>The model.</summary>
    public ThresholdSpecification Specification { get; }

    /// <summary>The options used (transformation, grid, trimming, bootstrap, seed, …).</summary>
    public ThresholdOptions Options { get; }

    /// <summary>Shape of the balanced estimation sample (N entities × T periods).</summary>
    public PanelStructure Sample { get; }

    /// <summary>Rows dropped for missing values before estimation.</summary>
    public MissingValueReport Missing { get; }

    /// <summary>Entities dropped to balance the panel (only with <see cref="ThresholdOptions.BalancePanel"/>).</summary>
    public int EntitiesDroppedForBalance { get; }

    /// <summary>Rows in the least-squares step: N·T (standard within) or N·(T−1) (Hansen's transformation).</summary>
    public int LeastSquaresRows { get; }

    /// <summary>ty, the denominator of F and LR: N(T−1) or N·T.</summary>
    public double VarianceDenominator { get; }

    /// <summary>The full candidate grid before exclusions around fixed thresholds.</summary>
    public IReadOnlyList<double> Grid { get; }

    /// <summary>The model without thresholds (S0).</summary>
    public ThresholdModelFit Linear { get; }

    /// <summary>The 1-, 2- and 3-threshold models, as far as <see cref="ThresholdOptions.MaxThresholds"/> goes.</summary>
    public IReadOnlyList<ThresholdModel> Models { get; }

    /// <summary>The single-threshold model.</summary>
    public ThresholdModel Single => Models[0];

    /// <summary>The double-threshold model, or null if not estimated.</summary>
    public ThresholdModel? Double => Models.Count > 1 ? Models[1] : null;

    /// <summary>The triple-threshold model, or null if not estimated.</summary>
    public ThresholdModel? Triple => Models.Count > 2 ? Models[2] : null;

    /// <summary>Name of the entity key whose fixed effects are removed (e.g. "city").</summary>
    public string EntityName { get; }

    /// <summary>"threshold".</summary>
    public string Model => "threshold";

    /// <summary>No label (threshold analyses are labelled by their table).</summary>
    public string? Label => null;

    /// <summary>The dependent variable.</summary>
    public string Dependent => Specification.Dependent;

    /// <summary>
    /// The regime coefficients of the largest model estimated (<see cref="Models"/>[^1]) under
    /// <see cref="ThresholdOptions.Vcov"/>; each model's <see cref="ThresholdModel.Fit"/> is an estimation result too.
    /// </summary>
    public IReadOnlyList<Coefficient> Coefficients => Models[^1].Fit.Coefficients;

    /// <summary>Observations N·T of the balanced estimation sample.</summary>
    public int Observations => Sample.Observations;

    /// <summary>The variance convention of the regime coefficients.</summary>
    public VarianceSummary? Variance => Models[^1].Fit.Variance;

    /// <summary>The variance matrix of <see cref="Coefficients"/>.</summary>
    public VarianceMatrix? CoefficientVariance => Models[^1].Fit.CoefficientVariance;

    /// <summary>
    /// The same analysis with the regime coefficients of every model re-based on another variance (classical,
    /// HC0 or clustered by the entity), without re-estimating thresholds, tests or bootstraps.
    /// </summary>
    /// <param name="vcov">The variance estimator.</param>
    /// <param name="correction">Small-sample convention; null keeps the current one.</param>
    /// <exception cref="SpecificationException">A variance a threshold fit does not offer.</exception>
    public ThresholdResult WithVcov(Vcov vcov, SmallSampleCorrection? correction = null)
    {
        ArgumentNullException.ThrowIfNull(vcov);
        var c = correction ?? Options.SmallSample;
        return new ThresholdResult(Specification, Options with { Vcov = vcov, SmallSample = c }, Sample, Missing, EntitiesDroppedForBalance,
            LeastSquaresRows, VarianceDenominator, Grid, Linear.WithVcov(vcov, c),
            Models.Select(m => m with { Fit = m.Fit.WithVcov(vcov, c) }).ToArray(), EntityName);
    }

    /// <summary>Observations, entities, the SSE of the reported model and its number of thresholds.</summary>
    public IReadOnlyList<FitStatistic> FitStatistics =>
    [
        new("n", "Observations", Observations, IsCount: true),
        new("entities", "Entities", Sample.EntityCount, IsCount: true),
        new("thresholds", "Thresholds", Models[^1].ThresholdCount, IsCount: true),
        new("sse", "SSE", Models[^1].Fit.Sse),
    ];

    /// <summary>The entity fixed effects.</summary>
    public IReadOnlyList<string> AbsorbedEffects => [EntityName];

    /// <summary>Rows dropped for missing values or to balance the panel, when any.</summary>
    public IReadOnlyList<string> Notes
    {
        get
        {
            var notes = new List<string>();
            if (Missing.RowsDropped > 0) notes.Add(Missing.ToString());
            if (EntitiesDroppedForBalance > 0) notes.Add($"{EntitiesDroppedForBalance} entities dropped to balance the panel.");
            return notes;
        }
    }
}
