using System.CommandLine;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Indices;
using DigitalEconomy.Econometrics.Reporting;

namespace DigitalEconomy.Cli.Commands;

/// <summary>One indicator of <c>--indicators</c>: its column and whether more is better.</summary>
internal sealed record IndicatorChoice(string Column, bool Positive);

/// <summary>What <c>index</c> computes.</summary>
internal sealed record IndexArguments(IReadOnlyList<IndicatorChoice> Indicators, bool PerPeriod, double Shift, bool Topsis, string Name)
{
    /// <summary>Principal components instead of entropy weights, with this retention rule.</summary>
    public ComponentRetention? Pca { get; init; }

    /// <summary>--replace: an existing column named <see cref="Name"/> may be overwritten in the output.</summary>
    public bool Replace { get; init; }

    /// <summary>--missing: listwise (default: rows with a missing indicator get no score and are counted) or error.</summary>
    public bool MissingIsError { get; init; }
}

/// <summary><c>index</c>: an entropy-weight (or entropy-TOPSIS) composite index over indicator columns.</summary>
internal static class IndexCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions(outDescription: "Write the panel with the index as a new column to this file (.csv, .dta or .parquet by extension; the weights still go to stdout).");
        var indicators = new Option<string>("--indicators") { Description = "Indicator columns, comma-separated; prefix a negative indicator with '-' (e.g. a,b,-c).", Required = true, HelpName = "A,B,-C" };
        var scheme = new Option<string>("--scheme") { Description = "pooled (one set of weights over all entity-periods) or per-period.", DefaultValueFactory = _ => "pooled" };
        scheme.AcceptOnlyFromAmong("pooled", "per-period");
        var shift = new Option<double>("--shift") { Description = "Shift added after min-max normalisation so no value is 0.", DefaultValueFactory = _ => 0.0001 };
        var method = new Option<string>("--method") { Description = "entropy (weighted sum), topsis (entropy-TOPSIS closeness) or pca (principal components).", DefaultValueFactory = _ => "entropy" };
        method.AcceptOnlyFromAmong("entropy", "topsis", "pca");
        var components = new Option<string>("--components") { Description = "With --method pca: first (first component) or kaiser (all with eigenvalue > 1, weighted by variance share).", DefaultValueFactory = _ => "first" };
        components.AcceptOnlyFromAmong("first", "kaiser");
        var name = new Option<string>("--name") { Description = "Name of the index column written with --out.", DefaultValueFactory = _ => "index", HelpName = "COL" };
        var missing = new Option<string>("--missing") { Description = "Rows with a missing indicator: listwise (default: left out of the weights, score missing, count reported) or error (stop and name them).", DefaultValueFactory = _ => "listwise" };
        missing.AcceptOnlyFromAmong("listwise", "error");
        var replace = new Option<bool>("--replace") { Description = "Allow --name to overwrite an existing column in the --out file (without it, an existing name is refused)." };
        var command = new Command("index", "Composite index (docs/methods.md, section Entropy weights): weights, entropies and the score of every entity-period.")
        {
            indicators, scheme, shift, method, components, name, replace, missing,
        };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            var s = parse.GetValue(shift);
            if (!(s >= 0 && s < 1))
                throw new SpecificationException($"--shift {s} is out of range; expected a small non-negative number such as 0.0001 (0 allowed).");
            var args = new IndexArguments(
                ParseIndicators(parse.GetValue(indicators)),
                parse.GetValue(scheme) == "per-period", s,
                parse.GetValue(method) == "topsis",
                parse.GetValue(name)!.Trim())
            {
                Replace = parse.GetValue(replace),
                MissingIsError = parse.GetValue(missing) == "error",
                Pca = parse.GetValue(method) != "pca" ? null
                    : parse.GetValue(components) == "kaiser" ? ComponentRetention.EigenvalueAboveOne : ComponentRetention.First,
            };
            if (args.Pca is not null) PcaIndex.Run(console, settings, args);
            else Run(console, settings, args);
        }));
        return command;
    }

    /// <summary>"a,b,-c" → a (positive), b (positive), c (negative).</summary>
    public static IReadOnlyList<IndicatorChoice> ParseIndicators(string? value)
    {
        var items = OptionSyntax.List("--indicators", value);
        var result = items.Select(i => i.StartsWith('-') ? new IndicatorChoice(i[1..].Trim(), false) : new IndicatorChoice(i.TrimStart('+').Trim(), true)).ToArray();
        if (result.Any(r => r.Column.Length == 0))
            throw new SpecificationException($"--indicators \"{value}\" has a sign without a column name.");
        if (result.Length < 2)
            throw new SpecificationException("--indicators needs at least two indicator columns to weight.");
        return result;
    }

    public static void Run(CliConsole console, CommonSettings settings, IndexArguments args)
    {
        if (args.Name.Length == 0)
            throw new SpecificationException("--name is empty; expected the name of the index column, e.g. --name dei.");
        var panel = PanelLoader.Load(settings);
        PanelLoader.RequireNumeric(panel, "--indicators", args.Indicators.Select(i => i.Column));
        if (settings.Out is not null)
        {
            if (args.Name == panel.EntityName || args.Name == panel.TimeName)
                throw new SpecificationException($"--name {args.Name} is the {(args.Name == panel.EntityName ? "entity" : "time")} key; choose another name for the index column.");
            if (panel.HasColumn(args.Name) && !args.Replace)
                throw new SpecificationException($"--name {args.Name} is already a column of {Path.GetFileName(settings.DataPath)}; pass --replace to overwrite it in the output, or choose another name.");
            if (panel.HasCategorical(args.Name))
                panel = panel.WithoutColumns(args.Name);
        }
        var indicators = args.Indicators.Select(i => i.Positive ? Indicator.Positive(i.Column) : Indicator.Negative(i.Column)).ToArray();
        var options = new EntropyWeightOptions
        {
            Shift = args.Shift,
            Scope = args.PerPeriod ? EntropyScope.PerPeriod : EntropyScope.Pooled,
            MissingValues = args.MissingIsError ? MissingIndicatorPolicy.Error : MissingIndicatorPolicy.Listwise,
        };
        ComputedIndex computed;
        try
        {
            computed = Compute(panel, indicators, options, args.Topsis);
        }
        catch (EconometricsException e) when (args.MissingIsError && e.Message.Contains("MissingValues = Listwise", StringComparison.Ordinal))
        {
            // The library names its own setting; on the command line the switch is --missing listwise.
            throw new SpecificationException(e.Message.Replace("set MissingValues = Listwise", "pass --missing listwise", StringComparison.Ordinal));
        }
        if (computed.Entropy.Missing.RowsDropped > 0) console.Note("note: " + computed.Entropy.Missing);
        if (settings.Out is not null)
        {
            var scored = panel.WithColumn(args.Name, computed.Scores);
            OutputFiles.Write(settings, settings.Out, path => PanelWriter.Write(scored, path));
            console.Note($"Wrote {Path.GetFullPath(settings.Out)} (the input panel plus column '{args.Name}')");
        }
        // The weights are the result; --out only adds the scored panel, so the document always goes to stdout.
        ResultWriter.Emit(console, settings with { Out = null }, () => [computed.Table], () => Json(panel, computed));
    }

    /// <summary>The weights (possibly per period), the score of every row and the table to show.</summary>
    internal sealed record ComputedIndex(EntropyIndexResult Entropy, double[] Scores, Table Table);

    internal static ComputedIndex Compute(PanelData panel, IReadOnlyList<Indicator> indicators, EntropyWeightOptions options, bool topsis)
    {
        if (!topsis)
        {
            var entropy = EntropyWeightMethod.Compute(panel, indicators, options);
            return new ComputedIndex(entropy, entropy.ScoresArray(), entropy.ToTable());
        }
        var result = EntropyTopsis.Compute(panel, indicators, options);
        return new ComputedIndex(result.Entropy, result.Closeness.ToArray(), result.ToTable());
    }

    internal static IndexJson Json(PanelData panel, ComputedIndex computed)
    {
        var e = computed.Entropy;
        bool pooled = e.Blocks.Count == 1;
        var weights = e.Blocks.SelectMany(b => e.Indicators.Select((ind, j) =>
            new IndexWeightJson(ind.Column, b.Weights[j], b.Entropies[j]) { Period = pooled ? null : b.Label })).ToArray();
        var rows = new IndexRowJson[panel.RowCount];
        for (int r = 0; r < rows.Length; r++)
            rows[r] = new IndexRowJson(panel.Entities.LabelOf(r), panel.Times.LabelOf(r), computed.Scores[r]);
        return new IndexJson(weights, rows) { Missing = MissingJson.From(e.Missing) };
    }
}
