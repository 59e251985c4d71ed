using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics;

namespace DigitalEconomy.Cli.Commands;

/// <summary>What <c>fe</c> estimates: --y/--x/--effects, or a --formula (possibly several models, possibly split).</summary>
internal sealed record FeArguments(string Y, IReadOnlyList<string> X, EffectsChoice Effects, VcovChoice Vcov)
{
    /// <summary>A fixest-style formula replacing --y/--x/--effects.</summary>
    public string? Formula { get; init; }

    /// <summary>The wild cluster bootstrap test to run after the fit, if any.</summary>
    public WildBootstrapOptions? Wild { get; init; }

    /// <summary>Column whose levels define subsamples (--split or --fsplit).</summary>
    public string? Split { get; init; }

    /// <summary>True for --fsplit: the full sample is estimated too, first.</summary>
    public bool IncludeFullSample { get; init; }

    /// <summary>The small-sample preset of --ssc (default: Stata's).</summary>
    public SmallSampleCorrection SmallSample { get; init; } = SmallSampleCorrection.Stata;

    /// <summary>--drop-singletons: remove observations alone in a fixed-effect level before fitting (reghdfe, fixest).</summary>
    public bool DropSingletons { get; init; }
}

/// <summary><c>fe</c>: a panel regression with none, entity, time or two-way fixed effects, or any model of the formula grammar.</summary>
internal static class FeCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions(includeSeed: true);
        var y = new Option<string>("--y") { Description = "Dependent variable (or use --formula).", HelpName = "COL" };
        var x = new Option<string>("--x") { Description = "Regressors, comma-separated (or use --formula).", HelpName = "A,B,C" };
        var formula = new Option<string>("--formula")
        {
            Description = "Model in fixest syntax, e.g. \"gap ~ dei + i(region, dei) + l(dei) | city + province^year\"; sw()/csw()/csw0() and c(y1, y2) give several models.",
            HelpName = "FORMULA",
        };
        var split = new Option<string>("--split") { Description = "Estimate on every level of this column separately.", HelpName = "COL" };
        var fsplit = new Option<string>("--fsplit") { Description = "As --split, plus the full sample first.", HelpName = "COL" };
        var effects = new Option<string>("--effects") { Description = "Absorbed fixed effects: none, entity, time or twoway (with --y/--x).", DefaultValueFactory = _ => "twoway" };
        var vcov = new Option<string>("--vcov")
        {
            Description = "Variance estimator: classical, robust (= hc1), hc0, hc2, hc3 (pooled or one-way FE), dk:LAGS (Driscoll–Kraay), cluster:COL or cluster:COL1+COL2; with --formula a cluster may be an interaction, cluster:province^year (default: cluster by the entity column).",
            HelpName = "TYPE",
        };
        var ssc = new Option<string>("--ssc")
        {
            Description = "Small-sample correction: stata (default; reghdfe, xtreg, fe), fixest (fixest's ssc()), plm-sss, plm-hc1 (plm vcovHC types), areg (every absorbed parameter counted) or none.",
            DefaultValueFactory = _ => "stata",
        };
        ssc.AcceptOnlyFromAmong("stata", "fixest", "plm-sss", "plm-hc1", "areg", "none");
        var dropSingletons = new Option<bool>("--drop-singletons") { Description = "Drop observations that are alone in a fixed-effect level before fitting (as reghdfe and fixest do)." };
        effects.AcceptOnlyFromAmong("none", "entity", "time", "twoway");
        var wild = new WildBootstrapCliOptions();
        var command = new Command("fe", "Panel regression with fixed effects and classical, robust or clustered standard errors (Stata reghdfe / xtreg, fe conventions).")
        {
            y, x, formula, split, fsplit, effects, vcov, ssc, dropSingletons,
        };
        common.AddTo(command);
        wild.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            var formulaText = parse.GetValue(formula);
            var splitColumn = parse.GetValue(split);
            var fsplitColumn = parse.GetValue(fsplit);
            if (splitColumn is not null && fsplitColumn is not null)
                throw new SpecificationException("--split and --fsplit cannot be combined; --fsplit already includes the subsamples.");
            if ((splitColumn ?? fsplitColumn) is not null && formulaText is null)
                throw new SpecificationException($"{(splitColumn is null ? "--fsplit" : "--split")} needs --formula, e.g. --formula \"gap ~ dei | city + year\".");
            var vcovChoice = parse.GetValue(vcov) is { } v ? OptionSyntax.Vcov(v, heteroskedasticityKinds: true) : VcovChoice.Cluster(settings.Entity);
            var smallSample = SmallSample(parse.GetValue(ssc));
            bool singletons = parse.GetValue(dropSingletons);
            FeArguments args;
            if (formulaText is not null)
            {
                if (parse.GetValue(y) is not null || parse.GetValue(x) is not null)
                    throw new SpecificationException("--formula replaces --y and --x; give either the formula or --y/--x.");
                if (parse.GetResult(effects) is { Implicit: false })
                    throw new SpecificationException("--formula replaces --effects; put the fixed effects after '|' in the formula, e.g. \"gap ~ dei | city + year\".");
                if (string.IsNullOrWhiteSpace(formulaText))
                    throw new SpecificationException("--formula is empty; expected e.g. --formula \"gap ~ dei + gov | city + year\".");
                args = new FeArguments("", [], EffectsChoice.None, vcovChoice)
                {
                    Formula = formulaText,
                    Split = splitColumn ?? fsplitColumn,
                    IncludeFullSample = fsplitColumn is not null,
                    Wild = wild.Resolve(parse, [], settings.Seed),
                    SmallSample = smallSample,
                    DropSingletons = singletons,
                };
            }
            else
            {
                if (parse.GetValue(y) is null) throw new SpecificationException("fe needs --y and --x, or --formula (see fe --help).");
                if (parse.GetValue(x) is null) throw new SpecificationException("fe needs --x (the regressors) with --y, or --formula (see fe --help).");
                var regressors = OptionSyntax.List("--x", parse.GetValue(x));
                args = new FeArguments(
                    parse.GetValue(y)!.Trim(),
                    regressors,
                    OptionSyntax.Effects(parse.GetValue(effects)),
                    vcovChoice)
                {
                    Wild = wild.Resolve(parse, regressors, settings.Seed),
                    SmallSample = smallSample,
                    DropSingletons = singletons,
                };
            }
            Run(console, settings, args);
        }));
        return command;
    }

    public static void Run(CliConsole console, CommonSettings settings, FeArguments args)
    {
        var panel = PanelLoader.Load(settings);
        if (args.Formula is not null)
        {
            RunFormula(console, settings, panel, args);
            return;
        }
        PanelLoader.RequireNumeric(panel, "--y", [args.Y]);
        // The fit scales its regressors, so any finite magnitude is fine; the wild bootstrap does not, and the outcome is not scaled.
        PanelLoader.RequireNumeric(panel, "--x", args.X, checkMagnitude: args.Wild is not null);
        PanelLoader.RequireColumn(panel, "--vcov", args.Vcov.Clusters);
        var fit = Estimate(panel, args);
        foreach (var note in fit.Notes) console.Note("note: " + note);
        var wild = args.Wild is { } w ? WildBootstrapCliOptions.Run(panel, fit, w) : null;
        if (wild is not null && settings.Format != OutputFormat.Json)
            console.Note($"wild cluster bootstrap ({wild.Type}, {wild.Weights}, {wild.Reps} replications{(wild.Enumerated ? ", enumerated" : "")}, {wild.Clusters} clusters): " +
                $"{wild.Test} = {wild.Null}: t = {wild.T:F3}, p = {wild.PValue:F4}; {wild.Level:P0} set " +
                string.Join(" ∪ ", wild.ConfSet.Select(p => $"[{p[0]:G5}, {p[1]:G5}]")));
        ResultWriter.Emit(console, settings, () => [fit.ToTable()],
            () => RegressionJsonMapper.Regression(fit, EntityCount(panel, fit)) with { WildBootstrap = wild });
    }

    /// <summary>
    /// --formula: one model prints the fe document (with dependent, formula, sample and missing); several
    /// models (sw/csw/csw0, c() outcomes, --split/--fsplit) print {"models": [ fe document, ... ]}.
    /// </summary>
    private static void RunFormula(CliConsole console, CommonSettings settings, PanelData panel, FeArguments args)
    {
        // With --formula a cluster may be an interaction such as province^year; its parts must be columns.
        PanelLoader.RequireColumn(panel, "--vcov", args.Vcov.Clusters.SelectMany(c => c.Split('^', StringSplitOptions.TrimEntries)));
        if (args.Split is not null) PanelLoader.RequireColumn(panel, args.IncludeFullSample ? "--fsplit" : "--split", [args.Split]);
        ModelCollection models;
        try
        {
            models = PanelRegression.FitMany(panel, args.Formula!, new MultipleEstimationOptions
            {
                Vcov = ToVcov(args.Vcov),
                SmallSample = args.SmallSample,
                DropSingletons = args.DropSingletons,
                Split = args.Split,
                IncludeFullSample = args.IncludeFullSample,
            });
        }
        catch (SpecificationException e) when (!e.Message.StartsWith("Formula ", StringComparison.Ordinal) && !e.Message.StartsWith("--", StringComparison.Ordinal))
        {
            throw new SpecificationException("--formula: " + e.Message);
        }
        bool several = models.Count > 1 || args.Split is not null;
        if (args.Wild is not null && several)
            throw new SpecificationException("--wild-bootstrap tests one model; drop --split/--fsplit and sw()/csw()/c() from --formula.");
        var wild = args.Wild is { } w
            ? WildBootstrapCliOptions.Run(panel, models[0], w)
            : null;
        for (int i = 0; i < models.Count; i++)
            foreach (var note in models[i].Notes)
                console.Note(several ? $"note (model {i + 1}, {models.Formulas[i]}{(args.Split is null ? "" : "; " + models.Samples[i])}): {note}" : "note: " + note);
        // The document comes from the library's writer, so files saved here load back with RegressionDocument.Load.
        ResultWriter.Emit(console, settings,
            () => several ? [RegressionTable.Create(models, "Dependent variable" + (models.Select(m => m.Dependent).Distinct().Count() == 1 ? ": " + models[0].Dependent : "s: see columns")).Build()] : [models[0].ToTable()],
            () =>
            {
                var node = JsonNode.Parse(several ? RegressionDocument.ToJson(models) : RegressionDocument.ToJson(models[0]))!;
                if (wild is not null) node["wild_bootstrap"] = JsonNode.Parse(CliJson.Serialize(wild));
                using var document = JsonDocument.Parse(node.ToJsonString());
                return document.RootElement.Clone();
            });
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
        "hc0" => Vcov.HC0,
        "hc2" => Vcov.HC2,
        "hc3" => Vcov.HC3,
        "dk" => Vcov.DriscollKraay(choice.Lags),
        _ => choice.Clusters.Count == 1 ? Vcov.Cluster(choice.Clusters[0]) : Vcov.Cluster(choice.Clusters[0], choice.Clusters[1]),
    };

    public static PanelRegressionResult Estimate(PanelData panel, FeArguments args) => PanelRegression.Fit(panel, Options(panel, args));

    private static PanelRegressionOptions Options(PanelData panel, FeArguments args) => new(args.Y, args.X)
    {
        FixedEffects = FixedEffects(panel, args.Effects),
        Vcov = ToVcov(args.Vcov),
        SmallSample = args.SmallSample,
        DropSingletons = args.DropSingletons,
    };

    /// <summary>The <see cref="SmallSampleCorrection"/> preset named by --ssc.</summary>
    public static SmallSampleCorrection SmallSample(string? value) => value switch
    {
        "fixest" => SmallSampleCorrection.Fixest,
        "plm-sss" => SmallSampleCorrection.PlmSss,
        "plm-hc1" => SmallSampleCorrection.PlmHC1,
        "areg" => SmallSampleCorrection.Areg,
        "none" => SmallSampleCorrection.None,
        _ => SmallSampleCorrection.Stata,
    };

    /// <summary>Entities in the estimation sample (after listwise deletion).</summary>
    public static int EntityCount(PanelData panel, PanelRegressionResult fit)
    {
        var seen = new bool[panel.Entities.LevelCount];
        var codes = panel.Entities.Codes;
        int count = 0;
        // Estimation rows are distinct input rows, so as many as the panel has means all of them (no row list needed).
        if (fit.Observations == panel.RowCount)
        {
            foreach (var c in codes)
                if (!seen[c]) { seen[c] = true; count++; }
            return count;
        }
        foreach (var r in fit.EstimationRows)
            if (!seen[codes[r]]) { seen[codes[r]] = true; count++; }
        return count;
    }
}
