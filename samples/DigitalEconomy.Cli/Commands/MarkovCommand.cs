using System.CommandLine;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Dynamics;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Spatial;

namespace DigitalEconomy.Cli.Commands;

/// <summary>What <c>markov</c> estimates.</summary>
internal sealed record MarkovArguments(string Variable, int Classes, IReadOnlyList<double>? Cuts, bool Absolute, int Horizon, string? Weights);

/// <summary><c>markov</c>: the Markov transition matrix of relative levels, optionally the spatial Markov chain.</summary>
internal static class MarkovCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions();
        var variable = new Option<string>("--var") { Description = "Variable whose (relative) level is classified, e.g. gdppc.", Required = true, HelpName = "COL" };
        var classes = new Option<int>("--classes") { Description = "Number of classes from pooled quantiles.", DefaultValueFactory = _ => 4, HelpName = "K" };
        var cuts = new Option<string?>("--cuts") { Description = "Cut-points of the classes instead of quantiles, increasing (e.g. 0.6,0.9,1.2).", HelpName = "C1,C2" };
        var absolute = new Option<bool>("--absolute") { Description = "Classify the level itself rather than y / period mean." };
        var horizon = new Option<int>("--horizon") { Description = "Transitions from t to t + H periods.", DefaultValueFactory = _ => 1, HelpName = "H" };
        var weights = new Option<string?>("--weights") { Description = "Spatial weights as an (i, j, w) list CSV with entity keys (as `weights --out` writes) for the spatial Markov chain.", HelpName = "W.csv" };
        var command = new Command("markov", "Markov transition matrix of relative levels with ergodic distribution and first-passage times; the spatial Markov chain and its homogeneity tests with --weights.")
        {
            variable, classes, cuts, absolute, horizon, weights,
        };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            var args = new MarkovArguments(parse.GetValue(variable)!.Trim(),
                OptionSyntax.InRange("--classes", parse.GetValue(classes), 2, 20),
                parse.GetValue(cuts) is { } c ? CouplingCommand.Numbers("--cuts", c) : null,
                parse.GetValue(absolute),
                OptionSyntax.InRange("--horizon", parse.GetValue(horizon), 1, 100),
                parse.GetValue(weights));
            Run(console, settings, args);
        }));
        return command;
    }

    public static void Run(CliConsole console, CommonSettings settings, MarkovArguments args)
    {
        var panel = PanelLoader.Load(settings);
        PanelLoader.RequireNumeric(panel, "--var", [args.Variable]);
        var weights = args.Weights is null ? null : SpatialWeights.ReadList(args.Weights);
        var result = Compute(panel, args, weights);
        if (result.Missing.RowsDropped > 0) console.Note("note: " + result.Missing);
        if (result.Spatial is { TransitionsWithoutLag: > 0 } s)
            console.Note($"note: {s.TransitionsWithoutLag:N0} transitions start at a unit with no observed neighbour and are left out of the spatial chain.");
        ResultWriter.Emit(console, settings, () => Tables(result), () => Json(result));
    }

    internal static MarkovChainResult Compute(PanelData panel, MarkovArguments args, SpatialWeights? weights) =>
        MarkovChain.Fit(panel, args.Variable, new MarkovChainOptions { Classes = args.Classes, Cuts = args.Cuts, Relative = !args.Absolute, Horizon = args.Horizon }, weights);

    internal static IReadOnlyList<Table> Tables(MarkovChainResult result)
    {
        var tables = new List<Table> { MatrixTable(result, result.Transitions, $"Markov transition matrix of {(result.Relative ? "relative " : "")}{result.Variable} (t → t+{result.Horizon})", true) };
        if (result.Spatial is { } s)
        {
            for (int l = 0; l < s.Conditional.Count; l++)
                tables.Add(MatrixTable(result, s.Conditional[l], $"Spatial Markov: neighbours in class {l + 1}", false));
            var h = s.Homogeneity;
            tables[^1] = tables[^1] with
            {
                Notes = [.. tables[^1].Notes, $"Homogeneity: LR = {NumberFormat.Fixed(h.LikelihoodRatio, 2)}, Q = {NumberFormat.Fixed(h.Q, 2)}, df = {h.DegreesOfFreedom}, p(LR) = {NumberFormat.Fixed(h.PValueLr, 4)}, p(Q) = {NumberFormat.Fixed(h.PValueQ, 4)}."],
            };
        }
        return tables;
    }

    private static Table MatrixTable(MarkovChainResult result, TransitionMatrix m, string title, bool ergodic)
    {
        int k = m.Classes;
        var builder = new TableBuilder(title).Columns(["From \\ to", "n", .. Enumerable.Range(1, k).Select(j => $"Class {j}")]);
        for (int i = 0; i < k; i++)
            builder.Row(ClassLabel(result, i), [NumberFormat.Count(m.RowTotals[i]), .. Enumerable.Range(0, k).Select(j => NumberFormat.Fixed(m.Probabilities[i][j], 4))]);
        if (ergodic)
        {
            builder.Rule();
            builder.Row("Ergodic", ["", .. m.Ergodic.Select(v => NumberFormat.Fixed(v, 4))]);
            builder.Note("Classes: " + string.Join("; ", Enumerable.Range(0, k).Select(i => $"{i + 1} = {ClassLabel(result, i)}")) + ".");
        }
        return builder.Build();
    }

    private static string ClassLabel(MarkovChainResult result, int i)
    {
        var c = result.Cuts;
        return i == 0 ? $"≤ {NumberFormat.Fixed(c[0], 3)}" : i == c.Count ? $"> {NumberFormat.Fixed(c[^1], 3)}" : $"({NumberFormat.Fixed(c[i - 1], 3)}, {NumberFormat.Fixed(c[i], 3)}]";
    }

    internal static MarkovJson Json(MarkovChainResult result)
    {
        var t = result.Transitions;
        var s = result.Spatial;
        return new MarkovJson("markov", result.Variable, result.Relative, result.Horizon, result.Cuts,
            Counts(t), Probabilities(t), t.Ergodic, Probabilities(t, first: true),
            result.ClassShares.Select(c => new MarkovSharesJson(c.Time, c.Shares)).ToArray(),
            s?.Conditional.Select((m, l) => new SpatialMarkovJson(l + 1, Counts(m), Probabilities(m), m.Ergodic)).ToArray(),
            s is null ? null : new HomogeneityJson(s.Homogeneity.LikelihoodRatio, s.Homogeneity.Q, s.Homogeneity.DegreesOfFreedom, s.Homogeneity.PValueLr, s.Homogeneity.PValueQ),
            s?.LagCuts,
            MissingJson.From(result.Missing));
    }

    private static long[][] Counts(TransitionMatrix m) => m.Counts.Select(r => r.ToArray()).ToArray();

    private static double[][] Probabilities(TransitionMatrix m, bool first = false) =>
        (first ? m.FirstPassageTimes : m.Probabilities).Select(r => r.ToArray()).ToArray();
}
