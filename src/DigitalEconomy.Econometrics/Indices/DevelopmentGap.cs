using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Econometrics.Indices;

/// <summary>How a unit's distance from the reference mean is measured.</summary>
public enum GapForm
{
    /// <summary>|ln x_it − ln m_t| (the default; docs/methods.md, "Development gap").</summary>
    LogDeviation,
    /// <summary>|x_it − m_t| / m_t.</summary>
    RelativeDeviation,
}

/// <summary>Settings of <see cref="DevelopmentGap"/>.</summary>
public sealed record DevelopmentGapOptions
{
    /// <summary>Log deviation (default) or relative deviation.</summary>
    public GapForm Form { get; init; } = GapForm.LogDeviation;

    /// <summary>
    /// Grouping column whose members form the reference (e.g. "province" or "region"); null (default) takes the
    /// national mean over all units observed in the period.
    /// </summary>
    public string? ReferenceGroupColumn { get; init; }
}

/// <summary>
/// Development gap of each unit from a reference mean in its period (docs/methods.md, "Development gap"):
/// Gap_it = |ln x_it − ln m_t| (log form) or |x_it − m_t| / m_t (relative form), where m_t is the arithmetic mean of
/// x over the units observed in period t — nationwide by default, or over the unit's province or region when a
/// reference grouping column is given. Missing x stays missing and is left out of the means. Reference: Ye and
/// Wang, "The Impact of Digital Economy on Coordinated and Balanced Development".
/// </summary>
public static class DevelopmentGap
{
    /// <summary>Gap_it for every row of <paramref name="panel"/> from column <paramref name="column"/> (e.g. GDP per capita).</summary>
    /// <exception cref="SpecificationException">A non-positive value (log form) or a non-positive reference mean,
    /// naming the row; an unknown column.</exception>
    public static double[] Compute(PanelData panel, string column, DevelopmentGapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        options ??= new DevelopmentGapOptions();
        var x = panel.Column(column);
        bool log = options.Form == GapForm.LogDeviation;
        for (int r = 0; r < x.Length; r++)
            if (log && x[r] <= 0)
                throw new SpecificationException(
                    $"The log development gap needs positive '{column}', but row {panel.Describe(r)} is {IndicatorNormaliser.Show(x[r])}. Use GapForm.RelativeDeviation or a positive measure.");

        // Reference cells: period × reference group (one group when national).
        var times = panel.Times.Codes;
        Factor? groups = options.ReferenceGroupColumn is null ? null : panel.Grouping(options.ReferenceGroupColumn);
        int groupCount = groups?.LevelCount ?? 1;
        int cells = panel.Times.LevelCount * groupCount;
        var sums = new double[cells];
        var counts = new int[cells];
        var groupCodes = groups is null ? default : groups.Codes;
        var cellOfRow = new int[x.Length];
        for (int r = 0; r < x.Length; r++)
        {
            int c = cellOfRow[r] = times[r] * groupCount + (groups is null ? 0 : groupCodes[r]);
            if (!double.IsFinite(x[r])) continue;
            sums[c] += x[r];
            counts[c]++;
        }
        var result = new double[x.Length];
        for (int r = 0; r < x.Length; r++)
        {
            if (!double.IsFinite(x[r])) { result[r] = double.NaN; continue; }
            int c = cellOfRow[r];
            double mean = sums[c] / counts[c];
            if (!(mean > 0))
                throw new SpecificationException(
                    $"The reference mean of '{column}' for row {panel.Describe(r)} is {IndicatorNormaliser.Show(mean)}; a development gap needs a positive mean.");
            result[r] = log ? Math.Abs(Math.Log(x[r]) - Math.Log(mean)) : Math.Abs(x[r] - mean) / mean;
        }
        return result;
    }

    /// <summary>The panel with the gap added as numeric column <paramref name="name"/>.</summary>
    public static PanelData AddGap(this PanelData panel, string column, string name = "gap", DevelopmentGapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return panel.WithColumn(name, Compute(panel, column, options));
    }
}
