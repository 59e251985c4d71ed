using System.CommandLine;
using System.Globalization;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Iv;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Results;

namespace DigitalEconomy.Cli.Commands;

/// <summary><c>iv</c>: instrumental-variables regression with absorbed fixed effects (ivreghdfe / ivreg2 conventions).</summary>
internal static class IvCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions(includeSeed: true);
        var wild = new WildBootstrapCliOptions();
        var formula = new Option<string>("--formula")
        {
            Description = "Model: \"y ~ exogenous | fixed effects | endogenous ~ instruments\", e.g. \"gap ~ gov + open | city + year | dei ~ post_x_net + tel_x_net\".",
            Required = true,
            HelpName = "FORMULA",
        };
        var vcov = new Option<string>("--vcov") { Description = "Variance: classical, robust, cluster:COL or cluster:COL1+COL2 (default: cluster by the entity column).", HelpName = "TYPE" };
        var estimator = new Option<string>("--estimator") { Description = "Estimator: 2sls, liml, fuller:ALPHA (e.g. fuller:1) or gmm2s.", DefaultValueFactory = _ => "2sls", HelpName = "NAME" };
        var small = new Option<bool>("--small") { Description = "Small-sample rules (the default): N − K, G − 1, t and F tests." };
        var noSmall = new Option<bool>("--no-small") { Description = "ivreg2's large-sample convention: σ² = RSS/N, no factors, z and χ² tests." };
        var command = new Command("iv", "Instrumental-variables regression (2SLS, LIML, Fuller, two-step GMM) with fixed effects, first stages and weak-instrument statistics.")
        {
            formula, vcov, estimator, small, noSmall,
        };
        wild.AddTo(command);
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            if (parse.GetValue(small) && parse.GetValue(noSmall))
                throw new SpecificationException("--small and --no-small contradict each other; give at most one.");
            var spec = IvSpecification.Parse(parse.GetValue(formula)!);
            var choice = parse.GetValue(vcov) is { } v ? OptionSyntax.Vcov(v) : VcovChoice.Cluster(settings.Entity);
            var options = Estimator(parse.GetValue(estimator)) with { Vcov = FeCommand.ToVcov(choice), Small = !parse.GetValue(noSmall) };
            var panel = PanelLoader.Load(settings);
            PanelLoader.RequireNumeric(panel, "--formula", [spec.Dependent, .. spec.Exogenous, .. spec.Endogenous, .. spec.Instruments]);
            PanelLoader.RequireColumn(panel, "--formula", spec.FixedEffects);
            PanelLoader.RequireColumn(panel, "--vcov", choice.Clusters);
            var wildOptions = wild.Resolve(parse, spec.Endogenous, settings.Seed);
            var cmp = IvRegression.Compare(panel, spec, options);
            foreach (var note in cmp.Iv.Notes) console.Note("note: " + note);
            var wre = wildOptions is null ? null : WildBootstrapCliOptions.RunIv(panel, spec, options, wildOptions);
            if (wre is not null && settings.Format != OutputFormat.Json)
                console.Note($"wild restricted efficient bootstrap ({wre.Weights}, {wre.Reps} replications{(wre.Enumerated ? ", enumerated" : "")}, {wre.Clusters} clusters): " +
                    $"{wre.Test} = {wre.Null}: t = {wre.T:F3}, p = {wre.PValue:F4}");
            ResultWriter.Emit(console, settings, () => Tables(cmp), () => IvJsonMapper.Iv(cmp.Iv) with { WildBootstrap = wre });
        }));
        return command;
    }

    /// <summary>Parses --estimator.</summary>
    public static IvOptions Estimator(string? value)
    {
        var v = (value ?? "2sls").Trim().ToLowerInvariant();
        if (v == "2sls") return new IvOptions();
        if (v == "liml") return new IvOptions { Estimator = IvEstimator.Liml };
        if (v == "gmm2s") return new IvOptions { Estimator = IvEstimator.GmmTwoStep };
        if (v.StartsWith("fuller:", StringComparison.Ordinal)
            && double.TryParse(v["fuller:".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var alpha) && alpha > 0)
            return new IvOptions { Estimator = IvEstimator.Fuller, FullerAlpha = alpha };
        throw new SpecificationException($"--estimator \"{value}\": expected 2sls, liml, fuller:ALPHA with ALPHA > 0 (e.g. fuller:1) or gmm2s.");
    }

    private static string Num(double v, string format = "0.0000") =>
        double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    /// <summary>The endogeneity table (OLS, reduced form, first stages, IV) and the diagnostics table.</summary>
    public static IReadOnlyList<Table> Tables(IvComparison cmp)
    {
        var models = cmp.Models;
        var names = models.SelectMany(m => m.Coefficients.Select(c => c.Name)).Distinct().ToArray();
        var t = new TableBuilder("Endogeneity: OLS, reduced form, first stage and IV").Columns(["", .. models.Select(Header)]);
        foreach (var name in names)
        {
            t.Row(name, models.Select(m => m.Coefficients.FirstOrDefault(c => c.Name == name) is { } c ? Num(c.Estimate) + Stars(c.PValue) : "").ToArray());
            t.Row("", models.Select(m => m.Coefficients.FirstOrDefault(c => c.Name == name) is { } c ? $"({Num(c.StdError)})" : "").ToArray());
        }
        t.Rule();
        t.Row("Observations", models.Select(m => m.Observations.ToString(CultureInfo.InvariantCulture)).ToArray());
        t.Row("Dependent", models.Select(m => m.Dependent).ToArray());
        t.Note(cmp.Iv.Variance!.Description);
        t.Note("* p < 0.10, ** p < 0.05, *** p < 0.01");
        var iv = cmp.Iv;
        var d = new TableBuilder("Instrument diagnostics").Columns("Statistic", "Value", "df", "p-value");
        foreach (var f in iv.FirstStages)
        {
            d.Row($"First-stage F ({f.Endogenous})", Num(f.F.Statistic, "0.00"), $"{f.F.NumeratorDf}, {f.F.DenominatorDf}", Num(f.F.PValue));
            d.Row($"Sanderson–Windmeijer F ({f.Endogenous})", Num(f.SandersonWindmeijerF.Statistic, "0.00"), "", Num(f.SandersonWindmeijerF.PValue));
            d.Row($"Partial R² ({f.Endogenous})", Num(f.PartialR2), "", "");
        }
        var w = iv.WeakIdentification;
        d.Row("Cragg–Donald Wald F", Num(w.CraggDonaldF, "0.00"), "", "");
        if (w.KleibergenPaapWaldF is { } kp) d.Row("Kleibergen–Paap rk Wald F", Num(kp, "0.00"), "", "");
        d.Row(w.Underidentification.Name == "anderson_lm" ? "Anderson LM (underidentification)" : "Kleibergen–Paap rk LM (underidentification)",
            Num(w.Underidentification.Statistic, "0.00"), w.Underidentification.Df.ToString(CultureInfo.InvariantCulture), Num(w.Underidentification.PValue));
        foreach (var s in w.StockYogo) d.Row($"Stock–Yogo {s.Table} {s.Threshold}", Num(s.Value, "0.00"), "", "");
        if (iv.Overidentification is { } o) d.Row(o.Name == "hansen_j" ? "Hansen J" : "Sargan", Num(o.Statistic), o.Df.ToString(CultureInfo.InvariantCulture), Num(o.PValue));
        if (iv.Endogeneity is { } e) d.Row("Endogeneity (C statistic)", Num(e.Statistic), e.Df.ToString(CultureInfo.InvariantCulture), Num(e.PValue));
        d.Row("Anderson–Rubin F", Num(iv.AndersonRubin.F.Statistic), $"{iv.AndersonRubin.F.NumeratorDf}, {iv.AndersonRubin.F.DenominatorDf}", Num(iv.AndersonRubin.F.PValue));
        d.Note(iv.AndersonRubin.Describe());
        d.Note("Critical values: " + StockYogoTables.Attribution);
        return [t.Build(), d.Build()];
    }

    private static string Header(IEstimationResult m) => m.Model switch
    {
        "ols" => "OLS",
        "reduced_form" => "Reduced form",
        "first_stage" => "First stage",
        _ => "IV",
    };


    private static string Stars(double p) => p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.10 ? "*" : "";
}
