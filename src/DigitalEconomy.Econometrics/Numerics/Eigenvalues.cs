using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>Dense eigenvalue and inverse kernels for the moderate-size matrices of the spatial models.</summary>
internal static class Eigenvalues
{
    /// <summary>Eigenvalues of a symmetric matrix (ascending), and optionally its eigenvectors (columns).</summary>
    public static double[] Symmetric(double[,] a, out double[,]? vectors, bool wantVectors)
    {
        var m = Matrix<double>.Build.DenseOfArray(a);
        var evd = m.Evd(Symmetricity.Symmetric);
        vectors = wantVectors ? evd.EigenVectors.ToArray() : null;
        return evd.EigenValues.Select(c => c.Real).ToArray();
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
