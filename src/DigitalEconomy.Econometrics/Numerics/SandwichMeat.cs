using System.Runtime.CompilerServices;
namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// The "meat" M of sandwich variance estimators V = B M B with B = (X'X)⁻¹: heteroskedasticity-robust
/// (White 1980; MacKinnon and White 1985), one-way cluster (Liang and Zeger 1986; Arellano 1987), and the
/// time-series of cross-sectional scores used by Driscoll and Kraay (1998). Two-way clustering (Cameron,
/// Gelbach and Miller 2011) combines three cluster meats. Inputs are the (within-transformed) design and the
/// residuals; small-sample factors are applied by the caller.
/// </summary>
internal static class SandwichMeat
{
    /// <summary>M = Σ_r e_r² x_r x_r' (HC0 meat).</summary>
    public static double[,] Heteroskedastic(ColumnMajorMatrix x, ReadOnlySpan<double> residuals)
    {
        ArgumentNullException.ThrowIfNull(x);
        var w = new double[residuals.Length];
        for (int r = 0; r < w.Length; r++) w[r] = residuals[r] * residuals[r];
        return CrossProducts.WeightedGram(x, w);
    }

    /// <summary>HC0 meat from a residual array.</summary>
    public static double[,] Heteroskedastic(ColumnMajorMatrix x, double[] residuals) => Heteroskedastic(x, residuals.AsSpan());

    /// <summary>M = Σ_r ω_r x_r x_r' for given weights (HC2: e²/(1−h), HC3: e²/(1−h)²).</summary>
    public static double[,] Weighted(ColumnMajorMatrix x, ReadOnlySpan<double> weights) => CrossProducts.WeightedGram(x, weights);

    /// <summary>Weighted meat from a weight array (not copied).</summary>
    public static double[,] Weighted(ColumnMajorMatrix x, double[] weights) => CrossProducts.WeightedGram(x, weights);

    /// <summary>
    /// Cluster scores s_g = Σ_{r∈g} x_r e_r as a G×k column-major matrix. Columns run in parallel for large
    /// problems; when the clusters' rows are contiguous each score is a SIMD dot product over a block.
    /// </summary>
    public static ColumnMajorMatrix ClusterScores(ColumnMajorMatrix x, ReadOnlySpan<double> residuals, GroupCodes clusters) =>
        ClusterScores(x, residuals.ToArray(), clusters);

    /// <summary>Cluster scores from a residual array (not copied).</summary>
    public static ColumnMajorMatrix ClusterScores(ColumnMajorMatrix x, double[] residuals, GroupCodes clusters)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(residuals);
        ArgumentNullException.ThrowIfNull(clusters);
        if (residuals.Length != x.Rows || clusters.Count != x.Rows)
            throw new ArgumentException("Design, residuals and clusters differ in length.");
        if (clusters.IsSorted) return SortedClusterScores(x, residuals, clusters, null);
        int g = clusters.LevelCount, k = x.Columns;
        var scores = new ColumnMajorMatrix(g, k);
        var e = residuals;
        void Column(int j)
        {
            var xj = x.Column(j);
            var sj = scores.Column(j);
            var codes = clusters.Codes;
            for (int r = 0; r < xj.Length; r++) sj[codes[r]] += xj[r] * e[r];
        }
        if (k > 1 && (long)x.Rows * k > 1_000_000) Parallel.For(0, k, Column);
        else for (int j = 0; j < k; j++) Column(j);
        return scores;
    }

    /// <summary>
    /// Residuals e = y − Xβ written over <paramref name="y"/> and the cluster scores of <see cref="ClusterScores(ColumnMajorMatrix, double[], GroupCodes)"/>
    /// in one pass, for clusters whose rows are contiguous: each cluster's block of every column is read once, forms its
    /// residuals (the arithmetic of <see cref="CrossProducts.SubtractProduct"/>) and, still in cache, its scores.
    /// </summary>
    public static ColumnMajorMatrix ResidualsAndClusterScores(ColumnMajorMatrix x, ReadOnlySpan<double> beta, double[] y, GroupCodes clusters)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(clusters);
        if (!clusters.IsSorted) throw new ArgumentException("The clusters' rows must be contiguous.", nameof(clusters));
        if (beta.Length != x.Columns || y.Length != x.Rows || clusters.Count != x.Rows) throw new ArgumentException("Dimensions do not match.");
        return SortedClusterScores(x, y, clusters, beta.ToArray());
    }

    /// <summary>
    /// Scores of contiguous clusters, cluster by cluster so that the block of every column is read once while in cache;
    /// with <paramref name="beta"/>, each block of <paramref name="e"/> is first turned into residuals e − Xβ.
    /// </summary>
    private static ColumnMajorMatrix SortedClusterScores(ColumnMajorMatrix x, double[] e, GroupCodes clusters, double[]? beta)
    {
        int g = clusters.LevelCount, k = x.Columns, rows = x.Rows;
        var scores = new ColumnMajorMatrix(g, k);
        var starts = clusters.BlockStarts.ToArray();
        var data = x.Storage;
        const int chunk = 256;
        int chunks = (g + chunk - 1) / chunk;
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Clusters(int part)
        {
            for (int c = part * chunk; c < Math.Min(g, (part + 1) * chunk); c++)
            {
                int lo = starts[c], len = starts[c + 1] - lo;
                var ec = e.AsSpan(lo, len);
                if (beta is not null)
                    for (int j = 0; j < k; j++)
                        if (beta[j] != 0) VectorKernels.Axpy(-beta[j], data.AsSpan(j * rows + lo, len), ec);
                for (int j = 0; j < k; j++) scores[c, j] = VectorKernels.Dot(data.AsSpan(j * rows + lo, len), ec);
            }
        }
        if (chunks > 1 && (long)rows * k > 1_000_000) Parallel.For(0, chunks, Clusters);
        else for (int part = 0; part < chunks; part++) Clusters(part);
        return scores;
    }

    /// <summary>M = Σ_g s_g s_g' with s_g the cluster scores (one-way cluster meat).</summary>
    public static double[,] Cluster(ColumnMajorMatrix x, ReadOnlySpan<double> residuals, GroupCodes clusters) =>
        CrossProducts.Gram(ClusterScores(x, residuals, clusters));

    /// <summary>One-way cluster meat from a residual array (not copied).</summary>
    public static double[,] Cluster(ColumnMajorMatrix x, double[] residuals, GroupCodes clusters) =>
        CrossProducts.Gram(ClusterScores(x, residuals, clusters));

    /// <summary>
    /// Driscoll–Kraay meat: with h_t = Σ_i x_it e_it the period scores (periods coded 0..T−1 in time order),
    /// M = Γ₀ + Σ_{l=1..L} (1 − l/(L+1)) (Γ_l + Γ_l'), Γ_l = Σ_t h_t h_{t−l}' (Bartlett kernel, Newey–West 1987).
    /// </summary>
    public static double[,] DriscollKraay(ColumnMajorMatrix x, ReadOnlySpan<double> residuals, GroupCodes periods, int lags)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lags);
        var h = ClusterScores(x, residuals.ToArray(), periods);
        int t = h.Rows, k = h.Columns;
        var m = CrossProducts.Gram(h);
        for (int l = 1; l <= lags && l < t; l++)
        {
            double w = 1 - l / (lags + 1.0);
            for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++)
                {
                    double s = 0;
                    for (int p = l; p < t; p++) s += h[p, i] * h[p - l, j];
                    m[i, j] += w * s;
                    m[j, i] += w * s;
                }
        }
        return m;
    }

    /// <summary>
    /// Symmetric B M B (the sandwich) for k×k B and M, scaled by <paramref name="factor"/>.
    /// </summary>
    public static double[,] Sandwich(double[,] bread, double[,] meat, double factor = 1.0)
    {
        ArgumentNullException.ThrowIfNull(bread);
        ArgumentNullException.ThrowIfNull(meat);
        return Congruence(bread, meat, factor, transposeRight: false);
    }

    /// <summary>
    /// A M Aᵀ scaled by <paramref name="factor"/>, for a general k×k <paramref name="a"/>: the sandwich when the
    /// bread is given by a factor, e.g. B = R⁻¹R⁻ᵀ from X = QR, where the meat of the design Q is taken and
    /// A = R⁻¹ (then A M_Q Aᵀ = B M_X B without ever forming B from X'X).
    /// </summary>
    internal static double[,] FactoredSandwich(double[,] a, double[,] meat, double factor = 1.0) =>
        Congruence(a, meat, factor, transposeRight: true);

    /// <summary>A M A (symmetric A) or A M Aᵀ, symmetrised from the lower triangle and scaled.</summary>
    private static double[,] Congruence(double[,] a, double[,] meat, double factor, bool transposeRight)
    {
        int k = a.GetLength(0);
        var am = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[i, p] * meat[p, j];
                am[i, j] = s;
            }
        var v = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                if (transposeRight)
                    for (int p = 0; p < k; p++) s += am[i, p] * a[j, p];
                else
                    for (int p = 0; p < k; p++) s += am[i, p] * a[p, j];
                v[i, j] = v[j, i] = s * factor;
            }
        return v;
    }

    /// <summary>
    /// Projects a symmetric matrix onto the positive semi-definite cone by setting negative eigenvalues to 0
    /// (the fix Cameron, Gelbach and Miller 2011 propose for two-way cluster variances, used by reghdfe and
    /// fixest). Returns whether any eigenvalue was changed.
    /// </summary>
    public static bool ClipNegativeEigenvalues(double[,] v)
    {
        ArgumentNullException.ThrowIfNull(v);
        int k = v.GetLength(0);
        if (k == 0) return false;
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(v);
        var evd = m.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(c => c.Real).ToArray();
        if (values.All(x => x >= 0)) return false;
        var d = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DiagonalOfDiagonalArray(values.Select(x => Math.Max(0, x)).ToArray());
        var fixedV = evd.EigenVectors * d * evd.EigenVectors.Transpose();
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) v[i, j] = 0.5 * (fixedV[i, j] + fixedV[j, i]);
        return true;
    }
}
