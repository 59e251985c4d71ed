using BenchmarkDotNet.Attributes;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Indices;

namespace DigitalEconomy.Econometrics.Benchmarks;

/// <summary>Entropy index over 1,000,000 rows × 20 indicators (target &lt; 200 ms).</summary>
[MemoryDiagnoser]
public class IndicesEntropyBenchmarks
{
    private PanelData _panel = null!;
    private Indicator[] _indicators = null!;

    [GlobalSetup]
    public void Setup()
    {
        const int entities = 10_000, periods = 100, m = 20;
        int n = entities * periods;
        var ids = new int[n];
        var years = new int[n];
        for (int r = 0; r < n; r++) { ids[r] = r / periods; years[r] = 1900 + r % periods; }
        var rng = new Random(42);
        var columns = new List<KeyValuePair<string, double[]>>();
        for (int j = 0; j < m; j++)
        {
            var x = new double[n];
            for (int r = 0; r < n; r++) x[r] = Math.Exp(rng.NextDouble() * 4);
            columns.Add(new($"x{j}", x));
        }
        _panel = PanelData.Create("city", ids, "year", years, columns);
        _indicators = Enumerable.Range(0, m).Select(j => j % 5 == 4 ? Indicator.Negative($"x{j}") : Indicator.Positive($"x{j}")).ToArray();
    }

    /// <summary>Pooled entropy weights and scores, 1M × 20.</summary>
    [Benchmark]
    public double EntropyPooled() => EntropyWeightMethod.Compute(_panel, _indicators).Scores[0];

    /// <summary>Entropy-TOPSIS closeness, 1M × 20.</summary>
    [Benchmark]
    public double EntropyTopsisPooled() => EntropyTopsis.Compute(_panel, _indicators).Closeness[0];
}

/// <summary>Inequality series for 12 periods × 300 units (target &lt; 1 ms).</summary>
[MemoryDiagnoser]
public class IndicesInequalityBenchmarks
{
    private PanelData _panel = null!;

    [GlobalSetup]
    public void Setup()
    {
        const int entities = 300, periods = 12;
        int n = entities * periods;
        var ids = new int[n];
        var years = new int[n];
        var gdp = new double[n];
        var pop = new double[n];
        var rng = new Random(42);
        for (int r = 0; r < n; r++)
        {
            ids[r] = r / periods;
            years[r] = 2008 + r % periods;
            gdp[r] = Math.Exp(10 + rng.NextDouble());
            pop[r] = 50 + rng.NextDouble() * 500;
        }
        var region = Factor.FromStrings(Enumerable.Range(0, n).Select(r => (r / periods % 3) switch { 0 => "East", 1 => "Central", _ => "West" }).ToArray());
        _panel = PanelData.Create("city", ids, "year", years, [new("gdppc", gdp), new("pop", pop)], [new("region", region)]);
    }

    /// <summary>Theil T, Theil L, Gini and CV per period.</summary>
    [Benchmark]
    public int Series() => Inequality.Series(_panel, "gdppc").Periods.Count;

    /// <summary>The same, population-weighted.</summary>
    [Benchmark]
    public int SeriesWeighted() => Inequality.Series(_panel, "gdppc", "pop").Periods.Count;

    /// <summary>Theil T/L between-within decomposition per period by region.</summary>
    [Benchmark]
    public int TheilByRegion() => Inequality.TheilSeries(_panel, "gdppc", "region").Periods.Count;

    /// <summary>Dagum Gini decomposition per period by region.</summary>
    [Benchmark]
    public int DagumByRegion() => Inequality.DagumSeries(_panel, "gdppc", "region").Periods.Count;
}
