using BenchmarkDotNet.Attributes;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Dynamics;
using DigitalEconomy.Econometrics.Simulation;

namespace DigitalEconomy.Econometrics.Benchmarks;

/// <summary>The synthetic panel generator and the kernel density used by the figures.</summary>
[MemoryDiagnoser]
public class SimulationBenchmarks
{
    private double[] _gap2019 = [];

    /// <summary>Takes one year's gap as the density sample (285 values, as in the gap-density figure).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var panel = CityPanelGenerator.Generate().Panel;
        var gap = panel.CopyColumn(CityPanelColumns.Gap);
        _gap2019 = Enumerable.Range(0, panel.RowCount).Where(r => panel.Times.LabelOf(r) == "2019").Select(r => gap[r]).ToArray();
    }

    /// <summary>The bundled 285 × 12 panel, from seed to <see cref="PanelData"/>.</summary>
    [Benchmark]
    public PanelData GenerateCityPanel() => CityPanelGenerator.Generate().Panel;

    /// <summary>A 2,850-city × 12-year panel (10× the bundled size).</summary>
    [Benchmark]
    public PanelData GenerateLargeCityPanel() => CityPanelGenerator.Generate(new CityPanelOptions { Cities = 2850 }).Panel;

    /// <summary>Gaussian KDE of 285 values on 512 points with Silverman's bandwidth.</summary>
    [Benchmark]
    public KernelDensityEstimate GapDensity2019() => KernelDensity.Estimate(_gap2019);
}
