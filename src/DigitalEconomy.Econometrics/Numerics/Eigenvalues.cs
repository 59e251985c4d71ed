using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>Dense eigenvalue and inverse kernels for the moderate-size matrices of the spatial models.</summary>
internal static class Eigenvalues
{
    /// <summary>
    /// Eigenvalues only of a symmetric matrix (ascending): Householder reduction to tridiagonal form and the implicit QL
    /// algorithm with Wilkinson-type shifts (Golub and Van Loan 2013, §8.3), about (4/3)n³ flops instead of the ~9n³ of a
    /// decomposition that also accumulates eigenvectors. Only the lower triangle of <paramref name="a"/> is read; it is
    /// not modified.
    /// </summary>
    public static double[] SymmetricValues(double[,] a)
    {
        int n = a.GetLength(0);
        var m = new double[n * n]; // row-major working copy of the full symmetric matrix
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++) m[i * n + j] = m[j * n + i] = a[i, j];
        var d = new double[n];
        var e = new double[n];
        var v = new double[n];
        var w = new double[n];
        for (int k = 0; k < n - 2; k++)
        {
            int s = k + 1;
            double norm = 0;
            for (int i = s; i < n; i++) norm += m[i * n + k] * m[i * n + k];
            norm = Math.Sqrt(norm);
            d[k] = m[k * n + k];
            if (norm == 0)
            {
                e[k] = 0;
                continue;
            }
            double x0 = m[s * n + k];
            double alpha = x0 > 0 ? -norm : norm;
            e[k] = alpha;
            for (int i = s; i < n; i++) v[i] = m[i * n + k];
            v[s] -= alpha;
            double vn = 0;
            for (int i = s; i < n; i++) vn += v[i] * v[i];
            vn = Math.Sqrt(vn);
            if (vn == 0) continue;
            for (int i = s; i < n; i++) v[i] /= vn;
            // A22 ← A22 − 2vq' − 2qv' with w = A22 v, q = w − (v'w)v
            double vw = 0;
            for (int i = s; i < n; i++)
            {
                double r = 0;
                int row = i * n;
                for (int j = s; j < n; j++) r += m[row + j] * v[j];
                w[i] = r;
                vw += v[i] * r;
            }
            for (int i = s; i < n; i++) w[i] -= vw * v[i];
            for (int i = s; i < n; i++)
            {
                int row = i * n;
                double vi = v[i], wi = w[i];
                for (int j = s; j < n; j++) m[row + j] -= 2 * (vi * w[j] + wi * v[j]);
            }
        }
        if (n >= 2)
        {
            d[n - 2] = m[(n - 2) * n + n - 2];
            e[n - 2] = m[(n - 1) * n + n - 2];
        }
        d[n - 1] = m[(n - 1) * n + n - 1];
        e[n - 1] = 0;
        TridiagonalQl(d, e);
        Array.Sort(d);
        return d;
    }

    /// <summary>Implicit QL iterations on the symmetric tridiagonal matrix (diagonal d, sub-diagonal e[i] between i and i + 1).</summary>
    private static void TridiagonalQl(double[] d, double[] e)
    {
        int n = d.Length;
        for (int l = 0; l < n; l++)
        {
            int iter = 0, m;
            do
            {
                for (m = l; m < n - 1; m++)
                {
                    double dd = Math.Abs(d[m]) + Math.Abs(d[m + 1]);
                    if (Math.Abs(e[m]) <= 1e-16 * dd) break;
                }
                if (m != l)
                {
                    if (iter++ == 200) throw new InvalidOperationException("Tridiagonal QL did not converge.");
                    double g = (d[l + 1] - d[l]) / (2 * e[l]);
                    double r = Hypot(g, 1);
                    g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.Abs(r) : -Math.Abs(r)));
                    double s = 1, c = 1, p = 0;
                    int i;
                    for (i = m - 1; i >= l; i--)
                    {
                        double f = s * e[i], b = c * e[i];
                        e[i + 1] = r = Hypot(f, g);
                        if (r == 0)
                        {
                            d[i + 1] -= p;
                            e[m] = 0;
                            break;
                        }
                        s = f / r;
                        c = g / r;
                        g = d[i + 1] - p;
                        r = (d[i] - g) * s + 2 * c * b;
                        p = s * r;
                        d[i + 1] = g + p;
                        g = c * r - b;
                    }
                    if (r == 0 && i >= l) continue;
                    d[l] -= p;
                    e[l] = g;
                    e[m] = 0;
                }
            } while (m != l);
        }
    }

    private static double Hypot(double a, double b)
    {
        double x = Math.Abs(a), y = Math.Abs(b);
        if (x < y) (x, y) = (y, x);
        if (x == 0) return 0;
        double t = y / x;
        return x * Math.Sqrt(1 + t * t);
    }

    /// <summary>Eigenvalues of a general real matrix (complex in general).</summary>
    public static Complex[] General(double[,] a)
    {
        var m = Matrix<double>.Build.DenseOfArray(a);
        var evd = m.Evd(Symmetricity.Asymmetric);
        return evd.EigenValues.ToArray();
    }

    /// <summary>Inverse of a dense square matrix by LU with partial pivoting.</summary>
    public static double[,] Inverse(double[,] a) => Matrix<double>.Build.DenseOfArray(a).Inverse().ToArray();

    /// <summary>Inverse of a symmetric positive-definite matrix (falls back to LU when Cholesky fails).</summary>
    public static double[,] InverseSymmetric(double[,] a)
    {
        var m = Matrix<double>.Build.DenseOfArray(a);
        try
        {
            return m.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(m.RowCount)).ToArray();
        }
        catch (ArgumentException)
        {
            return m.Inverse().ToArray();
        }
    }

    /// <summary>Lower Cholesky factor of a symmetric positive semi-definite matrix (eigen-clipped when not PD).</summary>
    public static double[,] CholeskyLower(double[,] a)
    {
        var m = Matrix<double>.Build.DenseOfArray(a);
        try
        {
            return m.Cholesky().Factor.ToArray();
        }
        catch (ArgumentException)
        {
            var evd = m.Evd(Symmetricity.Symmetric);
            var d = Matrix<double>.Build.DiagonalOfDiagonalArray(evd.EigenValues.Select(c => Math.Sqrt(Math.Max(0, c.Real))).ToArray());
            return (evd.EigenVectors * d).ToArray();
        }
    }
}
