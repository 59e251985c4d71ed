using System.Collections.Concurrent;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Threshold;

/// <summary>
/// One threshold data set prepared for searching: the balanced panel's columns in full-panel and
/// least-squares (within-transformed) form, the observations sorted once by the threshold variable, the
/// candidate grid, and a cache of search geometries keyed by the fixed thresholds.
/// </summary>
internal sealed class ThresholdProblem
{
    private readonly ConcurrentDictionary<string, Lazy<ThresholdSearchGeometry?>> _geometries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<OrthonormalBasis?>> _bases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<double, Lazy<double[][]>> _lowerColumns = new();
    private readonly double[][] _xFull;
    private readonly double[][] _zLs;
    private readonly double[] _q;
    private readonly int[] _order;
    private readonly double[] _xSorted;

    public ThresholdProblem(PanelData panel, ThresholdSpecification spec, ThresholdOptions options)
    {
        Specification = spec;
        Options = options;
        EntityName = panel.EntityName;
        Entities = panel.Entities.LevelCount;
        Periods = panel.Times.LevelCount;
        Operator = new BalancedWithinOperator(Entities, Periods, options.Transformation == ThresholdTransformation.HansenOriginal);
        Y = Operator.Apply(panel.Column(spec.Dependent));
        _q = panel.CopyColumn(spec.ThresholdVariable);
        _xFull = spec.RegimeDependent.Select(panel.CopyColumn).ToArray();

        var zNames = new List<string>(spec.RegimeIndependent);
        var zFull = spec.RegimeIndependent.Select(panel.CopyColumn).ToList();
        if (options.TimeEffects)
        {
            var codes = panel.Times.Codes;
            for (int p = 1; p < Periods; p++)
            {
                var d = new double[panel.RowCount];
                for (int r = 0; r < d.Length; r++) d[r] = codes[r] == p ? 1 : 0;
                zFull.Add(d);
                zNames.Add($"{panel.TimeName}={panel.Times.Levels[p]}");
            }
        }
        RegimeIndependentNames = zNames;
        _zLs = zFull.Select(c => Operator.Apply(c)).ToArray();

        // The fixed part of every search: z and the whole regime-dependent block.
        var baseColumns = _zLs.Concat(_xFull.Select(c => Operator.Apply(c))).ToArray();
        var names = zNames.Concat(spec.RegimeDependent).ToArray();
        BaseBasis = OrthonormalBasis.Empty(Operator.LeastSquaresLength).Extend(baseColumns, out int bad)
            ?? throw new SpecificationException(
                $"Regressor '{names[bad]}' is collinear with the other regressors after removing entity fixed effects " +
                "(a regressor constant within every entity, or a linear combination of others); drop it from the threshold model.");

        _order = Enumerable.Range(0, _q.Length).ToArray();
        var keys = (double[])_q.Clone();
        Array.Sort(keys, _order); // introsort is unstable, but tied q values enter the same regime together
        int kx = _xFull.Length;
        _xSorted = new double[_q.Length * kx];
        for (int p = 0; p < _order.Length; p++)
            for (int a = 0; a < kx; a++) _xSorted[p * kx + a] = _xFull[a][_order[p]];
        Grid = ThresholdGrid.Build(keys, options);
        Sweep = new ThresholdSweepBase(Operator, BaseBasis, _order, _xSorted, kx, Grid.CountBelow);
        MinimumRegimeSize = Math.Max(Math.Max(1, options.MinimumRegimeObservations), (int)Math.Ceiling(options.MinimumRegimeShare * _q.Length - 1e-9));
        Ty = options.VarianceDenominator == ThresholdVarianceDenominator.NTimesTMinusOne
            ? (double)Entities * (Periods - 1)
            : (double)Entities * Periods;
    }

    public ThresholdSpecification Specification { get; }
    public string EntityName { get; }
    public ThresholdOptions Options { get; }
    public int Entities { get; }
    public int Periods { get; }
    public BalancedWithinOperator Operator { get; }
    public double[] Y { get; }
    public IReadOnlyList<string> RegimeIndependentNames { get; }
    public OrthonormalBasis BaseBasis { get; }
    public ThresholdGrid Grid { get; }
    public ThresholdSweepBase Sweep { get; }
    public int MinimumRegimeSize { get; }
    public double Ty { get; }
    public int RegimeDependentCount => _xFull.Length;

    /// <summary>P(x_a·1(q &lt; γ)) for every regime-dependent regressor a (cached per γ).</summary>
    public double[][] LowerRegimeColumns(double gamma) =>
        _lowerColumns.GetOrAdd(gamma, g => new Lazy<double[][]>(() => BuildLowerRegimeColumns(g))).Value;

    private double[][] BuildLowerRegimeColumns(double gamma)
    {
        var result = new double[_xFull.Length][];
        var u = System.Buffers.ArrayPool<double>.Shared.Rent(_q.Length);
        try
        {
            for (int a = 0; a < _xFull.Length; a++)
            {
                RowGather.InInterval(_q, double.NegativeInfinity, gamma, _xFull[a], u);
                result[a] = Operator.Apply(u.AsSpan(0, _q.Length));
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(u);
        }
        return result;
    }

    /// <summary>
    /// Basis of [z, x, D(γ_1), …, D(γ_m)] — the design of the model with the given thresholds. Cached per
    /// threshold set, and built by extending the cached basis of the set without its largest threshold, so
    /// the bootstrap's many (γ1*, γ2*) pairs reuse each other's work.
    /// </summary>
    public OrthonormalBasis? BasisWith(IReadOnlyList<double> thresholds)
    {
        if (thresholds.Count == 0) return BaseBasis;
        var sorted = thresholds.Order().ToArray();
        return _bases.GetOrAdd(Key(sorted), key => new Lazy<OrthonormalBasis?>(() =>
            BasisWith(sorted[..^1])?.Extend(LowerRegimeColumns(sorted[^1]), out _))).Value;
    }

    private static string Key(double[] sorted) =>
        string.Join(",", sorted.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The search geometry given fixed thresholds (grid values) and the trimming of the search; cached.</summary>
    public ThresholdSearchGeometry? Geometry(IReadOnlyList<double> fixedThresholds, double trim)
    {
        var sorted = fixedThresholds.OrderBy(v => v).ToArray();
        string key = sorted.Length == 0 ? "-" : Key(sorted) + "|" + trim.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return _geometries.GetOrAdd(key, _ => new Lazy<ThresholdSearchGeometry?>(() => BuildGeometry(sorted, trim))).Value;
    }

    private ThresholdSearchGeometry? BuildGeometry(double[] fixedThresholds, double trim)
    {
        var basis = BasisWith(fixedThresholds);
        if (basis is null) return null;
        var admissible = Grid.Admissible(fixedThresholds, trim, MinimumRegimeSize);
        return new ThresholdSearchGeometry(Sweep, basis, admissible);
    }

    /// <summary>Observations per regime for sorted thresholds (over all N·T observations).</summary>
    public int[] RegimeCounts(IReadOnlyList<double> sortedThresholds)
    {
        var counts = new int[sortedThresholds.Count + 1];
        int previous = 0;
        for (int j = 0; j < sortedThresholds.Count; j++)
        {
            int below = Grid.CountBelowValue(sortedThresholds[j]);
            counts[j] = below - previous;
            previous = below;
        }
        counts[^1] = _q.Length - previous;
        return counts;
    }

    /// <summary>
    /// The regime-by-regime design [z̃, P(x·1(regime 1)), …, P(x·1(regime m+1))] (regime-major order) and
    /// the column names, e.g. "c1_regime2".
    /// </summary>
    public (double[][] Columns, string[] Names) RegimeDesign(IReadOnlyList<double> sortedThresholds)
    {
        var columns = new List<double[]>(_zLs);
        var names = new List<string>(RegimeIndependentNames);
        int regimes = sortedThresholds.Count + 1;
        var u = new double[_q.Length];
        for (int j = 0; j < regimes; j++)
        {
            double lower = j == 0 ? double.NegativeInfinity : sortedThresholds[j - 1];
            double upper = j == regimes - 1 ? double.PositiveInfinity : sortedThresholds[j];
            for (int a = 0; a < _xFull.Length; a++)
            {
                RowGather.InInterval(_q, lower, upper, _xFull[a], u);
                columns.Add(Operator.Apply(u));
                names.Add(regimes == 1 ? Specification.RegimeDependent[a] : $"{Specification.RegimeDependent[a]}_regime{j + 1}");
            }
        }
        return (columns.ToArray(), names.ToArray());
    }
}
