namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// Power-of-two column scales for a design: s_j = 2^(−e_j) with e_j the binary exponent of max_r |x_rj|, so
/// a scaled column has its largest magnitude in [1, 2). Multiplying by a power of two is exact (no
/// rounding, barring underflow of entries 2^1000 times smaller than the column's largest), so the scaled
/// problem has exactly the same digits as the original; what it removes is overflow and underflow of the
/// squares and cross-products (X'X, the sandwich meat) when a column's values lie beyond about 1e±154.
/// With X̃ = XS (S = diag s): β = Sβ̃ and V(β) = S V(β̃) S, while t statistics are unchanged.
/// Only columns whose largest magnitude lies outside [2^−<see cref="SafeExponent"/>, 2^<see cref="SafeExponent"/>]
/// (about 1e±77) are scaled; every other column keeps the user's units bit for bit. That matters for the one
/// step of the variance that is not invariant to column units, the eigenvalue fix of a two-way cluster
/// variance (Cameron, Gelbach and Miller 2011), which R and Stata apply in the data's units.
/// </summary>
/// <remarks>Higham (2002), Accuracy and Stability of Numerical Algorithms, §7.3 (scaling by powers of the base).</remarks>
internal static class ColumnScaling
{
    /// <summary>Binary exponent beyond which a column is scaled (squares of 2^256 are far from overflow, sums of 1e7 of them too).</summary>
    public const int SafeExponent = 256;

    /// <summary>s_j for every column: 1 when the column's largest magnitude is within 2^±<see cref="SafeExponent"/> (or it is all zero).</summary>
    public static double[] PowerOfTwoScales(ColumnMajorMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var scales = new double[x.Columns];
        for (int j = 0; j < x.Columns; j++)
        {
            double max = 0;
            foreach (var v in x.Column(j))
            {
                double a = Math.Abs(v);
                if (a > max && double.IsFinite(a)) max = a;
            }
            scales[j] = ScaleFor(max);
        }
        return scales;
    }

    /// <summary>s for a column whose largest magnitude is <paramref name="maxAbs"/> (1 when within 2^±<see cref="SafeExponent"/>, zero or not finite).</summary>
    public static double ScaleFor(double maxAbs)
    {
        if (!(maxAbs > 0) || !double.IsFinite(maxAbs)) return 1.0;
        int e = Math.ILogB(maxAbs);
        // Clamp so that s itself stays a finite, normal double (a subnormal maximum still lands far above underflow).
        return Math.Abs(e) <= SafeExponent ? 1.0 : Math.ScaleB(1.0, Math.Clamp(-e, -1022, 1023));
    }

    /// <summary>x_j ← s_j x_j in place.</summary>
    public static void Apply(ColumnMajorMatrix x, double[] scales)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(scales);
        for (int j = 0; j < x.Columns; j++)
        {
            double s = scales[j];
            if (s == 1.0) continue;
            var c = x.Column(j);
            for (int r = 0; r < c.Length; r++) c[r] *= s;
        }
    }

    /// <summary>True when every scale is 1 (nothing to undo).</summary>
    public static bool IsIdentity(double[] scales) => Array.TrueForAll(scales, s => s == 1.0);

    /// <summary>S V S, each entry as (v_ij s_i) s_j; entries beyond the double range saturate to ±∞ or 0.</summary>
    public static double[,] UnscaleCovariance(double[,] scaled, IReadOnlyList<double> scales)
    {
        ArgumentNullException.ThrowIfNull(scaled);
        int k = scales.Count;
        var v = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) v[i, j] = scaled[i, j] * scales[i] * scales[j];
        return v;
    }
}
