using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace DigitalEconomy.Econometrics.Reporting;

/// <summary>Fonts and typography of Word tables (<see cref="WordTables"/>).</summary>
public sealed record WordTableOptions
{
    /// <summary>Font for Latin text and numbers. Default "Times New Roman" (the usual journal face).</summary>
    public string LatinFont { get; init; } = "Times New Roman";

    /// <summary>
    /// Font for Chinese, Japanese and Korean text (Word's East Asian font slot, <c>w:rFonts w:eastAsia</c>). Default
    /// "SimSun" (宋体), the body face of Chinese journals; Word substitutes an installed CJK face when it is missing.
    /// </summary>
    public string EastAsianFont { get; init; } = "SimSun";

    /// <summary>East Asian language tag of the text (<c>w:lang w:eastAsia</c>). Default "zh-CN".</summary>
    public string EastAsianLanguage { get; init; } = "zh-CN";

    /// <summary>Font size of the table body in points (notes are 1.5 pt smaller). Default 10.5 (五号).</summary>
    public double FontSize { get; init; } = 10.5;

    /// <summary>
    /// Prints the sign of a negative number as the minus sign U+2212 (as the LaTeX renderer sets it in math mode),
    /// not the shorter hyphen of the plain-text formats. Default true.
    /// </summary>
    public bool TypographicMinus { get; init; } = true;

    /// <summary>The defaults.</summary>
    public static WordTableOptions Default { get; } = new();
}

/// <summary>One table of a Word document, under an optional heading (e.g. the section of a study it belongs to).</summary>
/// <param name="Heading">Heading 1 paragraph above the table, or null for none.</param>
/// <param name="Table">The table.</param>
public sealed record WordSection(string? Heading, Table Table);

/// <summary>
/// Word (.docx, Office Open XML, ECMA-376) rendering of <see cref="Table"/>: the caption above, a three-line
/// (booktabs) table — a heavy rule at the top and bottom, a light rule below the column headers and before each
/// block the table model separates — the stub column left-aligned and the data columns right-aligned, significance
/// stars raised as superscripts, and the notes below in a smaller size. Cells hold exactly the text the other
/// formats print (with a typographic minus, <see cref="WordTableOptions.TypographicMinus"/>). Every run names the
/// Latin and the East Asian font and carries Word's East Asian hint when it has CJK characters, so Chinese labels
/// (观测值, 城市固定效应) are set in a Chinese face. Several tables go into one document, one per section.
/// </summary>
/// <example>
/// <code>
/// File.WriteAllBytes("table1.docx", RegressionTable.Create([m1, m2]).Build().ToDocx());
/// </code>
/// </example>
public static class WordTables
{
    private const string HeadingStyle = "Heading1";
    private const string CaptionStyle = "Caption";
    private const string NoteStyle = "TableNote";

    // Rule widths in eighths of a point: booktabs' \toprule/\bottomrule are heavier than \midrule.
    private const uint HeavyRule = 12;
    private const uint LightRule = 6;

    /// <summary>A Word document holding this one table.</summary>
    /// <param name="table">The table.</param>
    /// <param name="options">Fonts and typography; defaults when null.</param>
    public static byte[] ToDocx(this Table table, WordTableOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Document([new WordSection(null, table)], options);
    }

    /// <summary>A Word document holding these tables in order, each under its heading.</summary>
    /// <param name="sections">The tables.</param>
    /// <param name="options">Fonts and typography; defaults when null.</param>
    public static byte[] Document(IReadOnlyList<WordSection> sections, WordTableOptions? options = null)
    {
        using var stream = new MemoryStream();
        Write(stream, sections, options);
        return stream.ToArray();
    }

    /// <summary>Writes a Word document holding these tables in order to <paramref name="stream"/>.</summary>
    /// <param name="stream">A writable, seekable stream (a file or a <see cref="MemoryStream"/>).</param>
    /// <param name="sections">The tables.</param>
    /// <param name="options">Fonts and typography; defaults when null.</param>
    public static void Write(Stream stream, IReadOnlyList<WordSection> sections, WordTableOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sections);
        options ??= WordTableOptions.Default;
        if (!(options.FontSize >= 4 && options.FontSize <= 72))
            throw new ArgumentOutOfRangeException(nameof(options), $"Word table font size {options.FontSize.ToString(CultureInfo.InvariantCulture)} pt is not in [4, 72].");
        var writer = new Writer(options);
        using var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document, autoSave: true);
        var main = package.AddMainDocumentPart();
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = writer.Styles();
        var body = new W.Body();
        bool? landscape = null;
        foreach (var section in sections)
        {
            ArgumentNullException.ThrowIfNull(section);
            // A table wider than the portrait text block gets landscape pages. A Word section ends with the paragraph
            // that carries its properties, so a change of orientation closes the pages before it.
            bool wide = writer.TableWidth(section.Table) > PortraitTextWidth;
            if (landscape is { } current && current != wide)
                body.Append(new W.Paragraph(new W.ParagraphProperties(Page(current))));
            landscape = wide;
            writer.AppendSection(body, section);
        }
        body.Append(Page(landscape ?? false));
        main.Document = new W.Document(body);
    }

    // A4 (twentieths of a point) with 2.54 cm margins.
    private const int A4Short = 11906, A4Long = 16838, Margin = 1440;
    private const int PortraitTextWidth = A4Short - 2 * Margin;

    private static W.SectionProperties Page(bool landscape) => new(
        landscape
            ? new W.PageSize { Width = (uint)A4Long, Height = (uint)A4Short, Orient = W.PageOrientationValues.Landscape }
            : new W.PageSize { Width = (uint)A4Short, Height = (uint)A4Long },
        new W.PageMargin { Top = Margin, Right = (uint)Margin, Bottom = Margin, Left = (uint)Margin, Header = 720U, Footer = 720U, Gutter = 0U });

    private sealed class Writer(WordTableOptions options)
    {
        private int HalfPoints(double points) => (int)Math.Round(points * 2);

        public W.Styles Styles()
        {
            string body = HalfPoints(options.FontSize).ToString(CultureInfo.InvariantCulture);
            string note = HalfPoints(Math.Max(4, options.FontSize - 1.5)).ToString(CultureInfo.InvariantCulture);
            string heading = HalfPoints(options.FontSize + 3.5).ToString(CultureInfo.InvariantCulture);
            return new W.Styles(
                new W.DocDefaults(
                    new W.RunPropertiesDefault(new W.RunPropertiesBaseStyle(
                        Fonts(hint: false),
                        new W.FontSize { Val = body },
                        new W.FontSizeComplexScript { Val = body },
                        new W.Languages { Val = "en-US", EastAsia = options.EastAsianLanguage })),
                    new W.ParagraphPropertiesDefault(new W.ParagraphPropertiesBaseStyle(
                        new W.SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = W.LineSpacingRuleValues.Auto }))),
                new W.Style(new W.StyleName { Val = "Normal" }, new W.PrimaryStyle())
                { Type = W.StyleValues.Paragraph, StyleId = "Normal", Default = true },
                new W.Style(
                    new W.StyleName { Val = "heading 1" }, new W.BasedOn { Val = "Normal" }, new W.NextParagraphStyle { Val = "Normal" },
                    new W.PrimaryStyle(),
                    new W.StyleParagraphProperties(new W.KeepNext(), new W.SpacingBetweenLines { Before = "360", After = "120" }, new W.OutlineLevel { Val = 0 }),
                    new W.StyleRunProperties(new W.Bold(), new W.FontSize { Val = heading }, new W.FontSizeComplexScript { Val = heading }))
                { Type = W.StyleValues.Paragraph, StyleId = HeadingStyle },
                new W.Style(
                    new W.StyleName { Val = "caption" }, new W.BasedOn { Val = "Normal" }, new W.NextParagraphStyle { Val = "Normal" },
                    new W.PrimaryStyle(),
                    new W.StyleParagraphProperties(new W.KeepNext(), new W.SpacingBetweenLines { Before = "120", After = "80" }, new W.Justification { Val = W.JustificationValues.Center }),
                    new W.StyleRunProperties(new W.Bold()))
                { Type = W.StyleValues.Paragraph, StyleId = CaptionStyle },
                new W.Style(
                    new W.StyleName { Val = "Table Note" }, new W.BasedOn { Val = "Normal" },
                    new W.StyleParagraphProperties(new W.SpacingBetweenLines { Before = "40" }),
                    new W.StyleRunProperties(new W.FontSize { Val = note }, new W.FontSizeComplexScript { Val = note }))
                { Type = W.StyleValues.Paragraph, StyleId = NoteStyle });
        }

        public void AppendSection(W.Body body, WordSection section)
        {
            var t = section.Table;
            if (section.Heading is { Length: > 0 } h) body.Append(Paragraph(h, HeadingStyle));
            if (t.Title.Length > 0) body.Append(Paragraph(t.Title, CaptionStyle));
            body.Append(Grid(t));
            foreach (var n in t.Notes) body.Append(Paragraph(n, NoteStyle));
            // Word needs a paragraph after a table; it also keeps consecutive tables from merging.
            body.Append(new W.Paragraph());
        }

        private W.Table Grid(Table t)
        {
            int columns = t.Headers.Count;
            var widths = ColumnWidths(t);
            var table = new W.Table(
                new W.TableProperties(
                    new W.TableWidth { Width = "0", Type = W.TableWidthUnitValues.Auto },
                    new W.TableJustification { Val = W.TableRowAlignmentValues.Center },
                    new W.TableBorders(
                        new W.TopBorder { Val = W.BorderValues.Single, Size = HeavyRule, Space = 0U, Color = "000000" },
                        new W.BottomBorder { Val = W.BorderValues.Single, Size = HeavyRule, Space = 0U, Color = "000000" }),
                    new W.TableLayout { Type = W.TableLayoutValues.Autofit }),
                new W.TableGrid(widths.Select(w => new W.GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));

            var header = new W.TableRow(new W.TableRowProperties(new W.TableHeader()));
            for (int j = 0; j < columns; j++)
                header.Append(Cell(t.Headers[j], widths[j], j == 0 ? W.JustificationValues.Left : W.JustificationValues.Center,
                    rule: RuleBelow, stars: false, wrap: true));
            table.Append(header);
            foreach (var row in t.Rows)
            {
                var tr = new W.TableRow();
                string? rule = row.RuleBefore ? RuleAbove : null;
                tr.Append(Cell(row.Label, widths[0], W.JustificationValues.Left, rule, stars: false, wrap: true));
                for (int j = 1; j < columns; j++)
                    tr.Append(Cell(j - 1 < row.Cells.Count ? row.Cells[j - 1] : "", widths[j], W.JustificationValues.Right, rule, stars: true, wrap: false));
                table.Append(tr);
            }
            return table;
        }

        private const string RuleBelow = "below";
        private const string RuleAbove = "above";

        /// <summary>Estimated width of the table in twentieths of a point.</summary>
        public int TableWidth(Table t) => ColumnWidths(t).Sum();

        /// <summary>Column widths in twentieths of a point from the widest text (CJK characters count twice), plus cell margins.</summary>
        private int[] ColumnWidths(Table t)
        {
            int columns = t.Headers.Count;
            var chars = new int[columns];
            for (int j = 0; j < columns; j++) chars[j] = DisplayWidth.Of(t.Headers[j]);
            foreach (var row in t.Rows)
            {
                chars[0] = Math.Max(chars[0], DisplayWidth.Of(row.Label));
                for (int j = 1; j < columns && j - 1 < row.Cells.Count; j++) chars[j] = Math.Max(chars[j], DisplayWidth.Of(row.Cells[j - 1]));
            }
            // A narrow character is about half an em wide; Word refits an autofit table to its contents anyway.
            double perChar = options.FontSize * 0.55 * 20;
            return chars.Select(c => (int)Math.Ceiling(Math.Max(c, 2) * perChar) + 2 * 108).ToArray();
        }

        /// <summary>One cell; numbers never wrap, while headers and row labels may when a table is wider than the page.</summary>
        private W.TableCell Cell(string text, int width, W.JustificationValues alignment, string? rule, bool stars, bool wrap)
        {
            var properties = new W.TableCellProperties(new W.TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = W.TableWidthUnitValues.Dxa });
            if (rule == RuleBelow)
                properties.Append(new W.TableCellBorders(new W.BottomBorder { Val = W.BorderValues.Single, Size = LightRule, Space = 0U, Color = "000000" }));
            else if (rule == RuleAbove)
                properties.Append(new W.TableCellBorders(new W.TopBorder { Val = W.BorderValues.Single, Size = LightRule, Space = 0U, Color = "000000" }));
            if (!wrap) properties.Append(new W.NoWrap());
            var paragraph = new W.Paragraph(new W.ParagraphProperties(new W.Justification { Val = alignment }));
            AppendRuns(paragraph, Typeset(text), stars);
            return new W.TableCell(properties, paragraph);
        }

        private W.Paragraph Paragraph(string text, string style)
        {
            var paragraph = new W.Paragraph(new W.ParagraphProperties(new W.ParagraphStyleId { Val = style }));
            AppendRuns(paragraph, Typeset(text), stars: false);
            return paragraph;
        }

        /// <summary>The cell's text as runs; trailing significance stars (1–3, after other text) as a superscript run, as in the LaTeX tables.</summary>
        private void AppendRuns(W.Paragraph paragraph, string text, bool stars)
        {
            if (text.Length == 0) return;
            int n = 0;
            while (stars && n < text.Length && n < 4 && text[text.Length - 1 - n] == '*') n++;
            if (n is > 0 and <= 3 && n < text.Length)
            {
                paragraph.Append(Run(text[..^n], superscript: false));
                paragraph.Append(Run(text[^n..], superscript: true));
            }
            else paragraph.Append(Run(text, superscript: false));
        }

        private W.Run Run(string text, bool superscript)
        {
            var properties = new W.RunProperties(Fonts(hint: DisplayWidth.HasWide(text)));
            if (superscript) properties.Append(new W.VerticalTextAlignment { Val = W.VerticalPositionValues.Superscript });
            return new W.Run(properties, new W.Text(text) { Space = SpaceProcessingModeValues.Preserve });
        }

        private W.RunFonts Fonts(bool hint)
        {
            var fonts = new W.RunFonts { Ascii = options.LatinFont, HighAnsi = options.LatinFont, EastAsia = options.EastAsianFont, ComplexScript = options.LatinFont };
            if (hint) fonts.Hint = W.FontTypeHintValues.EastAsia;
            return fonts;
        }

        /// <summary>Characters XML cannot carry dropped; a number's hyphen as U+2212 when asked.</summary>
        private string Typeset(string s)
        {
            var sb = new StringBuilder(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && XmlConvert.IsXmlSurrogatePair(s[i + 1], c))
                {
                    sb.Append(c).Append(s[++i]);
                    continue;
                }
                if (c is '\r' or '\n' or '\t') { sb.Append(' '); continue; }
                if (!XmlConvert.IsXmlChar(c)) continue;
                sb.Append(c == '-' && options.TypographicMinus && LatexText.IsNumberMinus(s, i) ? '\u2212' : c);
            }
            return sb.ToString();
        }
    }
}
