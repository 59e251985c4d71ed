using System.Runtime.CompilerServices;
namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>How a <see cref="FixedEffectsProjector"/> removes the fixed effects.</summary>
internal enum FixedEffectsAlgorithm
{
    /// <summary>No fixed effects: columns are left unchanged.</summary>
    None,
    /// <summary>One factor: x − x̄_g (exact, one pass per column).</summary>
    OneWay,
    /// <summary>Two factors on a balanced design (every pair once): closed form x − x̄_i − x̄_t + x̄.</summary>
    BalancedTwoWay,
    /// <summary>
    /// Two factors, one with few levels (e.g. years): exact Frisch–Waugh–Lovell solution. Demean by the large
    /// factor, then project out the demeaned dummies of the small factor by solving its p×p normal equations.
    /// </summary>
    ExactTwoWay,
    /// <summary>
    /// Any number of factors: alternating projections (Gauss–Seidel over the factors' coefficients) with
    /// Irons–Tuck acceleration, as fixest does (Bergé 2018); iterates to the stated tolerance.
    /// </summary>
    AlternatingProjections,
    /// <summary>
    /// Fixed effects with varying slopes (<c>g[z]</c>): the largest block removed level by level by exact least squares
    /// on (1, z), the other blocks projected out through an explicit orthonormal basis.
    /// </summary>
    ExactWithSlopes,
    /// <summary>
    /// Any number of factors: conjugate gradient on the normal equations D'D α = D'v of the fixed-effect
    /// coefficients, preconditioned by the factor sizes (block-Jacobi), warm-started from the alternating
    /// projections when those stall (Hestenes–Stiefel 1952; Correia 2016 for the use in reghdfe).
    /// </summary>
    ConjugateGradient,
}

/// <summary>Settings of a <see cref="FixedEffectsProjector"/> (the public face is <c>Regression.ProjectionSettings</c>).</summary>
/// <param name="Tolerance">Stop alternating projections when the largest coefficient change of a sweep is at most Tolerance × RMS(column).</param>
/// <param name="MaxIterations">Cap on sweeps.</param>
/// <param name="ExactTwoWayMaxLevels">With two factors, the exact method is used when the smaller factor has at most this many levels.</param>
/// <param name="RequireConvergence">True: reaching the cap throws; false: the column keeps the last sweep's result and the report says it did not converge.</param>
/// <param name="AlternatingIterationBudget">
/// Sweeps of alternating projections tried before switching to conjugate gradient (warm-started from them);
/// 0 goes straight to conjugate gradient; −1 (default) is automatic: 50 with two factors (a sweep on the pair graph
/// is cheap), 10 with three or more (a sweep is one pass over the rows per factor, a conjugate-gradient step one
/// pass in all). Conjugate gradient has its own cap of <paramref name="MaxIterations"/>.
/// </param>
internal sealed record ProjectionSettings(double Tolerance = 1e-10, int MaxIterations = 10_000, int ExactTwoWayMaxLevels = 2_000, bool RequireConvergence = true,
    int AlternatingIterationBudget = ProjectionSettings.DefaultAlternatingIterationBudget)
{
    /// <summary>The defaults.</summary>
    public static ProjectionSettings Default { get; } = new();

    /// <summary>Default sweeps of alternating projections before conjugate gradient takes over: automatic (−1).</summary>
    public const int DefaultAlternatingIterationBudget = -1;
}

/// <summary>What a demeaning pass did.</summary>
/// <param name="Method">Algorithm used.</param>
/// <param name="Iterations">Largest number of iterations any column needed (alternating sweeps plus conjugate-gradient steps; 1 for exact methods, 0 for none).</param>
/// <param name="Converged">True when every column met the tolerance (always true for exact methods).</param>
/// <param name="AchievedTolerance">
/// Largest over columns of the final convergence criterion relative to the column's RMS (the largest group mean of
/// the residual, which is the coefficient change a further sweep would make); 0 for exact methods.
/// </param>
internal readonly record struct ProjectionReport(FixedEffectsAlgorithm Method, int Iterations, bool Converged, double AchievedTolerance = 0);

/// <summary>
/// The annihilator M_D of a set of fixed effects (categorical factors) applied in place to columns: it
/// replaces x by the residual of x on the factors' dummies, x − D(D'D)⁻D'x, without ever forming D. Build
/// once per design (it precomputes sizes, the exact-method system and the number of absorbed parameters),
/// then demean any number of columns; many columns are processed in parallel, one column per task, so
/// results do not depend on the thread count.
/// </summary>
/// <remarks>
/// References: Frisch–Waugh–Lovell theorem; Guimarães and Portugal (2010) and Gaure (2013) for alternating
/// projections; Correia (2016, reghdfe) and Bergé (2018, fixest) for acceleration and for counting redundant
/// fixed-effect parameters via connected components of the first two factors.
/// </remarks>
internal sealed partial class FixedEffectsProjector
{
    private readonly GroupCodes[] _factors;
    private readonly ProjectionSettings _options;
    private readonly double[][] _inverseSizes;
    private readonly int _alternatingBudget;

    // Exact two-way: A = factor with many levels, B = factor with few levels.
    private readonly int _bigIndex = -1, _smallIndex = -1;
    private readonly CholeskySolver? _smallSystem;
    private readonly int[]? _smallReducedIndex; // B level → row of the reduced system, −1 for reference/empty levels

    // Iterative two-way: the bipartite graph as distinct (level of factor 0, level of factor 1) pairs with their
    // row counts, so sweeps and conjugate-gradient products cost O(pairs) instead of O(rows).
    private readonly int[]? _pairA, _pairB;
    private readonly double[]? _pairCount;

    /// <summary>Prepares the projector for the given factors (all of the same length).</summary>
    /// <param name="factors">Fixed-effect factors; may be empty.</param>
    /// <param name="options">Tolerance and strategy settings; null means <see cref="ProjectionSettings.Default"/>.</param>
    public FixedEffectsProjector(IReadOnlyList<GroupCodes> factors, ProjectionSettings? options = null)
    {
        ArgumentNullException.ThrowIfNull(factors);
        _factors = factors.ToArray();
        _options = options ?? ProjectionSettings.Default;
        if (!(_options.Tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(options), "Tolerance must be positive.");
        if (_options.MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxIterations must be at least 1.");
        if (_options.AlternatingIterationBudget < -1) throw new ArgumentOutOfRangeException(nameof(options), "AlternatingIterationBudget must be −1 (automatic) or at least 0.");
        _alternatingBudget = _options.AlternatingIterationBudget >= 0 ? _options.AlternatingIterationBudget : _factors.Length <= 2 ? 50 : 10;
        Rows = _factors.Length == 0 ? -1 : _factors[0].Count;
        foreach (var f in _factors)
            if (f.Count != Rows) throw new ArgumentException("Fixed-effect factors differ in length.", nameof(factors));
        _inverseSizes = _factors.Select(f =>
        {
            var inv = new double[f.LevelCount];
            var sizes = f.Sizes;
            for (int g = 0; g < inv.Length; g++) inv[g] = sizes[g] > 0 ? 1.0 / sizes[g] : 0;
            return inv;
        }).ToArray();

        Method = _factors.Length switch
        {
            0 => FixedEffectsAlgorithm.None,
            1 => FixedEffectsAlgorithm.OneWay,
            2 when IsBalancedPair(_factors[0], _factors[1]) => FixedEffectsAlgorithm.BalancedTwoWay,
            2 when Math.Min(_factors[0].LevelCount, _factors[1].LevelCount) <= _options.ExactTwoWayMaxLevels => FixedEffectsAlgorithm.ExactTwoWay,
            _ when _alternatingBudget == 0 => FixedEffectsAlgorithm.ConjugateGradient,
            _ => FixedEffectsAlgorithm.AlternatingProjections,
        };

        // The connected components and the exact method's small system are separate passes over the rows: run together.
        int[]? parent = null;
        double[,]? smallMatrix = null;
        if (Method == FixedEffectsAlgorithm.ExactTwoWay)
        {
            _bigIndex = _factors[0].LevelCount >= _factors[1].LevelCount ? 0 : 1;
            _smallIndex = 1 - _bigIndex;
            Parallel.Invoke(
                () => parent = UnionFind(_factors[0], _factors[1]),
                () => smallMatrix = BuildSmallMatrix(_factors[_bigIndex], _factors[_smallIndex], _inverseSizes[_bigIndex]));
        }
        else if (_factors.Length >= 2) parent = UnionFind(_factors[0], _factors[1]);
        int components = parent is null ? 0 : CountConnectedComponents(parent, _factors[0], _factors[1]);
        AbsorbedParameterCount = _factors.Length switch
        {
            0 => 0,
            1 => _factors[0].NonEmptyLevelCount,
            // Two factors: levels minus one redundancy per connected component of the bipartite graph; further
            // factors are assumed to lose one level each (reghdfe's and fixest's conservative rule).
            _ => _factors[0].NonEmptyLevelCount + _factors[1].NonEmptyLevelCount - components
                 + _factors.Skip(2).Sum(f => f.NonEmptyLevelCount - 1),
        };

        if (_factors.Length == 2 && Method is FixedEffectsAlgorithm.AlternatingProjections or FixedEffectsAlgorithm.ConjugateGradient)
            (_pairA, _pairB, _pairCount) = BuildPairs(_factors[0], _factors[1]);
        if (Method == FixedEffectsAlgorithm.ExactTwoWay)
        {
            var small = _factors[_smallIndex];
            // Component of each small-factor level, from the union–find over (factor 0, factor 1).
            var component = new int[small.LevelCount];
            int offset = _smallIndex == 0 ? 0 : _factors[0].LevelCount;
            for (int g = 0; g < component.Length; g++) component[g] = Find(parent!, offset + g);
            (_smallSystem, _smallReducedIndex) = ReduceSmallSystem(smallMatrix!, small.Sizes, component);
        }
    }

    /// <summary>Number of rows every column must have (−1 when there are no factors: any length).</summary>
    public int Rows { get; }

    /// <summary>The factors being absorbed.</summary>
    public IReadOnlyList<GroupCodes> Factors => _factors;

    /// <summary>Algorithm chosen for these factors.</summary>
    public FixedEffectsAlgorithm Method { get; }

    /// <summary>
    /// Rank of the dummy matrix D of all factors (the number of absorbed parameters, intercept included):
    /// Σ non-empty levels minus redundancies (exact for up to two factors via connected components).
    /// </summary>
    public int AbsorbedParameterCount { get; }

    /// <summary>Demeans every column of <paramref name="columns"/> in place (columns in parallel).</summary>
    /// <exception cref="SpecificationException">Alternating projections did not converge within the cap.</exception>
    public ProjectionReport DemeanInPlace(ColumnMajorMatrix columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (Method == FixedEffectsAlgorithm.None) return new ProjectionReport(Method, 0, true);
        CheckRows(columns.Rows);
        int k = columns.Columns;
        var iterations = new ColumnOutcome[k];
        if (k > 1 && (long)columns.Rows * k > 50_000)
            Parallel.For(0, k, () => new Scratch(this), (j, _, scratch) =>
            {
                iterations[j] = DemeanColumn(columns.Column(j), scratch);
                return scratch;
            }, _ => { });
        else
        {
            var scratch = new Scratch(this);
            for (int j = 0; j < k; j++) iterations[j] = DemeanColumn(columns.Column(j), scratch);
        }
        return Report(iterations);
    }

    /// <summary>
    /// Demeans every column of <paramref name="columns"/> and the extra column <paramref name="extra"/> (typically
    /// the outcome) in place, all k + 1 columns in parallel.
    /// </summary>
    /// <exception cref="SpecificationException">Alternating projections did not converge within the cap.</exception>
    public ProjectionReport DemeanInPlace(ColumnMajorMatrix columns, double[] extra)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(extra);
        if (Method == FixedEffectsAlgorithm.None) return new ProjectionReport(Method, 0, true);
        CheckRows(columns.Rows);
        CheckRows(extra.Length);
        int k = columns.Columns;
        var iterations = new ColumnOutcome[k + 1];
        Span<double> Col(int j) => j < k ? columns.Column(j) : extra;
        if ((long)columns.Rows * (k + 1) > 50_000)
            Parallel.For(0, k + 1, () => new Scratch(this), (j, _, scratch) =>
            {
                iterations[j] = DemeanColumn(Col((int)j), scratch);
                return scratch;
            }, _ => { });
        else
        {
            var scratch = new Scratch(this);
            for (int j = 0; j <= k; j++) iterations[j] = DemeanColumn(Col(j), scratch);
        }
        return Report(iterations);
    }

    /// <summary>Demeans one column in place.</summary>
    /// <exception cref="SpecificationException">Alternating projections did not converge within the cap.</exception>
    public ProjectionReport DemeanInPlace(Span<double> column) => DemeanInPlace(column, new Scratch(this));

    /// <summary>Work arrays for <see cref="DemeanInPlace(Span{double}, Scratch)"/>, one per thread.</summary>
    internal Scratch CreateScratch() => new(this);

    /// <summary>Demeans one column in place with caller-owned work arrays (for loops that demean many vectors).</summary>
    /// <exception cref="SpecificationException">Alternating projections did not converge within the cap.</exception>
    internal ProjectionReport DemeanInPlace(Span<double> column, Scratch scratch)
    {
        if (Method == FixedEffectsAlgorithm.None) return new ProjectionReport(Method, 0, true);
        CheckRows(column.Length);
        return Report([DemeanColumn(column, scratch)]);
    }

    /// <summary>What one column's demeaning did.</summary>
    private readonly record struct ColumnOutcome(int Iterations, bool Converged, bool UsedConjugateGradient, double Achieved)
    {
        public static ColumnOutcome Exact { get; } = new(1, true, false, 0);
    }

    /// <summary>The report over columns: the strongest method any column needed, the most iterations, the worst tolerance.</summary>
    private ProjectionReport Report(ColumnOutcome[] outcomes)
    {
        int most = 0;
        bool converged = true, cg = false;
        double achieved = 0;
        foreach (var o in outcomes)
        {
            most = Math.Max(most, o.Iterations);
            converged &= o.Converged;
            cg |= o.UsedConjugateGradient;
            achieved = Math.Max(achieved, o.Achieved);
        }
        var method = cg ? FixedEffectsAlgorithm.ConjugateGradient : Method;
        bool iterative = method is FixedEffectsAlgorithm.AlternatingProjections or FixedEffectsAlgorithm.ConjugateGradient;
        return new(method, iterative ? most : 1, converged, iterative ? achieved : 0);
    }

    private void CheckRows(int rows)
    {
        if (rows != Rows) throw new ArgumentException($"Column has {rows} rows; the fixed effects have {Rows}.");
    }

    /// <summary>Per-thread work arrays, sized once so the inner loops allocate nothing.</summary>
    internal sealed class Scratch
    {
        public readonly double[] SumsA, SumsB, Tau;
        public readonly double[][] X = [], GX = [], GGX = [];
        public readonly double[][] R = [], Z = [], P = [], Q = [], VSums = [];

        public Scratch(FixedEffectsProjector p)
        {
            int maxLevels = p._factors.Length == 0 ? 0 : p._factors.Max(f => f.LevelCount);
            SumsA = new double[maxLevels];
            SumsB = new double[maxLevels];
            Tau = new double[maxLevels];
            if (p.Method is FixedEffectsAlgorithm.AlternatingProjections or FixedEffectsAlgorithm.ConjugateGradient)
            {
                double[][] New() => p._factors.Select(f => new double[f.LevelCount]).ToArray();
                X = New();
                GX = New();
                GGX = New();
                R = New();
                Z = New();
                P = New();
                Q = New();
                VSums = New();
            }
        }
    }

    private ColumnOutcome DemeanColumn(Span<double> v, Scratch s)
    {
        switch (Method)
        {
            case FixedEffectsAlgorithm.OneWay:
                DemeanOneWay(v, _factors[0], _inverseSizes[0], s.SumsA);
                return ColumnOutcome.Exact;
            case FixedEffectsAlgorithm.BalancedTwoWay:
                DemeanBalanced(v, s);
                return ColumnOutcome.Exact;
            case FixedEffectsAlgorithm.ExactTwoWay:
                DemeanExactTwoWay(v, s);
                return ColumnOutcome.Exact;
            default:
                return DemeanIterative(v, s);
        }
    }

    /// <summary>v ← v − group mean, block-wise when the factor is sorted (contiguous, in cache).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DemeanOneWay(Span<double> v, GroupCodes f, double[] inverseSizes, double[] sums)
    {
        if (f.IsSorted)
        {
            var starts = f.BlockStarts;
            for (int g = 0; g < f.LevelCount; g++)
            {
                var block = v[starts[g]..starts[g + 1]];
                if (block.Length == 0) continue;
                VectorKernels.AddScalar(block, -VectorKernels.Sum(block) * inverseSizes[g]);
            }
            return;
        }
        var codes = f.Codes;
        GroupSums(v, codes, sums.AsSpan(0, f.LevelCount));
        for (int g = 0; g < f.LevelCount; g++) sums[g] *= inverseSizes[g];
        for (int r = 0; r < v.Length; r++) v[r] -= sums[codes[r]];
    }

    private static void GroupSums(ReadOnlySpan<double> v, ReadOnlySpan<int> codes, Span<double> sums)
    {
        sums.Clear();
        for (int r = 0; r < v.Length; r++) sums[codes[r]] += v[r];
    }

    private void DemeanBalanced(Span<double> v, Scratch s)
    {
        var a = _factors[0];
        var b = _factors[1];
        var ac = a.Codes;
        var bc = b.Codes;
        var ma = s.SumsA.AsSpan(0, a.LevelCount);
        var mb = s.SumsB.AsSpan(0, b.LevelCount);
        ma.Clear();
        mb.Clear();
        double total = 0;
        for (int r = 0; r < v.Length; r++)
        {
            ma[ac[r]] += v[r];
            mb[bc[r]] += v[r];
            total += v[r];
        }
        double grand = total / v.Length;
        for (int g = 0; g < ma.Length; g++) ma[g] = ma[g] * _inverseSizes[0][g] - grand;
        for (int g = 0; g < mb.Length; g++) mb[g] *= _inverseSizes[1][g];
        for (int r = 0; r < v.Length; r++) v[r] -= ma[ac[r]] + mb[bc[r]];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DemeanExactTwoWay(Span<double> v, Scratch s)
    {
        var big = _factors[_bigIndex];
        var small = _factors[_smallIndex];
        var invBig = _inverseSizes[_bigIndex];
        var bc = small.Codes;
        var sumsB = s.SumsB.AsSpan(0, small.LevelCount);
        sumsB.Clear();
        // (1) v ← M_A v and r = D_B' M_A v, fused when A's rows are contiguous.
        if (big.IsSorted)
        {
            var starts = big.BlockStarts;
            for (int g = 0; g < big.LevelCount; g++)
            {
                int lo = starts[g], hi = starts[g + 1];
                if (lo == hi) continue;
                var block = v[lo..hi];
                double mean = VectorKernels.Sum(block) * invBig[g];
                for (int r = lo; r < hi; r++)
                {
                    double x = v[r] - mean;
                    v[r] = x;
                    sumsB[bc[r]] += x;
                }
            }
        }
        else
        {
            DemeanOneWay(v, big, invBig, s.SumsA);
            for (int r = 0; r < v.Length; r++) sumsB[bc[r]] += v[r];
        }
        // (2) Solve C τ = r on the reduced system.
        var tau = s.Tau.AsSpan(0, small.LevelCount);
        SolveSmallFactor(sumsB, tau);
        // (3) v ← v − M_A D_B τ = v − τ_b(r) + mean over r's A-group of τ_b.
        if (big.IsSorted)
        {
            var starts = big.BlockStarts;
            for (int g = 0; g < big.LevelCount; g++)
            {
                int lo = starts[g], hi = starts[g + 1];
                double m = SumOfEffects(tau, bc.Slice(lo, hi - lo)) * invBig[g];
                for (int r = lo; r < hi; r++) v[r] -= tau[bc[r]] - m;
            }
        }
        else
        {
            var ac = big.Codes;
            var tauMean = s.SumsA.AsSpan(0, big.LevelCount);
            tauMean.Clear();
            for (int r = 0; r < v.Length; r++) tauMean[ac[r]] += tau[bc[r]];
            for (int g = 0; g < tauMean.Length; g++) tauMean[g] *= invBig[g];
            for (int r = 0; r < v.Length; r++) v[r] -= tau[bc[r]] - tauMean[ac[r]];
        }
    }

    /// <summary>τ from C τ = D_B' M_A v (its sums <paramref name="sumsB"/>), one reference level of B per connected component fixed at 0.</summary>
    private void SolveSmallFactor(ReadOnlySpan<double> sumsB, Span<double> tau)
    {
        var map = _smallReducedIndex!;
        var rhs = new double[_smallSystem!.Size];
        for (int g = 0; g < map.Length; g++) if (map[g] >= 0) rhs[map[g]] = sumsB[g];
        var solution = _smallSystem.Solve(rhs);
        for (int g = 0; g < map.Length; g++) tau[g] = map[g] >= 0 ? solution[map[g]] : 0;
    }

    /// <summary>
    /// C = D_B' M_A D_B = diag(n_b) − Σ_a c_a c_a' / n_a, with c_a the counts of B-levels within A-level a.
    /// When an A-level covers most B-levels once (a nearly balanced panel), c_a = 1 − m_a with m_a its few
    /// missing levels, and the outer product is expanded so the cost is O(#missing²) instead of O(p²).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[,] BuildSmallMatrix(GroupCodes big, GroupCodes small, double[] invBig)
    {
        int p = small.LevelCount;
        var c = new double[p, p];
        var bSizes = small.Sizes;
        for (int b = 0; b < p; b++) c[b, b] = bSizes[b];
        var order = RowsByLevel(big, out var starts);
        var counts = new int[p];
        var touched = new int[p];
        var missing = new int[p];
        var u = new double[p];
        double w = 0;
        var bc = small.Codes;
        for (int a = 0; a < big.LevelCount; a++)
        {
            int lo = starts[a], hi = starts[a + 1];
            if (lo == hi) continue;
            int nTouched = 0;
            bool allOnes = true;
            for (int k = lo; k < hi; k++)
            {
                int b = bc[order is null ? k : order[k]];
                if (counts[b]++ == 0) touched[nTouched++] = b;
                else allOnes = false;
            }
            double wa = invBig[a];
            if (allOnes && nTouched > p / 2)
            {
                int nMissing = 0;
                for (int b = 0; b < p; b++) if (counts[b] == 0) missing[nMissing++] = b;
                w += wa;
                for (int i = 0; i < nMissing; i++)
                {
                    int b1 = missing[i];
                    u[b1] += wa;
                    for (int j = 0; j < nMissing; j++) c[b1, missing[j]] -= wa;
                }
            }
            else
            {
                for (int i = 0; i < nTouched; i++)
                {
                    int b1 = touched[i];
                    double x = wa * counts[b1];
                    for (int j = 0; j < nTouched; j++) c[b1, touched[j]] -= x * counts[touched[j]];
                }
            }
            for (int i = 0; i < nTouched; i++) counts[touched[i]] = 0;
        }
        // Expand Σ w_a (1 − m_a)(1 − m_a)' = W·11' − 1u' − u1' + Σ w_a m_a m_a' (the last term added above).
        if (w != 0)
            for (int i = 0; i < p; i++)
                for (int j = 0; j < p; j++) c[i, j] -= w - u[i] - u[j];
        return c;
    }

    /// <summary>The system on the levels of B that carry a parameter: one reference level per connected component (plus empty levels) is fixed at 0.</summary>
    private static (CholeskySolver, int[]) ReduceSmallSystem(double[,] c, ReadOnlySpan<int> bSizes, int[] component)
    {
        int p = bSizes.Length;
        var seen = new HashSet<int>();
        var map = new int[p];
        for (int b = p - 1; b >= 0; b--)
            map[b] = bSizes[b] == 0 || seen.Add(component[b]) ? -1 : 0;
        int next = 0;
        for (int b = 0; b < p; b++) if (map[b] == 0) map[b] = next++;
        var reduced = new double[next, next];
        for (int i = 0; i < p; i++)
        {
            if (map[i] < 0) continue;
            for (int j = 0; j < p; j++)
                if (map[j] >= 0) reduced[map[i], map[j]] = c[i, j];
        }
        return (new CholeskySolver(reduced, 1e-13), map);
    }

    /// <summary>Distinct (a, b) pairs occurring in the rows, grouped by a, with their counts.</summary>
    private static (int[], int[], double[]) BuildPairs(GroupCodes a, GroupCodes b)
    {
        var order = RowsByLevel(a, out var starts);
        var bc = b.Codes;
        var slot = new int[b.LevelCount];
        Array.Fill(slot, -1);
        var pa = new List<int>();
        var pb = new List<int>();
        var pc = new List<double>();
        for (int g = 0; g < a.LevelCount; g++)
        {
            int first = pa.Count;
            for (int k = starts[g]; k < starts[g + 1]; k++)
            {
                int level = bc[order is null ? k : order[k]];
                if (slot[level] < first) // not yet seen for this a-level (slots of earlier a-levels are < first)
                {
                    slot[level] = pa.Count;
                    pa.Add(g);
                    pb.Add(level);
                    pc.Add(1);
                }
                else pc[slot[level]] += 1;
            }
        }
        return (pa.ToArray(), pb.ToArray(), pc.ToArray());
    }

    /// <summary>Row order grouped by level (null when the factor is already sorted) and the block starts.</summary>
    private static int[]? RowsByLevel(GroupCodes f, out int[] starts)
    {
        starts = new int[f.LevelCount + 1];
        var sizes = f.Sizes;
        for (int g = 0; g < f.LevelCount; g++) starts[g + 1] = starts[g] + sizes[g];
        if (f.IsSorted) return null;
        var next = starts[..^1].ToArray();
        var order = new int[f.Count];
        var codes = f.Codes;
        for (int r = 0; r < codes.Length; r++) order[next[codes[r]]++] = r;
        return order;
    }

    private static bool IsBalancedPair(GroupCodes a, GroupCodes b)
    {
        long la = a.NonEmptyLevelCount, lb = b.NonEmptyLevelCount;
        if (la != a.LevelCount || lb != b.LevelCount || la * lb != a.Count) return false;
        foreach (var s in a.Sizes) if (s != lb) return false;
        foreach (var s in b.Sizes) if (s != la) return false;
        // Equal sizes could still hide duplicated pairs; check each (a, b) occurs once.
        var seen = new System.Collections.BitArray(checked((int)(la * lb)));
        var ac = a.Codes;
        var bc = b.Codes;
        for (int r = 0; r < ac.Length; r++)
        {
            int key = (int)(ac[r] * lb + bc[r]);
            if (seen[key]) return false;
            seen[key] = true;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] UnionFind(GroupCodes a, GroupCodes b)
    {
        var parent = new int[a.LevelCount + b.LevelCount];
        for (int i = 0; i < parent.Length; i++) parent[i] = i;
        var ac = a.Codes;
        var bc = b.Codes;
        if (a.IsSorted)
        {
            // Rows of an a-level are contiguous: its root is found once per block and kept up to date.
            var starts = a.BlockStarts;
            for (int g = 0; g < a.LevelCount; g++)
            {
                int root = Find(parent, g);
                foreach (int level in bc[starts[g]..starts[g + 1]])
                {
                    int y = Find(parent, a.LevelCount + level);
                    if (y == root) continue;
                    parent[Math.Max(root, y)] = Math.Min(root, y);
                    root = Math.Min(root, y);
                }
            }
            return parent;
        }
        for (int r = 0; r < ac.Length; r++)
        {
            int x = Find(parent, ac[r]), y = Find(parent, a.LevelCount + bc[r]);
            // Link the larger root under the smaller so roots are canonical (the smallest index).
            if (x != y) parent[Math.Max(x, y)] = Math.Min(x, y);
        }
        return parent;
    }

    /// <summary>Connected components of the bipartite graph linking levels of a and b that share a row.</summary>
    private static int CountConnectedComponents(int[] parent, GroupCodes a, GroupCodes b)
    {
        int count = 0;
        var sa = a.Sizes;
        for (int g = 0; g < a.LevelCount; g++) if (sa[g] > 0 && Find(parent, g) == g) count++;
        var sb = b.Sizes;
        for (int g = 0; g < b.LevelCount; g++) if (sb[g] > 0 && Find(parent, a.LevelCount + g) == a.LevelCount + g) count++;
        return count;
    }

    /// <summary>
    /// Iterative projection of one column. First alternating projections in the space of fixed-effect
    /// coefficients: one sweep F sets each factor's coefficients to the group means of v minus the other
    /// factors' current effects (Gauss–Seidel), every second sweep extrapolated by Irons–Tuck:
    /// X ← F²X − (δ₁·δ₂/δ₂·δ₂) δ₁ with δ₁ = F²X − FX and δ₂ = δ₁ − (FX − X). When that has not met the
    /// tolerance within the sweep budget (it stalls on weakly connected designs, where its rate is one minus
    /// the spectral gap of the factors' graph), conjugate gradient takes over from the last sweep's coefficients.
    /// </summary>
    private ColumnOutcome DemeanIterative(Span<double> v, Scratch s)
    {
        double scale = Math.Sqrt(VectorKernels.Dot(v, v) / Math.Max(1, v.Length));
        if (scale == 0) return new ColumnOutcome(0, true, Method == FixedEffectsAlgorithm.ConjugateGradient, 0);
        double threshold = _options.Tolerance * scale;
        foreach (var x in s.X) Array.Clear(x);
        if (_pairA is not null)
        {
            Array.Clear(s.VSums[0]);
            Array.Clear(s.VSums[1]);
            var c0 = _factors[0].CodesArray.AsSpan(0, v.Length);
            var c1 = _factors[1].CodesArray.AsSpan(0, v.Length);
            var s0 = s.VSums[0];
            var s1 = s.VSums[1];
            for (int r = 0; r < v.Length; r++)
            {
                s0[c0[r]] += v[r];
                s1[c1[r]] += v[r];
            }
        }
        int budget = Math.Min(_alternatingBudget, _options.MaxIterations);
        int sweeps = 0;
        double[][] alpha = s.X;
        while (sweeps < budget)
        {
            Sweep(v, s.X, s.GX, s);
            sweeps++;
            alpha = s.GX;
            double change = MaxDifference(s.GX, s.X);
            if (change <= threshold)
            {
                SubtractEffects(v, s.GX);
                return new ColumnOutcome(sweeps, true, false, change / scale);
            }
            if (sweeps >= budget) break;
            Sweep(v, s.GX, s.GGX, s);
            sweeps++;
            double num = 0, den = 0;
            for (int f = 0; f < _factors.Length; f++)
            {
                var x = s.X[f];
                var gx = s.GX[f];
                var ggx = s.GGX[f];
                for (int g = 0; g < x.Length; g++)
                {
                    double d1 = ggx[g] - gx[g];
                    double d2 = d1 - (gx[g] - x[g]);
                    num += d1 * d2;
                    den += d2 * d2;
                }
            }
            double coef = den > 0 ? num / den : 0;
            for (int f = 0; f < _factors.Length; f++)
            {
                var x = s.X[f];
                var gx = s.GX[f];
                var ggx = s.GGX[f];
                for (int g = 0; g < x.Length; g++) x[g] = ggx[g] - coef * (ggx[g] - gx[g]);
            }
            alpha = s.X;
        }
        int steps = ConjugateGradient(v, alpha, s, threshold, out double achieved);
        bool converged = achieved <= threshold;
        if (!converged && _options.RequireConvergence)
            throw new SpecificationException(
                $"Removing the fixed effects ({string.Join(", ", _factors.Select(f => f.Name))}) did not converge in {_options.MaxIterations} iterations " +
                $"to tolerance {_options.Tolerance:G3} (alternating projections, then conjugate gradient reached {achieved / scale:G3}); " +
                "raise DemeaningOptions.MaxIterations or check for nearly disconnected fixed-effect groups.");
        SubtractEffects(v, alpha);
        return new ColumnOutcome(sweeps + steps, converged, true, achieved / scale);
    }

    /// <summary>
    /// Preconditioned conjugate gradient on D'D α = D'v, started from <paramref name="alpha"/> (updated in place),
    /// with preconditioner diag(D'D)⁻¹ = the inverse level sizes. Stops when every group mean of the residual
    /// v − Dα, i.e. (D'(v − Dα))_g / n_g, is at most <paramref name="threshold"/> in absolute value — the same
    /// quantity alternating projections test (the change a further sweep would make). The system is singular
    /// (one redundancy per connected component) but consistent, and CG stays in the range of D'D, so it
    /// converges to a least-squares solution; v − Dα is unique. The recursively updated residual is checked
    /// against the true one at the end and the iteration restarted if rounding made them drift apart.
    /// Returns the number of steps; <paramref name="achieved"/> is the final (true) criterion.
    /// </summary>
    private int ConjugateGradient(ReadOnlySpan<double> v, double[][] alpha, Scratch s, double threshold, out double achieved)
    {
        var r = s.R;
        var z = s.Z;
        var p = s.P;
        var q = s.Q;
        int steps = 0;
        NormalResidual(v, alpha, r);
        achieved = ScaledMax(r);
        while (achieved > threshold && steps < _options.MaxIterations)
        {
            double rz = PreconditionInto(r, z);
            for (int f = 0; f < p.Length; f++) Array.Copy(z[f], p[f], z[f].Length);
            while (steps < _options.MaxIterations)
            {
                NormalProduct(p, q);
                steps++;
                double pq = Dot(p, q);
                if (!(pq > 0)) break;
                double step = rz / pq;
                for (int f = 0; f < p.Length; f++)
                {
                    var af = alpha[f];
                    var pf = p[f];
                    var rf = r[f];
                    var qf = q[f];
                    for (int g = 0; g < af.Length; g++)
                    {
                        af[g] += step * pf[g];
                        rf[g] -= step * qf[g];
                    }
                }
                if (ScaledMax(r) <= threshold) break;
                double rzNext = PreconditionInto(r, z);
                double beta = rzNext / rz;
                rz = rzNext;
                for (int f = 0; f < p.Length; f++)
                {
                    var pf = p[f];
                    var zf = z[f];
                    for (int g = 0; g < pf.Length; g++) pf[g] = zf[g] + beta * pf[g];
                }
            }
            double previous = achieved;
            NormalResidual(v, alpha, r);
            achieved = ScaledMax(r);
            if (!(achieved < previous)) break; // no progress from a restart: rounding floor reached
        }
        return steps;
    }

    /// <summary>max over levels of |r_g| / n_g.</summary>
    private double ScaledMax(double[][] r)
    {
        double m = 0;
        for (int f = 0; f < r.Length; f++)
        {
            var rf = r[f];
            var inv = _inverseSizes[f];
            for (int g = 0; g < rf.Length; g++) m = Math.Max(m, Math.Abs(rf[g]) * inv[g]);
        }
        return m;
    }

    /// <summary>z = r / n (level-wise); returns r·z.</summary>
    private double PreconditionInto(double[][] r, double[][] z)
    {
        double sum = 0;
        for (int f = 0; f < r.Length; f++)
        {
            var rf = r[f];
            var zf = z[f];
            var inv = _inverseSizes[f];
            for (int g = 0; g < rf.Length; g++)
            {
                zf[g] = rf[g] * inv[g];
                sum += rf[g] * zf[g];
            }
        }
        return sum;
    }

    private static double Dot(double[][] a, double[][] b)
    {
        double sum = 0;
        for (int f = 0; f < a.Length; f++) sum += VectorKernels.Dot(a[f], b[f]);
        return sum;
    }

    /// <summary>q = D'D p in one pass over the rows (no N-length work array).</summary>
    private void NormalProduct(double[][] p, double[][] q)
    {
        foreach (var qf in q) Array.Clear(qf);
        int n = Rows;
        if (_pairA is not null)
        {
            // D'D = [diag(n_a) C; C' diag(n_b)] with C the pair counts.
            var pa = _pairA;
            var pb = _pairB!;
            var pc = _pairCount!;
            var p0 = p[0];
            var p1 = p[1];
            var q0 = q[0];
            var q1 = q[1];
            for (int k = 0; k < pa.Length; k++)
            {
                int a = pa[k], b = pb[k];
                double c = pc[k];
                q0[a] += c * p1[b];
                q1[b] += c * p0[a];
            }
            var s0 = _factors[0].Sizes;
            var s1 = _factors[1].Sizes;
            for (int g = 0; g < q0.Length; g++) q0[g] += s0[g] * p0[g];
            for (int g = 0; g < q1.Length; g++) q1[g] += s1[g] * p1[g];
            return;
        }
        if (_factors.Length == 3)
        {
            var c0 = _factors[0].CodesArray.AsSpan(0, n);
            var c1 = _factors[1].CodesArray.AsSpan(0, n);
            var c2 = _factors[2].CodesArray.AsSpan(0, n);
            var p0 = p[0];
            var p1 = p[1];
            var p2 = p[2];
            var q0 = q[0];
            var q1 = q[1];
            var q2 = q[2];
            for (int row = 0; row < c0.Length; row++)
            {
                int a = c0[row], b = c1[row], c = c2[row];
                double w = p0[a] + p1[b] + p2[c];
                q0[a] += w;
                q1[b] += w;
                q2[c] += w;
            }
            return;
        }
        var codes = _factors.Select(f => f.CodesArray).ToArray();
        for (int row = 0; row < n; row++)
        {
            double w = 0;
            for (int f = 0; f < codes.Length; f++) w += p[f][codes[f][row]];
            for (int f = 0; f < codes.Length; f++) q[f][codes[f][row]] += w;
        }
    }

    /// <summary>r = D'(v − Dα) in one pass over the rows.</summary>
    private void NormalResidual(ReadOnlySpan<double> v, double[][] alpha, double[][] r)
    {
        foreach (var rf in r) Array.Clear(rf);
        var codes = _factors.Select(f => f.CodesArray).ToArray();
        for (int row = 0; row < v.Length; row++)
        {
            double e = v[row];
            for (int f = 0; f < codes.Length; f++) e -= alpha[f][codes[f][row]];
            for (int f = 0; f < codes.Length; f++) r[f][codes[f][row]] += e;
        }
    }

    /// <summary>v ← v − Σ_f α_f[code_f(r)].</summary>
    private void SubtractEffects(Span<double> v, double[][] alpha)
    {
        for (int f = 0; f < _factors.Length; f++)
        {
            var a = alpha[f];
            var codes = _factors[f].Codes;
            for (int r = 0; r < v.Length; r++) v[r] -= a[codes[r]];
        }
    }

    private void Sweep(ReadOnlySpan<double> v, double[][] from, double[][] to, Scratch scratch)
    {
        var sums = scratch.SumsA;
        int nf = _factors.Length;
        if (_pairA is not null)
        {
            // On the bipartite graph: α_a = (Σ_{rows of a} v − Σ_b c_ab γ_b) / n_a, then γ_b likewise from the new α.
            var pa = _pairA;
            var pb = _pairB!;
            var pc = _pairCount!;
            var t0 = to[0];
            var t1 = to[1];
            var f1 = from[1];
            Array.Copy(scratch.VSums[0], t0, t0.Length);
            Array.Copy(scratch.VSums[1], t1, t1.Length);
            for (int k = 0; k < pa.Length; k++) t0[pa[k]] -= pc[k] * f1[pb[k]];
            var inv0 = _inverseSizes[0];
            for (int g = 0; g < t0.Length; g++) t0[g] *= inv0[g];
            for (int k = 0; k < pa.Length; k++) t1[pb[k]] -= pc[k] * t0[pa[k]];
            var inv1 = _inverseSizes[1];
            for (int g = 0; g < t1.Length; g++) t1[g] *= inv1[g];
            return;
        }
        if (nf == 3)
        {
            // Unrolled: each factor's means of v minus the other two factors' current effects (newest first).
            var c0 = _factors[0].CodesArray;
            var c1 = _factors[1].CodesArray;
            var c2 = _factors[2].CodesArray;
            SweepThree(v, c0, c1, c2, from[1], from[2], to[0], _inverseSizes[0], sums);
            SweepThree(v, c1, c0, c2, to[0], from[2], to[1], _inverseSizes[1], sums);
            SweepThree(v, c2, c0, c1, to[0], to[1], to[2], _inverseSizes[2], sums);
            return;
        }
        var codes = _factors.Select(f => f.CodesArray).ToArray();
        for (int f = 0; f < nf; f++)
        {
            var own = codes[f];
            var acc = sums.AsSpan(0, _factors[f].LevelCount);
            acc.Clear();
            for (int r = 0; r < v.Length; r++)
            {
                double x = v[r];
                for (int h = 0; h < nf; h++)
                {
                    if (h == f) continue;
                    x -= (h < f ? to[h] : from[h])[codes[h][r]];
                }
                acc[own[r]] += x;
            }
            var target = to[f];
            var inv = _inverseSizes[f];
            for (int g = 0; g < target.Length; g++) target[g] = acc[g] * inv[g];
        }
    }

    /// <summary>target[g] = mean over rows of level g of v − e1[codes1] − e2[codes2].</summary>
    private static void SweepThree(ReadOnlySpan<double> v, int[] own, int[] codes1, int[] codes2, double[] e1, double[] e2, double[] target, double[] inverseSizes, double[] sums)
    {
        var acc = sums.AsSpan(0, target.Length);
        acc.Clear();
        var o = own.AsSpan(0, v.Length);
        var k1 = codes1.AsSpan(0, v.Length);
        var k2 = codes2.AsSpan(0, v.Length);
        for (int r = 0; r < v.Length; r++) acc[o[r]] += v[r] - e1[k1[r]] - e2[k2[r]];
        for (int g = 0; g < target.Length; g++) target[g] = acc[g] * inverseSizes[g];
    }

    private static double MaxDifference(double[][] a, double[][] b)
    {
        double m = 0;
        for (int f = 0; f < a.Length; f++)
            for (int g = 0; g < a[f].Length; g++)
                m = Math.Max(m, Math.Abs(a[f][g] - b[f][g]));
        return m;
    }
}
