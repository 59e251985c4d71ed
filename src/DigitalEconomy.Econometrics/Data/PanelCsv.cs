using System.Globalization;
using CsvHelper;

namespace DigitalEconomy.Econometrics.Data;

/// <summary>Options for <see cref="PanelCsv.Read(string, string, string, CsvReadOptions?)"/>.</summary>
public sealed record CsvReadOptions
{
    /// <summary>Field separator; default comma.</summary>
    public string Delimiter { get; init; } = ",";

    /// <summary>
    /// Cells read as missing values in numeric columns: "", "NA", "." (Stata) and "NaN". Nothing else is
    /// silently treated as missing.
    /// </summary>
    public IReadOnlySet<string> MissingTokens { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "", "NA", ".", "NaN" };

    /// <summary>
    /// Columns to read as text (categorical) even if their values look numeric. A column not listed is numeric
    /// when its first non-missing cell is a number; every later cell must then be a number or a missing token.
    /// </summary>
    public IReadOnlyCollection<string> CategoricalColumns { get; init; } = [];
}

/// <summary>
/// Reads and writes panels as CSV (header row, invariant culture). Reading never modifies the file;
/// writing formats doubles with the shortest round-trip representation, so write → read is exact.
/// </summary>
public static class PanelCsv
{
    /// <summary>Text written for a missing numeric value.</summary>
    public const string MissingToken = "NA";

    /// <summary>Reads a panel from a CSV file.</summary>
    /// <param name="path">CSV file with a header row.</param>
    /// <param name="entityColumn">Name of the entity key column (e.g. "city").</param>
    /// <param name="timeColumn">Name of the time key column (e.g. "year").</param>
    /// <param name="options">Parsing options; defaults accept "", NA, . and NaN as missing.</param>
    /// <exception cref="DataFormatException">Bad content, with file, line and column.</exception>
    /// <exception cref="EconometricsException">File not found or duplicate keys.</exception>
    public static PanelData Read(string path, string entityColumn, string timeColumn, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new EconometricsException($"{path}: file not found.");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var reader = new StreamReader(stream);
        return Read(reader, Path.GetFileName(path), entityColumn, timeColumn, options);
    }

    /// <summary>Reads a panel from CSV text; <paramref name="sourceName"/> names it in error messages.</summary>
    public static PanelData Read(TextReader reader, string sourceName, string entityColumn, string timeColumn, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new CsvReadOptions();
        if (options.Delimiter.Length != 1)
            throw new EconometricsException($"The CSV delimiter must be one character; got \"{options.Delimiter}\".");
        var csvOptions = new CsvReaderOptions
        {
            Separator = options.Delimiter[0],
            HasHeader = false, // the header is read as a record so that its problems get a line number too
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            TrimWhitespace = false,
            FieldCountMismatch = CsvFieldCountHandling.Allow, // checked below with a clearer message
            MalformedData = CsvMalformedDataHandling.Throw,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        using var parser = CsvReader.Create(reader, csvOptions, true);
        if (!SafeRead(parser, sourceName, 1))
            throw new DataFormatException(sourceName, 0, null, "the file is empty; expected a header row naming the columns.");
        var header = RecordOf(parser);
        int headerLine = (int)parser.LineNumber;
        ValidateHeader(header, sourceName, headerLine);
        int entityIndex = RequireColumn(header, entityColumn, sourceName, "entity");
        int timeIndex = RequireColumn(header, timeColumn, sourceName, "time");

        int width = header.Length;
        var columns = new ColumnReader[width];
        var categorical = new HashSet<string>(options.CategoricalColumns, StringComparer.Ordinal);
        for (int j = 0; j < width; j++)
            columns[j] = new ColumnReader(header[j], j == entityIndex || j == timeIndex || categorical.Contains(header[j]) ? ColumnKind.Text : ColumnKind.Undecided);
        var lines = new List<int>();
        int lastLine = headerLine;
        while (SafeRead(parser, sourceName, lastLine + 1))
        {
            int line = (int)parser.LineNumber;
            lastLine = line;
            var record = RecordOf(parser);
            if (record.Length == 1 && record[0].Length == 0) continue;
            if (record.Length != width)
                throw new DataFormatException(sourceName, line, null,
                    $"the row has {record.Length} fields but the header has {width}; every row needs one value per column.");
            for (int j = 0; j < width; j++)
                columns[j].Add(record[j], line, sourceName, options.MissingTokens);
            var entityText = record[entityIndex].Trim();
            var timeText = record[timeIndex].Trim();
            if (entityText.Length == 0 || options.MissingTokens.Contains(entityText))
                throw new DataFormatException(sourceName, line, entityColumn, "the entity key is missing; every row needs one.");
            if (timeText.Length == 0 || options.MissingTokens.Contains(timeText))
                throw new DataFormatException(sourceName, line, timeColumn, "the time key is missing; every row needs one.");
            lines.Add(line);
        }
        if (lines.Count == 0)
            throw new DataFormatException(sourceName, headerLine, null, "the file has a header but no data rows.");

        var entities = Factor.FromStrings(columns[entityIndex].TextValues.Select(s => s.Trim()).ToArray());
        var times = Factor.FromStrings(columns[timeIndex].TextValues.Select(s => s.Trim()).ToArray());
        var numeric = new List<KeyValuePair<string, double[]>>();
        var text = new List<KeyValuePair<string, Factor>>();
        for (int j = 0; j < width; j++)
        {
            if (j == entityIndex || j == timeIndex) continue;
            if (columns[j].Kind == ColumnKind.Text)
                text.Add(new(header[j], Factor.FromStrings(columns[j].TextValues)));
            else
                numeric.Add(new(header[j], columns[j].NumericValues));
        }
        try
        {
            return PanelData.Create(entityColumn, entities, timeColumn, times, numeric, text, row => $"lines {lines[row]}".Replace("lines ", "line "));
        }
        catch (EconometricsException e) when (e is not DataFormatException)
        {
            throw new DataFormatException(sourceName, 0, null, e.Message);
        }
    }

    /// <summary>Writes a panel as CSV: entity, time, then every column in order; missing values as <see cref="MissingToken"/>.</summary>
    public static void Write(PanelData panel, string path)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        Write(panel, writer);
    }

    /// <summary>Writes a panel as CSV text.</summary>
    public static void Write(PanelData panel, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(panel);
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n", Injection = CsvInjection.None }, true);
        csv.WriteField(panel.EntityName);
        csv.WriteField(panel.TimeName);
        foreach (var c in panel.ColumnNames) csv.WriteField(c);
        csv.EndRecord();
        var numeric = panel.ColumnNames.Select(c => panel.HasNumeric(c) ? panel.NumericArray(c) : null).ToArray();
        var text = panel.ColumnNames.Select(c => panel.HasCategorical(c) ? panel.Grouping(c) : null).ToArray();
        for (int r = 0; r < panel.RowCount; r++)
        {
            csv.WriteField(panel.Entities.LabelOf(r));
            csv.WriteField(panel.Times.LabelOf(r));
            for (int j = 0; j < numeric.Length; j++)
                csv.WriteField(numeric[j] is { } x ? FormatDouble(x[r]) : text[j]!.LabelOf(r));
            csv.EndRecord();
        }
    }

    /// <summary>Shortest text that parses back to exactly the same double ("R" format); NaN as <see cref="MissingToken"/>.</summary>
    public static string FormatDouble(double value) =>
        double.IsNaN(value) ? MissingToken : value.ToString("R", CultureInfo.InvariantCulture);

    private static bool SafeRead(CsvReader parser, string sourceName, int expectedLine)
    {
        try
        {
            return parser.Read();
        }
        catch (CsvFormatException e)
        {
            int line = e.LineNumber > 0 ? (int)e.LineNumber : expectedLine;
            throw new DataFormatException(sourceName, line, null, "malformed CSV: check the quotes on this line (a quoted field must end with a closing quote).");
        }
    }

    private static string[] RecordOf(CsvReader parser)
    {
        var fields = new string[parser.FieldCount];
        for (int j = 0; j < fields.Length; j++) fields[j] = parser.GetString(j);
        return fields;
    }

    private static void ValidateHeader(string[] header, string source, int line)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int j = 0; j < header.Length; j++)
        {
            if (string.IsNullOrWhiteSpace(header[j]))
                throw new DataFormatException(source, line, null, $"header field {j + 1} is empty; every column needs a name.");
            if (!seen.Add(header[j]))
                throw new DataFormatException(source, line, header[j], "the column name appears twice in the header.");
        }
    }

    private static int RequireColumn(string[] header, string name, string source, string role)
    {
        int index = Array.IndexOf(header, name);
        if (index >= 0) return index;
        var close = header.FirstOrDefault(h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));
        throw new DataFormatException(source, 1, null,
            $"no column named '{name}' for the {role} key." + (close is not null ? $" Did you mean '{close}'?" : "") +
            $" The header has: {string.Join(", ", header)}.");
    }

    private enum ColumnKind { Undecided, Numeric, Text }

    /// <summary>Collects one column's cells, deciding numeric vs text from the first non-missing cell.</summary>
    private sealed class ColumnReader(string name, ColumnKind kind)
    {
        private readonly List<string> _text = [];
        private readonly List<double> _numbers = [];
        private int _numberCount;

        public ColumnKind Kind { get; private set; } = kind;

        public List<string> TextValues => _text;

        public double[] NumericValues => _numbers.ToArray();

        public void Add(string cell, int line, string source, IReadOnlySet<string> missing)
        {
            if (Kind == ColumnKind.Text)
            {
                _text.Add(cell);
                return;
            }
            var trimmed = cell.Trim();
            if (missing.Contains(trimmed))
            {
                _numbers.Add(double.NaN);
                _text.Add(cell);
                return;
            }
            bool parsed = double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value);
            if (Kind == ColumnKind.Undecided)
            {
                Kind = parsed ? ColumnKind.Numeric : ColumnKind.Text;
                if (Kind == ColumnKind.Text)
                {
                    // Missing tokens seen so far were placeholders; keep them as text.
                    _numbers.Clear();
                    _text.Add(cell);
                    return;
                }
            }
            if (!parsed)
                throw new DataFormatException(source, line, name,
                    $"\"{cell}\" is not a number (this column's first value, on an earlier line, is numeric; missing values may be empty, NA, . or NaN).");
            _numbers.Add(value);
            _text.Add(string.Empty);
            _numberCount++;
        }
    }
}
