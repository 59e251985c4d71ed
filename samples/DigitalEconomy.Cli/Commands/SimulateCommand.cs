using System.CommandLine;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Simulation;

namespace DigitalEconomy.Cli.Commands;

/// <summary>
/// <c>simulate</c>: writes the synthetic city panel of the seeded generator as CSV. With the default seed
/// and sizes the output is byte-identical to the bundled data/city_panel.csv.
/// </summary>
internal static class SimulateCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions(includeData: false, outDescription: "CSV file to write (default: stdout).", includeSeed: true, formats: ["csv"]);
        var cities = new Option<int>("--cities") { Description = "Number of cities, spread over the 30 provinces.", DefaultValueFactory = _ => new CityPanelOptions().Cities, HelpName = "N" };
        var firstYear = new Option<int>("--first-year") { Description = "First year.", DefaultValueFactory = _ => new CityPanelOptions().FirstYear };
        var lastYear = new Option<int>("--last-year") { Description = "Last year (inclusive).", DefaultValueFactory = _ => new CityPanelOptions().LastYear };
        var missing = new Option<double>("--missing") { Description = "Share of numeric cells left empty at random, like a real yearbook extract (e.g. 0.05; default 0).", HelpName = "SHARE" };
        var command = new Command("simulate",
            $"Generate the synthetic city panel (the data-generating process and true parameters are in data/README.md) as CSV; seed {CityPanelOptions.DefaultSeed} reproduces the bundled data.")
        {
            cities, firstYear, lastYear, missing,
        };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            int first = parse.GetValue(firstYear), last = parse.GetValue(lastYear);
            if (last < first)
                throw new SpecificationException($"--last-year {last} is before --first-year {first}.");
            double share = parse.GetValue(missing);
            if (!(share >= 0 && share < 1))
                throw new SpecificationException($"--missing {share} is out of range; expected a share in [0, 1), e.g. 0.05.");
            var options = new CityPanelOptions
            {
                MissingShare = share,
                Seed = settings.Seed ?? CityPanelOptions.DefaultSeed,
                Cities = OptionSyntax.InRange("--cities", parse.GetValue(cities), 1, 1_000_000),
                FirstYear = first,
                LastYear = last,
            };
            Run(console, settings, options);
        }));
        return command;
    }

    public static void Run(CliConsole console, CommonSettings settings, CityPanelOptions options)
    {
        var simulated = CityPanelGenerator.Generate(options);
        if (settings.Out is null)
        {
            PanelCsv.Write(simulated.Panel, console.Out);
            return;
        }
        OutputFiles.Write(settings, settings.Out, path => PanelCsv.Write(simulated.Panel, path));
        console.Note($"Wrote {Path.GetFullPath(settings.Out)}: {simulated.Panel.Structure} (seed {options.Seed}).");
    }
}
