using DigitalEconomy.Cli.Json;

namespace DigitalEconomy.Cli.Replication;

/// <summary>
/// The machine-readable result of <c>replicate --format json</c>: where everything went and the key
/// estimates (the same shapes as the single commands), so scripts and tests can check the study.
/// </summary>
internal sealed class ReplicationSummary
{
    public string OutDirectory { get; set; } = "";
    public List<string> Files { get; set; } = [];
    public List<string> Skipped { get; set; } = [];
    public List<IndexWeightJson>? DeiWeights { get; set; }
    public List<RegressionJson> Baseline { get; set; } = [];
    public List<RegressionJson> Heterogeneity { get; set; } = [];
    public List<RegressionJson> HeterogeneityByRegion { get; set; } = [];
    public MediationJson? Mediation { get; set; }
    public ThresholdJson? Threshold { get; set; }
    public List<RegressionJson> Robustness { get; set; } = [];
    public UShapeJson? UShape { get; set; }
    /// <summary>Province-clustered wild cluster bootstrap of the baseline DEI coefficient; null when the study has no province.</summary>
    public WildBootstrapJson? BaselineWildProvince { get; set; }
}

/// <summary>The Lind–Mehlum U-shape test in the JSON summary (intervals at 95%).</summary>
internal sealed record UShapeJson(string Shape, double TurningPoint, double[] DeltaCi, double[] FiellerCi, double XMin, double XMax, double T, double PValue);

/// <summary>A wild cluster bootstrap test of one coefficient (H₀: β = 0) in the JSON summary.</summary>
internal sealed record WildBootstrapJson(string Test, double T, double PValue, int Clusters, int Replications, bool Enumerated, string Type, string Weights, ulong Seed);
