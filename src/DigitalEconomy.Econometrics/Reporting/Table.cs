namespace DigitalEconomy.Econometrics.Reporting;

/// <summary>Output formats every table renders to.</summary>
public enum TableFormat
{
    /// <summary>Aligned plain text for a terminal.</summary>
    Text,
    /// <summary>GitHub-flavoured Markdown pipe table.</summary>
    Markdown,
    /// <summary>LaTeX <c>booktabs</c> tabular inside a table environment.</summary>
    Latex,
    /// <summary>Comma-separated values (RFC 4180 quoting; cells a spreadsheet would run as formulas escaped).</summary>
    Csv,
    /// <summary>An HTML <c>&lt;table&gt;</c> with caption, header, body rules and notes in the footer (text escaped).</summary>
    Html,
}

/// <summary>Format-specific rendering choices.</summary>
public sealed record TableRenderOptions
{
    /// <summary>Natural width (the default) or shrunk to the text width when wider.</summary>
    public LatexWidth LatexWidth { get; init; } = LatexWidth.Natural;

    /// <summary>
    /// Starts CSV with a byte-order mark (U+FEFF) so Excel opens UTF-8 with Chinese text correctly; the text is
    /// otherwise unchanged (write it as UTF-8). Off by default.
    /// </summary>
    public bool CsvByteOrderMark { get; init; }

    /// <summary>The defaults.</summary>
    public static TableRenderOptions Default { get; } = new();
}

/// <summary>One row of a <see cref="Table"/>: a stub label and one cell per data column.</summary>
/// <param name="Label">Row label (first column), e.g. a variable name or "Observations".</param>
/// <param name="Cells">Formatted cells, one per data column.</param>
/// <param name="RuleBefore">Draw a horizontal rule above this row (separates blocks such as coefficients and statistics).</param>
public sealed record TableRow(string Label, IReadOnlyList<string> Cells, bool RuleBefore = false);

/// <summary>
/// A publication table independent of its format (the esttab idea): a title, column headers, rows and
/// notes. Build one with <see cref="TableBuilder"/> and render with <see cref="Render(TableFormat)"/>.
/// </summary>
/// <param name="Title">Caption.</param>
/// <param name="Headers">Column headers including the stub header (first).</param>
/// <param name="Rows">Body rows.</param>
/// <param name="Notes">Notes printed under the table (significance legend, SE type, sample).</param>
public sealed record Table(string Title, IReadOnlyList<string> Headers, IReadOnlyList<TableRow> Rows, IReadOnlyList<string> Notes)
{
    /// <summary>Renders the table in the given format with default options.</summary>
    public string Render(TableFormat format) => Render(format, TableRenderOptions.Default);

    /// <summary>Renders the table in the given format.</summary>
    public string Render(TableFormat format, TableRenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return format switch
        {
            TableFormat.Text => TableRenderer.Text(this),
            TableFormat.Markdown => TableRenderer.Markdown(this),
            TableFormat.Latex => TableRenderer.Latex(this, options.LatexWidth),
            TableFormat.Csv => (options.CsvByteOrderMark ? "\uFEFF" : "") + TableRenderer.Csv(this),
            TableFormat.Html => TableRenderer.Html(this),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    /// <summary>Plain-text rendering.</summary>
    public override string ToString() => Render(TableFormat.Text);
}

/// <summary>Fluent builder for <see cref="Table"/>.</summary>
public sealed class TableBuilder
{
    private readonly string _title;
    private readonly List<string> _headers = [];
    private readonly List<TableRow> _rows = [];
    private readonly List<string> _notes = [];
    private bool _ruleNext;

    /// <summary>Starts a table with a caption.</summary>
    public TableBuilder(string title) => _title = title;

    /// <summary>Sets the column headers (stub header first).</summary>
    public TableBuilder Columns(params string[] headers)
    {
        _headers.Clear();
        _headers.AddRange(headers);
        return this;
    }

    /// <summary>Adds a row; it must have one cell per data column.</summary>
    public TableBuilder Row(string label, params string[] cells)
    {
        if (_headers.Count > 0 && cells.Length != _headers.Count - 1)
            throw new ArgumentException($"Row '{label}' has {cells.Length} cells; the table has {_headers.Count - 1} data columns.", nameof(cells));
        _rows.Add(new TableRow(label, cells, _ruleNext));
        _ruleNext = false;
        return this;
    }

    /// <summary>Draws a horizontal rule before the next row.</summary>
    public TableBuilder Rule()
    {
        _ruleNext = true;
        return this;
    }

    /// <summary>Adds a note line under the table.</summary>
    public TableBuilder Note(string note)
    {
        _notes.Add(note);
        return this;
    }

    /// <summary>The finished, immutable table.</summary>
    public Table Build() => new(_title, _headers.ToArray(), _rows.ToArray(), _notes.ToArray());
}
