using DigitalEconomy.Econometrics.Numerics;
using System.Globalization;

namespace DigitalEconomy.Econometrics.Data;

/// <summary>Where percentiles for <see cref="PanelTransforms.Winsorize(PanelData, string, double, double, WinsorizeScope)"/> are computed.</summary>
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
    /// With integer times "k periods earlier" is t − k·<see cref="PanelData.TimeStep"/> (so 2010 → 2009 in
    /// annual data, and a missing 2009 makes the 2010 lag missing); with text periods it is the period k
    /// places earlier in the panel's sorted list of periods. Same rule as Stata's <c>L.x</c> after <c>xtset</c>.
    /// </summary>
    public static double[] Lag(this PanelData panel, string column, int k = 1)
    {
        ArgumentNullException.ThrowIfNull(panel);
        if (k == int.MinValue) throw new ArgumentOutOfRangeException(nameof(k));
        var x = panel.Column(column);
        var result = new double[x.Length];
        Array.Fill(result, double.NaN);
        var ent = panel.Entities.Codes;
        var levelOrdinal = panel.LevelOrdinals;
        var tc = panel.Times.Codes;
        long shift = k * panel.TimeStep;
        int reach = Math.Abs(k);
        int n = x.Length;
        // Rows are sorted by (entity, time) with strictly increasing ordinals inside an entity, so the row
        // k periods away, if present, lies within |k| rows of r in the entity's block.
        int start = 0;
        while (start < n)
        {
            int end = start;
            while (end < n && ent[end] == ent[start]) end++;
            for (int r = start; r < end; r++)
            {
                long target = levelOrdinal[tc[r]] - shift;
                int lo = Math.Max(start, r - reach), hi = Math.Min(end - 1, r + reach);
                for (int q = lo; q <= hi; q++)
                {
                    if (levelOrdinal[tc[q]] != target) continue;
                    result[r] = x[q];
                    break;
                }
            }
            start = end;
        }
        return result;
    }

    /// <summary>x_{i,t+k}, missing when period t+k is not observed for the entity (Stata's <c>F.x</c>; gap rule as <see cref="Lag(PanelData, string, int)"/>).</summary>
    public static double[] Lead(this PanelData panel, string column, int k = 1) => Lag(panel, column, -k);

    /// <summary>First difference Δx_it = x_it − x_{i,t−1}, missing when t−1 is not observed (Stata's <c>D.x</c>; gap rule as <see cref="Lag(PanelData, string, int)"/>).</summary>
    public static double[] Difference(this PanelData panel, string column)
    {
        var lag = Lag(panel, column, 1);
        var x = panel.Column(column);
        for (int r = 0; r < lag.Length; r++) lag[r] = x[r] - lag[r];
        return lag;
    }

    /// <summary>Natural log ln x_it; missing stays missing (Stata <c>gen lx = ln(x)</c>, except that a non-positive value is an error, not a silent missing).</summary>
    /// <exception cref="SpecificationException">A non-positive value, named by entity and period (and how many there are).</exception>
    public static double[] Log(this PanelData panel, string column)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var x = panel.Column(column);
        var result = new double[x.Length];
        int bad = -1, badCount = 0;
        for (int r = 0; r < x.Length; r++)
        {
            if (x[r] <= 0)
            {
                if (bad < 0) bad = r;
                badCount++;
                continue;
            }
            result[r] = Math.Log(x[r]);
        }
        if (bad >= 0)
            throw new SpecificationException(
                $"Cannot take the log of column '{column}': it is {x[bad].ToString("G6", CultureInfo.InvariantCulture)} for " +
                $"{panel.EntityName} {panel.Entities.LabelOf(bad)} in {panel.TimeName} {panel.Times.LabelOf(bad)}" +
                (badCount > 1 ? $" ({badCount:N0} non-positive values in all)" : "") +
                "; a log needs positive values (shift the column or set those values missing first).");
        return result;
    }

    /// <summary>x_it², e.g. for the quadratic term of a U-shaped effect; missing stays missing.</summary>
    public static double[] Square(this PanelData panel, string column)
    {
        var x = panel.Column(column);
        var result = new double[x.Length];
        for (int r = 0; r < x.Length; r++) result[r] = x[r] * x[r];
        return result;
    }

    /// <summary>Interaction a_it·b_it (Stata <c>c.a#c.b</c>); missing if either is missing.</summary>
    public static double[] Interaction(this PanelData panel, string a, string b)
    {
        var x = panel.Column(a);
        var y = panel.Column(b);
        var result = new double[x.Length];
        for (int r = 0; r < x.Length; r++) result[r] = x[r] * y[r];
        return result;
    }

    /// <summary>z_it = (x_it − x̄)/s over non-missing rows, s with the n−1 denominator (Stata <c>egen z = std(x)</c>).</summary>
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
    /// 0.01 and 0.99), pooled or per period: values below the lower percentile are set to it, values above
    /// the upper one to it, missing values stay missing. Percentiles follow Stata's <c>_pctile</c> /
    /// <c>winsor2</c> definition: with n non-missing values sorted x(1) ≤ … ≤ x(n) and P = n·p, the
    /// percentile is (x(P) + x(P+1))/2 when P is an integer and x(⌊P⌋+1) otherwise.
    /// </summary>
    public static double[] Winsorize(this PanelData panel, string column, double lower = 0.01, double upper = 0.99,
        WinsorizeScope scope = WinsorizeScope.Pooled)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return scope == WinsorizeScope.Pooled
            ? WinsorizeWithin(panel.Column(column), null, lower, upper)
            : WinsorizeWithin(panel.Column(column), panel.Times, lower, upper);
    }

    /// <summary>
    /// Winsorises within each level of grouping column <paramref name="by"/> (e.g. per province or per
    /// industry; Stata <c>winsor2 x, cuts(1 99) by(by)</c>), with the percentile rule of
    /// <see cref="Winsorize(PanelData, string, double, double, WinsorizeScope)"/>.
    /// </summary>
    public static double[] Winsorize(this PanelData panel, string column, double lower, double upper, string by)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return WinsorizeWithin(panel.Column(column), panel.Grouping(by), lower, upper);
    }

    private static double[] WinsorizeWithin(ReadOnlySpan<double> x, Factor? groups, double lower, double upper)
    {
        if (!(lower >= 0 && lower < upper && upper <= 1))
            throw new SpecificationException($"Winsorising needs 0 ≤ lower < upper ≤ 1 (fractions, e.g. 0.01 and 0.99); got {lower.ToString(CultureInfo.InvariantCulture)} and {upper.ToString(CultureInfo.InvariantCulture)}.");
        var result = x.ToArray();
        int levels = groups?.LevelCount ?? 1;
        // Bucket the non-missing rows of each group once (O(n) instead of one pass per group).
        var buckets = new List<int>[levels];
        for (int g = 0; g < levels; g++) buckets[g] = [];
        var codes = groups is null ? default : groups.Codes;
        for (int r = 0; r < x.Length; r++)
            if (double.IsFinite(x[r])) buckets[groups is null ? 0 : codes[r]].Add(r);
        var values = new List<double>();
        foreach (var rows in buckets)
        {
            if (rows.Count == 0) continue;
            values.Clear();
            foreach (var r in rows) values.Add(x[r]);
            values.Sort();
            double lo = StataPercentile(values, lower), hi = StataPercentile(values, upper);
            foreach (var r in rows)
            {
                if (result[r] < lo) result[r] = lo;
                else if (result[r] > hi) result[r] = hi;
            }
        }
        return result;
    }

    /// <summary>Stata's default percentile of sorted values (see <see cref="ColumnStatistics.StataPercentile"/>).</summary>
    internal static double StataPercentile(IReadOnlyList<double> sorted, double p) => ColumnStatistics.StataPercentile(sorted, p);

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
    /// Means of <paramref name="column"/> in every cell of two groupings (e.g. region × year), ignoring missing
    /// values: element [g, h] is the mean over rows with <paramref name="first"/> level g and
    /// <paramref name="second"/> level h, NaN for a cell without values.
    /// </summary>
    public static double[,] GroupMeans(ReadOnlySpan<double> column, Factor first, Factor second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var sums = new double[first.LevelCount, second.LevelCount];
        var counts = new int[first.LevelCount, second.LevelCount];
        var a = first.Codes;
        var b = second.Codes;
        for (int r = 0; r < column.Length; r++)
        {
            if (!double.IsFinite(column[r])) continue;
            sums[a[r], b[r]] += column[r];
            counts[a[r], b[r]]++;
        }
        for (int g = 0; g < first.LevelCount; g++)
            for (int h = 0; h < second.LevelCount; h++) sums[g, h] = counts[g, h] == 0 ? double.NaN : sums[g, h] / counts[g, h];
        return sums;
    }

    /// <summary>
    /// Each row's group mean of <paramref name="column"/>, grouping by the entity key, the time key, any
    /// categorical column or a numeric code column (<paramref name="by"/> is a column name); missing values
    /// are ignored, and a group with no values gets NaN. Equivalent to Stata's <c>egen m = mean(x), by(by)</c>.
    /// </summary>
    public static double[] GroupMean(this PanelData panel, string column, string by)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var groups = panel.Grouping(by);
        return BroadcastGroupMeans(panel.Column(column), groups);
    }

    /// <summary>
    /// Each row's mean of <paramref name="column"/> within the combination of several grouping columns,
    /// e.g. <c>["province", "year"]</c> for the province mean of each year (missing values ignored).
    /// </summary>
    public static double[] GroupMean(this PanelData panel, string column, IReadOnlyList<string> by)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var groups = panel.Grouping(by);
        return BroadcastGroupMeans(panel.Column(column), groups);
    }

    // Each row gets its group's mean, so the result lines up with the panel's rows.
    private static double[] BroadcastGroupMeans(ReadOnlySpan<double> column, Factor groups)
    {
        var means = GroupMeans(column, groups);
        var codes = groups.Codes;
        var result = new double[codes.Length];
        for (int r = 0; r < result.Length; r++) result[r] = means[codes[r]];
        return result;
    }
}
