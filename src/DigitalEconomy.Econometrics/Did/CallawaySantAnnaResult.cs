using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Results;

namespace DigitalEconomy.Econometrics.Did;

/// <summary>One group-time average treatment effect ATT(g,t).</summary>
/// <param name="Group">Cohort g (first treated period).</param>
/// <param name="Period">Period t.</param>
/// <param name="BasePeriod">Base period b of the comparison Y_t − Y_b.</param>
/// <param name="Att">Estimate.</param>
/// <param name="StdError">Standard error (analytic or bootstrap; 0 for the universal-base reference cell).</param>
/// <param name="ConfLow">Pointwise lower bound, Att − z·se.</param>
/// <param name="ConfHigh">Pointwise upper bound.</param>
/// <param name="IsReference">True for the cell t = g − 1 of the universal base period, fixed at 0.</param>
public sealed record GroupTimeAtt(long Group, long Period, long BasePeriod, double Att, double StdError, double ConfLow, double ConfHigh, bool IsReference)
{
    /// <summary>Lower end of the sup-t uniform band over all cells (bootstrap only).</summary>
    public double? BandLow { get; init; }

    /// <summary>Upper end of the sup-t uniform band over all cells (bootstrap only).</summary>
    public double? BandHigh { get; init; }

    /// <summary>True when t ≥ g.</summary>
    public bool IsPostTreatment => Period >= Group;
}

/// <summary>Kinds of aggregation of ATT(g,t) (R did's <c>aggte</c> types).</summary>
public enum AggregationKind
{
    /// <summary>Share-weighted average of all post-treatment cells.</summary>
    Simple,
    /// <summary>By event time e = t − g; overall = mean over e ≥ 0.</summary>
    Dynamic,
    /// <summary>By cohort (mean over its post-treatment periods); overall weighted by cohort shares.</summary>
    Group,
    /// <summary>By calendar period (share-weighted over cohorts treated by then); overall = mean over periods.</summary>
    Calendar,
}

/// <summary>One component of an aggregation: an event time, cohort or calendar period.</summary>
/// <param name="Key">e for dynamic, g for group, t for calendar.</param>
/// <param name="Att">Estimate.</param>
/// <param name="StdError">Standard error.</param>
/// <param name="ConfLow">Pointwise lower bound.</param>
/// <param name="ConfHigh">Pointwise upper bound.</param>
public sealed record AggregateComponent(long Key, double Att, double StdError, double ConfLow, double ConfHigh)
{
    /// <summary>Lower end of the sup-t band over the components (bootstrap only).</summary>
    public double? BandLow { get; init; }

    /// <summary>Upper end of the sup-t band over the components (bootstrap only).</summary>
    public double? BandHigh { get; init; }
}

/// <summary>An aggregation of the ATT(g,t): the overall value and its components.</summary>
/// <param name="Kind">Aggregation type.</param>
/// <param name="Att">Overall estimate.</param>
/// <param name="StdError">Its standard error.</param>
/// <param name="ConfLow">Pointwise lower bound.</param>
/// <param name="ConfHigh">Pointwise upper bound.</param>
/// <param name="Components">Components (empty for <see cref="AggregationKind.Simple"/>).</param>
/// <param name="CriticalValue">sup-t critical value of the components' band (bootstrap only).</param>
public sealed record Aggregation(AggregationKind Kind, double Att, double StdError, double ConfLow, double ConfHigh,
    IReadOnlyList<AggregateComponent> Components, double? CriticalValue);

/// <summary>Result of <see cref="CallawaySantAnna"/>.</summary>
public sealed class CallawaySantAnnaResult : IEstimationResult
{
    internal CallawaySantAnnaResult(CallawaySantAnnaOptions options, IReadOnlyList<GroupTimeAtt> attGt, Aggregation simple, Aggregation dynamic,
        Aggregation group, Aggregation calendar, int units, int observations, IReadOnlyList<long> cohorts, int replications, double cellCritical,
        MissingValueReport missing, IReadOnlyList<string> notes)
    {
        Options = options;
        AttGt = attGt;
        Simple = simple;
        Dynamic = dynamic;
        Group = group;
        Calendar = calendar;
        Units = units;
        Observations = observations;
        Cohorts = cohorts;
        BootstrapReplications = replications;
        CellCriticalValue = double.IsNaN(cellCritical) ? null : cellCritical;
        MissingValues = missing;
        Notes = notes;
        Coefficients =
        [
            Coefficient.FromEstimate("ATT (simple)", simple.Att, simple.StdError, null, options.ConfidenceLevel),
            Coefficient.FromEstimate("ATT (dynamic, e ≥ 0)", dynamic.Att, dynamic.StdError, null, options.ConfidenceLevel),
            Coefficient.FromEstimate("ATT (group)", group.Att, group.StdError, null, options.ConfidenceLevel),
            Coefficient.FromEstimate("ATT (calendar)", calendar.Att, calendar.StdError, null, options.ConfidenceLevel),
        ];
    }

    /// <summary>The options used.</summary>
    public CallawaySantAnnaOptions Options { get; }

    /// <summary>All ATT(g,t) cells, by cohort then period.</summary>
    public IReadOnlyList<GroupTimeAtt> AttGt { get; }

    /// <summary>Simple aggregation.</summary>
    public Aggregation Simple { get; }

    /// <summary>Dynamic (event-time) aggregation.</summary>
    public Aggregation Dynamic { get; }

    /// <summary>Group aggregation.</summary>
    public Aggregation Group { get; }

    /// <summary>Calendar-time aggregation.</summary>
    public Aggregation Calendar { get; }

    /// <summary>Units in the balanced estimation panel.</summary>
    public int Units { get; }

    /// <summary>Treated cohorts.</summary>
    public IReadOnlyList<long> Cohorts { get; }

    /// <summary>Bootstrap replications (0 = analytic standard errors).</summary>
    public int BootstrapReplications { get; }

    /// <summary>sup-t critical value of the uniform band over all ATT(g,t) (bootstrap only).</summary>
    public double? CellCriticalValue { get; }

    /// <summary>Rows and units dropped to balance the panel.</summary>
    public MissingValueReport MissingValues { get; }

    /// <summary>The dynamic aggregation as event-study points (for figures).</summary>
    public IReadOnlyList<EventTimeEffect> EventTimeEffects() =>
        Dynamic.Components.Select(c => new EventTimeEffect((int)c.Key, c.Att, c.StdError, c.ConfLow, c.ConfHigh,
            IsReference: Options.BasePeriod == BasePeriod.Universal && c.Key == -1) { BandLow = c.BandLow, BandHigh = c.BandHigh }).ToArray();

    /// <inheritdoc />
    public string Model => "Callaway–Sant'Anna";
    /// <inheritdoc />
    public string? Label => Options.Label;
    /// <inheritdoc />
    public string Dependent => Options.Outcome;
    /// <inheritdoc />
    public IReadOnlyList<Coefficient> Coefficients { get; }
    /// <inheritdoc />
    public int Observations { get; }
    /// <inheritdoc />
    public VarianceSummary? Variance => null;
    /// <inheritdoc />
    public IReadOnlyList<FitStatistic> FitStatistics =>
    [
        new("n_units", "Units", Units, IsCount: true),
        new("n_cohorts", "Treated cohorts", Cohorts.Count, IsCount: true),
    ];
    /// <inheritdoc />
    public IReadOnlyList<string> AbsorbedEffects => [];
    /// <inheritdoc />
    public IReadOnlyList<string> Notes { get; }
}
