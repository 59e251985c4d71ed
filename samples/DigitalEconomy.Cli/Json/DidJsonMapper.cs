using DigitalEconomy.Econometrics.Did;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Cli.Json;

// The `did` document (docs/cli/did.md). Fields that do not apply to an estimator are null; add fields only at the end.

internal sealed record AttGtJson(long Group, long Time, double Att, double Se);

internal sealed record DidSimpleJson(double Att, double Se, double ConfLow, double ConfHigh);

internal sealed record DidDynamicJson(long E, double Att, double Se, double ConfLow, double ConfHigh, double? BandLow, double? BandHigh);

internal sealed record DidGroupJson(long Group, double Att, double Se, double ConfLow, double ConfHigh, double? BandLow, double? BandHigh);

internal sealed record DidCalendarJson(long Time, double Att, double Se, double ConfLow, double ConfHigh, double? BandLow, double? BandHigh);

internal sealed record DidAggregateJson(DidSimpleJson Simple, IReadOnlyList<DidDynamicJson> Dynamic, IReadOnlyList<DidGroupJson> Group, IReadOnlyList<DidCalendarJson> Calendar);

internal sealed record EventStudyPointJson(int E, double Estimate, double StdError, double ConfLow, double ConfHigh);

internal sealed record PretrendJson(double Statistic, int Df, double DfDenominator, double PValue);

internal sealed record BaconJson(string Type, long Treated, long Control, double Weight, double Estimate);

internal sealed record PlaceboJson(int Reps, double PValue, IReadOnlyDictionary<string, double> Quantiles);

internal sealed record DidMissingJson(int RowsDropped, int UnitsDropped);

internal sealed record DidJson(
    string Model, string Estimator, int Nobs, int NUnits, IReadOnlyList<long> Cohorts,
    IReadOnlyList<AttGtJson>? AttGt, DidAggregateJson? Aggregate, IReadOnlyList<EventStudyPointJson>? EventStudy,
    PretrendJson? Pretrend, IReadOnlyList<BaconJson>? Bacon, PlaceboJson? Placebo,
    IReadOnlyList<CoefficientJson> Coefficients, DidMissingJson Missing);

internal static class DidJsonMapper
{
    public static DidJson Document(string estimator, int nobs, int units, IReadOnlyList<long> cohorts, IReadOnlyList<Coefficient> coefficients,
        DidMissingJson missing, CallawaySantAnnaResult? cs = null, IReadOnlyList<EventTimeEffect>? events = null, PretrendTest? pretrend = null,
        BaconDecompositionResult? bacon = null, PlaceboResult? placebo = null) =>
        new("did", estimator, nobs, units, cohorts,
            cs?.AttGt.Select(c => new AttGtJson(c.Group, c.Period, c.Att, c.StdError)).ToArray(),
            cs is null ? null : Aggregate(cs),
            events?.Select(e => new EventStudyPointJson(e.EventTime, e.Estimate, e.StdError, e.ConfLow, e.ConfHigh)).ToArray(),
            pretrend is null ? null : new PretrendJson(pretrend.Statistic, pretrend.NumeratorDf, pretrend.DenominatorDf, pretrend.PValue),
            bacon?.Comparisons.Select(c => new BaconJson(BaconType(c.Type), c.Treated, c.Control, c.Weight, c.Estimate)).ToArray(),
            placebo is null ? null : new PlaceboJson(placebo.Replications, placebo.PValue, new Dictionary<string, double>
            {
                ["2.5"] = placebo.Quantile(0.025), ["5"] = placebo.Quantile(0.05), ["50"] = placebo.Quantile(0.5),
                ["95"] = placebo.Quantile(0.95), ["97.5"] = placebo.Quantile(0.975),
            }),
            coefficients.Select(RegressionJsonMapper.Coefficient).ToArray(),
            missing);

    public static string BaconType(BaconComparisonType type) => type switch
    {
        BaconComparisonType.TreatedVsUntreated => "treated_vs_untreated",
        BaconComparisonType.EarlierVsLaterTreated => "earlier_vs_later_treated",
        BaconComparisonType.LaterVsEarlierTreated => "later_vs_earlier_treated",
        _ => "later_vs_always_treated",
    };

    private static DidAggregateJson Aggregate(CallawaySantAnnaResult cs) => new(
        new DidSimpleJson(cs.Simple.Att, cs.Simple.StdError, cs.Simple.ConfLow, cs.Simple.ConfHigh),
        cs.Dynamic.Components.Select(c => new DidDynamicJson(c.Key, c.Att, c.StdError, c.ConfLow, c.ConfHigh, c.BandLow, c.BandHigh)).ToArray(),
        cs.Group.Components.Select(c => new DidGroupJson(c.Key, c.Att, c.StdError, c.ConfLow, c.ConfHigh, c.BandLow, c.BandHigh)).ToArray(),
        cs.Calendar.Components.Select(c => new DidCalendarJson(c.Key, c.Att, c.StdError, c.ConfLow, c.ConfHigh, c.BandLow, c.BandHigh)).ToArray());
}
