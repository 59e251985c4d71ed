using System.CommandLine;
using System.Globalization;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Did;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Reporting;

namespace DigitalEconomy.Cli.Commands;

/// <summary>What <c>did</c> estimates.</summary>
internal sealed record DidArguments(
    string Y, string Cohort, IReadOnlyList<string> Controls, string Estimator, ControlGroup ControlGroup, BasePeriod Base,
    DidMethod Method, string? Cluster, int Bootstrap, int Reps, int Leads, int Lags, ulong Seed);

/// <summary><c>did</c>: staggered difference-in-differences (TWFE, event study, Callaway–Sant'Anna, Sun–Abraham, imputation, Bacon, placebo).</summary>
internal static class DidCommand
{
    public const long DefaultSeed = 20240601;

    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions(includeSeed: true);
        var y = new Option<string>("--y") { Description = "Outcome.", Required = true, HelpName = "COL" };
        var cohort = new Option<string>("--cohort") { Description = "First treated period of each unit (0 or empty = never treated).", Required = true, HelpName = "COL" };
        var controls = new Option<string?>("--controls") { Description = "Controls, comma-separated.", HelpName = "A,B" };
        var estimator = new Option<string>("--estimator") { Description = "twfe, event, cs, sa, bjs, bacon or placebo.", DefaultValueFactory = _ => "cs" };
        estimator.AcceptOnlyFromAmong("twfe", "event", "cs", "sa", "bjs", "bacon", "placebo");
        var controlGroup = new Option<string>("--control-group") { Description = "Callaway–Sant'Anna controls: never or notyet.", DefaultValueFactory = _ => "never" };
        controlGroup.AcceptOnlyFromAmong("never", "notyet");
        var basePeriod = new Option<string>("--base") { Description = "Callaway–Sant'Anna base period: varying or universal.", DefaultValueFactory = _ => "varying" };
        basePeriod.AcceptOnlyFromAmong("varying", "universal");
        var method = new Option<string>("--method") { Description = "Callaway–Sant'Anna covariate adjustment: reg, ipw or dr.", DefaultValueFactory = _ => "dr" };
        method.AcceptOnlyFromAmong("reg", "ipw", "dr");
        var cluster = new Option<string?>("--cluster") { Description = "Cluster variable (default: the entity column).", HelpName = "COL" };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Callaway–Sant'Anna multiplier-bootstrap draws (0 = analytic SEs).", DefaultValueFactory = _ => 0 };
        var reps = new Option<int>("--reps") { Description = "Placebo permutations.", DefaultValueFactory = _ => 500 };
        var leads = new Option<int>("--leads") { Description = "Event-study leads.", DefaultValueFactory = _ => 5 };
        var lags = new Option<int>("--lags") { Description = "Event-study lags.", DefaultValueFactory = _ => 5 };
        var command = new Command("did", "Staggered difference-in-differences: TWFE DID and event study, Callaway–Sant'Anna, Sun–Abraham, Borusyak–Jaravel–Spiess imputation, Goodman-Bacon decomposition and a permutation placebo (R did / csdid / fixest sunab / did_imputation conventions).")
        {
            y, cohort, controls, estimator, controlGroup, basePeriod, method, cluster, bootstrap, reps, leads, lags,
        };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            var args = new DidArguments(
                parse.GetValue(y)!.Trim(),
                parse.GetValue(cohort)!.Trim(),
                parse.GetValue(controls) is { } c ? OptionSyntax.List("--controls", c) : [],
                parse.GetValue(estimator)!,
                parse.GetValue(controlGroup) == "notyet" ? ControlGroup.NotYetTreated : ControlGroup.NeverTreated,
                parse.GetValue(basePeriod) == "universal" ? BasePeriod.Universal : BasePeriod.Varying,
                parse.GetValue(method) switch { "reg" => DidMethod.Regression, "ipw" => DidMethod.Ipw, _ => DidMethod.DoublyRobust },
                parse.GetValue(cluster)?.Trim(),
                OptionSyntax.InRange("--bootstrap", parse.GetValue(bootstrap), 0, 1_000_000),
                OptionSyntax.InRange("--reps", parse.GetValue(reps), 1, 1_000_000),
                OptionSyntax.InRange("--leads", parse.GetValue(leads), 0, 1000),
                OptionSyntax.InRange("--lags", parse.GetValue(lags), 0, 1000),
                (ulong)(settings.Seed ?? DefaultSeed));
            Run(console, settings, args);
        }));
        return command;
    }

    public static void Run(CliConsole console, CommonSettings settings, DidArguments args)
    {
        var panel = PanelLoader.Load(settings);
        PanelLoader.RequireNumeric(panel, "--y", [args.Y]);
        PanelLoader.RequireNumeric(panel, "--cohort", [args.Cohort]);
        PanelLoader.RequireNumeric(panel, "--controls", args.Controls);
        if (args.Cluster is not null) PanelLoader.RequireColumn(panel, "--cluster", [args.Cluster]);
        var (json, table, notes) = Estimate(panel, args);
        foreach (var note in notes) console.Note("note: " + note);
        ResultWriter.Emit(console, settings, () => [table], () => json);
    }

    public static (DidJson Json, Table Table, IReadOnlyList<string> Notes) Estimate(PanelData panel, DidArguments a)
    {
        var basic = new DidOptions(a.Y, a.Cohort) { Controls = a.Controls, Cluster = a.Cluster };
        var es = new EventStudyOptions(a.Y, a.Cohort) { Controls = a.Controls, Cluster = a.Cluster, Leads = a.Leads, Lags = a.Lags };
        switch (a.Estimator)
        {
            case "twfe":
            {
                var fit = TwoWayDid.Fit(panel, basic);
                return (DidJsonMapper.Document("twfe", fit.Observations, Units(panel, fit.Regression), fit.Cohorts, fit.Coefficients, Missing(fit.Regression)),
                    fit.Regression.ToTable($"TWFE DID: {a.Y}"), fit.Notes);
            }
            case "event":
            {
                var fit = EventStudy.Fit(panel, es);
                return (DidJsonMapper.Document("event", fit.Observations, Units(panel, fit.Regression), fit.Cohorts, fit.Coefficients, Missing(fit.Regression),
                    events: fit.Effects, pretrend: fit.Pretrend), EventTable($"TWFE event study: {a.Y}", fit.Effects, fit.Pretrend), fit.Notes);
            }
            case "sa":
            {
                var fit = SunAbraham.Fit(panel, es);
                return (DidJsonMapper.Document("sa", fit.Observations, Units(panel, fit.Regression), fit.Cohorts, fit.Coefficients, Missing(fit.Regression),
                    events: fit.Effects, pretrend: fit.Pretrend), EventTable($"Sun–Abraham: {a.Y}", fit.Effects, fit.Pretrend), fit.Notes);
            }
            case "bjs":
            {
                var fit = ImputationDid.Fit(panel, es);
                var points = fit.Leads.Concat(fit.Effects).ToArray();
                return (DidJsonMapper.Document("bjs", fit.Observations, fit.Units, fit.Cohorts, fit.Coefficients,
                        new DidMissingJson(panel.RowCount - fit.Observations, panel.Entities.LevelCount - fit.Units), events: points, pretrend: fit.Pretrend),
                    EventTable($"Imputation (BJS): {a.Y}", points, fit.Pretrend), fit.Notes);
            }
            case "bacon":
            {
                var fit = BaconDecomposition.Fit(panel, basic);
                var t = new TableBuilder($"Goodman-Bacon decomposition: {a.Y}").Columns("Comparison", "Treated", "Control", "Weight", "Estimate");
                foreach (var c in fit.Comparisons)
                    t.Row(DidJsonMapper.BaconType(c.Type), Num(c.Treated), c.Control == 0 ? "never" : Num(c.Control), NumberFormat.Fixed(c.Weight, 4), NumberFormat.Fixed(c.Estimate, 4));
                t.Note($"TWFE coefficient {NumberFormat.Fixed(fit.Twfe.Att.Estimate, 4)} = Σ weight × estimate.");
                return (DidJsonMapper.Document("bacon", fit.Observations, Units(panel, fit.Twfe.Regression), fit.Twfe.Cohorts, fit.Coefficients, Missing(fit.Twfe.Regression), bacon: fit),
                    t.Build(), fit.Notes);
            }
            case "placebo":
            {
                var fit = PlaceboTest.Run(panel, new PlaceboOptions(a.Y, a.Cohort) { Controls = a.Controls, Cluster = a.Cluster, Replications = a.Reps, Seed = a.Seed });
                var t = new TableBuilder($"Permutation placebo: {a.Y}").Columns("", "Value")
                    .Row("TWFE DID", NumberFormat.Fixed(fit.Observed, 4))
                    .Row("Permutation p-value", NumberFormat.Fixed(fit.PValue, 4))
                    .Row("Placebo 2.5% / 97.5%", $"{NumberFormat.Fixed(fit.Quantile(0.025), 4)} / {NumberFormat.Fixed(fit.Quantile(0.975), 4)}")
                    .Note($"{fit.Replications} random reassignments of the adoption dates across units.");
                return (DidJsonMapper.Document("placebo", fit.Observations, Units(panel, fit.Actual.Regression), fit.Actual.Cohorts, fit.Coefficients, Missing(fit.Actual.Regression), placebo: fit),
                    t.Build(), fit.Notes);
            }
            default:
            {
                var fit = CallawaySantAnna.Fit(panel, new CallawaySantAnnaOptions(a.Y, a.Cohort)
                {
                    Controls = a.Controls, Cluster = a.Cluster, ControlGroup = a.ControlGroup, BasePeriod = a.Base, Method = a.Method,
                    BootstrapReplications = a.Bootstrap, Seed = a.Seed,
                });
                var t = new TableBuilder($"Callaway–Sant'Anna: {a.Y}").Columns("", "ATT", "SE", "95% CI");
                void Add(string label, double att, double se, double lo, double hi) =>
                    t.Row(label, NumberFormat.Fixed(att, 4), NumberFormat.Fixed(se, 4), $"[{NumberFormat.Fixed(lo, 4)}, {NumberFormat.Fixed(hi, 4)}]");
                Add("Simple", fit.Simple.Att, fit.Simple.StdError, fit.Simple.ConfLow, fit.Simple.ConfHigh);
                t.Rule();
                foreach (var c in fit.Dynamic.Components) Add($"e = {c.Key}", c.Att, c.StdError, c.ConfLow, c.ConfHigh);
                t.Note(fit.BootstrapReplications > 0 ? $"Multiplier bootstrap, {fit.BootstrapReplications} draws." : "Analytic influence-function standard errors.");
                return (DidJsonMapper.Document("cs", fit.Observations, fit.Units, fit.Cohorts, fit.Coefficients,
                    new DidMissingJson(fit.MissingValues.RowsDropped, fit.MissingValues.EntitiesDropped), cs: fit), t.Build(), fit.Notes);
            }
        }
    }

    private static string Num(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static Table EventTable(string title, IReadOnlyList<EventTimeEffect> effects, PretrendTest? pretrend)
    {
        var t = new TableBuilder(title).Columns("Event time", "Estimate", "SE", "95% CI");
        foreach (var e in effects)
            t.Row($"e = {e.EventTime}", NumberFormat.Fixed(e.Estimate, 4), e.IsReference ? "(ref.)" : NumberFormat.Fixed(e.StdError, 4),
                e.IsReference ? "" : $"[{NumberFormat.Fixed(e.ConfLow, 4)}, {NumberFormat.Fixed(e.ConfHigh, 4)}]");
        if (pretrend is not null)
            t.Note($"Pre-trend F({pretrend.NumeratorDf}, {pretrend.DenominatorDf.ToString(CultureInfo.InvariantCulture)}) = {NumberFormat.Fixed(pretrend.Statistic, 3)}, p = {NumberFormat.Fixed(pretrend.PValue, 4)}.");
        return t.Build();
    }

    private static int Units(PanelData panel, PanelRegressionResult fit) => FeCommand.EntityCount(panel, fit);

    private static DidMissingJson Missing(PanelRegressionResult fit) =>
        new(fit.MissingValues?.RowsDropped ?? 0, fit.MissingValues?.EntitiesDropped ?? 0);
}
