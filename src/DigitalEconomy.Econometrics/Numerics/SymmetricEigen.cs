namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// Eigen-decomposition A = V Λ V′ of a small dense symmetric matrix (row-major k×k, k ≲ 50) by the cyclic Jacobi
/// method (Golub and Van Loan 2013, <i>Matrix Computations</i>, §8.5): plane rotations annihilate each off-diagonal
/// entry in turn until the off-diagonal mass is negligible. Chosen over a tridiagonal QR for its accuracy on small
/// correlation matrices (eigenvalues to high relative accuracy) and its few lines; quadratic convergence means about
/// 6–10 sweeps.
/// </summary>
internal static class SymmetricEigen
{
    /// <summary>
    /// Eigenvalues in descending order and the matching unit eigenvectors as the columns of the row-major k×k
    /// <c>Vectors</c> (vector q is Vectors[i·k + q], i = 0..k−1). The input is not modified; only its upper triangle is read.
    /// </summary>
    /// <exception cref="ArgumentException">The span is not k×k or holds a non-finite entry.</exception>
    public static (double[] Values, double[] Vectors) Decompose(ReadOnlySpan<double> matrix, int k)
    {
        if (matrix.Length != k * k) throw new ArgumentException($"Expected a {k}×{k} matrix.", nameof(matrix));
        var a = new double[k * k];
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++)
            {
                double v = matrix[i * k + j];
                if (!double.IsFinite(v)) throw new ArgumentException("The matrix has a non-finite entry.", nameof(matrix));
                a[i * k + j] = a[j * k + i] = v;
            }
        var vec = new double[k * k];
        for (int i = 0; i < k; i++) vec[i * k + i] = 1;

        double scale = 0;
        for (int i = 0; i < k * k; i++) scale += a[i] * a[i];
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < k; p++)
                for (int q = p + 1; q < k; q++) off += a[p * k + q] * a[p * k + q];
            if (off <= 1e-32 * scale) break;
            for (int p = 0; p < k; p++)
                for (int q = p + 1; q < k; q++)
                {
                    double apq = a[p * k + q];
                    if (apq == 0) continue;
                    // Rotation angle from the stable formulas of Golub and Van Loan, Algorithm 8.5.1.
                    double tau = (a[q * k + q] - a[p * k + p]) / (2 * apq);
                    double t = Math.Sign(tau) / (Math.Abs(tau) + Math.Sqrt(1 + tau * tau));
                    if (tau == 0) t = 1;
                    double c = 1 / Math.Sqrt(1 + t * t), s = t * c;
                    for (int r = 0; r < k; r++)
                    {
                        double arp = a[r * k + p], arq = a[r * k + q];
                        a[r * k + p] = c * arp - s * arq;
                        a[r * k + q] = s * arp + c * arq;
                    }
                    for (int r = 0; r < k; r++)
                    {
                        double apr = a[p * k + r], aqr = a[q * k + r];
                        a[p * k + r] = c * apr - s * aqr;
                        a[q * k + r] = s * apr + c * aqr;
                    }
                    for (int r = 0; r < k; r++)
                    {
                        double vrp = vec[r * k + p], vrq = vec[r * k + q];
                        vec[r * k + p] = c * vrp - s * vrq;
                        vec[r * k + q] = s * vrp + c * vrq;
                    }
                }
        }

        var order = Enumerable.Range(0, k).OrderByDescending(i => a[i * k + i]).ToArray();
        var values = new double[k];
        var vectors = new double[k * k];
        for (int q = 0; q < k; q++)
        {
            values[q] = a[order[q] * k + order[q]];
            for (int i = 0; i < k; i++) vectors[i * k + q] = vec[i * k + order[q]];
        }
        return (values, vectors);
    }
    /// <summary>
    /// The quadratic form d′A⁻d with the Moore–Penrose generalised inverse of a symmetric k×k matrix A (row-major):
    /// A⁻ = Σ v_q v_q′ / λ_q over the eigenvalues λ_q above <c>tolerance</c> = max|λ|·k·1e−12 (the rank cut of
    /// Golub and Van Loan 2013, §5.5.8). Returns the eigenvalues in ascending order and the numerical rank, so a caller
    /// can report a matrix that is not positive definite.
    /// </summary>
    public static (double Value, int Rank, double[] AscendingValues, double Tolerance) PseudoInverseQuadratic(
        ReadOnlySpan<double> matrix, ReadOnlySpan<double> d, int k)
    {
        if (d.Length != k) throw new ArgumentException($"Expected a vector of length {k}.", nameof(d));
        var (values, vectors) = Decompose(matrix, k);
        double tol = 0;
        for (int q = 0; q < k; q++) tol = Math.Max(tol, Math.Abs(values[q]));
        tol *= k * 1e-12;
        double h = 0;
        int rank = 0;
        for (int q = 0; q < k; q++)
        {
            if (values[q] <= tol) continue;
            rank++;
            double proj = 0;
            for (int i = 0; i < k; i++) proj += vectors[i * k + q] * d[i];
            h += proj * proj / values[q];
        }
        Array.Reverse(values);
        return (h, rank, values, tol);
    }
}
