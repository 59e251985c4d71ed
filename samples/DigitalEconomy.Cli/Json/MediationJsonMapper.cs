using DigitalEconomy.Econometrics.Mediation;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Cli.Json;

/// <summary>Maps a mediation result onto the JSON contract: per mediator, paths a, b, c, c′, a·b, Sobel and bootstrap CIs.</summary>
internal static class MediationJsonMapper
{
    public static MediationJson Mediation(MediationResult result) =>
        new(result.Mediators.Select(m => Mediator(result, m)).ToArray()) { Missing = MissingJson.From(result.Sample) };

    private static MediatorJson Mediator(MediationResult result, MediatorEffect m) => new(
        m.Mediator,
        RegressionJsonMapper.Coefficient(m.A),
        RegressionJsonMapper.Coefficient(m.B),
        RegressionJsonMapper.Coefficient(result.TotalEffect),
        RegressionJsonMapper.Coefficient(m.DirectEffect),
        m.IndirectEffect,
        new SobelJson(m.Sobel.StandardError, m.Sobel.Z, m.Sobel.PValue),
        m.Bootstrap is null || result.Distribution is null
            ? null
            : new BootstrapJson(result.Distribution.Replications,
                [m.Bootstrap.Percentile.Lower, m.Bootstrap.Percentile.Upper],
                [m.Bootstrap.BiasCorrected.Lower, m.Bootstrap.BiasCorrected.Upper]));
}
