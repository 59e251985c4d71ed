using BenchmarkDotNet.Attributes;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Did;

namespace DigitalEconomy.Econometrics.Benchmarks;

/// <summary>
/// Staggered-DID targets: Callaway–Sant'Anna without covariates with 999 multiplier-bootstrap draws on 285 × 12
/// (&lt; 50 ms) and on 100,000 units × 20 periods (&lt; 5 s), and 500 permutations of the TWFE DID on 285 × 12
/// (&lt; 0.5 s). End to end from a PanelData (cohort validation, balancing, every ATT(g,t), the four aggregations).
/// </summary>
[MemoryDiagnoser]
public class DidBenchmarks
{
    private PanelData _city = null!;
    private PanelData _large = null!;

    private static PanelData Staggered(int units, int periods, int firstYear, long[] cohorts, int seed)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        int n = units * periods;
        var ids = new int[n];
        var years = new int[n];
        var y = new double[n];
        var g = new double[n];
        for (int i = 0; i < units; i++)
        {
            long c = rng.NextDouble() < 0.4 ? 0 : cohorts[rng.Next(cohorts.Length)];
            double fe = Normal();
            for (int t = 0; t < periods; t++)
            {
                int r = i * periods + t;
                ids[r] = i + 1;
                years[r] = firstYear + t;
                g[r] = c;
                y[r] = fe + 0.1 * t + (c != 0 && years[r] >= c ? 0.05 * (years[r] - c + 1) : 0) + Normal();
            }
        }
        return PanelData.Create("city", ids, "year", years, [new("y", y), new("g", g)]);
    }

    [GlobalSetup]
    public void Setup()
    {
        _city = Staggered(285, 12, 2008, [2014, 2015, 2016], 1);
        _large = Staggered(100_000, 20, 2001, [2005, 2008, 2011, 2014, 2017], 2);
    }

    /// <summary>CS, no covariates, 999 Rademacher draws, 285 × 12.</summary>
    [Benchmark]
    public double CallawaySantAnna_Bootstrap999_285x12() =>
        CallawaySantAnna.Fit(_city, new CallawaySantAnnaOptions("y", "g") { BootstrapReplications = 999 }).Simple.StdError;

    /// <summary>CS, no covariates, 999 Rademacher draws, 100,000 × 20.</summary>
    [Benchmark]
    public double CallawaySantAnna_Bootstrap999_100000x20() =>
        CallawaySantAnna.Fit(_large, new CallawaySantAnnaOptions("y", "g") { BootstrapReplications = 999 }).Simple.StdError;

    /// <summary>500 permutations of the TWFE DID, 285 × 12.</summary>
    [Benchmark]
    public double Placebo500_285x12() =>
        PlaceboTest.Run(_city, new PlaceboOptions("y", "g") { Replications = 500 }).PValue;
}
