using System.Text;

namespace DigitalEconomy.Econometrics.Reporting;

/// <summary>Format-specific rendering of <see cref="Table"/>; one place for escaping and alignment rules.</summary>
internal static class TableRenderer
{
    public static string Text(Table t)
    {
        int cols = t.Headers.Count;
        var widths = new int[cols];
        for (int j = 0; j < cols; j++) widths[j] = DisplayWidth.Of(t.Headers[j]);
        foreach (var row in t.Rows)
        {
            widths[0] = Math.Max(widths[0], DisplayWidth.Of(row.Label));
            for (int j = 0; j < row.Cells.Count && j + 1 < cols; j++) widths[j + 1] = Math.Max(widths[j + 1], DisplayWidth.Of(row.Cells[j]));
        }
        int total = widths.Sum() + 2 * (cols - 1);
        var sb = new StringBuilder();
        sb.AppendLine(t.Title);
        var heavy = new string('=', total);
        var light = new string('-', total);
        sb.AppendLine(heavy);
        AppendTextLine(sb, t.Headers[0], t.Headers.Skip(1).ToArray(), widths);
        sb.AppendLine(light);
        foreach (var row in t.Rows)
        {
            if (row.RuleBefore) sb.AppendLine(light);
            AppendTextLine(sb, row.Label, row.Cells, widths);
        }
        sb.AppendLine(heavy);
        foreach (var note in t.Notes) sb.AppendLine(note);
        return sb.ToString();
    }

    private static void AppendTextLine(StringBuilder sb, string label, IReadOnlyList<string> cells, int[] widths)
    {
        sb.Append(label).Append(' ', widths[0] - DisplayWidth.Of(label));
        for (int j = 0; j < cells.Count && j + 1 < widths.Length; j++)
            sb.Append("  ").Append(' ', widths[j + 1] - DisplayWidth.Of(cells[j])).Append(cells[j]);
        sb.Append('\n');
    }

    public static string Markdown(Table t)
    {
        var sb = new StringBuilder();
        sb.Append("**").Append(EscapeMarkdown(t.Title)).AppendLine("**").AppendLine();
        sb.Append("| ").Append(string.Join(" | ", t.Headers.Select(EscapeMarkdown))).AppendLine(" |");
        sb.Append("|:--").Append(string.Concat(Enumerable.Repeat("|--:", t.Headers.Count - 1))).AppendLine("|");
        foreach (var row in t.Rows)
            sb.Append("| ").Append(string.Join(" | ", new[] { row.Label }.Concat(row.Cells).Select(EscapeMarkdown))).AppendLine(" |");
        if (t.Notes.Count > 0)
        {
            sb.AppendLine();
            foreach (var note in t.Notes) sb.Append("*").Append(EscapeMarkdown(note)).AppendLine("*  ");
        }
        return sb.ToString();
    }

    private static string EscapeMarkdown(string s) => s.Replace("|", "\\|").Replace("*", "\\*");

    public static string Latex(Table t, LatexWidth width = LatexWidth.Natural)
    {
        var sb = new StringBuilder();
        sb.AppendLine("\\begin{table}[htbp]\\centering");
        if (LatexText.NeedsUnicodeEngine(t.Title) || t.Headers.Any(LatexText.NeedsUnicodeEngine) || t.Notes.Any(LatexText.NeedsUnicodeEngine)
            || t.Rows.Any(r => LatexText.NeedsUnicodeEngine(r.Label) || r.Cells.Any(LatexText.NeedsUnicodeEngine)))
            sb.AppendLine(LatexText.UnicodeMacro);
        if (t.Title.Length > 0) sb.Append("\\caption{").Append(LatexText.Escape(t.Title)).AppendLine("}");
        if (width == LatexWidth.ShrinkToTextWidth)
            sb.Append("\\setbox0=\\hbox{");
        sb.Append("\\begin{tabular}{l").Append(new string('c', t.Headers.Count - 1)).AppendLine("}");
        sb.AppendLine("\\toprule");
        sb.Append(string.Join(" & ", t.Headers.Select(LatexText.Escape))).AppendLine(" \\\\");
        sb.AppendLine("\\midrule");
        foreach (var row in t.Rows)
        {
            if (row.RuleBefore) sb.AppendLine("\\midrule");
            sb.Append(string.Join(" & ", new[] { row.Label }.Concat(row.Cells).Select(LatexText.Escape))).AppendLine(" \\\\");
        }
        sb.AppendLine("\\bottomrule");
        sb.Append("\\end{tabular}");
        if (width == LatexWidth.ShrinkToTextWidth)
        {
            // Shrinks only a table wider than the text block; narrower tables keep their natural size.
            sb.AppendLine("}%");
            sb.AppendLine("\\ifdim\\wd0>\\linewidth\\resizebox{\\linewidth}{!}{\\usebox0}\\else\\usebox0\\fi");
        }
        else sb.AppendLine();
        if (t.Notes.Count > 0)
        {
            // Each note ends with \par, never \\: a note starting with "*" after \\ would be read as \\*.
            sb.AppendLine("\\par\\smallskip{\\footnotesize");
            foreach (var note in t.Notes) sb.Append(LatexText.Escape(note)).AppendLine("\\par");
            sb.AppendLine("}");
        }
        sb.AppendLine("\\end{table}");
        return sb.ToString();
    }

    public static string Html(Table t)
    {
        var sb = new StringBuilder();
        sb.AppendLine("<table class=\"regression-table\" style=\"border-collapse:collapse\">");
        if (t.Title.Length > 0) sb.Append("<caption>").Append(EscapeHtml(t.Title)).AppendLine("</caption>");
        sb.Append("<thead><tr style=\"border-top:2px solid;border-bottom:1px solid\">");
        foreach (var h in t.Headers) sb.Append("<th>").Append(EscapeHtml(h)).Append("</th>");
        sb.AppendLine("</tr></thead>");
        sb.AppendLine("<tbody>");
        for (int i = 0; i < t.Rows.Count; i++)
        {
            var row = t.Rows[i];
            var styles = new List<string>();
            if (row.RuleBefore) styles.Add("border-top:1px solid");
            if (i == t.Rows.Count - 1) styles.Add("border-bottom:2px solid");
            sb.Append(styles.Count > 0 ? "<tr style=\"" + string.Join(";", styles) + "\">" : "<tr>");
            sb.Append("<td style=\"text-align:left\">").Append(EscapeHtml(row.Label)).Append("</td>");
            foreach (var c in row.Cells) sb.Append("<td style=\"text-align:center\">").Append(EscapeHtml(c)).Append("</td>");
            sb.AppendLine("</tr>");
        }
        sb.AppendLine("</tbody>");
        if (t.Notes.Count > 0)
        {
            sb.Append("<tfoot><tr><td colspan=\"").Append(t.Headers.Count).Append("\" style=\"text-align:left;font-size:smaller\">");
            sb.Append(string.Join("<br>", t.Notes.Select(EscapeHtml)));
            sb.AppendLine("</td></tr></tfoot>");
        }
        sb.AppendLine("</table>");
        return sb.ToString();
    }

    private static string EscapeHtml(string s) => System.Net.WebUtility.HtmlEncode(s);

    public static string Csv(Table t)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(",", t.Headers.Select(QuoteCsv)));
        foreach (var row in t.Rows)
            sb.AppendLine(string.Join(",", new[] { row.Label }.Concat(row.Cells).Select(QuoteCsv)));
        return sb.ToString();
    }

    // Cells a spreadsheet would run as formulas (=…, +…, @…) are escaped first (Data.CsvCells).
    private static string QuoteCsv(string cell)
    {
        var s = Data.CsvCells.Escape(cell);
        return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }
}
