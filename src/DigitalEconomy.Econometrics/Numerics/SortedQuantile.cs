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

    /// <summary>
    /// Stata's <c>summarize, detail</c> / <c>_pctile</c> rule (Hyndman–Fan type 2): with np = n·p, x_(np) averaged with
    /// x_(np+1) when np is an integer, else x_(⌈np⌉) (1-based order statistics).
    /// </summary>
    public static double Stata(ReadOnlySpan<double> sorted, double p)
    {
        int n = sorted.Length;
        double np = n * p;
        double floor = Math.Floor(np);
        // An np within rounding of an integer is that integer (0.25·100 must average x_(25) and x_(26)).
        if (Math.Abs(np - Math.Round(np)) < 1e-9 * Math.Max(1, np))
        {
            int i = (int)Math.Round(np);
            if (i <= 0) return sorted[0];
            if (i >= n) return sorted[n - 1];
            return 0.5 * (sorted[i - 1] + sorted[i]);
        }
        return sorted[Math.Clamp((int)floor, 0, n - 1)];
    }
}
