using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Reporting;

/// <summary>Every .tex table a replication wrote, compiled as written by pdflatex (one document, then one per table on failure).</summary>
public static class ReplicatedLatex
{
    /// <summary>Compiles all tables of <paramref name="directory"/>; fails naming each table that stops pdflatex and its first error.</summary>
    public static void AssertAllCompile(string directory)
    {
        var tables = Directory.GetFiles(directory, "*.tex").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray();
        tables.Should().NotBeEmpty("replicate writes LaTeX tables");
        var all = Path.Combine(directory, "all_tables_document.tex");
        File.WriteAllText(all, PdfLatex.Document(tables!));
        var (code, log) = PdfLatex.Compile(all);
        if (code == 0)
        {
            // Tables shrink to the text width when wider, so no table may overflow the page.
            log.Split('\n').Where(l => l.StartsWith("Overfull \\hbox", StringComparison.Ordinal))
                .Should().BeEmpty("every table fits the text width");
            return;
        }
        var failures = new List<string>();
        foreach (var table in tables)
        {
            var single = Path.Combine(directory, "single_" + table + ".tex");
            File.WriteAllText(single, PdfLatex.Document([table!]));
            var (c, l) = PdfLatex.Compile(single);
            if (c != 0) failures.Add(table + ".tex: " + PdfLatex.FirstError(l));
        }
        failures.Should().BeEmpty("every table replicate writes compiles under pdflatex as written (whole-document error: " + PdfLatex.FirstError(log) + ")");
    }
}
