using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>`table`: one table from fe JSON documents saved by separate runs, with labels, stars, statistic and keep.</summary>
public sealed class CliTableTests
{
    [Fact]
    public void Builds_one_table_from_saved_fe_documents_with_labels_stars_and_statistic()
    {
        using var dir = new TempDirectory();
        var m1 = CliHarness.Run("fe", "--formula", "gap ~ dei | city + year", "--format", "json");
        var m2 = CliHarness.Run("fe", "--formula", "gap ~ dei + gov | city + year", "--vcov", "cluster:city", "--format", "json");
        m1.ExitCode.Should().Be(0, m1.ToString());
        m2.ExitCode.Should().Be(0, m2.ToString());
        var f1 = dir.File("m1.json", m1.Stdout);
        var f2 = dir.File("m2.json", m2.Stdout);
        var other = dir.File("other.json", "{\"model\": \"moran\"}");
        var labels = dir.File("labels.toml", "# labels\n[variables]\ndei = \"数字经济\"\n\"fe:city\" = \"城市固定效应\"\nn = \"观测值\"\nYes = \"是\"\n");
        var run = CliHarness.Run("table", f1, f2, other, "--format", "markdown", "--labels", labels, "--stars", "0.05,0.01", "--stat", "t", "--keep", "dei");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain("| 数字经济 |").And.Contain("| 城市固定效应 | 是 | 是 |").And.Contain("| 观测值 |").And.NotContain("gov");
        run.Stdout.Should().Contain("t statistics in brackets. \\* p < 0.05, \\*\\* p < 0.01.");
        run.Stderr.Should().Contain("skipped " + other);

        var tex = dir.Path("t.tex");
        CliHarness.Run("table", f1, f2, "--format", "latex", "--fit-width", "--out", tex).ExitCode.Should().Be(0);
        File.ReadAllText(tex).Should().Contain("\\toprule").And.Contain("\\resizebox");
    }

    [Fact]
    public void Writes_a_valid_word_table_with_the_cells_of_the_markdown_table()
    {
        using var dir = new TempDirectory();
        var m1 = CliHarness.Run("fe", "--formula", "gap ~ dei + gov | city + year", "--format", "json");
        m1.ExitCode.Should().Be(0, m1.ToString());
        var f1 = dir.File("m1.json", m1.Stdout);
        var labels = dir.File("labels.toml", "dei = \"数字经济\"\nn = \"观测值\"\n");
        string[] common = [f1, "--labels", labels, "--stars", "0.05,0.01", "--stat", "ci"];
        var markdown = CliHarness.Run(["table", .. common, "--format", "markdown"]);
        markdown.ExitCode.Should().Be(0, markdown.ToString());
        var docx = dir.Path("t.docx");
        var run = CliHarness.Run(["table", .. common, "--format", "docx", "--out", docx]);
        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain("wrote " + docx);

        var bytes = File.ReadAllBytes(docx);
        Reporting.WordTableTests.ShouldBeValid(bytes);
        var expected = Reporting.WordTableTests.MarkdownCells(markdown.Stdout).Select(r => r.Select(Reporting.WordTableTests.TypographicMinus).ToArray());
        Reporting.WordTableTests.WordCells(bytes).Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        Reporting.WordTableTests.WordCells(bytes).SelectMany(r => r).Should().Contain("数字经济").And.Contain("观测值");

        var toStdout = CliHarness.Run(["table", .. common, "--format", "docx"]);
        toStdout.ExitCode.Should().Be(2, "a Word file is not written to the terminal");
        toStdout.Stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("--out");
    }

    [Fact]
    public void Bad_options_exit_2_with_one_line()
    {
        using var dir = new TempDirectory();
        CliHarness.Run("table", dir.Path("missing.json")).ExitCode.Should().Be(2);
        var doc = dir.File("m.json", CliHarness.Run("fe", "--formula", "gap ~ dei | city", "--format", "json").Stdout);
        var run = CliHarness.Run("table", doc, "--stars", "0.1,2");
        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("--stars");
        var bad = dir.File("bad.toml", "dei 数字经济\n");
        CliHarness.Run("table", doc, "--labels", bad).Stderr.Should().Contain("bad.toml");
    }
}
