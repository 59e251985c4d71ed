using System.CommandLine;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Indices;
using DigitalEconomy.Econometrics.Reporting;

namespace DigitalEconomy.Cli.Commands;

/// <summary>What <c>inequality</c> computes.</summary>
internal sealed record InequalityArguments(string Variable, string? Group)
{
    /// <summary>--weight: population (or other) weights of the units, e.g. population; null = equal weights.</summary>
    public string? Weight { get; init; }
}

/// <summary><c>inequality</c>: Theil T/L, Gini and CV across entities per period, with a between/within split.</summary>
internal static class InequalityCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions();
        var variable = new Option<string>("--var") { Description = "Variable whose distribution across entities is measured (e.g. gdppc).", Required = true, HelpName = "COL" };
        var group = new Option<string?>("--group") { Description = "Grouping column for the between/within Theil decomposition (e.g. region).", HelpName = "COL" };
        var weight = new Option<string?>("--weight") { Description = "Weight column (e.g. population): population-weighted Theil, Gini and CV and weighted decompositions (default: equal weights).", HelpName = "COL" };
        var command = new Command("inequality", "Inequality across entities per period: Theil T and L, Gini, coefficient of variation, Theil between/within groups.")
        {
            variable, group, weight,
        };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            Run(console, settings, new InequalityArguments(parse.GetValue(variable)!.Trim(), parse.GetValue(group)?.Trim()) { Weight = parse.GetValue(weight)?.Trim() });
        }));
        return command;
    }

    public static void Run(CliConsole console, CommonSettings settings, InequalityArguments args)
    {
        var panel = PanelLoader.Load(settings);
        PanelLoader.RequireNumeric(panel, "--var", [args.Variable]);
        if (args.Group is not null) PanelLoader.RequireColumn(panel, "--group", [args.Group]);
        if (args.Weight is not null) PanelLoader.RequireNumeric(panel, "--weight", [args.Weight]);
        var result = Compute(panel, args);
        // The measures leave out rows whose value is missing; say how many, here and in the JSON document.
        string[] used = [args.Variable, .. panel.HasNumeric(args.Group ?? "") ? [args.Group!] : Array.Empty<string>(), .. args.Weight is null ? Array.Empty<string>() : [args.Weight]];
        panel.DropMissing(used, out var missing);
        if (missing.RowsDropped > 0) console.Note("note: " + missing);
        ResultWriter.Emit(console, settings, () => Tables(result), () => Json(result) with { Missing = MissingJson.From(missing) });
    }

    /// <summary>The per-period measures, and the decompositions when a group column is given.</summary>
    internal sealed record InequalityResult(InequalitySeries Series, TheilDecompositionSeries? Theil, DagumDecompositionSeries? Dagum);

    internal static InequalityResult Compute(PanelData panel, InequalityArguments args) =>
        new(Inequality.Series(panel, args.Variable, args.Weight),
            args.Group is null ? null : Inequality.TheilSeries(panel, args.Variable, args.Group, args.Weight),
            args.Group is null ? null : Inequality.DagumSeries(panel, args.Variable, args.Group, args.Weight));

    internal static IReadOnlyList<Table> Tables(InequalityResult result)
    {
        var tables = new List<Table> { result.Series.ToTable() };
        if (result.Theil is not null) tables.Add(result.Theil.ToTable());
        if (result.Dagum is not null) tables.Add(result.Dagum.ToTable());
        return tables;
    }

    internal static InequalityJson Json(InequalityResult result)
    {
        var theil = result.Theil?.Periods.ToDictionary(p => p.Period, StringComparer.Ordinal);
        return new InequalityJson(result.Series.Periods.Select(p =>
        {
            TheilDecomposition? d = null;
            theil?.TryGetValue(p.Period, out d);
            return new InequalityPointJson(p.Period, p.TheilT, p.TheilL, p.Gini, p.CoefficientOfVariation, d?.BetweenT, d?.WithinT);
        }).ToArray())
        {
            Dagum = result.Dagum?.Periods.Select(p => new DagumJson(p.Period, p.Gini, p.Within, p.NetBetween, p.Transvariation,
                p.WithinShare, p.NetBetweenShare, p.TransvariationShare)).ToArray(),
        };
    }
}
