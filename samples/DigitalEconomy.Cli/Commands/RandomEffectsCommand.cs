using System.CommandLine;
using System.Globalization;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Reporting;

namespace DigitalEconomy.Cli.Commands;

/// <summary>
/// <c>re</c>: random-effects (Swamy–Arora FGLS) regression, as Stata <c>xtreg, re</c>; <c>hausman</c>: the Hausman
/// test of random against fixed effects on the same model, as Stata <c>hausman fe re</c> and plm <c>phtest</c>.
/// </summary>
internal static class RandomEffectsCommand
{
    public static Command BuildRe(CliConsole console)
    {
        var common = new CommonOptions();
        var y = new Option<string>("--y") { Description = "Dependent variable.", Required = true, HelpName = "COL" };
        var x = new Option<string>("--x") { Description = "Regressors, comma-separated (each must vary within entities).", Required = true, HelpName = "A,B,C" };
        var vcov = new Option<string>("--vcov") { Description = "Variance estimator: classical (default, as xtreg, re), robust or cluster:COL.", HelpName = "TYPE" };
        var command = new Command("re", "Random-effects panel regression (Swamy–Arora variance components, z tests; Stata xtreg, re / plm model = \"random\").") { y, x, vcov };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            var choice = parse.GetValue(vcov) is { } v ? OptionSyntax.Vcov(v) : VcovChoice.Classical;
            if (choice.Clusters.Count > 1)
                throw new SpecificationException("--vcov: random effects take one cluster column; expected classical, robust or cluster:COL.");
            var panel = PanelLoader.Load(settings);
            var options = Options(panel, parse.GetValue(y)!, parse.GetValue(x)!, choice);
            var fit = RandomEffects.Fit(panel, options);
            foreach (var note in fit.Notes) console.Note("note: " + note);
            ResultWriter.Emit(console, settings, () => [fit.ToTable()], () => Document(panel, fit));
        }));
        return command;
    }

    public static Command BuildHausman(CliConsole console)
    {
        var common = new CommonOptions();
        var y = new Option<string>("--y") { Description = "Dependent variable.", Required = true, HelpName = "COL" };
        var x = new Option<string>("--x") { Description = "Regressors, comma-separated (each must vary within entities).", Required = true, HelpName = "A,B,C" };
        var command = new Command("hausman", "Hausman test of random against entity fixed effects on the same model (classical variances, as Stata hausman fe re).") { y, x };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            var panel = PanelLoader.Load(settings);
            var options = Options(panel, parse.GetValue(y)!, parse.GetValue(x)!, VcovChoice.Classical);
            var fe = PanelRegression.Fit(panel, options with { FixedEffects = [panel.EntityName] });
            var re = RandomEffects.Fit(panel, options);
            var test = HausmanTestResult.Compute(fe, re);
            if (test.Note is not null) console.Note("note: " + test.Note);
            ResultWriter.Emit(console, settings, () => [Table(test)], () => new HausmanJson(
                test.Statistic, test.DegreesOfFreedom, test.PValue, test.Coefficients, test.Note,
                RegressionJsonMapper.Regression(fe, FeCommand.EntityCount(panel, fe)), Document(panel, re)));
        }));
        return command;
    }

    private static PanelRegressionOptions Options(PanelData panel, string y, string x, VcovChoice vcov)
    {
        var regressors = OptionSyntax.List("--x", x);
        PanelLoader.RequireNumeric(panel, "--y", [y.Trim()]);
        PanelLoader.RequireNumeric(panel, "--x", regressors);
        PanelLoader.RequireColumn(panel, "--vcov", vcov.Clusters);
        return new PanelRegressionOptions(y.Trim(), regressors) { Vcov = FeCommand.ToVcov(vcov) };
    }

    private static RandomEffectsJson Document(PanelData panel, RandomEffectsResult fit)
    {
        var c = fit.Components;
        var seen = new HashSet<int>();
        var codes = panel.Entities.Codes;
        foreach (var r in fit.EstimationRows) seen.Add(codes[r]);
        return new RandomEffectsJson(RegressionJsonMapper.Regression(fit, seen.Count),
            new RandomEffectsComponentsJson(c.SigmaU, c.SigmaE, c.Rho, c.ThetaMin, c.ThetaMax));
    }

    private static Table Table(HausmanTestResult test)
    {
        string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
        var table = new TableBuilder("Hausman test: fixed vs. random effects")
            .Columns("", "Value")
            .Row("χ²", F(test.Statistic))
            .Row("df", test.DegreesOfFreedom.ToString(CultureInfo.InvariantCulture))
            .Row("p-value", F(test.PValue))
            .Note("H0: the random-effects estimator is consistent (the entity effects are uncorrelated with the regressors). Compared: " + string.Join(", ", test.Coefficients) + ".");
        if (test.Note is not null) table.Note(test.Note);
        return table.Build();
    }
}
