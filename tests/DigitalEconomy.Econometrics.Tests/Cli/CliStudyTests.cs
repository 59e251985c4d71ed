using System.Globalization;
using System.Text;
using System.Text.Json;
using DigitalEconomy.Cli.Replication;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>
/// The study file: the bundled data/study.toml declares the bundled panel's roles; a user's study file maps
/// other column names (Chinese allowed) onto the roles; the report's sentences follow the numbers, so a
/// pure-noise panel yields no claimed effect, no threshold and no channel.
/// </summary>
public sealed class CliStudyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Bundled_study_file_declares_the_bundled_roles()
    {
        var path = Path.Combine(Infrastructure.ReferenceData.RepositoryRoot, "data", "study.toml");
        var study = StudyDefinition.Load(path);
        var bundled = StudyDefinition.Bundled;
        study.Entity.Should().Be(bundled.Entity);
        study.Time.Should().Be(bundled.Time);
        study.Gap.Should().Be(bundled.Gap);
        study.Dei.Should().Be(bundled.Dei);
        study.Indicators.Should().Equal(bundled.Indicators);
        study.Industries.Should().Equal(bundled.Industries);
        study.Mediators.Should().Equal(bundled.Mediators);
        study.Controls.Should().Equal(bundled.Controls);
        study.Threshold.Should().Be(bundled.Threshold);
        study.Instruments.Should().Equal(bundled.Instruments);
        study.PolicyCohort.Should().Be(bundled.PolicyCohort);
        study.Seed.Should().Be(20240601);
        study.Labels["agg"].Should().Be("Industrial agglomeration");
    }

    [Theory]
    [InlineData("[data]\nentity = \"city\"\ncolour = \"red\"\n", "unknown key 'colour' in [data]")]
    [InlineData("[index]\nindicators = [{ column = \"a\", direction = \"up\" }]\n", "\"positive\" or \"negative\"")]
    [InlineData("[model]\nmediators = [\"a\", \"a\"]\n", "'a' appears twice")]
    [InlineData("[inference]\nseed = -1\n", "'seed' in [inference] must be an integer")]
    [InlineData("[data\nentity = 1\n", "s.toml:1: not valid TOML")]
    public void Study_file_mistakes_are_one_line_naming_the_key(string toml, string fragment)
    {
        var path = _dir.File("s.toml", toml);
        var run = CliHarness.Run("replicate", "--study", path, "--out", _dir.Path("r"));
        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1);
        run.Stderr.Should().Contain(fragment);
    }

    /// <summary>A balanced panel with the bundled panel's columns where every variable, the gap included, is independent noise.</summary>
    private static string NoisePanel(int cities, int years, int seed)
    {
        var rng = new Random(seed);
        string[] columns = ["gdppc", "ln_gdppc", "internet", "mobile", "telecom", "it_emp", "dfi", "dei", "dig_manufacturing", "dig_service",
            "dig_application", "dig_factor", "agg", "innov", "gov", "open", "hum", "fin", "ind_struct", "urb", "gap", "gap_rel"];
        var sb = new StringBuilder("city,year,province,region," + string.Join(",", columns) + "\n");
        string[] regions = ["East", "Central", "West"];
        for (int c = 0; c < cities; c++)
            for (int y = 0; y < years; y++)
            {
                var gdppc = Math.Exp(10 + rng.NextDouble());
                sb.Append(CultureInfo.InvariantCulture, $"c{c:000},{2008 + y},p{c % 10},{regions[c % 3]}");
                foreach (var col in columns)
                {
                    double v = col switch
                    {
                        "gdppc" => gdppc,
                        "ln_gdppc" => Math.Log(gdppc),
                        _ => 0.05 + rng.NextDouble(),
                    };
                    sb.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
                }
                sb.Append('\n');
            }
        return sb.ToString();
    }

    private static string Section(string report, string heading)
    {
        int start = report.IndexOf("## " + heading, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, heading);
        int end = report.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        return end < 0 ? report[start..] : report[start..end];
    }

    [Fact]
    public void Noise_panel_report_claims_no_effect_no_threshold_and_no_channel()
    {
        var data = _dir.File("noise.csv", NoisePanel(45, 8, seed: 7));
        var outDir = _dir.Path("noise_results");
        var run = CliHarness.Run("replicate", "--data", data, "--out", outDir, "--bootstrap", "99", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var summary = run.Json();
        // The facts of this noise draw, from the numbers themselves (the sentences must follow them).
        var baselineP = summary.GetProperty("baseline").EnumerateArray().Last().GetProperty("coefficients").EnumerateArray().First(c => c.GetProperty("name").GetString() == "dei").GetProperty("p_value").GetDouble();
        baselineP.Should().BeGreaterThan(0.10);
        summary.GetProperty("threshold").GetProperty("models")[0].GetProperty("p_value").GetDouble().Should().BeGreaterThanOrEqualTo(0.05);

        var report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Section(report, "Baseline regression").Should().Contain("has no significant effect on the development gap").And.NotContain("widens").And.NotContain("narrows");
        Section(report, "Threshold effect tests").Should().Contain("the data show no threshold").And.NotContain("a threshold exists");
        Section(report, "Threshold regression: regime estimates").Should().Contain("for completeness only");
        foreach (var mechanism in new[] { "Mechanism 1", "Mechanism 2" })
            Section(report, mechanism).Should().Contain("The data do not support this channel").And.NotContain("The data support this channel");
        report.Should().NotContain("mixes the two regimes");
    }

    [Fact]
    public void Replicate_with_a_study_file_on_a_real_shaped_panel_with_chinese_names_gaps_and_missing_cells()
    {
        // Column names of a yearbook extract, Chinese city names, an unbalanced panel with holes, no gap column.
        var rng = new Random(11);
        var sb = new StringBuilder("城市,年份,地区,人均GDP,互联网,移动电话,电信业务,信息从业,数字金融,制造,服务,应用,要素,集聚,创新,政府,开放,人力,金融,产业结构,城镇化\n");
        string[] regions = ["东部", "中部", "西部"];
        for (int c = 0; c < 40; c++)
            for (int y = 2011; y <= 2019; y++)
            {
                if (c % 7 == 3 && y == 2011) continue; // city enters late
                if (c % 11 == 5 && y == 2015) continue; // a year missing in the middle
                var values = new List<string> { $"城市{c:00}", y.ToString(CultureInfo.InvariantCulture), regions[c % 3], (30000 * Math.Exp(0.5 * rng.NextDouble() + 0.05 * (y - 2011))).ToString("F1", CultureInfo.InvariantCulture) };
                for (int k = 0; k < 17; k++)
                    values.Add(rng.NextDouble() < 0.01 ? "" : (0.1 + rng.NextDouble()).ToString("F4", CultureInfo.InvariantCulture));
                sb.Append(string.Join(',', values)).Append('\n');
            }
        var data = _dir.File("yearbook.csv", sb.ToString());
        var study = _dir.File("study.toml", """
            [data]
            file = "yearbook.csv"
            entity = "城市"
            time = "年份"
            region = "地区"
            [outcome]
            gdp_per_capita = "人均GDP"
            reference = "national"
            [index]
            indicators = ["互联网", "移动电话", "电信业务", "信息从业", { column = "数字金融", direction = "positive", dimension = "金融" }]
            sub_indices = ["制造", "服务", "应用", "要素"]
            [model]
            mediators = ["集聚", "创新"]
            controls = ["政府", "开放", "人力", "金融", "产业结构", "城镇化"]
            [inference]
            mediation_bootstrap = 20
            threshold_bootstrap = 20
            [labels]
            dei = "数字经济指数"
            """);
        var outDir = _dir.Path("results");
        var run = CliHarness.Run("replicate", "--study", study, "--out", outDir, "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var summary = run.Json();
        // Every chapter whose columns the study declares runs; the later chapters whose roles it leaves out (policy
        // cohort, instruments, coordinates) are listed as skipped, with the reason.
        summary.GetProperty("skipped").EnumerateArray().Select(s => s.GetString()!).Should().OnlyContain(
            s => s.StartsWith("Policy evaluation", StringComparison.Ordinal) || s.StartsWith("Endogeneity", StringComparison.Ordinal)
                 || s.StartsWith("Spatial", StringComparison.Ordinal), "every other chapter has its columns: " + run.Stderr);
        var report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        report.Should().Contain("The development gap gap = |ln 人均GDP − ln(reference)| was built");
        report.Should().Contain("was computed from its 5 indicators");
        report.Should().Contain("left out to balance the panel");
        report.Should().Contain("数字经济指数");
        // No province in this data: the wild cluster bootstrap by province is skipped with its reason, and its summary field is null.
        summary.GetProperty("baseline_wild_province").ValueKind.Should().Be(JsonValueKind.Null);
        Section(report, "Baseline regression").Should().Contain("The province-clustered wild cluster bootstrap is not reported: the");
        Section(report, "Heterogeneity by region").Should().Contain("Wild cluster bootstrap by province not reported: the").And.NotContain("Wild bootstrap p (provinces)");
        File.ReadAllText(data).Should().StartWith("城市,年份", "the input is untouched");
    }
}
