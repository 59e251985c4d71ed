using System.Text;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Econometrics.Reporting;

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
        sb.AppendLine($"Each table is also written as LaTeX (.tex) and CSV (.csv) next to this file, and all of them together in Word ({TablesDocx}).");
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

    /// <summary>The Word document with every table of the report, one per section under its heading.</summary>
    public const string TablesDocx = "tables.docx";

    /// <summary>Writes <see cref="TablesDocx"/>: each section's table in report order, under the section's heading.</summary>
    public static string WriteTablesDocx(ReplicationContext ctx)
    {
        var sections = ctx.Sections.Where(s => s.Table is not null).Select(s => new WordSection(s.Heading, s.Table!)).ToArray();
        var path = Path.Combine(ctx.OutDirectory, TablesDocx);
        OutputFiles.Write(ctx.Settings, path, p => File.WriteAllBytes(p, WordTables.Document(sections)));
        ctx.AddFile(path);
        return path;
    }
}
