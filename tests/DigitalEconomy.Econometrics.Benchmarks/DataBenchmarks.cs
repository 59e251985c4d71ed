using BenchmarkDotNet.Attributes;
using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Econometrics.Benchmarks;

/// <summary>
/// Data layer: reading the study-sized CSV (285 cities × 12 years × 30 numeric columns plus two text
/// columns) and a gap-aware lag on one million rows.
/// </summary>
[MemoryDiagnoser]
public class DataBenchmarks
{
    private string _csvPath = "";
    private PanelData _large = null!;

    /// <summary>Writes the CSV once and builds the 1M-row panel (100,000 entities × 10 years, 5% of rows missing).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(20240601);
        const int cities = 285, years = 12, columns = 30;
        int n = cities * years;
        var builder = new PanelDataBuilder("city", "year")
            .Keys(Enumerable.Range(0, n).Select(r => 1000 + r / years).ToArray(), Enumerable.Range(0, n).Select(r => 2008 + r % years).ToArray());
        for (int j = 0; j < columns; j++)
            builder.Numeric($"x{j}", Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.02 ? double.NaN : Math.Exp(rng.NextDouble() * 10)).ToArray());
        builder.Text("province", Enumerable.Range(0, n).Select(r => $"P{r / years % 31}").ToArray());
        builder.Text("region", Enumerable.Range(0, n).Select(r => (r / years % 3) switch { 0 => "East", 1 => "Central", _ => "West" }).ToArray());
        _csvPath = Path.Combine(Path.GetTempPath(), $"de_bench_{Environment.ProcessId}.csv");
        PanelCsv.Write(builder.Build(), _csvPath);

        const int entities = 100_000, periods = 10;
        var ids = new List<int>();
        var ts = new List<int>();
        for (int e = 0; e < entities; e++)
            for (int t = 0; t < periods; t++)
                if (rng.NextDouble() >= 0.05) { ids.Add(e); ts.Add(2000 + t); }
        _large = new PanelDataBuilder("id", "year").Keys(ids.ToArray(), ts.ToArray())
            .Numeric("x", ids.Select(_ => rng.NextDouble()).ToArray()).Build();
    }

    /// <summary>Removes the temporary CSV.</summary>
    [GlobalCleanup]
    public void Cleanup() => File.Delete(_csvPath);

    /// <summary>Parse, type, sort and check the 3,420 × 32 CSV.</summary>
    [Benchmark]
    public PanelData ReadCityPanelCsv() => PanelCsv.Read(_csvPath, "city", "year");

    /// <summary>x_{i,t−1} on ~950,000 rows with gaps.</summary>
    [Benchmark]
    public double[] LagOneMillionRows() => _large.Lag("x");
}
