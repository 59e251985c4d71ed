using System.Runtime.CompilerServices;
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
    private readonly long[] _levelOrdinal;
    private long[]? _timeOrdinal;
    private readonly long _timeStep;
    private readonly bool _integerTimes;

    // entitySizes: rows per entity level when the caller has counted them already (else null).
    private PanelData(string entityName, Factor entities, string timeName, Factor times,
        Dictionary<string, double[]> numeric, Dictionary<string, Factor> categorical, string[] columnOrder, int[]? entitySizes = null)
    {
        EntityName = entityName;
        Entities = entities;
        TimeName = timeName;
        Times = times;
        _numeric = numeric;
        _categorical = categorical;
        _columnOrder = columnOrder;
        _levelOrdinal = BuildLevelOrdinals(times, out _timeStep, out _integerTimes);
        Structure = PanelStructure.Describe(this, entitySizes);
    }

    // Same rows and keys as keysFrom, other columns: share the key-derived arrays instead of rebuilding
    // them, so adding a column to a 10-million-row panel costs only the column.
    private PanelData(PanelData keysFrom, Dictionary<string, double[]> numeric, Dictionary<string, Factor> categorical, string[] columnOrder)
    {
        EntityName = keysFrom.EntityName;
        Entities = keysFrom.Entities;
        TimeName = keysFrom.TimeName;
        Times = keysFrom.Times;
        _numeric = numeric;
        _categorical = categorical;
        _columnOrder = columnOrder;
        _levelOrdinal = keysFrom._levelOrdinal;
        _timeOrdinal = keysFrom._timeOrdinal;
        _timeStep = keysFrom._timeStep;
        _integerTimes = keysFrom._integerTimes;
        Structure = keysFrom.Structure;
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
    public ReadOnlySpan<long> TimeOrdinals => _timeOrdinal ??= MaterializeTimeOrdinals();

    /// <summary>Position on the time axis of each level of <see cref="Times"/> (per level, not per row).</summary>
    internal long[] LevelOrdinals => _levelOrdinal;

    // Built on first use only: 8 bytes a row is worth saving on 10-million-row panels that never need it.
    private long[] MaterializeTimeOrdinals()
    {
        var codes = Times.Codes;
        var result = new long[codes.Length];
        for (int r = 0; r < codes.Length; r++) result[r] = _levelOrdinal[codes[r]];
        return result;
    }

    /// <summary>
    /// Distance between consecutive periods on the <see cref="TimeOrdinals"/> axis: for integer times the
    /// greatest common divisor of the gaps between observed periods (1 for annual data, 5 for 2000, 2005,
    /// 2010 — Stata's <c>xtset …, delta()</c>), and 1 for text periods, whose ordinals are ranks. A lag of k
    /// periods looks k·TimeStep back. It is computed from the periods present in this panel, so a subset that
    /// keeps only some years (e.g. 2008 and 2010) can have a larger step: take lags before subsetting by time.
    /// </summary>
    public long TimeStep => _timeStep;

    /// <summary>True when the time key consists of integers (years), so that gaps are measured in calendar units.</summary>
    public bool HasIntegerTimes => _integerTimes;

    /// <summary>Describes row <paramref name="row"/> as <c>(entity, time)</c> for messages.</summary>
    public string Describe(int row) => $"({Entities.LabelOf(row)}, {Times.LabelOf(row)})";

    internal double[] NumericArray(string name) =>
        _numeric.TryGetValue(name, out var values) ? values : throw UnknownColumn(name);

    // Non-finite counts of the stored columns, taken on first request: the columns never change, so every later
    // estimation sample on this panel skips the scan (one pass over 80 MB per column of a 10-million-row panel).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<double[], int> _nonFiniteCounts = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The number of NaN or infinite values of <paramref name="array"/> when it is one of this panel's stored columns
    /// (counted once, then remembered); null for any other array (e.g. a computed term).
    /// </summary>
    internal int? NonFiniteCountOf(double[] array)
    {
        if (_nonFiniteCounts.TryGetValue(array, out int known)) return known;
        if (!_numeric.Values.Any(v => ReferenceEquals(v, array))) return null;
        return _nonFiniteCounts.GetOrAdd(array, a => CountNonFinite(a));
    }

    /// <summary>Builds the exception for a column name that does not exist (or is not numeric), listing what does.</summary>
    public SpecificationException UnknownColumn(string name)
    {
        if (_categorical.ContainsKey(name))
            return new SpecificationException($"Column '{name}' holds text, but a numeric column is needed here.");
        if (name == EntityName || name == TimeName)
            return new SpecificationException(
                $"Column '{name}' is the {(name == EntityName ? "entity" : "time")} key, not a data column; add a numeric copy with WithColumn if you need its values.");
        var all = new[] { EntityName, TimeName }.Concat(_columnOrder).ToArray();
        var close = all.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase))
            ?? all.Where(c => EditDistance(c, name) <= (name.Length <= 4 ? 1 : 2)).OrderBy(c => EditDistance(c, name)).FirstOrDefault();
        var hint = close is not null ? $" Did you mean '{close}'?" : "";
        return new SpecificationException($"No column named '{name}'.{hint} Available columns: {string.Join(", ", all)}.");
    }

    /// <summary>Optimal-string-alignment distance (insert, delete, substitute, swap neighbours), case-insensitive.</summary>
    internal static int EditDistance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    /// <summary>
    /// Creates a panel from key factors and columns; rows are sorted by (entity, time). When the rows are
    /// already sorted the column arrays are used as they are (no copy): do not change them afterwards.
    /// <see cref="PanelDataBuilder"/> is the convenient way to assemble a panel in code.
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
        Create(entityName, entities, timeName, times, numeric, categorical, null, null);

    /// <summary>Creates a panel from integer entity ids and integer periods (e.g. years).</summary>
    public static PanelData Create(string entityName, int[] entities, string timeName, int[] times,
        IEnumerable<KeyValuePair<string, double[]>> numeric, IEnumerable<KeyValuePair<string, Factor>>? categorical = null) =>
        Create(entityName, Factor.FromIntegers(entities), timeName, Factor.FromIntegers(times), numeric, categorical, null, null);

    /// <summary>Creates a panel from text keys.</summary>
    public static PanelData Create(string entityName, IReadOnlyList<string> entities, string timeName, IReadOnlyList<string> times,
        IEnumerable<KeyValuePair<string, double[]>> numeric, IEnumerable<KeyValuePair<string, Factor>>? categorical = null) =>
        Create(entityName, Factor.FromStrings(entities), timeName, Factor.FromStrings(times), numeric, categorical, null, null);

    // The core of every Create: checks, sorts and, for CSV input, names duplicate keys by line.
    // lineOfRow: physical line of each input row (CSV), or null for rows given in code;
    // source: file name for DataFormatExceptions, or null.
    internal static PanelData Create(string entityName, Factor entities, string timeName, Factor times,
        IEnumerable<KeyValuePair<string, double[]>> numeric, IEnumerable<KeyValuePair<string, Factor>>? categorical,
        IReadOnlyList<int>? lineOfRow, string? source)
    {
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(numeric);
        if (string.IsNullOrWhiteSpace(entityName) || string.IsNullOrWhiteSpace(timeName))
            throw new EconometricsException("The entity and time key columns need names.");
        if (entityName == timeName)
            throw new EconometricsException($"The entity and the time key are both '{entityName}'; they must be two different columns.");
        int n = entities.Count;
        if (times.Count != n)
            throw new EconometricsException($"The entity key has {n} rows but the time key has {times.Count}.");
        var order = new List<string>();
        var num = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var cat = new Dictionary<string, Factor>(StringComparer.Ordinal);
        foreach (var (name, values) in numeric)
        {
            ArgumentNullException.ThrowIfNull(values, name);
            CheckNewColumn(name, values.Length, n, entityName, timeName, num, cat);
            num[name] = values;
            order.Add(name);
        }
        foreach (var (name, f) in categorical ?? [])
        {
            ArgumentNullException.ThrowIfNull(f, name);
            CheckNewColumn(name, f.Count, n, entityName, timeName, num, cat);
            cat[name] = f;
            order.Add(name);
        }

        // Sort by (entity, time). Codes are ranks, so a composite key sorts correctly.
        var ec = entities.CodesArray;
        var tc = times.CodesArray;
        long tLevels = times.LevelCount;
        // Files are usually sorted already: check that without materialising the keys, and count the rows of
        // each entity and mark the periods in use on the way (one pass instead of three).
        bool sorted = true;
        long previous = long.MinValue;
        var entitySizes = new int[entities.LevelCount];
        var timeUsed = new bool[times.LevelCount];
        for (int r = 0; r < n; r++)
        {
            long key = ec[r] * tLevels + tc[r];
            if (key <= previous)
            {
                sorted = false;
                break;
            }
            previous = key;
            entitySizes[ec[r]]++;
            timeUsed[tc[r]] = true;
        }
        if (!sorted)
        {
            var keys = new long[n];
            for (int r = 0; r < n; r++) keys[r] = ec[r] * tLevels + tc[r];
            var perm = new int[n];
            for (int r = 0; r < n; r++) perm[r] = r;
            Array.Sort(keys, perm);
            ThrowOnDuplicates(keys, perm, entityName, entities, timeName, times, lineOfRow, source);
            entities = entities.Subset(perm);
            times = times.Subset(perm);
            foreach (var name in num.Keys.ToArray())
                num[name] = Permute(num[name], perm);
            foreach (var name in cat.Keys.ToArray())
                cat[name] = cat[name].Subset(perm);
        }
        else
        {
            // Levels that no row uses (a factor built from codes) would count as unobserved periods.
            if (Array.IndexOf(entitySizes, 0) >= 0)
            {
                entities = entities.Subset(AllRows(n));
                entitySizes = entities.LevelSizes();
            }
            if (Array.IndexOf(timeUsed, false) >= 0) times = times.Subset(AllRows(n));
        }
        return new PanelData(entityName, entities, timeName, times, num, cat, order.ToArray(), sorted ? entitySizes : null);
    }

    private static int[] AllRows(int n)
    {
        var rows = new int[n];
        for (int r = 0; r < n; r++) rows[r] = r;
        return rows;
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
        string timeName, Factor times, IReadOnlyList<int>? lineOfRow, string? source)
    {
        // Each run of equal keys is one duplicated (entity, time) pair; report the runs that start earliest.
        var runs = new List<int[]>();
        for (int k = 1; k < sortedKeys.Length; k++)
        {
            if (sortedKeys[k] != sortedKeys[k - 1]) continue;
            int start = k - 1;
            while (k < sortedKeys.Length && sortedKeys[k] == sortedKeys[start]) k++;
            var rows = perm[start..k];
            Array.Sort(rows);
            runs.Add(rows);
        }
        if (runs.Count == 0) return;
        runs.Sort((a, b) => a[0].CompareTo(b[0]));
        const int shown = 3;
        var examples = runs.Take(shown).Select(rows =>
        {
            var where = rows.Select(r => (lineOfRow is null ? r + 1 : lineOfRow[r]).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var list = where.Length == 2 ? $"{where[0]} and {where[1]}" : string.Join(", ", where[..^1]) + " and " + where[^1];
            return $"({entities.LabelOf(rows[0])}, {times.LabelOf(rows[0])}) on {(lineOfRow is null ? "rows" : "lines")} {list}";
        });
        var message = $"duplicate ({entityName}, {timeName}) keys: {string.Join("; ", examples)}" +
            (runs.Count > shown ? $"; and {runs.Count - shown:N0} more duplicated pair{(runs.Count - shown == 1 ? "" : "s")}" : "") +
            $". Each ({entityName}, {timeName}) pair may appear only once.";
        if (source is not null) throw new DataFormatException(source, 0, null, message);
        throw new EconometricsException(char.ToUpperInvariant(message[0]) + message[1..]);
    }

    private static T[] Permute<T>(T[] values, ReadOnlySpan<int> rows)
    {
        var result = new T[rows.Length];
        for (int k = 0; k < rows.Length; k++) result[k] = values[rows[k]];
        return result;
    }

    private static long[] BuildLevelOrdinals(Factor times, out long step, out bool integral)
    {
        var ordinalOfLevel = new long[times.LevelCount];
        if (times.CalendarOrdinals is { } calendar)
        {
            // Months, quarters or days parsed from text: lags count calendar units, not ranks.
            Array.Copy(calendar, ordinalOfLevel, ordinalOfLevel.Length);
            integral = true;
            step = 0;
            for (int c = 1; c < ordinalOfLevel.Length; c++)
                step = Gcd(step, ordinalOfLevel[c] - ordinalOfLevel[c - 1]);
            if (step <= 0) step = 1;
            return ordinalOfLevel;
        }
        integral = times.IsNumeric;
        for (int c = 0; integral && c < times.LevelCount; c++)
        {
            var v = times.NumericLevel(c);
            integral = v == Math.Floor(v) && Math.Abs(v) < 1e15;
        }
        for (int c = 0; c < ordinalOfLevel.Length; c++)
            ordinalOfLevel[c] = integral ? (long)times.NumericLevel(c) : c;
        step = 0;
        for (int c = 1; c < ordinalOfLevel.Length; c++)
            step = Gcd(step, ordinalOfLevel[c] - ordinalOfLevel[c - 1]);
        if (step <= 0) step = 1;
        return ordinalOfLevel;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return Math.Abs(a);
    }

    /// <summary>A new panel with an added or replaced numeric column (the array is used as it is: do not change it afterwards).</summary>
    public PanelData WithColumn(string name, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckColumnName(name);
        if (values.Length != RowCount)
            throw new EconometricsException($"Column '{name}' has {values.Length} values but the panel has {RowCount} rows.");
        if (name == EntityName || name == TimeName || _categorical.ContainsKey(name))
            throw new EconometricsException($"Column '{name}' already exists and is not numeric.");
        var num = new Dictionary<string, double[]>(_numeric, StringComparer.Ordinal) { [name] = values };
        var order = _numeric.ContainsKey(name) ? _columnOrder : [.. _columnOrder, name];
        return new PanelData(this, num, _categorical, order);
    }

    /// <summary>A new panel with an added or replaced categorical column.</summary>
    public PanelData WithCategorical(string name, Factor values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckColumnName(name);
        if (values.Count != RowCount)
            throw new EconometricsException($"Column '{name}' has {values.Count} values but the panel has {RowCount} rows.");
        if (name == EntityName || name == TimeName || _numeric.ContainsKey(name))
            throw new EconometricsException($"Column '{name}' already exists and is not categorical.");
        var cat = new Dictionary<string, Factor>(_categorical, StringComparer.Ordinal) { [name] = values };
        var order = _categorical.ContainsKey(name) ? _columnOrder : [.. _columnOrder, name];
        return new PanelData(this, _numeric, cat, order);
    }

    private static void CheckColumnName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new EconometricsException("A column needs a non-empty name.");
    }

    /// <summary>A new panel without the named columns (the keys cannot be removed).</summary>
    public PanelData WithoutColumns(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var n in names)
            if (!_numeric.ContainsKey(n) && !_categorical.ContainsKey(n))
                throw n == EntityName || n == TimeName
                    ? new SpecificationException($"Column '{n}' is a key of the panel and cannot be removed.")
                    : UnknownColumn(n);
        var drop = new HashSet<string>(names, StringComparer.Ordinal);
        var num = _numeric.Where(kv => !drop.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var cat = _categorical.Where(kv => !drop.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return new PanelData(this, num, cat, _columnOrder.Where(c => !drop.Contains(c)).ToArray());
    }

    /// <summary>The panel restricted to the given rows (ascending row indices); unused levels are dropped.</summary>
    public PanelData Subset(ReadOnlySpan<int> rows)
    {
        for (int k = 0; k < rows.Length; k++)
        {
            if ((uint)rows[k] >= (uint)RowCount)
                throw new ArgumentOutOfRangeException(nameof(rows), $"Row {rows[k]} is outside 0..{RowCount - 1}.");
            if (k > 0 && rows[k] <= rows[k - 1]) throw new ArgumentException("Row indices must be strictly ascending.", nameof(rows));
        }
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

    /// <summary>
    /// Rows whose value of numeric column <paramref name="column"/> satisfies <paramref name="keepValue"/>,
    /// e.g. <c>Where("year_of_reform", y =&gt; y &lt;= 2012)</c>. Missing values are passed as NaN.
    /// </summary>
    public PanelData Where(string column, Func<double, bool> keepValue)
    {
        ArgumentNullException.ThrowIfNull(keepValue);
        var x = NumericArray(column);
        return Where(r => keepValue(x[r]));
    }

    /// <summary>Rows whose grouping column <paramref name="column"/> equals one of <paramref name="levels"/>, e.g. region == "East".</summary>
    /// <exception cref="SpecificationException">No level is given, or a requested level does not occur in the column.</exception>
    public PanelData WhereGroup(string column, params string[] levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (levels.Length == 0)
            throw new SpecificationException($"Selecting rows by column '{column}' needs at least one value to keep.");
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
    /// The combination of several grouping columns as one factor (e.g. province × year, for province-year
    /// means); a single name gives <see cref="Grouping(string)"/>.
    /// </summary>
    public Factor Grouping(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0) throw new SpecificationException("A grouping needs at least one column.");
        var result = Grouping(names[0]);
        for (int k = 1; k < names.Count; k++) result = Factor.Interact(result, Grouping(names[k]));
        return result;
    }

    /// <summary>
    /// Listwise deletion: drops every row where any of <paramref name="columns"/> is missing (NaN or infinite)
    /// and reports how many rows and entities went, and why — the estimation sample Stata's <c>e(sample)</c>
    /// marks for a regression on these variables.
    /// </summary>
    public PanelData DropMissing(IReadOnlyList<string> columns, out MissingValueReport report)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var names = columns.Distinct(StringComparer.Ordinal).ToArray();
        var rows = CompleteRows(names.Select(NumericArray).ToArray(), RowCount, out var perColumn, NonFiniteCountOf);
        var result = rows is null ? this : Subset(rows);
        var kept = new HashSet<string>(result.Entities.Levels, StringComparer.Ordinal);
        report = new MissingValueReport(
            RowCount, RowCount - result.RowCount,
            Entities.LevelCount - result.Entities.LevelCount,
            names.Select((c, j) => new KeyValuePair<string, int>(c, perColumn[j])).Where(kv => kv.Value > 0).ToArray())
        {
            DroppedEntities = Entities.Levels.Where(e => !kept.Contains(e)).ToArray(),
        };
        return result;
    }

    /// <summary>
    /// The rows (ascending) where every array is finite — null when that is all <paramref name="rowCount"/> rows —
    /// and per array the number of rows where it is missing (NaN or infinite): the one listwise-deletion pass
    /// behind <see cref="DropMissing"/> and the regressions' estimation samples.
    /// </summary>
    /// <param name="arrays">The arrays (at least <paramref name="rowCount"/> long).</param>
    /// <param name="rowCount">Rows to check.</param>
    /// <param name="missingPerArray">Per array, its rows that are not finite.</param>
    /// <param name="knownCount">Optional: the non-finite count of an array when already known (null: count it).</param>
    internal static int[]? CompleteRows(IReadOnlyList<double[]> arrays, int rowCount, out int[] missingPerArray, Func<double[], int?>? knownCount = null)
    {
        var perArray = new int[arrays.Count];
        // Column by column first (vectorised, no row list): with nothing missing, as in most large files, that is all.
        bool any = false;
        for (int j = 0; j < arrays.Count; j++)
        {
            perArray[j] = (arrays[j].Length == rowCount ? knownCount?.Invoke(arrays[j]) : null) ?? CountNonFinite(arrays[j].AsSpan(0, rowCount));
            any |= perArray[j] > 0;
        }
        if (!any)
        {
            missingPerArray = perArray;
            return null;
        }
        Array.Clear(perArray);
        var keep = new List<int>(rowCount);
        for (int r = 0; r < rowCount; r++)
        {
            bool ok = true;
            for (int j = 0; j < arrays.Count; j++)
            {
                if (double.IsFinite(arrays[j][r])) continue;
                perArray[j]++;
                ok = false;
            }
            if (ok) keep.Add(r);
        }
        missingPerArray = perArray;
        return keep.Count == rowCount ? null : keep.ToArray();
    }

    /// <summary>Number of NaN or infinite values (x − x is 0 exactly for every finite x and NaN otherwise).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CountNonFinite(ReadOnlySpan<double> values)
    {
        const int block = 4096;
        int count = 0;
        for (int i = 0; i < values.Length; i += block)
        {
            var s = values.Slice(i, Math.Min(block, values.Length - i));
            var vs = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(s);
            var acc = System.Numerics.Vector<double>.Zero;
            foreach (var v in vs) acc += v - v;
            bool clean = System.Numerics.Vector.EqualsAll(acc, System.Numerics.Vector<double>.Zero);
            for (int r = vs.Length * System.Numerics.Vector<double>.Count; r < s.Length && clean; r++) clean = double.IsFinite(s[r]);
            if (clean) continue;
            foreach (var x in s) if (!double.IsFinite(x)) count++;
        }
        return count;
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
            throw new SpecificationException($"No entity is observed in all {periods} periods, so no balanced sub-panel exists over the full range; BalanceLargest() can shorten the period range.");
        return Subset(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
    }

    /// <summary>
    /// The largest balanced sub-panel over a contiguous range of periods: among all ranges [a, b] of the
    /// panel's periods, the one for which (entities observed in every period of the range) × (periods in
    /// the range) is largest, keeping those entities and periods (ties: more periods, then earlier).
    /// This is <c>xtbalance, range(a b)</c> with the range chosen to keep the most observations.
    /// </summary>
    public PanelData BalanceLargest()
    {
        if (Structure.IsBalanced) return this;
        int g = Entities.LevelCount, t = Times.LevelCount;
        var present = new bool[g * t];
        var ec = Entities.Codes;
        var tc = Times.Codes;
        for (int r = 0; r < RowCount; r++) present[ec[r] * t + tc[r]] = true;
        long bestRows = -1;
        int bestA = 0, bestLength = 0;
        var runsAtLeast = new int[t + 2];
        for (int a = 0; a < t; a++)
        {
            // runsAtLeast[L]: entities observed in every period a..a+L−1.
            Array.Clear(runsAtLeast);
            for (int e = 0; e < g; e++)
            {
                int run = 0;
                while (a + run < t && present[e * t + a + run]) run++;
                runsAtLeast[run]++;
            }
            int atLeast = 0;
            for (int length = t - a; length >= 1; length--)
            {
                atLeast += runsAtLeast[length];
                long rows = (long)atLeast * length;
                if (rows > bestRows || (rows == bestRows && length > bestLength))
                {
                    bestRows = rows;
                    bestA = a;
                    bestLength = length;
                }
            }
        }
        var keepEntity = new bool[g];
        for (int e = 0; e < g; e++)
        {
            bool all = true;
            for (int c = bestA; c < bestA + bestLength && all; c++) all = present[e * t + c];
            keepEntity[e] = all;
        }
        var keep = new List<int>();
        for (int r = 0; r < RowCount; r++)
            if (keepEntity[ec[r]] && tc[r] >= bestA && tc[r] < bestA + bestLength) keep.Add(r);
        return Subset(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keep));
    }
}
