namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// LU factorisation with partial pivoting of a small dense square matrix (row-major k×k), for the general
/// (non-symmetric) systems of Markov chains: stationary distributions and fundamental matrices
/// (Golub and Van Loan 2013, <i>Matrix Computations</i>, §3.4).
/// </summary>
internal static class SmallLu
{
    /// <summary>Solves A X = B for the k×m right-hand side B (row-major), in place; false when a pivot is below <paramref name="tolerance"/>·max|A|.</summary>
    public static bool TrySolve(double[] a, int k, double[] b, int m, double tolerance = 1e-12)
    {
        var lu = (double[])a.Clone();
        double scale = 0;
        foreach (var v in lu) scale = Math.Max(scale, Math.Abs(v));
        if (!(scale > 0)) return false;
        for (int c = 0; c < k; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < k; r++)
                if (Math.Abs(lu[r * k + c]) > Math.Abs(lu[pivot * k + c])) pivot = r;
            if (!(Math.Abs(lu[pivot * k + c]) > tolerance * scale)) return false;
            if (pivot != c)
            {
                for (int j = 0; j < k; j++) (lu[c * k + j], lu[pivot * k + j]) = (lu[pivot * k + j], lu[c * k + j]);
                for (int j = 0; j < m; j++) (b[c * m + j], b[pivot * m + j]) = (b[pivot * m + j], b[c * m + j]);
            }
            for (int r = c + 1; r < k; r++)
            {
                double f = lu[r * k + c] / lu[c * k + c];
                if (f == 0) continue;
                for (int j = c; j < k; j++) lu[r * k + j] -= f * lu[c * k + j];
                for (int j = 0; j < m; j++) b[r * m + j] -= f * b[c * m + j];
            }
        }
        for (int c = k - 1; c >= 0; c--)
            for (int j = 0; j < m; j++)
            {
                double s = b[c * m + j];
                for (int q = c + 1; q < k; q++) s -= lu[c * k + q] * b[q * m + j];
                b[c * m + j] = s / lu[c * k + c];
            }
        return true;
    }

    /// <summary>A⁻¹ (row-major), or null when A is singular to working precision.</summary>
    public static double[]? TryInverse(double[] a, int k)
    {
        var identity = new double[k * k];
        for (int i = 0; i < k; i++) identity[i * k + i] = 1;
        return TrySolve(a, k, identity, k) ? identity : null;
    }
}
