using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Spatial;

/// <summary>Direction of the alternative hypothesis of a spatial autocorrelation test.</summary>
public enum SpatialAlternative
{
    /// <summary>Positive autocorrelation (I above its expectation; spdep's default "greater").</summary>
    Greater,
    /// <summary>Negative autocorrelation.</summary>
    Less,
    /// <summary>Either direction.</summary>
    TwoSided,
}

/// <summary>The Moran scatterplot quadrant of a unit: its own value (standardised) against its neighbours' average.</summary>
public enum SpatialQuadrant
{
    /// <summary>Above the mean, neighbours above the mean (hot spot).</summary>
    HighHigh,
    /// <summary>Below the mean, neighbours above (a low outlier among high neighbours).</summary>
    LowHigh,
    /// <summary>Below the mean, neighbours below (cold spot).</summary>
    LowLow,
    /// <summary>Above the mean, neighbours below (a high outlier).</summary>
    HighLow,
}

/// <summary>Options of the Moran and Geary statistics.</summary>
public sealed record MoranOptions
{
    /// <summary>Random permutations for the permutation p-values (0 = none).</summary>
    public int Permutations { get; init; }

    /// <summary>Seed of the permutations (one generator per replication, so the result is thread-count invariant).</summary>
    public ulong Seed { get; init; } = 20240601;

    /// <summary>Alternative of the global tests (spdep's default: greater).</summary>
    public SpatialAlternative Alternative { get; init; } = SpatialAlternative.Greater;

    /// <summary>Also compute local Moran statistics (LISA) for every unit and period.</summary>
    public bool Local { get; init; }
}

/// <summary>
/// Geary's (1954) contiguity ratio C = (N − 1) Σ_ij w_ij (x_i − x_j)² / (2 S₀ Σ_i z_i²), E[C] = 1; values below
/// one indicate positive autocorrelation. Variances from Cliff and Ord (1981, §2.5): under normality
/// Var = [(2S₁ + S₂)(N − 1) − 4S₀²] / [2(N + 1)S₀²]; under randomisation the kurtosis-dependent form.
/// z = (1 − C)/√Var, so a positive z means positive autocorrelation (as spdep's geary.test).
/// </summary>
/// <param name="C">Geary's C.</param>
/// <param name="VarianceNormal">Variance under normality.</param>
/// <param name="ZNormal">z under normality.</param>
/// <param name="VarianceRandomisation">Variance under randomisation.</param>
/// <param name="ZRandomisation">z under randomisation.</param>
public sealed record GearyStatistic(double C, double VarianceNormal, double ZNormal, double VarianceRandomisation, double ZRandomisation)
{
    /// <summary>E[C] = 1.</summary>
    public double Expected => 1;
}

/// <summary>
/// Global Moran's I of one cross-section: I = (N/S₀) z'Wz / z'z with z the deviations from the mean, S₀ = Σ_ij w_ij;
/// E[I] = −1/(N − 1); variances under normality and randomisation from Cliff and Ord (1981, eqs. 2.35–2.37):
/// Var_N = (N²S₁ − NS₂ + 3S₀²)/((N² − 1)S₀²) − E[I]²;
/// Var_R = [N((N² − 3N + 3)S₁ − NS₂ + 3S₀²) − b₂((N² − N)S₁ − 2NS₂ + 6S₀²)]/((N − 1)(N − 2)(N − 3)S₀²) − E[I]²,
/// S₁ = ½Σ_ij (w_ij + w_ji)², S₂ = Σ_i (w_i· + w_·i)², b₂ = N Σz⁴/(Σz²)². p-values follow <see cref="Alternative"/>.
/// </summary>
/// <param name="Period">Period label ("" for a single cross-section).</param>
/// <param name="Count">N.</param>
/// <param name="I">Moran's I.</param>
/// <param name="Expected">E[I] = −1/(N − 1).</param>
/// <param name="VarianceNormal">Variance under normality.</param>
/// <param name="ZNormal">(I − E[I])/√Var_N.</param>
/// <param name="PNormal">p-value of z under normality.</param>
/// <param name="VarianceRandomisation">Variance under randomisation.</param>
/// <param name="ZRandomisation">(I − E[I])/√Var_R.</param>
/// <param name="PRandomisation">p-value under randomisation.</param>
/// <param name="PPermutation">Permutation p-value (#{I* ≥ I} + 1)/(P + 1) for "greater"; null without permutations.</param>
/// <param name="Permutations">Number of permutations P.</param>
/// <param name="Alternative">The alternative of the p-values.</param>
/// <param name="Geary">Geary's C of the same cross-section.</param>
public sealed record MoranStatistic(
    string Period, int Count, double I, double Expected,
    double VarianceNormal, double ZNormal, double PNormal,
    double VarianceRandomisation, double ZRandomisation, double PRandomisation,
    double? PPermutation, int Permutations, SpatialAlternative Alternative, GearyStatistic Geary);

/// <summary>
/// Local Moran statistic (Anselin 1995) of one unit: I_i = (z_i/m₂) Σ_j w_ij z_j with m₂ = Σz²/N;
/// E[I_i] = −w_i·/(N − 1) and the randomisation variance
/// Var = w_i(2)(N − b₂)/(N − 1) + (w_i·² − w_i(2))(2b₂ − N)/((N − 1)(N − 2)) − E[I_i]² (w_i(2) = Σ_j w_ij², b₂ = m₄/m₂², as spdep's localmoran).
/// </summary>
/// <param name="Entity">Unit key.</param>
/// <param name="Period">Period label.</param>
/// <param name="Z">The unit's value as a deviation from the mean, z_i.</param>
/// <param name="Lag">Spatial lag of the deviations (Wz)_i.</param>
/// <param name="Ii">I_i.</param>
/// <param name="Expected">E[I_i].</param>
/// <param name="Variance">Var[I_i] under randomisation.</param>
/// <param name="ZScore">(I_i − E[I_i])/√Var.</param>
/// <param name="PNormal">Two-sided normal p-value of the z score.</param>
/// <param name="PPermutation">Folded conditional-permutation pseudo p-value (min(#{I* ≥ I_i}, #{I* ≤ I_i}) + 1)/(P + 1), GeoDa style; null without permutations.</param>
/// <param name="Quadrant">Moran scatterplot quadrant from the signs of z_i and (Wz)_i.</param>
public sealed record LocalMoranStatistic(string Entity, string Period, double Z, double Lag, double Ii, double Expected, double Variance, double ZScore, double PNormal, double? PPermutation, SpatialQuadrant Quadrant);

/// <summary>
/// Moran scatterplot data (Anselin 1996): standardised values s = z/sd (population sd) against their spatial lag Ws,
/// with the least-squares line of Ws on s, whose slope equals Moran's I for row-standardised W.
/// </summary>
/// <param name="Entities">Unit keys.</param>
/// <param name="Values">Standardised values s_i.</param>
/// <param name="Lags">(Ws)_i.</param>
/// <param name="Slope">OLS slope of Ws on s.</param>
/// <param name="Intercept">OLS intercept.</param>
public sealed record MoranScatter(IReadOnlyList<string> Entities, IReadOnlyList<double> Values, IReadOnlyList<double> Lags, double Slope, double Intercept);

/// <summary>Moran's I (and Geary's C, local Moran) of one variable, period by period.</summary>
/// <param name="Variable">Variable name.</param>
/// <param name="Weights">Description of W.</param>
/// <param name="Series">One global statistic per period, in time order.</param>
/// <param name="Local">Local statistics (empty unless requested), by period then unit.</param>
public sealed record MoranResult(string Variable, string Weights, IReadOnlyList<MoranStatistic> Series, IReadOnlyList<LocalMoranStatistic> Local);

/// <summary>Global and local spatial autocorrelation statistics: Moran's I, Geary's C and LISA (Cliff and Ord 1981; Anselin 1995).</summary>
public static class SpatialAutocorrelation
{
    private const ulong LocalStream = 0x4C15A000UL;

    /// <summary>Moran's I and Geary's C of one cross-section x (one value per unit of W, in W's order).</summary>
    public static MoranStatistic Moran(SpatialWeights weights, IReadOnlyList<double> x, MoranOptions? options = null) =>
        Global(weights, x.ToArray(), options ?? new MoranOptions(), "", 0);

    /// <summary>Local Moran statistics of one cross-section.</summary>
    public static IReadOnlyList<LocalMoranStatistic> LocalMoran(SpatialWeights weights, IReadOnlyList<double> x, MoranOptions? options = null) =>
        LocalStatistics(weights, x.ToArray(), options ?? new MoranOptions(), "", 0);

    /// <summary>Moran scatterplot data of one cross-section.</summary>
    public static MoranScatter Scatter(SpatialWeights weights, IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var v = x.ToArray();
        CheckValues(weights, v, "");
        int n = v.Length;
        double mean = v.Average();
        double sd = Math.Sqrt(v.Sum(a => (a - mean) * (a - mean)) / n);
        var s = v.Select(a => (a - mean) / sd).ToArray();
        var lag = weights.Lag(s);
        double ms = s.Average(), ml = lag.Average(), sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++)
        {
            sxy += (s[i] - ms) * (lag[i] - ml);
            sxx += (s[i] - ms) * (s[i] - ms);
        }
        double slope = sxy / sxx;
        return new MoranScatter(weights.Keys, s, lag, slope, ml - slope * ms);
    }

    /// <summary>
    /// Moran's I (with Geary's C, and local Moran when <see cref="MoranOptions.Local"/>) of <paramref name="variable"/>
    /// in every period of a panel. Every entity must have a value in every period.
    /// </summary>
    public static MoranResult ByPeriod(PanelData panel, string variable, SpatialWeights weights, MoranOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(weights);
        options ??= new MoranOptions();
        if (!panel.HasNumeric(variable)) throw panel.UnknownColumn(variable);
        var w = weights.AlignTo(panel.Entities.Levels);
        var sections = SpatialPanelLayout.CrossSections(panel, variable);
        var series = new List<MoranStatistic>();
        var local = new List<LocalMoranStatistic>();
        for (int t = 0; t < sections.Count; t++)
        {
            series.Add(Global(w, sections[t].Values, options, sections[t].Period, (ulong)t));
            if (options.Local) local.AddRange(LocalStatistics(w, sections[t].Values, options, sections[t].Period, (ulong)t));
        }
        return new MoranResult(variable, weights.Description, series, local);
    }

    private static void CheckValues(SpatialWeights w, double[] x, string period)
    {
        if (x.Length != w.Count) throw new SpecificationException($"Moran's I: {x.Length} values for {w.Count} units of the weights.");
        for (int i = 0; i < x.Length; i++)
            if (!double.IsFinite(x[i])) throw new SpecificationException($"Moran's I: unit '{w.Keys[i]}'{(period.Length > 0 ? " in " + period : "")} has a missing value.");
        if (x.Length < 4) throw new SpecificationException("Moran's I needs at least 4 units.");
    }

    internal static MoranStatistic Global(SpatialWeights weights, double[] x, MoranOptions options, string period, ulong stream)
    {
        CheckValues(weights, x, period);
        var m = weights.Matrix;
        int n = x.Length;
        double mean = x.Average();
        var z = x.Select(v => v - mean).ToArray();
        double m2 = 0, m4 = 0;
        foreach (var v in z)
        {
            double s = v * v;
            m2 += s;
            m4 += s * s;
        }
        if (m2 == 0) throw new SpecificationException($"Moran's I: the variable is constant{(period.Length > 0 ? " in " + period : "")}.");
        var (s0, s1, s2) = WeightSums(m);
        double nn = n;
        double i = nn / s0 * m.QuadraticForm(z) / m2;
        double e = -1.0 / (nn - 1);
        double varN = (nn * nn * s1 - nn * s2 + 3 * s0 * s0) / ((nn * nn - 1) * s0 * s0) - e * e;
        double b2 = nn * m4 / (m2 * m2);
        double varR = (nn * ((nn * nn - 3 * nn + 3) * s1 - nn * s2 + 3 * s0 * s0) - b2 * ((nn * nn - nn) * s1 - 2 * nn * s2 + 6 * s0 * s0))
            / ((nn - 1) * (nn - 2) * (nn - 3) * s0 * s0) - e * e;
        double zN = (i - e) / Math.Sqrt(varN), zR = (i - e) / Math.Sqrt(varR);

        // Geary's C
        double num = 0;
        for (int r = 0; r < n; r++)
            for (int k = m.RowStart[r]; k < m.RowStart[r + 1]; k++)
            {
                double d = x[r] - x[m.ColumnIndex[k]];
                num += m.Values[k] * d * d;
            }
        double c = (nn - 1) * num / (2 * s0 * m2);
        double gVarN = ((2 * s1 + s2) * (nn - 1) - 4 * s0 * s0) / (2 * (nn + 1) * s0 * s0);
        double gVarR = ((nn - 1) * s1 * (nn * nn - 3 * nn + 3 - (nn - 1) * b2)
                        - 0.25 * (nn - 1) * s2 * (nn * nn + 3 * nn - 6 - (nn * nn - nn + 2) * b2)
                        + s0 * s0 * (nn * nn - 3 - (nn - 1) * (nn - 1) * b2))
                       / (nn * (nn - 2) * (nn - 3) * s0 * s0);
        var geary = new GearyStatistic(c, gVarN, (1 - c) / Math.Sqrt(gVarN), gVarR, (1 - c) / Math.Sqrt(gVarR));

        double? pPerm = null;
        if (options.Permutations > 0)
        {
            var perm = PermutedMoran(m, z, options.Permutations, options.Seed, stream);
            int ge = 0, le = 0;
            foreach (var v in perm)
            {
                double q = nn / s0 * v / m2;
                if (q >= i) ge++;
                if (q <= i) le++;
            }
            double p = options.Permutations + 1.0;
            pPerm = options.Alternative switch
            {
                SpatialAlternative.Greater => (ge + 1) / p,
                SpatialAlternative.Less => (le + 1) / p,
                _ => Math.Min(1, 2 * (Math.Min(ge, le) + 1) / p),
            };
        }
        return new MoranStatistic(period, n, i, e, varN, zN, PValue(zN, options.Alternative), varR, zR, PValue(zR, options.Alternative),
            pPerm, options.Permutations, options.Alternative, geary);
    }

    internal static double PValue(double z, SpatialAlternative alternative) => alternative switch
    {
        SpatialAlternative.Greater => Distributions.NormalUpper(z),
        SpatialAlternative.Less => Distributions.NormalUpper(-z),
        _ => Distributions.NormalTwoSided(z),
    };

    /// <summary>S₀ = Σ w_ij, S₁ = ½ Σ (w_ij + w_ji)², S₂ = Σ_i (w_i· + w_·i)².</summary>
    internal static (double S0, double S1, double S2) WeightSums(SparseMatrix m)
    {
        int n = m.Size;
        double s0 = 0, s1 = 0;
        var rowSum = new double[n];
        var colSum = new double[n];
        for (int i = 0; i < n; i++)
            for (int k = m.RowStart[i]; k < m.RowStart[i + 1]; k++)
            {
                int j = m.ColumnIndex[k];
                double w = m.Values[k], wt = m[j, i];
                s0 += w;
                rowSum[i] += w;
                colSum[j] += w;
                // Σ over ordered pairs: a stored entry stands for itself and, when w_ji = 0, also for the unstored pair (j, i)
                s1 += wt != 0 ? (w + wt) * (w + wt) : 2 * (w + wt) * (w + wt);
            }
        s1 *= 0.5;
        double s2 = 0;
        for (int i = 0; i < n; i++) s2 += (rowSum[i] + colSum[i]) * (rowSum[i] + colSum[i]);
        return (s0, s1, s2);
    }

    /// <summary>z'Wz for <paramref name="count"/> random permutations of z (replication r uses its own generator).</summary>
    private static double[] PermutedMoran(SparseMatrix m, double[] z, int count, ulong seed, ulong stream)
    {
        var result = new double[count];
        int n = z.Length;
        Parallel.For(0, count, () => new double[n], (r, _, buffer) =>
        {
            z.CopyTo(buffer, 0);
            var rng = SeededRandom.ForReplication(seed, stream, (ulong)r);
            for (int k = n - 1; k > 0; k--)
            {
                int j = rng.NextInt(k + 1);
                (buffer[k], buffer[j]) = (buffer[j], buffer[k]);
            }
            result[r] = m.QuadraticForm(buffer);
            return buffer;
        }, _ => { });
        return result;
    }

    internal static IReadOnlyList<LocalMoranStatistic> LocalStatistics(SpatialWeights weights, double[] x, MoranOptions options, string period, ulong stream)
    {
        CheckValues(weights, x, period);
        var m = weights.Matrix;
        int n = x.Length;
        double mean = x.Average();
        var z = x.Select(v => v - mean).ToArray();
        double m2 = z.Sum(v => v * v) / n, m4 = z.Sum(v => v * v * v * v) / n;
        double b2 = m4 / (m2 * m2);
        var lag = new double[n];
        m.Multiply(z, lag);
        var result = new LocalMoranStatistic[n];
        int perms = options.Permutations;
        Parallel.For(0, n, i =>
        {
            double wi = 0, wi2 = 0;
            for (int k = m.RowStart[i]; k < m.RowStart[i + 1]; k++)
            {
                wi += m.Values[k];
                wi2 += m.Values[k] * m.Values[k];
            }
            double ii = z[i] / m2 * lag[i];
            double e = -wi / (n - 1);
            double v = wi2 * (n - b2) / (n - 1) + (wi * wi - wi2) * (2 * b2 - n) / ((n - 1.0) * (n - 2.0)) - e * e;
            double zs = (ii - e) / Math.Sqrt(v);
            double? pp = null;
            if (perms > 0)
            {
                // conditional permutation: z_i fixed, its neighbours' values drawn without replacement from the other N − 1 units
                var others = new int[n - 1];
                for (int j = 0, q = 0; j < n; j++) if (j != i) others[q++] = j;
                var rng = SeededRandom.ForReplication(options.Seed, LocalStream + stream, (ulong)i);
                int ki = m.RowCount(i), start = m.RowStart[i];
                int ge = 0, le = 0;
                for (int r = 0; r < perms; r++)
                {
                    double s = 0;
                    for (int q = 0; q < ki; q++)
                    {
                        int pick = q + rng.NextInt(n - 1 - q);
                        (others[q], others[pick]) = (others[pick], others[q]);
                        s += m.Values[start + q] * z[others[q]];
                    }
                    double iperm = z[i] / m2 * s;
                    if (iperm >= ii) ge++;
                    if (iperm <= ii) le++;
                }
                pp = (Math.Min(ge, le) + 1.0) / (perms + 1.0);
            }
            var quadrant = z[i] >= 0 ? (lag[i] >= 0 ? SpatialQuadrant.HighHigh : SpatialQuadrant.HighLow) : (lag[i] >= 0 ? SpatialQuadrant.LowHigh : SpatialQuadrant.LowLow);
            result[i] = new LocalMoranStatistic(weights.Keys[i], period, z[i], lag[i], ii, e, v, zs, Distributions.NormalTwoSided(zs), pp, quadrant);
        });
        return result;
    }
}
