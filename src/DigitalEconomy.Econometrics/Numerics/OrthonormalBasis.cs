namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// Thin QR factorisation W = Q R of a tall design by modified Gram–Schmidt with one re-orthogonalisation
/// pass ("twice is enough", Giraud, Langou &amp; Rozložník 2005), so Q is orthonormal to machine precision
/// even for badly scaled columns such as q, q², q³. Residuals e = y − QQ'y then carry an error of order
/// ε·cond(W) rather than the ε·cond(W)² of the normal equations — what makes threshold SSEs and
/// coefficients agree with R's <c>lm()</c> (Householder QR) to ~1e-10.
/// </summary>
internal sealed class OrthonormalBasis
{
    /// <summary>Relative norm below which a column counts as a linear combination of the previous ones.</summary>
    public const double CollinearityTolerance = 1e-10;

    private readonly double[][] _q;
    private readonly double[,] _r;

    private OrthonormalBasis(double[][] q, double[,] r, int rows)
    {
        _q = q;
        _r = r;
        Rows = rows;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns (rank of the design).</summary>
    public int Columns => _q.Length;

    /// <summary>Orthonormal column j of Q.</summary>
    public ReadOnlySpan<double> Q(int j) => _q[j];

    /// <summary>The upper-triangular R (Columns × Columns).</summary>
    public double[,] R => _r;

    /// <summary>An empty basis over <paramref name="rows"/> rows.</summary>
    public static OrthonormalBasis Empty(int rows) => new([], new double[0, 0], rows);

    /// <summary>
    /// Appends columns to the basis (the existing Q columns are shared, not copied). Returns null and sets
    /// <paramref name="collinearColumn"/> when a new column is (numerically) in the span of the previous ones.
    /// </summary>
    public OrthonormalBasis? Extend(IReadOnlyList<double[]> columns, out int collinearColumn)
    {
        collinearColumn = -1;
        int k0 = Columns, k = k0 + columns.Count;
        var q = new double[k][];
        Array.Copy(_q, q, k0);
        var r = new double[k, k];
        for (int i = 0; i < k0; i++)
            for (int j = i; j < k0; j++) r[i, j] = _r[i, j];
        for (int j = k0; j < k; j++)
        {
            var source = columns[j - k0];
            if (source.Length != Rows) throw new ArgumentException("Column length differs from the basis rows.", nameof(columns));
            var v = (double[])source.Clone();
            double original = Math.Sqrt(VectorKernels.Dot(v, v));
            for (int pass = 0; pass < 2; pass++)
            {
                for (int i = 0; i < j; i++)
                {
                    double c = VectorKernels.Dot(q[i], v);
                    r[i, j] += c;
                    VectorKernels.Axpy(-c, q[i], v);
                }
            }
            double norm = Math.Sqrt(VectorKernels.Dot(v, v));
            if (!(norm > CollinearityTolerance * original) || !double.IsFinite(norm))
            {
                collinearColumn = j - k0;
                return null;
            }
            r[j, j] = norm;
            for (int s = 0; s < v.Length; s++) v[s] /= norm;
            q[j] = v;
        }
        return new OrthonormalBasis(q, r, Rows);
    }

    /// <summary>e ← y − Q Q'y (the least-squares residual of y on the design), applied column by column.</summary>
    public void Residualize(ReadOnlySpan<double> y, Span<double> e)
    {
        y.CopyTo(e);
        for (int j = 0; j < _q.Length; j++)
        {
            double c = VectorKernels.Dot(_q[j], e);
            VectorKernels.Axpy(-c, _q[j], e);
        }
    }

    /// <summary>Least-squares coefficients b = R⁻¹ Q'y.</summary>
    public double[] Solve(ReadOnlySpan<double> y)
    {
        int k = Columns;
        var qty = new double[k];
        for (int j = 0; j < k; j++) qty[j] = VectorKernels.Dot(_q[j], y);
        return BackSubstitute(qty);
    }

    /// <summary>Solves R b = c for b.</summary>
    public double[] BackSubstitute(ReadOnlySpan<double> c)
    {
        int k = Columns;
        var b = new double[k];
        for (int i = k - 1; i >= 0; i--)
        {
            double s = c[i];
            for (int j = i + 1; j < k; j++) s -= _r[i, j] * b[j];
            b[i] = s / _r[i, i];
        }
        return b;
    }

    /// <summary>R⁻¹ (upper triangular), so that (W'W)⁻¹ = R⁻¹R⁻ᵀ.</summary>
    public double[,] InverseR()
    {
        int k = Columns;
        var inv = new double[k, k];
        var e = new double[k];
        for (int j = 0; j < k; j++)
        {
            Array.Clear(e);
            e[j] = 1;
            var col = BackSubstitute(e);
            for (int i = 0; i < k; i++) inv[i, j] = col[i];
        }
        return inv;
    }
}
