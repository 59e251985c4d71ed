using System.Runtime.CompilerServices;
namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// A grouping of rows for the hot-path kernels: one integer code 0..<see cref="LevelCount"/>−1 per row, plus
/// the level sizes and (when rows come grouped together, as entities do in a sorted panel) the block
/// boundaries. Fixed effects, clusters and group sums all run on this representation.
/// </summary>
/// <remarks>Levels with no rows are allowed (after listwise deletion); they carry no parameter.</remarks>
internal sealed class GroupCodes
{
    private readonly int[] _codes;
    private readonly int[] _sizes;
    private readonly int[]? _blockStarts;

    /// <summary>Wraps <paramref name="codes"/> (not copied) after checking every code lies in 0..levelCount−1.</summary>
    /// <param name="name">Name shown in notes and errors, e.g. "city".</param>
    /// <param name="codes">Code of every row.</param>
    /// <param name="levelCount">Number of levels (codes range over 0..levelCount−1).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public GroupCodes(string name, int[] codes, int levelCount)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentOutOfRangeException.ThrowIfNegative(levelCount);
        Name = name;
        _codes = codes;
        LevelCount = levelCount;
        _sizes = new int[levelCount];
        bool sorted = true;
        int previous = -1;
        foreach (var c in codes)
        {
            if ((uint)c >= (uint)levelCount)
                throw new ArgumentOutOfRangeException(nameof(codes), $"Group '{name}': code {c} is outside 0..{levelCount - 1}.");
            _sizes[c]++;
            if (c < previous) sorted = false;
            previous = c;
        }
        NonEmptyLevelCount = 0;
        foreach (var s in _sizes) if (s > 0) NonEmptyLevelCount++;
        if (sorted)
        {
            // Rows of each level are contiguous: kernels can work block by block, in cache.
            _blockStarts = new int[levelCount + 1];
            for (int g = 0; g < levelCount; g++) _blockStarts[g + 1] = _blockStarts[g] + _sizes[g];
        }
    }

    /// <summary>Name of the grouping variable.</summary>
    public string Name { get; }

    /// <summary>Code of every row.</summary>
    public ReadOnlySpan<int> Codes => _codes;

    /// <summary>Number of rows.</summary>
    public int Count => _codes.Length;

    /// <summary>Number of levels (including empty ones).</summary>
    public int LevelCount { get; }

    /// <summary>Number of levels that have at least one row.</summary>
    public int NonEmptyLevelCount { get; }

    /// <summary>Rows per level.</summary>
    public ReadOnlySpan<int> Sizes => _sizes;

    /// <summary>True when codes are non-decreasing, so each level's rows form one contiguous block.</summary>
    public bool IsSorted => _blockStarts is not null;

    /// <summary>Block boundaries when <see cref="IsSorted"/>: level g occupies rows [starts[g], starts[g+1]).</summary>
    public ReadOnlySpan<int> BlockStarts => _blockStarts ?? throw new InvalidOperationException($"Group '{Name}' is not sorted.");

    internal int[] CodesArray => _codes;

    /// <summary>Number of levels with exactly one row (singletons).</summary>
    public int SingletonLevelCount()
    {
        int n = 0;
        foreach (var s in _sizes) if (s == 1) n++;
        return n;
    }

    /// <summary>
    /// True when this grouping is nested in <paramref name="outer"/>: every level of this grouping lies within
    /// one level of <paramref name="outer"/> (e.g. city FE within city clusters, or city within province).
    /// </summary>
    public bool IsNestedIn(GroupCodes outer)
    {
        ArgumentNullException.ThrowIfNull(outer);
        if (outer.Count != Count) throw new ArgumentException("Groupings differ in length.", nameof(outer));
        if (ReferenceEquals(outer._codes, _codes)) return true; // the same codes (e.g. clustering on the fixed effect itself)
        var map = new int[LevelCount];
        Array.Fill(map, -1);
        var inner = Codes;
        var o = outer.Codes;
        for (int r = 0; r < inner.Length; r++)
        {
            ref int m = ref map[inner[r]];
            if (m < 0) m = o[r];
            else if (m != o[r]) return false;
        }
        return true;
    }

    /// <summary>The grouping restricted to rows where <paramref name="keep"/> is true, codes renumbered densely.</summary>
    public GroupCodes Subset(ReadOnlySpan<bool> keep)
    {
        if (keep.Length != Count) throw new ArgumentException("Mask length differs from the number of rows.", nameof(keep));
        var remap = new int[LevelCount];
        Array.Fill(remap, -1);
        int kept = 0;
        for (int r = 0; r < keep.Length; r++)
            if (keep[r]) { remap[_codes[r]] = 0; kept++; }
        int next = 0;
        for (int g = 0; g < remap.Length; g++) if (remap[g] == 0) remap[g] = next++;
        var codes = new int[kept];
        for (int r = 0, k = 0; r < keep.Length; r++)
            if (keep[r]) codes[k++] = remap[_codes[r]];
        return new GroupCodes(Name, codes, next);
    }

    /// <summary>
    /// The intersection grouping (a, b) of two groupings — each distinct pair becomes one level. Used for the
    /// V₁₂ term of two-way clustering.
    /// </summary>
    public static GroupCodes Intersect(GroupCodes a, GroupCodes b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count) throw new ArgumentException("Groupings differ in length.");
        var codes = new int[a.Count];
        var ac = a.Codes;
        var bc = b.Codes;
        long cells = (long)a.LevelCount * b.LevelCount;
        if (cells <= 4L * a.Count + 1_000_000 && cells <= int.MaxValue)
        {
            // Dense cell table (e.g. cities × years): O(n) without hashing.
            var map = new int[cells];
            int next = 0;
            for (int r = 0; r < codes.Length; r++)
            {
                ref int slot = ref map[(long)ac[r] * b.LevelCount + bc[r]];
                if (slot == 0) slot = ++next;
                codes[r] = slot - 1;
            }
            return new GroupCodes(a.Name + "#" + b.Name, codes, next);
        }
        var lookup = new Dictionary<long, int>();
        for (int r = 0; r < codes.Length; r++)
        {
            long key = (long)ac[r] * b.LevelCount + bc[r];
            if (!lookup.TryGetValue(key, out int code))
            {
                code = lookup.Count;
                lookup.Add(key, code);
            }
            codes[r] = code;
        }
        return new GroupCodes(a.Name + "#" + b.Name, codes, lookup.Count);
    }
}
