namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// Covariance matrices of least-squares coefficients computed from a thin QR factorisation X = QR, in
/// the sandwich form V = R⁻¹ M R⁻ᵀ (so (X'X)⁻¹ = R⁻¹R⁻ᵀ is never formed by inverting X'X):
/// classical M = s²·I; White/HC0 M = Σ_r q_r q_r' e_r²; cluster M = Σ_g (Σ_{r∈g} q_r e_r)(Σ_{r∈g} q_r e_r)'.
/// Scale factors (degrees-of-freedom corrections) are applied by the caller.
/// </summary>
/// <remarks>
/// White (1980); Arellano (1987) / Liang &amp; Zeger (1986) for the cluster form. These could later be
/// unified with the Regression area's variance estimators, which work on the same sandwich.
/// </remarks>
internal static class QrSandwichCovariance
{
    /// <summary>R⁻¹R⁻ᵀ = (X'X)⁻¹.</summary>
    public static double[,] Bread(OrthonormalBasis basis)
    {
        var rinv = basis.InverseR();
        return MultiplyByTranspose(rinv, Identity(basis.Columns), rinv);
    }

    /// <summary>R⁻¹ (Σ_r q_r q_r' e_r²) R⁻ᵀ — White's heteroskedasticity-consistent covariance (HC0).</summary>
    public static double[,] White(OrthonormalBasis basis, ReadOnlySpan<double> residuals)
    {
        int k = basis.Columns, n = basis.Rows;
        var meat = new double[k, k];
        var row = new double[k];
        for (int r = 0; r < n; r++)
        {
            double e2 = residuals[r] * residuals[r];
            for (int j = 0; j < k; j++) row[j] = basis.Q(j)[r];
            for (int a = 0; a < k; a++)
                for (int b = 0; b <= a; b++) meat[a, b] += row[a] * row[b] * e2;
        }
        Symmetrize(meat);
        var rinv = basis.InverseR();
        return MultiplyByTranspose(rinv, meat, rinv);
    }

    /// <summary>
    /// R⁻¹ (Σ_g s_g s_g') R⁻ᵀ with s_g = Σ_{r∈g} q_r e_r, clusters given as codes 0..groupCount−1 per row.
    /// </summary>
    public static double[,] Cluster(OrthonormalBasis basis, ReadOnlySpan<double> residuals, ReadOnlySpan<int> groups, int groupCount)
    {
        int k = basis.Columns, n = basis.Rows;
        var scores = new double[groupCount, k];
        for (int j = 0; j < k; j++)
        {
            var q = basis.Q(j);
            for (int r = 0; r < n; r++) scores[groups[r], j] += q[r] * residuals[r];
        }
        var meat = new double[k, k];
        for (int g = 0; g < groupCount; g++)
            for (int a = 0; a < k; a++)
                for (int b = 0; b <= a; b++) meat[a, b] += scores[g, a] * scores[g, b];
        Symmetrize(meat);
        var rinv = basis.InverseR();
        return MultiplyByTranspose(rinv, meat, rinv);
    }

    /// <summary>Square roots of the diagonal times √scale: standard errors.</summary>
    public static double[] StandardErrors(double[,] covariance, double scale)
    {
        int k = covariance.GetLength(0);
        var se = new double[k];
        for (int j = 0; j < k; j++) se[j] = Math.Sqrt(scale * covariance[j, j]);
        return se;
    }

    private static double[,] Identity(int k)
    {
        var m = new double[k, k];
        for (int j = 0; j < k; j++) m[j, j] = 1;
        return m;
    }

    private static void Symmetrize(double[,] m)
    {
        int k = m.GetLength(0);
        for (int a = 0; a < k; a++)
            for (int b = 0; b < a; b++) m[b, a] = m[a, b];
    }

    // A M B' for k×k matrices.
    private static double[,] MultiplyByTranspose(double[,] a, double[,] m, double[,] b)
    {
        int k = a.GetLength(0);
        var am = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[i, p] * m[p, j];
                am[i, j] = s;
            }
        var result = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += am[i, p] * b[j, p];
                result[i, j] = s;
            }
        return result;
    }
}
