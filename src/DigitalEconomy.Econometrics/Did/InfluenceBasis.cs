using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Did;

/// <summary>
/// The influence functions of a family of estimates, stored as ψ = M w: M is an n × m basis whose rows are short
/// (each row fills only its block's columns) and every estimate is a weight vector w over the m columns.
/// Without covariates the basis of unit i in cohort c is (1, y_i1, …, y_iT) placed in cohort c's block, so every
/// ATT(g,t), its aggregations and the influence of the estimated cohort shares are exact combinations, and a
/// multiplier-bootstrap draw costs n(T + 1) operations however many estimates there are. With covariates the basis
/// holds the cell influence functions themselves plus the cohort indicators.
/// Scaling follows R did: Var(estimate) is estimated by Σ_i ψ_i² / n².
/// </summary>
internal sealed class InfluenceBasis
{
    private readonly double[] _data;
    private readonly int[] _rowStart;
    private readonly int[] _offset;

    public InfluenceBasis(int columns, double[] data, int[] rowStart, int[] offset)
    {
        Columns = columns;
        _data = data;
        _rowStart = rowStart;
        _offset = offset;
    }

    public int Columns { get; }
    public int Rows => _offset.Length;

    /// <summary>G = M′M (m × m, row-major).</summary>
    public double[] Gram()
    {
        int m = Columns;
        var g = new double[m * m];
        for (int i = 0; i < Rows; i++)
        {
            int s = _rowStart[i], w = _rowStart[i + 1] - s, o = _offset[i];
            for (int a = 0; a < w; a++)
            {
                double va = _data[s + a];
                if (va == 0) continue;
                int rowBase = (o + a) * m + o;
                for (int b = 0; b < w; b++) g[rowBase + b] += va * _data[s + b];
            }
        }
        return g;
    }

    /// <summary>Rows averaged within clusters (R did's clustered multiplier bootstrap works on cluster means of ψ).</summary>
    public InfluenceBasis ClusterMeans(int[] clusterOfRow, int clusters)
    {
        int m = Columns;
        var data = new double[clusters * m];
        var count = new int[clusters];
        for (int i = 0; i < Rows; i++)
        {
            int c = clusterOfRow[i];
            count[c]++;
            int s = _rowStart[i], w = _rowStart[i + 1] - s, o = _offset[i];
            for (int a = 0; a < w; a++) data[c * m + o + a] += _data[s + a];
        }
        for (int c = 0; c < clusters; c++)
            for (int a = 0; a < m; a++) data[c * m + a] /= count[c];
        var rowStart = Enumerable.Range(0, clusters + 1).Select(c => c * m).ToArray();
        return new InfluenceBasis(m, data, rowStart, new int[clusters]);
    }

    /// <summary>
    /// Multiplier draws V_r = Σ_i ξ_ri M_i for r = 1…R (R × m, row-major), one generator per replication so the
    /// draws do not depend on the thread count.
    /// </summary>
    public double[] MultiplierDraws(int replications, MultiplierWeights weights, ulong seed)
    {
        int m = Columns, n = Rows;
        var v = new double[replications * m];
        const ulong stream = 0xD1D_B007;
        double sqrt5 = Math.Sqrt(5);
        double mammenLow = (1 - sqrt5) / 2, mammenHigh = (1 + sqrt5) / 2, mammenP = (sqrt5 + 1) / (2 * sqrt5);
        Parallel.For(0, replications, DidParallelism.Options, r =>
        {
            var rng = SeededRandom.ForReplication(seed, stream, (ulong)r);
            var acc = v.AsSpan(r * m, m);
            ulong bits = 0;
            for (int i = 0; i < n; i++)
            {
                double xi;
                if (weights == MultiplierWeights.Rademacher)
                {
                    if ((i & 63) == 0) bits = rng.NextUInt64();
                    xi = ((bits >> (i & 63)) & 1) == 0 ? -1.0 : 1.0;
                }
                else xi = rng.NextDouble() < mammenP ? mammenLow : mammenHigh;
                int s = _rowStart[i], w = _rowStart[i + 1] - s;
                VectorKernels.Axpy(xi, _data.AsSpan(s, w), acc.Slice(_offset[i], w));
            }
        });
        return v;
    }

    public static double QuadraticForm(double[] gram, double[] w)
    {
        int m = w.Length;
        double s = 0;
        for (int a = 0; a < m; a++)
        {
            if (w[a] == 0) continue;
            double t = 0;
            for (int b = 0; b < m; b++) t += gram[a * m + b] * w[b];
            s += w[a] * t;
        }
        return s;
    }
}

/// <summary>Bootstrap summaries of a family of estimates: IQR-based standard errors and the sup-t critical value (R did's <c>mboot</c>).</summary>
internal static class MultiplierSummary
{
    /// <summary>
    /// For each estimate j: draws b_rj = V_r·w_j / √n_eff, se_j = IQR(b_j)/(z₀.₇₅ − z₀.₂₅)/√n_eff (NaN for degenerate
    /// columns, whose draws are all ≈ 0), and the (1 − α) type-1 quantile of max_j |b_rj|/σ_j over the non-degenerate columns.
    /// </summary>
    public static (double[] Se, double Critical) Summarise(double[] draws, int replications, int m, IReadOnlyList<double[]> w, int nEffective, double level)
    {
        int k = w.Count;
        var b = new double[k][];
        double scale = 1 / Math.Sqrt(nEffective);
        var sigma = new double[k];
        var se = new double[k];
        const double tiny = 1.4901161193847656e-7; // √(machine ε)·10, R did's degeneracy threshold
        double iqrScale = Distributions.NormalQuantile(0.75) - Distributions.NormalQuantile(0.25);
        for (int j = 0; j < k; j++)
        {
            var col = new double[replications];
            double ss = 0;
            for (int r = 0; r < replications; r++)
            {
                double s = 0;
                var wj = w[j];
                int baseIndex = r * m;
                for (int a = 0; a < m; a++) if (wj[a] != 0) s += draws[baseIndex + a] * wj[a];
                col[r] = s * scale;
                ss += col[r] * col[r];
            }
            b[j] = col;
            if (!(ss > tiny)) { sigma[j] = double.NaN; se[j] = double.NaN; continue; }
            var sorted = (double[])col.Clone();
            Array.Sort(sorted);
            double iqr = Type1Quantile(sorted, 0.75) - Type1Quantile(sorted, 0.25);
            sigma[j] = iqr / iqrScale;
            if (!(sigma[j] > tiny)) { sigma[j] = double.NaN; se[j] = double.NaN; continue; }
            se[j] = sigma[j] * scale;
        }
        var maxT = new List<double>(replications);
        for (int r = 0; r < replications; r++)
        {
            double mx = double.NegativeInfinity;
            for (int j = 0; j < k; j++) if (!double.IsNaN(sigma[j])) mx = Math.Max(mx, Math.Abs(b[j][r] / sigma[j]));
            if (double.IsFinite(mx)) maxT.Add(mx);
        }
        double crit = double.NaN;
        if (maxT.Count > 0)
        {
            var arr = maxT.ToArray();
            Array.Sort(arr);
            crit = Type1Quantile(arr, level);
        }
        return (se, crit);
    }

    /// <summary>R's quantile type 1: the inverse of the empirical distribution function, x_(⌈np⌉).</summary>
    public static double Type1Quantile(double[] sorted, double p)
    {
        int n = sorted.Length;
        double np = n * p;
        int j = (int)Math.Floor(np + 4 * 2.220446049250313e-16);
        int index = j + (np > j ? 1 : 0);
        return sorted[Math.Clamp(index, 1, n) - 1];
    }
}
