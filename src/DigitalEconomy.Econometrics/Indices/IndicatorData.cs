using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Indices;

/// <summary>
/// The indicator columns of a composite index, checked once: names exist and are numeric, each appears once,
/// and missing values are either reported as an error or dropped listwise. Columns are the caller's arrays and
/// are never modified.
/// </summary>
internal sealed class IndicatorData
{
    private IndicatorData(IReadOnlyList<Indicator> indicators, double[][] columns, int[]? keptRows, MissingValueReport missing, Func<int, string> describeRow)
    {
        Indicators = indicators;
        Columns = columns;
        KeptRows = keptRows;
        Missing = missing;
        DescribeRow = describeRow;
    }

    public IReadOnlyList<Indicator> Indicators { get; }

    /// <summary>Full-length columns, one per indicator.</summary>
    public double[][] Columns { get; }

    /// <summary>Rows that enter the computation (ascending), or null for all rows.</summary>
    public int[]? KeptRows { get; }

    public MissingValueReport Missing { get; }

    public Func<int, string> DescribeRow { get; }

    public int TotalRows => Columns[0].Length;

    public static IndicatorData FromPanel(PanelData panel, IReadOnlyList<Indicator> indicators, MissingIndicatorPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(panel);
        CheckIndicators(indicators);
        var columns = new double[indicators.Count][];
        for (int j = 0; j < columns.Length; j++)
        {
            if (!panel.HasNumeric(indicators[j].Column)) throw panel.UnknownColumn(indicators[j].Column);
            columns[j] = panel.NumericArray(indicators[j].Column);
        }
        return Create(indicators, columns, policy, panel.Describe);
    }

    public static IndicatorData FromMatrix(ColumnMajorMatrix data, IReadOnlyList<Indicator> indicators, MissingIndicatorPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckIndicators(indicators);
        if (data.Columns != indicators.Count)
            throw new SpecificationException($"The matrix has {data.Columns} columns but {indicators.Count} indicators were described.");
        var columns = new double[data.Columns][];
        for (int j = 0; j < columns.Length; j++) columns[j] = data.Column(j).ToArray();
        return Create(indicators, columns, policy, r => $"row {r + 1}");
    }

    /// <summary>Indicator data from full-length arrays (e.g. sub-index scores feeding a second level).</summary>
    public static IndicatorData FromArrays(double[][] columns, IReadOnlyList<Indicator> indicators, MissingIndicatorPolicy policy, Func<int, string> describeRow)
    {
        CheckIndicators(indicators);
        return Create(indicators, columns, policy, describeRow);
    }

    private static void CheckIndicators(IReadOnlyList<Indicator> indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        if (indicators.Count == 0) throw new SpecificationException("A composite index needs at least one indicator.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var indicator in indicators)
            if (!seen.Add(indicator.Column))
                throw new SpecificationException($"Indicator '{indicator.Column}' is listed twice; each indicator may enter an index once.");
    }

    private static IndicatorData Create(IReadOnlyList<Indicator> indicators, double[][] columns, MissingIndicatorPolicy policy, Func<int, string> describe)
    {
        int n = columns[0].Length;
        var missing = new int[columns.Length];
        var firstMissing = new int[columns.Length];
        bool[]? drop = null;
        for (int j = 0; j < columns.Length; j++)
        {
            var col = columns[j];
            firstMissing[j] = -1;
            for (int r = 0; r < n; r++)
            {
                if (double.IsFinite(col[r])) continue;
                if (missing[j]++ == 0) firstMissing[j] = r;
                (drop ??= new bool[n])[r] = true;
            }
        }
        if (drop is null)
            return new IndicatorData(indicators, columns, null, new MissingValueReport(n, 0, 0, []), describe);

        var perIndicator = Enumerable.Range(0, columns.Length).Where(j => missing[j] > 0).ToArray();
        if (policy == MissingIndicatorPolicy.Error)
            throw new SpecificationException(
                "Missing indicator values: " +
                string.Join("; ", perIndicator.Select(j => $"'{indicators[j].Column}' has {missing[j]:N0} (first at {describe(firstMissing[j])})")) +
                ". Fill them, or set MissingValues = Listwise to drop those rows (their score is then missing).");
        var kept = new List<int>(n);
        for (int r = 0; r < n; r++) if (!drop[r]) kept.Add(r);
        var report = new MissingValueReport(n, n - kept.Count, 0,
            perIndicator.Select(j => new KeyValuePair<string, int>(indicators[j].Column, missing[j])).ToArray());
        return new IndicatorData(indicators, columns, kept.ToArray(), report, describe);
    }

    /// <summary>
    /// The row sets that share one set of weights: all kept rows, or the kept rows of each level of
    /// <paramref name="blocks"/> (levels without kept rows are skipped).
    /// </summary>
    public IReadOnlyList<(string Label, int[]? Rows)> Blocks(Factor? blocks)
    {
        if (blocks is null) return [("all", KeptRows)];
        var lists = new List<int>[blocks.LevelCount];
        var codes = blocks.Codes;
        if (KeptRows is null)
            for (int r = 0; r < codes.Length; r++) (lists[codes[r]] ??= []).Add(r);
        else
            foreach (var r in KeptRows) (lists[codes[r]] ??= []).Add(r);
        var result = new List<(string, int[]?)>();
        for (int g = 0; g < lists.Length; g++)
            if (lists[g] is { } rows) result.Add((blocks.Levels[g], rows.ToArray()));
        return result;
    }
}
