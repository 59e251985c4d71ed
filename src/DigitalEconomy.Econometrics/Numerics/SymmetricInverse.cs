using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// Inverse of a symmetric positive semi-definite n×n matrix (row-major): by Cholesky when it is positive definite,
/// otherwise the Moore–Penrose inverse from the symmetric eigendecomposition with eigenvalues below
/// 1e-12·λ<sub>max</sub> set to zero — the generalized inverse GMM programs fall back on when the moment covariance is
/// singular (more instruments than groups).
/// </summary>
internal static class SymmetricInverse
{
    /// <summary>Returns A⁻¹ (or A⁺); <paramref name="generalized"/> tells which.</summary>
    public static double[] Invert(ReadOnlySpan<double> a, int n, out bool generalized)
    {
        var lower = new double[n * n];
        // Relative pivot rule: a pivot that lost all but ~1e-11 of its diagonal is numerically zero.
        if (SmallCholesky.TryFactor(a, a, 1e-11, n, lower))
        {
            generalized = false;
            return InvertFromCholesky(lower, n);
        }
        generalized = true;
        return PseudoInverse(a, n);
    }

    private static double[] InvertFromCholesky(double[] lower, int n)
    {
        var linv = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            linv[j * n + j] = 1 / lower[j * n + j];
            for (int i = j + 1; i < n; i++)
            {
                double v = 0;
                for (int p = j; p < i; p++) v -= lower[i * n + p] * linv[p * n + j];
                linv[i * n + j] = v / lower[i * n + i];
            }
        }
        var inverse = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double v = 0;
                for (int p = i; p < n; p++) v += linv[p * n + i] * linv[p * n + j];
                inverse[i * n + j] = v;
                inverse[j * n + i] = v;
            }
        return inverse;
    }

    private static double[] PseudoInverse(ReadOnlySpan<double> a, int n)
    {
        var m = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) m[i, j] = 0.5 * (a[i * n + j] + a[j * n + i]);
        var evd = m.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues;
        var vectors = evd.EigenVectors;
        double max = 0;
        for (int k = 0; k < n; k++) max = Math.Max(max, Math.Abs(values[k].Real));
        var result = new double[n * n];
        for (int k = 0; k < n; k++)
        {
            double lambda = values[k].Real;
            if (!(lambda > 1e-12 * max)) continue;
            double w = 1 / lambda;
            for (int i = 0; i < n; i++)
            {
                double vi = vectors[i, k] * w;
                if (vi == 0) continue;
                for (int j = 0; j < n; j++) result[i * n + j] += vi * vectors[j, k];
            }
        }
        return result;
    }
}
