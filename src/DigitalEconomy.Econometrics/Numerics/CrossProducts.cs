namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>Cross-product kernels X'X and X'y over column-major data.</summary>
public static class CrossProducts
{
    /// <summary>
    /// X'X as a dense k×k array (both triangles filled). Column pairs are independent dot products, so large
    /// problems run them in parallel; each pair's sum is computed by one thread in a fixed order, so the
    /// result does not depend on the thread count.
    /// </summary>
    public static double[,] Gram(ColumnMajorMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int k = x.Columns;
        var result = new double[k, k];
        int pairs = k * (k + 1) / 2;
        void Pair(int p)
        {
            // Map the linear pair index to (i, j) with j ≤ i.
            int i = (int)((Math.Sqrt(8.0 * p + 1) - 1) / 2);
            while (i * (i + 1) / 2 > p) i--;
            while ((i + 1) * (i + 2) / 2 <= p) i++;
            int j = p - i * (i + 1) / 2;
            double v = VectorKernels.Dot(x.Column(i), x.Column(j));
            result[i, j] = v;
            result[j, i] = v;
        }
        if ((long)x.Rows * pairs > 2_000_000)
            Parallel.For(0, pairs, Pair);
        else
            for (int p = 0; p < pairs; p++) Pair(p);
        return result;
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
    /// <summary>
    /// Σ_r w_r x_r x_r' — the weighted Gram matrix behind heteroskedasticity-robust meats (w = e², or
    /// e²/(1−h)^δ for HC2/HC3). Pairs run in parallel for large problems, each pair summed by one thread.
    /// </summary>
    public static double[,] WeightedGram(ColumnMajorMatrix x, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (weights.Length != x.Rows) throw new ArgumentException("Weights length differs from the number of rows.", nameof(weights));
        int k = x.Columns;
        var result = new double[k, k];
        var w = weights.ToArray();
        var pairs = PairList(k);
        void Pair(int p)
        {
            var (i, j) = pairs[p];
            double v = VectorKernels.WeightedDot(w, x.Column(i), x.Column(j));
            result[i, j] = v;
            result[j, i] = v;
        }
        if ((long)x.Rows * pairs.Length > 2_000_000)
            Parallel.For(0, pairs.Length, Pair);
        else
            for (int p = 0; p < pairs.Length; p++) Pair(p);
        return result;
    }

    /// <summary>X'y computed in parallel over columns for large N (each column one dot product, fixed order).</summary>
    public static double[] XtYParallel(ColumnMajorMatrix x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (y.Length != x.Rows) throw new ArgumentException("y length differs from the number of rows.", nameof(y));
        var result = new double[x.Columns];
        if ((long)x.Rows * x.Columns > 2_000_000)
            Parallel.For(0, x.Columns, j => result[j] = VectorKernels.Dot(x.Column(j), y));
        else
            for (int j = 0; j < x.Columns; j++) result[j] = VectorKernels.Dot(x.Column(j), y);
        return result;
    }

    private static (int I, int J)[] PairList(int k)
    {
        var pairs = new (int, int)[k * (k + 1) / 2];
        int p = 0;
        for (int i = 0; i < k; i++)
            for (int j = 0; j <= i; j++) pairs[p++] = (i, j);
        return pairs;
    }
}
