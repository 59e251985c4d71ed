using System.CommandLine;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Mediation;
using DigitalEconomy.Econometrics.Resampling;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Cli.Commands;

/// <summary>What <c>mediate</c> estimates.</summary>
internal sealed record MediateArguments(
    string Y, string X, IReadOnlyList<string> Mediators, IReadOnlyList<string> Controls,
    EffectsChoice Effects, VcovChoice Vcov, int Bootstrap, long Seed);

/// <summary><c>mediate</c>: stepwise mediation per mediator with Sobel and cluster-bootstrap intervals.</summary>
internal static class MediateCommand
{
    public const int DefaultBootstrap = 1000;
    public const long DefaultSeed = 20240601;

    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions(includeSeed: true);
        var y = new Option<string>("--y") { Description = "Outcome.", Required = true, HelpName = "COL" };
        var x = new Option<string>("--x") { Description = "Treatment (e.g. the digital economy index).", Required = true, HelpName = "COL" };
        var m = new Option<string>("--m") { Description = "Mediators, comma-separated; each is analysed separately.", Required = true, HelpName = "A,B" };
        var controls = new Option<string?>("--controls") { Description = "Control variables, comma-separated.", HelpName = "A,B,C" };
        var effects = new Option<string>("--effects") { Description = "Absorbed fixed effects: none, entity, time or twoway.", DefaultValueFactory = _ => "twoway" };
        effects.AcceptOnlyFromAmong("none", "entity", "time", "twoway");
        var vcov = new Option<string?>("--vcov") { Description = "Variance estimator (default: cluster by the entity column).", HelpName = "TYPE" };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Cluster-bootstrap replications for the indirect effect (0 = none).", DefaultValueFactory = _ => DefaultBootstrap, HelpName = "N" };
        var command = new Command("mediate", "Mediation (Baron–Kenny steps) with Sobel tests and entity-bootstrap confidence intervals for each mediator.")
        {
            y, x, m, controls, effects, vcov, bootstrap,
        };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            var args = new MediateArguments(
                parse.GetValue(y)!.Trim(), parse.GetValue(x)!.Trim(),
                OptionSyntax.List("--m", parse.GetValue(m)),
                OptionSyntax.List("--controls", parse.GetValue(controls), required: false),
                OptionSyntax.Effects(parse.GetValue(effects)),
                parse.GetValue(vcov) is { } v ? OptionSyntax.Vcov(v) : VcovChoice.Cluster(settings.Entity),
                OptionSyntax.InRange("--bootstrap", parse.GetValue(bootstrap), 0, 1_000_000),
                settings.Seed ?? DefaultSeed);
            Run(console, settings, args);
        }));
        return command;
    }

    public static void Run(CliConsole console, CommonSettings settings, MediateArguments args)
    {
        var panel = PanelLoader.Load(settings);
        PanelLoader.RequireNumeric(panel, "--y", [args.Y]);
        PanelLoader.RequireNumeric(panel, "--x", [args.X]);
        PanelLoader.RequireNumeric(panel, "--m", args.Mediators);
        PanelLoader.RequireNumeric(panel, "--controls", args.Controls);
        PanelLoader.RequireColumn(panel, "--vcov", args.Vcov.Clusters);
        var result = Estimate(console, panel, args);
        if (result.Sample.RowsDropped > 0) console.Note("note: " + result.Sample);
        ResultWriter.Emit(console, settings, () => Tables(result), () => MediationJsonMapper.Mediation(result));
    }

    public static MediationResult Estimate(CliConsole console, PanelData panel, MediateArguments args)
    {
        var options = new MediationOptions(args.Y, args.X, args.Mediators)
        {
            Controls = args.Controls,
            FixedEffects = FeCommand.FixedEffects(panel, args.Effects),
            Vcov = FeCommand.ToVcov(args.Vcov),
            Bootstrap = args.Bootstrap > 0 ? new BootstrapOptions { Replications = args.Bootstrap, Seed = unchecked((ulong)args.Seed) } : null,
        };
        return ProgressDisplay.Run(console, $"Mediation bootstrap ({args.Bootstrap} replications)",
            progress => MediationAnalysis.Fit(panel, options, ResamplingProgressAdapter.From(progress)));
    }

    /// <summary>The stepwise table, plus the parallel-mediators table when there are several mediators.</summary>
    internal static IReadOnlyList<Table> Tables(MediationResult result) =>
        result.Parallel is null ? [result.ToTable()] : [result.ToTable(), result.ToParallelTable()];
}
