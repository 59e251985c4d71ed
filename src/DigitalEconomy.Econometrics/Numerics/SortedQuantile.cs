namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>Sample quantiles of sorted data (Hyndman and Fan 1996).</summary>
internal static class SortedQuantile
{
    /// <summary>Type 7 (R's default, linear interpolation): x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)), h = (n − 1)p.</summary>
    public static double Type7(ReadOnlySpan<double> sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
