using System.Text;
using System.Text.RegularExpressions;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Tests.Regression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using FluentAssertions;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace DigitalEconomy.Econometrics.Tests.Reporting;

/// <summary>
/// Word tables: the package is valid Office Open XML (the SDK's schema validator reports nothing), its cells hold the
/// same text as the Markdown rendering of the same table, Chinese labels survive with East Asian font hints, stars
/// follow the chosen thresholds, and the three-line borders sit where booktabs puts its rules.
/// </summary>
public sealed class WordTableTests
{
    private static readonly PanelRegressionResult Fe = PanelRegression.Fit(UnbalancedPanelTests.RandomPanel(21, 25, 8, 0.1),
        PanelRegressionOptions.FromFormula("y ~ x1 + x2 + x3 | id + t") with { Vcov = Vcov.Cluster("id") });

    private static readonly PanelRegressionResult Pooled = PanelRegression.Fit(UnbalancedPanelTests.RandomPanel(21, 25, 8, 0.1),
        PanelRegressionOptions.FromFormula("y ~ x1 + x2"));

    private static readonly Dictionary<string, string> Chinese = new()
    {
        ["x1"] = "数字经济", ["n"] = "观测值", ["fe:id"] = "城市固定效应", ["Yes"] = "是", ["No"] = "否",
    };

    private static Table Sample(SignificanceStars? stars = null) =>
        RegressionTable.Create([Fe, Pooled], "数字经济与发展差距").Labels(Chinese).Stars(stars ?? SignificanceStars.Default)
            .AddRow("Placebo shift", "-1.250", "(-0.300)").Build();

    private static WordprocessingDocument Open(byte[] docx) => WordprocessingDocument.Open(new MemoryStream(docx), false);

    internal static void ShouldBeValid(byte[] docx)
    {
        using var doc = Open(docx);
        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToArray();
        errors.Should().BeEmpty("the package must open in Word without repair");
    }

    /// <summary>Cells of the Markdown pipe table: header first, then one array per body row (escapes undone).</summary>
    internal static List<string[]> MarkdownCells(string markdown)
    {
        var rows = new List<string[]>();
        foreach (var line in markdown.Split('\n'))
        {
            if (!line.StartsWith("| ", StringComparison.Ordinal)) continue;
            var cells = new List<string>();
            var cell = new StringBuilder();
            for (int i = 1; i < line.TrimEnd().Length - 1; i++)
            {
                if (line[i] == '\\' && i + 1 < line.Length) { cell.Append(line[++i]); continue; }
                if (line[i] == '|') { cells.Add(cell.ToString().Trim()); cell.Clear(); continue; }
                cell.Append(line[i]);
            }
            cells.Add(cell.ToString().Trim());
            rows.Add(cells.ToArray());
        }
        return rows;
    }

    internal static List<string[]> WordCells(byte[] docx, int table = 0)
    {
        using var doc = Open(docx);
        return doc.MainDocumentPart!.Document.Body!.Elements<W.Table>().ElementAt(table).Elements<W.TableRow>()
            .Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToArray()).ToList();
    }

    // The minus rule of the LaTeX tables, written out independently: a hyphen before a digit (or ".digit") that does
    // not follow a letter or digit is a sign.
    internal static string TypographicMinus(string s) => Regex.Replace(s, @"(?<![A-Za-z0-9])-(?=\.?[0-9])", "\u2212");

    [Fact]
    public void The_package_is_valid_office_open_xml()
    {
        // Guard against a validator that reports nothing: a table row without its grid and cell is schema-invalid.
        new OpenXmlValidator().Validate(new W.Table(new W.TableRow())).Should().NotBeEmpty();
        ShouldBeValid(Sample().ToDocx());
        ShouldBeValid(WordTables.Document([new WordSection("Baseline", Sample()), new WordSection("基准回归", Fe.ToTable())]));
    }

    [Fact]
    public void Cells_equal_the_markdown_cells_with_a_typographic_minus()
    {
        var table = Sample();
        var markdown = MarkdownCells(table.Render(TableFormat.Markdown));
        markdown.Should().HaveCount(table.Rows.Count + 1, "the parser sees the header and every body row");

        var plain = WordCells(table.ToDocx(new WordTableOptions { TypographicMinus = false }));
        plain.Should().BeEquivalentTo(markdown, o => o.WithStrictOrdering());

        var typeset = WordCells(table.ToDocx());
        typeset.Should().BeEquivalentTo(markdown.Select(r => r.Select(TypographicMinus).ToArray()), o => o.WithStrictOrdering());
        typeset.SelectMany(r => r).Should().Contain("\u22121.250").And.Contain("(\u22120.300)");
    }

    [Fact]
    public void Chinese_labels_survive_with_east_asian_font_hints()
    {
        var docx = Sample().ToDocx(new WordTableOptions { EastAsianFont = "SimSun" });
        using var doc = Open(docx);
        var body = doc.MainDocumentPart!.Document.Body!;
        var runs = body.Descendants<W.Run>().ToArray();
        foreach (var label in new[] { "数字经济与发展差距", "数字经济", "观测值", "城市固定效应", "是", "否" })
        {
            var run = runs.FirstOrDefault(r => r.InnerText == label);
            run.Should().NotBeNull($"'{label}' is printed as written");
            var fonts = run!.RunProperties!.RunFonts!;
            fonts.EastAsia!.Value.Should().Be("SimSun");
            fonts.Hint!.Value.Should().Be(W.FontTypeHintValues.EastAsia);
        }
        runs.First(r => r.InnerText == "Placebo shift").RunProperties!.RunFonts!.Hint.Should().BeNull("Latin text needs no East Asian hint");
        var defaults = doc.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        defaults.GetFirstChild<W.RunFonts>()!.EastAsia!.Value.Should().Be("SimSun");
        defaults.GetFirstChild<W.Languages>()!.EastAsia!.Value.Should().Be("zh-CN");
    }

    [Fact]
    public void Stars_follow_the_chosen_thresholds_as_superscripts()
    {
        var stars = SignificanceStars.Of(0.9, 0.5, 0.2);
        static string Expected(double p) => p < 0.2 ? "***" : p < 0.5 ? "**" : p < 0.9 ? "*" : "";
        var table = RegressionTable.Create([Fe]).Keep("x1", "x2", "x3").Stars(stars).Build();
        using var doc = Open(table.ToDocx());
        var rows = doc.MainDocumentPart!.Document.Body!.Descendants<W.TableRow>().ToArray();
        int starred = 0;
        foreach (var name in new[] { "x1", "x2", "x3" })
        {
            var cell = rows.Single(r => r.Elements<W.TableCell>().First().InnerText == name).Elements<W.TableCell>().ElementAt(1);
            var expected = Expected(Fe[name].PValue);
            var superscript = cell.Descendants<W.Run>()
                .Where(r => r.RunProperties?.VerticalTextAlignment?.Val?.Value == W.VerticalPositionValues.Superscript)
                .Select(r => r.InnerText).ToArray();
            if (expected.Length == 0) superscript.Should().BeEmpty(name);
            else superscript.Should().Equal([expected], name);
            cell.InnerText.Should().EndWith(expected);
            if (expected.Length > 0) starred++;
        }
        starred.Should().BeGreaterThan(0, "a 0.9 threshold stars at least one of three coefficients here, so the check is not vacuous");
        doc.MainDocumentPart.Document.Body.Descendants<W.Paragraph>().Select(p => p.InnerText)
            .Should().Contain(n => n.Contains("* p < 0.9, ** p < 0.5, *** p < 0.2"));
    }

    private static W.TableCellBorders? Borders(W.TableCell c) => c.TableCellProperties!.TableCellBorders;

    private static W.JustificationValues Align(W.TableCell c) => c.Descendants<W.Justification>().Single().Val!.Value;

    [Fact]
    public void Three_line_rules_and_alignment_follow_booktabs()
    {
        var table = Sample();
        using var doc = Open(table.ToDocx());
        var grid = doc.MainDocumentPart!.Document.Body!.Elements<W.Table>().Single();
        var borders = grid.GetFirstChild<W.TableProperties>()!.GetFirstChild<W.TableBorders>()!;
        borders.TopBorder!.Size!.Value.Should().Be(12U);
        borders.BottomBorder!.Size!.Value.Should().Be(12U);
        borders.InsideHorizontalBorder.Should().BeNull();
        borders.InsideVerticalBorder.Should().BeNull();

        var rows = grid.Elements<W.TableRow>().ToArray();
        rows[0].Elements<W.TableCell>().Should().OnlyContain(c => Borders(c)!.BottomBorder!.Size!.Value == 6U, "a light rule below the header");
        for (int i = 0; i < table.Rows.Count; i++)
        {
            var cells = rows[i + 1].Elements<W.TableCell>().ToArray();
            if (table.Rows[i].RuleBefore) cells.Should().OnlyContain(c => Borders(c)!.TopBorder!.Size!.Value == 6U, $"row {i} starts a block");
            else cells.Should().OnlyContain(c => Borders(c) == null, $"row {i} has no rule");
            Align(cells[0]).Should().Be(W.JustificationValues.Left);
            cells.Skip(1).Should().OnlyContain(c => Align(c) == W.JustificationValues.Right);
        }
        table.Rows.Count(r => r.RuleBefore).Should().BeGreaterThan(0, "the sample has a statistics block");
    }

    [Fact]
    public void A_table_wider_than_the_portrait_page_gets_landscape_pages_of_its_own()
    {
        var narrow = RegressionTable.Create([Pooled], "Narrow").Build();
        var wide = RegressionTable.Create(Enumerable.Repeat<Results.IEstimationResult>(Fe, 12).ToArray(), "Twelve models")
            .Statistic(CellStatistic.ConfidenceInterval).Build();
        var docx = WordTables.Document([new WordSection("A", narrow), new WordSection("B", wide), new WordSection("C", narrow)]);
        ShouldBeValid(docx);
        using var doc = Open(docx);
        var body = doc.MainDocumentPart!.Document.Body!;
        // Sections end with the paragraph holding their properties, the last with the body's own.
        var pages = body.Descendants<W.SectionProperties>().Select(p => p.GetFirstChild<W.PageSize>()!).ToArray();
        pages.Select(p => p.Orient?.Value == W.PageOrientationValues.Landscape).Should().Equal(false, true, false);
        pages[1].Width!.Value.Should().Be(16838U, "A4 landscape is 297 mm wide");
        var order = body.ChildElements.Select(e => e is W.Table ? "table" : e is W.SectionProperties || e.Descendants<W.SectionProperties>().Any() ? "break" : null).OfType<string>();
        order.Should().Equal("table", "break", "table", "break", "table", "break");
        WordCells(docx, 1).Should().HaveCount(wide.Rows.Count + 1);
    }

    [Fact]
    public void Several_tables_go_into_one_document_in_order_under_their_headings()
    {
        var a = Sample();
        var b = RegressionTable.Create([Pooled], "Pooled").Build();
        using var doc = Open(WordTables.Document([new WordSection("Baseline regression", a), new WordSection("Robustness", b)]));
        var body = doc.MainDocumentPart!.Document.Body!;
        body.Elements<W.Table>().Should().HaveCount(2);
        var headings = body.Elements<W.Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText);
        headings.Should().Equal("Baseline regression", "Robustness");
        var order = body.ChildElements.Select(e => e is W.Table ? "[table]" : e.InnerText).Where(s => s.Length > 0).ToList();
        order.IndexOf("Robustness").Should().BeGreaterThan(order.IndexOf("[table]"), "the second heading follows the first table");
        body.Elements<W.Paragraph>().Select(p => p.InnerText).Should().Contain(a.Notes).And.Contain(b.Notes);
    }
}
