using BenchmarkDotNet.Attributes;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Dynamics;
using DigitalEconomy.Econometrics.Indices;
using DigitalEconomy.Econometrics.Simulation;
using DigitalEconomy.Econometrics.Spatial;

namespace DigitalEconomy.Econometrics.Benchmarks;

/// <summary>Each coordinated-development computation on the bundled 285 × 12 panel (target &lt; 10 ms each).</summary>
[MemoryDiagnoser]
public class DynamicsPanelBenchmarks
{
    private PanelData _panel = null!;
    private SpatialWeights _ring = null!;

    [GlobalSetup]
    public void Setup()
    {
        var panel = CityPanelGenerator.Generate().Panel;
        var ln = panel.CopyColumn(CityPanelColumns.GdpPerCapita).Select(v => Math.Log(v)).ToArray();
        double min = ln.Min(), max = ln.Max();
        _panel = panel.WithColumn("econ", ln.Select(v => (v - min) / (max - min)).ToArray());
        var cities = _panel.Entities.Levels;
        // A ring of neighbours (two each) stands in for contiguity weights.
        _ring = SpatialWeights.FromLinks(cities, Enumerable.Range(0, cities.Count).SelectMany(i => new[]
        {
            new SpatialLink(i, (i + 1) % cities.Count, 1),
            new SpatialLink(i, (i + cities.Count - 1) % cities.Count, 1),
        }));
    }

    [Benchmark]
    public CouplingCoordinationResult Coupling() =>
        CouplingCoordination.Compute(_panel, [CityPanelColumns.Dei, "econ"], new CouplingCoordinationOptions { GroupColumn = CityPanelColumns.Region });

    [Benchmark]
    public PrincipalComponentIndexResult Pca() =>
        PrincipalComponentIndex.Compute(_panel, CityPanelColumns.DeiIndicators.Select(Indicator.Positive).ToArray());

    [Benchmark]
    public MarkovChainResult Markov() => MarkovChain.Fit(_panel, CityPanelColumns.GdpPerCapita);

    [Benchmark]
    public MarkovChainResult SpatialMarkov() => MarkovChain.Fit(_panel, CityPanelColumns.GdpPerCapita, weights: _ring);

    [Benchmark]
    public ConvergenceResult ConvergenceWithControls() =>
        Convergence.Analyse(_panel, CityPanelColumns.GdpPerCapita, new ConvergenceOptions { Controls = CityPanelColumns.Controls });

    [Benchmark]
    public KernelDensitySeries Densities() => KernelDensity.PerPeriod(_panel, CityPanelColumns.Gap);
}

/// <summary>Markov chain of relative levels on 100,000 units × 20 periods (target &lt; 1 s).</summary>
[MemoryDiagnoser]
public class DynamicsMarkovLargeBenchmarks
{
    private PanelData _panel = null!;

    [GlobalSetup]
    public void Setup()
    {
        const int units = 100_000, periods = 20;
        int n = units * periods;
        var ids = new int[n];
        var years = new int[n];
        var y = new double[n];
        var rng = new Random(7);
        for (int e = 0; e < units; e++)
        {
            double u = rng.NextDouble();
            for (int t = 0; t < periods; t++)
            {
                int r = e * periods + t;
                ids[r] = e;
                years[r] = 2000 + t;
                u = 0.8 * u + 0.2 * rng.NextDouble();
                y[r] = Math.Exp(u);
            }
        }
        _panel = PanelData.Create("unit", ids, "year", years, [new("y", y)]);
    }

    [Benchmark]
    public MarkovChainResult Markov() => MarkovChain.Fit(_panel, "y", new MarkovChainOptions { Classes = 5 });
}
