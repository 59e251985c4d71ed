namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// Row selections over contiguous columns: keep the rows a mask marks, stack resampled blocks of rows, and keep the
/// entries whose key falls in a half-open interval (zero elsewhere). Allocation-free; the destination is the caller's.
/// </summary>
internal static class RowGather
{
    /// <summary>Copies source[r] for every r with keep[r] into destination, in order; returns the number copied.</summary>
    public static int Compact<T>(ReadOnlySpan<T> source, ReadOnlySpan<bool> keep, Span<T> destination)
    {
        if (source.Length != keep.Length) throw new ArgumentException("The mask and the column differ in length.");
        int i = 0;
        for (int r = 0; r < source.Length; r++)
            if (keep[r]) destination[i++] = source[r];
        return i;
    }

    /// <summary>
    /// Stacks the row blocks source[start[b] .. start[b] + size[b]) for b = blocks[0], blocks[1], … (a block may repeat,
    /// as in a cluster bootstrap draw) into destination; returns the number of rows written.
    /// </summary>
    public static int Blocks<T>(ReadOnlySpan<T> source, ReadOnlySpan<int> blocks, ReadOnlySpan<int> start, ReadOnlySpan<int> size, Span<T> destination)
    {
        int r = 0;
        foreach (var b in blocks)
        {
            source.Slice(start[b], size[b]).CopyTo(destination.Slice(r));
            r += size[b];
        }
        return r;
    }

    /// <summary>destination[f] = x[f] when lower ≤ key[f] &lt; upper, else 0 (a regime indicator times a regressor).</summary>
    public static void InInterval(ReadOnlySpan<double> key, double lower, double upper, ReadOnlySpan<double> x, Span<double> destination)
    {
        if (key.Length != x.Length || destination.Length < key.Length) throw new ArgumentException("Spans differ in length.");
        for (int f = 0; f < key.Length; f++) destination[f] = key[f] >= lower && key[f] < upper ? x[f] : 0;
    }
}
