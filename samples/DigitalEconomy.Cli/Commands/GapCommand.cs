using System.CommandLine;
using System.Globalization;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Indices;
using DigitalEconomy.Econometrics.Reporting;

namespace DigitalEconomy.Cli.Commands;

/// <summary>What <c>gap</c> computes.</summary>
internal sealed record GapArguments(string Variable, string? Reference, GapForm Form, string Name, bool Replace);

/// <summary>One period of the gap summary.</summary>
internal sealed record GapPeriodJson(string Time, int N, double Mean, double Min, double Max);

/// <summary>The <c>gap</c> document: how the gap was built, its summary by period, and the rows left out.</summary>
internal sealed record GapJson(string Variable, string Reference, string Form, string Name, IReadOnlyList<GapPeriodJson> Series)
{
    public MissingJson Missing { get; init; } = MissingJson.None;
}

/// <summary>
/// <c>gap</c>: the development gap of every entity-period from a reference mean in its period
/// (<see cref="DevelopmentGap"/>): |ln x − ln m_t| or |x − m_t| / m_t, with m_t the national mean or that of
/// the entity's province or region. Prints the gap by period; --out writes the panel with the new column.
/// </summary>
internal static class GapCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions(outDescription: "Write the panel with the gap as a new column to this file (.csv, .dta or .parquet by extension); the summary still goes to stdout.");
        var variable = new Option<string>("--var") { Description = "Level variable the gap is measured on (e.g. gdppc, GDP per capita).", Required = true, HelpName = "COL" };
        var reference = new Option<string?>("--reference") { Description = "Reference mean: national (default) or a grouping column such as province or region.", HelpName = "COL" };
        var form = new Option<string>("--form") { Description = "log (|ln x − ln m|, default) or relative (|x − m| / m).", DefaultValueFactory = _ => "log" };
        form.AcceptOnlyFromAmong("log", "relative");
        var name = new Option<string>("--name") { Description = "Name of the gap column written with --out.", DefaultValueFactory = _ => "gap", HelpName = "COL" };
        var replace = new Option<bool>("--replace") { Description = "Allow --name to overwrite an existing column in the --out file." };
        var command = new Command("gap", "Development gap of every entity-period from the national (or provincial, regional) mean of its period.")
        {
            variable, reference, form, name, replace,
        };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            var r = parse.GetValue(reference)?.Trim();
            Run(console, settings, new GapArguments(parse.GetValue(variable)!.Trim(), r is null or "national" ? null : r,
                parse.GetValue(form) == "relative" ? GapForm.RelativeDeviation : GapForm.LogDeviation, parse.GetValue(name)!.Trim(), parse.GetValue(replace)));
        }));
        return command;
    }

    public static void Run(CliConsole console, CommonSettings settings, GapArguments args)
    {
        if (args.Name.Length == 0) throw new SpecificationException("--name is empty; expected the name of the gap column, e.g. --name gap.");
        var file = PanelReader.Open(settings.DataPath, settings.Entity, settings.Time, settings.Read);
        var panel = file.Panel;
        PanelLoader.RequireNumeric(panel, "--var", [args.Variable]);
        if (args.Reference is not null) PanelLoader.RequireColumn(panel, "--reference", [args.Reference]);
        if (settings.Out is not null)
        {
            if (args.Name == panel.EntityName || args.Name == panel.TimeName)
                throw new SpecificationException($"--name {args.Name} is a key column; choose another name for the gap column.");
            if (panel.HasColumn(args.Name) && !args.Replace)
                throw new SpecificationException($"--name {args.Name} is already a column of {Path.GetFileName(settings.DataPath)}; pass --replace to overwrite it in the output, or choose another name.");
            if (panel.HasCategorical(args.Name)) panel = panel.WithoutColumns(args.Name);
        }
        var gap = DevelopmentGap.Compute(panel, args.Variable, new DevelopmentGapOptions { Form = args.Form, ReferenceGroupColumn = args.Reference });
        panel.DropMissing([args.Variable], out var missing);
        if (missing.RowsDropped > 0) console.Note("note: " + missing + " Their gap is missing.");
        var series = Summaries(panel, gap);
        if (settings.Out is not null)
        {
            var scored = panel.WithColumn(args.Name, gap);
            OutputFiles.Write(settings, settings.Out, path => PanelWriter.Write(scored, path, file.VariableLabels));
            console.Note($"Wrote {Path.GetFullPath(settings.Out)} (the input panel plus column '{args.Name}')");
        }
        string referenceText = args.Reference ?? "national";
        string formText = args.Form == GapForm.LogDeviation ? "log" : "relative";
        ResultWriter.Emit(console, settings with { Out = null }, () => [Table(args, series, referenceText, formText)],
            () => new GapJson(args.Variable, referenceText, formText, args.Name, series) { Missing = MissingJson.From(missing) });
    }

    private static GapPeriodJson[] Summaries(PanelData panel, double[] gap)
    {
        var times = panel.Times;
        return Enumerable.Range(0, times.LevelCount).Select(t =>
        {
            var values = Enumerable.Range(0, panel.RowCount).Where(r => times.Codes[r] == t && !double.IsNaN(gap[r])).Select(r => gap[r]).ToArray();
            return values.Length == 0
                ? new GapPeriodJson(times.Levels[t], 0, double.NaN, double.NaN, double.NaN)
                : new GapPeriodJson(times.Levels[t], values.Length, values.Average(), values.Min(), values.Max());
        }).ToArray();
    }

    private static Table Table(GapArguments args, IReadOnlyList<GapPeriodJson> series, string reference, string form)
    {
        var builder = new TableBuilder($"Development gap of {args.Variable} ({form} deviation from the {reference} mean)").Columns("Period", "N", "Mean", "Min", "Max");
        foreach (var p in series)
            builder.Row(p.Time, p.N.ToString(CultureInfo.InvariantCulture), F(p.Mean), F(p.Min), F(p.Max));
        return builder.Build();
    }

    private static string F(double x) => double.IsNaN(x) ? "" : x.ToString("F4", CultureInfo.InvariantCulture);
}
