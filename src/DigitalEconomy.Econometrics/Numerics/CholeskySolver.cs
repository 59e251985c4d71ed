namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// Cholesky factorisation A = LL' of a symmetric positive semi-definite k×k matrix with rank detection:
/// a pivot below <c>tolerance · A_jj</c> marks column j as (numerically) a linear combination of the
/// earlier columns, and it is excluded — the same rule Stata's and fixest's collinearity checks apply to
/// the normal equations.
/// </summary>
internal sealed class CholeskySolver
{
    private readonly double[,] _l;
    private readonly bool[] _kept;

    /// <summary>Relative pivot tolerance used to flag collinear columns by default.</summary>
    public const double DefaultTolerance = 1e-10;

    /// <summary>Factorises <paramref name="a"/> (only the lower triangle is read).</summary>
    public CholeskySolver(double[,] a, double tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(a);
        int k = a.GetLength(0);
        if (a.GetLength(1) != k) throw new ArgumentException("Matrix must be square.", nameof(a));
        _l = new double[k, k];
        _kept = new bool[k];
        for (int j = 0; j < k; j++)
        {
            double d = a[j, j];
            for (int p = 0; p < j; p++) d -= _l[j, p] * _l[j, p];
            if (!(d > tolerance * Math.Max(a[j, j], double.Epsilon)) || !double.IsFinite(d))
            {
                _kept[j] = false; // column j is (numerically) spanned by the kept earlier columns
                continue;
            }
            _kept[j] = true;
            double ljj = Math.Sqrt(d);
            _l[j, j] = ljj;
            for (int i = j + 1; i < k; i++)
            {
                double s = a[i, j];
                for (int p = 0; p < j; p++) s -= _l[i, p] * _l[j, p];
                _l[i, j] = s / ljj;
            }
        }
        Rank = _kept.Count(x => x);
    }

    /// <summary>Number of columns kept (numerical rank).</summary>
    public int Rank { get; }

    /// <summary>Dimension k.</summary>
    public int Size => _kept.Length;

    /// <summary>Which columns were kept; false marks a collinear column.</summary>
    public IReadOnlyList<bool> Kept => _kept;

    /// <summary>Solves A x = b over the kept columns; dropped columns get 0.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        int k = Size;
        if (b.Length != k) throw new ArgumentException("Right-hand side has the wrong length.", nameof(b));
        var z = new double[k];
        for (int i = 0; i < k; i++)
        {
            if (!_kept[i]) continue;
            double s = b[i];
            for (int p = 0; p < i; p++) if (_kept[p]) s -= _l[i, p] * z[p];
            z[i] = s / _l[i, i];
        }
        var x = new double[k];
        for (int i = k - 1; i >= 0; i--)
        {
            if (!_kept[i]) continue;
            double s = z[i];
            for (int p = i + 1; p < k; p++) if (_kept[p]) s -= _l[p, i] * x[p];
            x[i] = s / _l[i, i];
        }
        return x;
    }

    /// <summary>A⁻¹ restricted to the kept columns (rows/columns of dropped columns are 0).</summary>
    public double[,] Inverse()
    {
        int k = Size;
        var inv = new double[k, k];
        var e = new double[k];
        for (int j = 0; j < k; j++)
        {
            if (!_kept[j]) continue;
            Array.Clear(e);
            e[j] = 1;
            var col = Solve(e);
            for (int i = 0; i < k; i++) inv[i, j] = col[i];
        }
        return inv;
    }
}
