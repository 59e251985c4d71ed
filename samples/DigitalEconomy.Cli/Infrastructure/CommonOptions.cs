using System.CommandLine;
using DigitalEconomy.Econometrics;
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
/// The options every command shares (--data, --entity, --time, --format, --seed, --out, --verbose). One
/// instance per command, because a System.CommandLine symbol belongs to one parent.
/// </summary>
internal sealed class CommonOptions
{
    public const string DefaultEntity = "city";
    public const string DefaultTime = "year";

    public Option<string?> Data { get; } = new("--data") { Description = "CSV panel to read (default: the bundled synthetic data/city_panel.csv).", HelpName = "FILE" };
    public Option<string> Entity { get; } = new("--entity") { Description = "Entity key column.", DefaultValueFactory = _ => DefaultEntity, HelpName = "COL" };
    public Option<string> Time { get; } = new("--time") { Description = "Time key column.", DefaultValueFactory = _ => DefaultTime, HelpName = "COL" };
    public Option<string> Format { get; } = new("--format") { Description = "Output format: text, markdown, latex, csv or json.", DefaultValueFactory = _ => "text" };
    public Option<long?> Seed { get; } = new("--seed") { Description = "Seed for random procedures (bootstrap, simulation); results are reproducible for a given seed.", HelpName = "N" };
    public Option<string?> Out { get; } = new("--out") { Description = "Write the result to this path instead of stdout.", HelpName = "PATH" };
    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Print stack traces for internal errors." };

    public CommonOptions(bool includeData = true, string? outDescription = null)
    {
        Format.AcceptOnlyFromAmong("text", "markdown", "latex", "csv", "json");
        IncludeData = includeData;
        if (outDescription is not null) Out.Description = outDescription;
    }

    private bool IncludeData { get; }

    public void AddTo(Command command)
    {
        if (IncludeData)
        {
            command.Add(Data);
            command.Add(Entity);
            command.Add(Time);
        }
        command.Add(Format);
        command.Add(Seed);
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
        var output = parse.GetValue(Out);
        var seed = parse.GetValue(Seed);
        if (seed < 0)
            throw new SpecificationException($"--seed {seed} is negative; expected a non-negative integer.");
        if (output is not null && dataPath.Length > 0 && OutputFiles.SamePath(output, dataPath))
            throw new EconometricsException($"--out {output} is the input data file; choose another path so the input is not overwritten.");
        return new CommonSettings(
            dataPath,
            IncludeData ? parse.GetValue(Entity) ?? DefaultEntity : DefaultEntity,
            IncludeData ? parse.GetValue(Time) ?? DefaultTime : DefaultTime,
            format, seed, output, parse.GetValue(Verbose));
    }
}
