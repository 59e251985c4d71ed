using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Iv;

/// <summary>
/// The estimation sample of an IV model after the fixed effects are absorbed, held as the columns
/// v = [y, X₁, X₂, Z₁] and their cross-product matrix G = V'V. Every estimator and statistic of the model is a
/// function of G and of "meats" Σ_g (W_g'r_g)(W_g'r_g)' for a few residual vectors r, so the data are read
/// once per residual and everything else is small-matrix algebra. A variable is a coefficient vector c over
/// the columns (the variable is V c), which makes partialling-out exact and cheap.
/// </summary>
internal sealed class IvMoments
{
    private readonly double[] _y;
    private readonly ColumnMajorMatrix _w;
    private readonly GroupCodes[] _clusters; // one-way: [g]; two-way: [g1, g2, g1∩g2]
    private readonly VcovKind _kind;

    public IvMoments(double[] y, ColumnMajorMatrix w, int k1, int k2, int l1, VcovKind kind, GroupCodes[] clusters)
    {
        _y = y; _w = w; _kind = kind; _clusters = clusters;
        K1 = k1; K2 = k2; L1 = l1;
        N = y.Length;
        var gram = CrossProducts.GramWithOutcome(w, y, out var wy, out var yy);
        int q = Q;
        G = Matrix<double>.Build.Dense(q, q);
        G[0, 0] = yy;
        for (int a = 0; a < P; a++)
        {
            G[0, a + 1] = G[a + 1, 0] = wy[a];
            for (int b = 0; b < P; b++) G[a + 1, b + 1] = gram[a, b];
        }
        X1 = Range(1, k1); X2 = Range(1 + k1, k2); Z1 = Range(1 + k1 + k2, l1);
        X = [.. X1, .. X2];
        Z = [.. Z1, .. X2];
        ClusterCount = kind switch
        {
            VcovKind.Cluster => clusters[0].NonEmptyLevelCount,
            VcovKind.TwoWayCluster => Math.Min(clusters[0].NonEmptyLevelCount, clusters[1].NonEmptyLevelCount),
            _ => 0,
        };
    }

    private static int[] Range(int start, int count) => Enumerable.Range(start, count).ToArray();

    public int N { get; }
    public int K1 { get; }
    public int K2 { get; }
    public int L1 { get; }
    public int P => K1 + K2 + L1;
    public int Q => P + 1;
    public int K => K1 + K2;
    public int L => L1 + K2;
    public Matrix<double> G { get; }
    public int[] X1 { get; }
    public int[] X2 { get; }
    public int[] Z1 { get; }
    public int[] X { get; }
    public int[] Z { get; }
    public VcovKind Kind => _kind;
    public bool Clustered => _kind is VcovKind.Cluster or VcovKind.TwoWayCluster;
    public bool Classical => _kind == VcovKind.Classical;
    public int ClusterCount { get; }

    public static Vector<double> Unit(int q, int index)
    {
        var v = Vector<double>.Build.Dense(q);
        v[index] = 1;
        return v;
    }

    public static Matrix<double> Sub(Matrix<double> m, int[] rows, int[] cols)
    {
        var r = Matrix<double>.Build.Dense(rows.Length, cols.Length);
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < cols.Length; j++) r[i, j] = m[rows[i], cols[j]];
        return r;
    }

    public static Vector<double> Sub(Vector<double> v, int[] idx) => Vector<double>.Build.Dense(idx.Length, i => v[idx[i]]);

    /// <summary>Selection matrix E (|idx| × Q) with E[i, idx[i]] = 1.</summary>
    public Matrix<double> Select(int[] idx)
    {
        var e = Matrix<double>.Build.Dense(idx.Length, Q);
        for (int i = 0; i < idx.Length; i++) e[i, idx[i]] = 1;
        return e;
    }

    /// <summary>The variable V c as an array (one pass over the data).</summary>
    public double[] Materialize(Vector<double> c)
    {
        var r = new double[N];
        if (c[0] != 0) VectorKernels.Axpy(c[0], _y, r);
        for (int a = 0; a < P; a++)
            if (c[a + 1] != 0) VectorKernels.Axpy(c[a + 1], _w.Column(a), r);
        return r;
    }

    /// <summary>
    /// Meats over the columns for several residuals given as variables (Q-vectors c, the residual being V c):
    /// block (a, b) = Σ_g (W_g'r_a)(W_g'r_b)' (Q × Q, zero in the row and column of y) for the model's variance
    /// kind; heteroskedastic (one observation per group) for classical and robust. Two-way clustering combines
    /// the three one-way meats (Cameron, Gelbach and Miller 2011). Because a residual is linear in the columns,
    /// a cluster's score W_g'r = (W_g'V_g) c comes from the per-cluster cross-products, computed in one pass
    /// and reused by every residual: no residual vector is ever formed when clustering.
    /// </summary>
    public Matrix<double>[,] Meats(IReadOnlyList<Vector<double>> combos)
    {
        int m = combos.Count;
        var result = new Matrix<double>[m, m];
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++) result[a, b] = Matrix<double>.Build.Dense(Q, Q);
        double[]?[] residuals = new double[m][];
        double[] R(int a) => residuals[a] ??= Materialize(combos[a]);
        void Add(GroupCodes? g, double sign)
        {
            var cross = g is null || g.NonEmptyLevelCount == N ? null : ClusterCross(g);
            if (cross is not null)
            {
                int levels = g!.LevelCount;
                var scores = new double[m][];
                for (int a = 0; a < m; a++)
                {
                    var sc = scores[a] = new double[levels * P];
                    var c = combos[a].ToArray();
                    for (int l = 0; l < levels; l++)
                        for (int i = 0; i < P; i++)
                            sc[l * P + i] = VectorKernels.Dot(cross.AsSpan((l * P + i) * Q, Q), c);
                }
                for (int a = 0; a < m; a++)
                    for (int b = 0; b < m; b++)
                    {
                        var block = new double[P, P];
                        var sa = scores[a];
                        var sb = scores[b];
                        for (int l = 0; l < levels; l++)
                            for (int i = 0; i < P; i++)
                            {
                                double x = sa[l * P + i];
                                if (x == 0) continue;
                                for (int j = 0; j < P; j++) block[i, j] += x * sb[l * P + j];
                            }
                        Accumulate(result[a, b], block, sign, transpose: false);
                    }
                return;
            }
            if (g is null || g.NonEmptyLevelCount == N)
            {
                for (int a = 0; a < m; a++)
                    for (int b = a; b < m; b++)
                    {
                        var wgt = new double[N];
                        var ra = R(a);
                        var rb = R(b);
                        for (int i = 0; i < N; i++) wgt[i] = ra[i] * rb[i];
                        var block = CrossProducts.WeightedGram(_w, wgt);
                        Accumulate(result[a, b], block, sign, transpose: false);
                        if (b != a) Accumulate(result[b, a], block, sign, transpose: true);
                    }
                return;
            }
            var clusterScores = Enumerable.Range(0, m).Select(a => SandwichMeat.ClusterScores(_w, R(a), g)).ToArray();
            for (int a = 0; a < m; a++)
                for (int b = 0; b < m; b++)
                {
                    var block = new double[P, P];
                    for (int i = 0; i < P; i++)
                        for (int j = 0; j < P; j++) block[i, j] = VectorKernels.Dot(clusterScores[a].Column(i), clusterScores[b].Column(j));
                    Accumulate(result[a, b], block, sign, transpose: false);
                }
        }
        switch (_kind)
        {
            case VcovKind.Cluster: Add(_clusters[0], 1); break;
            case VcovKind.TwoWayCluster: Add(_clusters[0], 1); Add(_clusters[1], 1); Add(_clusters[2], -1); break;
            default: Add(null, 1); break;
        }
        return result;
    }

    private readonly Dictionary<GroupCodes, double[]?> _cross = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Per-cluster cross-products W_g'V_g, stored cluster by cluster as P × Q blocks; null when there are so many
    /// clusters (more than a quarter of the rows) that forming residuals is cheaper.
    /// </summary>
    private double[]? ClusterCross(GroupCodes g)
    {
        if (_cross.TryGetValue(g, out var cached)) return cached;
        double[]? cross = null;
        if ((long)g.NonEmptyLevelCount * 4 <= N)
        {
            int levels = g.LevelCount, p = P, q = Q;
            cross = new double[(long)levels * p * q > int.MaxValue ? throw new InvalidOperationException("Too many clusters.") : levels * p * q];
            var data = _w.Storage;
            var y = _y;
            int n = N;
            ReadOnlySpan<double> V(int b, int lo, int len) => b == 0 ? y.AsSpan(lo, len) : data.AsSpan((b - 1) * n + lo, len);
            if (g.IsSorted)
            {
                var starts = g.BlockStarts.ToArray();
                var target = cross;
                void Chunk(int part)
                {
                    const int size = 512;
                    for (int c = part * size; c < Math.Min(levels, (part + 1) * size); c++)
                    {
                        int lo = starts[c], len = starts[c + 1] - lo;
                        if (len == 0) continue;
                        for (int a = 0; a < p; a++)
                        {
                            var wa = data.AsSpan(a * n + lo, len);
                            for (int b = 0; b < q; b++) target[(c * p + a) * q + b] = VectorKernels.Dot(wa, V(b, lo, len));
                        }
                    }
                }
                int chunks = (levels + 511) / 512;
                if (chunks > 1 && (long)n * p * q > 2_000_000) Parallel.For(0, chunks, Chunk);
                else for (int part = 0; part < chunks; part++) Chunk(part);
            }
            else
            {
                var codes = g.Codes;
                for (int i = 0; i < n; i++)
                {
                    int off = codes[i] * p * q;
                    for (int a = 0; a < p; a++)
                    {
                        double wa = data[a * n + i];
                        if (wa == 0) continue;
                        int row = off + a * q;
                        cross[row] += wa * y[i];
                        for (int b = 1; b < q; b++) cross[row + b] += wa * data[(b - 1) * n + i];
                    }
                }
            }
        }
        _cross[g] = cross;
        return cross;
    }

    /// <summary>Meat of one residual variable.</summary>
    public Matrix<double> Meat(Vector<double> combo) => Meats([combo])[0, 0];

    private static void Accumulate(Matrix<double> target, double[,] block, double sign, bool transpose)
    {
        int p = block.GetLength(0);
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) target[i + 1, j + 1] += sign * (transpose ? block[j, i] : block[i, j]);
    }

    /// <summary>
    /// Coefficients (rows: variables, as Q-vectors) that partial X₂ out of the given columns:
    /// ĩ = e_i − E_X₂'(X₂'X₂)⁻¹X₂'v_i.
    /// </summary>
    public Matrix<double> Partialled(int[] columns)
    {
        var t = Select(columns);
        if (K2 == 0) return t;
        var gamma = Sub(G, X2, X2).Solve(Sub(G, X2, columns)); // K2 × |columns|
        var e2 = Select(X2);
        return t - gamma.TransposeThisAndMultiply(e2);
    }
}
