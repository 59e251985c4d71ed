using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Plotting;
using DigitalEconomy.Econometrics.Reporting;

namespace DigitalEconomy.Cli.Replication;

/// <summary>One section of report.md: a heading, the table (Markdown) and a sentence read off the numbers.</summary>
internal sealed record ReportSection(string Heading, string Interpretation, string? TableMarkdown, IReadOnlyList<string> Figures)
{
    /// <summary>The section's table (also written to tables.docx), or null.</summary>
    public Table? Table { get; init; }
}

/// <summary>
/// State shared by the steps of one replication: the panel, the output directory, the files written and the
/// report sections, in study order.
/// </summary>
internal sealed class ReplicationContext(CliConsole console, CommonSettings settings, ReplicationOptions options, PanelData panel, string outDirectory)
{
    private readonly List<string> _files = [];
    private readonly List<string> _figures = [];
    private readonly List<ReportSection> _sections = [];

    public CliConsole Console { get; } = console;
    public CommonSettings Settings { get; } = settings;
    public ReplicationOptions Options { get; } = options;

    /// <summary>The panel as read, plus the columns the steps derive (index, gap variants, lags).</summary>
    public PanelData Panel { get; set; } = panel;

    public string OutDirectory { get; } = outDirectory;

    /// <summary>What was built or assumed about the data (e.g. the gap computed from GDP per capita), for the report.</summary>
    public IReadOnlyList<string> DataNotes { get; init; } = [];
    public IReadOnlyList<string> Files => _files;

    /// <summary>The figure files written, in order (a subset of <see cref="Files"/>).</summary>
    public IReadOnlyList<string> FigureFiles => _figures;
    public IReadOnlyList<ReportSection> Sections => _sections;

    /// <summary>Numbers the JSON summary reports (filled by the steps).</summary>
    public ReplicationSummary Summary { get; } = new();

    /// <summary>The study's LaTeX tables shrink to the text width when wider (the document loads booktabs and graphicx).</summary>
    private static readonly TableRenderOptions TexOptions = new() { LatexWidth = LatexWidth.ShrinkToTextWidth };

    /// <summary>Writes <paramref name="table"/> as slug.md, slug.tex and slug.csv and returns its Markdown.</summary>
    public string WriteTable(string slug, Table table)
    {
        foreach (var (ext, format) in new[] { (".md", TableFormat.Markdown), (".tex", TableFormat.Latex), (".csv", TableFormat.Csv) })
        {
            var path = Path.Combine(OutDirectory, slug + ext);
            Register(path);
            OutputFiles.WriteText(Settings, path, table.Render(format, TexOptions));
        }
        return table.Render(TableFormat.Markdown);
    }

    /// <summary>
    /// Draws one figure into the output directory in the run's format and resolution (<c>--figure-format</c>,
    /// <c>--dpi</c>): <paramref name="fileName"/> takes the format's extension and <paramref name="options"/> (the figure's
    /// own title, size and labels) the format and DPI. Returns the file name written.
    /// </summary>
    public string Figure(string fileName, FigureOptions? options, Action<string, FigureOptions> draw)
    {
        var name = Options.Figures.FileName(fileName);
        var path = Path.Combine(OutDirectory, name);
        draw(path, Options.Figures.Apply(options));
        Register(path);
        _figures.Add(path);
        return name;
    }

    // Chapters name their own files; two using one name would silently overwrite each other's output.
    private void Register(string path)
    {
        if (_files.Contains(path))
            throw new InvalidOperationException($"Two steps of the study write {Path.GetFileName(path)}; give each table and figure its own number.");
        _files.Add(path);
    }

    /// <summary>Adds a section to report.md, writing its table files.</summary>
    public void Section(string heading, string slug, Table table, string interpretation, params string[] figures) =>
        _sections.Add(new ReportSection(heading, interpretation, WriteTable(slug, table), figures) { Table = table });

    /// <summary>Adds a section without a table (e.g. a figure only, or a step that could not run).</summary>
    public void Section(string heading, string interpretation, params string[] figures) =>
        _sections.Add(new ReportSection(heading, interpretation, null, figures));

    /// <summary>Registers a file written outside <see cref="WriteTable"/> (report.md, JSON).</summary>
    public void AddFile(string path) => _files.Add(path);
}
