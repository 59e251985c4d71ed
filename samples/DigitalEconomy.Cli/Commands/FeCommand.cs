using System.CommandLine;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Cli.Commands;

/// <summary>What <c>fe</c> estimates.</summary>
internal sealed record FeArguments(string Y, IReadOnlyList<string> X, EffectsChoice Effects, VcovChoice Vcov)
{
    /// <summary>The wild cluster bootstrap test to run after the fit, if any.</summary>
    public WildBootstrapOptions? Wild { get; init; }
}

/// <summary><c>fe</c>: a panel regression with none, entity, time or two-way fixed effects.</summary>
internal static class FeCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions();
        var y = new Option<string>("--y") { Description = "Dependent variable.", Required = true, HelpName = "COL" };
        var x = new Option<string>("--x") { Description = "Regressors, comma-separated.", Required = true, HelpName = "A,B,C" };
        var effects = new Option<string>("--effects") { Description = "Absorbed fixed effects: none, entity, time or twoway.", DefaultValueFactory = _ => "twoway" };
        var vcov = new Option<string>("--vcov")
        {
            Description = "Variance estimator: classical, robust (HC1), cluster:COL or cluster:COL1+COL2 (default: cluster by the entity column).",
            HelpName = "TYPE",
        };
        effects.AcceptOnlyFromAmong("none", "entity", "time", "twoway");
        var wild = new WildBootstrapCliOptions();
        var command = new Command("fe", "Panel regression with fixed effects and classical, robust or clustered standard errors (Stata reghdfe / xtreg, fe conventions).")
        {
            y, x, effects, vcov,
        };
        common.AddTo(command);
        wild.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            var regressors = OptionSyntax.List("--x", parse.GetValue(x));
            var args = new FeArguments(
                parse.GetValue(y)!.Trim(),
                regressors,
                OptionSyntax.Effects(parse.GetValue(effects)),
                parse.GetValue(vcov) is { } v ? OptionSyntax.Vcov(v) : VcovChoice.Cluster(settings.Entity))
            {
                Wild = wild.Resolve(parse, regressors, settings.Seed),
            };
            Run(console, settings, args);
        }));
        return command;
    }

    public static void Run(CliConsole console, CommonSettings settings, FeArguments args)
    {
        var panel = PanelLoader.Load(settings);
        PanelLoader.RequireNumeric(panel, "--y", [args.Y]);
        PanelLoader.RequireNumeric(panel, "--x", args.X);
        PanelLoader.RequireColumn(panel, "--vcov", args.Vcov.Clusters);
        var fit = Estimate(panel, args);
        foreach (var note in fit.Notes) console.Note("note: " + note);
        var wild = args.Wild is { } w ? WildBootstrapCliOptions.Run(panel, Options(panel, args), w) : null;
        if (wild is not null && settings.Format != OutputFormat.Json)
            console.Note($"wild cluster bootstrap ({wild.Type}, {wild.Weights}, {wild.Reps} replications{(wild.Enumerated ? ", enumerated" : "")}, {wild.Clusters} clusters): " +
                $"{wild.Test} = {wild.Null}: t = {wild.T:F3}, p = {wild.PValue:F4}; {wild.Level:P0} set " +
                string.Join(" ∪ ", wild.ConfSet.Select(p => $"[{p[0]:G5}, {p[1]:G5}]")));
        ResultWriter.Emit(console, settings, () => [fit.ToTable()],
            () => RegressionJsonMapper.Regression(fit, EntityCount(panel, fit)) with { WildBootstrap = wild });
    }

    /// <summary>Fixed-effect names for an <see cref="EffectsChoice"/> on this panel.</summary>
    public static string[] FixedEffects(PanelData panel, EffectsChoice effects) => effects switch
    {
        EffectsChoice.Entity => [panel.EntityName],
        EffectsChoice.Time => [panel.TimeName],
        EffectsChoice.TwoWay => [panel.EntityName, panel.TimeName],
        _ => [],
    };

    /// <summary>The library's variance choice for a parsed --vcov.</summary>
    public static Vcov ToVcov(VcovChoice choice) => choice.Type switch
    {
        "classical" => Vcov.Classical,
        "robust" => Vcov.Robust,
        _ => choice.Clusters.Count == 1 ? Vcov.Cluster(choice.Clusters[0]) : Vcov.Cluster(choice.Clusters[0], choice.Clusters[1]),
    };

    public static PanelRegressionResult Estimate(PanelData panel, FeArguments args) => PanelRegression.Fit(panel, Options(panel, args));

    private static PanelRegressionOptions Options(PanelData panel, FeArguments args) => new(args.Y, args.X)
    {
        FixedEffects = FixedEffects(panel, args.Effects),
        Vcov = ToVcov(args.Vcov),
    };

    /// <summary>Entities in the estimation sample (after listwise deletion).</summary>
    public static int EntityCount(PanelData panel, PanelRegressionResult fit)
    {
        var seen = new HashSet<int>();
        var codes = panel.Entities.Codes;
        foreach (var r in fit.EstimationRows) seen.Add(codes[r]);
        return seen.Count;
    }
}
