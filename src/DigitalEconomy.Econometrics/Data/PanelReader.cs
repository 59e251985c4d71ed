namespace DigitalEconomy.Econometrics.Data;

/// <summary>Text encoding of a CSV file.</summary>
public enum TextEncodingChoice
{
    /// <summary>A byte order mark decides (UTF-8, UTF-16); without one, UTF-8 when the whole file is valid UTF-8, else GB18030.</summary>
    Auto,

    /// <summary>UTF-8 (a byte order mark is honoured).</summary>
    Utf8,

    /// <summary>GB18030, the superset of GBK and GB2312 that Chinese Windows and Excel use for "CSV" files.</summary>
    Gb18030,
}

/// <summary>Options for <see cref="PanelReader.Read"/>; every setting has a default that reads ordinary files.</summary>
public sealed record PanelReadOptions
{
    /// <summary>Text encoding of a CSV file (default: detected).</summary>
    public TextEncodingChoice Encoding { get; init; } = TextEncodingChoice.Auto;

    /// <summary>
    /// CSV field separator; null (default) detects it: the first of ',', ';', tab and '|' that splits the header
    /// and the first rows into the same number (≥ 2) of fields, preferring the one giving more fields. An Excel
    /// <c>sep=;</c> first line is honoured.
    /// </summary>
    public char? Delimiter { get; init; }

    /// <summary>
    /// Decimal mark of a CSV file; null (default) detects it: ',' when the separator is not a comma and numbers
    /// in the first rows are written with a decimal comma (1,5) and never with a point, '.' otherwise.
    /// </summary>
    public char? DecimalSeparator { get; init; }

    /// <summary>Cells read as missing in CSV files; null means the defaults of <see cref="CsvReadOptions.MissingTokens"/>.</summary>
    public IReadOnlySet<string>? MissingTokens { get; init; }

    /// <summary>Columns read as text even when their cells look numeric (CSV).</summary>
    public IReadOnlyCollection<string> CategoricalColumns { get; init; } = [];

    /// <summary>Worksheet of an .xlsx file by name or 1-based number; null reads the first.</summary>
    public string? Sheet { get; init; }

    /// <summary>Accept text periods that are not dates, months or quarters, ordered as sorted text (see <see cref="CsvReadOptions.OrdinalTime"/>).</summary>
    public bool OrdinalTime { get; init; }
}

/// <summary>
/// The one entry point for reading a panel from a file, whatever its format: CSV (any of the encodings,
/// separators and decimal marks of <see cref="PanelReadOptions"/>), Stata .dta (formats 117–119), Excel .xlsx
/// and Apache Parquet. The format is recognised from the file's first bytes (a .xlsx file renamed .csv is
/// still read as a workbook), then from its extension.
/// </summary>
/// <remarks>
/// Every reader builds the time key the same way: years written 2008 and 2008.0 are one period, and dates,
/// months and quarters written as text are ordered chronologically with a calendar step for lags.
/// </remarks>
public static class PanelReader
{
    /// <summary>Reads a panel from <paramref name="path"/>.</summary>
    /// <param name="path">Data file.</param>
    /// <param name="entityColumn">Entity key column (e.g. "city").</param>
    /// <param name="timeColumn">Time key column (e.g. "year").</param>
    /// <param name="options">Reading options; null for the defaults.</param>
    /// <exception cref="DataFormatException">Bad content, with file, line (or row) and column.</exception>
    /// <exception cref="EconometricsException">The file cannot be opened, is a directory, or is in an unsupported format.</exception>
    public static PanelData Read(string path, string entityColumn, string timeColumn, PanelReadOptions? options = null) =>
        Open(path, entityColumn, timeColumn, options).Panel;

    /// <summary>
    /// The columns of a data file, in file order, without building a panel (no key column is needed): for CSV
    /// from the header and the first rows, for the binary formats from the whole file.
    /// </summary>
    public static IReadOnlyList<DataColumnInfo> Columns(string path, PanelReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new PanelReadOptions();
        var format = Readers.FileFormat.Detect(path);
        IReadOnlyList<Readers.RawColumn> raw = format switch
        {
            Readers.DataFileFormat.Csv => Readers.CsvFileReader.SampleColumns(path, options),
            Readers.DataFileFormat.Stata => Readers.StataDtaReader.Read(path, out _),
            Readers.DataFileFormat.Xlsx => Readers.XlsxReader.Read(path, options, out _),
            Readers.DataFileFormat.Parquet => Readers.ParquetPanelReader.Read(path),
            _ => throw new EconometricsException($"{Path.GetFileName(path)}: {Readers.FileFormat.Describe(format)} files are not supported."),
        };
        return raw.Select(c => new DataColumnInfo(c.Name, c.Numbers is not null, c.Label)).ToArray();
    }

    /// <summary>Reads a panel with what the file says about it: its format and its variable labels (Stata).</summary>
    /// <inheritdoc cref="Read" path="/param"/>
    public static PanelFile Open(string path, string entityColumn, string timeColumn, PanelReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(entityColumn);
        ArgumentNullException.ThrowIfNull(timeColumn);
        options ??= new PanelReadOptions();
        var format = Readers.FileFormat.Detect(path);
        var name = Path.GetFileName(path);
        switch (format)
        {
            case Readers.DataFileFormat.Csv:
                return new PanelFile(Readers.CsvFileReader.Read(path, entityColumn, timeColumn, options), "csv", new Dictionary<string, string>());
            case Readers.DataFileFormat.Stata:
            {
                var columns = Readers.StataDtaReader.Read(path, out int release);
                var panel = Readers.ColumnTable.ToPanel(name, columns, entityColumn, timeColumn, options, r => r + 1);
                return new PanelFile(panel, $"dta {release}", Readers.ColumnTable.Labels(columns));
            }
            case Readers.DataFileFormat.Xlsx:
            {
                var columns = Readers.XlsxReader.Read(path, options, out var rowNumber);
                return new PanelFile(Readers.ColumnTable.ToPanel(name, columns, entityColumn, timeColumn, options, rowNumber), "xlsx", new Dictionary<string, string>());
            }
            case Readers.DataFileFormat.Parquet:
            {
                var columns = Readers.ParquetPanelReader.Read(path, [entityColumn, timeColumn]);
                return new PanelFile(Readers.ColumnTable.ToPanel(name, columns, entityColumn, timeColumn, options, r => r + 1), "parquet", new Dictionary<string, string>());
            }
            case Readers.DataFileFormat.LegacyExcel:
                throw new EconometricsException($"{name} is an Excel 97–2003 .xls workbook; save it as .xlsx (or CSV) in Excel and read that.");
            default:
                throw new EconometricsException($"{name}: {Readers.FileFormat.Describe(format)} files are not supported; in Stata, save the data with Stata 13 or later (save, or saveold …, version(13)).");
        }
    }
}

/// <summary>One column of a data file as <see cref="PanelReader.Columns"/> sees it.</summary>
/// <param name="Name">Column name.</param>
/// <param name="IsNumeric">True when the cells (of the sample read) are numbers or missing.</param>
/// <param name="Label">Variable label (Stata), if any.</param>
public sealed record DataColumnInfo(string Name, bool IsNumeric, string? Label);

/// <summary>A panel as read from a file, with what the file says about its columns.</summary>
/// <param name="Panel">The panel.</param>
/// <param name="Format">"csv", "xlsx", "parquet" or "dta 117"/"dta 118"/"dta 119".</param>
/// <param name="VariableLabels">Variable labels by column name (Stata files; empty for other formats).</param>
public sealed record PanelFile(PanelData Panel, string Format, IReadOnlyDictionary<string, string> VariableLabels);
