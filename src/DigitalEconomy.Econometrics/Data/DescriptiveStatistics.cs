
namespace DigitalEconomy.Econometrics.Data;

/// <summary>Summary of one numeric column over its non-missing values.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Count">Number of non-missing values N.</param>
/// <param name="Mean">Arithmetic mean x̄ = Σx/N (NaN when N = 0).</param>
/// <param name="StandardDeviation">Sample standard deviation √(Σ(x − x̄)²/(N − 1)) (NaN when N &lt; 2), as Stata's <c>summarize</c>.</param>
/// <param name="Min">Smallest value (NaN when N = 0).</param>
/// <param name="Max">Largest value (NaN when N = 0).</param>
public sealed record ColumnSummary(string Name, int Count, double Mean, double StandardDeviation, double Min, double Max);

/// <summary>
/// The descriptive-statistics table of empirical papers (Stata <c>summarize</c> / <c>tabstat, s(n mean sd
/// min max)</c>): N, mean, standard deviation, minimum and maximum of each column, missing values excluded
/// column by column.
/// </summary>
/// <param name="Columns">One summary per column, in the requested order.</param>
/// <param name="Structure">Shape of the panel the statistics describe.</param>
public sealed record DescriptiveStatistics(IReadOnlyList<ColumnSummary> Columns, PanelStructure Structure)
{
    /// <summary>Summarises the given numeric columns, or every numeric column when none are given.</summary>
    /// <exception cref="SpecificationException">A column does not exist or is not numeric.</exception>
    public static DescriptiveStatistics Compute(PanelData panel, IEnumerable<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var names = (columns ?? panel.NumericColumnNames).ToArray();
        return new DescriptiveStatistics(names.Select(name => Summarise(name, panel.Column(name))).ToArray(), panel.Structure);
    }

    /// <summary>Summary of one column of values (NaN = missing), with a two-pass variance for accuracy.</summary>
    public static ColumnSummary Summarise(string name, ReadOnlySpan<double> values)
    {
        int n = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) continue;
            n++;
            sum += v;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        if (n == 0) return new ColumnSummary(name, 0, double.NaN, double.NaN, double.NaN, double.NaN);
        double mean = sum / n, ss = 0;
        foreach (var v in values)
            if (double.IsFinite(v)) ss += (v - mean) * (v - mean);
        return new ColumnSummary(name, n, mean, n > 1 ? Math.Sqrt(ss / (n - 1)) : double.NaN, min, max);
    }
}
