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
        var common = new CommonOptions(outDescription: $"Directory for the tables, figures and report.md (default: ./{DefaultOut}).", includeSeed: true);
        var bootstrap = new Option<int?>("--bootstrap")
        {
            Description = $"Bootstrap replications for the mediation and threshold tests (default {ReplicationOptions.DefaultMediationBootstrap} and {ReplicationOptions.DefaultThresholdBootstrap}).",
            HelpName = "N",
        };
        var study = new Option<string?>("--study") { Description = "Study file (TOML) naming the roles of your columns: outcome or GDP per capita, index indicators, mediators, controls, threshold variable, … (default: the bundled panel's data/study.toml; 'de-econ init --data FILE' writes a template).", HelpName = "FILE" };
        var command = new Command("replicate", "Run the whole study on the bundled panel (or --data): index, inequality, baseline, heterogeneity, mechanisms, thresholds, robustness; writes tables (.md/.tex/.csv and tables.docx), figures (.png or .svg) and report.md.")
        {
            bootstrap, study,
        };
        common.AddTo(command);
        var figures = new FigureCliOptions();
        figures.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var figureSettings = figures.Resolve(parse);
            var studyPath = parse.GetValue(study);
            var definition = studyPath is null ? BundledData.LocateStudy() : StudyDefinition.Load(studyPath);
            var settings = common.Resolve(parse);
            if (studyPath is not null)
            {
                // The study file names the keys and may name the data file (relative to the study file).
                settings = settings with
                {
                    Entity = parse.GetResult(common.Entity) is not { Implicit: false } ? definition.Entity : settings.Entity,
                    Time = parse.GetResult(common.Time) is not { Implicit: false } ? definition.Time : settings.Time,
                    DataPath = parse.GetResult(common.Data) is not { Implicit: false } && definition.DataFile is { } file
                        ? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(studyPath)) ?? ".", file))
                        : settings.DataPath,
                    OtherInputs = [studyPath],
                };
            }
            var b = parse.GetValue(bootstrap);
            var options = new ReplicationOptions
            {
                OutDirectory = settings.Out ?? DefaultOut,
                Seed = settings.Seed ?? definition.Seed ?? ReplicationOptions.DefaultSeed,
                MediationBootstrap = b is { } m ? OptionSyntax.InRange("--bootstrap", m, 0, 1_000_000) : definition.MediationBootstrap ?? ReplicationOptions.DefaultMediationBootstrap,
                ThresholdBootstrap = b is { } t ? OptionSyntax.InRange("--bootstrap", t, 0, 1_000_000) : definition.ThresholdBootstrap ?? ReplicationOptions.DefaultThresholdBootstrap,
                Figures = figureSettings,
            };
            ReplicationStudy.Run(console, settings, options, definition);
        }));
        return command;
    }
}
