using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Results;
using DigitalEconomy.Econometrics.Resampling;

namespace DigitalEconomy.Econometrics.Mediation;

/// <summary>Bootstrap summary of one indirect (or other) effect: SE and the three interval kinds.</summary>
/// <param name="Estimate">Full-sample estimate.</param>
/// <param name="StandardError">Bootstrap standard error.</param>
/// <param name="Percentile">Percentile interval.</param>
/// <param name="BiasCorrected">Bias-corrected (BC) interval.</param>
/// <param name="BiasCorrectedAccelerated">BCa interval (null when the jackknife was switched off).</param>
public sealed record BootstrapSummary(double Estimate, double StandardError, BootstrapInterval Percentile, BootstrapInterval BiasCorrected,
    BootstrapInterval? BiasCorrectedAccelerated)
{
    internal static BootstrapSummary From(BootstrapDistribution d, int slot) =>
        new(d.Estimate(slot), d.StandardError(slot), d.Percentile(slot), d.BiasCorrected(slot),
            d.HasJackknife ? d.BiasCorrectedAccelerated(slot) : null);
}

/// <summary>
/// One mediator estimated on its own (the separate design): path a from M = a·X + Z + FE, paths b and c' from
/// Y = c'·X + b·M + Z + FE, the indirect effect a·b with Sobel/Aroian/Goodman tests and bootstrap intervals.
/// On the common sample with the same fixed effects and controls, c = c' + a·b holds exactly (OLS algebra).
/// </summary>
public sealed class MediatorEffect
{
    internal MediatorEffect(string mediator, string treatment, double totalEffect, PanelRegressionResult mediatorModel,
        PanelRegressionResult outcomeModel, BootstrapSummary? bootstrap)
    {
        Mediator = mediator;
        MediatorModel = mediatorModel;
        OutcomeModel = outcomeModel;
        A = mediatorModel[treatment];
        B = outcomeModel[mediator];
        DirectEffect = outcomeModel[treatment];
        IndirectEffect = A.Estimate * B.Estimate;
        ProportionMediated = IndirectEffect / totalEffect;
        Sobel = IndirectEffectTest.Sobel(A.Estimate, A.StdError, B.Estimate, B.StdError);
        Aroian = IndirectEffectTest.Aroian(A.Estimate, A.StdError, B.Estimate, B.StdError);
        Goodman = IndirectEffectTest.Goodman(A.Estimate, A.StdError, B.Estimate, B.StdError);
        Bootstrap = bootstrap;
    }

    /// <summary>Mediator column name.</summary>
    public string Mediator { get; }

    /// <summary>The mediator equation M = a·X + Z + FE (column 2 of the stepwise table).</summary>
    public PanelRegressionResult MediatorModel { get; }

    /// <summary>The outcome equation Y = c'·X + b·M + Z + FE (column 3 of the stepwise table).</summary>
    public PanelRegressionResult OutcomeModel { get; }

    /// <summary>Path a: effect of X on M.</summary>
    public Coefficient A { get; }

    /// <summary>Path b: effect of M on Y holding X fixed.</summary>
    public Coefficient B { get; }

    /// <summary>Direct effect c': effect of X on Y holding M fixed.</summary>
    public Coefficient DirectEffect { get; }

    /// <summary>Indirect effect a·b.</summary>
    public double IndirectEffect { get; }

    /// <summary>Proportion mediated a·b / c (unbounded, and meaningless, when c is near 0 or of the other sign).</summary>
    public double ProportionMediated { get; }

    /// <summary>Sobel (first-order) test of a·b.</summary>
    public IndirectEffectTest Sobel { get; }

    /// <summary>Aroian (second-order) test of a·b.</summary>
    public IndirectEffectTest Aroian { get; }

    /// <summary>Goodman (unbiased) test of a·b; null when its variance estimate is not positive.</summary>
    public IndirectEffectTest? Goodman { get; }

    /// <summary>Cluster-bootstrap SE and intervals of a·b; null when no bootstrap was run.</summary>
    public BootstrapSummary? Bootstrap { get; }
}

/// <summary>A specific indirect effect a_j·b_j in the parallel model.</summary>
/// <param name="Mediator">Mediator name.</param>
/// <param name="A">Path a_j (from the mediator's own equation).</param>
/// <param name="B">Path b_j from the parallel outcome equation.</param>
/// <param name="Estimate">a_j·b_j.</param>
/// <param name="Sobel">Sobel test of a_j·b_j.</param>
/// <param name="Bootstrap">Bootstrap SE and intervals (null without bootstrap).</param>
public sealed record SpecificIndirectEffect(string Mediator, Coefficient A, Coefficient B, double Estimate, IndirectEffectTest Sobel, BootstrapSummary? Bootstrap);

/// <summary>
/// The parallel multiple-mediator model (Preacher &amp; Hayes 2008): Y = c'·X + Σ_j b_j M_j + Z + FE with each
/// a_j from its own mediator equation; specific indirect effects a_j·b_j, their sum (the total indirect effect)
/// and the direct effect c', with c = c' + Σ_j a_j b_j exactly on the common sample.
/// </summary>
/// <param name="OutcomeModel">The outcome equation with all mediators.</param>
/// <param name="Specific">Specific indirect effects, in mediator order.</param>
/// <param name="TotalIndirect">Σ_j a_j b_j.</param>
/// <param name="TotalIndirectBootstrap">Bootstrap SE and intervals of the total indirect effect (null without bootstrap).</param>
/// <param name="DirectEffect">c' of the parallel model.</param>
public sealed record ParallelMediation(PanelRegressionResult OutcomeModel, IReadOnlyList<SpecificIndirectEffect> Specific, double TotalIndirect,
    BootstrapSummary? TotalIndirectBootstrap, Coefficient DirectEffect);

/// <summary>
/// Everything a mechanism table needs: the total-effect model, each mediator's stepwise models with a, b, c',
/// a·b, proportion mediated, Sobel/Aroian/Goodman tests and cluster-bootstrap intervals, the parallel model,
/// the common estimation sample and the bootstrap settings. Tables are built from it in the Reporting namespace
/// (<c>result.ToTable()</c>, <c>result.ToParallelTable()</c>).
/// </summary>
public sealed class MediationResult
{
    internal MediationResult(MediationOptions options, MissingValueReport sample, string entityName, int entities, PanelRegressionResult totalModel,
        IReadOnlyList<MediatorEffect> mediators, ParallelMediation? parallel, BootstrapDistribution? bootstrap, string? bootstrapMethod)
    {
        Options = options;
        Sample = sample;
        EntityName = entityName;
        Entities = entities;
        TotalModel = totalModel;
        TotalEffect = totalModel[options.Treatment];
        Mediators = mediators;
        Parallel = parallel;
        Distribution = bootstrap;
        BootstrapMethod = bootstrapMethod;
    }

    /// <summary>The model and settings.</summary>
    public MediationOptions Options { get; }

    /// <summary>Outcome name.</summary>
    public string Outcome => Options.Outcome;

    /// <summary>Treatment name.</summary>
    public string Treatment => Options.Treatment;

    /// <summary>The common estimation sample: rows dropped by listwise deletion over all model variables.</summary>
    public MissingValueReport Sample { get; }

    /// <summary>Observations in every equation.</summary>
    public int Observations => Sample.RowsKept;

    /// <summary>Name of the entity key (the unit the bootstrap resamples), e.g. "city".</summary>
    public string EntityName { get; }

    /// <summary>Entities (clusters resampled by the bootstrap) in the common sample.</summary>
    public int Entities { get; }

    /// <summary>The total-effect equation Y = c·X + Z + FE (column 1 of the stepwise table).</summary>
    public PanelRegressionResult TotalModel { get; }

    /// <summary>Total effect c.</summary>
    public Coefficient TotalEffect { get; }

    /// <summary>Each mediator on its own, in the order given.</summary>
    public IReadOnlyList<MediatorEffect> Mediators { get; }

    /// <summary>The mediator named <paramref name="name"/>.</summary>
    /// <exception cref="SpecificationException">No such mediator.</exception>
    public MediatorEffect this[string name] => Mediators.FirstOrDefault(m => m.Mediator == name)
        ?? throw new SpecificationException($"No mediator named '{name}'; the model has {string.Join(", ", Mediators.Select(m => m.Mediator))}.");

    /// <summary>The parallel model (null with one mediator or when switched off).</summary>
    public ParallelMediation? Parallel { get; }

    /// <summary>
    /// The full bootstrap distribution (null when no bootstrap ran). Statistic names: <c>c</c>, and per mediator
    /// <c>a[M]</c>, <c>b[M]</c>, <c>ab[M]</c>, <c>c'[M]</c>; with several mediators <c>b[M|parallel]</c>,
    /// <c>ab[M|parallel]</c>, <c>ab[total|parallel]</c>, <c>c'[parallel]</c>.
    /// </summary>
    public BootstrapDistribution? Distribution { get; }

    /// <summary>
    /// Every equation of the analysis as an estimation result, in the order of the stepwise table: the total
    /// effect, then each mediator's (mediator, outcome) pair, then the parallel outcome equation if estimated.
    /// Put them in one <c>ModelTable</c> with models of other families.
    /// </summary>
    public IReadOnlyList<IEstimationResult> Equations
    {
        get
        {
            var list = new List<IEstimationResult> { TotalModel };
            foreach (var m in Mediators)
            {
                list.Add(m.MediatorModel);
                list.Add(m.OutcomeModel);
            }
            if (Parallel is not null) list.Add(Parallel.OutcomeModel);
            return list;
        }
    }

    /// <summary>How the bootstrap re-estimated the model ("balanced closed-form within kernel" or "general fixed-effects projection"), or null.</summary>
    public string? BootstrapMethod { get; }
}
