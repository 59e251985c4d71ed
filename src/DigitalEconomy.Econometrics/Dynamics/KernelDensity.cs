using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Dynamics;

/// <summary>A kernel density estimate on an evenly spaced grid.</summary>
/// <param name="Points">Grid points x_1 &lt; … &lt; x_m.</param>
/// <param name="Density">f̂(x_k) at each grid point.</param>
/// <param name="Bandwidth">The bandwidth h used.</param>
/// <param name="Count">Number of observations n.</param>
public sealed record KernelDensityEstimate(IReadOnlyList<double> Points, IReadOnlyList<double> Density, double Bandwidth, int Count);

/// <summary>Kernel function K of a density estimate, both scaled to unit variance so that h is the kernel's standard deviation.</summary>
public enum DensityKernel
{
    /// <summary>K(u) = φ(u), the standard normal density.</summary>
    Gaussian,
    /// <summary>K(u) = 3/(4√5)·(1 − u²/5) for |u| &lt; √5 (Stata's <c>epanechnikov</c>, R's <c>"epanechnikov"</c>).</summary>
    Epanechnikov,
}

/// <summary>Rule-of-thumb bandwidth.</summary>
public enum BandwidthRule
{
    /// <summary>Stata's <c>kdensity</c> default: 0.9·min(s, IQR/1.349)·n^(−1/5), quartiles by Stata's percentile rule, for every kernel.</summary>
    Silverman,
    /// <summary>R's <c>bw.nrd0</c>: 0.9·min(s, IQR/1.34)·n^(−1/5), type-7 quartiles.</summary>
    Nrd0,
}

/// <summary>Settings of <see cref="KernelDensity.PerPeriod"/>; the defaults are those of Stata's <c>kdensity</c>.</summary>
public sealed record KernelDensityOptions
{
    /// <summary>Kernel (default Epanechnikov).</summary>
    public DensityKernel Kernel { get; init; } = DensityKernel.Epanechnikov;

    /// <summary>Bandwidth rule per period (default <see cref="BandwidthRule.Silverman"/>); ignored when <see cref="Bandwidth"/> is set.</summary>
    public BandwidthRule Rule { get; init; } = BandwidthRule.Silverman;

    /// <summary>One bandwidth for every period; null (default) applies <see cref="Rule"/> to each period's sample.</summary>
    public double? Bandwidth { get; init; }

    /// <summary>Number of points of the common grid (default 100).</summary>
    public int Points { get; init; } = 100;

    /// <summary>The grid runs from the pooled minimum − Cut·h to the maximum + Cut·h, h the largest bandwidth (default 3).</summary>
    public double Cut { get; init; } = 3;

    /// <summary>Periods to estimate (labels); null (default) for every period.</summary>
    public IReadOnlyList<string>? Periods { get; init; }
}

/// <summary>One period's density on the common grid.</summary>
/// <param name="Time">Period label.</param>
/// <param name="Count">Observations n.</param>
/// <param name="Bandwidth">h.</param>
/// <param name="Density">f̂ at each grid point.</param>
public sealed record PeriodDensity(string Time, int Count, double Bandwidth, IReadOnlyList<double> Density);

/// <summary>Kernel densities of a variable per period on one grid (<see cref="KernelDensity.PerPeriod"/>).</summary>
/// <param name="Variable">The column.</param>
/// <param name="Kernel">Kernel used.</param>
/// <param name="Rule">Bandwidth rule, or null when a fixed bandwidth was given.</param>
/// <param name="Grid">The common grid.</param>
/// <param name="Periods">Densities in time order.</param>
/// <param name="Missing">Rows left out for a missing value.</param>
public sealed record KernelDensitySeries(string Variable, DensityKernel Kernel, BandwidthRule? Rule, IReadOnlyList<double> Grid,
    IReadOnlyList<PeriodDensity> Periods, MissingValueReport Missing);

/// <summary>
/// Kernel density estimation f̂(x) = (1/(n·h)) Σ_i K((x − x_i)/h) with a Gaussian or Epanechnikov kernel (Silverman 1986,
/// <i>Density Estimation for Statistics and Data Analysis</i>, ch. 3), the rule-of-thumb bandwidths of Stata
/// (<see cref="SilvermanBandwidth"/>) and R (<see cref="Nrd0Bandwidth"/>, eq. 3.31 of Silverman), and densities per period on
/// a common grid for the distribution-dynamics figures.
/// </summary>
public static class KernelDensity
{
    private static readonly double InvSqrt2Pi = 1.0 / Math.Sqrt(2 * Math.PI);
    private static readonly double Sqrt5 = Math.Sqrt(5);
    private static readonly double EpanechnikovScale = 3 / (4 * Math.Sqrt(5));

    /// <summary>
    /// R's <c>bw.nrd0</c>: 0.9·min(s, IQR/1.34)·n^(−1/5), s the sample standard deviation (n − 1) and the IQR from type-7
    /// quantiles; when the IQR is 0 the standard deviation alone is used (as <c>bw.nrd0</c> does).
    /// </summary>
    /// <exception cref="SpecificationException">Fewer than 2 values, a missing/infinite value, or a constant sample.</exception>
    public static double Nrd0Bandwidth(ReadOnlySpan<double> sample)
    {
        var sorted = Validated(sample);
        double iqr = SortedQuantile.Type7(sorted, 0.75) - SortedQuantile.Type7(sorted, 0.25);
        return RuleOfThumb(sorted, iqr, 1.34);
    }

    /// <summary>
    /// Stata's <c>kdensity</c> default ("optimal" Silverman width, the same for every kernel): 0.9·min(s, IQR/1.349)·n^(−1/5),
    /// with the quartiles of <c>summarize, detail</c> (x_(np) and x_(np+1) averaged when np is an integer, else x_(⌈np⌉));
    /// when the IQR is 0 the standard deviation alone is used.
    /// </summary>
    /// <exception cref="SpecificationException">Fewer than 2 values, a missing/infinite value, or a constant sample.</exception>
    public static double SilvermanBandwidth(ReadOnlySpan<double> sample)
    {
        var sorted = Validated(sample);
        double iqr = SortedQuantile.Stata(sorted, 0.75) - SortedQuantile.Stata(sorted, 0.25);
        return RuleOfThumb(sorted, iqr, 1.349);
    }

    /// <summary>The bandwidth of <paramref name="rule"/>.</summary>
    public static double Bandwidth(ReadOnlySpan<double> sample, BandwidthRule rule) =>
        rule == BandwidthRule.Silverman ? SilvermanBandwidth(sample) : Nrd0Bandwidth(sample);

    private static double RuleOfThumb(double[] sorted, double iqr, double divisor)
    {
        int n = sorted.Length;
        double mean = 0;
        foreach (var v in sorted) mean += v;
        mean /= n;
        double ss = 0;
        foreach (var v in sorted) ss += (v - mean) * (v - mean);
        double sd = Math.Sqrt(ss / (n - 1));
        double spread = iqr > 0 ? Math.Min(sd, iqr / divisor) : sd;
        return 0.9 * spread * Math.Pow(n, -0.2);
    }

    /// <summary>
    /// Estimates the density on <paramref name="points"/> evenly spaced points from min − cut·h to max + cut·h
    /// (R's <c>density()</c> defaults: 512 points, cut = 3, Gaussian kernel, <see cref="Nrd0Bandwidth"/>).
    /// </summary>
    /// <param name="sample">The observations (no missing values).</param>
    /// <param name="points">Number of grid points, at least 2.</param>
    /// <param name="bandwidth">Bandwidth h; null for <see cref="Nrd0Bandwidth"/>.</param>
    /// <param name="cut">How many bandwidths the grid extends beyond the data.</param>
    /// <param name="kernel">Kernel (default Gaussian).</param>
    /// <exception cref="SpecificationException">Bad sample, fewer than 2 points, or a non-positive bandwidth.</exception>
    public static KernelDensityEstimate Estimate(ReadOnlySpan<double> sample, int points = 512, double? bandwidth = null, double cut = 3,
        DensityKernel kernel = DensityKernel.Gaussian)
    {
        var sorted = Validated(sample);
        if (points < 2)
            throw new SpecificationException($"A density needs at least 2 grid points; got {points}.");
        double h = bandwidth ?? Nrd0Bandwidth(sorted);
        CheckBandwidth(h);
        var grid = Grid(sorted[0] - cut * h, sorted[^1] + cut * h, points);
        return new KernelDensityEstimate(grid, EvaluateSorted(sorted, grid, h, kernel), h, sorted.Length);
    }

    /// <summary>f̂(x) = (1/(n·h)) Σ_i K((x − x_i)/h) at each point of <paramref name="at"/>.</summary>
    /// <exception cref="SpecificationException">Bad sample or a non-positive bandwidth.</exception>
    public static double[] Evaluate(ReadOnlySpan<double> sample, ReadOnlySpan<double> at, double bandwidth, DensityKernel kernel = DensityKernel.Gaussian)
    {
        var data = Validated(sample);
        CheckBandwidth(bandwidth);
        return EvaluateSorted(data, at, bandwidth, kernel);
    }

    /// <summary>
    /// The density of <paramref name="column"/> in each period (or the chosen ones) on one common grid, each period with its own
    /// rule-of-thumb bandwidth unless a fixed one is given. Missing values are dropped and reported.
    /// </summary>
    /// <exception cref="SpecificationException">An unknown column or period, a period with fewer than 2 values or no variation, bad options.</exception>
    public static KernelDensitySeries PerPeriod(PanelData panel, string column, KernelDensityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        options ??= new KernelDensityOptions();
        if (!panel.HasNumeric(column)) throw panel.UnknownColumn(column);
        if (options.Points < 2) throw new SpecificationException($"A density grid needs at least 2 points; got {options.Points}.");
        if (!(options.Cut >= 0)) throw new SpecificationException($"The grid extension must be non-negative; got {options.Cut}.");
        if (options.Bandwidth is { } fixedH) CheckBandwidth(fixedH);
        var sample = panel.DropMissing([column], out var missing);
        var x = sample.Column(column);
        var times = sample.Times;
        var order = Enumerable.Range(0, times.LevelCount).OrderBy(t => sample.LevelOrdinals[t]).ToList();
        if (options.Periods is { } chosen)
        {
            foreach (var p in chosen)
                if (times.CodeOf(p) < 0)
                    throw new SpecificationException($"Period '{p}' has no observation of '{column}'; periods: {string.Join(", ", order.Select(t => times.Levels[t]))}.");
            var wanted = chosen.Select(times.CodeOf).ToHashSet();
            order = order.Where(wanted.Contains).ToList();
        }
        var samples = order.Select(_ => new List<double>()).ToArray();
        var slot = new int[times.LevelCount];
        Array.Fill(slot, -1);
        for (int i = 0; i < order.Count; i++) slot[order[i]] = i;
        for (int r = 0; r < x.Length; r++)
            if (slot[times.Codes[r]] is var s and >= 0) samples[s].Add(x[r]);
        var sorted = new double[order.Count][];
        var h = new double[order.Count];
        for (int i = 0; i < order.Count; i++)
        {
            try
            {
                sorted[i] = Validated(samples[i].ToArray());
            }
            catch (SpecificationException e)
            {
                throw new SpecificationException($"Period {times.Levels[order[i]]}: {e.Message}");
            }
            h[i] = options.Bandwidth ?? Bandwidth(sorted[i], options.Rule);
        }
        double lo = sorted.Min(v => v[0]) - options.Cut * h.Max(), hi = sorted.Max(v => v[^1]) + options.Cut * h.Max();
        var grid = Grid(lo, hi, options.Points);
        var periods = order.Select((t, i) => new PeriodDensity(times.Levels[t], sorted[i].Length, h[i], EvaluateSorted(sorted[i], grid, h[i], options.Kernel))).ToArray();
        return new KernelDensitySeries(column, options.Kernel, options.Bandwidth is null ? options.Rule : null, grid, periods, missing);
    }

    private static double[] Grid(double lo, double hi, int points)
    {
        var grid = new double[points];
        for (int k = 0; k < points; k++) grid[k] = lo + (hi - lo) * k / (points - 1);
        return grid;
    }

    private static void CheckBandwidth(double h)
    {
        if (!(h > 0) || double.IsInfinity(h))
            throw new SpecificationException($"The kernel bandwidth must be a positive number; got {h}.");
    }

    private static double[] EvaluateSorted(double[] data, ReadOnlySpan<double> at, double bandwidth, DensityKernel kernel)
    {
        var result = new double[at.Length];
        double inv = 1 / bandwidth;
        if (kernel == DensityKernel.Gaussian)
        {
            double scale = InvSqrt2Pi / (data.Length * bandwidth);
            for (int k = 0; k < at.Length; k++)
            {
                double x = at[k], sum = 0;
                foreach (var xi in data)
                {
                    double u = (x - xi) * inv;
                    // Beyond 40 sd the kernel underflows to 0; skipping the exp keeps the loop cheap on wide grids.
                    if (u is > -40 and < 40) sum += Math.Exp(-0.5 * u * u);
                }
                result[k] = scale * sum;
            }
            return result;
        }
        double escale = EpanechnikovScale / (data.Length * bandwidth);
        for (int k = 0; k < at.Length; k++)
        {
            double x = at[k], sum = 0;
            // The data are sorted: only x_i within √5·h of x contribute.
            int start = LowerBound(data, x - Sqrt5 * bandwidth);
            for (int i = start; i < data.Length; i++)
            {
                double u = (x - data[i]) * inv;
                if (u <= -Sqrt5) break;
                if (u < Sqrt5) sum += 1 - u * u / 5;
            }
            result[k] = escale * sum;
        }
        return result;
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static double[] Validated(ReadOnlySpan<double> sample)
    {
        if (sample.Length < 2)
            throw new SpecificationException($"A kernel density needs at least 2 observations; got {sample.Length}.");
        var sorted = sample.ToArray();
        foreach (var v in sorted)
            if (!double.IsFinite(v))
                throw new SpecificationException("A kernel density sample contains a missing or infinite value; drop missing values first.");
        Array.Sort(sorted);
        if (sorted[0] == sorted[^1])
            throw new SpecificationException($"A kernel density needs variation, but every observation equals {sorted[0]}.");
        return sorted;
    }
}
