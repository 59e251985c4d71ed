using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Iv;

/// <summary>
/// The Kleibergen and Paap (2006) rank statistic for H₀: rank(Π) = K₁ − 1, Π the L₁ × K₁ matrix of
/// first-stage coefficients of the excluded instruments. With Θ = F Π G⁻¹ (F, G the upper Cholesky
/// factors of Z̃'Z̃/N and X̃₁'X̃₁/N) and its singular value decomposition Θ = U S V', the statistic projects
/// vec(Θ) on the directions orthogonal to the leading K₁ − 1 singular vectors:
/// λ = (B_q ⊗ A_q') vec(Θ), rk = N λ'[(B_q ⊗ A_q') Ω (B_q ⊗ A_q')']⁻¹ λ, χ²(L₁ − K₁ + 1) under H₀, where Ω is
/// the (robust) covariance of vec(Θ̂) and A_q, B_q are built from the trailing blocks of U and V.
/// </summary>
internal static class KleibergenPaap
{
    /// <summary>The rk statistic for the reduced rank K₁ − 1.</summary>
    /// <param name="theta">Θ (L₁ × K₁).</param>
    /// <param name="u">Left singular vectors of Θ (L₁ × L₁).</param>
    /// <param name="v">Right singular vectors of Θ (K₁ × K₁).</param>
    /// <param name="covariance">Covariance of vec(Θ̂) times N, ((K₁L₁) × (K₁L₁)).</param>
    /// <param name="n">Observations.</param>
    public static double RankStatistic(Matrix<double> theta, Matrix<double> u, Matrix<double> v, Matrix<double> covariance, int n)
    {
        int l1 = theta.RowCount, k1 = theta.ColumnCount, q = k1 - 1;
        var uTail = u.SubMatrix(0, l1, q, l1 - q);      // [u12; u22]
        var u22 = u.SubMatrix(q, l1 - q, q, l1 - q);
        var vTail = v.SubMatrix(0, k1, q, k1 - q);      // [v12; v22]
        var v22 = v.SubMatrix(q, k1 - q, q, k1 - q);
        var aq = uTail * u22.Inverse() * SquareRoot(u22 * u22.Transpose());
        var bq = SquareRoot(v22 * v22.Transpose()) * v22.Transpose().Inverse() * vTail.Transpose();
        var t = bq.KroneckerProduct(aq.Transpose());
        var lambda = t * Vector<double>.Build.DenseOfArray(theta.ToColumnMajorArray());
        var vl = t * covariance * t.Transpose();
        vl = (vl + vl.Transpose()) * 0.5;
        return n * lambda.DotProduct(vl.Solve(lambda));
    }

    /// <summary>Symmetric square root of a positive semi-definite matrix (negative round-off eigenvalues set to 0).</summary>
    internal static Matrix<double> SquareRoot(Matrix<double> a)
    {
        var evd = ((a + a.Transpose()) * 0.5).Evd(Symmetricity.Symmetric);
        var d = Matrix<double>.Build.DiagonalOfDiagonalArray(evd.EigenValues.Real().Select(x => Math.Sqrt(Math.Max(0, x))).ToArray());
        return evd.EigenVectors * d * evd.EigenVectors.Transpose();
    }
}
