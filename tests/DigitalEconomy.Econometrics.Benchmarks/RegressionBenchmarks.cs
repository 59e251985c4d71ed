using BenchmarkDotNet.Attributes;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Model;

namespace DigitalEconomy.Econometrics.Benchmarks;

/// <summary>Synthetic two-way panels with entity and time effects correlated with the regressors.</summary>
internal static class RegressionBenchmarkData
{
    public static (int[] Entity, int[] Time, double[] Y, ColumnMajorMatrix X) TwoWay(int entities, int periods, int k, double keepShare, int seed)
    {
        var rng = new Random(seed);
        var ent = new List<int>((int)(entities * periods * keepShare) + 1024);
        var tim = new List<int>(ent.Capacity);
        for (int i = 0; i < entities; i++)
            for (int t = 0; t < periods; t++)
                if (keepShare >= 1 || rng.NextDouble() < keepShare) { ent.Add(i); tim.Add(t); }
        int n = ent.Count;
        var alpha = Enumerable.Range(0, entities).Select(_ => rng.NextDouble()).ToArray();
        var tau = Enumerable.Range(0, periods).Select(_ => rng.NextDouble()).ToArray();
        var x = new ColumnMajorMatrix(n, k);
        for (int j = 0; j < k; j++)
        {
            var c = x.Column(j);
            for (int r = 0; r < n; r++) c[r] = rng.NextDouble() + 0.3 * alpha[ent[r]] + 0.2 * tau[tim[r]];
        }
        var y = new double[n];
        for (int r = 0; r < n; r++)
        {
            double s = alpha[ent[r]] + tau[tim[r]] + rng.NextDouble();
            for (int j = 0; j < k; j++) s += 0.1 * (j + 1) * x[r, j];
            y[r] = s;
        }
        return (ent.ToArray(), tim.ToArray(), y, x);
    }

    public static PanelData Panel(int[] entity, int[] time, double[] y, ColumnMajorMatrix x)
    {
        var columns = new List<KeyValuePair<string, double[]>> { new("y", y) };
        for (int j = 0; j < x.Columns; j++) columns.Add(new("x" + (j + 1), x.Column(j).ToArray()));
        return PanelData.Create("id", entity, "t", time.Select(t => 2000 + t).ToArray(), columns);
    }

    public static string Formula(int k) =>
        "y ~ " + string.Join(" + ", Enumerable.Range(1, k).Select(j => "x" + j)) + " | id + t";
}

/// <summary>
/// SPEC §7 / issue 3: two-way FE, 10,000,000 rows × 10 regressors, unbalanced (≈9% of the 100,000 × 110 cells
/// missing), city-clustered SEs. Target: under 3 s after loading, peak memory under 2× the data.
/// </summary>
[MemoryDiagnoser]
public class TwoWayFixedEffectsLargeBenchmark
{
    private const int Entities = 100_000, Periods = 110, K = 10;
    private int[] _entity = [], _time = [];
    private double[] _y = [];
    private ColumnMajorMatrix _x = new(0, 0);
    private double[] _yWork = [];
    private ColumnMajorMatrix _xWork = new(0, 0);
    private PanelData? _panel;
    private string[] _names = [];

    [GlobalSetup]
    public void Setup()
    {
        (_entity, _time, _y, _x) = RegressionBenchmarkData.TwoWay(Entities, Periods, K, 0.909, 1);
        _panel = RegressionBenchmarkData.Panel(_entity, _time, _y, _x);
        _names = Enumerable.Range(1, K).Select(j => "x" + j).ToArray();
        _yWork = new double[_y.Length];
        _xWork = new ColumnMajorMatrix(_x.Rows, _x.Columns);
    }

    [IterationSetup(Target = nameof(ArraysInPlace))]
    public void RestoreWorkArrays()
    {
        _y.CopyTo(_yWork, 0);
        _x.Data.CopyTo(_xWork.Data);
    }

    /// <summary>Low-level entry: data already in arrays, demeaned in place (no copy of the design).</summary>
    [Benchmark]
    public double ArraysInPlace()
    {
        var design = new RegressionDesign("y", _yWork, _names, _xWork,
            [new GroupCodes("id", _entity, Entities), new GroupCodes("t", _time, Periods)]);
        return PanelRegression.FitInPlace(design, new EstimationOptions { Vcov = Vcov.Cluster("id") })["x1"].StdError;
    }

    /// <summary>The user-facing entry: formula on a loaded PanelData (one copy of the used columns).</summary>
    [Benchmark]
    public double PanelDataFormula() =>
        PanelRegression.Fit(_panel!, RegressionBenchmarkData.Formula(K), Vcov.Cluster("id"))["x1"].StdError;
}

/// <summary>The study's size: balanced 285 cities × 12 years, 8 regressors, two-way FE, city clusters. Target: under 1 ms per fit.</summary>
[MemoryDiagnoser]
public class TwoWayFixedEffectsStudySizeBenchmark
{
    private PanelData? _panel;
    private RegressionDesign? _design;

    [GlobalSetup]
    public void Setup()
    {
        var (e, t, y, x) = RegressionBenchmarkData.TwoWay(285, 12, 8, 1.0, 2);
        _panel = RegressionBenchmarkData.Panel(e, t, y, x);
        _design = new RegressionDesign("y", y, Enumerable.Range(1, 8).Select(j => "x" + j).ToArray(), x,
            [new GroupCodes("id", e, 285), new GroupCodes("t", t, 12)]);
    }

    /// <summary>Formula on a PanelData.</summary>
    [Benchmark]
    public double PanelDataFormula() =>
        PanelRegression.Fit(_panel!, RegressionBenchmarkData.Formula(8), Vcov.Cluster("id"))["x1"].StdError;

    /// <summary>Array entry (copies the design internally, input untouched).</summary>
    [Benchmark]
    public double Arrays() =>
        PanelRegression.Fit(_design!, new EstimationOptions { Vcov = Vcov.Cluster("id") })["x1"].StdError;
}
