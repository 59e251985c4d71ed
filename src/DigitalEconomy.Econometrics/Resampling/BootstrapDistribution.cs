using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Resampling;

/// <summary>How a bootstrap confidence interval was formed.</summary>
public enum BootstrapIntervalMethod
{
    /// <summary>Percentile interval: the α/2 and 1 − α/2 quantiles of the replicates (Efron &amp; Tibshirani 1993, §13.3).</summary>
    Percentile,
    /// <summary>Bias-corrected percentile interval (Efron 1981; Stata's <c>bc</c>).</summary>
    BiasCorrected,
    /// <summary>Bias-corrected and accelerated interval with the jackknife acceleration (Efron 1987; Stata's <c>bca</c>).</summary>
    BiasCorrectedAccelerated,
}

/// <summary>A bootstrap confidence interval.</summary>
/// <param name="Lower">Lower limit (NaN only when <see cref="Note"/> says why).</param>
/// <param name="Upper">Upper limit (NaN only when <see cref="Note"/> says why).</param>
/// <param name="Method">How it was formed.</param>
/// <param name="Level">Confidence level, e.g. 0.95.</param>
/// <param name="Note">Why the interval is undefined or should be read with care (e.g. failed replications), else null.</param>
public sealed record BootstrapInterval(double Lower, double Upper, BootstrapIntervalMethod Method, double Level, string? Note = null)
{
    /// <summary>True when both limits are numbers.</summary>
    public bool IsDefined => double.IsFinite(Lower) && double.IsFinite(Upper);

    /// <summary>True when <paramref name="value"/> lies in [Lower, Upper].</summary>
    public bool Contains(double value) => IsDefined && value >= Lower && value <= Upper;

    /// <summary>True when the interval excludes zero (the usual "significant indirect effect" reading).</summary>
    public bool ExcludesZero => IsDefined && !Contains(0);
}

/// <summary>
/// The result of <see cref="ClusterBootstrap.Run"/>: full-sample estimates θ̂, the B replicates θ*_b of every
/// statistic in replication order, and the leave-one-cluster-out jackknife values θ_(g) when computed, with
/// standard errors and percentile, BC and BCa intervals.
/// </summary>
/// <remarks>
/// Quantiles use Stata's <c>_pctile</c> rule (as <c>estat bootstrap</c>): with P = B·p, the average of the P-th
/// and (P+1)-th order statistics if P is an integer, else the ⌈P⌉-th. Replicates that are NaN (a statistic
/// undefined on that resample) are left out and counted in <see cref="FailedReplications"/>.
/// </remarks>
public sealed class BootstrapDistribution
{
    private readonly string[] _names;
    private readonly double[] _estimates;
    private readonly double[] _replicates;
    private readonly double[]? _jackknife;
    private readonly double[]?[] _sorted;

    internal BootstrapDistribution(string[] names, double[] estimates, double[] replicates, int replications, double[]? jackknife,
        int clusterCount, ulong seed, double level)
    {
        _names = names;
        _estimates = estimates;
        _replicates = replicates;
        _jackknife = jackknife;
        Replications = replications;
        ClusterCount = clusterCount;
        Seed = seed;
        ConfidenceLevel = level;
        _sorted = new double[]?[names.Length];
    }

    /// <summary>Names of the statistics, in slot order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Number of replications B.</summary>
    public int Replications { get; }

    /// <summary>Number of clusters G resampled.</summary>
    public int ClusterCount { get; }

    /// <summary>The seed used.</summary>
    public ulong Seed { get; }

    /// <summary>Default confidence level of the interval methods.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>True when the jackknife (needed for BCa) was computed.</summary>
    public bool HasJackknife => _jackknife is not null;

    /// <summary>Slot of the statistic named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such statistic.</exception>
    public int IndexOf(string name)
    {
        int j = Array.IndexOf(_names, name);
        return j >= 0 ? j : throw new ArgumentException($"No bootstrap statistic named '{name}'. Available: {string.Join(", ", _names)}.", nameof(name));
    }

    /// <summary>Full-sample estimate θ̂ of statistic <paramref name="j"/>.</summary>
    public double Estimate(int j) => _estimates[j];

    /// <summary>The B replicates of statistic <paramref name="j"/> in replication order (NaN = failed).</summary>
    public double[] Replicates(int j)
    {
        var result = new double[Replications];
        for (int r = 0; r < Replications; r++) result[r] = _replicates[r * _names.Length + j];
        return result;
    }

    /// <summary>The G leave-one-cluster-out values θ_(g) of statistic <paramref name="j"/>, or null when not computed.</summary>
    public double[]? JackknifeValues(int j)
    {
        if (_jackknife is null) return null;
        var result = new double[ClusterCount];
        for (int g = 0; g < ClusterCount; g++) result[g] = _jackknife[g * _names.Length + j];
        return result;
    }

    /// <summary>Replications in which statistic <paramref name="j"/> was undefined (left out of everything below).</summary>
    public int FailedReplications(int j) => Replications - Sorted(j).Length;

    /// <summary>Bootstrap standard error: the standard deviation (B − 1 denominator) of the valid replicates.</summary>
    public double StandardError(int j)
    {
        var s = Sorted(j);
        if (s.Length < 2) return double.NaN;
        double mean = s.Average(), ss = 0;
        foreach (var v in s) ss += (v - mean) * (v - mean);
        return Math.Sqrt(ss / (s.Length - 1));
    }

    /// <summary>Bootstrap bias estimate: mean of the replicates − θ̂.</summary>
    public double Bias(int j)
    {
        var s = Sorted(j);
        return s.Length == 0 ? double.NaN : s.Average() - _estimates[j];
    }

    /// <summary>
    /// Bias-correction constant z₀ = Φ⁻¹(#{θ*_b ≤ θ̂}/B) (Stata's definition; Efron &amp; Tibshirani 1993, eq. 14.14
    /// use "&lt;", which differs only on ties). Infinite when θ̂ lies outside the replicates.
    /// </summary>
    public double BiasCorrection(int j)
    {
        var s = Sorted(j);
        if (s.Length == 0 || !double.IsFinite(_estimates[j])) return double.NaN;
        int below = UpperBound(s, _estimates[j]);
        return Distributions.NormalQuantile((double)below / s.Length);
    }

    /// <summary>
    /// Jackknife acceleration â = Σ_g (θ̄ − θ_(g))³ / (6 [Σ_g (θ̄ − θ_(g))²]^{3/2}) over the leave-one-cluster-out
    /// values (Efron &amp; Tibshirani 1993, eq. 14.15).
    /// </summary>
    /// <exception cref="InvalidOperationException">The jackknife was not computed.</exception>
    public double Acceleration(int j)
    {
        var values = JackknifeValues(j) ?? throw new InvalidOperationException("BCa needs the jackknife: run the bootstrap with BootstrapOptions.Jackknife = true.");
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length < 2) return double.NaN;
        double mean = finite.Average(), s2 = 0, s3 = 0;
        foreach (var v in finite)
        {
            double d = mean - v;
            s2 += d * d;
            s3 += d * d * d;
        }
        return s2 == 0 ? 0 : s3 / (6 * Math.Pow(s2, 1.5));
    }

    /// <summary>Percentile interval [θ*_(α/2), θ*_(1−α/2)].</summary>
    public BootstrapInterval Percentile(int j, double? level = null)
    {
        double lv = CheckLevel(level);
        double alpha = 1 - lv;
        return Quantiles(j, alpha / 2, 1 - alpha / 2, BootstrapIntervalMethod.Percentile, lv, null);
    }

    /// <summary>
    /// Bias-corrected interval: quantiles at Φ(2z₀ + z_{α/2}) and Φ(2z₀ + z_{1−α/2}) (Efron 1981).
    /// </summary>
    public BootstrapInterval BiasCorrected(int j, double? level = null)
    {
        double lv = CheckLevel(level);
        double z0 = BiasCorrection(j);
        if (!double.IsFinite(z0)) return Undefined(j, BootstrapIntervalMethod.BiasCorrected, lv);
        double zl = Distributions.NormalQuantile((1 - lv) / 2), zu = -zl;
        return Quantiles(j, Distributions.NormalCdf(2 * z0 + zl), Distributions.NormalCdf(2 * z0 + zu), BootstrapIntervalMethod.BiasCorrected, lv, null);
    }

    /// <summary>
    /// BCa interval: quantiles at Φ(z₀ + (z₀ + z_α)/(1 − â(z₀ + z_α))) for z_α = z_{α/2}, z_{1−α/2} (Efron 1987;
    /// Efron &amp; Tibshirani 1993, §14.3), with <see cref="Acceleration"/> from the cluster jackknife.
    /// </summary>
    /// <exception cref="InvalidOperationException">The jackknife was not computed.</exception>
    public BootstrapInterval BiasCorrectedAccelerated(int j, double? level = null)
    {
        double lv = CheckLevel(level);
        double a = Acceleration(j);
        double z0 = BiasCorrection(j);
        if (!double.IsFinite(z0) || !double.IsFinite(a)) return Undefined(j, BootstrapIntervalMethod.BiasCorrectedAccelerated, lv);
        double zl = Distributions.NormalQuantile((1 - lv) / 2), zu = -zl;
        double Adjusted(double z) => Distributions.NormalCdf(z0 + (z0 + z) / (1 - a * (z0 + z)));
        return Quantiles(j, Adjusted(zl), Adjusted(zu), BootstrapIntervalMethod.BiasCorrectedAccelerated, lv, null);
    }

    /// <summary>Percentile interval of the statistic named <paramref name="name"/>.</summary>
    public BootstrapInterval Percentile(string name, double? level = null) => Percentile(IndexOf(name), level);

    /// <summary>Bias-corrected interval of the statistic named <paramref name="name"/>.</summary>
    public BootstrapInterval BiasCorrected(string name, double? level = null) => BiasCorrected(IndexOf(name), level);

    /// <summary>BCa interval of the statistic named <paramref name="name"/>.</summary>
    public BootstrapInterval BiasCorrectedAccelerated(string name, double? level = null) => BiasCorrectedAccelerated(IndexOf(name), level);

    private double CheckLevel(double? level)
    {
        double lv = level ?? ConfidenceLevel;
        if (!(lv > 0 && lv < 1)) throw new SpecificationException($"The confidence level must lie strictly between 0 and 1; got {lv}.");
        return lv;
    }

    private BootstrapInterval Quantiles(int j, double pLow, double pHigh, BootstrapIntervalMethod method, double level, string? note)
    {
        var s = Sorted(j);
        if (s.Length == 0)
            return new BootstrapInterval(double.NaN, double.NaN, method, level, $"All {Replications} replications of '{_names[j]}' failed (singular resamples).");
        int failed = Replications - s.Length;
        note ??= failed > 0 ? $"{failed} of {Replications} replications of '{_names[j]}' were undefined (singular resamples) and left out." : null;
        return new BootstrapInterval(ColumnStatistics.StataPercentile(s, pLow), ColumnStatistics.StataPercentile(s, pHigh), method, level, note);
    }

    private BootstrapInterval Undefined(int j, BootstrapIntervalMethod method, double level) =>
        new(double.NaN, double.NaN, method, level,
            $"The {method} interval of '{_names[j]}' is undefined: the estimate lies outside all replicates (or the jackknife failed); use the percentile interval or more replications.");

    private double[] Sorted(int j)
    {
        var s = _sorted[j];
        if (s is not null) return s;
        s = Replicates(j).Where(double.IsFinite).ToArray();
        Array.Sort(s);
        _sorted[j] = s;
        return s;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
