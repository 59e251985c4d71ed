namespace DigitalEconomy.Econometrics.Data;

/// <summary>
/// A columnar panel: rows are (entity, time) observations sorted by entity then time, with double columns
/// over contiguous arrays and categorical columns as <see cref="Factor"/>s. Instances are immutable: every
/// operation returns a new panel that shares unchanged column arrays.
/// </summary>
/// <remarks>
/// Keys may be strings or integers; when every key parses as a number, keys sort numerically and, if they
/// are integers (years), "the previous period" means t−1 so that lags respect gaps.
/// </remarks>
public sealed class PanelData
{
    private readonly Dictionary<string, double[]> _numeric;
    private readonly Dictionary<string, Factor> _categorical;
    private readonly string[] _columnOrder;
    private readonly long[] _timeOrdinal;

    private PanelData(string entityName, Factor entities, string timeName, Factor times,
        Dictionary<string, double[]> numeric, Dictionary<string, Factor> categorical, string[] columnOrder)
    {
        EntityName = entityName;
        Entities = entities;
        TimeName = timeName;
        Times = times;
        _numeric = numeric;
        _categorical = categorical;
        _columnOrder = columnOrder;
        _timeOrdinal = BuildTimeOrdinals(times);
        Structure = PanelStructure.Describe(this);
    }

    /// <summary>Name of the entity (individual, city) key column.</summary>
    public string EntityName { get; }

    /// <summary>Name of the time key column.</summary>
    public string TimeName { get; }

    /// <summary>Entity of every row as a factor (codes are in sorted entity order).</summary>
    public Factor Entities { get; }

    /// <summary>Time period of every row as a factor (codes are in chronological order).</summary>
    public Factor Times { get; }

    /// <summary>Number of rows (observations).</summary>
    public int RowCount => Entities.Count;

    /// <summary>Balance, gaps and sizes of the panel.</summary>
    public PanelStructure Structure { get; }

    /// <summary>All non-key columns in their original order.</summary>
    public IReadOnlyList<string> ColumnNames => _columnOrder;

    /// <summary>Names of the numeric columns.</summary>
    public IEnumerable<string> NumericColumnNames => _columnOrder.Where(_numeric.ContainsKey);

    /// <summary>Names of the categorical (text) columns.</summary>
    public IEnumerable<string> CategoricalColumnNames => _columnOrder.Where(_categorical.ContainsKey);

    /// <summary>True when a numeric column of that name exists.</summary>
    public bool HasNumeric(string name) => _numeric.ContainsKey(name);

    /// <summary>True when a categorical column of that name exists.</summary>
    public bool HasCategorical(string name) => _categorical.ContainsKey(name);

    /// <summary>True when <paramref name="name"/> is a key or a column.</summary>
    public bool HasColumn(string name) => name == EntityName || name == TimeName || _numeric.ContainsKey(name) || _categorical.ContainsKey(name);

    /// <summary>The values of numeric column <paramref name="name"/> (NaN = missing).</summary>
    /// <exception cref="SpecificationException">No numeric column has that name.</exception>
    public ReadOnlySpan<double> Column(string name) => NumericArray(name);

    /// <summary>A fresh copy of numeric column <paramref name="name"/>.</summary>
    public double[] CopyColumn(string name) => (double[])NumericArray(name).Clone();

    /// <summary>
    /// Column <paramref name="name"/> as a grouping factor: a categorical column, the entity or time key, or
    /// a numeric column whose distinct values become levels (e.g. a province code).
    /// </summary>
    public Factor Grouping(string name)
    {
        if (name == EntityName) return Entities;
        if (name == TimeName) return Times;
        if (_categorical.TryGetValue(name, out var f)) return f;
        if (_numeric.TryGetValue(name, out var values))
        {
            var labels = new string[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                if (double.IsNaN(values[i]))
                    throw new SpecificationException($"Column '{name}' is used as a grouping variable but row {Describe(i)} is missing.");
                labels[i] = values[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            }
            return Factor.FromStrings(labels);
        }
        throw UnknownColumn(name);
    }

    /// <summary>Position of each row's period on the time axis: the integer year when times are integers, otherwise the period's rank.</summary>
    public ReadOnlySpan<long> TimeOrdinals => _timeOrdinal;

    /// <summary>Describes row <paramref name="row"/> as <c>(entity, time)</c> for messages.</summary>
    public string Describe(int row) => $"({Entities.LabelOf(row)}, {Times.LabelOf(row)})";

    internal double[] NumericArray(string name) =>
        _numeric.TryGetValue(name, out var values) ? values : throw UnknownColumn(name);

    /// <summary>Builds the exception for a column name that does not exist, listing what does.</summary>
    public SpecificationException UnknownColumn(string name)
    {
        var all = new[] { EntityName, TimeName }.Concat(_columnOrder).ToArray();
        var close = all.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
        var hint = close is not null ? $" Did you mean '{close}'?" : "";
        var kind = _categorical.ContainsKey(name) ? " numeric" : "";
        if (_categorical.ContainsKey(name))
            return new SpecificationException($"Column '{name}' holds text, but a{kind} number column is needed here.");
        return new SpecificationException($"No column named '{name}'.{hint} Available columns: {string.Join(", ", all)}.");
    }

    /// <summary>
    /// Creates a panel from key factors and columns; rows are sorted by (entity, time).
    /// </summary>
    /// <param name="entityName">Name of the entity key column.</param>
    /// <param name="entities">Entity of every row.</param>
    /// <param name="timeName">Name of the time key column.</param>
    /// <param name="times">Period of every row.</param>
    /// <param name="numeric">Numeric columns (each of length = number of rows), in display order.</param>
    /// <param name="categorical">Optional categorical columns.</param>
    /// <exception cref="EconometricsException">Duplicate (entity, time) keys or columns of the wrong length.</exception>
    public static PanelData Create(string entityName, Factor entities, string timeName, Factor times,
        IEnumerable<KeyValuePair<string, double[]>> numeric, IEnumerable<KeyValuePair<string, Factor>>? categorical = null) =>
        Create(entityName, entities, timeName, times, numeric, categorical, null);

    /// <summary>Creates a panel from integer entity ids and integer periods (e.g. years).</summary>
    public static PanelData Create(string entityName, int[] entities, string timeName, int[] times,
        IEnumerable<KeyValuePair<string, double[]>> numeric, IEnumerable<KeyValuePair<string, Factor>>? categorical = null) =>
        Create(entityName, Factor.FromIntegers(entities), timeName, Factor.FromIntegers(times), numeric, categorical, null);

    /// <summary>Creates a panel from text keys.</summary>
    public static PanelData Create(string entityName, IReadOnlyList<string> entities, string timeName, IReadOnlyList<string> times,
        IEnumerable<KeyValuePair<string, double[]>> numeric, IEnumerable<KeyValuePair<string, Factor>>? categorical = null) =>
        Create(entityName, Factor.FromStrings(entities), timeName, Factor.FromStrings(times), numeric, categorical, null);

    internal static PanelData Create(string entityName, Factor entities, string timeName, Factor times,
        IEnumerable<KeyValuePair<string, double[]>> numeric, IEnumerable<KeyValuePair<string, Factor>>? categorical,
        Func<int, string>? sourceOfRow)
    {
        int n = entities.Count;
        if (times.Count != n)
            throw new EconometricsException($"The entity key has {n} rows but the time key has {times.Count}.");
        var order = new List<string>();
        var num = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var cat = new Dictionary<string, Factor>(StringComparer.Ordinal);
        foreach (var (name, values) in numeric)
        {
            CheckNewColumn(name, values.Length, n, entityName, timeName, num, cat);
            num[name] = values;
            order.Add(name);
        }
        foreach (var (name, f) in categorical ?? [])
        {
            CheckNewColumn(name, f.Count, n, entityName, timeName, num, cat);
            cat[name] = f;
            order.Add(name);
        }

        // Sort by (entity, time). Codes are ranks, so a composite key sorts correctly.
        var keys = new long[n];
        var ec = entities.CodesArray;
        var tc = times.CodesArray;
        long tLevels = times.LevelCount;
        bool sorted = true;
        for (int r = 0; r < n; r++)
        {
            keys[r] = ec[r] * tLevels + tc[r];
            if (r > 0 && keys[r] <= keys[r - 1]) sorted = false;
        }
        if (!sorted)
        {
            var perm = new int[n];
            for (int r = 0; r < n; r++) perm[r] = r;
            Array.Sort(keys, perm);
            ThrowOnDuplicates(keys, perm, entityName, entities, timeName, times, sourceOfRow);
            entities = entities.Subset(perm);
            times = times.Subset(perm);
            foreach (var name in num.Keys.ToArray())
                num[name] = Permute(num[name], perm);
            foreach (var name in cat.Keys.ToArray())
                cat[name] = cat[name].Subset(perm);
        }
        return new PanelData(entityName, entities, timeName, times, num, cat, order.ToArray());
    }

    private static void CheckNewColumn(string name, int length, int n, string entityName, string timeName,
        Dictionary<string, double[]> num, Dictionary<string, Factor> cat)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new EconometricsException("A column has an empty name.");
        if (name == entityName || name == timeName || num.ContainsKey(name) || cat.ContainsKey(name))
            throw new EconometricsException($"Column '{name}' appears twice.");
        if (length != n)
            throw new EconometricsException($"Column '{name}' has {length} values but the panel has {n} rows.");
    }

    private static void ThrowOnDuplicates(long[] sortedKeys, int[] perm, string entityName, Factor entities,
        string timeName, Factor times, Func<int, string>? sourceOfRow)
    {
        var examples = new List<string>();
        int count = 0;
        for (int k = 1; k < sortedKeys.Length; k++)
        {
            if (sortedKeys[k] != sortedKeys[k - 1]) continue;
            count++;
            if (examples.Count < 3)
            {
                int a = Math.Min(perm[k - 1], perm[k]), b = Math.Max(perm[k - 1], perm[k]);
                var where = sourceOfRow is null ? $"rows {a + 1} and {b + 1}" : $"{sourceOfRow(a)} and {sourceOfRow(b)}";
                examples.Add($"({entities.LabelOf(perm[k])}, {times.LabelOf(perm[k])}) on {where}");
            }
        }
        if (count > 0)
            throw new EconometricsException(
                $"Duplicate ({entityName}, {timeName}) keys: {string.Join("; ", examples)}" +
                (count > examples.Count ? $"; {count} duplicates in all" : "") +
                ". Each entity may appear once per period.");
    }

    private static T[] Permute<T>(T[] values, ReadOnlySpan<int> rows)
    {
        var result = new T[rows.Length];
        for (int k = 0; k < rows.Length; k++) result[k] = values[rows[k]];
        return result;
    }

    private static long[] BuildTimeOrdinals(Factor times)
    {
        var ordinalOfLevel = new long[times.LevelCount];
        bool integral = times.IsNumeric;
        for (int c = 0; integral && c < times.LevelCount; c++)
        {
            var v = times.NumericLevel(c);
            integral = v == Math.Floor(v) && Math.Abs(v) < 1e15;
        }
        for (int c = 0; c < ordinalOfLevel.Length; c++)
            ordinalOfLevel[c] = integral ? (long)times.NumericLevel(c) : c;
        var codes = times.Codes;
        var result = new long[codes.Length];
        for (int r = 0; r < codes.Length; r++) result[r] = ordinalOfLevel[codes[r]];
        return result;
    }

    /// <summary>A new panel with an added or replaced numeric column.</summary>
    public PanelData WithColumn(string name, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != RowCount)
            throw new EconometricsException($"Column '{name}' has {values.Length} values but the panel has {RowCount} rows.");
        if (name == EntityName || name == TimeName || _categorical.ContainsKey(name))
            throw new EconometricsException($"Column '{name}' already exists and is not numeric.");
        var num = new Dictionary<string, double[]>(_numeric, StringComparer.Ordinal) { [name] = values };
        var order = _numeric.ContainsKey(name) ? _columnOrder : [.. _columnOrder, name];
        return new PanelData(EntityName, Entities, TimeName, Times, num, _categorical, order);
    }

    /// <summary>A new panel with an added or replaced categorical column.</summary>
    public PanelData WithCategorical(string name, Factor values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != RowCount)
            throw new EconometricsException($"Column '{name}' has {values.Count} values but the panel has {RowCount} rows.");
        if (name == EntityName || name == TimeName || _numeric.ContainsKey(name))
            throw new EconometricsException($"Column '{name}' already exists and is not categorical.");
        var cat = new Dictionary<string, Factor>(_categorical, StringComparer.Ordinal) { [name] = values };
        var order = _categorical.ContainsKey(name) ? _columnOrder : [.. _columnOrder, name];
        return new PanelData(EntityName, Entities, TimeName, Times, _numeric, cat, order);
    }

    /// <summary>A new panel without the named columns.</summary>
    public PanelData WithoutColumns(params string[] names)
    {
        foreach (var n in names)
            if (!_numeric.ContainsKey(n) && !_categorical.ContainsKey(n)) throw UnknownColumn(n);
        var drop = new HashSet<string>(names, StringComparer.Ordinal);
        var num = _numeric.Where(kv => !drop.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var cat = _categorical.Where(kv => !drop.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return new PanelData(EntityName, Entities, TimeName, Times, num, cat, _columnOrder.Where(c => !drop.Contains(c)).ToArray());
    }

    /// <summary>The panel restricted to the given rows (ascending row indices); unused levels are dropped.</summary>
    public PanelData Subset(ReadOnlySpan<int> rows)
    {
        for (int k = 1; k < rows.Length; k++)
            if (rows[k] <= rows[k - 1]) throw new ArgumentException("Row indices must be strictly ascending.", nameof(rows));
        var num = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (name, values) in _numeric) num[name] = Permute(values, rows);
        var cat = new Dictionary<string, Factor>(StringComparer.Ordinal);
        foreach (var (name, f) in _categorical) cat[name] = f.Subset(rows);
        return new PanelData(EntityName, Entities.Subset(rows), TimeName, Times.Subset(rows), num, cat, _columnOrder);
    }

    /// <summary>Rows for which <paramref name="keepRow"/> (given the row index) is true.</summary>
    public PanelData Where(Func<int, bool> keepRow)
    {
        ArgumentNullException.ThrowIfNull(keepRow);
        var rows = new List<int>(RowCount);
        for (int r = 0; r < RowCount; r++)
            if (keepRow(r)) rows.Add(r);
        return Subset(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
    }

    /// <summary>Rows whose grouping column <paramref name="column"/> equals one of <paramref name="levels"/>, e.g. region == "East".</summary>
    /// <exception cref="SpecificationException">A requested level does not occur in the column.</exception>
    public PanelData WhereGroup(string column, params string[] levels)
    {
        var g = Grouping(column);
        var wanted = new bool[g.LevelCount];
        foreach (var level in levels)
        {
            int code = g.CodeOf(level);
            if (code < 0)
                throw new SpecificationException($"Column '{column}' has no value \"{level}\". Its values are: {string.Join(", ", g.Levels.Take(20))}{(g.LevelCount > 20 ? ", …" : "")}.");
            wanted[code] = true;
        }
        var codes = g.Codes;
        var rows = new List<int>();
        for (int r = 0; r < codes.Length; r++)
            if (wanted[codes[r]]) rows.Add(r);
        return Subset(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
    }

    /// <summary>
    /// Listwise deletion: drops every row where any of <paramref name="columns"/> is missing (NaN or infinite)
    /// and reports how many rows and entities went, and why.
    /// </summary>
    public PanelData DropMissing(IReadOnlyList<string> columns, out MissingValueReport report)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var arrays = columns.Select(NumericArray).ToArray();
        var perColumn = new int[columns.Count];
        var keep = new List<int>(RowCount);
        for (int r = 0; r < RowCount; r++)
        {
            bool ok = true;
            for (int j = 0; j < arrays.Length; j++)
            {
                if (double.IsFinite(arrays[j][r])) continue;
                perColumn[j]++;
                ok = false;
            }
            if (ok) keep.Add(r);
        }
        var result = keep.Count == RowCount ? this : Subset(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keep));
        report = new MissingValueReport(
            RowCount, RowCount - keep.Count,
            Entities.LevelCount - result.Entities.LevelCount,
            columns.Select((c, j) => new KeyValuePair<string, int>(c, perColumn[j])).Where(kv => kv.Value > 0).ToArray());
        return result;
    }

    /// <summary>
    /// The balanced sub-panel: keeps only entities observed in every period of the panel
    /// (as Stata's <c>xtbalance</c> does over the full range).
    /// </summary>
    /// <exception cref="SpecificationException">No entity is observed in every period.</exception>
    public PanelData Balance()
    {
        if (Structure.IsBalanced) return this;
        var counts = Entities.LevelSizes();
        int periods = Times.LevelCount;
        var codes = Entities.Codes;
        var rows = new List<int>();
        for (int r = 0; r < RowCount; r++)
            if (counts[codes[r]] == periods) rows.Add(r);
        if (rows.Count == 0)
            throw new SpecificationException($"No entity is observed in all {periods} periods, so no balanced sub-panel exists.");
        return Subset(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
    }
}
