using System.CommandLine;
using System.Globalization;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Dynamics;
using DigitalEconomy.Econometrics.Reporting;

namespace DigitalEconomy.Cli.Commands;

/// <summary>What <c>density</c> estimates.</summary>
internal sealed record DensityArguments(string Variable, DensityKernel Kernel, BandwidthRule Rule, double? Bandwidth, int Points, IReadOnlyList<string>? Periods);

/// <summary><c>density</c>: kernel densities of a variable per period on a common grid.</summary>
internal static class DensityCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions();
        var variable = new Option<string>("--var") { Description = "Variable whose distribution is estimated per period, e.g. gap.", Required = true, HelpName = "COL" };
        var kernel = new Option<string>("--kernel") { Description = "Kernel: epanechnikov (Stata's default) or gaussian.", DefaultValueFactory = _ => "epanechnikov" };
        kernel.AcceptOnlyFromAmong("epanechnikov", "gaussian");
        var bandwidth = new Option<string>("--bandwidth") { Description = "silverman (Stata's kdensity rule), nrd0 (R's bw.nrd0) or a positive number.", DefaultValueFactory = _ => "silverman", HelpName = "RULE|H" };
        var points = new Option<int>("--points") { Description = "Points of the common grid.", DefaultValueFactory = _ => 100, HelpName = "N" };
        var periods = new Option<string?>("--periods") { Description = "Periods to estimate, comma-separated (default: all).", HelpName = "T1,T2" };
        var command = new Command("density", "Kernel density of a variable in each period on one common grid (Gaussian or Epanechnikov; Stata's Silverman, R's nrd0 or a fixed bandwidth).")
        {
            variable, kernel, bandwidth, points, periods,
        };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            var (rule, h) = ParseBandwidth(parse.GetValue(bandwidth));
            var args = new DensityArguments(parse.GetValue(variable)!.Trim(),
                parse.GetValue(kernel) == "gaussian" ? DensityKernel.Gaussian : DensityKernel.Epanechnikov,
                rule, h, OptionSyntax.InRange("--points", parse.GetValue(points), 2, 100_000),
                parse.GetValue(periods) is { } p ? OptionSyntax.List("--periods", p) : null);
            Run(console, settings, args);
        }));
        return command;
    }

    internal static (BandwidthRule Rule, double? Value) ParseBandwidth(string? value)
    {
        var v = value?.Trim().ToLowerInvariant() ?? "silverman";
        if (v == "silverman") return (BandwidthRule.Silverman, null);
        if (v == "nrd0") return (BandwidthRule.Nrd0, null);
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double h) && h > 0 && double.IsFinite(h)) return (BandwidthRule.Silverman, h);
        throw new SpecificationException($"--bandwidth \"{value}\" is not recognised; expected silverman, nrd0 or a positive number.");
    }

    public static void Run(CliConsole console, CommonSettings settings, DensityArguments args)
    {
        var panel = PanelLoader.Load(settings);
        PanelLoader.RequireNumeric(panel, "--var", [args.Variable]);
        var result = Compute(panel, args);
        if (result.Missing.RowsDropped > 0) console.Note("note: " + result.Missing);
        ResultWriter.Emit(console, settings, () => [Table(result)], () => Json(result));
    }

    internal static KernelDensitySeries Compute(PanelData panel, DensityArguments args) =>
        KernelDensity.PerPeriod(panel, args.Variable, new KernelDensityOptions
        {
            Kernel = args.Kernel, Rule = args.Rule, Bandwidth = args.Bandwidth, Points = args.Points, Periods = args.Periods,
        });

    internal static string RuleName(BandwidthRule? rule) => rule switch
    {
        BandwidthRule.Silverman => "silverman",
        BandwidthRule.Nrd0 => "nrd0",
        _ => "fixed",
    };

    internal static Table Table(KernelDensitySeries series)
    {
        var builder = new TableBuilder($"Kernel density of {series.Variable} by period").Columns("Period", "N", "Bandwidth", "Mode", "Peak density");
        foreach (var p in series.Periods)
        {
            int k = 0;
            for (int i = 1; i < p.Density.Count; i++) if (p.Density[i] > p.Density[k]) k = i;
            builder.Row(p.Time, NumberFormat.Count(p.Count), NumberFormat.Fixed(p.Bandwidth, 4), NumberFormat.Fixed(series.Grid[k], 4), NumberFormat.Fixed(p.Density[k], 4));
        }
        builder.Note($"{series.Kernel} kernel, bandwidth {RuleName(series.Rule)}; {series.Grid.Count} grid points from {NumberFormat.Fixed(series.Grid[0], 4)} to {NumberFormat.Fixed(series.Grid[^1], 4)} (the JSON output has the full curves).");
        if (series.Missing.RowsDropped > 0) builder.Note(series.Missing.ToString());
        return builder.Build();
    }

    internal static DensityJson Json(KernelDensitySeries series) => new(
        "density", series.Variable, series.Kernel == DensityKernel.Gaussian ? "gaussian" : "epanechnikov", RuleName(series.Rule), series.Grid,
        series.Periods.Select(p => new DensityPeriodJson(p.Time, p.Count, p.Bandwidth, p.Density)).ToArray(), MissingJson.From(series.Missing));
}
