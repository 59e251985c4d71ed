using System.Globalization;

namespace DigitalEconomy.Econometrics.Data;

/// <summary>
/// A categorical variable stored as integer codes 0..<see cref="LevelCount"/>−1 into sorted levels
/// (numeric order when every level is a number, ordinal string order otherwise) — the representation every
/// fixed-effect, cluster and grouping kernel works on.
/// </summary>
public sealed class Factor
{
    private readonly int[] _codes;
    private readonly string[] _levels;
    private readonly double[]? _numericLevels;
    private readonly long[]? _calendarOrdinals;

    private Factor(int[] codes, string[] levels, double[]? numericLevels, long[]? calendarOrdinals = null)
    {
        _codes = codes;
        _levels = levels;
        _numericLevels = numericLevels;
        _calendarOrdinals = calendarOrdinals;
    }

    /// <summary>
    /// Position of each level on a calendar axis (months since year 0 for monthly periods, quarters for
    /// quarterly, days for daily), set by the time-index parser for text periods such as 2019-01 or 2019Q1;
    /// null otherwise. Strictly increasing in code order.
    /// </summary>
    internal long[]? CalendarOrdinals => _calendarOrdinals;

    /// <summary>A time factor whose levels are calendar periods: labels in chronological order with their ordinals.</summary>
    internal static Factor FromCalendar(int[] codes, string[] levels, long[] ordinals) => new(codes, levels, null, ordinals);

    /// <summary>Per-row level codes.</summary>
    public ReadOnlySpan<int> Codes => _codes;

    /// <summary>Level labels in sorted order; code c means <c>Levels[c]</c>.</summary>
    public IReadOnlyList<string> Levels => _levels;

    /// <summary>Number of distinct levels.</summary>
    public int LevelCount => _levels.Length;

    /// <summary>Number of rows.</summary>
    public int Count => _codes.Length;

    /// <summary>True when every level parses as a number; then <see cref="NumericLevel"/> is available.</summary>
    public bool IsNumeric => _numericLevels is not null;

    /// <summary>The numeric value of level <paramref name="code"/> (only when <see cref="IsNumeric"/>).</summary>
    public double NumericLevel(int code) =>
        _numericLevels is null ? throw new InvalidOperationException("Factor levels are not numeric.") : _numericLevels[code];

    /// <summary>Label of row <paramref name="row"/>.</summary>
    public string LabelOf(int row) => _levels[_codes[row]];

    /// <summary>Code of the given label, or −1 when the label is not a level.</summary>
    public int CodeOf(string label) => Array.IndexOf(_levels, label);

    internal int[] CodesArray => _codes;

    private Numerics.GroupCodes? _kernelCodes;

    /// <summary>
    /// The codes as the kernels' <see cref="Numerics.GroupCodes"/> named <paramref name="name"/> (codes shared; level sizes
    /// and blocks counted once per factor, since a factor never changes — repeated fits on a panel skip the pass).
    /// </summary>
    internal Numerics.GroupCodes KernelCodes(string name)
    {
        var cached = _kernelCodes;
        if (cached is not null && cached.Name == name) return cached;
        return _kernelCodes = new Numerics.GroupCodes(name, _codes, LevelCount);
    }

    /// <summary>Builds a factor from text labels. Levels sort numerically when all labels are numbers.</summary>
    public static Factor FromStrings(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var distinct = new Dictionary<string, int>(StringComparer.Ordinal);
        var codes = new int[labels.Count];
        for (int r = 0; r < codes.Length; r++)
        {
            var label = labels[r];
            if (!distinct.TryGetValue(label, out int id))
            {
                id = distinct.Count;
                distinct.Add(label, id);
            }
            codes[r] = id;
        }
        return FromInterned(codes, distinct.Keys.ToArray());
    }

    /// <summary>
    /// The factor of <see cref="FromStrings"/> from interned labels: <paramref name="codes"/> index
    /// <paramref name="distinct"/> (distinct labels in order of first appearance). The codes array is taken
    /// over and re-numbered in place to the sorted level order.
    /// </summary>
    internal static Factor FromInterned(int[] codes, string[] distinct)
    {
        var levels = (string[])distinct.Clone();
        var order = new int[levels.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        double[]? numeric = TryParseAll(levels);
        if (numeric is not null)
        {
            Array.Sort(numeric, order);
            // Two labels with the same value ("1" and "01") would tie and sort arbitrarily, and a time axis
            // would have two periods at one point: such labels are ordered as text instead.
            bool tie = false;
            for (int i = 1; i < numeric.Length && !tie; i++)
                tie = numeric[i] == numeric[i - 1];
            if (tie)
            {
                numeric = null;
                for (int i = 0; i < order.Length; i++) order[i] = i;
                Array.Sort(levels, order, StringComparer.Ordinal);
            }
            else
                for (int i = 0; i < order.Length; i++) levels[i] = distinct[order[i]];
        }
        else
            Array.Sort(levels, order, StringComparer.Ordinal);
        var rank = new int[order.Length];
        for (int i = 0; i < order.Length; i++) rank[order[i]] = i;
        Renumber(codes, rank);
        return new Factor(codes, levels, numeric);
    }

    /// <summary><c>codes[r] = map[codes[r]]</c> for every row, split across the cores for a large column.</summary>
    internal static void Renumber(int[] codes, int[] map)
    {
        const int Part = 1 << 20;
        if (codes.Length < 2 * Part)
        {
            for (int r = 0; r < codes.Length; r++) codes[r] = map[codes[r]];
            return;
        }
        Parallel.For(0, (codes.Length + Part - 1) / Part, p =>
        {
            int end = Math.Min(codes.Length, (p + 1) * Part);
            for (int r = p * Part; r < end; r++) codes[r] = map[codes[r]];
        });
    }

    /// <summary>Builds a factor from integer values (ids, years); levels are the sorted distinct values.</summary>
    public static Factor FromIntegers(ReadOnlySpan<int> values) => FromIntegersInPlace(values.ToArray());

    /// <summary>
    /// The factor of <see cref="FromIntegers"/>, taking over <paramref name="values"/>: each value is replaced by
    /// its code, so a key column read as integers becomes the factor's codes without a second array.
    /// </summary>
    internal static Factor FromIntegersInPlace(int[] values)
    {
        if (values.Length == 0)
            return new Factor([], [], []);
        int min = int.MaxValue, max = int.MinValue;
        foreach (var v in values)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        var codes = values;
        long range = (long)max - min + 1;
        if (range <= 4L * values.Length + 1024)
        {
            // Dense lookup table: O(n) and allocation proportional to the value range.
            var map = new int[range];
            foreach (var v in values)
                map[v - min] = 1;
            int next = 0;
            for (int i = 0; i < map.Length; i++)
                map[i] = map[i] == 0 ? -1 : next++;
            var levelsNum = new double[next];
            for (int i = 0; i < map.Length; i++)
                if (map[i] >= 0) levelsNum[map[i]] = min + (long)i;
            for (int r = 0; r < codes.Length; r++)
                codes[r] = map[codes[r] - min];
            return new Factor(codes, Array.ConvertAll(levelsNum, x => ((long)x).ToString(CultureInfo.InvariantCulture)), levelsNum);
        }
        var sorted = (int[])values.Clone();
        Array.Sort(sorted);
        var uniq = new List<int>();
        foreach (var v in sorted)
            if (uniq.Count == 0 || uniq[^1] != v) uniq.Add(v);
        var lookup = new Dictionary<int, int>(uniq.Count);
        for (int i = 0; i < uniq.Count; i++) lookup[uniq[i]] = i;
        for (int r = 0; r < codes.Length; r++) codes[r] = lookup[codes[r]];
        return new Factor(codes,
            uniq.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray(),
            uniq.Select(v => (double)v).ToArray());
    }

    /// <summary>
    /// Builds a factor directly from codes and levels (codes must lie in 0..levels−1, levels must be
    /// distinct). The level order is kept as given: for a time key it is taken as chronological. The codes
    /// array is copied.
    /// </summary>
    public static Factor FromCodes(int[] codes, IReadOnlyList<string> levels)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(levels);
        foreach (var c in codes)
            if ((uint)c >= (uint)levels.Count)
                throw new ArgumentOutOfRangeException(nameof(codes), $"Code {c} is outside 0..{levels.Count - 1}.");
        var lv = levels.ToArray();
        if (new HashSet<string>(lv, StringComparer.Ordinal).Count != lv.Length)
            throw new ArgumentException("Factor levels must be distinct.", nameof(levels));
        var numeric = TryParseAll(lv);
        // Numeric levels are only usable as values when they are strictly increasing in code order.
        for (int i = 1; numeric is not null && i < numeric.Length; i++)
            if (numeric[i] <= numeric[i - 1]) numeric = null;
        return new Factor((int[])codes.Clone(), lv, numeric);
    }

    /// <summary>
    /// The interaction of two factors: one level per observed combination (e.g. region × year), labelled
    /// <c>a#b</c> as Stata writes interactions, ordered by <paramref name="a"/> then <paramref name="b"/>.
    /// </summary>
    public static Factor Interact(Factor a, Factor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
            throw new ArgumentException($"Factors have {a.Count} and {b.Count} rows.", nameof(b));
        long bl = b.LevelCount;
        var combined = new long[a.Count];
        for (int r = 0; r < combined.Length; r++) combined[r] = a._codes[r] * bl + b._codes[r];
        var distinct = combined.Distinct().ToArray();
        Array.Sort(distinct);
        var lookup = new Dictionary<long, int>(distinct.Length);
        for (int i = 0; i < distinct.Length; i++) lookup[distinct[i]] = i;
        var codes = new int[combined.Length];
        for (int r = 0; r < codes.Length; r++) codes[r] = lookup[combined[r]];
        var levels = distinct.Select(k => a._levels[(int)(k / bl)] + "#" + b._levels[(int)(k % bl)]).ToArray();
        return new Factor(codes, levels, null);
    }

    /// <summary>The factor restricted to the given rows, with unused levels dropped (codes re-numbered).</summary>
    public Factor Subset(ReadOnlySpan<int> rows)
    {
        var remap = new int[_levels.Length];
        Array.Fill(remap, -1);
        foreach (var r in rows) remap[_codes[r]] = 0;
        int next = 0;
        for (int i = 0; i < remap.Length; i++)
            if (remap[i] == 0) remap[i] = next++;
        var levels = new string[next];
        var numeric = _numericLevels is null ? null : new double[next];
        var calendar = _calendarOrdinals is null ? null : new long[next];
        for (int i = 0; i < remap.Length; i++)
        {
            if (remap[i] < 0) continue;
            levels[remap[i]] = _levels[i];
            if (numeric is not null) numeric[remap[i]] = _numericLevels![i];
            if (calendar is not null) calendar[remap[i]] = _calendarOrdinals![i];
        }
        var codes = new int[rows.Length];
        for (int k = 0; k < rows.Length; k++) codes[k] = remap[_codes[rows[k]]];
        return new Factor(codes, levels, numeric, calendar);
    }

    /// <summary>Number of rows in each level.</summary>
    public int[] LevelSizes()
    {
        var sizes = new int[_levels.Length];
        foreach (var c in _codes) sizes[c]++;
        return sizes;
    }

    private static double[]? TryParseAll(string[] labels)
    {
        var values = new double[labels.Length];
        for (int i = 0; i < labels.Length; i++)
            if (!double.TryParse(labels[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                return null;
        return values;
    }
}
