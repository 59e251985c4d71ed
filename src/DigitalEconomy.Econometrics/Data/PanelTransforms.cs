using System.Globalization;

namespace DigitalEconomy.Econometrics.Data;

/// <summary>Where percentiles for <see cref="PanelTransforms.Winsorize"/> are computed.</summary>
public enum WinsorizeScope
{
    /// <summary>Over all rows at once.</summary>
    Pooled,
    /// <summary>Separately within each period (cross-sectional winsorising).</summary>
    PerPeriod,
}

/// <summary>
/// Derived columns for a <see cref="PanelData"/>: lags and differences that respect gaps, logs, squares,
/// interactions, standardising, winsorising and group means. Each returns a new column (NaN = missing);
/// attach it with <see cref="PanelData.WithColumn"/>.
/// </summary>
public static class PanelTransforms
{
    /// <summary>
    /// x_{i,t−k}: the value of the same entity <paramref name="k"/> periods earlier, missing when that period
    /// is not observed (a lag across a gap is missing, not the previous row). Negative k gives leads.
    /// </summary>
    public static double[] Lag(this PanelData panel, string column, int k = 1)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var x = panel.Column(column);
        var result = new double[x.Length];
        Array.Fill(result, double.NaN);
        var ent = panel.Entities.Codes;
        var ord = panel.TimeOrdinals;
        int n = x.Length;
        // Rows are sorted by (entity, time); walk each entity's block with a second pointer.
        int start = 0;
        while (start < n)
        {
            int end = start;
            while (end < n && ent[end] == ent[start]) end++;
            for (int r = start; r < end; r++)
            {
                long target = ord[r] - k;
                // The target row, if present, lies within |k| rows of r in the entity block.
                int lo = Math.Max(start, r - Math.Abs(k)), hi = Math.Min(end - 1, r + Math.Abs(k));
                for (int q = lo; q <= hi; q++)
                {
                    if (ord[q] != target) continue;
                    result[r] = x[q];
                    break;
                }
            }
            start = end;
        }
        return result;
    }

    /// <summary>x_{i,t+k}, missing when period t+k is not observed for the entity.</summary>
    public static double[] Lead(this PanelData panel, string column, int k = 1) => Lag(panel, column, -k);

    /// <summary>First difference x_it − x_{i,t−1}, missing when t−1 is not observed.</summary>
    public static double[] Difference(this PanelData panel, string column)
    {
        var lag = Lag(panel, column, 1);
        var x = panel.Column(column);
        for (int r = 0; r < lag.Length; r++) lag[r] = x[r] - lag[r];
        return lag;
    }

    /// <summary>Natural log; missing stays missing.</summary>
    /// <exception cref="SpecificationException">A non-positive value, named by entity and period.</exception>
    public static double[] Log(this PanelData panel, string column)
    {
        var x = panel.Column(column);
        var result = new double[x.Length];
        for (int r = 0; r < x.Length; r++)
        {
            if (x[r] <= 0)
                throw new SpecificationException(
                    $"Cannot take the log of column '{column}': row {panel.Describe(r)} is {x[r].ToString("G6", CultureInfo.InvariantCulture)}; a log needs positive values.");
            result[r] = Math.Log(x[r]);
        }
        return result;
    }

    /// <summary>x².</summary>
    public static double[] Square(this PanelData panel, string column)
    {
        var x = panel.Column(column);
        var result = new double[x.Length];
        for (int r = 0; r < x.Length; r++) result[r] = x[r] * x[r];
        return result;
    }

    /// <summary>Product a·b.</summary>
    public static double[] Interaction(this PanelData panel, string a, string b)
    {
        var x = panel.Column(a);
        var y = panel.Column(b);
        var result = new double[x.Length];
        for (int r = 0; r < x.Length; r++) result[r] = x[r] * y[r];
        return result;
    }

    /// <summary>(x − mean)/sd over non-missing rows, sd with the n−1 denominator.</summary>
    /// <exception cref="SpecificationException">The column is constant or has fewer than 2 values.</exception>
    public static double[] Standardize(this PanelData panel, string column)
    {
        var x = panel.Column(column);
        double sum = 0; int n = 0;
        foreach (var v in x) if (double.IsFinite(v)) { sum += v; n++; }
        if (n < 2) throw new SpecificationException($"Cannot standardise column '{column}': it has fewer than 2 non-missing values.");
        double mean = sum / n, ss = 0;
        foreach (var v in x) if (double.IsFinite(v)) ss += (v - mean) * (v - mean);
        double sd = Math.Sqrt(ss / (n - 1));
        if (sd == 0) throw new SpecificationException($"Cannot standardise column '{column}': it is constant.");
        var result = new double[x.Length];
        for (int r = 0; r < x.Length; r++) result[r] = (x[r] - mean) / sd;
        return result;
    }

    /// <summary>
    /// Winsorises at the <paramref name="lower"/> and <paramref name="upper"/> percentiles (fractions, e.g.
    /// 0.01 and 0.99), pooled or per period. Percentiles follow Stata's <c>_pctile</c> / <c>winsor2</c>
    /// definition: with P = n·p, the P-th order statistic's average with the next one if P is an integer,
    /// else the ⌈P⌉-th.
    /// </summary>
    public static double[] Winsorize(this PanelData panel, string column, double lower = 0.01, double upper = 0.99,
        WinsorizeScope scope = WinsorizeScope.Pooled)
    {
        if (!(lower >= 0 && lower < upper && upper <= 1))
            throw new SpecificationException($"Winsorising needs 0 ≤ lower < upper ≤ 1; got {lower} and {upper}.");
        var x = panel.Column(column);
        var result = x.ToArray();
        var groups = scope == WinsorizeScope.Pooled ? null : panel.Times.Codes.ToArray();
        int levels = scope == WinsorizeScope.Pooled ? 1 : panel.Times.LevelCount;
        for (int g = 0; g < levels; g++)
        {
            var values = new List<double>();
            for (int r = 0; r < x.Length; r++)
                if ((groups is null || groups[r] == g) && double.IsFinite(x[r])) values.Add(x[r]);
            if (values.Count == 0) continue;
            values.Sort();
            double lo = StataPercentile(values, lower), hi = StataPercentile(values, upper);
            for (int r = 0; r < x.Length; r++)
            {
                if (groups is not null && groups[r] != g) continue;
                if (result[r] < lo) result[r] = lo;
                else if (result[r] > hi) result[r] = hi;
            }
        }
        return result;
    }

    /// <summary>Stata's default percentile of sorted values for fraction p in [0, 1].</summary>
    internal static double StataPercentile(IReadOnlyList<double> sorted, double p)
    {
        int n = sorted.Count;
        double pos = n * p;
        int i = (int)Math.Floor(pos);
        if (i <= 0) return sorted[0];
        if (i >= n) return sorted[n - 1];
        return pos == i ? (sorted[i - 1] + sorted[i]) / 2 : sorted[i];
    }

    /// <summary>Mean of <paramref name="column"/> within each level of <paramref name="groups"/>, ignoring missing values (NaN for an all-missing group).</summary>
    public static double[] GroupMeans(ReadOnlySpan<double> column, Factor groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var sums = new double[groups.LevelCount];
        var counts = new int[groups.LevelCount];
        var codes = groups.Codes;
        for (int r = 0; r < column.Length; r++)
        {
            if (!double.IsFinite(column[r])) continue;
            sums[codes[r]] += column[r];
            counts[codes[r]]++;
        }
        for (int g = 0; g < sums.Length; g++) sums[g] = counts[g] == 0 ? double.NaN : sums[g] / counts[g];
        return sums;
    }

    /// <summary>
    /// Each row's group mean of <paramref name="column"/>, grouping by the entity key, the time key or any
    /// categorical column (<paramref name="by"/> is a column name).
    /// </summary>
    public static double[] GroupMean(this PanelData panel, string column, string by)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var groups = panel.Grouping(by);
        var means = GroupMeans(panel.Column(column), groups);
        var codes = groups.Codes;
        var result = new double[codes.Length];
        for (int r = 0; r < result.Length; r++) result[r] = means[codes[r]];
        return result;
    }
}
