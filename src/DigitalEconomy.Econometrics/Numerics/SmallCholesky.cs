namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// Allocation-free Cholesky kernels for the small k×k systems (k ≲ 20, row-major spans) solved once per bootstrap
/// replication or threshold candidate: factor A = LL′, solve LL′x = b, invert A = L⁻ᵀL⁻¹ (Golub and Van Loan
/// 2013, <i>Matrix Computations</i>, §4.2). Unlike <see cref="CholeskySolver"/> they never drop columns: a
/// negligible pivot makes the whole factorisation fail, and the caller treats the draw or candidate as singular.
/// </summary>
internal static class SmallCholesky
{
    /// <summary>
    /// Writes the Cholesky factor L of the symmetric matrix whose lower triangle is in <paramref name="a"/> into
    /// the lower triangle of <paramref name="lower"/> (which may be the same span as <paramref name="a"/>: each entry
    /// is read before it is overwritten; the upper triangle of <paramref name="lower"/> is not touched). Fails when a
    /// pivot d_j = a_jj − Σ_{q&lt;j} l_jq² is not above <paramref name="tolerance"/>·s_jj, s = <paramref name="pivotScale"/>
    /// (pass <paramref name="a"/> itself for a relative rule), or is not finite.
    /// </summary>
    public static bool TryFactor(ReadOnlySpan<double> a, ReadOnlySpan<double> pivotScale, double tolerance, int k, Span<double> lower)
    {
        for (int j = 0; j < k; j++)
        {
            double d = a[j * k + j];
            double scale = pivotScale[j * k + j];
            for (int q = 0; q < j; q++) d -= lower[j * k + q] * lower[j * k + q];
            if (!(d > tolerance * scale) || !double.IsFinite(d)) return false;
            double ljj = Math.Sqrt(d);
            lower[j * k + j] = ljj;
            for (int i = j + 1; i < k; i++)
            {
                double s = a[i * k + j];
                for (int q = 0; q < j; q++) s -= lower[i * k + q] * lower[j * k + q];
                lower[i * k + j] = s / ljj;
            }
        }
        return true;
    }

    /// <summary>Solves LL′x = b in place (forward then back substitution) with L from <see cref="TryFactor"/>.</summary>
    public static void SolveInPlace(ReadOnlySpan<double> lower, int k, Span<double> b)
    {
        for (int i = 0; i < k; i++)
        {
            double s = b[i];
            for (int q = 0; q < i; q++) s -= lower[i * k + q] * b[q];
            b[i] = s / lower[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int q = i + 1; q < k; q++) s -= lower[q * k + i] * b[q];
            b[i] = s / lower[i * k + i];
        }
    }

    /// <summary>
    /// A⁻¹ = L⁻ᵀL⁻¹ into <paramref name="inverse"/> (full k×k), forming L⁻¹ column by column; only the lower
    /// triangle of <paramref name="lower"/> is read.
    /// </summary>
    public static void Invert(ReadOnlySpan<double> lower, int k, Span<double> inverse)
    {
        Span<double> linv = stackalloc double[k * k];
        linv.Clear();
        for (int j = 0; j < k; j++)
        {
            linv[j * k + j] = 1 / lower[j * k + j];
            for (int i = j + 1; i < k; i++)
            {
                double v = 0;
                for (int p = j; p < i; p++) v -= lower[i * k + p] * linv[p * k + j];
                linv[i * k + j] = v / lower[i * k + i];
            }
        }
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                double v = 0;
                for (int p = Math.Max(i, j); p < k; p++) v += linv[p * k + i] * linv[p * k + j];
                inverse[i * k + j] = v;
            }
    }
}
