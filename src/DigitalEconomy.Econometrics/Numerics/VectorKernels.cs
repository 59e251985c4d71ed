using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;

namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>SIMD building blocks over contiguous spans (dot products, sums, axpy). Allocation-free.</summary>
internal static class VectorKernels
{
    /// <summary>
    /// Σ (x_i − centre)² (the second pass of a two-pass variance, stable for any centre), vectorised with four
    /// accumulators, so the summation order differs from a scalar loop in the last bits; it serves the tests of
    /// within variation against a share of the total (absorbed regressors), where that does not matter.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double SumOfSquaredDeviations(ReadOnlySpan<double> x, double centre)
    {
        int i = 0;
        double ss = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= 4 * Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var c = new Vector<double>(centre);
            Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
            int v = 0;
            for (; v + 4 <= vx.Length; v += 4)
            {
                var d0 = vx[v] - c; var d1 = vx[v + 1] - c; var d2 = vx[v + 2] - c; var d3 = vx[v + 3] - c;
                s0 += d0 * d0; s1 += d1 * d1; s2 += d2 * d2; s3 += d3 * d3;
            }
            for (; v < vx.Length; v++) { var d = vx[v] - c; s0 += d * d; }
            ss = Vector.Sum((s0 + s1) + (s2 + s3));
            i = vx.Length * Vector<double>.Count;
        }
        for (; i < x.Length; i++) ss += (x[i] - centre) * (x[i] - centre);
        return ss;
    }

    /// <summary>Σ a_i b_i, vectorised with <see cref="Vector{T}"/> and four accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("Spans differ in length.");
        int n = a.Length, i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= 4 * Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
            int v = 0;
            for (; v + 4 <= va.Length; v += 4)
            {
                s0 += va[v] * vb[v];
                s1 += va[v + 1] * vb[v + 1];
                s2 += va[v + 2] * vb[v + 2];
                s3 += va[v + 3] * vb[v + 3];
            }
            for (; v < va.Length; v++) s0 += va[v] * vb[v];
            sum = Vector.Sum((s0 + s1) + (s2 + s3));
            i = va.Length * Vector<double>.Count;
        }
        for (; i < n; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>
    /// The four sums Σ a_i c_i, Σ a_i d_i, Σ b_i c_i, Σ b_i d_i in one sweep (a 2×2 tile of cross-products): four loads
    /// feed four multiply-adds, so a block of columns in cache yields its cross-products about twice as fast as
    /// pairwise dot products. One vector accumulator per sum, then the scalar tail.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Ac, double Ad, double Bc, double Bd) Dot2x2(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> d)
    {
        int n = a.Length;
        if (b.Length != n || c.Length != n || d.Length != n) throw new ArgumentException("Spans differ in length.");
        int i = 0;
        double ac = 0, ad = 0, bc = 0, bd = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            var vc = MemoryMarshal.Cast<double, Vector<double>>(c);
            var vd = MemoryMarshal.Cast<double, Vector<double>>(d);
            Vector<double> sac = default, sad = default, sbc = default, sbd = default;
            for (int v = 0; v < va.Length; v++)
            {
                var x = va[v];
                var y = vb[v];
                var u = vc[v];
                var w = vd[v];
                sac += x * u;
                sad += x * w;
                sbc += y * u;
                sbd += y * w;
            }
            ac = Vector.Sum(sac);
            ad = Vector.Sum(sad);
            bc = Vector.Sum(sbc);
            bd = Vector.Sum(sbd);
            i = va.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            ac += a[i] * c[i];
            ad += a[i] * d[i];
            bc += b[i] * c[i];
            bd += b[i] * d[i];
        }
        return (ac, ad, bc, bd);
    }

    /// <summary>
    /// (Σ a_i b_i, Σ a_i c_i) in one sweep over a: each result is bit-identical to <see cref="Dot"/> (same
    /// accumulators, same order); sharing the loads of a makes cross-product blocks cheaper.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Ab, double Ac) Dot2(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c)
    {
        if (a.Length != b.Length || a.Length != c.Length) throw new ArgumentException("Spans differ in length.");
        int n = a.Length, i = 0;
        double sumB = 0, sumC = 0;
        if (Vector.IsHardwareAccelerated && n >= 4 * Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            var vc = MemoryMarshal.Cast<double, Vector<double>>(c);
            Vector<double> b0 = default, b1 = default, b2 = default, b3 = default;
            Vector<double> c0 = default, c1 = default, c2 = default, c3 = default;
            int v = 0;
            for (; v + 4 <= va.Length; v += 4)
            {
                var a0 = va[v]; var a1 = va[v + 1]; var a2 = va[v + 2]; var a3 = va[v + 3];
                b0 += a0 * vb[v];
                b1 += a1 * vb[v + 1];
                b2 += a2 * vb[v + 2];
                b3 += a3 * vb[v + 3];
                c0 += a0 * vc[v];
                c1 += a1 * vc[v + 1];
                c2 += a2 * vc[v + 2];
                c3 += a3 * vc[v + 3];
            }
            for (; v < va.Length; v++)
            {
                b0 += va[v] * vb[v];
                c0 += va[v] * vc[v];
            }
            sumB = Vector.Sum((b0 + b1) + (b2 + b3));
            sumC = Vector.Sum((c0 + c1) + (c2 + c3));
            i = va.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            sumB += a[i] * b[i];
            sumC += a[i] * c[i];
        }
        return (sumB, sumC);
    }

    /// <summary>Σ a_i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Sum(ReadOnlySpan<double> a)
    {
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            Vector<double> s = default;
            foreach (var x in va) s += x;
            sum = Vector.Sum(s);
            i = va.Length * Vector<double>.Count;
        }
        for (; i < a.Length; i++) sum += a[i];
        return sum;
    }

    /// <summary>y ← y + alpha·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("Spans differ in length.");
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
            var va = new Vector<double>(alpha);
            for (int v = 0; v < vx.Length; v++) vy[v] += va * vx[v];
            i = vx.Length * Vector<double>.Count;
        }
        for (; i < x.Length; i++) y[i] += alpha * x[i];
    }
    /// <summary>x ← x + alpha (adds a scalar to every element).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScalar(Span<double> x, double alpha)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var va = new Vector<double>(alpha);
            for (int v = 0; v < vx.Length; v++) vx[v] += va;
            i = vx.Length * Vector<double>.Count;
        }
        for (; i < x.Length; i++) x[i] += alpha;
    }

    /// <summary>Σ w_i a_i b_i (a weighted dot product), vectorised.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double WeightedDot(ReadOnlySpan<double> w, ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length || w.Length != a.Length) throw new ArgumentException("Spans differ in length.");
        int n = a.Length, i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<double>.Count)
        {
            var vw = MemoryMarshal.Cast<double, Vector<double>>(w);
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            Vector<double> s0 = default, s1 = default;
            int v = 0;
            for (; v + 2 <= va.Length; v += 2)
            {
                s0 += vw[v] * va[v] * vb[v];
                s1 += vw[v + 1] * va[v + 1] * vb[v + 1];
            }
            for (; v < va.Length; v++) s0 += vw[v] * va[v] * vb[v];
            sum = Vector.Sum(s0 + s1);
            i = va.Length * Vector<double>.Count;
        }
        for (; i < n; i++) sum += w[i] * a[i] * b[i];
        return sum;
    }

    /// <summary>Largest |x_i| (0 for an empty span).</summary>
    public static double MaxAbs(ReadOnlySpan<double> x)
    {
        double m = 0;
        foreach (var v in x)
        {
            double a = Math.Abs(v);
            if (a > m || double.IsNaN(a)) m = a;
        }
        return m;
    }
}
