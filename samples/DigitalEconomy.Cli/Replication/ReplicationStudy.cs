using System.Diagnostics;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics;

namespace DigitalEconomy.Cli.Replication;

/// <summary>
/// The study of SPEC §2 end to end: each step is a small function that reads the panel, estimates, and adds
/// its tables, figures and a sentence of interpretation to the report.
/// </summary>
internal static class ReplicationStudy
{
    private sealed record Step(string Name, Action<ReplicationContext> Run);

    private static readonly Step[] Steps =
    [
        new("Descriptive statistics", StudySteps.Descriptives),
        new("Digital economy index", StudySteps.DigitalEconomyIndex),
        new("Inequality", StudySteps.Inequality),
        new("Baseline regression", StudySteps.Baseline),
        new("Heterogeneity", StudySteps.Heterogeneity),
        new("Mechanisms", StudySteps.Mechanisms),
        new("Threshold effects", StudySteps.Threshold),
        new("Robustness", StudySteps.Robustness),
        new("Coordinated development", CoordinationChapter.Run),
        new("Dynamic panel (system GMM)", DynamicGmmChapter.Run),
    ];

    public static void Run(CliConsole console, CommonSettings settings, ReplicationOptions options)
    {
        var clock = Stopwatch.StartNew();
        var panel = PanelLoader.Load(settings);
        StudyColumns.Require(panel, settings.DataPath);
        var outDir = OutputFiles.EnsureDirectory(options.OutDirectory);
        var ctx = new ReplicationContext(console, settings, options, panel, outDir);
        ProgressDisplay.Run(console, "Replicating the study", progress =>
        {
            for (int i = 0; i < Steps.Length; i++)
            {
                RunStep(ctx, Steps[i]);
                progress?.Invoke(i + 1, Steps.Length);
            }
            return 0;
        });
        var report = ReportWriter.Write(ctx);
        ctx.Summary.OutDirectory = outDir;
        ctx.Summary.Files = ctx.Files.Select(f => Path.GetRelativePath(outDir, f)).ToList();
        clock.Stop();
        if (settings.Format == OutputFormat.Json)
            console.Out.WriteLine(CliJson.Serialize(ctx.Summary));
        else
        {
            int figures = ctx.Files.Count(f => f.EndsWith(".png", StringComparison.Ordinal));
            int tables = ctx.Files.Count(f => f.EndsWith(".md", StringComparison.Ordinal)) - 1;
            console.Out.WriteLine($"Replication finished in {clock.Elapsed.TotalSeconds:F1} s: {tables} tables (.md, .tex, .csv) and {figures} figures written to {outDir}");
            console.Out.WriteLine($"Report: {report}");
        }
        foreach (var skipped in ctx.Summary.Skipped)
            console.Note($"note: skipped {skipped}");
    }

    private static void RunStep(ReplicationContext ctx, Step step)
    {
        try
        {
            step.Run(ctx);
        }
        catch (EconometricsException e)
        {
            // A user's own panel may not support one step (e.g. an unbalanced panel for Hansen's threshold
            // model): say why in the report and on stderr, and still deliver the rest of the study.
            ctx.Summary.Skipped.Add($"{step.Name} ({e.Message})");
            ctx.Section(step.Name, $"Not run: {e.Message}");
        }
    }
}
