namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// Within-transformed cross-products of a <b>balanced</b> panel for any re-weighting of its entities — the
/// hot path of the cluster (entity) bootstrap, where a replication is a vector of multiplicities w_i (how
/// often entity i was drawn; each copy is a separate entity with its own fixed effect).
/// </summary>
/// <remarks>
/// <para>A resampled balanced panel is still balanced, so the two-way within transformation has the closed
/// form ẍ_dt = x_dt − x̄_d − x̄_t + x̄ (Baltagi, <i>Econometric Analysis of Panel Data</i>, §3.2). Writing
/// u_it = x_it − x̄_i for the entity-demeaned values (computed once, exactly, per entity), the resampled
/// within cross-product of all p variables is</para>
/// <para>W = Σ_i w_i D_i − (1/G) Σ_t U_t U_t',  D_i = Σ_t u_it u_it',  U_t = Σ_i w_i u_it,  G = Σ_i w_i,</para>
/// <para>so a replication costs O(N·(p² + T·p) + T·p²) flops and no pass over the rows. Entity-only effects drop
/// the second term; time-only effects and pooled OLS use values centred on the full-sample mean instead of
/// u (the centring only improves rounding) with the correction (1/G) Σ_t V_t V_t' or (1/(G·T)) s s'.
/// Any sub-regression (response j on regressors R) is then the k×k solve W[R,R] β = W[R,j]
/// (<see cref="SolveNormalEquations"/>): by Frisch–Waugh–Lovell these are exactly the fixed-effects
/// slope estimates of the resampled panel.</para>
/// <para>Unbalanced panels do not keep the closed form under resampling of two-way effects; use the general
/// regression path for them.</para>
/// </remarks>
public sealed class ResampledWithinCrossProducts
{
    // Per entity, its T×p block of transformed values (row t, column j at (i·T + t)·p + j) and its p×p
    // cross-product, both contiguous so that a replication adds them with one SIMD axpy each.
    private readonly double[] _values;
    private readonly double[] _blockCrossProducts;

    /// <summary>
    /// Precomputes the per-entity blocks.
    /// </summary>
    /// <param name="columns">The p variables, each of length entityCount × periodCount, rows sorted by entity
    /// then period (the <see cref="Data.PanelData"/> order) with every entity observed in every period.</param>
    /// <param name="entityCount">Number of entities N.</param>
    /// <param name="periodCount">Number of periods T.</param>
    /// <param name="entityEffects">Absorb entity fixed effects.</param>
    /// <param name="timeEffects">Absorb period fixed effects.</param>
    /// <exception cref="ArgumentException">Column lengths differ from N·T, or a value is not finite.</exception>
    public ResampledWithinCrossProducts(IReadOnlyList<double[]> columns, int entityCount, int periodCount, bool entityEffects, bool timeEffects)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfLessThan(entityCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(periodCount, 1);
        int p = columns.Count, n = entityCount, t = periodCount;
        for (int j = 0; j < p; j++)
        {
            if (columns[j].Length != (long)n * t)
                throw new ArgumentException($"Column {j} has {columns[j].Length} rows; a balanced {n}×{t} panel has {(long)n * t}.", nameof(columns));
            foreach (var v in columns[j])
                if (!double.IsFinite(v)) throw new ArgumentException($"Column {j} holds a missing or infinite value.", nameof(columns));
        }
        Variables = p;
        EntityCount = n;
        PeriodCount = t;
        EntityEffects = entityEffects;
        TimeEffects = timeEffects;
        _values = new double[(long)n * t * p is var len and <= int.MaxValue ? (int)len : throw new ArgumentException("Panel too large.", nameof(columns))];
        _blockCrossProducts = new double[n * p * p];

        var grandMean = new double[p];
        if (!entityEffects)
            for (int j = 0; j < p; j++) grandMean[j] = VectorKernels.Sum(columns[j]) / ((double)n * t);
        var centre = new double[p];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++)
                centre[j] = entityEffects ? VectorKernels.Sum(columns[j].AsSpan(i * t, t)) / t : grandMean[j];
            var block = _values.AsSpan(i * t * p, t * p);
            for (int s = 0; s < t; s++)
                for (int j = 0; j < p; j++)
                    block[s * p + j] = columns[j][i * t + s] - centre[j];
            var cross = _blockCrossProducts.AsSpan(i * p * p, p * p);
            for (int s = 0; s < t; s++)
            {
                var row = block.Slice(s * p, p);
                for (int a = 0; a < p; a++)
                    for (int b = 0; b <= a; b++) cross[a * p + b] += row[a] * row[b];
            }
            for (int a = 0; a < p; a++)
                for (int b = 0; b < a; b++) cross[b * p + a] = cross[a * p + b];
        }
    }

    /// <summary>Number of variables p (columns of the cross-product).</summary>
    public int Variables { get; }

    /// <summary>Number of entities N in the original panel.</summary>
    public int EntityCount { get; }

    /// <summary>Number of periods T.</summary>
    public int PeriodCount { get; }

    /// <summary>Whether entity fixed effects are absorbed.</summary>
    public bool EntityEffects { get; }

    /// <summary>Whether period fixed effects are absorbed.</summary>
    public bool TimeEffects { get; }

    /// <summary>Length of the scratch span <see cref="Accumulate"/> needs (T·p).</summary>
    public int ScratchLength => PeriodCount * Variables;

    /// <summary>
    /// Writes the within cross-product W (p×p, row-major, both triangles) of the panel in which entity i
    /// appears <paramref name="multiplicity"/>[i] times as distinct entities. Allocation-free.
    /// </summary>
    /// <param name="multiplicity">w_i ≥ 0 per entity; Σ w_i must be positive (2 or more with time effects and no entity effects is not required, but a degenerate sample yields a singular W).</param>
    /// <param name="crossProduct">Output, length p².</param>
    /// <param name="scratch">Scratch of length <see cref="ScratchLength"/>.</param>
    public void Accumulate(ReadOnlySpan<int> multiplicity, Span<double> crossProduct, Span<double> scratch)
    {
        int p = Variables, t = PeriodCount, n = EntityCount;
        if (multiplicity.Length != n) throw new ArgumentException($"Need {n} multiplicities, got {multiplicity.Length}.", nameof(multiplicity));
        if (crossProduct.Length != p * p) throw new ArgumentException($"Cross-product span must hold {p * p} values.", nameof(crossProduct));
        if (scratch.Length < t * p) throw new ArgumentException($"Scratch must hold {t * p} values.", nameof(scratch));
        var periodSums = scratch[..(t * p)];
        crossProduct.Clear();
        periodSums.Clear();
        bool needPeriodSums = TimeEffects || !EntityEffects;
        long drawn = 0;
        for (int i = 0; i < n; i++)
        {
            int w = multiplicity[i];
            if (w == 0) continue;
            drawn += w;
            VectorKernels.Axpy(w, _blockCrossProducts.AsSpan(i * p * p, p * p), crossProduct);
            if (needPeriodSums) VectorKernels.Axpy(w, _values.AsSpan(i * t * p, t * p), periodSums);
        }
        if (drawn == 0) throw new ArgumentException("At least one entity must have a positive multiplicity.", nameof(multiplicity));
        if (TimeEffects)
        {
            // Removing the period means of the (entity-demeaned) values: − (1/G) Σ_t U_t U_t'.
            double scale = -1.0 / drawn;
            for (int s = 0; s < t; s++) RankOneUpdate(crossProduct, periodSums.Slice(s * p, p), scale);
        }
        else if (!EntityEffects)
        {
            // Pooled with an intercept: − (1/(G·T)) s s' with s the total of the centred values.
            for (int s = 1; s < t; s++) VectorKernels.Axpy(1.0, periodSums.Slice(s * p, p), periodSums[..p]);
            RankOneUpdate(crossProduct, periodSums[..p], -1.0 / ((double)drawn * t));
        }
    }

    private static void RankOneUpdate(Span<double> matrix, ReadOnlySpan<double> v, double scale)
    {
        int p = v.Length;
        for (int a = 0; a < p; a++)
            VectorKernels.Axpy(scale * v[a], v, matrix.Slice(a * p, p));
    }

    /// <summary>
    /// Solves the normal equations of one sub-regression from a p×p cross-product: W[R,R] β = W[R,y] with R =
    /// <paramref name="regressors"/> and y = <paramref name="response"/>, by an in-place Cholesky
    /// factorisation. Allocation-free.
    /// </summary>
    /// <param name="crossProduct">W, p×p row-major.</param>
    /// <param name="p">Dimension of W.</param>
    /// <param name="regressors">Indices of the k regressors in W.</param>
    /// <param name="response">Index of the response in W.</param>
    /// <param name="coefficients">Output β, length k.</param>
    /// <param name="scratch">Scratch of length ≥ k².</param>
    /// <returns>False when W[R,R] is not numerically positive definite (a pivot below
    /// <see cref="CholeskySolver.DefaultTolerance"/> times its diagonal — a collinear resample); β is then NaN.</returns>
    public static bool SolveNormalEquations(ReadOnlySpan<double> crossProduct, int p, ReadOnlySpan<int> regressors, int response,
        Span<double> coefficients, Span<double> scratch)
    {
        int k = regressors.Length;
        if (crossProduct.Length != p * p) throw new ArgumentException($"Cross-product must hold {p * p} values.", nameof(crossProduct));
        if (coefficients.Length != k) throw new ArgumentException($"Coefficients must hold {k} values.", nameof(coefficients));
        var l = scratch[..(k * k)];
        for (int a = 0; a < k; a++)
        {
            int ra = regressors[a];
            for (int b = 0; b <= a; b++) l[a * k + b] = crossProduct[ra * p + regressors[b]];
            coefficients[a] = crossProduct[ra * p + response];
        }
        // Cholesky L L' in the lower triangle of l.
        for (int j = 0; j < k; j++)
        {
            double diagonal = l[j * k + j];
            double d = diagonal;
            for (int q = 0; q < j; q++) d -= l[j * k + q] * l[j * k + q];
            if (!(d > CholeskySolver.DefaultTolerance * diagonal) || !double.IsFinite(d))
            {
                coefficients.Fill(double.NaN);
                return false;
            }
            double ljj = Math.Sqrt(d);
            l[j * k + j] = ljj;
            for (int i = j + 1; i < k; i++)
            {
                double s = l[i * k + j];
                for (int q = 0; q < j; q++) s -= l[i * k + q] * l[j * k + q];
                l[i * k + j] = s / ljj;
            }
        }
        for (int i = 0; i < k; i++)
        {
            double s = coefficients[i];
            for (int q = 0; q < i; q++) s -= l[i * k + q] * coefficients[q];
            coefficients[i] = s / l[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--)
        {
            double s = coefficients[i];
            for (int q = i + 1; q < k; q++) s -= l[q * k + i] * coefficients[q];
            coefficients[i] = s / l[i * k + i];
        }
        return true;
    }
}
