using System.Text.Json;
using DigitalEconomy.Econometrics.Simulation;
using DigitalEconomy.Cli.Replication;
using FluentAssertions;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>
/// Runs `replicate` once on the bundled panel (small bootstrap counts) for all the tests of the class, with SVG figures
/// (the PNG default is checked chapter by chapter: CoordinationChapterTests, CliFigureOptionsTests).
/// </summary>
public sealed class ReplicationRunFixture : IDisposable
{
    public ReplicationRunFixture()
    {
        Run = CliHarness.Run("replicate", "--out", Directory.PathName, "--bootstrap", "100", "--format", "json", "--figure-format", "svg");
        Summary = Run.ExitCode == 0 ? Run.Json() : default;
    }

    public TempDirectory Directory { get; } = new();
    public CliRun Run { get; }
    public JsonElement Summary { get; }

    public void Dispose() => Directory.Dispose();
}

/// <summary>
/// `replicate` end to end: it writes every table in three formats and a report, and on the bundled synthetic
/// panel it recovers the generator's true parameters within their 95% confidence intervals and every sign the
/// paper reports (data/README.md, <see cref="CityPanelParameters"/>).
/// </summary>
public sealed class CliReplicateTests(ReplicationRunFixture fixture) : IClassFixture<ReplicationRunFixture>
{
    private static readonly CityPanelParameters Truth = new CityPanelOptions().Parameters;
    private JsonElement Summary => fixture.Summary;

    private static void ShouldCover(JsonElement coefficient, double truth, string what)
    {
        coefficient.GetProperty("conf_low").GetDouble().Should().BeLessThanOrEqualTo(truth, what);
        coefficient.GetProperty("conf_high").GetDouble().Should().BeGreaterThanOrEqualTo(truth, what);
    }

    [Fact]
    public void Runs_and_says_where_it_wrote_everything()
    {
        fixture.Run.ExitCode.Should().Be(0, fixture.Run.ToString());
        Summary.GetProperty("out_directory").GetString().Should().Be(Path.GetFullPath(fixture.Directory.PathName));
        Summary.GetProperty("skipped").GetArrayLength().Should().Be(0, "every step of the study runs: " + fixture.Run.Stderr);
    }

    [Fact]
    public void Writes_every_table_as_markdown_latex_and_csv_and_a_report()
    {
        var files = Summary.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToArray();
        var tables = files.Where(f => f.EndsWith(".md", StringComparison.Ordinal) && f != "report.md").Select(Path.GetFileNameWithoutExtension).ToArray();
        tables.Should().HaveCountGreaterThanOrEqualTo(10);
        foreach (var table in tables)
            foreach (var ext in new[] { ".md", ".tex", ".csv" })
            {
                var path = Path.Combine(fixture.Directory.PathName, table + ext);
                File.Exists(path).Should().BeTrue(path);
                new FileInfo(path).Length.Should().BeGreaterThan(0, path);
            }
        var report = File.ReadAllText(Path.Combine(fixture.Directory.PathName, "report.md"));
        foreach (var heading in new[] { "## Descriptive statistics", "## Baseline regression", "## Heterogeneity by digital industry", "## Threshold effect tests", "## Robustness checks" })
            report.Should().Contain(heading);
        report.Should().Contain("digital product manufacturing widens the gap").And.Contain("digital product service narrows the gap");
        File.ReadAllText(Path.Combine(fixture.Directory.PathName, "table05_baseline.tex")).Should().Contain("\\toprule");
    }

    [DigitalEconomy.Econometrics.Tests.Reporting.PdfLatexFact]
    public void Every_latex_table_compiles_with_pdflatex_as_written() =>
        DigitalEconomy.Econometrics.Tests.Reporting.ReplicatedLatex.AssertAllCompile(fixture.Directory.PathName);

    [Fact]
    public void Dei_weights_sum_to_one()
    {
        // Weights are normalised by construction; 1e-12 allows for rounding in the JSON round trip.
        Summary.GetProperty("dei_weights").EnumerateArray().Sum(w => w.GetProperty("weight").GetDouble()).Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void Baseline_dei_narrows_the_gap_on_average_in_every_column()
    {
        // Not a structural parameter (it averages the two threshold regimes); the bundled data show narrowing.
        foreach (var model in Summary.GetProperty("baseline").EnumerateArray())
        {
            var dei = CliModelCommandTests.Coefficient(model.GetProperty("coefficients"), "dei");
            dei.GetProperty("estimate").GetDouble().Should().BeNegative();
            dei.GetProperty("p_value").GetDouble().Should().BeLessThan(0.05);
        }
    }

    [Theory]
    [InlineData(0, CityPanelColumns.DigitalManufacturing, 1)]
    [InlineData(1, CityPanelColumns.DigitalService, -1)]
    [InlineData(2, CityPanelColumns.DigitalApplication, -1)]
    [InlineData(3, CityPanelColumns.DigitalFactor, 1)]
    public void Industries_have_the_papers_signs(int column, string industry, int sign)
    {
        var model = Summary.GetProperty("heterogeneity")[column];
        var c = CliModelCommandTests.Coefficient(model.GetProperty("coefficients"), industry);
        Math.Sign(c.GetProperty("estimate").GetDouble()).Should().Be(sign, industry);
        c.GetProperty("p_value").GetDouble().Should().BeLessThan(0.05, industry);
    }

    [Fact]
    public void Threshold_recovers_gamma_and_both_regime_effects()
    {
        var single = Summary.GetProperty("threshold").GetProperty("models")[0];
        // γ̂ is a sample value of ln GDP per capita; the nearest ones to 10.8 are ~0.003 apart, so 0.01 is one grid step.
        single.GetProperty("thresholds")[0].GetDouble().Should().BeApproximately(Truth.Threshold, 0.01);
        single.GetProperty("p_value").GetDouble().Should().BeLessThan(0.05);
        var coefficients = single.GetProperty("coefficients");
        var below = CliModelCommandTests.Coefficient(coefficients, "dei_regime1");
        var above = CliModelCommandTests.Coefficient(coefficients, "dei_regime2");
        below.GetProperty("estimate").GetDouble().Should().BePositive("the DEI widens the gap below the threshold");
        above.GetProperty("estimate").GetDouble().Should().BeNegative("and narrows it above");
        ShouldCover(below, Truth.DeiEffectBelowThreshold, "θ1");
        ShouldCover(above, Truth.DeiEffectAboveThreshold, "θ2");
    }

    [Fact]
    public void Robustness_checks_keep_the_baseline_sign()
    {
        string[] keys = ["L_dei", "dei", "dei", "dei_topsis"];
        var models = Summary.GetProperty("robustness").EnumerateArray().ToArray();
        models.Should().HaveCount(keys.Length);
        for (int k = 0; k < keys.Length; k++)
            CliModelCommandTests.Coefficient(models[k].GetProperty("coefficients"), keys[k]).GetProperty("estimate").GetDouble().Should().BeNegative(keys[k]);
    }

    [Fact]
    public void Mechanisms_recover_both_channels_within_their_confidence_intervals()
    {
        var mediators = Summary.GetProperty("mediation").GetProperty("mediators").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        var agg = mediators[CityPanelColumns.Agglomeration];
        var innov = mediators[CityPanelColumns.Innovation];
        ShouldCover(agg.GetProperty("a"), Truth.DeiToAgglomeration, "a (agglomeration)");
        ShouldCover(agg.GetProperty("b"), Truth.AgglomerationToGap, "b (agglomeration)");
        ShouldCover(innov.GetProperty("a"), Truth.DeiToInnovation, "a (innovation)");
        ShouldCover(innov.GetProperty("b"), Truth.InnovationToGap, "b (innovation)");
        // The paper's finding: agglomeration widens the gap, innovation diffusion narrows it: the Sobel tests reject
        // at 5% and the city-bootstrap percentile intervals (100 replications, fixed seed) exclude zero on the right
        // side and cover the true indirect effects a·b.
        agg.GetProperty("indirect").GetDouble().Should().BePositive();
        innov.GetProperty("indirect").GetDouble().Should().BeNegative();
        agg.GetProperty("sobel").GetProperty("p_value").GetDouble().Should().BeLessThan(0.05);
        innov.GetProperty("sobel").GetProperty("p_value").GetDouble().Should().BeLessThan(0.05);
        var aggInterval = agg.GetProperty("bootstrap").GetProperty("percentile");
        var innovInterval = innov.GetProperty("bootstrap").GetProperty("percentile");
        aggInterval[0].GetDouble().Should().BePositive();
        innovInterval[1].GetDouble().Should().BeNegative();
        Truth.AgglomerationIndirectEffect.Should().BeInRange(aggInterval[0].GetDouble(), aggInterval[1].GetDouble());
        Truth.InnovationIndirectEffect.Should().BeInRange(innovInterval[0].GetDouble(), innovInterval[1].GetDouble());
        agg.GetProperty("bootstrap").GetProperty("reps").GetInt32().Should().Be(100);
    }

    [Fact]
    public void Draws_every_figure_as_svg_only_when_asked()
    {
        var all = Summary.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToArray();
        all.Should().NotContain(f => f.EndsWith(".png", StringComparison.Ordinal), "--figure-format svg reaches every chapter");
        Directory.EnumerateFiles(fixture.Directory.PathName, "*.png", SearchOption.AllDirectories).Should().BeEmpty();
        var files = all.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)).ToArray();
        // Four study figures; on the bundled data LR(γ) runs far above the critical value, so the LR figure is
        // drawn zoomed in near γ̂ and again over the whole grid (figure04b); three policy-evaluation figures (event
        // study, Bacon scatter, placebo density) from the pilot_year column; and the spatial chapter's Moran
        // scatterplot, LISA map and Moran's I over time. The coordinated-development chapter's own four figures are
        // checked in CoordinationChapterTests.
        string[] coordination = new[] { CoordinationChapter.CouplingFigure, CoordinationChapter.DensityFigure, CoordinationChapter.RidgelineFigure, CoordinationChapter.SigmaFigure }
            .Select(f => Path.ChangeExtension(f, ".svg")).ToArray();
        files.Should().Contain(coordination);
        files.Except(coordination).Should().HaveCount(11);
        foreach (var file in files)
        {
            var path = Path.Combine(fixture.Directory.PathName, file);
            new FileInfo(path).Length.Should().BeGreaterThan(5_000, $"{file} holds a drawn figure, not an empty canvas");
            var root = System.Xml.Linq.XDocument.Load(path).Root!;
            root.Name.LocalName.Should().Be("svg", file);
        }
        File.ReadAllText(Path.Combine(fixture.Directory.PathName, "report.md")).Should().Contain("![figure04_threshold_lr](figure04_threshold_lr.svg)")
            .And.Contain("![figure04b_threshold_lr_full](figure04b_threshold_lr_full.svg)")
            .And.Contain("## Policy evaluation: Broadband China pilots").And.Contain("![figure09_did_event_study](figure09_did_event_study.svg)");
    }

    [Fact]
    public void Writes_every_table_into_one_valid_word_document_under_its_section_heading()
    {
        var files = Summary.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToArray();
        files.Should().Contain("tables.docx");
        var tables = files.Where(f => f.EndsWith(".md", StringComparison.Ordinal) && f != "report.md").ToArray();
        var bytes = File.ReadAllBytes(Path.Combine(fixture.Directory.PathName, "tables.docx"));
        DigitalEconomy.Econometrics.Tests.Reporting.WordTableTests.ShouldBeValid(bytes);
        using var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = doc.MainDocumentPart!.Document.Body!;
        body.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().Should().HaveCount(tables.Length, "one Word table per table file");
        var headings = body.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToArray();
        headings.Should().HaveCount(tables.Length).And.Contain("Baseline regression");
        var report = File.ReadAllText(Path.Combine(fixture.Directory.PathName, "report.md"));
        headings.Should().OnlyContain(h => report.Contains("## " + h), "the headings are the report's sections");
        // The baseline table's cells are those of its Markdown file.
        var baseline = Array.IndexOf(tables, "table05_baseline.md");
        baseline.Should().BeGreaterThanOrEqualTo(0);
        var markdown = DigitalEconomy.Econometrics.Tests.Reporting.WordTableTests.MarkdownCells(File.ReadAllText(Path.Combine(fixture.Directory.PathName, "table05_baseline.md")));
        DigitalEconomy.Econometrics.Tests.Reporting.WordTableTests.WordCells(bytes, baseline).Should().BeEquivalentTo(
            markdown.Select(r => r.Select(DigitalEconomy.Econometrics.Tests.Reporting.WordTableTests.TypographicMinus).ToArray()), o => o.WithStrictOrdering());
    }

    [Fact]
    public void U_shape_check_finds_the_inverted_u_the_threshold_design_implies()
    {
        // The DGP's total DEI effect is +0.25 below the ln GDP per capita threshold and −0.25 above it, and DEI rises
        // with income, so DEI and DEI² trace a rise then a fall: Lind–Mehlum must reject "no inverted U".
        var u = Summary.GetProperty("u_shape");
        u.GetProperty("shape").GetString().Should().Be("inverted_u");
        u.GetProperty("p_value").GetDouble().Should().BeLessThan(0.05);
        double turning = u.GetProperty("turning_point").GetDouble();
        turning.Should().BeInRange(u.GetProperty("x_min").GetDouble(), u.GetProperty("x_max").GetDouble());
        var delta = u.GetProperty("delta_ci");
        turning.Should().BeInRange(delta[0].GetDouble(), delta[1].GetDouble());
        File.ReadAllText(Path.Combine(fixture.Directory.PathName, "report.md")).Should().Contain("## U-shape check");
    }

    [Fact]
    public void Baseline_reports_the_province_clustered_wild_bootstrap_as_the_last_summary_field()
    {
        // Appended last so existing readers of the summary keep their field order; 30 provinces, so 2^30 sign vectors
        // are too many to enumerate and the 9,999 draws are used. t is the model's own city-clustered t (the bootstrap
        // changes the reference distribution, not the statistic): equal to the baseline's to rounding (1e-9 relative).
        var last = Summary.EnumerateObject().Last();
        last.Name.Should().Be("baseline_wild_province");
        var wild = last.Value;
        wild.GetProperty("test").GetString().Should().Be("dei");
        wild.GetProperty("clusters").GetInt32().Should().Be(30);
        wild.GetProperty("replications").GetInt32().Should().Be(9_999);
        wild.GetProperty("enumerated").GetBoolean().Should().BeFalse();
        wild.GetProperty("type").GetString().Should().Be("wcr");
        wild.GetProperty("weights").GetString().Should().Be("rademacher");
        wild.GetProperty("p_value").GetDouble().Should().BeInRange(0, 1);
        var baseline = Summary.GetProperty("baseline").EnumerateArray().Last().GetProperty("coefficients").EnumerateArray()
            .First(c => c.GetProperty("name").GetString() == "dei");
        double t = baseline.GetProperty("t").GetDouble();
        wild.GetProperty("t").GetDouble().Should().BeApproximately(t, 1e-9 * Math.Abs(t));
        var report = File.ReadAllText(Path.Combine(fixture.Directory.PathName, "report.md"));
        report.Should().Contain("Clustering by province instead (30 clusters), the wild cluster bootstrap");
        var regional = File.ReadAllText(Path.Combine(fixture.Directory.PathName, "table07_heterogeneity_region.md"));
        regional.Should().Contain("Wild bootstrap p (provinces)").And.Contain("clustering by province within the region");
    }

    [Fact]
    public void Every_table_and_figure_has_its_own_number_in_report_order()
    {
        // Chapters were written separately; a shared number would overwrite a file or confuse the report's references.
        // Names are tableNN[a-z]_… and figureNN[a-z]_…; in the order the steps write them the numbers strictly increase.
        var files = Summary.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToArray();
        foreach (var (kind, ext) in new[] { ("table", ".md"), ("figure", ".svg") })
        {
            var names = files.Where(f => f.StartsWith(kind, StringComparison.Ordinal) && f.EndsWith(ext, StringComparison.Ordinal)).ToArray();
            names.Should().NotBeEmpty();
            var keys = names.Select(n => System.Text.RegularExpressions.Regex.Match(n, $"^{kind}([0-9]{{2}}[a-z]?)_").Groups[1].Value).ToArray();
            keys.Should().NotContain("", $"every {kind} name carries a two-digit number: {string.Join(", ", names)}");
            keys.Should().OnlyHaveUniqueItems($"no two {kind}s share a number");
            keys.Should().BeInAscendingOrder(StringComparer.Ordinal, $"{kind} numbers follow the report order");
        }
        var report = File.ReadAllText(Path.Combine(fixture.Directory.PathName, "report.md"));
        // The sentences cite the figures by the numbers in their file names.
        report.Should().Contain("Figure 3 plots the industry and regional coefficients").And.Contain("![figure03_heterogeneity](figure03_heterogeneity.svg)")
            .And.Contain("Figure 4 near γ̂, Figure 4b over the whole grid")
            .And.Contain("Figures 12–14 show the Moran scatterplot").And.Contain("![figure12_moran_scatter_gap](figure12_moran_scatter_gap.svg)");
    }
}
