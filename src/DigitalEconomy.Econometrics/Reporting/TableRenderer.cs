using System.Text;

namespace DigitalEconomy.Econometrics.Reporting;

/// <summary>Format-specific rendering of <see cref="Table"/>; one place for escaping and alignment rules.</summary>
internal static class TableRenderer
{
    public static string Text(Table t)
    {
        int cols = t.Headers.Count;
        var widths = new int[cols];
        for (int j = 0; j < cols; j++) widths[j] = t.Headers[j].Length;
        foreach (var row in t.Rows)
        {
            widths[0] = Math.Max(widths[0], row.Label.Length);
            for (int j = 0; j < row.Cells.Count && j + 1 < cols; j++) widths[j + 1] = Math.Max(widths[j + 1], row.Cells[j].Length);
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
        sb.Append(label.PadRight(widths[0]));
        for (int j = 0; j < cells.Count && j + 1 < widths.Length; j++)
            sb.Append("  ").Append(cells[j].PadLeft(widths[j + 1]));
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

    public static string Latex(Table t)
    {
        var sb = new StringBuilder();
        sb.AppendLine("\\begin{table}[htbp]\\centering");
        sb.Append("\\caption{").Append(EscapeLatex(t.Title)).AppendLine("}");
        sb.Append("\\begin{tabular}{l").Append(new string('c', t.Headers.Count - 1)).AppendLine("}");
        sb.AppendLine("\\toprule");
        sb.Append(string.Join(" & ", t.Headers.Select(EscapeLatex))).AppendLine(" \\\\");
        sb.AppendLine("\\midrule");
        foreach (var row in t.Rows)
        {
            if (row.RuleBefore) sb.AppendLine("\\midrule");
            sb.Append(string.Join(" & ", new[] { row.Label }.Concat(row.Cells).Select(EscapeLatex))).AppendLine(" \\\\");
        }
        sb.AppendLine("\\bottomrule");
        sb.AppendLine("\\end{tabular}");
        if (t.Notes.Count > 0)
        {
            sb.AppendLine("\\par\\smallskip\\footnotesize");
            foreach (var note in t.Notes) sb.Append(EscapeLatex(note)).AppendLine("\\\\");
        }
        sb.AppendLine("\\end{table}");
        return sb.ToString();
    }

    /// <summary>Escapes LaTeX specials; significance stars become superscripts.</summary>
    internal static string EscapeLatex(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '\\' => "\\textbackslash{}",
                '&' => "\\&",
                '%' => "\\%",
                '$' => "\\$",
                '#' => "\\#",
                '_' => "\\_",
                '{' => "\\{",
                '}' => "\\}",
                '~' => "\\textasciitilde{}",
                '^' => "\\textasciicircum{}",
                '×' => "$\\times$",
                '²' => "$^2$",
                _ => c.ToString(),
            });
        }
        var text = sb.ToString();
        int stars = 0;
        while (stars < text.Length && text[text.Length - 1 - stars] == '*') stars++;
        return stars is > 0 and <= 3 && stars < text.Length
            ? text[..^stars] + "$^{" + new string('*', stars) + "}$"
            : text;
    }

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
