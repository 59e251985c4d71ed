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
    /// Columns to read as text (categorical) even if their values look numeric (e.g. zero-padded codes). A
    /// column not listed is numeric when any of its cells is a number; every other cell must then be a
    /// number or a missing token, else reading stops with the line and the cell. Columns without any number
    /// are text.
    /// </summary>
    public IReadOnlyCollection<string> CategoricalColumns { get; init; } = [];

    /// <summary>
    /// Decimal mark of numbers: '.' (default) or ',' (files saved with a European locale, usually separated
    /// by ';'). Thousands separators are never accepted.
    /// </summary>
    public char DecimalSeparator { get; init; } = '.';

    /// <summary>
    /// Accept a time key of text labels that are neither numbers, dates, months nor quarters, ordering the
    /// periods as sorted text (one step per label). Off by default: such a key is an error, because a text
    /// order is rarely the chronological one.
    /// </summary>
    public bool OrdinalTime { get; init; }
}

/// <summary>
/// Reads and writes panels as CSV (header row, invariant culture, RFC 4180 quoting). Reading never modifies
/// the file; writing formats doubles with the shortest round-trip representation, so write → read is exact.
/// Every problem in a file is reported as a <see cref="DataFormatException"/> naming file, line and column,
/// e.g. <c>city_panel.csv:118, column 'fdi': "1,2e" is not a number</c>.
/// </summary>
/// <remarks>
/// Text cells that a spreadsheet would run as formulas are written with a leading apostrophe ("'=x") and
/// read back without it, so write → read stays exact.
/// 
/// A column is numeric when at least one of its cells is a number; every other cell must then be a number or
/// a missing token. A column with no number at all is text. Cells and header names are trimmed of spaces and
/// tabs outside quotes. Line numbers are physical lines (the header is line 1), counting lines inside quoted
/// fields, so they match what an editor shows.
/// </remarks>
public static partial class PanelCsv
{
    /// <summary>Text written for a missing numeric value.</summary>
    public const string MissingToken = "NA";

    /// <summary>Reads a panel from a CSV file.</summary>
    /// <param name="path">CSV file with a header row (UTF-8; a byte order mark is honoured).</param>
    /// <param name="entityColumn">Name of the entity key column (e.g. "city").</param>
    /// <param name="timeColumn">Name of the time key column (e.g. "year").</param>
    /// <param name="options">Parsing options; defaults accept "", NA, . and NaN as missing.</param>
    /// <exception cref="DataFormatException">Bad content, with file, line and column.</exception>
    /// <exception cref="EconometricsException">The file cannot be opened.</exception>
    public static PanelData Read(string path, string entityColumn, string timeColumn, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Read-only, and shared so that a file open elsewhere can still be read; never written.
        var stream = Readers.FileFormat.Open(path);
        using (stream)
        {
            var settings = new ReaderSettings(options);
            if (TryReadFast(stream.SafeFileHandle, Path.GetFileName(path), entityColumn, timeColumn, options, validateUtf8: false) is { } fast)
                return fast;
            using var csv = CsvReader.Create(stream, settings.CsvOptions, true);
            return ReadCore(csv, settings, Path.GetFileName(path), entityColumn, timeColumn);
        }
    }

    /// <summary>Reads a panel from CSV text; <paramref name="sourceName"/> names it in error messages.</summary>
    public static PanelData Read(TextReader reader, string sourceName, string entityColumn, string timeColumn, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var settings = new ReaderSettings(options);
        using var csv = CsvReader.Create(reader, settings.CsvOptions, true);
        return ReadCore(csv, settings, sourceName, entityColumn, timeColumn);
    }

    private static PanelData ReadCore(CsvReader csv, ReaderSettings settings, string source, string entityColumn, string timeColumn)
    {
        ArgumentNullException.ThrowIfNull(entityColumn);
        ArgumentNullException.ThrowIfNull(timeColumn);
        if (entityColumn == timeColumn)
            throw new EconometricsException($"The entity and the time key are both '{entityColumn}'; name two different columns.");
        if (!settings.Next(csv, source))
            throw new DataFormatException(source, 0, null, "the file is empty; expected a header row naming the columns.");
        int headerLine = (int)csv.LineNumber;
        var header = RecordOf(csv);
        var firstLine = string.Join(settings.Delimiter, header);
        if (header.Length <= 2 && firstLine.Length == 5 && firstLine.StartsWith("sep=", StringComparison.Ordinal))
        {
            // Excel's "sep=;" first line: skip it when it agrees with the delimiter, explain when not.
            if (firstLine[4] != settings.Delimiter)
                throw new DataFormatException(source, headerLine, null,
                    $"the file declares the separator '{firstLine[4]}' (\"{firstLine}\") but the delimiter is '{settings.Delimiter}'; set the delimiter to '{firstLine[4]}' (CLI: --delimiter; library: Delimiter read option).");
            if (!settings.Next(csv, source))
                throw new DataFormatException(source, 0, null, "the file is empty; expected a header row naming the columns.");
            headerLine = (int)csv.LineNumber;
            header = RecordOf(csv);
        }
        ValidateHeader(header, source, headerLine, settings.Delimiter);
        int entityIndex = RequireColumn(header, entityColumn, source, headerLine, "entity");
        int timeIndex = RequireColumn(header, timeColumn, source, headerLine, "time");

        int width = header.Length;
        var columns = new ColumnReader[width];
        var categorical = new HashSet<string>(settings.Options.CategoricalColumns, StringComparer.Ordinal);
        foreach (var name in categorical)
            if (Array.IndexOf(header, name) < 0)
                throw new DataFormatException(source, headerLine, null,
                    $"the text columns (--text-columns / CategoricalColumns) name '{name}', which is not in the header ({string.Join(", ", header)}).");
        for (int j = 0; j < width; j++)
            columns[j] = new ColumnReader(header[j], j == entityIndex || j == timeIndex || categorical.Contains(header[j]));
        var lines = new List<int>();
        while (settings.Next(csv, source))
        {
            int line = (int)csv.LineNumber;
            int fields = csv.FieldCount;
            if (fields != width)
                throw new DataFormatException(source, line, null,
                    $"the row has {fields} fields but the header has {width}; every row needs one value per column" +
                    (fields > width ? $" (a value that contains '{settings.Delimiter}' must be enclosed in double quotes)." : "."));
            for (int j = 0; j < width; j++)
                columns[j].Add(csv, j, line, source, settings);
            CheckKey(columns[entityIndex].LastText, entityColumn, "entity", line, source, settings);
            CheckKey(columns[timeIndex].LastText, timeColumn, "time", line, source, settings);
            lines.Add(line);
        }
        if (lines.Count == 0)
            throw new DataFormatException(source, headerLine, null, "the file has a header but no data rows.");

        var entities = Factor.FromStrings(columns[entityIndex].TextValues);
        var times = Readers.TimeIndex.Parse(columns[timeIndex].TextValues, settings.Options.OrdinalTime, source, timeColumn, r => lines[r]);
        var numeric = new List<KeyValuePair<string, double[]>>();
        var text = new List<KeyValuePair<string, Factor>>();
        for (int j = 0; j < width; j++)
        {
            if (j == entityIndex || j == timeIndex) continue;
            if (columns[j].IsText)
                text.Add(new(header[j], Factor.FromStrings(columns[j].TextValues)));
            else
                numeric.Add(new(header[j], columns[j].NumericValues));
        }
        return PanelData.Create(entityColumn, entities, timeColumn, times, numeric, text, lines, source);
    }

    private static void CheckKey(string key, string column, string role, int line, string source, ReaderSettings settings)
    {
        if (key.Length == 0 || settings.IsMissing(key))
            throw new DataFormatException(source, line, column, $"the {role} key is missing (\"{key}\"); every row needs one.");
    }

    /// <summary>Writes a panel as CSV: entity, time, then every column in order; missing values as <see cref="MissingToken"/>.</summary>
    /// <remarks>
    /// The file is written to a temporary file beside <paramref name="path"/> and then moved over it, so a
    /// failure never leaves a half-written file. Read it back with the text columns listed in
    /// <see cref="CsvReadOptions.CategoricalColumns"/> when a text column might hold only numbers or
    /// missing tokens.
    /// </remarks>
    public static void Write(PanelData panel, string path)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (dir is not null) Directory.CreateDirectory(dir);
        var temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var writer = new StreamWriter(temp, append: false, new System.Text.UTF8Encoding(false)))
                Write(panel, writer);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new EconometricsException($"{path}: cannot write the file ({e.Message}).");
        }
    }

    /// <summary>
    /// Writes a panel as CSV text ("\n" line ends; fields quoted when needed or when they start or end with
    /// whitespace). Text cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR and
    /// not a number) get a leading apostrophe.
    /// </summary>
    public static void Write(PanelData panel, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(writer);
        var options = new CsvWriterOptions { NewLine = "\n", Injection = CsvInjection.None, Quoting = CsvQuoting.WhenNeededOrWhitespace };
        using var csv = CsvWriter.Create(writer, options, true);
        csv.WriteField(CsvCells.Escape(panel.EntityName));
        csv.WriteField(CsvCells.Escape(panel.TimeName));
        foreach (var c in panel.ColumnNames) csv.WriteField(CsvCells.Escape(c));
        csv.EndRecord();
        var numeric = panel.ColumnNames.Select(c => panel.HasNumeric(c) ? panel.NumericArray(c) : null).ToArray();
        var text = panel.ColumnNames.Select(c => panel.HasCategorical(c) ? panel.Grouping(c) : null).ToArray();
        // A CSV reader (this one included) rejects infinities, so refuse to write a file that cannot be read.
        for (int j = 0; j < numeric.Length; j++)
        {
            if (numeric[j] is not { } x) continue;
            for (int r = 0; r < x.Length; r++)
                if (double.IsInfinity(x[r]))
                    throw new EconometricsException(
                        $"Column '{panel.ColumnNames[j]}' is {(x[r] > 0 ? "+" : "-")}infinity at {panel.Describe(r)}; a CSV file can hold finite numbers and missing values only.");
        }
        for (int r = 0; r < panel.RowCount; r++)
        {
            csv.WriteField(CsvCells.Escape(panel.Entities.LabelOf(r)));
            csv.WriteField(CsvCells.Escape(panel.Times.LabelOf(r)));
            for (int j = 0; j < numeric.Length; j++)
                csv.WriteField(numeric[j] is { } x ? FormatDouble(x[r]) : CsvCells.Escape(text[j]!.LabelOf(r)));
            csv.EndRecord();
        }
    }

    /// <summary>Shortest text that parses back to exactly the same double ("R" format); NaN as <see cref="MissingToken"/>.</summary>
    public static string FormatDouble(double value) =>
        double.IsNaN(value) ? MissingToken : value.ToString("R", CultureInfo.InvariantCulture);

    private static string[] RecordOf(CsvReader csv)
    {
        var fields = new string[csv.FieldCount];
        for (int j = 0; j < fields.Length; j++) fields[j] = csv.GetString(j);
        return fields;
    }

    private static void ValidateHeader(string[] header, string source, int line, char delimiter)
    {
        if (header.Length == 1)
        {
            var other = new[] { ';', '\t', ',', '|' }.FirstOrDefault(c => c != delimiter && header[0].Contains(c));
            if (other != default)
                throw new DataFormatException(source, line, null,
                    $"the header is a single column \"{header[0]}\"; the file seems to be separated by '{(other == '\t' ? "\\t" : other.ToString())}', so set the delimiter to it (CLI: --delimiter; library: Delimiter read option).");
        }
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < header.Length; j++)
        {
            CheckText(header[j], source, line, null);
            if (string.IsNullOrWhiteSpace(header[j]))
                throw new DataFormatException(source, line, null, $"header field {j + 1} is empty; every column needs a name.");
            if (!first.TryAdd(header[j], j))
                throw new DataFormatException(source, line, header[j], $"the name appears twice in the header (fields {first[header[j]] + 1} and {j + 1}); column names must be unique.");
        }
    }

    private static int RequireColumn(string[] header, string name, string source, int line, string role)
    {
        int index = Array.IndexOf(header, name);
        if (index >= 0) return index;
        var close = header.FirstOrDefault(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        throw new DataFormatException(source, line, null,
            $"no column named '{name}' for the {role} key." + (close is not null ? $" Did you mean '{close}'?" : "") +
            $" The header has: {string.Join(", ", header)}.");
    }

    /// <summary>Invalid UTF-8 decodes to U+FFFD; say so instead of letting mangled names through.</summary>
    private static void CheckText(string text, string source, int line, string? column)
    {
        if (text.Contains('\uFFFD'))
            throw new DataFormatException(source, line, column,
                "the text is not valid UTF-8; a file saved as GBK/GB18030 (Chinese Windows, Excel's \"CSV\") is read with --encoding gb18030 or auto (library: PanelReader with TextEncodingChoice).");
    }

    /// <summary>CsvHelper settings plus the malformed-quote report, shared by the two Read entry points.</summary>
    private sealed class ReaderSettings
    {
        private CsvMalformedRecord? _malformed;
        private readonly bool _missingMayParse;

        public ReaderSettings(CsvReadOptions? options)
        {
            Options = options ?? new CsvReadOptions();
            if (Options.Delimiter.Length != 1 || Options.Delimiter[0] > 127 || Options.Delimiter[0] is '"' or '\r' or '\n')
                throw new EconometricsException($"The CSV delimiter must be one ASCII character other than a quote or a line break; got \"{Options.Delimiter}\".");
            Delimiter = Options.Delimiter[0];
            MissingTokens = Options.MissingTokens ?? throw new EconometricsException("CsvReadOptions.MissingTokens must not be null.");
            if (Options.DecimalSeparator is not ('.' or ','))
                throw new EconometricsException($"The decimal mark must be '.' or ','; got '{Options.DecimalSeparator}'.");
            if (Options.DecimalSeparator == Delimiter)
                throw new EconometricsException($"The decimal mark and the delimiter are both '{Delimiter}'; numbers with a decimal comma need another separator such as ';'.");
            Numbers = Options.DecimalSeparator == '.' ? CultureInfo.InvariantCulture
                : new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00A0" };
            // Only a token that reads as a finite number (e.g. −999) could be mistaken for data by the fast
            // path; "NaN" parses too, but to a non-finite value that the fast path never accepts.
            _missingMayParse = MissingTokens.Any(t => double.TryParse(t, NumberStyles.Float, Numbers, out var v) && double.IsFinite(v));
            CsvOptions = new CsvReaderOptions
            {
                Separator = Delimiter,
                HasHeader = false, // the header is read as a record so that its problems get a line number too
                TrackLineNumbers = true,
                SkipEmptyLines = true,
                TrimWhitespace = true,
                FieldCountMismatch = CsvFieldCountHandling.Allow, // checked by the caller with a clearer message
                // Recover, but record the first malformed record: its reason gives a precise message.
                MalformedData = CsvMalformedDataHandling.Recover,
                OnMalformedRecord = record => _malformed ??= record,
                DetectSeparatorHint = false,
                FormatProvider = CultureInfo.InvariantCulture,
            };
        }

        public CsvReadOptions Options { get; }

        /// <summary>Number format with the file's decimal mark.</summary>
        public IFormatProvider Numbers { get; }

        public char Delimiter { get; }

        public IReadOnlySet<string> MissingTokens { get; }

        public CsvReaderOptions CsvOptions { get; }

        /// <summary>When a missing token is itself a number (e.g. −999), every cell must be checked as text first.</summary>
        public bool MissingMayParse => _missingMayParse;

        public bool IsMissing(string cell) => MissingTokens.Contains(cell);

        public string MissingList => string.Join(", ", MissingTokens.Select(t => t.Length == 0 ? "empty" : t));

        public bool Next(CsvReader csv, string source)
        {
            bool more;
            try
            {
                more = csv.Read();
            }
            catch (CsvFormatException e)
            {
                throw new DataFormatException(source, (int)e.LineNumber, null, "malformed CSV: " + e.Message);
            }
            if (_malformed is { } bad)
            {
                var what = bad.Reason switch
                {
                    CsvMalformedReason.StrayQuote => "a double quote inside an unquoted field; enclose the whole field in quotes and double the quotes inside it (\"a \"\"b\"\" c\")",
                    CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a quoted field; a quoted field must end at its closing quote (double any quote inside it)",
                    CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed; add the closing double quote",
                    _ => "malformed quoting",
                };
                throw new DataFormatException(source, (int)bad.LineNumber, null, "malformed CSV: " + what + ".");
            }
            return more;
        }
    }

    /// <summary>
    /// Collects one column's cells. A column is numeric once any cell is a number; until then the cells are
    /// also kept as text in case the column turns out to be text.
    /// </summary>
    private sealed class ColumnReader(string name, bool forcedText)
    {
        private List<string>? _text = [];
        private readonly List<double> _numbers = [];
        private bool _numeric;
        private string? _firstNonNumber;
        private int _firstNonNumberLine;

        public bool IsText => forcedText || (!_numeric && _firstNonNumber is not null);

        public List<string> TextValues => _text ?? [];

        public string LastText => _text is { Count: > 0 } t ? t[^1] : "";

        public double[] NumericValues => _numbers.ToArray();

        public void Add(CsvReader csv, int j, int line, string source, ReaderSettings settings)
        {
            if (forcedText)
            {
                var cell = CsvCells.Unescape(csv.GetString(j));
                CheckText(cell, source, line, name);
                _text!.Add(cell);
                return;
            }
            if (!settings.MissingMayParse)
            {
                var span = csv.GetSpan(j);
                if (span.Length > 0 && double.TryParse(span, NumberStyles.Float, settings.Numbers, out var fast) && double.IsFinite(fast))
                {
                    AddNumber(fast, line, source, settings);
                    return;
                }
            }
            var text = csv.GetString(j);
            if (settings.IsMissing(text))
            {
                _numbers.Add(double.NaN);
                _text?.Add(text);
                return;
            }
            bool parsed = double.TryParse(text, NumberStyles.Float, settings.Numbers, out var value);
            if (parsed && double.IsFinite(value))
            {
                AddNumber(value, line, source, settings);
                return;
            }
            if (_numeric)
                throw new DataFormatException(source, line, name, NotANumber(text, parsed, settings));
            CheckText(text, source, line, name);
            if (_firstNonNumber is null)
            {
                _firstNonNumber = text;
                _firstNonNumberLine = line;
            }
            _numbers.Add(double.NaN);
            _text!.Add(CsvCells.Unescape(text));
        }

        private void AddNumber(double value, int line, string source, ReaderSettings settings)
        {
            if (!_numeric)
            {
                if (_firstNonNumber is not null)
                    throw new DataFormatException(source, _firstNonNumberLine, name,
                        NotANumber(_firstNonNumber, false, settings) +
                        $" The column holds numbers (e.g. on line {line}); to read it as text, list it as a text column (CLI: --text-columns {name}; library: CategoricalColumns).");
                _numeric = true;
                _text = null; // a numeric column never needs its text
            }
            _numbers.Add(value);
        }

        private static string NotANumber(string text, bool parsedButInfinite, ReaderSettings settings) =>
            $"\"{text}\" is not {(parsedButInfinite ? "a finite number" : "a number")}; expected a number or a missing value ({settings.MissingList}).";
    }
}
