using System.Globalization;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Spatial;

/// <summary>How the weights of a <see cref="SpatialWeights"/> matrix are scaled (spdep's <c>style</c>).</summary>
public enum WeightStyle
{
    /// <summary>As constructed or read (spdep style "raw").</summary>
    Raw,
    /// <summary>Row-standardised: w_ij / Σ_j w_ij, so every row sums to one (spdep "W", xsmle's default).</summary>
    Row,
    /// <summary>Binary: 1 for every link, whatever its value (spdep "B").</summary>
    Binary,
    /// <summary>Globally standardised: w_ij · N / Σ_ij w_ij, so all weights sum to N (spdep "C").</summary>
    Global,
}

/// <summary>One non-zero weight w_ij of a spatial weight matrix: unit <paramref name="From"/> (row i) looks at <paramref name="To"/> (column j).</summary>
/// <param name="From">Row index i (0-based, in <see cref="SpatialWeights.Keys"/> order).</param>
/// <param name="To">Column index j.</param>
/// <param name="Weight">w_ij.</param>
public readonly record struct SpatialLink(int From, int To, double Weight);

/// <summary>
/// A spatial weight matrix W (N × N, zero diagonal) over named units, stored sparsely: w_ij &gt; 0 says how much
/// unit j's outcome enters unit i's spatial lag (Wy)_i = Σ_j w_ij y_j. Immutable; built from coordinates
/// (<see cref="InverseDistance"/>, <see cref="NearestNeighbours"/>, <see cref="DistanceBand"/>), from economic
/// distance (<see cref="Economic"/>, <see cref="GeoEconomic"/>), from contiguity files (<see cref="ReadEdgeList"/>,
/// <see cref="ReadGal"/>) or from a user matrix (<see cref="ReadDense"/>, <see cref="ReadList"/>), then scaled
/// with <see cref="Standardise"/> (Anselin 1988, ch. 3; Bivand, Pebesma and Gómez-Rubio 2013, ch. 9).
/// </summary>
public sealed class SpatialWeights
{
    private readonly string[] _keys;
    private readonly Dictionary<string, int> _index;

    internal SpatialWeights(string[] keys, SparseMatrix matrix, WeightStyle style, string description, double? earthRadiusKm)
    {
        _keys = keys;
        Matrix = matrix;
        Style = style;
        Description = description;
        EarthRadiusKm = earthRadiusKm;
        _index = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
        for (int i = 0; i < keys.Length; i++)
            if (!_index.TryAdd(keys[i], i))
                throw new SpecificationException($"Spatial weights: unit '{keys[i]}' appears twice; every unit needs one key.");
        for (int i = 0; i < keys.Length; i++)
            if (matrix[i, i] != 0)
                throw new SpecificationException($"Spatial weights: unit '{keys[i]}' is its own neighbour (w_ii = {matrix[i, i].ToString("R", CultureInfo.InvariantCulture)}); the diagonal must be zero.");
        var islands = Enumerable.Range(0, keys.Length).Where(i => matrix.RowCount(i) == 0).ToList();
        if (islands.Count > 0)
            throw new SpecificationException(
                $"Spatial weights: {islands.Count} unit(s) have no neighbour ({ListFew(islands.Select(i => keys[i]))}); "
                + "widen the distance band, raise k, or drop the isolated units.");
        for (int k = 0; k < matrix.Values.Length; k++)
            if (!(matrix.Values[k] > 0) || !double.IsFinite(matrix.Values[k]))
                throw new SpecificationException("Spatial weights must be positive and finite; found " + matrix.Values[k].ToString("R", CultureInfo.InvariantCulture) + ".");
    }

    internal SparseMatrix Matrix { get; }

    /// <summary>Unit keys in matrix order (row i of W is unit <c>Keys[i]</c>).</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>Number of units N.</summary>
    public int Count => _keys.Length;

    /// <summary>Number of non-zero weights (directed links).</summary>
    public int LinkCount => Matrix.NonZeroCount;

    /// <summary>The scaling applied (<see cref="WeightStyle.Raw"/> when as constructed).</summary>
    public WeightStyle Style { get; }

    /// <summary>How the matrix was built, e.g. "k-nearest neighbours (k = 5), great-circle distance".</summary>
    public string Description { get; }

    /// <summary>Earth radius (km) used for great-circle distances when built from latitude/longitude; null otherwise.</summary>
    public double? EarthRadiusKm { get; }

    /// <summary>True when w_ij = w_ji for all pairs (to 1e-12 relative).</summary>
    public bool IsSymmetric
    {
        get
        {
            var m = Matrix;
            for (int i = 0; i < Count; i++)
                for (int k = m.RowStart[i]; k < m.RowStart[i + 1]; k++)
                {
                    double a = m.Values[k], b = m[m.ColumnIndex[k], i];
                    if (Math.Abs(a - b) > 1e-12 * Math.Max(Math.Abs(a), Math.Abs(b))) return false;
                }
            return true;
        }
    }

    /// <summary>True when every row sums to one (to 1e-10).</summary>
    public bool IsRowStandardised => Enumerable.Range(0, Count).All(i => Math.Abs(Matrix.RowSum(i) - 1) < 1e-10);

    /// <summary>w_ij by index.</summary>
    public double Weight(int i, int j) => Matrix[i, j];

    /// <summary>Number of neighbours of unit i.</summary>
    public int NeighbourCount(int i) => Matrix.RowCount(i);

    /// <summary>Position of a unit key, or −1.</summary>
    public int IndexOf(string key) => _index.GetValueOrDefault(key, -1);

    /// <summary>All non-zero weights, row by row.</summary>
    public IEnumerable<SpatialLink> Links
    {
        get
        {
            for (int i = 0; i < Count; i++)
                for (int k = Matrix.RowStart[i]; k < Matrix.RowStart[i + 1]; k++)
                    yield return new SpatialLink(i, Matrix.ColumnIndex[k], Matrix.Values[k]);
        }
    }

    /// <summary>The spatial lag (Wx)_i = Σ_j w_ij x_j.</summary>
    public double[] Lag(ReadOnlySpan<double> x)
    {
        if (x.Length != Count) throw new ArgumentException($"Expected {Count} values, one per unit.", nameof(x));
        var y = new double[Count];
        Matrix.Multiply(x, y);
        return y;
    }

    /// <summary>
    /// The matrix rescaled: <see cref="WeightStyle.Row"/> w_ij/Σ_j w_ij; <see cref="WeightStyle.Binary"/> 1 per
    /// link; <see cref="WeightStyle.Global"/> w_ij·N/S₀ with S₀ = Σ_ij w_ij; <see cref="WeightStyle.Raw"/> unchanged.
    /// </summary>
    public SpatialWeights Standardise(WeightStyle style)
    {
        if (style == WeightStyle.Raw) return this;
        var v = Matrix.Values.ToArray();
        switch (style)
        {
            case WeightStyle.Row:
                for (int i = 0; i < Count; i++)
                {
                    double s = Matrix.RowSum(i);
                    for (int k = Matrix.RowStart[i]; k < Matrix.RowStart[i + 1]; k++) v[k] /= s;
                }
                break;
            case WeightStyle.Binary:
                Array.Fill(v, 1.0);
                break;
            case WeightStyle.Global:
                double s0 = v.Sum();
                for (int k = 0; k < v.Length; k++) v[k] *= Count / s0;
                break;
        }
        return new SpatialWeights(_keys, Matrix.WithValues(v), style, Description, EarthRadiusKm);
    }

    /// <summary>
    /// The same matrix with its rows and columns in the order of <paramref name="keys"/> (e.g. a panel's sorted
    /// entity levels). Throws, listing the first few, when a key has no row in W or W has units not in <paramref name="keys"/>.
    /// </summary>
    public SpatialWeights AlignTo(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var missing = keys.Where(k => !_index.ContainsKey(k)).ToList();
        var set = new HashSet<string>(keys, StringComparer.Ordinal);
        var extra = _keys.Where(k => !set.Contains(k)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0) parts.Add($"{missing.Count} entity(ies) of the data have no row in the weights ({ListFew(missing)})");
            if (extra.Count > 0) parts.Add($"{extra.Count} unit(s) of the weights are not entities of the data ({ListFew(extra)})");
            throw new SpecificationException("Spatial weights do not match the panel: " + string.Join("; ", parts) + ".");
        }
        if (keys.Count == _keys.Length && keys.Select((k, i) => _keys[i] == k).All(b => b)) return this;
        var rows = new List<int>(LinkCount);
        var cols = new List<int>(LinkCount);
        var vals = new List<double>(LinkCount);
        var pos = new Dictionary<string, int>(keys.Count, StringComparer.Ordinal);
        for (int i = 0; i < keys.Count; i++) pos[keys[i]] = i;
        foreach (var link in Links)
        {
            rows.Add(pos[_keys[link.From]]);
            cols.Add(pos[_keys[link.To]]);
            vals.Add(link.Weight);
        }
        return new SpatialWeights(keys.ToArray(), SparseMatrix.FromTriplets(keys.Count, rows, cols, vals), Style, Description, EarthRadiusKm);
    }

    /// <summary>Builds W from links between named units (each position at most once; islands are an error).</summary>
    public static SpatialWeights FromLinks(IReadOnlyList<string> keys, IEnumerable<SpatialLink> links, string description = "user links")
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(links);
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<double>();
        foreach (var l in links)
        {
            rows.Add(l.From);
            cols.Add(l.To);
            vals.Add(l.Weight);
        }
        return Create(keys.ToArray(), rows, cols, vals, description, null);
    }

    /// <summary>Builds W from a dense N × N array (zeros are "no link").</summary>
    public static SpatialWeights FromDense(IReadOnlyList<string> keys, double[,] w, string description = "user matrix")
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(w);
        int n = keys.Count;
        if (w.GetLength(0) != n || w.GetLength(1) != n)
            throw new SpecificationException($"Spatial weights: the matrix is {w.GetLength(0)} × {w.GetLength(1)} but there are {n} units.");
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<double>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (w[i, j] != 0)
                {
                    rows.Add(i);
                    cols.Add(j);
                    vals.Add(w[i, j]);
                }
        return Create(keys.ToArray(), rows, cols, vals, description, null);
    }

    internal static SpatialWeights Create(string[] keys, List<int> rows, List<int> cols, List<double> vals, string description, double? radius)
    {
        SparseMatrix m;
        try
        {
            m = SparseMatrix.FromTriplets(keys.Length, rows, cols, vals);
        }
        catch (ArgumentException e)
        {
            throw new SpecificationException("Spatial weights: " + e.Message.Split(" (Parameter")[0]);
        }
        return new SpatialWeights(keys, m, WeightStyle.Raw, description, radius);
    }

    internal static string ListFew(IEnumerable<string> items)
    {
        var list = items.ToList();
        var shown = string.Join(", ", list.Take(5).Select(s => "'" + s + "'"));
        return list.Count > 5 ? shown + $", … and {list.Count - 5} more" : shown;
    }

    /// <summary>Builds inverse-distance weights w_ij = 1/d_ij^α, zero beyond <paramref name="cutoff"/> when given.</summary>
    /// <param name="coordinates">Unit locations.</param>
    /// <param name="alpha">Distance-decay exponent α (&gt; 0; 1 and 2 are usual).</param>
    /// <param name="cutoff">Optional cut-off distance (km for geographic coordinates, coordinate units otherwise).</param>
    public static SpatialWeights InverseDistance(SpatialCoordinates coordinates, double alpha = 1, double? cutoff = null)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        if (!(alpha > 0)) throw new SpecificationException($"Inverse-distance exponent α = {alpha} must be positive.");
        if (cutoff is { } c && !(c > 0)) throw new SpecificationException($"Distance cut-off {c} must be positive.");
        int n = coordinates.Count;
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<double>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                double d = coordinates.Distance(i, j);
                if (cutoff is { } cut && d > cut) continue;
                if (d == 0) throw new SpecificationException($"Units '{coordinates.Keys[i]}' and '{coordinates.Keys[j]}' share a location; inverse distance is infinite.");
                rows.Add(i);
                cols.Add(j);
                vals.Add(alpha == 1 ? 1 / d : Math.Pow(d, -alpha));
            }
        var desc = $"inverse distance 1/d^{alpha.ToString(CultureInfo.InvariantCulture)}" + (cutoff is { } cc ? $", cut-off {cc.ToString(CultureInfo.InvariantCulture)}" : "") + ", " + coordinates.MetricDescription;
        return Create(coordinates.Keys.ToArray(), rows, cols, vals, desc, coordinates.EarthRadiusKmOrNull);
    }

    /// <summary>Builds k-nearest-neighbour weights: w_ij = 1 for the k units closest to i (ties broken by position). Not symmetric in general.</summary>
    public static SpatialWeights NearestNeighbours(SpatialCoordinates coordinates, int k)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        int n = coordinates.Count;
        if (k < 1 || k >= n) throw new SpecificationException($"k-nearest neighbours needs 1 ≤ k < N = {n}; got k = {k}.");
        var rows = new List<int>(n * k);
        var cols = new List<int>(n * k);
        var vals = new List<double>(n * k);
        var dist = new double[n];
        var idx = new int[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                dist[j] = j == i ? double.PositiveInfinity : coordinates.Distance(i, j);
                idx[j] = j;
            }
            Array.Sort(dist, idx);
            for (int m = 0; m < k; m++)
            {
                rows.Add(i);
                cols.Add(idx[m]);
                vals.Add(1.0);
            }
        }
        return Create(coordinates.Keys.ToArray(), rows, cols, vals, $"k-nearest neighbours (k = {k}), {coordinates.MetricDescription}", coordinates.EarthRadiusKmOrNull);
    }

    /// <summary>Builds distance-band weights: w_ij = 1 when 0 &lt; d_ij ≤ <paramref name="threshold"/>.</summary>
    public static SpatialWeights DistanceBand(SpatialCoordinates coordinates, double threshold)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        if (!(threshold > 0)) throw new SpecificationException($"Distance band {threshold} must be positive.");
        int n = coordinates.Count;
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<double>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j && coordinates.Distance(i, j) <= threshold)
                {
                    rows.Add(i);
                    cols.Add(j);
                    vals.Add(1.0);
                }
        return Create(coordinates.Keys.ToArray(), rows, cols, vals, $"distance band {threshold.ToString(CultureInfo.InvariantCulture)}, {coordinates.MetricDescription}", coordinates.EarthRadiusKmOrNull);
    }

    /// <summary>
    /// Economic-distance weights w_ij = 1/|ȳ_i − ȳ_j| for i ≠ j, with ȳ the units' means of an economic variable
    /// (e.g. GDP per capita over the sample years; Lin, Long and Wu 2005 style).
    /// </summary>
    public static SpatialWeights Economic(IReadOnlyList<string> keys, IReadOnlyList<double> means)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(means);
        int n = keys.Count;
        if (means.Count != n) throw new SpecificationException($"Economic weights need one mean per unit: {means.Count} values for {n} units.");
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<double>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                double d = Math.Abs(means[i] - means[j]);
                if (d == 0) throw new SpecificationException($"Units '{keys[i]}' and '{keys[j]}' have the same mean; economic distance 1/|ȳ_i − ȳ_j| is infinite.");
                if (!double.IsFinite(d)) throw new SpecificationException($"Unit '{keys[double.IsFinite(means[i]) ? j : i]}' has no finite mean for economic weights.");
                rows.Add(i);
                cols.Add(j);
                vals.Add(1 / d);
            }
        return Create(keys.ToArray(), rows, cols, vals, "economic distance 1/|ȳ_i − ȳ_j|", null);
    }

    /// <summary>
    /// The nested geographic–economic matrix W = φ·W_geo + (1 − φ)·W_econ, each row-standardised first (so the result
    /// is row-standardised), the form common in regional studies of Chinese cities.
    /// </summary>
    public static SpatialWeights GeoEconomic(SpatialWeights geographic, SpatialWeights economic, double phi = 0.5)
    {
        ArgumentNullException.ThrowIfNull(geographic);
        ArgumentNullException.ThrowIfNull(economic);
        if (!(phi >= 0 && phi <= 1)) throw new SpecificationException($"Nesting weight φ = {phi} must be in [0, 1].");
        var econ = economic.AlignTo(geographic.Keys).Standardise(WeightStyle.Row);
        var geo = geographic.Standardise(WeightStyle.Row);
        var sum = new Dictionary<(int, int), double>();
        foreach (var l in geo.Links) sum[(l.From, l.To)] = phi * l.Weight;
        foreach (var l in econ.Links) sum[(l.From, l.To)] = sum.GetValueOrDefault((l.From, l.To)) + (1 - phi) * l.Weight;
        var pairs = sum.Where(p => p.Value != 0).ToList();
        return Create(geographic._keys, pairs.Select(p => p.Key.Item1).ToList(), pairs.Select(p => p.Key.Item2).ToList(), pairs.Select(p => p.Value).ToList(),
            $"nested geo-economic φ = {phi.ToString(CultureInfo.InvariantCulture)}: {geographic.Description} with {economic.Description}", geographic.EarthRadiusKm);
    }

    /// <summary>Symmetric binary contiguity from unordered pairs (both directions are added; a pair listed in both directions counts once).</summary>
    internal static SpatialWeights FromContiguityPairs(string[] keys, IEnumerable<(int, int)> pairs, string description)
    {
        var set = new HashSet<(int, int)>();
        foreach (var (a, b) in pairs)
        {
            if (a == b) continue;
            set.Add((a, b));
            set.Add((b, a));
        }
        var list = set.ToList();
        return Create(keys, list.Select(p => p.Item1).ToList(), list.Select(p => p.Item2).ToList(), list.Select(_ => 1.0).ToList(), description, null);
    }

    /// <summary>Reads a contiguity edge-list CSV (two columns: unit, neighbour; a header row; keys as text). Links are made symmetric, binary.</summary>
    public static SpatialWeights ReadEdgeList(string path) => WeightsFiles.ReadEdgeList(path);

    /// <summary>Reads a GAL contiguity file (GeoDa): header "0 N [name]" or "N", then for each unit "id count" and a line of neighbour ids.</summary>
    public static SpatialWeights ReadGal(string path) => WeightsFiles.ReadGal(path);

    /// <summary>Reads a dense matrix CSV: a header row of unit keys (an optional first blank/label cell), then one row per unit (optionally starting with its key).</summary>
    public static SpatialWeights ReadDense(string path) => WeightsFiles.ReadDense(path);

    /// <summary>
    /// Reads an (i, j, w) list CSV with header <c>i,j,w</c> (keys as text, as <see cref="WriteList(string)"/> writes).
    /// Units that appear only in <paramref name="keys"/> are included (and then must have links).
    /// </summary>
    public static SpatialWeights ReadList(string path, IReadOnlyList<string>? keys = null) => WeightsFiles.ReadList(path, keys);

    /// <summary>Writes the (i, j, w) list with unit keys, header <c>i,j,w</c>, weights in round-trip format.</summary>
    public void WriteList(string path)
    {
        using var writer = new StreamWriter(path);
        WriteList(writer);
    }

    /// <summary>Writes the (i, j, w) list with unit keys to a writer.</summary>
    public void WriteList(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("i,j,w");
        foreach (var l in Links)
            writer.WriteLine($"{WeightsFiles.Quote(_keys[l.From])},{WeightsFiles.Quote(_keys[l.To])},{l.Weight.ToString("R", CultureInfo.InvariantCulture)}");
    }
}
