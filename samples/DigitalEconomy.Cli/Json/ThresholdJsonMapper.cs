using DigitalEconomy.Econometrics.Threshold;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Cli.Json;

/// <summary>Maps a Hansen threshold result onto the JSON contract.</summary>
internal static class ThresholdJsonMapper
{
    public static ThresholdJson Threshold(ThresholdResult result) =>
        new("threshold", result.Sample.Observations, result.Linear.Sse, result.Models.Select(m => Model(result, m)).ToArray())
        {
            Missing = MissingJson.From(result.Missing),
        };

    private static ThresholdModelJson Model(ThresholdResult result, ThresholdModel model)
    {
        var boot = model.Test.Bootstrap;
        return new ThresholdModelJson(
            model.ThresholdCount,
            model.Thresholds,
            model.Thresholds.Select(t => ConfidenceSet(result, model, t)).ToArray(),
            model.Test.UnrestrictedSse,
            model.Test.F,
            boot?.PValue ?? double.NaN,
            new CriticalValuesJson(boot?.Critical10 ?? double.NaN, boot?.Critical5 ?? double.NaN, boot?.Critical1 ?? double.NaN),
            Coefficients(model.Fit))
        {
            LrCurve = model.Estimates.Select(e => new LrCurveJson(e.Search.Name, e.Search.FixedThresholds, e.Search.Candidates,
                e.Search.LikelihoodRatio, e.Search.ConfidenceSet.CriticalValue)).ToArray(),
        };
    }

    /// <summary>
    /// The LR confidence set of threshold <paramref name="value"/>: from the search that estimated it in this
    /// model (the refined search for a double model), else from the earlier model that estimated it.
    /// </summary>
    private static double[] ConfidenceSet(ThresholdResult result, ThresholdModel model, double value)
    {
        foreach (var m in result.Models.Where(m => m.ThresholdCount <= model.ThresholdCount).OrderByDescending(m => m.ThresholdCount))
            foreach (var e in m.Estimates)
                if (e.Value == value)
                    return [e.Search.ConfidenceSet.Lower, e.Search.ConfidenceSet.Upper];
        return [double.NaN, double.NaN];
    }

    /// <summary>Coefficient rows as the library reports them under the fit's variance (its t tests, p-values and intervals).</summary>
    public static CoefficientJson[] Coefficients(ThresholdModelFit fit) =>
        fit.Coefficients.Select(RegressionJsonMapper.Coefficient).ToArray();
}
