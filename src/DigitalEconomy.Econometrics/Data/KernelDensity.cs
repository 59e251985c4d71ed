namespace DigitalEconomy.Econometrics.Data;

/// <summary>A kernel density estimate on an evenly spaced grid.</summary>
/// <param name="Points">Grid points x_1 &lt; … &lt; x_m.</param>
/// <param name="Density">f̂(x_k) at each grid point.</param>
/// <param name="Bandwidth">The bandwidth h used.</param>
/// <param name="Count">Number of observations n.</param>
public sealed record KernelDensityEstimate(IReadOnlyList<double> Points, IReadOnlyList<double> Density, double Bandwidth, int Count);

/// <summary>
/// Gaussian kernel density estimation, f̂(x) = (1/(n·h)) Σ_i φ((x − x_i)/h), with Silverman's rule-of-thumb bandwidth
/// h = 0.9·min(s, IQR/1.34)·n^(−1/5) (Silverman 1986, <i>Density Estimation for Statistics and Data Analysis</i>,
/// eq. 3.31; R's <c>bw.nrd0</c>, the default of <c>density()</c>). Used for the distribution-of-the-gap figures.
/// </summary>
public static class KernelDensity
{
    private static readonly double InvSqrt2Pi = 1.0 / Math.Sqrt(2 * Math.PI);

    /// <summary>
    /// Silverman's bandwidth 0.9·min(s, IQR/1.34)·n^(−1/5), with s the sample standard deviation (n − 1) and the IQR
    /// from type-7 quantiles; when the IQR is 0 the standard deviation alone is used (as <c>bw.nrd0</c> does).
    /// </summary>
    /// <exception cref="SpecificationException">Fewer than 2 values, a missing/infinite value, or a constant sample.</exception>
    public static double SilvermanBandwidth(ReadOnlySpan<double> sample)
    {
        var sorted = Validated(sample);
        int n = sorted.Length;
        double mean = 0;
        foreach (var v in sorted) mean += v;
        mean /= n;
        double ss = 0;
        foreach (var v in sorted) ss += (v - mean) * (v - mean);
        double sd = Math.Sqrt(ss / (n - 1));
        double iqr = Quantile7(sorted, 0.75) - Quantile7(sorted, 0.25);
        double spread = iqr > 0 ? Math.Min(sd, iqr / 1.34) : sd;
        return 0.9 * spread * Math.Pow(n, -0.2);
    }

    /// <summary>
    /// Estimates the density on <paramref name="points"/> evenly spaced points from min − cut·h to max + cut·h
    /// (R's <c>density()</c> defaults: 512 points, cut = 3).
    /// </summary>
    /// <param name="sample">The observations (no missing values).</param>
    /// <param name="points">Number of grid points, at least 2.</param>
    /// <param name="bandwidth">Bandwidth h; null for <see cref="SilvermanBandwidth"/>.</param>
    /// <param name="cut">How many bandwidths the grid extends beyond the data.</param>
    /// <exception cref="SpecificationException">Bad sample, fewer than 2 points, or a non-positive bandwidth.</exception>
    public static KernelDensityEstimate Estimate(ReadOnlySpan<double> sample, int points = 512, double? bandwidth = null, double cut = 3)
    {
        var sorted = Validated(sample);
        if (points < 2)
            throw new SpecificationException($"A density needs at least 2 grid points; got {points}.");
        double h = bandwidth ?? SilvermanBandwidth(sorted);
        if (!(h > 0) || double.IsInfinity(h))
            throw new SpecificationException($"The kernel bandwidth must be a positive number; got {h}.");
        double lo = sorted[0] - cut * h, hi = sorted[^1] + cut * h;
        var grid = new double[points];
        for (int k = 0; k < points; k++) grid[k] = lo + (hi - lo) * k / (points - 1);
        return new KernelDensityEstimate(grid, Evaluate(sorted, grid, h), h, sorted.Length);
    }

    /// <summary>f̂(x) = (1/(n·h)) Σ_i φ((x − x_i)/h) at each point of <paramref name="at"/>.</summary>
    /// <exception cref="SpecificationException">Bad sample or a non-positive bandwidth.</exception>
    public static double[] Evaluate(ReadOnlySpan<double> sample, ReadOnlySpan<double> at, double bandwidth)
    {
        var data = Validated(sample);
        if (!(bandwidth > 0) || double.IsInfinity(bandwidth))
            throw new SpecificationException($"The kernel bandwidth must be a positive number; got {bandwidth}.");
        var result = new double[at.Length];
        double scale = InvSqrt2Pi / (data.Length * bandwidth);
        for (int k = 0; k < at.Length; k++)
        {
            double x = at[k], sum = 0;
            foreach (var xi in data)
            {
                double u = (x - xi) / bandwidth;
                // Beyond 40 sd the kernel underflows to 0; skipping the exp keeps the loop cheap on wide grids.
                if (u is > -40 and < 40) sum += Math.Exp(-0.5 * u * u);
            }
            result[k] = scale * sum;
        }
        return result;
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

    /// <summary>Type-7 (R default, linear interpolation) quantile of sorted data.</summary>
    private static double Quantile7(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
