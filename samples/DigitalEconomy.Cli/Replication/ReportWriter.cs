using System.Text;
using DigitalEconomy.Cli.Infrastructure;

namespace DigitalEconomy.Cli.Replication;

/// <summary>Strings the sections together into report.md: heading, interpretation, table, figures.</summary>
internal static class ReportWriter
{
    public static string Write(ReplicationContext ctx)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Digital economy and regional development gaps — replication report");
        sb.AppendLine();
        sb.AppendLine($"Data: `{Path.GetFileName(ctx.Settings.DataPath)}` — {ctx.Panel.Structure}. " +
            $"Entity key `{ctx.Settings.Entity}`, time key `{ctx.Settings.Time}`. Seed {ctx.Options.Seed}; " +
            $"{ctx.Options.MediationBootstrap} mediation and {ctx.Options.ThresholdBootstrap} threshold bootstrap replications.");
        var study = StudyColumns.Current;
        sb.AppendLine();
        sb.AppendLine($"Study roles: {(study.Source is null ? "the bundled panel's" : $"`{Path.GetFileName(study.Source)}`")} — outcome `{study.Gap}`, index `{study.Dei}`, threshold variable `{study.Threshold}`.");
        foreach (var note in ctx.DataNotes) sb.AppendLine($"{Environment.NewLine}{note}");
        sb.AppendLine();
        sb.AppendLine("Each table is also written as LaTeX (.tex) and CSV (.csv) next to this file.");
        foreach (var section in ctx.Sections)
        {
            sb.AppendLine();
            sb.AppendLine($"## {section.Heading}");
            sb.AppendLine();
            sb.AppendLine(section.Interpretation);
            if (section.TableMarkdown is not null)
            {
                sb.AppendLine();
                sb.AppendLine(section.TableMarkdown.TrimEnd());
            }
            foreach (var figure in section.Figures)
            {
                sb.AppendLine();
                sb.AppendLine($"![{Path.GetFileNameWithoutExtension(figure)}]({figure})");
            }
        }
        var path = Path.Combine(ctx.OutDirectory, "report.md");
        OutputFiles.WriteText(ctx.Settings, path, sb.ToString());
        ctx.AddFile(path);
        return path;
    }
}
