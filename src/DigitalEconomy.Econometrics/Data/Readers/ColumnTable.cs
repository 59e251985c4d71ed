using System.Globalization;

namespace DigitalEconomy.Econometrics.Data.Readers;

/// <summary>One column as a binary reader delivers it: numbers (NaN = missing) or text.</summary>
internal sealed class RawColumn(string name)
{
    public string Name { get; } = name;

    /// <summary>Numeric cells; NaN marks a missing value.</summary>
    public double[]? Numbers { get; init; }

    /// <summary>Text cells (value-labelled numbers arrive here as their labels).</summary>
    public string[]? Texts { get; init; }

    /// <summary>Variable label (Stata), if any.</summary>
    public string? Label { get; init; }

    public int Length => Numbers?.Length ?? Texts!.Length;
}

/// <summary>
/// Builds a panel from the columns of a binary file (.dta, .xlsx, .parquet) with the same key rules as the
/// CSV reader: non-empty keys, the time key parsed by <see cref="TimeIndex"/>, unique (entity, time) pairs.
/// </summary>
internal static class ColumnTable
{
    /// <param name="source">File name for messages.</param>
    /// <param name="columns">Every column of the file in file order.</param>
    /// <param name="entity">Entity key column.</param>
    /// <param name="time">Time key column.</param>
    /// <param name="options">Reading options (text columns, ordinal time).</param>
    /// <param name="rowNumber">The row number users see for a 0-based data row (spreadsheet row, observation number).</param>
    public static PanelData ToPanel(string source, IReadOnlyList<RawColumn> columns, string entity, string time, PanelReadOptions options, Func<int, int> rowNumber)
    {
        if (entity == time)
            throw new EconometricsException($"The entity and the time key are both '{entity}'; name two different columns.");
        var names = columns.Select(c => c.Name).ToArray();
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new DataFormatException(source, 0, duplicate.Key, "the name appears twice among the columns; column names must be unique.");
        var e = Require(source, columns, entity, "entity");
        var t = Require(source, columns, time, "time");
        int n = e.Length;
        if (n == 0) throw new DataFormatException(source, 0, null, "the file has no data rows.");
        var entityLabels = KeyLabels(source, e, "entity", rowNumber);
        var timeLabels = KeyLabels(source, t, "time", rowNumber);
        var entities = Factor.FromStrings(entityLabels);
        var times = TimeIndex.Parse(timeLabels, options.OrdinalTime, source, time, rowNumber);
        var text = new HashSet<string>(options.CategoricalColumns, StringComparer.Ordinal);
        foreach (var name in text)
            if (Array.IndexOf(names, name) < 0)
                throw new DataFormatException(source, 0, null, $"the text columns (--text-columns / CategoricalColumns) name '{name}', which is not in the file ({string.Join(", ", names)}).");
        var numeric = new List<KeyValuePair<string, double[]>>();
        var categorical = new List<KeyValuePair<string, Factor>>();
        foreach (var c in columns)
        {
            if (ReferenceEquals(c, e) || ReferenceEquals(c, t)) continue;
            if (c.Numbers is { } x && !text.Contains(c.Name))
                numeric.Add(new(c.Name, x));
            else
                categorical.Add(new(c.Name, Factor.FromStrings(c.Texts ?? c.Numbers!.Select(FormatNumber).ToArray())));
        }
        var lines = Enumerable.Range(0, n).Select(rowNumber).ToArray();
        return PanelData.Create(entity, entities, time, times, numeric, categorical, lines, source);
    }

    /// <summary>Variable labels of the columns that have one.</summary>
    public static IReadOnlyDictionary<string, string> Labels(IEnumerable<RawColumn> columns) =>
        columns.Where(c => !string.IsNullOrEmpty(c.Label)).ToDictionary(c => c.Name, c => c.Label!, StringComparer.Ordinal);

    /// <summary>A number as key or text: integers without a decimal point, others in round-trip form; NaN as "".</summary>
    public static string FormatNumber(double x) =>
        double.IsNaN(x) ? "" : x == Math.Floor(x) && Math.Abs(x) < 1e15 ? ((long)x).ToString(CultureInfo.InvariantCulture) : x.ToString("R", CultureInfo.InvariantCulture);

    private static RawColumn Require(string source, IReadOnlyList<RawColumn> columns, string name, string role)
    {
        var found = columns.FirstOrDefault(c => c.Name == name);
        if (found is not null) return found;
        var close = columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        throw new DataFormatException(source, 0, null,
            $"no column named '{name}' for the {role} key." + (close is not null ? $" Did you mean '{close.Name}'?" : "") +
            $" The file has: {string.Join(", ", columns.Select(c => c.Name))}.");
    }

    private static string[] KeyLabels(string source, RawColumn column, string role, Func<int, int> rowNumber)
    {
        var labels = column.Texts is { } s ? s.Select(v => v.Trim()).ToArray() : column.Numbers!.Select(FormatNumber).ToArray();
        for (int r = 0; r < labels.Length; r++)
            if (labels[r].Length == 0)
                throw new DataFormatException(source, rowNumber(r), column.Name, $"the {role} key is missing; every row needs one.");
        return labels;
    }
}
