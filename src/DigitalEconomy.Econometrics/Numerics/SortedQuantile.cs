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

    /// <summary>
    /// Type-7 quantiles at the ascending probabilities <paramref name="ps"/> of unsorted data, by successive selection
    /// (Hoare's FIND; Wirth 1976, <i>Algorithms + Data Structures = Programs</i>, §2.3.4) instead of a full sort:
    /// O(n) per quantile. <paramref name="work"/> is reordered.
    /// </summary>
    public static double[] Type7Unsorted(double[] work, ReadOnlySpan<double> ps)
    {
        int n = work.Length;
        var result = new double[ps.Length];
        int from = 0, selected = -1;
        for (int q = 0; q < ps.Length; q++)
        {
            double h = (n - 1) * ps[q];
            int lo = (int)Math.Floor(h);
            if (lo != selected)
            {
                Select(work, from, n - 1, lo);
                selected = lo;
                from = lo + 1;
            }
            double xLo = work[lo];
            double xHi = xLo;
            if (lo + 1 < n && h > lo)
            {
                // The (lo+1)-th order statistic is the smallest value right of the selected one.
                xHi = double.PositiveInfinity;
                for (int i = lo + 1; i < n; i++) if (work[i] < xHi) xHi = work[i];
            }
            result[q] = xLo + (h - lo) * (xHi - xLo);
        }
        return result;
    }

    /// <summary>Reorders a[left..right] so that a[k] is its (k − left)-th smallest, smaller values left of it and larger right.</summary>
    private static void Select(double[] a, int left, int right, int k)
    {
        for (int pass = 0; right > left; pass++)
        {
            if (pass > 64)
            {
                // Pathological pivots: finish by sorting the remaining range.
                Array.Sort(a, left, right - left + 1);
                return;
            }
            int mid = left + (right - left) / 2;
            if (a[mid] < a[left]) (a[mid], a[left]) = (a[left], a[mid]);
            if (a[right] < a[left]) (a[right], a[left]) = (a[left], a[right]);
            if (a[right] < a[mid]) (a[right], a[mid]) = (a[mid], a[right]);
            double pivot = a[mid];
            int i = left, j = right;
            while (i <= j)
            {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else return;
        }
    }
}
