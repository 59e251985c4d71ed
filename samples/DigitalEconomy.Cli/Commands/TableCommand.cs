using System.CommandLine;
using System.Globalization;
using System.Text;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Results;

namespace DigitalEconomy.Cli.Commands;

/// <summary><c>table</c>: one regression table from saved <c>fe</c> JSON documents (Stata's <c>esttab</c> over <c>estimates save</c>).</summary>
internal static class TableCommand
{
    public static Command Build(CliConsole console)
    {
        var files = new Argument<string[]>("documents") { Description = "Saved fe JSON documents (one model or {\"models\": [...]}).", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "text (default), markdown, latex, csv, html or docx (Word; needs --out).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "markdown", "latex", "csv", "html", "docx");
        var labels = new Option<string?>("--labels") { Description = "Label dictionary: a TOML file of key = \"label\" lines (variables, fe:city, n, r2, Yes, notes).", HelpName = "FILE" };
        var stars = new Option<string>("--stars") { Description = "Star thresholds, e.g. 0.1,0.05,0.01 (default), or none.", DefaultValueFactory = _ => "0.1,0.05,0.01" };
        var stat = new Option<string>("--stat") { Description = "Below each estimate: se (default), t, p, ci or none.", DefaultValueFactory = _ => "se" };
        stat.AcceptOnlyFromAmong("se", "t", "p", "ci", "none");
        var keep = new Option<string?>("--keep") { Description = "Coefficients to show, in order (comma-separated; a trailing * matches a prefix).", HelpName = "LIST" };
        var drop = new Option<string?>("--drop") { Description = "Coefficients to hide (comma-separated; a trailing * matches a prefix).", HelpName = "LIST" };
        var fit = new Option<string?>("--fit") { Description = "Statistics rows by key, e.g. n,r2,r2_within,clusters,se_type.", HelpName = "LIST" };
        var title = new Option<string>("--title") { Description = "Caption.", DefaultValueFactory = _ => "Regression results" };
        var width = new Option<bool>("--fit-width") { Description = "LaTeX: shrink a table wider than the text block to \\linewidth (needs graphicx)." };
        var bom = new Option<bool>("--bom") { Description = "CSV: start with a UTF-8 byte-order mark for Excel." };
        var outFile = new Option<string?>("--out") { Description = "Write the table to FILE (UTF-8; a .docx for --format docx) instead of stdout.", HelpName = "FILE" };
        var command = new Command("table", "Build one table from saved fe JSON documents: SE/t/p/CI, stars, keep/drop, labels, fit statistics; text, Markdown, LaTeX, CSV, HTML or Word (.docx).")
        {
            files, format, labels, stars, stat, keep, drop, fit, title, width, bom, outFile,
        };
        command.SetAction(parse => CommandRunner.Execute(console, false, () =>
        {
            bool docx = parse.GetValue(format) == "docx";
            // The saved documents are this command's inputs: --out may not overwrite one of them.
            var output = new CommonSettings("", "", "", OutputFormat.Text, null, parse.GetValue(outFile), false) { OtherInputs = parse.GetValue(files)! };
            if (docx && parse.GetValue(outFile) is null)
                throw new EconometricsException("table --format docx writes a Word file, not text: give --out FILE.docx.");
            var models = new List<IEstimationResult>();
            foreach (var path in parse.GetValue(files)!)
            {
                if (!File.Exists(path)) throw new EconometricsException($"table: document '{path}' not found.");
                try
                {
                    models.AddRange(RegressionDocument.Load(path));
                }
                catch (DataFormatException e)
                {
                    console.Error.WriteLine($"skipped {path}: not a saved fe document ({e.Message})");
                }
            }
            if (models.Count == 0) throw new EconometricsException("table: none of the documents is a saved fe regression document.");
            var table = RegressionTable.Create(models, parse.GetValue(title)!)
                .Statistic(parse.GetValue(stat) switch
                {
                    "t" => CellStatistic.TStatistic, "p" => CellStatistic.PValue, "ci" => CellStatistic.ConfidenceInterval,
                    "none" => CellStatistic.None, _ => CellStatistic.StdError,
                })
                .Stars(Stars(parse.GetValue(stars)!));
            if (parse.GetValue(keep) is { } k) table.Keep(OptionSyntax.List("--keep", k));
            if (parse.GetValue(drop) is { } d) table.Drop(OptionSyntax.List("--drop", d));
            if (parse.GetValue(fit) is { } f) table.FitStatistics(OptionSyntax.List("--fit", f));
            if (parse.GetValue(labels) is { } l) table.Labels(LabelFile.Read(l));
            var tableFormat = parse.GetValue(format) switch
            {
                "markdown" => TableFormat.Markdown, "latex" => TableFormat.Latex, "csv" => TableFormat.Csv, "html" => TableFormat.Html, _ => TableFormat.Text,
            };
            if (docx)
            {
                var target = parse.GetValue(outFile)!;
                OutputFiles.Write(output, target, p => File.WriteAllBytes(p, table.Build().ToDocx()));
                console.Out.WriteLine($"wrote {target}");
                return;
            }
            var text = table.Build().Render(tableFormat, new TableRenderOptions
            {
                LatexWidth = parse.GetValue(width) ? LatexWidth.ShrinkToTextWidth : LatexWidth.Natural,
                CsvByteOrderMark = parse.GetValue(bom),
            });
            if (parse.GetValue(outFile) is { } o)
            {
                OutputFiles.Write(output, o, p => File.WriteAllText(p, text, new UTF8Encoding(false)));
                console.Out.WriteLine($"wrote {o}");
            }
            else console.Out.Write(text);
        }));
        return command;
    }

    private static SignificanceStars Stars(string value)
    {
        if (value.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)) return SignificanceStars.None;
        var parts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var thresholds = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out thresholds[i]) || !(thresholds[i] > 0 && thresholds[i] < 1))
                throw new EconometricsException($"--stars: '{parts[i]}' is not a p-value threshold in (0, 1); expected e.g. 0.1,0.05,0.01 or none.");
        if (thresholds.Length == 0) throw new EconometricsException("--stars: no threshold given; expected e.g. 0.1,0.05,0.01 or none.");
        return SignificanceStars.Of(thresholds);
    }
}

/// <summary>
/// The label file of <c>table --labels</c>: the TOML subset <c>key = "label"</c> (keys bare or quoted, <c>#</c>
/// comments, <c>[section]</c> headers ignored so labels can be grouped).
/// </summary>
internal static class LabelFile
{
    public static Dictionary<string, string> Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, 0, null, $"cannot read the label file: {e.Message}");
        }
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == '[') continue;
            int pos = 0;
            var key = line[0] == '"' ? Quoted(line, ref pos, path, n) : Bare(line, ref pos);
            while (pos < line.Length && line[pos] == ' ') pos++;
            if (key.Length == 0 || pos >= line.Length || line[pos] != '=')
                throw new DataFormatException(path, n + 1, null, $"column {pos + 1}: expected key = \"label\"");
            pos++;
            while (pos < line.Length && line[pos] == ' ') pos++;
            if (pos >= line.Length || line[pos] != '"') throw new DataFormatException(path, n + 1, null, $"column {pos + 1}: expected a quoted label after '='");
            labels[key] = Quoted(line, ref pos, path, n);
        }
        return labels;
    }

    private static string Bare(string line, ref int pos)
    {
        int start = pos;
        while (pos < line.Length && line[pos] != '=' && line[pos] != ' ') pos++;
        return line[start..pos];
    }

    private static string Quoted(string line, ref int pos, string path, int n)
    {
        var sb = new StringBuilder();
        for (pos++; pos < line.Length; pos++)
        {
            char c = line[pos];
            if (c == '"') { pos++; return sb.ToString(); }
            if (c == '\\' && pos + 1 < line.Length) { c = line[++pos]; sb.Append(c switch { 'n' => '\n', 't' => '\t', _ => c }); continue; }
            sb.Append(c);
        }
        throw new DataFormatException(path, n + 1, null, "unterminated quoted string");
    }
}
