using System.CommandLine;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Replication;

namespace DigitalEconomy.Cli.Commands;

/// <summary><c>replicate</c>: the whole study end to end, tables and figures into --out.</summary>
internal static class ReplicateCommand
{
    public const string DefaultOut = "results";

    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions(outDescription: $"Directory for the tables, figures and report.md (default: ./{DefaultOut}).");
        var bootstrap = new Option<int?>("--bootstrap")
        {
            Description = $"Bootstrap replications for the mediation and threshold tests (default {ReplicationOptions.DefaultMediationBootstrap} and {ReplicationOptions.DefaultThresholdBootstrap}).",
            HelpName = "N",
        };
        var command = new Command("replicate", "Run the whole study on the bundled panel (or --data): index, inequality, baseline, heterogeneity, mechanisms, thresholds, robustness; writes tables (.md/.tex/.csv), figures (.png) and report.md.")
        {
            bootstrap,
        };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            var b = parse.GetValue(bootstrap);
            var options = new ReplicationOptions
            {
                OutDirectory = settings.Out ?? DefaultOut,
                Seed = settings.Seed ?? ReplicationOptions.DefaultSeed,
                MediationBootstrap = b is { } m ? OptionSyntax.InRange("--bootstrap", m, 0, 1_000_000) : ReplicationOptions.DefaultMediationBootstrap,
                ThresholdBootstrap = b is { } t ? OptionSyntax.InRange("--bootstrap", t, 0, 1_000_000) : ReplicationOptions.DefaultThresholdBootstrap,
            };
            ReplicationStudy.Run(console, settings, options);
        }));
        return command;
    }
}
