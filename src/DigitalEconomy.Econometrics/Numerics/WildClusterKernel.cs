namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// Fixed effects that are not nested in the cells of a wild cluster bootstrap, in the form the kernel needs to project
/// them out of the bootstrap errors: the dummy blocks D_o and a generalised inverse of T = D_o' M_n D_o, where M_n
/// annihilates the fixed effects that are nested in the cells (Frisch–Waugh–Lovell).
/// </summary>
/// <param name="Factors">The non-nested factors.</param>
/// <param name="Offsets">Column offset of each factor in the stacked dummy matrix D_o.</param>
/// <param name="Levels">Columns of D_o (the sum of the factors' level counts, empty levels included).</param>
/// <param name="GramInverse">A generalised inverse of T (Levels × Levels, row-major); any g-inverse gives the same projection.</param>
internal sealed record PartialledEffects(GroupCodes[] Factors, int[] Offsets, int Levels, double[] GramInverse)
{
    /// <summary>Largest D_o handled (T is inverted densely).</summary>
    public const int MaxLevels = 1_500;

    /// <summary>
    /// Builds T = D_o'D_o − D_o'P_n D_o without forming D_o when at most one factor is nested (one pass over the rows
    /// grouped by the nested factor); with several nested factors the dummies are projected explicitly.
    /// </summary>
    public static PartialledEffects Create(IReadOnlyList<GroupCodes> nested, IReadOnlyList<GroupCodes> other, ProjectionSettings settings)
    {
        var factors = other.ToArray();
        var offsets = new int[factors.Length];
        int levels = 0;
        for (int f = 0; f < factors.Length; f++) { offsets[f] = levels; levels += factors[f].LevelCount; }
        if (levels > MaxLevels)
            throw new SpecificationException($"The fixed effects {string.Join(", ", factors.Select(f => $"'{f.Name}'"))} are not nested in the bootstrap clusters and have {levels} levels in all, more than the {MaxLevels} the wild bootstrap projects explicitly; bootstrap by a variable they are nested in.");
        int n = factors[0].Count;
        var t = new double[levels * levels];
        // D_o'D_o: diagonal counts and, for several factors, their cross-tabulations.
        for (int f = 0; f < factors.Length; f++)
        {
            var a = factors[f].Codes;
            var sizes = factors[f].Sizes;
            for (int level = 0; level < sizes.Length; level++) t[(offsets[f] + level) * levels + offsets[f] + level] = sizes[level];
            for (int h = f + 1; h < factors.Length; h++)
            {
                var b = factors[h].Codes;
                for (int i = 0; i < n; i++)
                {
                    int r = offsets[f] + a[i], c = offsets[h] + b[i];
                    t[r * levels + c] += 1;
                    t[c * levels + r] += 1;
                }
            }
        }
        if (nested.Count == 1) SubtractNestedProjection(nested[0], factors, offsets, levels, t);
        else if (nested.Count > 1) t = ProjectedGram(nested, factors, offsets, levels, settings);
        var inverse = SymmetricInverse.Invert(t, levels, out _);
        return new PartialledEffects(factors, offsets, levels, inverse);
    }

    /// <summary>T −= Σ_h c_h c_h' / n_h over the levels h of the nested factor, c_h the counts of D_o's columns in h.</summary>
    private static void SubtractNestedProjection(GroupCodes nested, GroupCodes[] factors, int[] offsets, int levels, double[] t)
    {
        int n = nested.Count, hCount = nested.LevelCount;
        int[] start, order;
        if (nested.IsSorted)
        {
            // Rows of each level are contiguous already (entities in a sorted panel): no reordering needed.
            start = nested.BlockStarts.ToArray();
            order = [];
        }
        else
        {
            var codes = nested.Codes;
            start = new int[hCount + 1];
            foreach (var h in codes) start[h + 1]++;
            for (int h = 0; h < hCount; h++) start[h + 1] += start[h];
            order = new int[n];
            var fill = start.AsSpan(0, hCount).ToArray();
            for (int i = 0; i < n; i++) order[fill[codes[i]]++] = i;
        }
        bool identity = order.Length == 0;
        var factorCodes = factors.Select(f => f.CodesArray).ToArray();
        // Fixed chunks of levels (independent of the thread count), each with its own T buffer, summed in chunk order.
        int chunks = (int)Math.Clamp(Math.Min(64L, 16_000_000L / Math.Max(1L, (long)levels * levels)), 1, Math.Max(1, hCount));
        int per = (hCount + chunks - 1) / chunks;
        var partial = new double[chunks][];
        Parallel.For(0, chunks, chunk =>
        {
            var local = new double[levels * levels];
            var count = new int[levels];
            var touched = new List<int>();
            for (int h = chunk * per; h < Math.Min(hCount, (chunk + 1) * per); h++)
            {
                int size = start[h + 1] - start[h];
                if (size == 0) continue;
                touched.Clear();
                for (int p = start[h]; p < start[h + 1]; p++)
                    for (int f = 0; f < factorCodes.Length; f++)
                    {
                        int l = offsets[f] + factorCodes[f][identity ? p : order[p]];
                        if (count[l]++ == 0) touched.Add(l);
                    }
                double inv = 1.0 / size;
                foreach (var a in touched)
                    foreach (var b in touched) local[a * levels + b] -= count[a] * (double)count[b] * inv;
                foreach (var a in touched) count[a] = 0;
            }
            partial[chunk] = local;
        });
        foreach (var local in partial)
            for (int i = 0; i < t.Length; i++) t[i] += local[i];
    }

    /// <summary>T = D_o' M_n D_o with the dummies projected explicitly (several nested factors).</summary>
    private static double[] ProjectedGram(IReadOnlyList<GroupCodes> nested, GroupCodes[] factors, int[] offsets, int levels, ProjectionSettings settings)
    {
        int n = factors[0].Count;
        if ((long)n * levels > 400_000_000L)
            throw new SpecificationException($"The wild bootstrap would need {levels} dense dummy columns of {n} rows for fixed effects not nested in the bootstrap clusters; bootstrap by a variable they are nested in.");
        var d = new ColumnMajorMatrix(n, levels);
        for (int f = 0; f < factors.Length; f++)
        {
            var codes = factors[f].Codes;
            for (int i = 0; i < n; i++) d[i, offsets[f] + codes[i]] = 1;
        }
        new FixedEffectsProjector(nested, settings).DemeanInPlace(d);
        var t = new double[levels * levels];
        Parallel.For(0, levels, a =>
        {
            var col = d.Column(a);
            for (int f = 0; f < factors.Length; f++)
            {
                var codes = factors[f].Codes;
                for (int i = 0; i < n; i++) t[a * levels + offsets[f] + codes[i]] += col[i];
            }
        });
        return t;
    }
}

/// <summary>
/// The algebra of the fast wild cluster bootstrap (Roodman, MacKinnon, Nielsen and Webb 2019, "Fast and wild"), for
/// linear restrictions R β = r in y = Xβ + Dα + u with cluster-robust variances, starting from a fit in which every
/// fixed effect D has already been partialled out of X and y (X̃ = M_D X). After one pass over the N rows, every
/// quantity a replication needs is a small per-cell array, so the cost of a replication does not depend on N.
/// </summary>
/// <remarks>
/// <para>Notation: A = (X̃'X̃)⁻¹, P = R A (q × k); cells are the intersections of the bootstrap clusters with every
/// variance clustering. With the residuals ü of the bootstrap data-generating process (restricted ũ(r) for WCR,
/// unrestricted û for WCU) and cluster weights v, the bootstrap estimate moves by A·w with w = Σ_g S_g v_g,
/// S_g = X̃_g'ü_g; the numerator is P w (WCR) and the score of cell c in the bootstrap variance is
/// a_c v_b(c) − C_c w − K_c f with a_c = P X̃_c'ü_c and C_c = P X̃_c'X̃_c A. The restricted residuals are linear in r,
/// ũ(r) = û + X̃ A R'(R A R')⁻¹ (Rβ̂ − r), so a_c, S_g and F_g are too, which makes test inversion cheap.</para>
/// <para>The last term is the fixed effects' share of the bootstrap residuals, ü* = M_D(ü∘v) − X̃ A w. Fixed effects
/// nested in the cells contribute nothing (ü sums to zero within each of their levels, and v is constant there).
/// For the others, D_o, M_D(ü∘v) = ü∘v − M_n D_o T⁻ D_o'(ü∘v) with T = D_o'M_n D_o, and because X̃ is orthogonal
/// to the nested effects within every cell, the cell score needs only K_c = P Σ_{i∈c} x̃_i d_o,i' T⁻ (q × L) and
/// f = Σ_g v_g F_g with F_g = D_o,g'ü_g (L). This is the dummy-variable bootstrap exactly, without N × L dummy columns.</para>
/// <para>The variance of a q-vector of scores is Σ_m sign_m · Σ_{h ∈ clustering m} s_h s_h' times one scale factor, the
/// same for the original and the bootstrap statistics (one-way: one clustering; two-way: V₁ + V₂ − V₁₂).</para>
/// </remarks>
internal sealed class WildClusterKernel
{
    private readonly int _k, _q, _g, _cells, _l;
    private readonly double[] _a;            // q × k, row-major: P = R A
    // Per bootstrap cluster g: S0_g = X_g'û_g (k), H_g = X_g'X_g A R'(RAR')⁻¹ (k × q)
    private readonly double[] _s0, _h;
    // Per cell c: a0_c = P X_c'û_c (q), ah_c = P X_c'X_c A R'(RAR')⁻¹ (q × q), C_c = P X_c'X_c A (q × k)
    private readonly double[] _cellA0, _cellAh, _cellC;
    // Non-nested fixed effects: F0_g = D_o,g'û_g (L), Fh_g = D_o,g'X_g A R'(RAR')⁻¹ (L × q), K_c (q × L)
    private readonly double[] _f0, _fh, _cellK;
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

    /// <param name="x">The fit's regressors with every fixed effect partialled out (X̃, n × any).</param>
    /// <param name="columns">The columns of <paramref name="x"/> that are the model's k coefficients.</param>
    /// <param name="inverse">(X̃'X̃)⁻¹ over those columns (k × k, row-major).</param>
    /// <param name="beta">β̂ over those columns.</param>
    /// <param name="residual">The fit's residuals û.</param>
    /// <param name="r">Restriction matrix R (q × k, row-major).</param>
    /// <param name="bootstrap">Bootstrap clusters, codes 0..G−1 with no empty level.</param>
    /// <param name="cellCodes">The cells: the bootstrap clusters refined by every variance clustering they are not nested in (<see cref="Cells"/>).</param>
    /// <param name="clusterings">Variance clusterings (no empty level) with their sign (+1, or −1 for the intersection term of two-way clustering).</param>
    /// <param name="other">Fixed effects not nested in the cells, or null when every fixed effect is nested.</param>
    /// <param name="scale">Small-sample factor multiplying every variance (the same for t and t*).</param>
    public WildClusterKernel(ColumnMajorMatrix x, int[] columns, double[] inverse, double[] beta, double[] residual, double[] r,
        GroupCodes bootstrap, GroupCodes cellCodes, IReadOnlyList<(GroupCodes Codes, double Sign)> clusterings, PartialledEffects? other, double scale)
    {
        int n = x.Rows;
        int k = _k = columns.Length;
        int q = _q = r.Length / _k;
        int g = _g = bootstrap.LevelCount;
        int l = _l = other?.Levels ?? 0;
        _scale = scale;

        _a = MatMul(r, inverse, q, k, k);                              // P = R A
        var rar = MatMulTransposed(_a, r, q, k, q);                    // R A R'
        var rarInverse = DenseInverse(rar, q);
        var aRt = MatMulTransposed(inverse, r, k, k, q);               // A R' (k × q)
        var aRinv = MatMul(aRt, rarInverse, k, q, q);                  // A R'(RAR')⁻¹ (k × q)
        Estimate = Multiply(r, beta, q, k);

        int cells = _cells = cellCodes.LevelCount;
        var cellOf = cellCodes.CodesArray;
        var boot = bootstrap.CodesArray;
        _cellCluster = new int[cells];
        _cellGroup = clusterings.Select(_ => new int[cells]).ToArray();
        for (int i = 0; i < n; i++) _cellCluster[cellOf[i]] = boot[i];
        for (int m = 0; m < clusterings.Count; m++)
        {
            var codes = clusterings[m].Codes.CodesArray;
            var target = _cellGroup[m];
            for (int i = 0; i < n; i++) target[cellOf[i]] = codes[i];
        }
        _groupCount = clusterings.Select(c => c.Codes.LevelCount).ToArray();
        _groupSign = clusterings.Select(c => c.Sign).ToArray();

        // One pass over the rows in fixed chunks (the chunking depends on N and the sizes only, never on the thread
        // count); each chunk sums into its own buffer and the buffers are added in chunk order, so the result is
        // bit-identical whatever the parallelism.
        int oS0 = 0, oH = oS0 + g * k, oZx = oH + g * k * q, oA0 = oZx + cells * q * k, oAh = oA0 + cells * q,
            oF0 = oAh + cells * q * q, oFh = oF0 + g * l, oZl = oFh + g * l * q, width = oZl + cells * q * l;
        long budget = 8_000_000;
        int chunks = (int)Math.Clamp(Math.Min((n + 16_383L) / 16_384, budget / Math.Max(1, width)), 1, 512);
        int per = (n + chunks - 1) / chunks;
        var sums = new double[(long)chunks * width];
        var data = x.Storage;
        var offset = columns.Select(j => (long)j * n).ToArray();
        var otherCodes = other?.Factors.Select(f => f.CodesArray).ToArray() ?? [];
        var otherOffset = other?.Offsets ?? [];
        var pa = _a;
        Parallel.For(0, chunks, chunk =>
        {
            if (q == 1)
            {
                SinglePass(chunk * per, Math.Min(n, (chunk + 1) * per), sums.AsSpan(chunk * width, width));
                return;
            }
            var acc = sums.AsSpan(chunk * width, width);
            var xi = new double[k];
            var z = new double[q];
            var mi = new double[q];
            int end = Math.Min(n, (chunk + 1) * per);
            for (int i = chunk * per; i < end; i++)
            {
                int gi = boot[i], c = cellOf[i];
                double u = residual[i];
                for (int a = 0; a < k; a++) xi[a] = data[offset[a] + i];
                for (int j = 0; j < q; j++)
                {
                    double zj = 0, mj = 0;
                    for (int a = 0; a < k; a++)
                    {
                        zj += _a[j * k + a] * xi[a];
                        mj += aRinv[a * q + j] * xi[a];
                    }
                    z[j] = zj;
                    mi[j] = mj;
                }
                for (int a = 0; a < k; a++)
                {
                    double xa = xi[a];
                    acc[oS0 + gi * k + a] += xa * u;
                    for (int j = 0; j < q; j++)
                    {
                        acc[oH + (gi * k + a) * q + j] += xa * mi[j];
                        acc[oZx + (c * q + j) * k + a] += z[j] * xa;
                    }
                }
                for (int j = 0; j < q; j++)
                {
                    double zj = z[j];
                    acc[oA0 + c * q + j] += zj * u;
                    for (int h = 0; h < q; h++) acc[oAh + (c * q + j) * q + h] += zj * mi[h];
                }
                for (int f = 0; f < otherCodes.Length; f++)
                {
                    int lev = otherOffset[f] + otherCodes[f][i];
                    acc[oF0 + gi * l + lev] += u;
                    for (int j = 0; j < q; j++)
                    {
                        acc[oFh + (gi * l + lev) * q + j] += mi[j];
                        acc[oZl + (c * q + j) * l + lev] += z[j];
                    }
                }
            }
        });
        // One restriction (the usual t test): the same sums with the index arithmetic of q = 1 hoisted.
        void SinglePass(int from, int to, Span<double> acc)
        {
            var xi = new double[k];
            var s0 = acc.Slice(oS0, g * k);
            var hh = acc.Slice(oH, g * k);
            var zxs = acc.Slice(oZx, cells * k);
            var a0 = acc.Slice(oA0, cells);
            var ah = acc.Slice(oAh, cells);
            var f0 = acc.Slice(oF0, g * l);
            var fh = acc.Slice(oFh, g * l);
            var zls = acc.Slice(oZl, cells * l);
            for (int i = from; i < to; i++)
            {
                int gi = boot[i], c = cellOf[i];
                double u = residual[i], zi = 0, mi = 0;
                for (int a = 0; a < k; a++)
                {
                    double xa = data[offset[a] + i];
                    xi[a] = xa;
                    zi += pa[a] * xa;
                    mi += aRinv[a] * xa;
                }
                var sRow = s0.Slice(gi * k, k);
                var hRow = hh.Slice(gi * k, k);
                var zRow = zxs.Slice(c * k, k);
                for (int a = 0; a < k; a++)
                {
                    double xa = xi[a];
                    sRow[a] += xa * u;
                    hRow[a] += xa * mi;
                    zRow[a] += zi * xa;
                }
                a0[c] += zi * u;
                ah[c] += zi * mi;
                for (int f = 0; f < otherCodes.Length; f++)
                {
                    int lev = otherOffset[f] + otherCodes[f][i];
                    f0[gi * l + lev] += u;
                    fh[gi * l + lev] += mi;
                    zls[c * l + lev] += zi;
                }
            }
        }

        var total = new double[width];
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            var part = sums.AsSpan(chunk * width, width);
            for (int i = 0; i < width; i++) total[i] += part[i];
        }
        _s0 = total.AsSpan(oS0, g * k).ToArray();
        _h = total.AsSpan(oH, g * k * q).ToArray();
        _cellA0 = total.AsSpan(oA0, cells * q).ToArray();
        _cellAh = total.AsSpan(oAh, cells * q * q).ToArray();
        _f0 = total.AsSpan(oF0, g * l).ToArray();
        _fh = total.AsSpan(oFh, g * l * q).ToArray();
        _cellC = new double[cells * q * k];
        _cellK = new double[cells * q * l];
        var zx = total.AsSpan(oZx, cells * q * k).ToArray();
        var zl = total.AsSpan(oZl, cells * q * l).ToArray();
        Parallel.For(0, cells, c =>
        {
            MatMul(zx.AsSpan(c * q * k, q * k).ToArray(), inverse, q, k, k).CopyTo(_cellC, c * q * k);
            if (other is not null)
                MatMul(zl.AsSpan(c * q * l, q * l).ToArray(), other.GramInverse, q, l, l).CopyTo(_cellK, c * q * l);
        });
    }

    /// <summary>The cells of a bootstrap: the bootstrap clusters refined by every variance clustering they are not nested in.</summary>
    public static GroupCodes Cells(GroupCodes bootstrap, IReadOnlyList<(GroupCodes Codes, double Sign)> clusterings)
    {
        var cells = bootstrap;
        foreach (var (codes, _) in clusterings)
            if (!ReferenceEquals(codes, bootstrap) && !cells.IsNestedIn(codes)) cells = GroupCodes.Intersect(cells, codes);
        return cells;
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

    /// <summary>Scale factor of every variance (the small-sample factor).</summary>
    public double Scale => _scale;

    /// <summary>Per-thread work space of the replication evaluators (allocated once per worker, reused by every replication).</summary>
    internal sealed class Scratch
    {
        internal Scratch(WildClusterKernel kernel)
        {
            W0 = new double[kernel._k];
            Wh = new double[kernel._k];
            F0 = new double[kernel._l];
            Fh = new double[kernel._l];
            Alpha = new double[kernel._cells * kernel._q];
            Beta = new double[kernel._cells];
            Sums = kernel._groupCount.Select(c => (new double[c * kernel._q], new double[c])).ToArray();
            Numerator = new double[kernel._q];
            Variance = new double[kernel._q * kernel._q];
        }

        internal double[] W0, Wh, F0, Fh, Alpha, Beta, Numerator, Variance;
        internal (double[] A, double[] B)[] Sums;
    }

    /// <summary>A work space for one thread.</summary>
    public Scratch CreateScratch() => new(this);

    /// <summary>Number of coefficients <see cref="LinearCoefficients"/> writes per replication.</summary>
    public const int LinearCoefficientCount = 5;

    /// <summary>
    /// One restriction: the bootstrap statistic of weight vector v is a ratio of a linear and the square root of a
    /// quadratic function of d = Rβ̂ − r, t*(d) = (n0 + n1 d) / √(scale·(A + 2 B d + C d²)). Writes (n0, n1, A, B, C), after
    /// which every null value costs O(1) per replication — what makes test inversion cheap.
    /// </summary>
    public void LinearCoefficients(ReadOnlySpan<double> v, Scratch s, Span<double> coefficients)
    {
        var w0 = s.W0;
        var wh = s.Wh;
        var f0 = s.F0;
        var fh = s.Fh;
        var alpha = s.Alpha;
        var beta = s.Beta;
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
        if (_l > 0)
        {
            Array.Clear(f0);
            Array.Clear(fh);
            for (int g = 0; g < _g; g++)
            {
                double vg = v[g];
                if (vg == 0) continue;
                for (int h = 0; h < _l; h++)
                {
                    f0[h] += _f0[g * _l + h] * vg;
                    fh[h] += _fh[g * _l + h] * vg;
                }
            }
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
            if (_l > 0)
            {
                var kc = _cellK.AsSpan(c * _l, _l);
                for (int h = 0; h < _l; h++)
                {
                    cw0 += kc[h] * f0[h];
                    cwh += kc[h] * fh[h];
                }
            }
            alpha[c] = _cellA0[c] * vc - cw0;
            beta[c] = _cellAh[c] * vc - cwh;
        }
        double qa = 0, qb = 0, qc = 0;
        for (int m = 0; m < _cellGroup.Length; m++)
        {
            var (sa, sb) = s.Sums[m];
            Array.Clear(sa);
            Array.Clear(sb);
            var group = _cellGroup[m];
            for (int c = 0; c < _cells; c++)
            {
                sa[group[c]] += alpha[c];
                sb[group[c]] += beta[c];
            }
            double sign = _groupSign[m];
            for (int h = 0; h < sb.Length; h++)
            {
                qa += sign * sa[h] * sa[h];
                qb += sign * sa[h] * sb[h];
                qc += sign * sb[h] * sb[h];
            }
        }
        coefficients[0] = n0;
        coefficients[1] = n1;
        coefficients[2] = qa;
        coefficients[3] = qb;
        coefficients[4] = qc;
    }

    /// <summary>t*(d) from the coefficients of <see cref="LinearCoefficients"/>.</summary>
    public double LinearStatistic(ReadOnlySpan<double> c, double d) =>
        (c[0] + c[1] * d) / Math.Sqrt(_scale * (c[2] + 2 * c[3] * d + c[4] * d * d));

    /// <summary>The residual-dependent pieces of several restrictions at one null value: S_g, a_c and F_g at d.</summary>
    internal sealed record NullPieces(double[] S, double[] Ac, double[] Fd);

    /// <summary>
    /// The pieces at <paramref name="nullValue"/>; <paramref name="restricted"/> false bootstraps from the unrestricted fit
    /// (WCU), centring the bootstrap statistic at R β̂.
    /// </summary>
    public NullPieces AtNull(ReadOnlySpan<double> nullValue, bool restricted)
    {
        var d = new double[_q];
        if (restricted)
            for (int j = 0; j < _q; j++) d[j] = Estimate[j] - nullValue[j];
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
        var fd = new double[_g * _l];
        for (int g = 0; g < _g; g++)
            for (int h = 0; h < _l; h++)
            {
                double v = _f0[g * _l + h];
                for (int j = 0; j < _q; j++) v += _fh[(g * _l + h) * _q + j] * d[j];
                fd[g * _l + h] = v;
            }
        return new NullPieces(s, ac, fd);
    }

    /// <summary>The bootstrap Wald statistic W*/q of weight vector v at the null of <paramref name="pieces"/>.</summary>
    public double WaldStatistic(ReadOnlySpan<double> v, NullPieces pieces, Scratch scratch)
    {
        var w = scratch.W0;
        var f = scratch.F0;
        var num = scratch.Numerator;
        var scores = scratch.Alpha;
        Array.Clear(w);
        for (int g = 0; g < _g; g++)
        {
            double vg = v[g];
            if (vg == 0) continue;
            var sg = pieces.S.AsSpan(g * _k, _k);
            for (int a = 0; a < _k; a++) w[a] += sg[a] * vg;
        }
        for (int i = 0; i < _q; i++)
        {
            double t = 0;
            for (int a = 0; a < _k; a++) t += _a[i * _k + a] * w[a];
            num[i] = t;
        }
        if (_l > 0)
        {
            Array.Clear(f);
            for (int g = 0; g < _g; g++)
            {
                double vg = v[g];
                if (vg == 0) continue;
                for (int h = 0; h < _l; h++) f[h] += pieces.Fd[g * _l + h] * vg;
            }
        }
        for (int c = 0; c < _cells; c++)
        {
            double vc = v[_cellCluster[c]];
            for (int i = 0; i < _q; i++)
            {
                double t = pieces.Ac[c * _q + i] * vc;
                var cc = _cellC.AsSpan((c * _q + i) * _k, _k);
                for (int a = 0; a < _k; a++) t -= cc[a] * w[a];
                if (_l > 0)
                {
                    var kc = _cellK.AsSpan((c * _q + i) * _l, _l);
                    for (int h = 0; h < _l; h++) t -= kc[h] * f[h];
                }
                scores[c * _q + i] = t;
            }
        }
        return Statistic(num, Variance(scores, scratch.Variance));
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
