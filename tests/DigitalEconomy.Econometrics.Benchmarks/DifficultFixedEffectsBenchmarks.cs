using BenchmarkDotNet.Attributes;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Benchmarks;

/// <summary>
/// Difficult fixed effects in the style of fixest's benchmark: 1,000,000 rows, 50,000 individuals observed for
/// 20 consecutive years out of 63, 6,250 firms; every individual starts at the firm of its block of eight and moves
/// to a random firm with probability 0.02 a year, so the individual–firm graph is connected only through few movers
/// and alternating projections converge slowly. Demeans the outcome and one regressor (two columns, in parallel)
/// at tolerance 1e-8 with the default strategy (alternating projections, then conjugate gradient when they stall).
/// The iterations and the method are printed once in the set-up.
/// </summary>
[MemoryDiagnoser]
public class DifficultFixedEffectsBenchmarks
{
    private const int Individuals = 50_000, PerIndividual = 20, Years = 63, Firms = 6_250;
    private GroupCodes? _ind, _firm, _year;
    private double[] _y = [], _x = [], _yWork = [];
    private ColumnMajorMatrix _xWork = new(0, 0);
    private FixedEffectsProjector? _twoWay, _threeWay, _threeWayCg;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(2018);
        int n = Individuals * PerIndividual;
        var ind = new int[n];
        var firm = new int[n];
        var year = new int[n];
        _y = new double[n];
        _x = new double[n];
        var firmEffect = new double[Firms];
        for (int f = 0; f < Firms; f++) firmEffect[f] = rng.NextDouble();
        int row = 0;
        for (int i = 0; i < Individuals; i++)
        {
            int f = i / 8, start = rng.Next(Years - PerIndividual + 1);
            double a = rng.NextDouble();
            for (int t = 0; t < PerIndividual; t++, row++)
            {
                if (rng.NextDouble() < 0.02) f = rng.Next(Firms);
                ind[row] = i;
                firm[row] = f;
                year[row] = start + t;
                _x[row] = rng.NextDouble() + firmEffect[f];
                _y[row] = 0.5 * _x[row] + a + firmEffect[f] + 0.01 * (start + t) + rng.NextDouble();
            }
        }
        _ind = new GroupCodes("ind", ind, Individuals);
        _firm = new GroupCodes("firm", firm, Firms);
        _year = new GroupCodes("year", year, Years);
        var settings = new ProjectionSettings(Tolerance: 1e-8);
        _twoWay = new FixedEffectsProjector([_ind, _firm], settings);
        _threeWay = new FixedEffectsProjector([_ind, _firm, _year], settings);
        _threeWayCg = new FixedEffectsProjector([_ind, _firm, _year], settings with { AlternatingIterationBudget = 0 });
        _yWork = new double[n];
        _xWork = new ColumnMajorMatrix(n, 1);
        Restore();
        Console.WriteLine($"// two-way: {_twoWay.DemeanInPlace(_xWork, _yWork)}");
        Restore();
        Console.WriteLine($"// three-way: {_threeWay.DemeanInPlace(_xWork, _yWork)}");
        Restore();
        Console.WriteLine($"// three-way, conjugate gradient from the start: {_threeWayCg.DemeanInPlace(_xWork, _yWork)}");
    }

    [IterationSetup]
    public void Restore()
    {
        _y.CopyTo(_yWork, 0);
        _x.CopyTo(_xWork.Data);
    }

    /// <summary>Individual + firm fixed effects, tolerance 1e-8 (fixest's design; target under 2 s).</summary>
    [Benchmark]
    public int TwoDifficultFactors() => _twoWay!.DemeanInPlace(_xWork, _yWork).Iterations;

    /// <summary>Individual + firm + year fixed effects, tolerance 1e-8 (target under 4 s).</summary>
    [Benchmark]
    public int ThreeDifficultFactors() => _threeWay!.DemeanInPlace(_xWork, _yWork).Iterations;

    /// <summary>The same three factors with conjugate gradient from the start (no alternating sweeps first).</summary>
    [Benchmark]
    public int ThreeDifficultFactorsConjugateGradientOnly() => _threeWayCg!.DemeanInPlace(_xWork, _yWork).Iterations;
}
