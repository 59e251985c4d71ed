using System.Runtime.CompilerServices;
namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// Cross-product kernels over column-major data: X'X, X'y, Σ w x x' and y − Xβ. Rows are processed in fixed
/// blocks of <see cref="BlockRows"/> so that every column segment of a block stays in cache while all k(k+1)/2
/// column pairs are formed (the data are streamed from memory once instead of k times). Blocks run in parallel
/// and their partial sums are added in block order, so results are identical whatever the thread count.
/// </summary>
internal static class CrossProducts
{
    /// <summary>Rows per block (fixed, so partial sums and hence results do not depend on the machine).</summary>
    public const int BlockRows = 4096;

    /// <summary>X'X as a dense k×k array (both triangles filled).</summary>
    public static double[,] Gram(ColumnMajorMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Unpack(PairSums(x, null, null), x.Columns);
    }

    /// <summary>X'y as a length-k vector.</summary>
    public static double[] XtY(ColumnMajorMatrix x, ReadOnlySpan<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (y.Length != x.Rows) throw new ArgumentException("y length differs from the number of rows.", nameof(y));
        var result = new double[x.Columns];
        for (int j = 0; j < x.Columns; j++) result[j] = VectorKernels.Dot(x.Column(j), y);
        return result;
    }

    /// <summary>X'y computed block-wise in parallel for large N (same block order whatever the thread count).</summary>
    public static double[] XtYParallel(ColumnMajorMatrix x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        GramWithOutcome(x, y, out var xty, out _);
        return xty;
    }

    /// <summary>
    /// X'X, X'y and y'y in one pass over the data (the augmented Gram matrix of [X | y]).
    /// </summary>
    public static double[,] GramWithOutcome(ColumnMajorMatrix x, double[] y, out double[] xty, out double yty)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (y.Length != x.Rows) throw new ArgumentException("y length differs from the number of rows.", nameof(y));
        return FromPackedWithOutcome(PairSums(x, y, null), x.Columns, out xty, out yty);
    }

    /// <summary>
    /// Σ_r w_r x_r x_r' — the weighted Gram matrix behind heteroskedasticity-robust meats (w = e², or
    /// e²/(1−h)^δ for HC2/HC3).
    /// </summary>
    public static double[,] WeightedGram(ColumnMajorMatrix x, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (weights.Length != x.Rows) throw new ArgumentException("Weights length differs from the number of rows.", nameof(weights));
        return Unpack(PairSums(x, null, weights.ToArray()), x.Columns);
    }

    /// <summary>Weighted Gram matrix from a weight array (not copied).</summary>
    public static double[,] WeightedGram(ColumnMajorMatrix x, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length != x.Rows) throw new ArgumentException("Weights length differs from the number of rows.", nameof(weights));
        return Unpack(PairSums(x, null, weights), x.Columns);
    }

    /// <summary>y ← y − Xβ (residuals), block-wise in parallel; each element is computed by one thread in a fixed order.</summary>
    public static void SubtractProduct(ColumnMajorMatrix x, ReadOnlySpan<double> beta, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (beta.Length != x.Columns || y.Length != x.Rows) throw new ArgumentException("Dimensions do not match.");
        var b = beta.ToArray();
        var data = x.Storage;
        int rows = x.Rows, k = x.Columns;
        int blocks = (rows + BlockRows - 1) / BlockRows;
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Block(int c)
        {
            int start = c * BlockRows, len = Math.Min(BlockRows, rows - start);
            var target = y.AsSpan(start, len);
            for (int j = 0; j < k; j++)
                if (b[j] != 0) VectorKernels.Axpy(-b[j], data.AsSpan(j * rows + start, len), target);
        }
        if (blocks > 1 && (long)rows * k > 1_000_000) Parallel.For(0, blocks, Block);
        else for (int c = 0; c < blocks; c++) Block(c);
    }

    /// <summary>
    /// Lower-triangle pair sums Σ_r w_r a_r b_r over the columns of x (and y as an extra last column), packed
    /// row by row: (0,0), (1,0), (1,1), (2,0), …
    /// </summary>
    private static double[] PairSums(ColumnMajorMatrix x, double[]? y, double[]? weights)
    {
        int rows = x.Rows, k = x.Columns;
        int pairs = PairCount(k, y is not null);
        int blocks = BlockCount(rows);
        var partial = new double[blocks * pairs];
        void Block(int c) => BlockPairSums(x.Storage, rows, k, y, weights, c, partial.AsSpan(c * pairs, pairs));
        if (blocks > 1 && (long)rows * pairs > 2_000_000) Parallel.For(0, blocks, Block);
        else for (int c = 0; c < blocks; c++) Block(c);
        return SumBlocks(partial, blocks, pairs);
    }

    /// <summary>Number of packed pairs of k columns (plus y when <paramref name="withOutcome"/>).</summary>
    internal static int PairCount(int k, bool withOutcome)
    {
        int m = k + (withOutcome ? 1 : 0);
        return m * (m + 1) / 2;
    }

    /// <summary>Number of row blocks of <see cref="BlockRows"/> (at least one).</summary>
    internal static int BlockCount(int rows) => Math.Max(1, (rows + BlockRows - 1) / BlockRows);

    /// <summary>
    /// The packed pair sums of row block <paramref name="block"/> (rows [block·BlockRows, …)) of the column-major
    /// storage <paramref name="data"/> (k columns of <paramref name="rows"/> rows) and y. Kernels that produce the
    /// columns block by block call it while the block is in cache; <see cref="SumBlocks"/> then adds the blocks in order,
    /// which gives the same sums as <see cref="GramWithOutcome"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void BlockPairSums(double[] data, int rows, int k, double[]? y, double[]? weights, int block, Span<double> output)
    {
        int start = block * BlockRows, len = Math.Max(0, Math.Min(BlockRows, rows - start));
        int m = k + (y is null ? 0 : 1);
        ReadOnlySpan<double> Col(int i) => i < k ? data.AsSpan(i * rows + start, len) : y.AsSpan(start, len);
        static int At(int i, int j) => i * (i + 1) / 2 + j;
        if (weights is not null)
        {
            for (int i = 0; i < m; i++)
                for (int j = 0; j <= i; j++) output[At(i, j)] = VectorKernels.WeightedDot(weights.AsSpan(start, len), Col(i), Col(j));
            return;
        }
        // 2×2 tiles (i, i + 1) × (j, j + 1) of the lower triangle; on the diagonal the tile's upper corner is not needed.
        for (int i = 0; i < m; i += 2)
        {
            var a0 = Col(i);
            if (i + 1 == m)
            {
                int j = 0;
                for (; j + 1 < i; j += 2) (output[At(i, j)], output[At(i, j + 1)]) = VectorKernels.Dot2(a0, Col(j), Col(j + 1));
                for (; j <= i; j++) output[At(i, j)] = VectorKernels.Dot(a0, Col(j));
                continue;
            }
            var a1 = Col(i + 1);
            for (int j = 0; j <= i; j += 2)
            {
                var (s00, s01, s10, s11) = VectorKernels.Dot2x2(a0, a1, Col(j), Col(j + 1));
                output[At(i, j)] = s00;
                output[At(i + 1, j)] = s10;
                output[At(i + 1, j + 1)] = s11;
                if (j + 1 <= i) output[At(i, j + 1)] = s01;
            }
        }
    }

    /// <summary>Adds per-block packed sums in block order (results independent of the thread count).</summary>
    internal static double[] SumBlocks(double[] partial, int blocks, int pairs)
    {
        var total = new double[pairs];
        for (int c = 0; c < blocks; c++)
            for (int p = 0; p < pairs; p++) total[p] += partial[c * pairs + p];
        return total;
    }

    /// <summary>X'X, X'y and y'y from the packed pair sums of [X | y].</summary>
    internal static double[,] FromPackedWithOutcome(double[] packed, int k, out double[] xty, out double yty)
    {
        var full = Unpack(packed, k + 1);
        xty = new double[k];
        for (int j = 0; j < k; j++) xty[j] = full[k, j];
        yty = full[k, k];
        var gram = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) gram[i, j] = full[i, j];
        return gram;
    }

    private static double[,] Unpack(double[] packed, int m)
    {
        var result = new double[m, m];
        int p = 0;
        for (int i = 0; i < m; i++)
            for (int j = 0; j <= i; j++)
                result[i, j] = result[j, i] = packed[p++];
        return result;
    }
}
