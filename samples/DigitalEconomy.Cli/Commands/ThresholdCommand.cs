using System.CommandLine;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Threshold;

namespace DigitalEconomy.Cli.Commands;

/// <summary>What <c>threshold</c> estimates.</summary>
internal sealed record ThresholdArguments(
    string Y, IReadOnlyList<string> RegimeX, IReadOnlyList<string> X, string Q, int Thresholds, int Grid,
    IReadOnlyList<double> Trim, int Bootstrap, bool HansenTransform, long Seed, string Errors, bool Balance = false)
{
    /// <summary>--time-effects: period dummies among the regime-independent regressors.</summary>
    public bool TimeEffects { get; init; }

    /// <summary>--grid-kind: Hansen's quantile grid (default) or every admissible unique value.</summary>
    public ThresholdGridKind GridKind { get; init; } = ThresholdGridKind.Quantile;

    /// <summary>--denominator: N(T − 1) (Hansen's code, default) or N·T (pdR).</summary>
    public ThresholdVarianceDenominator Denominator { get; init; } = ThresholdVarianceDenominator.NTimesTMinusOne;
}

/// <summary><c>threshold</c>: Hansen (1999) fixed-effects panel threshold regression.</summary>
internal static class ThresholdCommand
{
    public const int DefaultGrid = 400;
    public const int DefaultBootstrap = 300;
    public const long DefaultSeed = 20240601;

    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions(includeSeed: true);
        var y = new Option<string>("--y") { Description = "Dependent variable.", Required = true, HelpName = "COL" };
        var regimeX = new Option<string>("--regime-x") { Description = "Regressor(s) whose slope changes across regimes.", Required = true, HelpName = "COL[,COL]" };
        var x = new Option<string?>("--x") { Description = "Regime-independent controls, comma-separated.", HelpName = "A,B" };
        var q = new Option<string>("--q") { Description = "Threshold variable.", Required = true, HelpName = "COL" };
        var thresholds = new Option<int>("--thresholds") { Description = "Largest number of thresholds to estimate and test: 1, 2 or 3.", DefaultValueFactory = _ => 1 };
        thresholds.AcceptOnlyFromAmong("1", "2", "3");
        var grid = new Option<int>("--grid") { Description = "Grid points (Hansen's quantile grid).", DefaultValueFactory = _ => DefaultGrid, HelpName = "N" };
        var trim = new Option<string>("--trim") { Description = "Trimming fraction per threshold.", DefaultValueFactory = _ => "0.01,0.01,0.05", HelpName = "A,B,C" };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap replications per test (0 = no p-values).", DefaultValueFactory = _ => DefaultBootstrap, HelpName = "N" };
        var transform = new Option<string>("--transform") { Description = "within (all periods, Stata xthreg) or hansen (Hansen's code: drop each entity's last period).", DefaultValueFactory = _ => "within" };
        transform.AcceptOnlyFromAmong("within", "hansen");
        var se = new Option<string>("--se") { Description = "Standard errors of the regime coefficients: cluster (by entity), white or classical.", DefaultValueFactory = _ => "cluster" };
        se.AcceptOnlyFromAmong("cluster", "white", "classical");
        var timeEffects = new Option<bool>("--time-effects") { Description = "Add period fixed effects (year dummies) to the regime-independent part, as xthreg's i.year controls." };
        var gridKind = new Option<string>("--grid-kind") { Description = "Candidate thresholds: quantile (Hansen's grid of --grid points, default) or all (every unique value of q left after trimming).", DefaultValueFactory = _ => "quantile" };
        gridKind.AcceptOnlyFromAmong("quantile", "all");
        var denominator = new Option<string>("--denominator") { Description = "Variance denominator of the F and LR statistics: n-t1 (N(T − 1), Hansen's code, default) or nt (N·T, pdR's ptm).", DefaultValueFactory = _ => "n-t1" };
        denominator.AcceptOnlyFromAmong("n-t1", "nt");
        var balance = new Option<bool>("--balance") { Description = "Keep only entities observed in every period (Hansen's estimator needs a balanced panel)." };
        var command = new Command("threshold", "Hansen (1999) panel threshold regression: thresholds, bootstrap F tests, LR confidence intervals, regime coefficients.")
        {
            y, regimeX, x, q, thresholds, grid, trim, bootstrap, transform, se, balance, timeEffects, gridKind, denominator,
        };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            int k = parse.GetValue(thresholds);
            var trims = OptionSyntax.Fractions("--trim", parse.GetValue(trim));
            if (trims.Length < k)
                throw new SpecificationException($"--trim gives {trims.Length} fraction(s) but --thresholds {k} needs one per threshold, e.g. --trim 0.01,0.01,0.05.");
            var args = new ThresholdArguments(
                parse.GetValue(y)!.Trim(),
                OptionSyntax.List("--regime-x", parse.GetValue(regimeX)),
                OptionSyntax.List("--x", parse.GetValue(x), required: false),
                parse.GetValue(q)!.Trim(), k,
                OptionSyntax.InRange("--grid", parse.GetValue(grid), 10, 100_000),
                trims,
                OptionSyntax.InRange("--bootstrap", parse.GetValue(bootstrap), 0, 1_000_000),
                parse.GetValue(transform) == "hansen",
                settings.Seed ?? DefaultSeed,
                parse.GetValue(se)!,
                parse.GetValue(balance))
            {
                TimeEffects = parse.GetValue(timeEffects),
                GridKind = parse.GetValue(gridKind) == "all" ? ThresholdGridKind.AllUniqueValues : ThresholdGridKind.Quantile,
                Denominator = parse.GetValue(denominator) == "nt" ? ThresholdVarianceDenominator.NTimesT : ThresholdVarianceDenominator.NTimesTMinusOne,
            };
            Run(console, settings, args);
        }));
        return command;
    }

    public static void Run(CliConsole console, CommonSettings settings, ThresholdArguments args)
    {
        var panel = PanelLoader.Load(settings);
        PanelLoader.RequireNumeric(panel, "--y", [args.Y]);
        PanelLoader.RequireNumeric(panel, "--regime-x", args.RegimeX);
        PanelLoader.RequireNumeric(panel, "--x", args.X);
        PanelLoader.RequireNumeric(panel, "--q", [args.Q]);
        RequireBalanced(panel, args);
        var result = Estimate(console, panel, args);
        if (result.Missing.RowsDropped > 0) console.Note("note: " + result.Missing);
        if (result.EntitiesDroppedForBalance > 0)
            console.Note($"note: {result.EntitiesDroppedForBalance} entities not observed in every period were left out (--balance).");
        ResultWriter.Emit(console, settings, () => result.ToTables(), () => ThresholdJsonMapper.Threshold(result));
    }

    /// <summary>Says how to fix an unbalanced sample in CLI terms (the library's message names its options record).</summary>
    private static void RequireBalanced(PanelData panel, ThresholdArguments args)
    {
        if (args.Balance) return;
        var columns = new[] { args.Y, args.Q }.Concat(args.RegimeX).Concat(args.X).Distinct().ToArray();
        var sample = panel.DropMissing(columns, out _).Structure;
        if (!sample.IsBalanced)
            throw new SpecificationException(
                $"Hansen's threshold estimator needs a balanced panel, but {sample.IncompleteEntities} of {sample.EntityCount} entities are not observed in all {sample.PeriodCount} periods " +
                "(after dropping rows with missing values); pass --balance to keep only the complete entities.");
    }

    public static ThresholdResult Estimate(CliConsole console, PanelData panel, ThresholdArguments args)
    {
        var spec = new ThresholdSpecification(args.Y, args.RegimeX, args.X, args.Q);
        var options = new ThresholdOptions
        {
            MaxThresholds = args.Thresholds,
            Transformation = args.HansenTransform ? ThresholdTransformation.HansenOriginal : ThresholdTransformation.StandardWithin,
            GridPoints = args.Grid,
            Trimming = args.Trim,
            BootstrapReplications = args.Bootstrap,
            Seed = (ulong)args.Seed,
            BalancePanel = args.Balance,
            TimeEffects = args.TimeEffects,
            Grid = args.GridKind,
            VarianceDenominator = args.Denominator,
            Vcov = args.Errors switch
            {
                "white" => Vcov.HC0,
                "classical" => Vcov.Classical,
                _ => Vcov.Cluster(panel.EntityName),
            },
        };
        return ProgressDisplay.Run(console, $"Threshold bootstrap ({args.Bootstrap} replications per test)",
            progress => PanelThresholdRegression.Estimate(panel, spec, options, ResamplingProgressAdapter.From(progress)));
    }
}
