using DigitalEconomy.Econometrics.Mediation;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Cli.Json;

/// <summary>Maps a mediation result onto the JSON contract: per mediator, paths a, b, c, c′, a·b, Sobel and bootstrap CIs.</summary>
internal static class MediationJsonMapper
{
    public static MediationJson Mediation(MediationResult result) =>
        new(result.Mediators.Select(m => Mediator(result, m)).ToArray())
        {
            Missing = MissingJson.From(result.Sample),
            Parallel = result.Parallel is { } p
                ? new ParallelMediationJson(RegressionJsonMapper.Coefficient(p.DirectEffect),
                    p.Specific.Select(e => new SpecificIndirectJson(e.Mediator, RegressionJsonMapper.Coefficient(e.A), RegressionJsonMapper.Coefficient(e.B),
                        e.Estimate, new SobelJson(e.Sobel.StandardError, e.Sobel.Z, e.Sobel.PValue), Bootstrap(result, e.Bootstrap))).ToArray(),
                    p.TotalIndirect, Bootstrap(result, p.TotalIndirectBootstrap))
                : null,
        };

    private static BootstrapJson? Bootstrap(MediationResult result, BootstrapSummary? b) =>
        b is null || result.Distribution is null
            ? null
            : new BootstrapJson(result.Distribution.Replications, [b.Percentile.Lower, b.Percentile.Upper], [b.BiasCorrected.Lower, b.BiasCorrected.Upper])
            {
                Bca = b.BiasCorrectedAccelerated is { } a ? [a.Lower, a.Upper] : null,
            };

    private static MediatorJson Mediator(MediationResult result, MediatorEffect m) => new(
        m.Mediator,
        RegressionJsonMapper.Coefficient(m.A),
        RegressionJsonMapper.Coefficient(m.B),
        RegressionJsonMapper.Coefficient(result.TotalEffect),
        RegressionJsonMapper.Coefficient(m.DirectEffect),
        m.IndirectEffect,
        new SobelJson(m.Sobel.StandardError, m.Sobel.Z, m.Sobel.PValue),
        Bootstrap(result, m.Bootstrap));
}
