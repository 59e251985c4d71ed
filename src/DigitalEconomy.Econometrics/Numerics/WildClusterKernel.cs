namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// The algebra of the fast wild cluster bootstrap (Roodman, MacKinnon, Nielsen and Webb 2019, "Fast and wild"), for
/// linear restrictions R β = r in y = Xβ + u with cluster-robust variances. After one pass over the N rows, every
/// quantity a replication needs is a small per-cell array, so the cost of a replication does not depend on N.
/// </summary>
/// <remarks>
/// <para>Notation: A = (X'X)⁻¹, P = R A (q × k); cells are the intersections of the bootstrap clusters with every
/// variance clustering. With the residuals ü of the bootstrap data-generating process (restricted ũ(r) for WCR,
/// unrestricted û for WCU) and cluster weights v, the bootstrap estimate moves by A·w with w = Σ_g S_g v_g,
/// S_g = X_g'ü_g; the numerator is P w (WCR) and the score of cell c in the bootstrap variance is
/// a_c v_b(c) − C_c w with a_c = P X_c'ü_c and C_c = P X_c'X_c A. The restricted residuals are linear in r,
/// ũ(r) = û + X A R'(R A R')⁻¹ (Rβ̂ − r), so a_c and S_g are too, which makes test inversion cheap.</para>
/// <para>The variance of a q-vector of scores is Σ_m sign_m · Σ_{h ∈ clustering m} s_h s_h' times one scale factor, the
/// same for the original and the bootstrap statistics (one-way: one clustering; two-way: V₁ + V₂ − V₁₂).</para>
/// </remarks>
internal sealed class WildClusterKernel
{
    private readonly int _k, _q, _g, _cells;
    private readonly double[] _a;            // q × k, row-major: P = R A
    private readonly double[] _aRinv;        // k × q: A R' (R A R')⁻¹, row-major
    // Per bootstrap cluster g: S0_g = X_g'û_g (k), H_g = X_g'X_g A R'(RAR')⁻¹ (k × q)
    private readonly double[] _s0, _h;
    // Per cell c: a0_c = P X_c'û_c (q), ah_c = P X_c'X_c A R'(RAR')⁻¹ (q × q), C_c = P X_c'X_c A (q × k)
    private readonly double[] _cellA0, _cellAh, _cellC;
    private readonly int[] _cellCluster;     // bootstrap cluster of each cell
    private readonly int[][] _cellGroup;     // per variance clustering m: cluster index of each cell
    private readonly int[] _groupCount;
    private readonly double[] _groupSign;
    private readonly double _scale;

    /// <summary>Unrestricted estimate R β̂ (q).</summary>
    public double[] Estimate { get; }

    /// <summary>Number of bootstrap clusters G.</summary>
    public int Clusters => _g;

    /// <summary>Number of restrictions q.</summary>
    public int Restrictions => _q;

    /// <param name="x">Regressors (n × k), already purged of the absorbed effects nested in the bootstrap clusters.</param>
    /// <param name="y">Outcome, purged the same way.</param>
    /// <param name="r">Restriction matrix R (q × k, row-major).</param>
    /// <param name="bootstrapCluster">Bootstrap cluster code of each row, 0..G−1.</param>
    /// <param name="bootstrapClusters">G, the number of bootstrap clusters.</param>
    /// <param name="clusterings">Variance clusterings: codes per row, level count, and sign (+1, or −1 for the intersection term of two-way clustering).</param>
    /// <param name="scale">Small-sample factor multiplying every variance (the same for t and t*).</param>
    public WildClusterKernel(ColumnMajorMatrix x, ReadOnlySpan<double> y, double[] r, int[] bootstrapCluster, int bootstrapClusters,
        IReadOnlyList<(int[] Codes, int Levels, double Sign)> clusterings, double scale)
    {
        int n = x.Rows;
        _k = x.Columns;
        _q = r.Length / _k;
        _g = bootstrapClusters;
        _scale = scale;

        // A = (X'X)⁻¹ and β̂.
        var xtx = new double[_k * _k];
        var xty = new double[_k];
        for (int a = 0; a < _k; a++)
        {
            var ca = x.Column(a);
            xty[a] = VectorKernels.Dot(ca, y);
            for (int b = 0; b <= a; b++) xtx[a * _k + b] = xtx[b * _k + a] = VectorKernels.Dot(ca, x.Column(b));
        }
        var inverse = DenseInverse(xtx, _k);
        var beta = Multiply(inverse, xty, _k, _k);
        var residual = new double[n];
        y.CopyTo(residual);
        for (int j = 0; j < _k; j++) VectorKernels.Axpy(-beta[j], x.Column(j), residual);

        _a = MatMul(r, inverse, _q, _k, _k);                           // P = R A
        var rar = MatMulTransposed(_a, r, _q, _k, _q);                 // R A R'
        var rarInverse = DenseInverse(rar, _q);
        var aRt = MatMulTransposedLeft(inverse, r, _k, _k, _q);        // A R' (k × q)
        _aRinv = MatMul(aRt, rarInverse, _k, _q, _q);
        Estimate = Multiply(r, beta, _q, _k);

        // Cells: intersections of the bootstrap cluster with every variance clustering.
        var cellOf = new int[n];
        var cellIndex = new Dictionary<(int, long), int>();
        var keys = new List<(int Boot, int[] Groups)>();
        for (int i = 0; i < n; i++)
        {
            long key = 0;
            foreach (var c in clusterings) key = key * (c.Levels + 1L) + c.Codes[i];
            if (!cellIndex.TryGetValue((bootstrapCluster[i], key), out int cell))
            {
                cell = keys.Count;
                cellIndex[(bootstrapCluster[i], key)] = cell;
                keys.Add((bootstrapCluster[i], clusterings.Select(c => c.Codes[i]).ToArray()));
            }
            cellOf[i] = cell;
        }
        _cells = keys.Count;
        _cellCluster = keys.Select(k => k.Boot).ToArray();
        _cellGroup = clusterings.Select((_, m) => keys.Select(k => k.Groups[m]).ToArray()).ToArray();
        _groupCount = clusterings.Select(c => c.Levels).ToArray();
        _groupSign = clusterings.Select(c => c.Sign).ToArray();

        // Row projections z_i = P x_i and m_i = (A R'(RAR')⁻¹)' x_i (q each), built column by column (contiguous).
        var z = new double[_q][];
        var mrow = new double[_q][];
        for (int j = 0; j < _q; j++)
        {
            z[j] = new double[n];
            mrow[j] = new double[n];
            for (int a = 0; a < _k; a++)
            {
                VectorKernels.Axpy(_a[j * _k + a], x.Column(a), z[j]);
                VectorKernels.Axpy(_aRinv[a * _q + j], x.Column(a), mrow[j]);
            }
        }
        // Per-cell sums in k·q passes over the rows, never a k × k product per row: the cost is O(N·k·q).
        _s0 = new double[_g * _k];
        _h = new double[_g * _k * _q];
        _cellA0 = new double[_cells * _q];
        _cellAh = new double[_cells * _q * _q];
        var zx = new double[_cells * _q * _k];       // Σ_{i∈c} z_i x_i'
        for (int a = 0; a < _k; a++)
        {
            var col = x.Column(a);
            for (int i = 0; i < n; i++)
            {
                double xa = col[i];
                int c = cellOf[i], g = bootstrapCluster[i];
                _s0[g * _k + a] += xa * residual[i];
                for (int j = 0; j < _q; j++)
                {
                    _h[(g * _k + a) * _q + j] += xa * mrow[j][i];
                    zx[(c * _q + j) * _k + a] += z[j][i] * xa;
                }
            }
        }
        for (int i = 0; i < n; i++)
        {
            int c = cellOf[i];
            for (int j = 0; j < _q; j++)
            {
                double zj = z[j][i];
                _cellA0[c * _q + j] += zj * residual[i];
                for (int l = 0; l < _q; l++) _cellAh[(c * _q + j) * _q + l] += zj * mrow[l][i];
            }
        }
        _cellC = new double[_cells * _q * _k];
        for (int c = 0; c < _cells; c++)
            MatMul(zx.AsSpan(c * _q * _k, _q * _k).ToArray(), inverse, _q, _k, _k).CopyTo(_cellC, c * _q * _k);
    }

    /// <summary>The original Wald statistic for R β = r (q = 1: the signed t statistic; q &gt; 1: W/q, an F form).</summary>
    public double OriginalStatistic(ReadOnlySpan<double> nullValue)
    {
        var d = new double[_q];
        for (int j = 0; j < _q; j++) d[j] = Estimate[j] - nullValue[j];
        var scores = new double[_cells * _q];
        for (int c = 0; c < _cells; c++)
            for (int j = 0; j < _q; j++) scores[c * _q + j] = _cellA0[c * _q + j];
        return Statistic(d, Variance(scores, new double[_q * _q]));
    }

    private double[]? _linearWeights;
    private double[] _n0 = [], _n1 = [], _va = [], _vb = [], _vc = [];

    /// <summary>
    /// For one restriction, every bootstrap statistic is a ratio of a linear and the square root of a quadratic function
    /// of d = Rβ̂ − r: t*_b(d) = (n0_b + n1_b d) / √(scale·(A_b + 2 B_b d + C_b d²)). The five coefficients per replication are
    /// computed once per weight matrix, after which every null value costs O(B) — what makes test inversion cheap.
    /// </summary>
    private void PrepareLinear(double[] weights, ParallelOptions parallel)
    {
        if (ReferenceEquals(_linearWeights, weights)) return;
        int reps = weights.Length / _g;
        _n0 = new double[reps]; _n1 = new double[reps]; _va = new double[reps]; _vb = new double[reps]; _vc = new double[reps];
        int chunk = Math.Max(64, reps / (4 * Environment.ProcessorCount) + 1);
        Parallel.For(0, (reps + chunk - 1) / chunk, parallel, block =>
        {
            var w0 = new double[_k];
            var wh = new double[_k];
            var alpha = new double[_cells];
            var beta = new double[_cells];
            var sums = _groupCount.Select(c => (A: new double[c], B: new double[c])).ToArray();
            int end = Math.Min(reps, (block + 1) * chunk);
            for (int b = block * chunk; b < end; b++)
            {
                var v = weights.AsSpan(b * _g, _g);
                Array.Clear(w0);
                Array.Clear(wh);
                for (int g = 0; g < _g; g++)
                {
                    double vg = v[g];
                    if (vg == 0) continue;
                    for (int a = 0; a < _k; a++)
                    {
                        w0[a] += _s0[g * _k + a] * vg;
                        wh[a] += _h[g * _k + a] * vg;
                    }
                }
                double n0 = 0, n1 = 0;
                for (int a = 0; a < _k; a++)
                {
                    n0 += _a[a] * w0[a];
                    n1 += _a[a] * wh[a];
                }
                for (int c = 0; c < _cells; c++)
                {
                    double vc = v[_cellCluster[c]];
                    var cc = _cellC.AsSpan(c * _k, _k);
                    double cw0 = 0, cwh = 0;
                    for (int a = 0; a < _k; a++)
                    {
                        cw0 += cc[a] * w0[a];
                        cwh += cc[a] * wh[a];
                    }
                    alpha[c] = _cellA0[c] * vc - cw0;
                    beta[c] = _cellAh[c] * vc - cwh;
                }
                double qa = 0, qb = 0, qc = 0;
                for (int m = 0; m < _cellGroup.Length; m++)
                {
                    var (sa, sb) = sums[m];
                    Array.Clear(sa);
                    Array.Clear(sb);
                    var group = _cellGroup[m];
                    for (int c = 0; c < _cells; c++)
                    {
                        sa[group[c]] += alpha[c];
                        sb[group[c]] += beta[c];
                    }
                    double sign = _groupSign[m];
                    for (int h = 0; h < sa.Length; h++)
                    {
                        qa += sign * sa[h] * sa[h];
                        qb += sign * sa[h] * sb[h];
                        qc += sign * sb[h] * sb[h];
                    }
                }
                _n0[b] = n0; _n1[b] = n1; _va[b] = qa; _vb[b] = qb; _vc[b] = qc;
            }
        });
        _linearWeights = weights;
    }

    /// <summary>
    /// Bootstrap statistics for one null value, one per row of <paramref name="weights"/> (B × G, row-major).
    /// <paramref name="restricted"/> true imposes the null (WCR); false bootstraps from the unrestricted fit (WCU),
    /// centring the bootstrap statistic at R β̂.
    /// </summary>
    public void BootstrapStatistics(ReadOnlySpan<double> nullValue, bool restricted, double[] weights, double[] statistics, ParallelOptions parallel)
    {
        int reps = statistics.Length;
        var d = new double[_q];
        if (restricted)
            for (int j = 0; j < _q; j++) d[j] = Estimate[j] - nullValue[j];
        if (_q == 1)
        {
            PrepareLinear(weights, parallel);
            double dd = d[0];
            for (int b = 0; b < reps; b++)
                statistics[b] = (_n0[b] + _n1[b] * dd) / Math.Sqrt(_scale * (_va[b] + 2 * _vb[b] * dd + _vc[b] * dd * dd));
            return;
        }
        // Residual-dependent pieces at this null: S_g = S0_g + H_g d, a_c = a0_c + ah_c d.
        var s = new double[_g * _k];
        for (int g = 0; g < _g; g++)
            for (int a = 0; a < _k; a++)
            {
                double v = _s0[g * _k + a];
                for (int j = 0; j < _q; j++) v += _h[(g * _k + a) * _q + j] * d[j];
                s[g * _k + a] = v;
            }
        var ac = new double[_cells * _q];
        for (int c = 0; c < _cells; c++)
            for (int i = 0; i < _q; i++)
            {
                double v = _cellA0[c * _q + i];
                for (int j = 0; j < _q; j++) v += _cellAh[(c * _q + i) * _q + j] * d[j];
                ac[c * _q + i] = v;
            }
        // Replications are independent: each writes its own slot, so any partition over threads gives the same numbers.
        int chunk = Math.Max(64, reps / (4 * Environment.ProcessorCount) + 1);
        Parallel.For(0, (reps + chunk - 1) / chunk, parallel, block =>
        {
            var w = new double[_k];
            var num = new double[_q];
            var scores = new double[_cells * _q];
            var variance = new double[_q * _q];
            int end = Math.Min(reps, (block + 1) * chunk);
            for (int b = block * chunk; b < end; b++)
            {
                var v = weights.AsSpan(b * _g, _g);
                Array.Clear(w);
                for (int g = 0; g < _g; g++)
                {
                    double vg = v[g];
                    if (vg == 0) continue;
                    var sg = s.AsSpan(g * _k, _k);
                    for (int a = 0; a < _k; a++) w[a] += sg[a] * vg;
                }
                for (int i = 0; i < _q; i++)
                {
                    double t = 0;
                    for (int a = 0; a < _k; a++) t += _a[i * _k + a] * w[a];
                    num[i] = t;
                }
                for (int c = 0; c < _cells; c++)
                {
                    double vc = v[_cellCluster[c]];
                    for (int i = 0; i < _q; i++)
                    {
                        double t = ac[c * _q + i] * vc;
                        var cc = _cellC.AsSpan((c * _q + i) * _k, _k);
                        for (int a = 0; a < _k; a++) t -= cc[a] * w[a];
                        scores[c * _q + i] = t;
                    }
                }
                statistics[b] = Statistic(num, Variance(scores, variance));
            }
        });
    }

    private double[] Variance(double[] cellScores, double[] variance)
    {
        Array.Clear(variance);
        for (int m = 0; m < _cellGroup.Length; m++)
        {
            var sums = new double[_groupCount[m] * _q];
            var group = _cellGroup[m];
            for (int c = 0; c < _cells; c++)
                for (int i = 0; i < _q; i++) sums[group[c] * _q + i] += cellScores[c * _q + i];
            double sign = _groupSign[m] * _scale;
            for (int h = 0; h < _groupCount[m]; h++)
                for (int i = 0; i < _q; i++)
                    for (int j = 0; j < _q; j++) variance[i * _q + j] += sign * sums[h * _q + i] * sums[h * _q + j];
        }
        return variance;
    }

    private double Statistic(double[] difference, double[] variance)
    {
        if (_q == 1) return difference[0] / Math.Sqrt(variance[0]);
        var inverse = DenseInverse((double[])variance.Clone(), _q);
        double w = 0;
        for (int i = 0; i < _q; i++)
            for (int j = 0; j < _q; j++) w += difference[i] * inverse[i * _q + j] * difference[j];
        return w / _q;
    }

    private static double[] Multiply(double[] m, double[] v, int rows, int cols)
    {
        var r = new double[rows];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) r[i] += m[i * cols + j] * v[j];
        return r;
    }

    private static double[] MatMul(double[] a, double[] b, int n, int m, int p)
    {
        var c = new double[n * p];
        for (int i = 0; i < n; i++)
            for (int l = 0; l < m; l++)
            {
                double ail = a[i * m + l];
                if (ail == 0) continue;
                for (int j = 0; j < p; j++) c[i * p + j] += ail * b[l * p + j];
            }
        return c;
    }

    /// <summary>a (n × m) times b' where b is p × m.</summary>
    private static double[] MatMulTransposed(double[] a, double[] b, int n, int m, int p)
    {
        var c = new double[n * p];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++)
            {
                double t = 0;
                for (int l = 0; l < m; l++) t += a[i * m + l] * b[j * m + l];
                c[i * p + j] = t;
            }
        return c;
    }

    /// <summary>a (n × m) times b' where b is p × m (a square symmetric A times R').</summary>
    private static double[] MatMulTransposedLeft(double[] a, double[] b, int n, int m, int p) => MatMulTransposed(a, b, n, m, p);

    /// <summary>Inverse of a small symmetric positive-definite matrix by Gauss–Jordan with partial pivoting.</summary>
    private static double[] DenseInverse(double[] matrix, int n)
    {
        var m = new double[n * 2 * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) m[i * 2 * n + j] = matrix[i * n + j];
            m[i * 2 * n + n + i] = 1;
        }
        for (int c = 0; c < n; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < n; r++)
                if (Math.Abs(m[r * 2 * n + c]) > Math.Abs(m[pivot * 2 * n + c])) pivot = r;
            if (m[pivot * 2 * n + c] == 0) throw new SpecificationException("The wild bootstrap's design matrix is singular; drop collinear regressors first.");
            if (pivot != c)
                for (int j = 0; j < 2 * n; j++) (m[c * 2 * n + j], m[pivot * 2 * n + j]) = (m[pivot * 2 * n + j], m[c * 2 * n + j]);
            double p = m[c * 2 * n + c];
            for (int j = 0; j < 2 * n; j++) m[c * 2 * n + j] /= p;
            for (int r = 0; r < n; r++)
            {
                if (r == c) continue;
                double f = m[r * 2 * n + c];
                if (f == 0) continue;
                for (int j = 0; j < 2 * n; j++) m[r * 2 * n + j] -= f * m[c * 2 * n + j];
            }
        }
        var inv = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) inv[i * n + j] = m[i * 2 * n + n + j];
        return inv;
    }
}
