using BenchmarkDotNet.Attributes;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Gmm;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Benchmarks;

/// <summary>
/// Two-step robust (Windmeijer) system GMM of y on L.y and x with gmm(y, lag(2 .)), iv(x) and period effects,
/// including the AR, Sargan/Hansen and difference-in-Hansen tests: on the study's shape (285 cities × 12 years)
/// with collapsed instruments (target &lt; 20 ms), and on 10,000 groups × 10 periods without collapsing
/// (55 instruments; target &lt; 2 s). Data: a simulated AR(1) panel with fixed effects (ρ = 0.8).
/// </summary>
[MemoryDiagnoser]
public class GmmBenchmarks
{
    private static readonly GmmSpecification Spec = new("y",
        [GmmRegressor.Lags("y", 1, 1), GmmRegressor.Current("x")],
        [new GmmInstrument("y", 2, null)]) { IvInstruments = [new IvInstrument("x")] };

    private PanelData _study = null!;
    private PanelData _large = null!;

    /// <summary>Simulates both panels once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _study = Simulate(285, 12, 1);
        _large = Simulate(10_000, 10, 2);
    }

    /// <summary>285 × 12, collapsed instruments.</summary>
    [Benchmark]
    public GmmResult SystemCollapsed285x12() => DynamicPanelGmm.Fit(_study, Spec,
        new GmmOptions { Method = GmmMethod.System, Steps = GmmSteps.TwoStep, Robust = true, Collapse = true, TimeEffects = true });

    /// <summary>10,000 × 10, all available lags as instruments.</summary>
    [Benchmark]
    public GmmResult System10000x10() => DynamicPanelGmm.Fit(_large, Spec,
        new GmmOptions { Method = GmmMethod.System, Steps = GmmSteps.TwoStep, Robust = true, TimeEffects = true });

    private static PanelData Simulate(int groups, int periods, ulong seed)
    {
        var rng = SeededRandom.ForStream(seed, 1);
        int rows = groups * periods;
        var ids = new int[rows];
        var years = new int[rows];
        var y = new double[rows];
        var x = new double[rows];
        int r = 0;
        for (int i = 0; i < groups; i++)
        {
            double alpha = rng.NextGaussian();
            double prev = alpha / 0.2;
            for (int t = -30; t < periods; t++)
            {
                double xt = rng.NextGaussian();
                double yt = 0.8 * prev + xt + alpha + rng.NextGaussian();
                prev = yt;
                if (t < 0) continue;
                ids[r] = i + 1;
                years[r] = 2001 + t;
                y[r] = yt;
                x[r] = xt;
                r++;
            }
        }
        return PanelData.Create("id", ids, "year", years, [new("y", y), new("x", x)]);
    }
}
