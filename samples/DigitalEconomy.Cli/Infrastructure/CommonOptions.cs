using System.CommandLine;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Reporting;

namespace DigitalEconomy.Cli.Infrastructure;

/// <summary>What <c>--format</c> selects: one of the table renderers, or the JSON document.</summary>
internal enum OutputFormat
{
    Text,
    Markdown,
    Latex,
    Csv,
    Json,
}

/// <summary>The common options of every command, resolved for one run.</summary>
/// <param name="DataPath">The CSV to read (the bundled panel when --data is absent; empty for commands that read none).</param>
/// <param name="Entity">Entity key column.</param>
/// <param name="Time">Time key column.</param>
/// <param name="Format">Output format.</param>
/// <param name="Seed">Seed for random procedures, if given.</param>
/// <param name="Out">Output path, if given.</param>
/// <param name="Verbose">Print stack traces of internal errors.</param>
internal sealed record CommonSettings(string DataPath, string Entity, string Time, OutputFormat Format, long? Seed, string? Out, bool Verbose)
{
    /// <summary>How the data file is read (--encoding, --delimiter, --decimal, --missing, --sheet).</summary>
    public PanelReadOptions Read { get; init; } = new();

    /// <summary>Other files the run reads (e.g. a study file); no output may overwrite them.</summary>
    public IReadOnlyList<string> OtherInputs { get; init; } = [];

    /// <summary>Every input file of the run: the data file (when there is one) and <see cref="OtherInputs"/>.</summary>
    public IEnumerable<string> Inputs => DataPath.Length > 0 ? [DataPath, .. OtherInputs] : OtherInputs;

    /// <summary>The table renderer for <see cref="Format"/> (JSON has none).</summary>
    public TableFormat TableFormat => Format switch
    {
        OutputFormat.Markdown => TableFormat.Markdown,
        OutputFormat.Latex => TableFormat.Latex,
        OutputFormat.Csv => TableFormat.Csv,
        _ => TableFormat.Text,
    };
}

/// <summary>
/// The options every command shares (--data, --entity, --time, --format, --out, --verbose, and --seed on the
/// commands that draw random numbers). One instance per command, because a System.CommandLine symbol belongs to one parent.
/// </summary>
internal sealed class CommonOptions
{
    public const string DefaultEntity = "city";
    public const string DefaultTime = "year";

    public Option<string?> Data { get; } = new("--data") { Description = "Panel to read: CSV (UTF-8 or GB18030), Excel .xlsx, Stata .dta (117–119) or .parquet (default: the bundled synthetic data/city_panel.csv).", HelpName = "FILE" };
    public Option<string> Entity { get; } = new("--entity") { Description = "Entity key column.", DefaultValueFactory = _ => DefaultEntity, HelpName = "COL" };
    public Option<string> Time { get; } = new("--time") { Description = "Time key column.", DefaultValueFactory = _ => DefaultTime, HelpName = "COL" };
    public Option<string> Format { get; } = new("--format") { Description = "Output format: text, markdown, latex, csv or json.", DefaultValueFactory = _ => "text" };
    public Option<long?> Seed { get; } = new("--seed")
    {
        Description = "Seed for random procedures (bootstrap, simulation); results are reproducible for a given seed.",
        HelpName = "N",
        CustomParser = ParseSeed,
    };
    public Option<string?> Out { get; } = new("--out") { Description = "Write the result to this path instead of stdout.", HelpName = "PATH" };
    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Print stack traces for internal errors." };
    public Option<string?> Encoding { get; } = new("--encoding") { Description = "Text encoding of a CSV file: auto (default: byte order mark, else UTF-8, else GB18030), utf-8 or gb18030 (also gbk).", HelpName = "ENC" };
    public Option<string?> Delimiter { get; } = new("--delimiter") { Description = "CSV field separator: auto (default: comma, semicolon, tab or '|', whichever splits the header and rows consistently), or one character (',', ';', 'tab', '|').", HelpName = "CHAR" };
    public Option<string?> Decimal { get; } = new("--decimal") { Description = "Decimal mark of a CSV file: auto (default: '.'; ',' when the separator is ';' and numbers are written 1,5), '.' or ','.", HelpName = "CHAR" };
    public Option<string?> Missing { get; } = new("--missing-tokens") { Description = "Cells read as missing values, comma-separated (default: empty, NA, ., NaN); e.g. --missing-tokens NA,-999.", HelpName = "A,B" };
    public Option<bool> TimeOrdinal { get; } = new("--time-ordinal") { Description = "Accept text periods that are not years, dates (2019-01-31), months (2019-01, 2019m1) or quarters (2019Q1), ordered as sorted text." };
    public Option<string?> TextColumns { get; } = new("--text-columns") { Description = "Columns to read as text even if they look numeric (e.g. zero-padded codes), comma-separated.", HelpName = "A,B" };
    public Option<string?> Sheet { get; } = new("--sheet") { Description = "Worksheet of an .xlsx file, by name or 1-based number (default: the first).", HelpName = "NAME" };

    /// <param name="includeData">Add the data-file options (--data, --entity, --time and the reader options).</param>
    /// <param name="outDescription">What --out writes, when it is not the result document.</param>
    /// <param name="includeSeed">Add --seed: only for commands that draw random numbers (bootstrap, permutations, simulation).</param>
    /// <param name="formats">The --format values the command accepts, the first the default (null: all five, default text).</param>
    public CommonOptions(bool includeData = true, string? outDescription = null, bool includeSeed = false, string[]? formats = null)
    {
        if (formats is { Length: > 0 })
        {
            Format.Description = formats.Length == 1 ? $"Output format: {formats[0]} (the only one)." : $"Output format: {string.Join(", ", formats)}.";
            Format.DefaultValueFactory = _ => formats[0];
            Format.AcceptOnlyFromAmong(formats);
        }
        else Format.AcceptOnlyFromAmong("text", "markdown", "latex", "csv", "json");
        IncludeData = includeData;
        IncludeSeed = includeSeed;
        if (outDescription is not null) Out.Description = outDescription;
    }

    private bool IncludeData { get; }

    private bool IncludeSeed { get; }

    public void AddTo(Command command)
    {
        if (IncludeData)
        {
            command.Add(Data);
            command.Add(Entity);
            command.Add(Time);
            command.Add(Encoding);
            command.Add(Delimiter);
            command.Add(Decimal);
            command.Add(Missing);
            command.Add(Sheet);
            command.Add(TimeOrdinal);
            command.Add(TextColumns);
        }
        command.Add(Format);
        if (IncludeSeed) command.Add(Seed);
        command.Add(Out);
        command.Add(Verbose);
    }

    public CommonSettings Resolve(ParseResult parse)
    {
        var format = parse.GetValue(Format) switch
        {
            "markdown" => OutputFormat.Markdown,
            "latex" => OutputFormat.Latex,
            "csv" => OutputFormat.Csv,
            "json" => OutputFormat.Json,
            _ => OutputFormat.Text,
        };
        var dataPath = IncludeData ? parse.GetValue(Data) ?? BundledData.Locate() : "";
        if (dataPath.Length == 0 && IncludeData)
            throw new SpecificationException("--data is empty; expected the path of a data file.");
        var output = parse.GetValue(Out);
        var seed = IncludeSeed ? parse.GetValue(Seed) : null;
        if (output is not null && string.IsNullOrWhiteSpace(output))
            throw new SpecificationException("--out is empty; expected a path.");
        var settings = new CommonSettings(
            dataPath,
            IncludeData ? parse.GetValue(Entity) ?? DefaultEntity : DefaultEntity,
            IncludeData ? parse.GetValue(Time) ?? DefaultTime : DefaultTime,
            format, seed, output, parse.GetValue(Verbose))
        {
            Read = IncludeData ? ReadOptions(parse) : new PanelReadOptions(),
        };
        if (output is not null && dataPath.Length > 0 && OutputFiles.SamePath(output, dataPath))
            throw new SpecificationException($"--out {output} is the input data file{(Path.GetFullPath(output) == Path.GetFullPath(dataPath) ? "" : " (through a link)")}; choose another path so the input is not overwritten.");
        return settings;
    }

    private PanelReadOptions ReadOptions(ParseResult parse)
    {
        var options = new PanelReadOptions
        {
            OrdinalTime = parse.GetValue(TimeOrdinal),
            CategoricalColumns = OptionSyntax.List("--text-columns", parse.GetValue(TextColumns), required: false),
        };
        var encoding = parse.GetValue(Encoding)?.Trim().ToLowerInvariant();
        options = options with
        {
            Encoding = encoding switch
            {
                null or "" or "auto" => TextEncodingChoice.Auto,
                "utf-8" or "utf8" => TextEncodingChoice.Utf8,
                "gb18030" or "gbk" or "gb2312" => TextEncodingChoice.Gb18030,
                _ => throw new SpecificationException($"--encoding \"{parse.GetValue(Encoding)}\" is not recognised; expected auto, utf-8 or gb18030."),
            },
        };
        var delimiter = parse.GetValue(Delimiter);
        if (delimiter is not null && !delimiter.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            char c = delimiter switch
            {
                "tab" or "\\t" or "\t" => '\t',
                "comma" => ',',
                "semicolon" => ';',
                "pipe" => '|',
                { Length: 1 } one when one[0] is not ('"' or '\r' or '\n') && one[0] < 128 => one[0],
                _ => throw new SpecificationException($"--delimiter \"{delimiter}\" is not recognised; expected auto, one character such as ',' or ';', or 'tab'."),
            };
            options = options with { Delimiter = c };
        }
        var dec = parse.GetValue(Decimal);
        if (dec is not null && !dec.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            options = options with
            {
                DecimalSeparator = dec switch
                {
                    "." or "point" => '.',
                    "," or "comma" => ',',
                    _ => throw new SpecificationException($"--decimal \"{dec}\" is not recognised; expected auto, '.' or ','."),
                },
            };
        }
        if (parse.GetValue(Missing) is { } missing)
            options = options with { MissingTokens = new HashSet<string>(missing.Split(',', StringSplitOptions.TrimEntries), StringComparer.Ordinal) };
        if (parse.GetValue(Sheet) is { } sheet)
        {
            if (string.IsNullOrWhiteSpace(sheet))
                throw new SpecificationException("--sheet is empty; expected a worksheet name or number.");
            options = options with { Sheet = sheet.Trim() };
        }
        return options;
    }

    private static long? ParseSeed(System.CommandLine.Parsing.ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return null;
        var text = result.Tokens[0].Value;
        if (long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seed) && seed >= 0)
            return seed;
        result.AddError($"--seed \"{text}\" is not a non-negative integer; expected e.g. --seed 42.");
        return null;
    }
}
