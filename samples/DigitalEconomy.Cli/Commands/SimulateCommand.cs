using System.CommandLine;
using DigitalEconomy.Cli.Infrastructure;

namespace DigitalEconomy.Cli.Commands;

/// <summary><c>simulate</c>: writes the synthetic 285-city panel of the seeded generator as CSV.</summary>
internal static class SimulateCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions(includeData: false, outDescription: "CSV file to write (default: stdout).");
        var command = new Command("simulate", "Generate the synthetic city panel (the seeded data-generating process documented in data/README.md) as CSV.");
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            Run(console, settings);
        }));
        return command;
    }

    public static void Run(CliConsole console, CommonSettings settings) => throw Pending.Module("Simulation");
}
