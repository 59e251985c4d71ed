using DigitalEconomy.Cli;
using DigitalEconomy.Cli.Replication;
using DigitalEconomy.Econometrics.Data;
using FluentAssertions;
using MiniExcelLibs;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>
/// `gap` (the development gap from the CLI, checked against the formula by hand to 1e-12, rounding only) and
/// `init` (a study-file template that parses and names the recognisable roles).
/// </summary>
public sealed class CliGapInitTests : IDisposable
{
    private const string Csv = "city,year,province,gdppc\nA,2008,P,100\nB,2008,P,300\nC,2008,Q,200\nA,2009,P,150\nB,2009,P,NA\nC,2009,Q,450\n";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Gap_json_matches_the_formula_and_reports_missing_rows()
    {
        var run = CliHarness.Run("gap", "--data", _dir.File("p.csv", Csv), "--var", "gdppc", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        CliJsonShapeTests.Keys(doc).Should().Equal("variable", "reference", "form", "name", "series", "missing");
        var first = doc.GetProperty("series")[0];
        first.GetProperty("time").GetString().Should().Be("2008");
        double m = 200; // national mean of 2008
        double expected = (Math.Abs(Math.Log(100) - Math.Log(m)) + Math.Abs(Math.Log(300) - Math.Log(m)) + 0) / 3;
        first.GetProperty("mean").GetDouble().Should().BeApproximately(expected, 1e-12);
        doc.GetProperty("series")[1].GetProperty("n").GetInt32().Should().Be(2, "B's 2009 value is missing");
        doc.GetProperty("missing").GetProperty("rows_dropped").GetInt32().Should().Be(1);
    }

    [Fact]
    public void Gap_out_writes_the_panel_in_the_format_of_the_extension_and_respects_existing_names()
    {
        var data = _dir.File("p.csv", Csv);
        var dta = _dir.Path("with_gap.dta");
        var run = CliHarness.Run("gap", "--data", data, "--var", "gdppc", "--reference", "province", "--out", dta);
        run.ExitCode.Should().Be(0, run.ToString());
        var panel = PanelReader.Read(dta, "city", "year");
        var gap = panel.Column("gap").ToArray();
        // Province P in 2008: mean of 100 and 300 = 200; A's gap = |ln 100 − ln 200|.
        gap[0].Should().BeApproximately(Math.Log(2), 1e-12);
        var again = CliHarness.Run("gap", "--data", dta, "--var", "gdppc", "--out", _dir.Path("again.parquet"));
        again.ExitCode.Should().Be(CliApp.UserError, again.ToString());
        again.Stderr.Should().Contain("--name gap is already a column").And.Contain("--replace");
    }

    [Fact]
    public void Init_on_the_bundled_panel_writes_a_template_that_parses_with_its_roles()
    {
        var outPath = _dir.Path("study.toml");
        var run = CliHarness.Run("init", "--data", CliHarness.BundledPanel, "--out", outPath);
        run.ExitCode.Should().Be(0, run.ToString());
        var study = StudyDefinition.Load(outPath);
        study.Entity.Should().Be("city");
        study.Time.Should().Be("year");
        study.Region.Should().Be("region");
        study.GdpPerCapita.Should().Be("gdppc");
        study.Dei.Should().Be("dei");
        File.ReadAllText(outPath).Should().Contain("# { column = \"internet\", direction = \"positive\"");
        var again = CliHarness.Run("init", "--data", CliHarness.BundledPanel, "--out", outPath);
        again.ExitCode.Should().Be(CliApp.UserError);
        again.Stderr.Should().Contain("--force");
    }

    [Fact]
    public void Init_recognises_chinese_column_names_in_a_workbook()
    {
        var path = _dir.Path("年鉴.xlsx");
        MiniExcel.SaveAs(path, new[]
        {
            new Dictionary<string, object?> { ["城市"] = "北京", ["年份"] = 2019, ["地区"] = "东部", ["人均GDP"] = 164000.0, ["互联网"] = 0.8 },
            new Dictionary<string, object?> { ["城市"] = "北京", ["年份"] = 2020, ["地区"] = "东部", ["人均GDP"] = 165000.0, ["互联网"] = 0.85 },
        });
        var run = CliHarness.Run("init", "--data", path);
        run.ExitCode.Should().Be(0, run.ToString());
        var study = StudyDefinition.Parse(run.Stdout, "template.toml");
        study.Entity.Should().Be("城市");
        study.Time.Should().Be("年份");
        study.Region.Should().Be("地区");
        study.GdpPerCapita.Should().Be("人均GDP");
        study.DataFile.Should().Be("年鉴.xlsx");
    }
}
