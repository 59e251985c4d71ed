using BenchmarkDotNet.Attributes;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Benchmarks;

/// <summary>The hot-path kernels on 1,000,000 rows × 10 columns (an unbalanced 10,000 × 110 panel).</summary>
[MemoryDiagnoser]
public class NumericsKernelBenchmarks
{
    private ColumnMajorMatrix _x = new(0, 0);
    private ColumnMajorMatrix _work = new(0, 0);
    private double[] _e = [];
    private GroupCodes? _entity, _time;
    private FixedEffectsProjector? _exact, _alternating;

    [GlobalSetup]
    public void Setup()
    {
        var (ent, tim, y, x) = RegressionBenchmarkData.TwoWay(10_000, 110, 10, 0.909, 3);
        _x = x;
        _e = y;
        _work = new ColumnMajorMatrix(x.Rows, x.Columns);
        _entity = new GroupCodes("id", ent, 10_000);
        _time = new GroupCodes("t", tim, 110);
        _exact = new FixedEffectsProjector([_entity, _time]);
        _alternating = new FixedEffectsProjector([_entity, _time], new ProjectionSettings(ExactTwoWayMaxLevels: 0));
    }

    [IterationSetup(Targets = [nameof(DemeanOneWay), nameof(DemeanExactTwoWay), nameof(DemeanAlternatingProjections)])]
    public void Restore() => _x.Data.CopyTo(_work.Data);

    /// <summary>X'X, blocked SIMD.</summary>
    [Benchmark]
    public double Gram() => CrossProducts.Gram(_x)[0, 0];

    /// <summary>One-way within transformation of 10 columns.</summary>
    [Benchmark]
    public int DemeanOneWay() => new FixedEffectsProjector([_entity!]).DemeanInPlace(_work).Iterations;

    /// <summary>Two-way, exact small-factor method.</summary>
    [Benchmark]
    public int DemeanExactTwoWay() => _exact!.DemeanInPlace(_work).Iterations;

    /// <summary>Two-way by alternating projections with Irons–Tuck acceleration (tolerance 1e-10).</summary>
    [Benchmark]
    public int DemeanAlternatingProjections() => _alternating!.DemeanInPlace(_work).Iterations;

    /// <summary>One-way cluster meat (scores by entity).</summary>
    [Benchmark]
    public double ClusterMeat() => SandwichMeat.Cluster(_x, _e, _entity!)[0, 0];

    /// <summary>HC0 meat.</summary>
    [Benchmark]
    public double HeteroskedasticMeat() => SandwichMeat.Heteroskedastic(_x, _e)[0, 0];

    /// <summary>Projector set-up for the exact method (union–find, small system).</summary>
    [Benchmark]
    public int ProjectorSetup() => new FixedEffectsProjector([_entity!, _time!]).AbsorbedParameterCount;
}
