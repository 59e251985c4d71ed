using BenchmarkDotNet.Attributes;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Threshold;

namespace DigitalEconomy.Econometrics.Benchmarks;

/// <summary>
/// Hansen (1999) replication on his investment panel (565 firms × 14 years, 7,910 observations):
/// single, double and triple thresholds on the 400-quantile grid (393 candidates) with 300 bootstrap
/// replications per test — ~1,800 grid searches, an hour with ptm.R's lm() per grid point. Reads
/// ../shared/reference/hansen1999_invest.csv (or DE_SHARED_REFERENCE); falls back to a simulated panel of
/// the same shape when it is absent.
/// </summary>
[MemoryDiagnoser]
public class ThresholdBenchmarks
{
    private static readonly ThresholdSpecification Spec = new("inva", ["c1"], ["q1", "q1^2", "q1^3", "d1", "q1*d1"], "d1");
    private PanelData _panel = null!;

    /// <summary>Fixed-effects transformation.</summary>
    [Params(ThresholdTransformation.HansenOriginal, ThresholdTransformation.StandardWithin)]
    public ThresholdTransformation Transformation { get; set; }

    /// <summary>Loads and prepares the data once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var raw = Locate() is { } path ? PanelCsv.Read(path, "firm", "year") : Simulate();
        var q1 = raw.Lag("vala");
        var d1 = raw.Lag("debta");
        _panel = raw
            .WithColumn("q1", q1)
            .WithColumn("q1^2", q1.Select(v => v * v).ToArray())
            .WithColumn("q1^3", q1.Select(v => v * v * v).ToArray())
            .WithColumn("d1", d1)
            .WithColumn("q1*d1", q1.Zip(d1, (a, b) => a * b).ToArray())
            .WithColumn("c1", raw.Lag("cfa"));
    }

    /// <summary>Full replication: 3 thresholds, 400-point grid, 300 bootstrap replications per test.</summary>
    [Benchmark]
    public ThresholdResult FullReplication() =>
        PanelThresholdRegression.Estimate(_panel, Spec, new ThresholdOptions { Transformation = Transformation });

    /// <summary>Point estimates only: the 4 grid searches, fits and LR sets, no bootstrap.</summary>
    [Benchmark]
    public ThresholdResult PointEstimates() =>
        PanelThresholdRegression.Estimate(_panel, Spec, new ThresholdOptions { Transformation = Transformation, BootstrapReplications = 0 });

    private static string? Locate()
    {
        var env = Environment.GetEnvironmentVariable("DE_SHARED_REFERENCE");
        foreach (var dir in new[] { env, "/work/shared/reference" })
            if (!string.IsNullOrEmpty(dir) && File.Exists(Path.Combine(dir, "hansen1999_invest.csv")))
                return Path.Combine(dir, "hansen1999_invest.csv");
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        for (; here is not null; here = here.Parent)
        {
            var candidate = Path.Combine(here.FullName, "shared", "reference", "hansen1999_invest.csv");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static PanelData Simulate()
    {
        var rng = new Random(1999);
        int firms = 565, years = 15, n = firms * years;
        var ids = new int[n];
        var t = new int[n];
        var cols = new[] { "inva", "vala", "cfa", "debta" }.ToDictionary(c => c, _ => new double[n]);
        for (int r = 0; r < n; r++)
        {
            ids[r] = r / years + 1;
            t[r] = r % years + 1;
            cols["vala"][r] = Math.Exp(rng.NextDouble() * 2);
            cols["cfa"][r] = rng.NextDouble() * 0.4;
            cols["debta"][r] = rng.NextDouble();
            cols["inva"][r] = 0.1 * cols["cfa"][r] + 0.05 * rng.NextDouble();
        }
        return PanelData.Create("firm", ids, "year", t, cols.Select(kv => new KeyValuePair<string, double[]>(kv.Key, kv.Value)));
    }
}
