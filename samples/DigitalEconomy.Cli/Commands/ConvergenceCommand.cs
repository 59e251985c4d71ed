using System.CommandLine;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Dynamics;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Spatial;

namespace DigitalEconomy.Cli.Commands;

/// <summary>What <c>convergence</c> estimates.</summary>
internal sealed record ConvergenceArguments(string Variable, IReadOnlyList<string> Controls, EffectsChoice Effects, int Interval,
    string? Weights = null, SpatialModelKind Spatial = SpatialModelKind.Sar);

/// <summary><c>convergence</c>: σ-convergence per period and absolute, conditional and cross-section β-convergence.</summary>
internal static class ConvergenceCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions();
        var variable = new Option<string>("--var") { Description = "Positive variable whose logs converge or not, e.g. gdppc.", Required = true, HelpName = "COL" };
        var controls = new Option<string?>("--controls") { Description = "Controls of the conditional β regression, comma-separated (at the start of each interval).", HelpName = "A,B" };
        var effects = new Option<string>("--effects") { Description = "Fixed effects of the conditional β regression: none, entity, time or twoway.", DefaultValueFactory = _ => "twoway" };
        effects.AcceptOnlyFromAmong("none", "entity", "time", "twoway");
        var interval = new Option<int>("--interval") { Description = "Growth interval τ in periods for the panel β regressions.", DefaultValueFactory = _ => 1, HelpName = "TAU" };
        var weights = new Option<string?>("--weights") { Description = "Spatial weights as an (i, j, w) list CSV with entity keys (as `weights --out` writes), row-standardised, for spatial β-convergence.", HelpName = "W.csv" };
        var spatial = new Option<string?>("--spatial") { Description = "Spatial model of the spatial β regressions: sar (default with --weights), sem or sdm.", HelpName = "MODEL" };
        var command = new Command("convergence", "σ-convergence (SD of ln y, CV of y per period, trend tests) and β-convergence (growth on initial ln y: pooled, fixed effects with controls, cross-section; spatial SAR/SEM/SDM with --weights) with speed and half-life.")
        {
            variable, controls, effects, interval, weights, spatial,
        };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            var args = new ConvergenceArguments(parse.GetValue(variable)!.Trim(),
                OptionSyntax.List("--controls", parse.GetValue(controls), required: false),
                OptionSyntax.Effects(parse.GetValue(effects)),
                OptionSyntax.InRange("--interval", parse.GetValue(interval), 1, 100),
                parse.GetValue(weights),
                SpatialModel(parse.GetValue(spatial), parse.GetValue(weights) is not null));
            Run(console, settings, args);
        }));
        return command;
    }

    private static SpatialModelKind SpatialModel(string? value, bool haveWeights)
    {
        if (value is not null && !haveWeights) throw new SpecificationException("--spatial needs --weights W.csv (the spatial weight matrix).");
        return value?.Trim().ToLowerInvariant() switch
        {
            null or "sar" => SpatialModelKind.Sar,
            "sem" => SpatialModelKind.Sem,
            "sdm" => SpatialModelKind.Sdm,
            _ => throw new SpecificationException($"--spatial {value}: expected sar, sem or sdm."),
        };
    }

    public static void Run(CliConsole console, CommonSettings settings, ConvergenceArguments args)
    {
        var panel = PanelLoader.Load(settings);
        PanelLoader.RequireNumeric(panel, "--var", [args.Variable]);
        PanelLoader.RequireNumeric(panel, "--controls", args.Controls);
        var result = Compute(panel, args);
        if (result.Missing.RowsDropped > 0) console.Note("note: " + result.Missing);
        ResultWriter.Emit(console, settings, () => Tables(result), () => Json(result));
    }

    internal static ConvergenceResult Compute(PanelData panel, ConvergenceArguments args) =>
        Convergence.Analyse(panel, args.Variable, new ConvergenceOptions
        {
            Controls = args.Controls,
            Interval = args.Interval,
            Weights = args.Weights is null ? null : SpatialWeights.ReadList(args.Weights).Standardise(WeightStyle.Row),
            SpatialModel = args.Spatial,
            Effects = args.Effects switch
            {
                EffectsChoice.None => ConvergenceEffects.None,
                EffectsChoice.Entity => ConvergenceEffects.Entity,
                EffectsChoice.Time => ConvergenceEffects.Time,
                _ => ConvergenceEffects.TwoWay,
            },
        });

    internal static IReadOnlyList<Table> Tables(ConvergenceResult result)
    {
        var sigma = new TableBuilder($"σ-convergence of {result.Variable}").Columns("Period", "N", "SD of ln", "CV");
        foreach (var p in result.Sigma)
            sigma.Row(p.Time, NumberFormat.Count(p.Count), NumberFormat.Fixed(p.StandardDeviation, 4), NumberFormat.Fixed(p.CoefficientOfVariation, 4));
        foreach (var t in result.SigmaTrends)
            sigma.Note($"Trend of {t.Measure}: slope {NumberFormat.Estimate(t.Slope, t.PValue, 5)} (SE {NumberFormat.Fixed(t.StdError, 5)}, p = {NumberFormat.Fixed(t.PValue, 4)}).");
        var beta = new TableBuilder($"β-convergence of {result.Variable}: growth on initial ln {result.Variable}").Columns("Kind", "β", "SE", "p", "Speed", "Half-life", "τ", "N");
        foreach (var b in result.Beta)
            beta.Row(b.Kind, NumberFormat.Estimate(b.Beta.Estimate, b.Beta.PValue, 4), NumberFormat.Parenthesised(b.Beta.StdError, 4), NumberFormat.Fixed(b.Beta.PValue, 4),
                NumberFormat.Fixed(b.Speed, 4), NumberFormat.Fixed(b.HalfLife, 1), NumberFormat.Fixed(b.Interval, 0), NumberFormat.Count(b.Regression.Observations));
        foreach (var b in result.SpatialBeta)
            beta.Row($"{b.Kind} ({b.Scope.Replace('_', '-')})", NumberFormat.Estimate(b.Beta.Estimate, b.Beta.PValue, 4), NumberFormat.Parenthesised(b.Beta.StdError, 4), NumberFormat.Fixed(b.Beta.PValue, 4),
                NumberFormat.Fixed(b.Speed, 4), NumberFormat.Fixed(b.HalfLife, 1), NumberFormat.Fixed(b.Interval, 0), NumberFormat.Count(b.Observations));
        beta.Note("Speed λ = −ln(1 + β)/τ, half-life = ln 2/λ. Panel SEs clustered by entity; cross-section SEs HC1.");
        foreach (var b in result.SpatialBeta)
            beta.Note($"{b.Kind} ({b.Scope.Replace('_', '-')}): ML, " + string.Join(", ", new[] { b.Rho is { } r ? $"ρ = {NumberFormat.Fixed(r, 4)}" : null, b.Lambda is { } l ? $"λ = {NumberFormat.Fixed(l, 4)}" : null }.OfType<string>()) + ".");
        return [sigma.Build(), beta.Build()];
    }

    internal static ConvergenceJson Json(ConvergenceResult result) => new(
        "convergence", result.Variable,
        result.Sigma.Select(p => new SigmaJson(p.Time, p.Count, p.StandardDeviation, p.CoefficientOfVariation)).ToArray(),
        result.SigmaTrends.Select(t => new SigmaTrendJson(t.Measure, t.Slope, t.StdError, t.PValue)).ToArray(),
        [
            .. result.Beta.Select(b => new BetaJson(b.Kind, b.Kind == "cross_section" ? "cross_section" : "panel", b.Beta.Estimate, b.Beta.StdError, b.Beta.PValue, b.Speed, b.HalfLife, b.Interval, b.Regression.Observations, null, null)),
            .. result.SpatialBeta.Select(b => new BetaJson(b.Kind, b.Scope, b.Beta.Estimate, b.Beta.StdError, b.Beta.PValue, b.Speed, b.HalfLife, b.Interval, b.Observations, b.Rho, b.Lambda)),
        ],
        MissingJson.From(result.Missing));
}
