using System.Diagnostics;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics;

namespace DigitalEconomy.Cli.Replication;

/// <summary>
/// The study end to end (methods in docs/methods.md): each step is a small function that reads the panel, estimates, and adds
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
        new("Endogeneity", EndogeneityChapter.Run),
        new("Dynamic panel (system GMM)", DynamicGmmChapter.Run),
        new("Coordinated development", CoordinationChapter.Run),
        new("Policy evaluation", PolicyEvaluationChapter.Run),
        new("Spatial spillovers", SpatialChapter.Run),
    ];

    public static void Run(CliConsole console, CommonSettings settings, ReplicationOptions options, StudyDefinition? study = null)
    {
        var clock = Stopwatch.StartNew();
        StudyColumns.Use(study ?? StudyDefinition.Bundled);
        var panel = PanelLoader.Load(settings);
        var dataNotes = new List<string>();
        panel = StudyColumns.Prepare(panel, settings.DataPath, dataNotes);
        using var folder = ResultsFolder.Begin(settings, options.OutDirectory);
        var ctx = new ReplicationContext(console, settings, options, panel, folder.Staging) { DataNotes = dataNotes };
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
        ReportWriter.WriteTablesDocx(ctx);
        var outDir = folder.Final;
        ctx.Summary.OutDirectory = outDir;
        ctx.Summary.Files = ctx.Files.Select(f => Path.GetRelativePath(folder.Staging, f)).ToList();
        // Only a complete run replaces the previous results.
        folder.Commit();
        clock.Stop();
        if (settings.Format == OutputFormat.Json)
            console.Out.WriteLine(CliJson.Serialize(ctx.Summary));
        else
        {
            int figures = ctx.FigureFiles.Count;
            int tables = ctx.Files.Count(f => f.EndsWith(".md", StringComparison.Ordinal)) - 1;
            console.Out.WriteLine($"Replication finished in {clock.Elapsed.TotalSeconds:F1} s: {tables} tables (.md, .tex, .csv, and {ReportWriter.TablesDocx}) and {figures} figures ({options.Figures.Extension}) written to {outDir}");
            console.Out.WriteLine($"Report: {Path.Combine(outDir, Path.GetRelativePath(folder.Staging, report))}");
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
        catch (OutputWriteException)
        {
            throw; // a failed write is not a step that does not apply: stop, keeping the previous results
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException($"cannot write the results of step '{step.Name}': {e.Message}", e);
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
