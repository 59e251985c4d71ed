using System.CommandLine;
using System.Globalization;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Gmm;
using DigitalEconomy.Econometrics.Reporting;

namespace DigitalEconomy.Cli.Commands;

/// <summary>What <c>gmm</c> estimates.</summary>
internal sealed record GmmArguments(GmmSpecification Specification, GmmOptions Options);

/// <summary><c>gmm</c>: Arellano–Bond difference or Blundell–Bond system GMM for a dynamic panel.</summary>
internal static class GmmCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions();
        var formula = new Option<string>("--formula") { Description = "Model, e.g. \"lemp ~ l(lemp, 1:2) + l(lwage, 0:1) + lcap\" (l(x, a:b) = lags a to b).", Required = true, HelpName = "FORMULA" };
        var gmm = new Option<string>("--gmm") { Description = "GMM-style instruments, comma-separated column:first:last (last a lag or '.' for all), e.g. lemp:2:.", Required = true, HelpName = "SPEC" };
        var iv = new Option<string?>("--iv") { Description = "IV-style instruments (columns or l(x, a:b)); default: the regressors that are not GMM-instrument variables.", HelpName = "TERMS" };
        var method = new Option<string>("--method") { Description = "difference (Arellano–Bond) or system (Blundell–Bond).", DefaultValueFactory = _ => "difference" };
        var steps = new Option<string>("--steps") { Description = "one or two (two-step with the Windmeijer correction when --robust).", DefaultValueFactory = _ => "one" };
        var robust = new Option<bool>("--robust") { Description = "Robust SEs: one-step sandwich, or Windmeijer-corrected two-step." };
        var collapse = new Option<bool>("--collapse") { Description = "Collapse the GMM-style instruments (one column per lag)." };
        var timeEffects = new Option<bool>("--time-effects") { Description = "Add period dummies." };
        var h = new Option<string>("--h") { Description = "One-step weighting matrix H: standard, block-diagonal (system only) or identity.", DefaultValueFactory = _ => "standard" };
        method.AcceptOnlyFromAmong("difference", "system");
        steps.AcceptOnlyFromAmong("one", "two");
        h.AcceptOnlyFromAmong("standard", "block-diagonal", "identity");
        var command = new Command("gmm", "Dynamic panel GMM: Arellano–Bond difference or Blundell–Bond system GMM with AR, Sargan and Hansen tests (plm::pgmm / xtabond2 conventions).")
        {
            formula, gmm, iv, method, steps, robust, collapse, timeEffects, h,
        };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            var (dependent, regressors) = GmmFormula.Parse(parse.GetValue(formula)!);
            var spec = new GmmSpecification(dependent, regressors, GmmFormula.Gmm(parse.GetValue(gmm)!))
            {
                IvInstruments = parse.GetValue(iv) is { } ivText ? GmmFormula.Iv(ivText) : null,
            };
            var options = new GmmOptions
            {
                Method = parse.GetValue(method) == "system" ? GmmMethod.System : GmmMethod.Difference,
                Steps = parse.GetValue(steps) == "two" ? GmmSteps.TwoStep : GmmSteps.OneStep,
                Robust = parse.GetValue(robust),
                Collapse = parse.GetValue(collapse),
                TimeEffects = parse.GetValue(timeEffects),
                FirstStepWeight = parse.GetValue(h) switch
                {
                    "block-diagonal" => FirstStepWeight.BlockDiagonal,
                    "identity" => FirstStepWeight.Identity,
                    _ => FirstStepWeight.Standard,
                },
            };
            Run(console, settings, new GmmArguments(spec, options));
        }));
        return command;
    }

    public static void Run(CliConsole console, CommonSettings settings, GmmArguments args)
    {
        var panel = PanelLoader.Load(settings);
        var spec = args.Specification;
        PanelLoader.RequireNumeric(panel, "--formula", [spec.Dependent, .. spec.Regressors.Select(r => r.Variable)]);
        PanelLoader.RequireNumeric(panel, "--gmm", spec.GmmInstruments.Select(g => g.Variable));
        PanelLoader.RequireNumeric(panel, "--iv", spec.EffectiveIvInstruments.Select(z => z.Variable));
        var fit = DynamicPanelGmm.Fit(panel, spec, args.Options);
        var columns = new[] { spec.Dependent }.Concat(spec.Regressors.Select(r => r.Variable))
            .Concat(spec.GmmInstruments.Select(g => g.Variable)).Concat(spec.EffectiveIvInstruments.Select(z => z.Variable)).Distinct().ToArray();
        panel.DropMissing(columns, out var missing);
        foreach (var note in fit.Notes) console.Note("note: " + note);
        ResultWriter.Emit(console, settings, () => [ToTable(fit)], () => GmmJsonMapper.Gmm(fit, missing));
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "—";

    /// <summary>Coefficients, then the specification tests, as one table.</summary>
    public static Table ToTable(GmmResult fit)
    {
        var rows = new List<TableRow>();
        foreach (var c in fit.Coefficients)
            rows.Add(new TableRow(c.Name, [F(c.Estimate), F(c.StdError), F(c.T), F(c.PValue)]));
        bool first = true;
        foreach (var a in fit.SerialCorrelation)
        {
            rows.Add(new TableRow($"AR({a.Order}) z", [F(a.Z), "", "", F(a.PValue)], first));
            first = false;
        }
        if (fit.Sargan is { } s) rows.Add(new TableRow($"Sargan χ²({s.DegreesOfFreedom})", [F(s.Statistic), "", "", F(s.PValue)]));
        rows.Add(new TableRow($"Hansen χ²({fit.Hansen.DegreesOfFreedom})", [F(fit.Hansen.Statistic), "", "", F(fit.Hansen.PValue)]));
        foreach (var d in fit.DifferenceInHansen)
            rows.Add(new TableRow($"Diff-in-Hansen {d.Instruments} χ²({d.DegreesOfFreedom})", [F(d.Statistic), "", "", F(d.PValue)]));
        string method = fit.Method == GmmMethod.System ? "System" : "Difference";
        string steps = fit.Steps == GmmSteps.TwoStep ? "two-step" : "one-step";
        var notes = new List<string>
        {
            $"{fit.Observations} observations, {fit.Groups} groups, {fit.InstrumentCount} instruments.",
            fit.Variance?.Description ?? "",
        };
        notes.AddRange(fit.Notes);
        return new Table($"{method} GMM ({steps}): {fit.Dependent}", ["", "Estimate", "Std. error", "z", "p-value"], rows, notes);
    }
}
