namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// Within-transformed cross-products of a panel for any re-weighting of its entities — the hot path of the
/// cluster (entity) bootstrap, where a replication is a vector of multiplicities w_i (how often entity i was
/// drawn; each copy is a separate entity with its own fixed effect). Handles entity and/or period fixed effects
/// (or none, with an intercept) on balanced and unbalanced panels, exactly, without a pass over the rows.
/// </summary>
/// <remarks>
/// <para>Let u_it = x_it − x̄_i be the entity-demeaned values (computed once, exactly, per entity), D_i = Σ_t u_it u_it'
/// and U_t = Σ_i w_i u_it. With entity effects only, the resampled within cross-product of all p variables is
/// W = Σ_i w_i D_i. Adding period effects, Frisch–Waugh–Lovell with the entity-demeaned period dummies
/// e_its = 1[t = s] − n_is/T_i gives W = Σ_i w_i D_i − U C⁻ U', where C = Σ_i w_i (diag n_i − n_i n_i'/T_i)
/// (n_i the 0/1 vector of periods entity i is observed in) is solved with one reference period dropped
/// (Baltagi, <i>Econometric Analysis of Panel Data</i>, §9.3; the "exact two-way" idea of reghdfe/fixest).
/// On a balanced panel C = G(I − 11'/T) and this is the closed form W = Σ_i w_i D_i − (1/G) Σ_t U_t U_t',
/// i.e. x − x̄_i − x̄_t + x̄, which is used directly.</para>
/// <para>Without entity effects the values are centred on the full-sample mean (only to reduce rounding) and
/// W = Σ_i w_i Σ_t v v' − Σ_t V_t V_t'/N_t (period effects) or − (Σ_t V_t)(Σ_t V_t)'/N (intercept only).</para>
/// <para>A replication costs O(N(p² + T·p) + T²p + p²T) flops. Any sub-regression (response j on regressors R) is
/// then the k×k solve W[R,R]β = W[R,j] (<see cref="SolveNormalEquations"/>): the fixed-effects slopes of the
/// resampled panel.</para>
/// </remarks>
internal sealed class ResampledWithinCrossProducts
{
    /// <summary>Largest N·T·p held in the per-entity dense blocks (800 MB); larger panels should use the general path.</summary>
    public const long MaxDenseValues = 100_000_000;

    // Per entity, its T×p block of transformed values (row s, column j at (i·T + s)·p + j; zero where the entity
    // is not observed) and its p×p cross-product, both contiguous so that a replication adds them with one SIMD
    // axpy each.
    private readonly double[] _values;
    private readonly double[] _blockCrossProducts;
    private readonly int[] _pattern;            // entity → observation-pattern id (unbalanced only)
    private readonly bool[][] _patternObserved; // pattern → observed periods
    private readonly int[] _patternPeriods;     // pattern → T_i

    /// <summary>
    /// Precomputes the per-entity blocks of a <b>balanced</b> panel.
    /// </summary>
    /// <param name="columns">The p variables, each of length entityCount × periodCount, rows sorted by entity then
    /// period (the row order of a panel data set) with every entity observed in every period.</param>
    /// <param name="entityCount">Number of entities N.</param>
    /// <param name="periodCount">Number of periods T.</param>
    /// <param name="entityEffects">Absorb entity fixed effects.</param>
    /// <param name="timeEffects">Absorb period fixed effects.</param>
    /// <exception cref="ArgumentException">Column lengths differ from N·T, or a value is not finite.</exception>
    public ResampledWithinCrossProducts(IReadOnlyList<double[]> columns, int entityCount, int periodCount, bool entityEffects, bool timeEffects)
        : this(columns, BalancedCodes(entityCount, periodCount, true), BalancedCodes(entityCount, periodCount, false),
            entityCount, periodCount, entityEffects, timeEffects)
    {
    }

    /// <summary>
    /// Precomputes the per-entity blocks of a balanced or unbalanced panel.
    /// </summary>
    /// <param name="columns">The p variables, one value per row.</param>
    /// <param name="entityCodes">Entity code 0..N−1 of every row; rows sorted by entity (each entity's rows contiguous).</param>
    /// <param name="periodCodes">Period code 0..T−1 of every row; at most one row per (entity, period).</param>
    /// <param name="entityCount">Number of entities N (every entity has at least one row).</param>
    /// <param name="periodCount">Number of periods T.</param>
    /// <param name="entityEffects">Absorb entity fixed effects.</param>
    /// <param name="timeEffects">Absorb period fixed effects.</param>
    /// <exception cref="ArgumentException">Shapes, codes, ordering or duplicate keys are wrong, a value is not finite, or N·T·p exceeds <see cref="MaxDenseValues"/>.</exception>
    public ResampledWithinCrossProducts(IReadOnlyList<double[]> columns, ReadOnlySpan<int> entityCodes, ReadOnlySpan<int> periodCodes,
        int entityCount, int periodCount, bool entityEffects, bool timeEffects)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfLessThan(entityCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(periodCount, 1);
        int p = columns.Count, n = entityCount, t = periodCount, rows = entityCodes.Length;
        if (periodCodes.Length != rows) throw new ArgumentException("Entity and period codes differ in length.", nameof(periodCodes));
        if ((long)n * t * p > MaxDenseValues)
            throw new ArgumentException($"N·T·p = {(long)n * t * p:N0} exceeds {MaxDenseValues:N0}; use the general path.", nameof(columns));
        for (int j = 0; j < p; j++)
        {
            if (columns[j].Length != rows)
                throw new ArgumentException($"Column {j} has {columns[j].Length} rows; the codes have {rows}.", nameof(columns));
            foreach (var v in columns[j])
                if (!double.IsFinite(v)) throw new ArgumentException($"Column {j} holds a missing or infinite value.", nameof(columns));
        }
        Variables = p;
        EntityCount = n;
        PeriodCount = t;
        EntityEffects = entityEffects;
        TimeEffects = timeEffects;

        // Entity blocks, and the observation pattern of each entity (only unbalanced panels need patterns).
        var start = new int[n + 1];
        var observed = new bool[n * t];
        for (int r = 0; r < rows; r++)
        {
            int e = entityCodes[r], s = periodCodes[r];
            if ((uint)e >= (uint)n || (uint)s >= (uint)t) throw new ArgumentException($"Row {r}: code outside 0..N−1 or 0..T−1.", nameof(entityCodes));
            if (r > 0 && e < entityCodes[r - 1]) throw new ArgumentException("Rows must be sorted by entity.", nameof(entityCodes));
            if (observed[e * t + s]) throw new ArgumentException($"Entity {e} has two rows in period {s}.", nameof(periodCodes));
            observed[e * t + s] = true;
            start[e + 1]++;
        }
        for (int e = 0; e < n; e++)
        {
            if (start[e + 1] == 0) throw new ArgumentException($"Entity {e} has no rows.", nameof(entityCodes));
            start[e + 1] += start[e];
        }
        IsBalanced = rows == n * t;
        var patternIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var patterns = new List<bool[]>();
        _pattern = new int[n];
        for (int e = 0; e < n && !IsBalanced; e++)
        {
            var mask = observed.AsSpan(e * t, t);
            var key = string.Create(t, mask.ToArray(), (chars, m) => { for (int s = 0; s < m.Length; s++) chars[s] = m[s] ? '1' : '0'; });
            if (!patternIds.TryGetValue(key, out int id))
            {
                id = patterns.Count;
                patternIds[key] = id;
                patterns.Add(mask.ToArray());
            }
            _pattern[e] = id;
        }
        _patternObserved = [.. patterns];
        _patternPeriods = patterns.Select(m => m.Count(o => o)).ToArray();

        _values = new double[n * t * p];
        _blockCrossProducts = new double[n * p * p];
        var grandMean = new double[p];
        if (!entityEffects)
            for (int j = 0; j < p; j++) grandMean[j] = VectorKernels.Sum(columns[j]) / rows;
        var centre = new double[p];
        for (int e = 0; e < n; e++)
        {
            int first = start[e], count = start[e + 1] - first;
            for (int j = 0; j < p; j++)
                centre[j] = entityEffects ? VectorKernels.Sum(columns[j].AsSpan(first, count)) / count : grandMean[j];
            var block = _values.AsSpan(e * t * p, t * p);
            var cross = _blockCrossProducts.AsSpan(e * p * p, p * p);
            for (int r = first; r < first + count; r++)
            {
                var row = block.Slice(periodCodes[r] * p, p);
                for (int j = 0; j < p; j++) row[j] = columns[j][r] - centre[j];
                for (int a = 0; a < p; a++)
                    for (int b = 0; b <= a; b++) cross[a * p + b] += row[a] * row[b];
            }
            for (int a = 0; a < p; a++)
                for (int b = 0; b < a; b++) cross[b * p + a] = cross[a * p + b];
        }
    }

    private static int[] BalancedCodes(int entityCount, int periodCount, bool entity)
    {
        var codes = new int[checked(entityCount * periodCount)];
        for (int i = 0; i < entityCount; i++)
            for (int s = 0; s < periodCount; s++) codes[i * periodCount + s] = entity ? i : s;
        return codes;
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

    /// <summary>True when every entity is observed in every period (the closed form applies).</summary>
    public bool IsBalanced { get; }

    /// <summary>Length of the scratch span <see cref="Accumulate"/> needs.</summary>
    public int ScratchLength => 2 * PeriodCount * Variables + PeriodCount * PeriodCount + 2 * PeriodCount + _patternPeriods.Length;

    /// <summary>
    /// Writes the within cross-product W (p×p, row-major, both triangles) of the panel in which entity i
    /// appears <paramref name="multiplicity"/>[i] times as distinct entities. Allocation-free.
    /// </summary>
    /// <param name="multiplicity">w_i ≥ 0 per entity, not all zero.</param>
    /// <param name="crossProduct">Output, length p².</param>
    /// <param name="scratch">Scratch of length <see cref="ScratchLength"/>.</param>
    /// <returns>False when the period effects of this resample are not identified (a disconnected design); W is then NaN.</returns>
    public bool Accumulate(ReadOnlySpan<int> multiplicity, Span<double> crossProduct, Span<double> scratch)
    {
        int p = Variables, t = PeriodCount, n = EntityCount;
        if (multiplicity.Length != n) throw new ArgumentException($"Need {n} multiplicities, got {multiplicity.Length}.", nameof(multiplicity));
        if (crossProduct.Length != p * p) throw new ArgumentException($"Cross-product span must hold {p * p} values.", nameof(crossProduct));
        if (scratch.Length < ScratchLength) throw new ArgumentException($"Scratch must hold {ScratchLength} values.", nameof(scratch));
        var periodSums = scratch[..(t * p)];
        var patternWeights = scratch.Slice(t * p, _patternPeriods.Length);
        var rest = scratch[(t * p + _patternPeriods.Length)..];
        crossProduct.Clear();
        periodSums.Clear();
        patternWeights.Clear();
        bool needPeriodSums = TimeEffects || !EntityEffects;
        long drawn = 0;
        for (int i = 0; i < n; i++)
        {
            int w = multiplicity[i];
            if (w == 0) continue;
            drawn += w;
            VectorKernels.Axpy(w, _blockCrossProducts.AsSpan(i * p * p, p * p), crossProduct);
            if (needPeriodSums) VectorKernels.Axpy(w, _values.AsSpan(i * t * p, t * p), periodSums);
            if (!IsBalanced) patternWeights[_pattern[i]] += w;
        }
        if (drawn == 0) throw new ArgumentException("At least one entity must have a positive multiplicity.", nameof(multiplicity));
        if (!needPeriodSums) return true;

        // Observations per period N_s (weighted by multiplicity).
        var counts = rest[..t];
        if (IsBalanced) counts.Fill(drawn);
        else
        {
            counts.Clear();
            for (int q = 0; q < _patternPeriods.Length; q++)
            {
                if (patternWeights[q] == 0) continue;
                var mask = _patternObserved[q];
                for (int s = 0; s < t; s++) if (mask[s]) counts[s] += patternWeights[q];
            }
        }

        if (TimeEffects && EntityEffects && !IsBalanced)
            return SubtractPeriodProjection(crossProduct, periodSums, counts, patternWeights, rest[t..]);
        if (TimeEffects)
        {
            // Balanced two-way closed form, or period effects without entity effects: − Σ_t U_t U_t'/N_t.
            for (int s = 0; s < t; s++)
                if (counts[s] > 0) RankOneUpdate(crossProduct, periodSums.Slice(s * p, p), -1.0 / counts[s]);
            return true;
        }
        // Pooled with an intercept: − (1/N) s s' with s the total of the centred values.
        double total = 0;
        foreach (var c in counts) total += c;
        for (int s = 1; s < t; s++) VectorKernels.Axpy(1.0, periodSums.Slice(s * p, p), periodSums[..p]);
        RankOneUpdate(crossProduct, periodSums[..p], -1.0 / total);
        return true;
    }

    /// <summary>W −= U_r C_r⁻¹ U_r' over the periods present except a reference one (exact FWL for unbalanced two-way effects).</summary>
    private bool SubtractPeriodProjection(Span<double> crossProduct, ReadOnlySpan<double> periodSums, ReadOnlySpan<double> counts,
        ReadOnlySpan<double> patternWeights, Span<double> work)
    {
        int p = Variables, t = PeriodCount;
        // Periods with observations, minus the first one (the reference: Σ_s U_s = 0 makes its row redundant).
        Span<int> active = stackalloc int[t];
        int m = 0;
        bool reference = false;
        for (int s = 0; s < t; s++)
        {
            if (counts[s] <= 0) continue;
            if (!reference) { reference = true; continue; }
            active[m++] = s;
        }
        if (m == 0) return true;
        active = active[..m];
        // C_r = diag(N_s) − Σ_patterns (weight/T_q) n_q n_q' restricted to the active periods.
        var c = work[..(m * m)];
        c.Clear();
        for (int a = 0; a < m; a++) c[a * m + a] = counts[active[a]];
        for (int q = 0; q < _patternPeriods.Length; q++)
        {
            double w = patternWeights[q];
            if (w == 0) continue;
            var mask = _patternObserved[q];
            double scale = w / _patternPeriods[q];
            for (int a = 0; a < m; a++)
            {
                if (!mask[active[a]]) continue;
                for (int b = 0; b <= a; b++)
                    if (mask[active[b]]) c[a * m + b] -= scale;
            }
        }
        if (!SmallCholesky.TryFactor(c, c, CholeskySolver.DefaultTolerance, m, c))
        {
            crossProduct.Fill(double.NaN);
            return false;
        }
        // For each variable j: z_j = C_r⁻¹ U_r[:, j]; then W[a, b] −= Σ_s U_r[s, a] z_b[s].
        var z = work.Slice(m * m, m * p);
        for (int j = 0; j < p; j++)
        {
            var zj = z.Slice(j * m, m);
            for (int a = 0; a < m; a++) zj[a] = periodSums[active[a] * p + j];
            SmallCholesky.SolveInPlace(c, m, zj);
        }
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
            {
                var zb = z.Slice(b * m, m);
                double s = 0;
                for (int k = 0; k < m; k++) s += periodSums[active[k] * p + a] * zb[k];
                crossProduct[a * p + b] -= s;
            }
        return true;
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
        if (!SmallCholesky.TryFactor(l, l, CholeskySolver.DefaultTolerance, k, l))
        {
            coefficients.Fill(double.NaN);
            return false;
        }
        SmallCholesky.SolveInPlace(l, k, coefficients);
        return true;
    }
}
