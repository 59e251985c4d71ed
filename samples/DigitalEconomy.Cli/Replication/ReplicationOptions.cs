using DigitalEconomy.Cli.Infrastructure;

namespace DigitalEconomy.Cli.Replication;

/// <summary>Settings of one <c>replicate</c> run.</summary>
internal sealed record ReplicationOptions
{
    public const long DefaultSeed = 20240601;
    public const int DefaultMediationBootstrap = 1000;
    public const int DefaultThresholdBootstrap = 300;

    /// <summary>Directory that receives tables, figures and report.md.</summary>
    public string OutDirectory { get; init; } = "results";

    /// <summary>Seed for every bootstrap of the study (each procedure derives its own stream from it).</summary>
    public long Seed { get; init; } = DefaultSeed;

    /// <summary>Entity-bootstrap replications for the indirect effects.</summary>
    public int MediationBootstrap { get; init; } = DefaultMediationBootstrap;

    /// <summary>Bootstrap replications for each threshold F test.</summary>
    public int ThresholdBootstrap { get; init; } = DefaultThresholdBootstrap;

    /// <summary>Format and resolution of every figure of the study (<c>--figure-format</c>, <c>--dpi</c>).</summary>
    public FigureSettings Figures { get; init; } = FigureSettings.Default;
}
