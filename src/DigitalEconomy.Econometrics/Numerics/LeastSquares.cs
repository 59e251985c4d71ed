namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>Which factorisation produced a <see cref="LeastSquaresSolution"/>.</summary>
internal enum LeastSquaresMethod
{
    /// <summary>Cholesky of the column-equilibrated normal equations (fast; used when well conditioned).</summary>
    Cholesky,
    /// <summary>Householder QR of the equilibrated design (used when the normal equations are ill-conditioned).</summary>
    HouseholderQR,
}

/// <summary>
/// The least-squares solution of y = Xβ + e with rank detection: β (0 for dropped columns), which columns were
/// kept, and B = (X'X)⁻¹ over the kept columns (rows/columns of dropped ones are 0).
/// </summary>
internal sealed class LeastSquaresSolution
{
    internal LeastSquaresSolution(double[] coefficients, bool[] kept, double[,] inverse, LeastSquaresMethod method, double condition)
    {
        Coefficients = coefficients;
        Kept = kept;
        Inverse = inverse;
        Method = method;
        ConditionEstimate = condition;
        Rank = kept.Count(k => k);
    }

    /// <summary>β̂; dropped (collinear) columns hold 0.</summary>
    public IReadOnlyList<double> Coefficients { get; }

    /// <summary>False marks a column dropped as collinear with earlier kept columns.</summary>
    public IReadOnlyList<bool> Kept { get; }

    /// <summary>(X'X)⁻¹ over the kept columns, zero rows/columns for dropped ones. Do not modify.</summary>
    public double[,] Inverse { get; }

    /// <summary>Numerical rank (number of kept columns).</summary>
    public int Rank { get; }

    /// <summary>Factorisation used.</summary>
    public LeastSquaresMethod Method { get; }

    /// <summary>Estimate of the 2-norm condition number of the column-equilibrated X (a lower bound).</summary>
    public double ConditionEstimate { get; }
}

/// <summary>
/// Least squares with rank detection. Columns are equilibrated to unit length, then the normal equations
/// are factorised by Cholesky in column order; column j is dropped as collinear when 1 − R²_j of it on the
/// earlier kept columns is below <see cref="CollinearityTolerance"/> (fixest's <c>collin.tol</c> rule; like
/// Stata, the later variable of a collinear set is the one dropped). When the pivots show the equilibrated
/// X has condition number above <see cref="QrConditionThreshold"/>, forming X'X would square it and lose
/// too many digits, so the problem is re-solved by Householder QR on X itself (error ∝ κ instead of κ²).
/// </summary>
/// <remarks>Golub and Van Loan (2013), Matrix Computations, §5.3 (normal equations vs. QR) and §5.4.</remarks>
internal static class LeastSquares
{
    /// <summary>Columns with 1 − R²_j below this (on earlier kept columns) are dropped as collinear.</summary>
    public const double CollinearityTolerance = 1e-10;

    /// <summary>Condition estimate of the equilibrated X above which QR replaces Cholesky.</summary>
    public const double QrConditionThreshold = 100;

    /// <summary>
    /// Solves min ‖y − Xβ‖ with rank detection; neither input is modified. Columns beyond 2^±256 in magnitude are
    /// first scaled by a power of two (<see cref="ColumnScaling"/>), so X'X neither overflows nor underflows; β and
    /// (X'X)⁻¹ are returned in the original units (entries of the inverse beyond the double range saturate).
    /// </summary>
    public static LeastSquaresSolution Solve(ColumnMajorMatrix x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var scales = ColumnScaling.PowerOfTwoScales(x);
        if (!ColumnScaling.IsIdentity(scales))
        {
            var scaled = x.Clone();
            ColumnScaling.Apply(scaled, scales);
            var s = Solve(scaled, y);
            var b = s.Coefficients.Select((v, j) => v * scales[j]).ToArray();
            return new LeastSquaresSolution(b, s.Kept.ToArray(), ColumnScaling.UnscaleCovariance(s.Inverse, scales), s.Method, s.ConditionEstimate);
        }
        var gram = CrossProducts.Gram(x);
        var xty = CrossProducts.XtYParallel(x, y);
        return Solve(x, y, gram, xty);
    }

    /// <summary>Solves from precomputed X'X and X'y (the design is needed only if QR is required).</summary>
    public static LeastSquaresSolution Solve(ColumnMajorMatrix x, double[] y, double[,] gram, double[] xty)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gram);
        ArgumentNullException.ThrowIfNull(xty);
        int k = x.Columns;
        var scale = new double[k];
        var scaled = new double[k, k];
        for (int j = 0; j < k; j++) scale[j] = gram[j, j] > 0 ? 1 / Math.Sqrt(gram[j, j]) : 0;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) scaled[i, j] = gram[i, j] * scale[i] * scale[j];
        var chol = new CholeskySolver(scaled, CollinearityTolerance);
        var kept = new bool[k];
        for (int j = 0; j < k; j++) kept[j] = chol.Kept[j] && scale[j] > 0;
        var inv = chol.Inverse();
        double condition = ConditionLowerBound(inv, kept);
        if (condition > QrConditionThreshold)
            return SolveByQr(x, y, scale);

        var rhs = new double[k];
        for (int j = 0; j < k; j++) rhs[j] = kept[j] ? xty[j] * scale[j] : 0;
        var b = chol.Solve(rhs);
        for (int i = 0; i < k; i++)
        {
            b[i] = kept[i] ? b[i] * scale[i] : 0;
            for (int j = 0; j < k; j++) inv[i, j] = kept[i] && kept[j] ? inv[i, j] * scale[i] * scale[j] : 0;
        }
        return new LeastSquaresSolution(b, kept, inv, LeastSquaresMethod.Cholesky, condition);
    }

    /// <summary>
    /// A lower bound on κ₂ of the equilibrated X from the inverse of its unit-diagonal Gram matrix G:
    /// λ_max(G) ≥ 1 and (G⁻¹)_jj ≤ 1/λ_min(G), so κ₂(X)² = κ(G) ≥ max_j (G⁻¹)_jj (the largest variance
    /// inflation factor, uncentred).
    /// </summary>
    private static double ConditionLowerBound(double[,] inverse, bool[] kept)
    {
        double max = 0;
        for (int j = 0; j < kept.Length; j++)
            if (kept[j]) max = Math.Max(max, inverse[j, j]);
        return max <= 1 ? 1 : Math.Sqrt(max);
    }

    /// <summary>
    /// Householder QR in column order on the equilibrated design; column j is dropped when its residual norm
    /// on the earlier kept columns, r_jj, is below √tolerance (the same 1 − R² rule as the Cholesky path).
    /// </summary>
    private static LeastSquaresSolution SolveByQr(ColumnMajorMatrix x, double[] y, double[] scale)
    {
        int n = x.Rows, k = x.Columns;
        var a = new ColumnMajorMatrix(n, k);
        for (int j = 0; j < k; j++)
        {
            var src = x.Column(j);
            var dst = a.Column(j);
            for (int r = 0; r < n; r++) dst[r] = src[r] * scale[j];
        }
        var qty = (double[])y.Clone();
        var kept = new bool[k];
        var keptIndex = new List<int>();
        var rDiag = new List<double>();
        var reflectors = new List<double[]>();
        double threshold = Math.Sqrt(CollinearityTolerance);
        for (int j = 0; j < k; j++)
        {
            var col = a.Column(j);
            int step = keptIndex.Count;
            if (scale[j] == 0) continue;
            // Apply previous reflectors to column j.
            for (int p = 0; p < step; p++) ApplyReflector(reflectors[p], p, col);
            double norm = Math.Sqrt(VectorKernels.Dot(col[step..], col[step..]));
            if (norm < threshold) continue; // collinear with the kept columns
            var v = col[step..].ToArray();
            double alpha = v[0] >= 0 ? -norm : norm;
            v[0] -= alpha;
            double vnorm = Math.Sqrt(VectorKernels.Dot(v, v));
            for (int r = 0; r < v.Length; r++) v[r] /= vnorm;
            reflectors.Add(v);
            ApplyReflector(v, step, col);
            ApplyReflector(v, step, qty);
            kept[j] = true;
            keptIndex.Add(j);
            rDiag.Add(alpha);
        }
        int m = keptIndex.Count;
        // R (m×m upper triangle) sits in the first m rows of the kept columns.
        var rmat = new double[m, m];
        for (int c = 0; c < m; c++)
        {
            var col = a.Column(keptIndex[c]);
            for (int r = 0; r < c; r++) rmat[r, c] = col[r];
            rmat[c, c] = rDiag[c];
        }
        var beta = new double[m];
        for (int i = m - 1; i >= 0; i--)
        {
            double s = qty[i];
            for (int c = i + 1; c < m; c++) s -= rmat[i, c] * beta[c];
            beta[i] = s / rmat[i, i];
        }
        // R⁻¹ by back substitution, then (X'X)⁻¹ = R⁻¹R⁻ᵀ.
        var rinv = new double[m, m];
        for (int c = 0; c < m; c++)
        {
            rinv[c, c] = 1 / rmat[c, c];
            for (int i = c - 1; i >= 0; i--)
            {
                double s = 0;
                for (int p = i + 1; p <= c; p++) s += rmat[i, p] * rinv[p, c];
                rinv[i, c] = -s / rmat[i, i];
            }
        }
        var inverse = new double[k, k];
        var coefficients = new double[k];
        double maxR = 0, minR = double.PositiveInfinity;
        for (int i = 0; i < m; i++)
        {
            coefficients[keptIndex[i]] = beta[i] * scale[keptIndex[i]];
            maxR = Math.Max(maxR, Math.Abs(rmat[i, i]));
            minR = Math.Min(minR, Math.Abs(rmat[i, i]));
            for (int j = 0; j < m; j++)
            {
                double s = 0;
                for (int p = Math.Max(i, j); p < m; p++) s += rinv[i, p] * rinv[j, p];
                inverse[keptIndex[i], keptIndex[j]] = s * scale[keptIndex[i]] * scale[keptIndex[j]];
            }
        }
        return new LeastSquaresSolution(coefficients, kept, inverse, LeastSquaresMethod.HouseholderQR, m == 0 ? 1 : maxR / minR);
    }

    /// <summary>w ← (I − 2vv') w on rows offset.. (v has unit norm).</summary>
    private static void ApplyReflector(double[] v, int offset, Span<double> w)
    {
        var tail = w[offset..];
        double d = 2 * VectorKernels.Dot(v, tail);
        VectorKernels.Axpy(-d, v, tail);
    }
}
