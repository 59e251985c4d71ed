using DigitalEconomy.Econometrics.Threshold;
using MathNet.Numerics.Distributions;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Cli.Json;

/// <summary>Maps a Hansen threshold result onto the JSON contract.</summary>
internal static class ThresholdJsonMapper
{
    public static ThresholdJson Threshold(ThresholdResult result, ThresholdStandardErrors errors) =>
        new("threshold", result.Sample.Observations, result.Linear.Sse, result.Models.Select(m => Model(result, m, errors)).ToArray())
        {
            Missing = MissingJson.From(result.Missing),
        };

    private static ThresholdModelJson Model(ThresholdResult result, ThresholdModel model, ThresholdStandardErrors errors)
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
            Coefficients(model.Fit, errors, result.Options.ConfidenceLevel));
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

    /// <summary>
    /// Coefficient rows with the chosen standard errors; t tests with N(T−1) − k degrees of freedom for
    /// classical and White errors and G − 1 for entity-clustered ones (the conventions of the library's table).
    /// </summary>
    public static CoefficientJson[] Coefficients(ThresholdModelFit fit, ThresholdStandardErrors errors, double level)
    {
        var rows = new CoefficientJson[fit.Names.Count];
        for (int j = 0; j < rows.Length; j++)
        {
            var (se, df) = errors switch
            {
                ThresholdStandardErrors.Classical => (fit.ClassicalStandardErrors[j], (double)fit.ResidualDegreesOfFreedom),
                ThresholdStandardErrors.White => (fit.WhiteStandardErrors[j], (double)fit.ResidualDegreesOfFreedom),
                _ => (fit.ClusteredStandardErrors[j], fit.Clusters - 1.0),
            };
            double b = fit.Coefficients[j], t = b / se;
            double p = 2 * (1 - StudentT.CDF(0, 1, df, Math.Abs(t)));
            double q = StudentT.InvCDF(0, 1, df, 0.5 + level / 2);
            rows[j] = new CoefficientJson(fit.Names[j], b, se, t, p, b - q * se, b + q * se);
        }
        return rows;
    }
}
