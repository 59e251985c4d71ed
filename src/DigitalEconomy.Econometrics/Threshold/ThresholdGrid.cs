namespace DigitalEconomy.Econometrics.Threshold;

/// <summary>
/// The candidate thresholds of one data set and the rules that pick the searched subset: Hansen's
/// quantile grid, his exclusion window around already fixed thresholds and a minimum regime size.
/// </summary>
internal sealed class ThresholdGrid
{
    private readonly double[] _sortedQ;

    private ThresholdGrid(double[] values, int[] countBelow, double quantileCount, double[] sortedQ)
    {
        Values = values;
        CountBelow = countBelow;
        QuantileCount = quantileCount;
        _sortedQ = sortedQ;
    }

    /// <summary>Candidate values, ascending.</summary>
    public double[] Values { get; }

    /// <summary>For each candidate, #(q &lt; value) over all N·T observations.</summary>
    public int[] CountBelow { get; }

    /// <summary>qn of the exclusion rule (the quantile count, or the number of unique values).</summary>
    public double QuantileCount { get; }

    /// <summary>Number of observations.</summary>
    public int Observations => _sortedQ.Length;

    /// <summary>Builds the grid from the threshold variable sorted ascending.</summary>
    public static ThresholdGrid Build(double[] sortedQ, ThresholdOptions options)
    {
        var unique = new List<double>();
        foreach (var v in sortedQ)
            if (unique.Count == 0 || v != unique[^1]) unique.Add(v);
        double trim = options.Trimming[0];
        int n = sortedQ.Length;
        var values = new List<double>();
        double qn;
        if (options.Grid == ThresholdGridKind.Quantile)
        {
            qn = options.GridPoints;
            // R: seq(trim, trim + (1/qn)*(qn - 2*qn*trim), by = 1/qn) — n = as.integer(del/by + 1e-10) steps,
            // values pmin(from + j*by, to) — then dd[floor(sq * length(dd))].
            double by = 1 / qn, from = trim, to = trim + (1 / qn) * (qn - 2 * qn * trim);
            int steps = (int)((to - from) / by + 1e-10);
            for (int j = 0; j <= steps; j++)
            {
                double sq = Math.Min(from + j * by, to);
                long index = (long)Math.Floor(sq * unique.Count); // 1-based; R drops index 0
                if (index >= 1 && index <= unique.Count) values.Add(unique[(int)index - 1]);
            }
        }
        else
        {
            qn = unique.Count;
            foreach (var v in unique)
            {
                int below = LowerBound(sortedQ, v);
                if (below >= trim * n && n - below >= trim * n) values.Add(v);
            }
        }
        var arr = values.ToArray();
        return new ThresholdGrid(arr, arr.Select(v => LowerBound(sortedQ, v)).ToArray(), qn, sortedQ);
    }

    /// <summary>#(q &lt; value).</summary>
    public int CountBelowValue(double value) => LowerBound(_sortedQ, value);

    /// <summary>Grid index of a value that is a candidate.</summary>
    public int IndexOf(double value) => Array.IndexOf(Values, value);

    /// <summary>
    /// Hansen's exclusion around fixed thresholds r_j (GAUSS code / ptm.R): with nn_j = #(candidates &lt; r_j),
    /// 1-based candidate i is dropped when nn_j − qn·π ≤ i &lt; nn_j + qn·π holds for exactly one j.
    /// </summary>
    /// <remarks>Also drops candidates that would leave a regime with fewer than <paramref name="minimumRegimeSize"/> observations.</remarks>
    public bool[] Admissible(IReadOnlyList<double> fixedThresholds, double trim, int minimumRegimeSize)
    {
        int m = Values.Length;
        var ok = new bool[m];
        var nn = fixedThresholds.Select(r => (double)LowerBound(Values, r)).ToArray();
        var fixedBelow = fixedThresholds.Select(CountBelowValue).ToArray();
        double window = QuantileCount * trim;
        for (int c = 0; c < m; c++)
        {
            int i = c + 1, hits = 0;
            foreach (var nj in nn)
                if (i >= nj - window && i < nj + window) hits++;
            if (hits == 1) continue;
            // Regime sizes: the gaps between the sorted cut counts {0, #(q < r_j)…, #(q < γ_c), n}.
            int below = CountBelow[c], previous = 0, smallest = int.MaxValue, inserted = 0;
            for (int j = 0; j <= fixedBelow.Length; j++)
            {
                int cut = j < fixedBelow.Length ? fixedBelow[j] : Observations;
                if (inserted == 0 && below <= cut)
                {
                    smallest = Math.Min(smallest, below - previous);
                    previous = below;
                    inserted = 1;
                }
                smallest = Math.Min(smallest, cut - previous);
                previous = cut;
            }
            ok[c] = smallest >= minimumRegimeSize;
        }
        return ok;
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
