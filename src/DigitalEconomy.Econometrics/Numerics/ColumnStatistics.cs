using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;

namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// Per-column kernels for composite indices and weighting schemes: extremes, min-max scaling, Shannon entropy of
/// column shares, moments, correlations and weighted row sums. Allocation-free, SIMD where it pays; every
/// reduction runs in a fixed order so results do not depend on the thread count.
/// </summary>
internal static class ColumnStatistics
{
    /// <summary>
    /// The sum of a finite block, added exactly as <see cref="VectorKernels.Sum"/> adds it, while the block's values
    /// update running extremes (<paramref name="vmin"/>/<paramref name="vmax"/> lane-wise, <paramref name="min"/>/<paramref name="max"/>
    /// for the scalar tail): a column's extremes over many short blocks with one reduction at the end instead of one per block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double SumTrackingExtremes(ReadOnlySpan<double> x, ref Vector<double> vmin, ref Vector<double> vmax, ref double min, ref double max)
    {
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            Vector<double> s = default, lo = vmin, hi = vmax;
            foreach (var v in vx)
            {
                s += v;
                lo = Vector.Min(lo, v);
                hi = Vector.Max(hi, v);
            }
            (vmin, vmax) = (lo, hi);
            sum = Vector.Sum(s);
            i = vx.Length * Vector<double>.Count;
        }
        for (; i < x.Length; i++)
        {
            double v = x[i];
            sum += v;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return sum;
    }

    /// <summary>The extremes of running lane-wise and scalar extremes (see <see cref="SumTrackingExtremes"/>).</summary>
    public static (double Min, double Max) ReduceExtremes(Vector<double> vmin, Vector<double> vmax, double min, double max)
    {
        for (int k = 0; k < Vector<double>.Count; k++)
        {
            min = Math.Min(min, vmin[k]);
            max = Math.Max(max, vmax[k]);
        }
        return (min, max);
    }

    /// <summary>Smallest, largest and sum of a non-empty finite column in one vectorised pass (the sum in vector order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Min, double Max, double Sum) MinMaxSum(ReadOnlySpan<double> x)
    {
        int i = 0;
        double min = x[0], max = x[0], sum = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            Vector<double> vmin = vx[0], vmax = vx[0], vsum = default;
            foreach (var v in vx)
            {
                vmin = Vector.Min(vmin, v);
                vmax = Vector.Max(vmax, v);
                vsum += v;
            }
            for (int k = 0; k < Vector<double>.Count; k++)
            {
                min = Math.Min(min, vmin[k]);
                max = Math.Max(max, vmax[k]);
            }
            sum = Vector.Sum(vsum);
            i = vx.Length * Vector<double>.Count;
        }
        for (; i < x.Length; i++)
        {
            if (x[i] < min) min = x[i];
            if (x[i] > max) max = x[i];
            sum += x[i];
        }
        return (min, max, sum);
    }

    /// <summary>Smallest and largest value of <paramref name="x"/> (which must be non-empty and free of NaN).</summary>
    public static (double Min, double Max) MinMax(ReadOnlySpan<double> x)
    {
        if (x.IsEmpty) throw new ArgumentException("Empty span.", nameof(x));
        int i = 0;
        double min = x[0], max = x[0];
        if (Vector.IsHardwareAccelerated && x.Length >= 2 * Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            Vector<double> vmin = vx[0], vmax = vx[0];
            for (int v = 1; v < vx.Length; v++)
            {
                vmin = Vector.Min(vmin, vx[v]);
                vmax = Vector.Max(vmax, vx[v]);
            }
            for (int k = 0; k < Vector<double>.Count; k++)
            {
                min = Math.Min(min, vmin[k]);
                max = Math.Max(max, vmax[k]);
            }
            i = vx.Length * Vector<double>.Count;
        }
        for (; i < x.Length; i++)
        {
            if (x[i] < min) min = x[i];
            if (x[i] > max) max = x[i];
        }
        return (min, max);
    }

    /// <summary>
    /// Min-max scaling into <paramref name="destination"/>: (x − min)/(max − min) + shift, or
    /// (max − x)/(max − min) + shift when <paramref name="reverse"/> (a negative indicator). Returns the sum of the
    /// scaled values and, in the same pass, Σ x' ln x' (with 0·ln 0 = 0) for the entropy of the shares. Requires
    /// max &gt; min.
    /// </summary>
    public static (double Sum, double SumXLogX) MinMaxScale(ReadOnlySpan<double> x, Span<double> destination, double min, double max, bool reverse, double shift)
    {
        if (x.Length != destination.Length) throw new ArgumentException("Spans differ in length.");
        double range = max - min;
        // (max − x) = (−x) − (−max) exactly, so a negative indicator equals its mirrored positive bit for bit.
        double origin = reverse ? max : min;
        int i = 0;
        double sum = 0, xlogx = 0;
#if NET9_0_OR_GREATER
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vd = MemoryMarshal.Cast<double, Vector<double>>(destination);
            var vo = new Vector<double>(origin);
            var vr = new Vector<double>(range);
            var vs = new Vector<double>(shift);
            Vector<double> acc = default, accLog = default;
            for (int v = 0; v < vx.Length; v++)
            {
                var s = (reverse ? vo - vx[v] : vx[v] - vo) / vr + vs;
                vd[v] = s;
                acc += s;
                // ln 0 = −∞ and 0·(−∞) = NaN, so zeros are masked out (0·ln 0 = 0 by continuity).
                accLog += Vector.ConditionalSelect(Vector.GreaterThan(s, Vector<double>.Zero), s * Vector.Log(s), Vector<double>.Zero);
            }
            sum = Vector.Sum(acc);
            xlogx = Vector.Sum(accLog);
            i = vx.Length * Vector<double>.Count;
        }
#endif
        for (; i < x.Length; i++)
        {
            double s = (reverse ? origin - x[i] : x[i] - origin) / range + shift;
            destination[i] = s;
            sum += s;
            if (s > 0) xlogx += s * Math.Log(s);
        }
        return (sum, xlogx);
    }

    /// <summary>Σ x_i ln x_i with 0·ln 0 = 0 (values must be non-negative).</summary>
    public static double SumXLogX(ReadOnlySpan<double> x)
    {
        double sum = 0;
        foreach (var v in x)
            if (v > 0) sum += v * Math.Log(v);
        return sum;
    }

    /// <summary>
    /// Shannon entropy −Σ p_i ln p_i of shares p_i = x_i / S from S = Σ x_i and Σ x_i ln x_i, using
    /// Σ p ln p = (Σ x ln x)/S − ln S, so the shares never need to be formed.
    /// </summary>
    public static double ShareEntropy(double sum, double sumXLogX) => Math.Log(sum) - sumXLogX / sum;

    /// <summary>Arithmetic mean and the sample standard deviation (n − 1 denominator) in two passes.</summary>
    public static (double Mean, double StandardDeviation) MeanAndStandardDeviation(ReadOnlySpan<double> x)
    {
        if (x.Length < 2) throw new ArgumentException("At least two values are needed.", nameof(x));
        double mean = VectorKernels.Sum(x) / x.Length;
        int i = 0;
        double ss = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vm = new Vector<double>(mean);
            Vector<double> acc = default;
            foreach (var v in vx) { var d = v - vm; acc += d * d; }
            ss = Vector.Sum(acc);
            i = vx.Length * Vector<double>.Count;
        }
        for (; i < x.Length; i++) ss += (x[i] - mean) * (x[i] - mean);
        return (mean, Math.Sqrt(ss / (x.Length - 1)));
    }

    /// <summary>Pearson correlation of two columns given their means and sample standard deviations.</summary>
    public static double Correlation(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double meanA, double sdA, double meanB, double sdB)
    {
        if (a.Length != b.Length) throw new ArgumentException("Spans differ in length.");
        double cross = 0;
        for (int i = 0; i < a.Length; i++) cross += (a[i] - meanA) * (b[i] - meanB);
        return cross / ((a.Length - 1) * sdA * sdB);
    }

    /// <summary>
    /// r_i = Σ_j w_j x_ij over the columns of <paramref name="x"/>. Rows are processed in cache-sized chunks in
    /// parallel; each row's sum always adds columns in order 0..m−1, so the result is thread-count independent.
    /// </summary>
    public static double[] WeightedRowSums(ColumnMajorMatrix x, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (weights.Length != x.Columns) throw new ArgumentException("One weight per column is needed.", nameof(weights));
        var w = weights.ToArray();
        var result = new double[x.Rows];
        ForEachRowChunk(x.Rows, w.Length, (start, end) =>
        {
            var slice = result.AsSpan(start, end - start);
            for (int j = 0; j < w.Length; j++)
                VectorKernels.Axpy(w[j], x.Column(j)[start..end], slice);
        });
        return result;
    }

    /// <summary>
    /// Weighted Euclidean distances of every row to two reference points a and b:
    /// D^a_i = √Σ_j (w_j x_ij − a_j)², D^b_i = √Σ_j (w_j x_ij − b_j)² (TOPSIS distances to the ideal solutions).
    /// Chunked over rows in parallel with a fixed column order per row, so results do not depend on the thread count.
    /// </summary>
    public static (double[] ToA, double[] ToB) WeightedDistances(ColumnMajorMatrix x, ReadOnlySpan<double> weights, ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (weights.Length != x.Columns || a.Length != x.Columns || b.Length != x.Columns)
            throw new ArgumentException("One weight and one coordinate per column are needed.");
        var w = weights.ToArray();
        var pa = a.ToArray();
        var pb = b.ToArray();
        var toA = new double[x.Rows];
        var toB = new double[x.Rows];
        ForEachRowChunk(x.Rows, w.Length, (start, end) =>
        {
            for (int j = 0; j < w.Length; j++)
            {
                var col = x.Column(j);
                double wj = w[j], aj = pa[j], bj = pb[j];
                for (int i = start; i < end; i++)
                {
                    double v = wj * col[i];
                    toA[i] += (v - aj) * (v - aj);
                    toB[i] += (v - bj) * (v - bj);
                }
            }
            for (int i = start; i < end; i++)
            {
                toA[i] = Math.Sqrt(toA[i]);
                toB[i] = Math.Sqrt(toB[i]);
            }
        });
        return (toA, toB);
    }

    /// <summary>
    /// Runs <paramref name="body"/>(start, end) over consecutive chunks of 4,096 rows, in parallel when
    /// rows × columns exceeds 10⁶. Every row lies in exactly one chunk and the body handles a row on its own, so
    /// results do not depend on the thread count.
    /// </summary>
    private static void ForEachRowChunk(int rows, int columns, Action<int, int> body)
    {
        const int chunk = 4096;
        int chunks = (rows + chunk - 1) / chunk;
        void Chunk(int c)
        {
            int start = c * chunk;
            body(start, Math.Min(rows, start + chunk));
        }
        if ((long)rows * columns > 1_000_000 && chunks > 1)
            Parallel.For(0, chunks, Chunk);
        else
            for (int c = 0; c < chunks; c++) Chunk(c);
    }

    /// <summary>
    /// Stata's default percentile of sorted values for fraction p in [0, 1]: P = n·p; (x(P) + x(P+1))/2 if P
    /// is an integer, x(⌊P⌋+1) otherwise. P is compared with the nearest integer at a relative 1e−9, since
    /// Stata computes n·p with p in percent and a fraction such as 0.07·100 is not exact in binary.
    /// </summary>
    public static double StataPercentile(IReadOnlyList<double> sorted, double p)
    {
        int n = sorted.Count;
        double pos = n * p;
        double nearest = Math.Round(pos);
        bool integer = Math.Abs(pos - nearest) <= 1e-9 * Math.Max(1.0, pos);
        if (integer)
        {
            int i = (int)nearest;
            if (i <= 0) return sorted[0];
            if (i >= n) return sorted[n - 1];
            return (sorted[i - 1] + sorted[i]) / 2;
        }
        int k = (int)Math.Floor(pos);
        return sorted[Math.Min(k, n - 1)];
    }
}
