namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>Within (demeaning) transformations by group codes.</summary>
public static class WithinTransform
{
    /// <summary>
    /// x_r ← x_r − mean of x over the rows of r's group, in place. <paramref name="groups"/> holds codes
    /// 0..groupCount−1; <paramref name="sums"/> (length ≥ groupCount) and <paramref name="counts"/> are scratch so
    /// that repeated calls allocate nothing.
    /// </summary>
    public static void DemeanInPlace(Span<double> x, ReadOnlySpan<int> groups, int groupCount, Span<double> sums, Span<int> counts)
    {
        if (x.Length != groups.Length) throw new ArgumentException("Column and group codes differ in length.");
        sums = sums[..groupCount];
        counts = counts[..groupCount];
        sums.Clear();
        counts.Clear();
        for (int r = 0; r < x.Length; r++)
        {
            sums[groups[r]] += x[r];
            counts[groups[r]]++;
        }
        for (int g = 0; g < groupCount; g++)
            if (counts[g] > 0) sums[g] /= counts[g];
        for (int r = 0; r < x.Length; r++) x[r] -= sums[groups[r]];
    }

    /// <summary>Demeans every column of <paramref name="x"/> by one grouping, in place.</summary>
    public static void DemeanColumnsInPlace(ColumnMajorMatrix x, ReadOnlySpan<int> groups, int groupCount)
    {
        ArgumentNullException.ThrowIfNull(x);
        var sums = new double[groupCount];
        var counts = new int[groupCount];
        for (int j = 0; j < x.Columns; j++) DemeanInPlace(x.Column(j), groups, groupCount, sums, counts);
    }
}
