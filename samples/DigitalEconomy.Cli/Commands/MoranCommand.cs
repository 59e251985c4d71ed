using System.CommandLine;
using System.Globalization;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Spatial;

namespace DigitalEconomy.Cli.Commands;

/// <summary><c>moran</c>: global Moran's I and Geary's C per period, optionally local Moran (LISA).</summary>
internal static class MoranCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions(includeSeed: true);
        var variable = new Option<string>("--var") { Description = "Variable to test.", Required = true, HelpName = "COL" };
        var weights = new Option<string>("--weights") { Description = "Weights file: (i, j, w) list, edge list, GAL or dense CSV.", Required = true, HelpName = "FILE" };
        var style = new Option<string>("--style") { Description = "Rescale the weights: raw (as read, default), row, binary or global.", DefaultValueFactory = _ => "raw" };
        var permutations = new Option<int>("--permutations") { Description = "Random permutations for the permutation p-values (0 = none).", DefaultValueFactory = _ => 0, HelpName = "N" };
        var local = new Option<bool>("--local") { Description = "Also report local Moran statistics (LISA) with quadrants." };
        var alternative = new Option<string>("--alternative") { Description = "greater (default, as spdep), less or two-sided.", DefaultValueFactory = _ => "greater" };
        alternative.AcceptOnlyFromAmong("greater", "less", "two-sided");
        var command = new Command("moran", "Global Moran's I per period (E[I], variance under normality and randomisation, permutation p-value), Geary's C, and local Moran (LISA).")
        {
            variable, weights, style, permutations, local, alternative,
        };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            int perms = OptionSyntax.InRange("--permutations", parse.GetValue(permutations), 0, 1_000_000);
            var panel = SpatialInputs.LoadPanel(settings);
            var name = parse.GetValue(variable)!.Trim();
            PanelLoader.RequireNumeric(panel, "--var", [name]);
            var w = SpatialInputs.ReadWeights(parse.GetValue(weights)!).Standardise(SpatialInputs.Style(parse.GetValue(style)));
            var alt = parse.GetValue(alternative) switch { "less" => SpatialAlternative.Less, "two-sided" => SpatialAlternative.TwoSided, _ => SpatialAlternative.Greater };
            var options = new MoranOptions { Permutations = perms, Alternative = alt, Local = parse.GetValue(local), Seed = (ulong)(settings.Seed ?? 20240601) };
            var result = SpatialAutocorrelation.ByPeriod(panel, name, w, options);
            ResultWriter.Emit(console, settings, () => Tables(result), () => SpatialJsonMapper.Moran(result, SpatialJsonMapper.Alternative(alt), perms));
        }));
        return command;
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "";

    private static IReadOnlyList<Table> Tables(MoranResult r)
    {
        var t = new TableBuilder($"Moran's I of {r.Variable}").Columns("period", "I", "E[I]", "z (rand.)", "p (rand.)", "p (perm.)", "Geary C");
        foreach (var s in r.Series)
            t.Row(s.Period, F(s.I), F(s.Expected), F(s.ZRandomisation), F(s.PRandomisation), s.PPermutation is { } p ? F(p) : "", F(s.Geary.C));
        t.Note("Weights: " + r.Weights + $"; p-values for the alternative '{SpatialJsonMapper.Alternative(r.Series[0].Alternative)}'.");
        var tables = new List<Table> { t.Build() };
        if (r.Local.Count > 0)
        {
            var l = new TableBuilder($"Local Moran (LISA) of {r.Variable}").Columns("entity", "period", "I_i", "z", "p", "quadrant");
            foreach (var s in r.Local) l.Row(s.Entity, s.Period, F(s.Ii), F(s.ZScore), F(s.PPermutation ?? s.PNormal), SpatialJsonMapper.Quadrant(s.Quadrant));
            tables.Add(l.Build());
        }
        return tables;
    }
}
