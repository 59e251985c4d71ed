using System.Globalization;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Data.Readers;

/// <summary>One column as a binary reader delivers it: numbers (NaN = missing) or text.</summary>
internal sealed class RawColumn(string name)
{
    public string Name { get; } = name;

    /// <summary>Numeric cells; NaN marks a missing value.</summary>
    public double[]? Numbers { get; init; }

    /// <summary>Text cells (value-labelled numbers arrive here as their labels).</summary>
    public string[]? Texts { get; init; }

    /// <summary>A key column stored as required integers (Parquet INT32): no cell is missing.</summary>
    public int[]? Integers { get; init; }

    /// <summary>Variable label (Stata), if any.</summary>
    public string? Label { get; init; }

    public int Length => Numbers?.Length ?? Integers?.Length ?? Texts!.Length;
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
        // The two keys are independent: built side by side when both are whole numbers.
        Factor? entities = null, times = null;
        Parallel.Invoke(() => entities = IntegerKey(e), () => times = IntegerKey(t));
        if (entities is null)
        {
            var (entityCodes, entityLabels) = KeyCodes(source, e, "entity", rowNumber);
            entities = Factor.FromInterned(entityCodes, entityLabels);
        }
        if (times is null)
        {
            var (timeCodes, timeLabels) = KeyCodes(source, t, "time", rowNumber);
            times = TimeIndex.Parse(timeCodes, timeLabels, options.OrdinalTime, source, time, rowNumber);
        }
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
        return PanelData.Create(entity, entities, time, times, numeric, categorical, new RowNumbers(n, rowNumber), source);
    }

    /// <summary>Variable labels of the columns that have one.</summary>
    public static IReadOnlyDictionary<string, string> Labels(IEnumerable<RawColumn> columns) =>
        columns.Where(c => !string.IsNullOrEmpty(c.Label)).ToDictionary(c => c.Name, c => c.Label!, StringComparer.Ordinal);

    /// <summary>A number as key or text: integers without a decimal point, others in round-trip form; NaN as "".</summary>
    public static string FormatNumber(double x) =>
        double.IsNaN(x) ? "" : x == Math.Floor(x) && Math.Abs(x) < 1e15 ? ((long)x).ToString(CultureInfo.InvariantCulture) : x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// The factor of a key whose every cell is a whole number within the range of an int (ids, years), built
    /// without a label per row: levels are the sorted values, exactly what <see cref="KeyCodes"/> followed by
    /// <see cref="Factor.FromInterned"/> (or <see cref="TimeIndex.Parse(int[], string[], bool, string, string, Func{int, int}?)"/>,
    /// numbers being their own canonical labels, in numeric order whether or not the time is declared ordinal)
    /// gives. Null for any other key (text, fractions, a missing cell), which takes the general path and its messages.
    /// </summary>
    private static Factor? IntegerKey(RawColumn column)
    {
        if (column.Integers is { } integers) return Factor.FromIntegersInPlace(integers);
        if (column.Numbers is not { } x) return null;
        var values = LargeArrays.Uninitialized<int>(x.Length);
        for (int r = 0; r < x.Length; r++)
        {
            // NaN, fractions and values outside the int range do not survive the round trip.
            int v = (int)x[r];
            if (v != x[r]) return null;
            values[r] = v;
        }
        return Factor.FromIntegersInPlace(values);
    }

    private static RawColumn Require(string source, IReadOnlyList<RawColumn> columns, string name, string role)
    {
        var found = columns.FirstOrDefault(c => c.Name == name);
        if (found is not null) return found;
        var close = columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        throw new DataFormatException(source, 0, null,
            $"no column named '{name}' for the {role} key." + (close is not null ? $" Did you mean '{close.Name}'?" : "") +
            $" The file has: {string.Join(", ", columns.Select(c => c.Name))}.");
    }

    /// <summary>
    /// The key of every row as codes into its distinct labels (in order of first appearance): a numeric key
    /// is interned by value and formatted once per distinct value, not once per row.
    /// </summary>
    private static (int[] Codes, string[] Labels) KeyCodes(string source, RawColumn column, string role, Func<int, int> rowNumber)
    {
        int n = column.Length;
        var codes = new int[n];
        var byLabel = new Dictionary<string, int>(StringComparer.Ordinal);
        int Intern(string label)
        {
            if (!byLabel.TryGetValue(label, out int id))
            {
                id = byLabel.Count;
                byLabel.Add(label, id);
            }
            return id;
        }
        if (column.Numbers is { } x)
        {
            var byValue = new Dictionary<long, int>();
            long lastBits = 0;
            int lastId = -1;
            for (int r = 0; r < n; r++)
            {
                if (double.IsNaN(x[r])) throw MissingKey(source, column, role, rowNumber(r));
                long bits = BitConverter.DoubleToInt64Bits(x[r]);
                if (lastId < 0 || bits != lastBits)
                {
                    if (!byValue.TryGetValue(bits, out lastId))
                    {
                        lastId = Intern(FormatNumber(x[r]));
                        byValue.Add(bits, lastId);
                    }
                    lastBits = bits;
                }
                codes[r] = lastId;
            }
        }
        else
        {
            var texts = column.Texts!;
            for (int r = 0; r < n; r++)
            {
                var label = texts[r].Trim();
                if (label.Length == 0) throw MissingKey(source, column, role, rowNumber(r));
                codes[r] = Intern(label);
            }
        }
        return (codes, byLabel.Keys.ToArray());
    }

    private static DataFormatException MissingKey(string source, RawColumn column, string role, int row) =>
        new(source, row, column.Name, $"the {role} key is missing; every row needs one.");

    /// <summary>The row number users see of each data row, computed when asked (only messages need it).</summary>
    private sealed class RowNumbers(int count, Func<int, int> rowNumber) : IReadOnlyList<int>
    {
        public int this[int index] => rowNumber(index);

        public int Count => count;

        public IEnumerator<int> GetEnumerator()
        {
            for (int i = 0; i < count; i++) yield return rowNumber(i);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
