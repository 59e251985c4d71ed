using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace DigitalEconomy.Econometrics.Data.Readers;

/// <summary>
/// CSV files for <see cref="PanelReader"/>: decides the encoding, the separator and the decimal mark (or takes
/// them from the options), refuses binary files with one line, and parses with <see cref="PanelCsv"/>.
/// </summary>
internal static class CsvFileReader
{
    private const int SampleBytes = 1 << 16;
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    public static PanelData Read(string path, string entityColumn, string timeColumn, PanelReadOptions options)
    {
        var name = Path.GetFileName(path);
        var start = FileFormat.ReadStart(path, SampleBytes, out _);
        if (LooksBinary(start))
            throw new EconometricsException($"{name} is a binary file, not CSV text; expected a CSV, .xlsx, .dta or .parquet file.");
        // A file that is (or may be) UTF-8 first goes to the parallel byte-level reader; when the file turns
        // out not to be valid UTF-8, or not in the plain form that reader takes, the general path reads it.
        if (MayBeUtf8(start, options.Encoding, out bool mustValidate))
        {
            var utf8Options = ReadOptions(Decode(start, new UTF8Encoding(false)), options);
            using var file = FileFormat.Open(path);
            if (PanelCsv.TryReadFast(file.SafeFileHandle, name, entityColumn, timeColumn, utf8Options, mustValidate) is { } fast)
                return fast;
        }
        var encoding = ChooseEncoding(path, start, options.Encoding);
        var csvOptions = ReadOptions(Decode(start, encoding), options);
        using var stream = FileFormat.Open(path);
        using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        return PanelCsv.Read(reader, name, entityColumn, timeColumn, csvOptions);
    }

    /// <summary>The CSV options for a file whose first block decodes to <paramref name="sample"/>.</summary>
    private static CsvReadOptions ReadOptions(string sample, PanelReadOptions options)
    {
        char delimiter = options.Delimiter ?? DetectDelimiter(sample);
        char decimalMark = options.DecimalSeparator ?? DetectDecimal(sample, delimiter);
        var csvOptions = new CsvReadOptions
        {
            Delimiter = delimiter.ToString(),
            DecimalSeparator = decimalMark,
            CategoricalColumns = options.CategoricalColumns,
            OrdinalTime = options.OrdinalTime,
        };
        return options.MissingTokens is { } tokens ? csvOptions with { MissingTokens = tokens } : csvOptions;
    }

    /// <summary>
    /// True when <see cref="ChooseEncoding"/> may pick UTF-8: chosen, a UTF-8 byte order mark, or detection
    /// without a byte order mark (then the whole file must be checked as UTF-8: <paramref name="mustValidate"/>).
    /// </summary>
    private static bool MayBeUtf8(byte[] start, TextEncodingChoice choice, out bool mustValidate)
    {
        mustValidate = false;
        if (choice == TextEncodingChoice.Utf8) return true;
        if (choice != TextEncodingChoice.Auto) return false;
        if (start.Length >= 3 && start[0] == 0xEF && start[1] == 0xBB && start[2] == 0xBF) return true;
        if (start.Length >= 2 && ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF))) return false;
        mustValidate = true;
        return true;
    }

    /// <summary>Header and column kinds from the first rows of a CSV file (numeric when every sampled cell is a number or missing).</summary>
    public static IReadOnlyList<RawColumn> SampleColumns(string path, PanelReadOptions options)
    {
        var name = Path.GetFileName(path);
        var start = FileFormat.ReadStart(path, SampleBytes, out _);
        if (LooksBinary(start))
            throw new EconometricsException($"{name} is a binary file, not CSV text; expected a CSV, .xlsx, .dta or .parquet file.");
        var encoding = ChooseEncoding(path, start, options.Encoding);
        var lines = SampleLines(Decode(start, encoding));
        if (lines.Count > 0 && lines[0].StartsWith("sep=", StringComparison.Ordinal)) lines.RemoveAt(0);
        if (lines.Count == 0) throw new DataFormatException(name, 0, null, "the file is empty; expected a header row naming the columns.");
        char delimiter = options.Delimiter ?? DetectDelimiter(string.Join('\n', lines) + "\n");
        char decimalMark = options.DecimalSeparator ?? DetectDecimal(string.Join('\n', lines) + "\n", delimiter);
        var numbers = decimalMark == '.' ? System.Globalization.CultureInfo.InvariantCulture
            : (IFormatProvider)new System.Globalization.NumberFormatInfo { NumberDecimalSeparator = "," };
        var missing = options.MissingTokens ?? new CsvReadOptions().MissingTokens;
        var header = SplitLine(lines[0], delimiter);
        var rows = lines.Skip(1).Select(l => SplitLine(l, delimiter)).ToList();
        var result = new List<RawColumn>();
        for (int j = 0; j < header.Length; j++)
        {
            bool numeric = rows.Count > 0 && rows.All(r => j >= r.Length || missing.Contains(r[j])
                || double.TryParse(r[j], System.Globalization.NumberStyles.Float, numbers, out _));
            result.Add(numeric ? new RawColumn(header[j]) { Numbers = [] } : new RawColumn(header[j]) { Texts = [] });
        }
        return result;
    }

    private static string[] SplitLine(string line, char separator)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (ch == '"')
            {
                if (quoted && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else quoted = !quoted;
            }
            else if (ch == separator && !quoted) { fields.Add(current.ToString().Trim()); current.Clear(); }
            else current.Append(ch);
        }
        fields.Add(current.ToString().Trim());
        return fields.ToArray();
    }

    /// <summary>NUL bytes never occur in CSV text (UTF-16 files start with a byte order mark and are decoded as such).</summary>
    private static bool LooksBinary(byte[] start)
    {
        if (start.Length >= 2 && ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF))) return false;
        return Array.IndexOf(start, (byte)0) >= 0;
    }

    /// <summary>The encoding named by the options, or: a byte order mark; else UTF-8 if the whole file is valid UTF-8; else GB18030.</summary>
    internal static Encoding ChooseEncoding(string path, byte[] start, TextEncodingChoice choice)
    {
        switch (choice)
        {
            case TextEncodingChoice.Utf8:
                return new UTF8Encoding(false);
            case TextEncodingChoice.Gb18030:
                return Gb18030;
        }
        if (start.Length >= 3 && start[0] == 0xEF && start[1] == 0xBB && start[2] == 0xBF) return new UTF8Encoding(false);
        if (start.Length >= 2 && start[0] == 0xFF && start[1] == 0xFE) return Encoding.Unicode;
        if (start.Length >= 2 && start[0] == 0xFE && start[1] == 0xFF) return Encoding.BigEndianUnicode;
        return IsValidUtf8(path) ? new UTF8Encoding(false) : Gb18030;
    }

    /// <summary>GB18030 (code page 54936), served by the framework's code-page provider.</summary>
    internal static Encoding Gb18030
    {
        get
        {
            var encoding = CodePagesEncodingProvider.Instance.GetEncoding(54936);
            return encoding ?? throw new EconometricsException("The GB18030 encoding is not available on this platform; convert the file to UTF-8.");
        }
    }

    private static bool IsValidUtf8(string path)
    {
        using var stream = FileFormat.Open(path);
        var bytes = ArrayPool<byte>.Shared.Rent(1 << 20);
        var chars = ArrayPool<char>.Shared.Rent(1 << 20);
        try
        {
            int carried = 0;
            while (true)
            {
                int n = stream.Read(bytes, carried, (1 << 20) - carried);
                bool final = n == 0;
                int total = carried + n;
                var status = Utf8.ToUtf16(bytes.AsSpan(0, total), chars, out int read, out _, replaceInvalidSequences: false, isFinalBlock: final);
                if (status == System.Buffers.OperationStatus.InvalidData) return false;
                if (final) return status == System.Buffers.OperationStatus.Done;
                // Keep an incomplete sequence at the end of the block for the next read.
                carried = total - read;
                if (carried > 0) Array.Copy(bytes, read, bytes, 0, carried);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static string Decode(byte[] start, Encoding encoding)
    {
        // The sample may end inside a character; the decoder replaces that partial character only.
        var text = encoding.GetString(start);
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        return text;
    }

    /// <summary>Complete lines of the sample (the last, possibly cut, line is dropped when there are others).</summary>
    private static List<string> SampleLines(string sample)
    {
        var lines = sample.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 1) lines.RemoveAt(lines.Count - 1);
        return lines.Where(l => l.Trim().Length > 0).Take(50).ToList();
    }

    internal static char DetectDelimiter(string sample)
    {
        var lines = SampleLines(sample);
        if (lines.Count == 0) return ',';
        if (lines[0].StartsWith("sep=", StringComparison.Ordinal) && lines[0].TrimEnd().Length == 5) return lines[0][4];
        char best = ',';
        int bestFields = 0;
        foreach (var c in Candidates)
        {
            int header = FieldCount(lines[0], c);
            if (header < 2) continue;
            if (lines.Skip(1).Any(l => FieldCount(l, c) != header)) continue;
            if (header > bestFields)
            {
                best = c;
                bestFields = header;
            }
        }
        return best;
    }

    internal static char DetectDecimal(string sample, char delimiter)
    {
        if (delimiter == ',') return '.';
        int comma = 0, point = 0;
        foreach (var line in SampleLines(sample).Skip(1))
        {
            foreach (var raw in line.Split(delimiter))
            {
                var cell = raw.Trim().Trim('"');
                if (IsDecimal(cell, ',')) comma++;
                else if (IsDecimal(cell, '.')) point++;
            }
        }
        return comma > 0 && point == 0 ? ',' : '.';
    }

    private static bool IsDecimal(string cell, char mark)
    {
        int i = 0;
        if (i < cell.Length && cell[i] is '+' or '-') i++;
        int digitsBefore = 0;
        while (i < cell.Length && char.IsAsciiDigit(cell[i])) { i++; digitsBefore++; }
        if (i >= cell.Length || cell[i] != mark) return false;
        i++;
        int digitsAfter = 0;
        while (i < cell.Length && char.IsAsciiDigit(cell[i])) { i++; digitsAfter++; }
        if (i < cell.Length && cell[i] is 'e' or 'E')
        {
            i++;
            if (i < cell.Length && cell[i] is '+' or '-') i++;
            while (i < cell.Length && char.IsAsciiDigit(cell[i])) i++;
        }
        return i == cell.Length && digitsBefore > 0 && digitsAfter > 0;
    }

    /// <summary>Fields of one line for a separator, honouring double quotes.</summary>
    private static int FieldCount(string line, char separator)
    {
        int fields = 1;
        bool quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"') quoted = !quoted;
            else if (ch == separator && !quoted) fields++;
        }
        return fields;
    }
}
