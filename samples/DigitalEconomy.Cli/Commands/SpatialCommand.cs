using System.CommandLine;
using System.Globalization;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Spatial;

namespace DigitalEconomy.Cli.Commands;

/// <summary><c>spatial</c>: SAR, SEM, SDM or SAC panel model by maximum likelihood with effects and LM tests.</summary>
internal static class SpatialCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions(includeSeed: true);
        var model = new Option<string>("--model") { Description = "sar, sem, sdm or sac.", DefaultValueFactory = _ => "sdm" };
        model.AcceptOnlyFromAmong("sar", "sem", "sdm", "sac");
        var effects = new Option<string>("--effects") { Description = "Fixed effects: none, entity, time or twoway.", DefaultValueFactory = _ => "twoway" };
        effects.AcceptOnlyFromAmong("none", "entity", "time", "twoway");
        var weights = new Option<string>("--weights") { Description = "Weights file: (i, j, w) list, edge list, GAL or dense CSV.", Required = true, HelpName = "FILE" };
        var style = new Option<string>("--style") { Description = "Rescale the weights: raw (as read, default), row, binary or global.", DefaultValueFactory = _ => "raw" };
        var y = new Option<string>("--y") { Description = "Dependent variable.", Required = true, HelpName = "COL" };
        var x = new Option<string>("--x") { Description = "Regressors, comma-separated.", Required = true, HelpName = "A,B,C" };
        var leeYu = new Option<bool>("--lee-yu") { Description = "Lee–Yu (2010) transformation approach (bias correction of σ², and of ρ and β with time effects)." };
        var simulations = new Option<int>("--simulations") { Description = "Draws for the simulated effect standard errors (0 = delta method only).", DefaultValueFactory = _ => 1000, HelpName = "N" };
        var command = new Command("spatial", "Spatial panel models (SAR, SEM, SDM, SAC) with fixed effects by maximum likelihood, LeSage–Pace effects and LM tests (splm / xsmle conventions).")
        {
            model, effects, weights, style, y, x, leeYu, simulations,
        };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            int sims = OptionSyntax.InRange("--simulations", parse.GetValue(simulations), 0, 1_000_000);
            var panel = SpatialInputs.LoadPanel(settings);
            var dep = parse.GetValue(y)!.Trim();
            var regs = OptionSyntax.List("--x", parse.GetValue(x));
            PanelLoader.RequireNumeric(panel, "--y", [dep]);
            PanelLoader.RequireNumeric(panel, "--x", regs);
            var w = SpatialInputs.ReadWeights(parse.GetValue(weights)!).Standardise(SpatialInputs.Style(parse.GetValue(style)));
            var options = new SpatialRegressionOptions(dep, regs)
            {
                Kind = parse.GetValue(model) switch { "sar" => SpatialModelKind.Sar, "sem" => SpatialModelKind.Sem, "sac" => SpatialModelKind.Sac, _ => SpatialModelKind.Sdm },
                Effects = parse.GetValue(effects) switch { "none" => SpatialEffects.None, "entity" => SpatialEffects.Entity, "time" => SpatialEffects.Time, _ => SpatialEffects.TwoWay },
                LeeYu = parse.GetValue(leeYu),
                Simulations = sims,
                Seed = (ulong)(settings.Seed ?? 20240601),
            };
            var fit = SpatialRegression.Fit(panel, w, options);
            foreach (var note in fit.Notes) console.Note("note: " + note);
            ResultWriter.Emit(console, settings, () => Tables(fit), () => SpatialJsonMapper.Spatial(fit));
        }));
        return command;
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "";

    private static IReadOnlyList<Table> Tables(SpatialRegressionResult r)
    {
        var t = new TableBuilder($"Spatial {SpatialJsonMapper.Kind(r.Kind).ToUpperInvariant()} of {r.Dependent} ({SpatialJsonMapper.Effects(r.Effects)} effects)")
            .Columns("", "estimate", "std. error", "z", "p");
        foreach (var c in r.Coefficients) t.Row(c.Name, F(c.Estimate), F(c.StdError), F(c.T), F(c.PValue));
        t.Rule().Row("σ²", F(r.Sigma2), "", "", "").Row("log-likelihood", F(r.LogLikelihood), "", "", "").Row("observations", r.Observations.ToString(CultureInfo.InvariantCulture), "", "", "");
        if (r.LeeYu) t.Note("Lee–Yu (2010) transformation approach.");
        var tables = new List<Table> { t.Build() };
        if (r.Impacts.Count > 0)
        {
            var e = new TableBuilder("Direct, indirect and total effects (LeSage–Pace)").Columns("", "direct", "(se)", "indirect", "(se)", "total", "(se)");
            foreach (var i in r.Impacts) e.Row(i.Name, F(i.Direct), F(i.DirectSe), F(i.Indirect), F(i.IndirectSe), F(i.Total), F(i.TotalSe));
            e.Note("Standard errors from simulation of N(θ̂, V̂) (NaN when --simulations 0; the JSON also gives delta-method SEs).");
            tables.Add(e.Build());
        }
        if (r.LmTests is { } lm)
        {
            var l = new TableBuilder("LM tests on the non-spatial within model").Columns("test", "statistic", "p");
            foreach (var s in new[] { lm.LmLag, lm.LmError, lm.RobustLmLag, lm.RobustLmError }) l.Row(s.Name, F(s.Statistic), F(s.PValue));
            foreach (var s in r.Tests) l.Row(s.Name, F(s.Statistic), F(s.PValue));
            tables.Add(l.Build());
        }
        return tables;
    }
}
