using System.Numerics;
using System.Runtime.CompilerServices;

namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>Extremes, sum and centred sum of squares of one source column over the design rows.</summary>
internal readonly record struct SourceColumnSummary(double Min, double Max, double Sum, double CenteredSs);

/// <summary>
/// What the first pass of <see cref="FixedEffectsProjector.SummariseSource"/> learnt about the source columns: their
/// summaries and, per column, the fixed-effect coefficients that the second pass subtracts.
/// </summary>
internal sealed class SourcePlan
{
    internal SourcePlan(IReadOnlyList<double[]> sources, int[]? rows, SourceColumnSummary[] summaries, double[][] groupMeans, double[][]? smallEffects)
    {
        Sources = sources;
        Rows = rows;
        Summaries = summaries;
        GroupMeans = groupMeans;
        SmallEffects = smallEffects;
    }

    /// <summary>The source columns (full length; read at <see cref="Rows"/>).</summary>
    public IReadOnlyList<double[]> Sources { get; }

    /// <summary>Source row of every design row (null: the identity).</summary>
    public int[]? Rows { get; }

    /// <summary>One summary per source column.</summary>
    public IReadOnlyList<SourceColumnSummary> Summaries { get; }

    /// <summary>Per column, the mean of each level of the (large) blocked factor.</summary>
    internal double[][] GroupMeans { get; }

    /// <summary>Per column, τ of the small factor (exact two-way method only).</summary>
    internal double[][]? SmallEffects { get; }
}

/// <summary>
/// Demeaning straight from the source columns, for designs that are not copied first: a first pass reads each
/// column once and finds its summaries and fixed-effect coefficients; the second writes the demeaned columns and
/// forms their cross-products block by block while the block is in cache. The arithmetic per element is the one of
/// the in-place methods, so the columns, and the cross-products (<see cref="CrossProducts.BlockPairSums"/> in block
/// order), are bit-identical to copying, demeaning in place and calling <see cref="CrossProducts.GramWithOutcome"/>;
/// three passes over the design (copy, demean, cross-products) become two, one of which only reads. (A test holds
/// the two routes to equality.)
/// </summary>
internal sealed partial class FixedEffectsProjector
{
    /// <summary>
    /// True when <see cref="SummariseSource"/> applies: one factor, or the exact two-way method, with the rows of the
    /// (large) factor contiguous (a panel sorted by entity).
    /// </summary>
    public bool CanDemeanFromSource => Method switch
    {
        FixedEffectsAlgorithm.OneWay => _factors[0].IsSorted,
        FixedEffectsAlgorithm.ExactTwoWay => _factors[_bigIndex].IsSorted,
        _ => false,
    };

    private GroupCodes BlockedFactor => _factors[Method == FixedEffectsAlgorithm.OneWay ? 0 : _bigIndex];

    /// <summary>
    /// First pass: the summaries of every source column over the design rows and its fixed-effect coefficients
    /// (columns in parallel). Reads the sources only.
    /// </summary>
    /// <param name="sources">Source columns, each indexed by source row.</param>
    /// <param name="rows">Source row of every design row, ascending (null: all rows).</param>
    public SourcePlan SummariseSource(IReadOnlyList<double[]> sources, int[]? rows)
    {
        if (!CanDemeanFromSource) throw new InvalidOperationException("Demeaning from the source needs a sorted one-way or exact two-way design.");
        CheckRows(rows?.Length ?? sources[0].Length);
        int m = sources.Count;
        var summaries = new SourceColumnSummary[m];
        var means = new double[m][];
        var effects = Method == FixedEffectsAlgorithm.ExactTwoWay ? new double[m][] : null;
        var blocked = BlockedFactor;
        int longest = 0;
        foreach (var size in blocked.Sizes) longest = Math.Max(longest, size);
        Parallel.For(0, m, () => (Buffer: rows is null ? [] : new double[longest], Scratch: new Scratch(this)), (j, _, local) =>
        {
            (summaries[j], means[j], var tau) = SummariseColumn(sources[j], rows, local.Buffer, local.Scratch);
            if (effects is not null) effects[j] = tau!;
            return local;
        }, _ => { });
        return new SourcePlan(sources, rows, summaries, means, effects);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (SourceColumnSummary, double[], double[]?) SummariseColumn(double[] source, int[]? rows, double[] buffer, Scratch s)
    {
        var blocked = BlockedFactor;
        var inv = _inverseSizes[Method == FixedEffectsAlgorithm.OneWay ? 0 : _bigIndex];
        var starts = blocked.BlockStarts;
        var means = new double[blocked.LevelCount];
        bool twoWay = Method == FixedEffectsAlgorithm.ExactTwoWay;
        var small = twoWay ? _factors[_smallIndex] : null;
        var bc = twoWay ? small!.Codes : default;
        var sumsB = s.SumsB.AsSpan(0, small?.LevelCount ?? 0);
        sumsB.Clear();
        double min = double.PositiveInfinity, max = double.NegativeInfinity, total = 0, within = 0;
        var laneMin = new Vector<double>(double.PositiveInfinity);
        var laneMax = new Vector<double>(double.NegativeInfinity);
        for (int g = 0; g < blocked.LevelCount; g++)
        {
            int lo = starts[g], hi = starts[g + 1];
            if (lo == hi) continue;
            ReadOnlySpan<double> block;
            if (rows is null) block = source.AsSpan(lo, hi - lo);
            else
            {
                var gathered = buffer.AsSpan(0, hi - lo);
                for (int r = lo; r < hi; r++) gathered[r - lo] = source[rows[r]];
                block = gathered;
            }
            // Added in the order of VectorKernels.Sum, so the mean is the one the in-place method forms.
            double sum = ColumnStatistics.SumTrackingExtremes(block, ref laneMin, ref laneMax, ref min, ref max);
            double mean = sum * inv[g];
            means[g] = mean;
            total += sum;
            within += VectorKernels.SumOfSquaredDeviations(block, mean);
            if (twoWay)
            {
                var codes = bc.Slice(lo, hi - lo);
                for (int i = 0; i < codes.Length; i++) sumsB[codes[i]] += block[i] - mean;
            }
        }
        (min, max) = ColumnStatistics.ReduceExtremes(laneMin, laneMax, min, max);
        // Centred sum of squares from the block means: Σ_g [Σ_r (v − v̄_g)² + n_g (v̄_g − v̄)²].
        int n = blocked.Count;
        double grand = total / n, centred = within;
        var sizes = blocked.Sizes;
        for (int g = 0; g < means.Length; g++)
            if (sizes[g] > 0) centred += sizes[g] * (means[g] - grand) * (means[g] - grand);
        double[]? tau = null;
        if (twoWay)
        {
            tau = new double[small!.LevelCount];
            SolveSmallFactor(sumsB, tau);
        }
        return (new SourceColumnSummary(min, max, total, centred), means, tau);
    }

    /// <summary>
    /// Second pass: writes the demeaned source columns into <paramref name="x"/> (columns 0..k−1) and
    /// <paramref name="y"/> (the last source column) and returns the packed pair sums of [X | y] in the order of
    /// <see cref="CrossProducts.GramWithOutcome"/> (row blocks in parallel, added in block order).
    /// </summary>
    /// <param name="plan">The first pass's result.</param>
    /// <param name="x">Target for the first k source columns (design rows × k).</param>
    /// <param name="y">Target for the last source column.</param>
    /// <param name="zero">Columns written as zeros (e.g. constants, which the estimator drops).</param>
    public double[] WriteDemeaned(SourcePlan plan, ColumnMajorMatrix x, double[] y, bool[] zero)
    {
        int k = x.Columns, n = x.Rows;
        if (plan.Sources.Count != k + 1 || y.Length != n || zero.Length != k + 1) throw new ArgumentException("Targets do not match the plan.");
        int pairs = CrossProducts.PairCount(k, withOutcome: true);
        int blocks = CrossProducts.BlockCount(n);
        var partial = new double[blocks * pairs];
        var data = x.Storage;
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Block(int c)
        {
            int start = c * CrossProducts.BlockRows, end = Math.Min(n, start + CrossProducts.BlockRows);
            for (int j = 0; j <= k; j++)
            {
                var target = j < k ? data.AsSpan(j * n, n) : y.AsSpan();
                if (zero[j]) target[start..end].Clear();
                else WriteBlock(plan, j, start, end, target);
            }
            CrossProducts.BlockPairSums(data, n, k, y, null, c, partial.AsSpan(c * pairs, pairs));
        }
        if (blocks > 1 && (long)n * (k + 1) > 1_000_000) Parallel.For(0, blocks, Block);
        else for (int c = 0; c < blocks; c++) Block(c);
        return CrossProducts.SumBlocks(partial, blocks, pairs);
    }

    /// <summary>Design rows [start, end) of column j, demeaned: v − v̄_g, or (v − v̄_g) − (τ_b − mean of τ over g) with two factors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteBlock(SourcePlan plan, int j, int start, int end, Span<double> target)
    {
        var source = plan.Sources[j];
        var rows = plan.Rows;
        var means = plan.GroupMeans[j];
        var blocked = BlockedFactor;
        var starts = blocked.BlockStarts;
        int g = LastBlockStartingAtOrBefore(starts, start);
        if (Method == FixedEffectsAlgorithm.OneWay)
        {
            for (; g < blocked.LevelCount && starts[g] < end; g++)
            {
                int lo = Math.Max(starts[g], start), hi = Math.Min(starts[g + 1], end);
                double mean = means[g];
                var part = target.Slice(lo, hi - lo);
                if (rows is null)
                {
                    var values = source.AsSpan(lo, hi - lo);
                    for (int i = 0; i < part.Length; i++) part[i] = values[i] - mean;
                }
                else
                {
                    var at = rows.AsSpan(lo, hi - lo);
                    for (int i = 0; i < part.Length; i++) part[i] = source[at[i]] - mean;
                }
            }
            return;
        }
        var tau = plan.SmallEffects![j];
        var bc = _factors[_smallIndex].Codes;
        var inv = _inverseSizes[_bigIndex];
        for (; g < blocked.LevelCount && starts[g] < end; g++)
        {
            int lo = starts[g], hi = starts[g + 1];
            // The mean of τ over the whole level, even when the level straddles blocks.
            double m = SumOfEffects(tau, bc.Slice(lo, hi - lo)) * inv[g];
            double mean = means[g];
            int a = Math.Max(lo, start), b = Math.Min(hi, end);
            var codes = bc.Slice(a, b - a);
            var part = target.Slice(a, b - a);
            if (rows is null)
            {
                var values = source.AsSpan(a, b - a);
                for (int i = 0; i < part.Length; i++) part[i] = (values[i] - mean) - (tau[codes[i]] - m);
            }
            else
            {
                var at = rows.AsSpan(a, b - a);
                for (int i = 0; i < part.Length; i++) part[i] = (source[at[i]] - mean) - (tau[codes[i]] - m);
            }
        }
    }

    /// <summary>Σ τ[code] over the codes, with four partial sums (no chain of dependent additions).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SumOfEffects(ReadOnlySpan<double> tau, ReadOnlySpan<int> codes)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= codes.Length; i += 4)
        {
            s0 += tau[codes[i]];
            s1 += tau[codes[i + 1]];
            s2 += tau[codes[i + 2]];
            s3 += tau[codes[i + 3]];
        }
        for (; i < codes.Length; i++) s0 += tau[codes[i]];
        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>The level whose block holds design row <paramref name="row"/> (the last level starting at or before it).</summary>
    private static int LastBlockStartingAtOrBefore(ReadOnlySpan<int> starts, int row)
    {
        int lo = 0, hi = starts.Length - 2; // levels 0..L−1
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= row) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }
}
