using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Results;

namespace DigitalEconomy.Econometrics.Threshold;

/// <summary>Which standard errors a regime-estimates table shows.</summary>
public enum ThresholdStandardErrors
{
    /// <summary>Homoskedastic, s² = SSE/(N(T−1) − k).</summary>
    Classical,
    /// <summary>White heteroskedasticity-robust (HC0), as Hansen (1999) reports.</summary>
    White,
    /// <summary>Clustered by entity (Stata small-sample factor).</summary>
    Clustered,
}

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
    /// The regime coefficients of the largest model estimated (<see cref="Models"/>[^1]) with White (HC0)
    /// standard errors and t tests on N(T−1) − k degrees of freedom, as Hansen (1999) reports them.
    /// </summary>
    public IReadOnlyList<Coefficient> Coefficients
    {
        get
        {
            var fit = Models[^1].Fit;
            return fit.Names.Select((name, j) => Coefficient.FromEstimate(name, fit.Coefficients[j], fit.WhiteStandardErrors[j],
                fit.ResidualDegreesOfFreedom, Options.ConfidenceLevel)).ToArray();
        }
    }

    /// <summary>Observations N·T of the balanced estimation sample.</summary>
    public int Observations => Sample.Observations;

    /// <summary>White (HC0) heteroskedasticity-robust, no small-sample factor.</summary>
    public VarianceSummary? Variance
    {
        get
        {
            var fit = Models[^1].Fit;
            return new VarianceSummary(VcovKind.HC0, SmallSampleCorrection.None, 1, fit.Names.Count, [], [], fit.ResidualDegreesOfFreedom, false,
                "White (HC0) heteroskedasticity-robust standard errors, as in Hansen (1999)");
        }
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
