namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// Covariance matrices of least-squares coefficients from a thin QR factorisation X = QR, in the sandwich
/// form V = R⁻¹ M_Q R⁻ᵀ with M_Q the meat of the orthonormal design Q: classical M_Q = I (times s²),
/// White/HC0 and cluster meats from <see cref="SandwichMeat"/>. Because Q'Q = I, R⁻¹ M_Q R⁻ᵀ equals
/// (X'X)⁻¹ M_X (X'X)⁻¹ while (X'X)⁻¹ is never formed, which keeps Hansen's (1999) ill-conditioned threshold
/// design accurate. Scale factors (degrees-of-freedom corrections) are applied by the caller.
/// </summary>
/// <remarks>White (1980); Arellano (1987) / Liang and Zeger (1986) for the cluster form.</remarks>
internal static class QrSandwichCovariance
{
    /// <summary>R⁻¹R⁻ᵀ = (X'X)⁻¹.</summary>
    public static double[,] Bread(OrthonormalBasis basis)
    {
        int k = basis.Columns;
        var identity = new double[k, k];
        for (int j = 0; j < k; j++) identity[j, j] = 1;
        return SandwichMeat.FactoredSandwich(basis.InverseR(), identity);
    }

    /// <summary>R⁻¹ (Σ_r q_r q_r' e_r²) R⁻ᵀ — White's heteroskedasticity-consistent covariance (HC0).</summary>
    public static double[,] White(OrthonormalBasis basis, ReadOnlySpan<double> residuals) =>
        SandwichMeat.FactoredSandwich(basis.InverseR(), SandwichMeat.Heteroskedastic(Design(basis), residuals));

    /// <summary>R⁻¹ (Σ_g s_g s_g') R⁻ᵀ with s_g = Σ_{r∈g} q_r e_r.</summary>
    public static double[,] Cluster(OrthonormalBasis basis, ReadOnlySpan<double> residuals, GroupCodes clusters) =>
        SandwichMeat.FactoredSandwich(basis.InverseR(), SandwichMeat.Cluster(Design(basis), residuals, clusters));

    /// <summary>Square roots of the diagonal times √scale: standard errors.</summary>
    public static double[] StandardErrors(double[,] covariance, double scale)
    {
        int k = covariance.GetLength(0);
        var se = new double[k];
        for (int j = 0; j < k; j++) se[j] = Math.Sqrt(scale * covariance[j, j]);
        return se;
    }

    private static ColumnMajorMatrix Design(OrthonormalBasis basis)
    {
        var q = ColumnMajorMatrix.Uninitialized(basis.Rows, basis.Columns);
        for (int j = 0; j < basis.Columns; j++) basis.Q(j).CopyTo(q.Column(j));
        return q;
    }
}
