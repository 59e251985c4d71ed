using BenchmarkDotNet.Attributes;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Spatial;

namespace DigitalEconomy.Econometrics.Benchmarks;

/// <summary>
/// Spatial models and statistics. Targets: SDM with two-way effects and 1,000 effect simulations on 285 × 12 under
/// 100 ms (eigenvalue path); the same model on N = 3,000, T = 20 with a 10-nearest-neighbour W under 5 s (Monte Carlo
/// trace path); Moran's I with 999 permutations for 12 years × 285 cities under 50 ms (the study's 5-nearest-neighbour W;
/// the SDM on 285 cities uses inverse distance with a cut-off, about 24 neighbours each).
/// </summary>
public class SpatialBenchmarks
{
    private PanelData _small = null!;
    private SpatialWeights _smallW = null!;
    private PanelData _large = null!;
    private SpatialWeights _largeW = null!;
    private SpatialWeights _knn5 = null!;

    /// <summary>Simulated SDM panels (ρ = 0.4) on random planar locations.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (_small, _smallW) = Simulate(285, 12, c => SpatialWeights.InverseDistance(c, 1, cutoff: 3).Standardise(WeightStyle.Row), 1);
        // the study's matrix: five nearest neighbours, row-standardised (1,425 links)
        _knn5 = SpatialWeights.NearestNeighbours(SpatialCoordinates.Planar(_smallW.Keys, _smallW.Keys.Select((_, i) => (double)(i % 17)).ToArray(),
            _smallW.Keys.Select((_, i) => i / 17 + 0.1 * (i % 3)).ToArray()), 5).Standardise(WeightStyle.Row);
        (_large, _largeW) = Simulate(3000, 20, c => SpatialWeights.NearestNeighbours(c, 10).Standardise(WeightStyle.Row), 2);
    }

    private static (PanelData, SpatialWeights) Simulate(int n, int t, Func<SpatialCoordinates, SpatialWeights> build, ulong seed)
    {
        var rng = SeededRandom.ForStream(seed, 0);
        var keys = Enumerable.Range(0, n).Select(i => $"c{i:D5}").ToArray();
        double side = Math.Sqrt(n);
        var coords = SpatialCoordinates.Planar(keys, keys.Select(_ => rng.NextDouble() * side).ToArray(), keys.Select(_ => rng.NextDouble() * side).ToArray());
        var w = build(coords);
        var alpha = keys.Select(_ => rng.NextGaussian()).ToArray();
        var ent = new List<string>(n * t);
        var tim = new List<string>(n * t);
        var y = new List<double>(n * t);
        var x1 = new List<double>(n * t);
        var x2 = new List<double>(n * t);
        for (int p = 0; p < t; p++)
        {
            double gamma = rng.NextGaussian();
            var a = keys.Select(_ => rng.NextGaussian()).ToArray();
            var b = keys.Select(_ => rng.NextGaussian()).ToArray();
            var wa = w.Lag(a);
            var rhs = new double[n];
            for (int i = 0; i < n; i++) rhs[i] = a[i] - 0.5 * b[i] + 0.5 * wa[i] + alpha[i] + gamma + 0.5 * rng.NextGaussian();
            var v = (double[])rhs.Clone();
            for (int it = 0; it < 60; it++)
            {
                var wv = w.Lag(v);
                for (int i = 0; i < n; i++) v[i] = rhs[i] + 0.4 * wv[i];
            }
            for (int i = 0; i < n; i++)
            {
                ent.Add(keys[i]);
                tim.Add((2000 + p).ToString(System.Globalization.CultureInfo.InvariantCulture));
                y.Add(v[i]);
                x1.Add(a[i]);
                x2.Add(b[i]);
            }
        }
        return (PanelData.Create("city", ent, "year", tim, [new("y", y.ToArray()), new("x1", x1.ToArray()), new("x2", x2.ToArray())]), w);
    }

    /// <summary>SDM, two-way effects, 1,000 simulated effect draws, LM and Durbin tests: 285 × 12.</summary>
    [Benchmark]
    public double SdmTwoWay285x12() =>
        SpatialRegression.Fit(_small, _smallW, new SpatialRegressionOptions("y", ["x1", "x2"]) { Kind = SpatialModelKind.Sdm, Effects = SpatialEffects.TwoWay, Simulations = 1000 }).LogLikelihood;

    /// <summary>SDM, two-way effects, 1,000 simulated effect draws: N = 3,000, T = 20, 10-nearest-neighbour W.</summary>
    [Benchmark]
    public double SdmTwoWay3000x20() =>
        SpatialRegression.Fit(_large, _largeW, new SpatialRegressionOptions("y", ["x1", "x2"]) { Kind = SpatialModelKind.Sdm, Effects = SpatialEffects.TwoWay, Simulations = 1000 }).LogLikelihood;

    /// <summary>Moran's I and Geary's C with 999 permutations for each of 12 years, 285 cities, 5-nearest-neighbour W.</summary>
    [Benchmark]
    public double Moran999Permutations285x12() =>
        SpatialAutocorrelation.ByPeriod(_small, "y", _knn5, new MoranOptions { Permutations = 999 }).Series.Sum(s => s.PPermutation ?? 0);
}
