using System.Numerics;
using System.Runtime.InteropServices;

namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// Per-column kernels for composite indices and weighting schemes: extremes, min-max scaling, Shannon entropy of
/// column shares, moments, correlations and weighted row sums. Allocation-free, SIMD where it pays; every
/// reduction runs in a fixed order so results do not depend on the thread count.
/// </summary>
public static class ColumnStatistics
{
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
    /// scaled values. Requires max &gt; min.
    /// </summary>
    public static double MinMaxScale(ReadOnlySpan<double> x, Span<double> destination, double min, double max, bool reverse, double shift)
    {
        if (x.Length != destination.Length) throw new ArgumentException("Spans differ in length.");
        double range = max - min;
        // (max − x) = (−x) − (−max) exactly, so a negative indicator equals its mirrored positive bit for bit.
        double origin = reverse ? max : min;
        double sign = reverse ? -1.0 : 1.0;
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vd = MemoryMarshal.Cast<double, Vector<double>>(destination);
            var vo = new Vector<double>(origin);
            var vr = new Vector<double>(range);
            var vs = new Vector<double>(shift);
            Vector<double> acc = default;
            if (reverse)
                for (int v = 0; v < vx.Length; v++) { var s = (vo - vx[v]) / vr + vs; vd[v] = s; acc += s; }
            else
                for (int v = 0; v < vx.Length; v++) { var s = (vx[v] - vo) / vr + vs; vd[v] = s; acc += s; }
            sum = Vector.Sum(acc);
            i = vx.Length * Vector<double>.Count;
        }
        for (; i < x.Length; i++)
        {
            double s = sign * (x[i] - origin) / range + shift;
            destination[i] = s;
            sum += s;
        }
        return sum;
    }

    /// <summary>
    /// Shannon entropy −Σ p_i ln p_i of the shares p_i = v_i / <paramref name="total"/> with 0·ln 0 = 0 (not yet
    /// divided by ln n). Values must be non-negative and <paramref name="total"/> their positive sum.
    /// </summary>
    public static double ShareEntropy(ReadOnlySpan<double> values, double total)
    {
        int i = 0;
        double sum = 0;
#if NET9_0_OR_GREATER
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            var vv = MemoryMarshal.Cast<double, Vector<double>>(values);
            var vt = new Vector<double>(total);
            Vector<double> acc = default;
            for (int v = 0; v < vv.Length; v++)
            {
                var p = vv[v] / vt;
                var positive = Vector.GreaterThan(p, Vector<double>.Zero);
                // Log(0) = −∞ and 0·(−∞) = NaN, so zero shares are masked out (0·ln 0 = 0 by continuity).
                acc += Vector.ConditionalSelect(positive, p * Vector.Log(p), Vector<double>.Zero);
            }
            sum = Vector.Sum(acc);
            i = vv.Length * Vector<double>.Count;
        }
#endif
        for (; i < values.Length; i++)
        {
            double p = values[i] / total;
            if (p > 0) sum += p * Math.Log(p);
        }
        return -sum;
    }

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
        const int chunk = 4096;
        int rows = x.Rows, chunks = (rows + chunk - 1) / chunk;
        var w = weights.ToArray();
        var result = new double[rows];
        void Chunk(int c)
        {
            int start = c * chunk, length = Math.Min(chunk, rows - start);
            var slice = result.AsSpan(start, length);
            for (int j = 0; j < w.Length; j++)
                VectorKernels.Axpy(w[j], x.Column(j).Slice(start, length), slice);
        }
        if ((long)rows * w.Length > 1_000_000 && chunks > 1)
            Parallel.For(0, chunks, Chunk);
        else
            for (int c = 0; c < chunks; c++) Chunk(c);
        return result;
    }
}
