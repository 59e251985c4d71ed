using BenchmarkDotNet.Attributes;
using DigitalEconomy.Cli;

namespace DigitalEconomy.Econometrics.Benchmarks;

/// <summary>
/// The CLI end to end, in-process: `replicate` on the bundled 285 × 12 panel with the default bootstrap counts
/// (1,000 mediation and 300 threshold replications), writing every table and figure. Target: under 30 s.
/// </summary>
public class CliBenchmarks
{
    private string _out = "";

    /// <summary>A scratch output directory.</summary>
    [GlobalSetup]
    public void Setup() => _out = Directory.CreateTempSubdirectory("de-econ-bench-").FullName;

    /// <summary>Removes the scratch directory.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_out, recursive: true);

    /// <summary>The whole study: 13 tables in three formats, 4 PNG figures and report.md.</summary>
    [Benchmark]
    public int ReplicateBundledPanel() => CliApp.Run(["replicate", "--out", _out], TextWriter.Null, TextWriter.Null);

    /// <summary>One two-way FE regression with city-clustered SEs, including reading the CSV and rendering JSON.</summary>
    [Benchmark]
    public int FeJson() => CliApp.Run(["fe", "--y", "gap", "--x", "dei,gov,open,hum,fin,ind_struct,urb", "--format", "json"], TextWriter.Null, TextWriter.Null);
}
