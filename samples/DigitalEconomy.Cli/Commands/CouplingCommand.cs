using System.CommandLine;
using System.Globalization;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Indices;
using DigitalEconomy.Econometrics.Reporting;

namespace DigitalEconomy.Cli.Commands;

/// <summary>What <c>coupling</c> computes.</summary>
internal sealed record CouplingArguments(IReadOnlyList<string> Systems, IReadOnlyList<double>? Weights, bool Rescale, string? Group);

/// <summary><c>coupling</c>: the coupling coordination degree of two or more subsystem scores.</summary>
internal static class CouplingCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions();
        var systems = new Option<string>("--systems") { Description = "Subsystem score columns in [0, 1], comma-separated (at least two), e.g. dei,econ.", Required = true, HelpName = "A,B" };
        var weights = new Option<string?>("--weights") { Description = "Contribution weights α of the subsystems in T, summing to 1 (default equal).", HelpName = "W1,W2" };
        var rescale = new Option<bool>("--rescale") { Description = "Min-max rescale each subsystem to [0.01, 0.99] first (off by default)." };
        var group = new Option<string?>("--group") { Description = "Grouping column for the summaries by group and period (e.g. region).", HelpName = "COL" };
        var command = new Command("coupling", "Coupling coordination degree D = √(C·T) of subsystem scores per entity-period, its ten-level class, and means by group and period.")
        {
            systems, weights, rescale, group,
        };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            var args = new CouplingArguments(
                OptionSyntax.List("--systems", parse.GetValue(systems)),
                parse.GetValue(weights) is { } w ? Numbers("--weights", w) : null,
                parse.GetValue(rescale),
                parse.GetValue(group)?.Trim());
            Run(console, settings, args);
        }));
        return command;
    }

    /// <summary>"0.5,0.5" → [0.5, 0.5].</summary>
    internal static double[] Numbers(string option, string value)
    {
        var parts = OptionSyntax.List(option, value, distinct: false);
        var result = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]) || !double.IsFinite(result[i]))
                throw new SpecificationException($"{option} \"{value}\": \"{parts[i]}\" is not a number; expected e.g. 0.5,0.5.");
        return result;
    }

    public static void Run(CliConsole console, CommonSettings settings, CouplingArguments args)
    {
        var panel = PanelLoader.Load(settings);
        PanelLoader.RequireNumeric(panel, "--systems", args.Systems);
        if (args.Group is not null) PanelLoader.RequireColumn(panel, "--group", [args.Group]);
        if (args.Weights is not null && args.Weights.Count != args.Systems.Count)
            throw new SpecificationException($"--weights has {args.Weights.Count} values for {args.Systems.Count} --systems; give one weight per subsystem.");
        var result = Compute(panel, args);
        if (result.Missing.RowsDropped > 0) console.Note("note: " + result.Missing);
        ResultWriter.Emit(console, settings, () => [Table(result)], () => Json(result));
    }

    internal static CouplingCoordinationResult Compute(Econometrics.Data.PanelData panel, CouplingArguments args) =>
        CouplingCoordination.Compute(panel, args.Systems, new CouplingCoordinationOptions { Weights = args.Weights, Rescale = args.Rescale, GroupColumn = args.Group });

    internal static Table Table(CouplingCoordinationResult result)
    {
        var builder = new TableBuilder($"Coupling coordination of {string.Join(", ", result.Systems)}")
            .Columns("Period", "Group", "N", "C", "T", "D", "Class of mean D");
        foreach (var s in result.Summary)
            builder.Row(s.Time, s.Group, NumberFormat.Count(s.Count), NumberFormat.Fixed(s.MeanCoupling, 4), NumberFormat.Fixed(s.MeanDevelopment, 4),
                NumberFormat.Fixed(s.MeanDegree, 4), CouplingCoordination.Classify(Math.Clamp(s.MeanDegree, 0, 1)).Label);
        builder.Note("C = n·[ΠU/(ΣU)ⁿ]^(1/n), T = Σ αU, D = √(C·T); weights " + string.Join(", ", result.Weights.Select(w => w.ToString("G4", CultureInfo.InvariantCulture))) + ".");
        if (result.Rescaled) builder.Note("Scores rescaled to [0.01, 0.99] (pooled min-max) before computing C, T and D.");
        if (result.Missing.RowsDropped > 0) builder.Note(result.Missing.ToString());
        return builder.Build();
    }

    internal static CouplingJson Json(CouplingCoordinationResult result) => new(
        "coupling", result.Systems, result.Weights, result.Rescaled,
        result.Rows.Select(r => new CouplingRowJson(r.Entity, r.Time, r.Value.Coupling, r.Value.Development, r.Value.Degree, r.Class.Level, r.Class.Label, r.Class.ChineseLabel, r.Lagging)).ToArray(),
        result.Summary.Select(s => new CouplingSummaryJson(s.Time, s.Group, s.Count, s.MeanCoupling, s.MeanDevelopment, s.MeanDegree)).ToArray(),
        MissingJson.From(result.Missing));
}
