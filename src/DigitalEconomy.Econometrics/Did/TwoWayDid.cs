using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Results;

namespace DigitalEconomy.Econometrics.Did;

/// <summary>
/// The two-way fixed-effects difference-in-differences regression
/// y_it = α_i + λ_t + β·D_it + x_it′γ + ε_it, with D_it = 1{G_i ≠ 0 and t ≥ G_i} (post × treated for staggered
/// adoption), standard errors clustered by unit (or <see cref="DidOptions.Cluster"/>). With staggered adoption and
/// heterogeneous effects β is a variance-weighted average of all 2×2 comparisons, some with negative weights on
/// effects (Goodman-Bacon 2021; de Chaisemartin and D'Haultfœuille 2020): see <see cref="BaconDecomposition"/>.
/// </summary>
public static class TwoWayDid
{
    /// <summary>Name of the treatment regressor in the results.</summary>
    public const string TreatmentName = "treated_post";

    /// <summary>Fits the TWFE DID.</summary>
    public static TwoWayDidResult Fit(PanelData panel, DidOptions options)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(options);
        var cohorts = CohortAssignment.Read(panel, options.Cohort);
        return Fit(panel, options, cohorts);
    }

    internal static TwoWayDidResult Fit(PanelData panel, DidOptions options, CohortAssignment cohorts)
    {
        var d = TreatmentIndicator(cohorts);
        if (d.All(v => v == 0) || d.All(v => v == 1))
            throw new SpecificationException($"Cohort column '{options.Cohort}' leaves no variation in treatment: every observation is {(d[0] == 0 ? "untreated" : "treated")}.");
        var regression = PanelRegression.Fit(panel.WithColumn(TreatmentName, d), RegressionOptions(panel, options, [TreatmentName, .. options.Controls]));
        if (!regression.HasCoefficient(TreatmentName))
            throw new SpecificationException($"The treatment indicator built from '{options.Cohort}' is collinear with the unit and period fixed effects.");
        return new TwoWayDidResult(regression, cohorts.TreatedCohorts);
    }

    internal static double[] TreatmentIndicator(CohortAssignment cohorts)
    {
        var d = new double[cohorts.UnitOfRow.Length];
        for (int r = 0; r < d.Length; r++) d[r] = cohorts.IsTreated(r) ? 1 : 0;
        return d;
    }

    internal static PanelRegressionOptions RegressionOptions(PanelData panel, DidOptions options, IReadOnlyList<string> regressors) =>
        new(options.Outcome, regressors)
        {
            FixedEffects = [panel.EntityName, panel.TimeName],
            Vcov = Vcov.Cluster(options.Cluster ?? panel.EntityName),
            ConfidenceLevel = options.ConfidenceLevel,
            Label = options.Label,
        };
}

/// <summary>Result of <see cref="TwoWayDid"/>: the treatment coefficient and the underlying regression.</summary>
public sealed class TwoWayDidResult : IEstimationResult
{
    internal TwoWayDidResult(PanelRegressionResult regression, IReadOnlyList<long> cohorts)
    {
        Regression = regression;
        Cohorts = cohorts;
    }

    /// <summary>The fixed-effects regression (all coefficients, variance matrix, fit statistics).</summary>
    public PanelRegressionResult Regression { get; }

    /// <summary>The treatment effect β on <see cref="TwoWayDid.TreatmentName"/>.</summary>
    public Coefficient Att => Regression[TwoWayDid.TreatmentName];

    /// <summary>Treated cohorts (first treated periods) present in the data.</summary>
    public IReadOnlyList<long> Cohorts { get; }

    /// <inheritdoc />
    public string Model => "TWFE DID";
    /// <inheritdoc />
    public string? Label => Regression.Label;
    /// <inheritdoc />
    public string Dependent => Regression.Dependent;
    /// <inheritdoc />
    public IReadOnlyList<Coefficient> Coefficients => Regression.Coefficients;
    /// <inheritdoc />
    public int Observations => Regression.Observations;
    /// <inheritdoc />
    public VarianceSummary? Variance => Regression.Variance;
    /// <inheritdoc />
    public IReadOnlyList<FitStatistic> FitStatistics =>
    [
        new("r2_within", "Within R²", Regression.RSquaredWithin),
        new("n_cohorts", "Treated cohorts", Cohorts.Count, IsCount: true),
    ];
    /// <inheritdoc />
    public IReadOnlyList<string> AbsorbedEffects => Regression.FixedEffects.Select(f => f.Name).ToArray();
    /// <inheritdoc />
    public IReadOnlyList<string> Notes => Regression.Notes;
}
