using System.Globalization;
using System.Text;
using System.Text.Json;
using DigitalEconomy.Econometrics.Data;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>`index` and `inequality` end to end: the pinned JSON shapes, values checked by hand, and the --out panel.</summary>
public sealed class CliIndexInequalityTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>3 cities × 2 years; a rises, c is a negative indicator, gdp has a known spread.</summary>
    private string Panel()
    {
        var sb = new StringBuilder("city,year,a,b,c,gdp,region\n");
        double[][] rows =
        [
            [1, 10, 3, 1], [2, 20, 1, 2],
            [3, 15, 2, 2], [4, 30, 2, 4],
            [5, 12, 1, 3], [6, 18, 3, 6],
        ];
        string[] cities = ["A", "B", "C"];
        string[] regions = ["East", "East", "West"];
        for (int i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            sb.Append(CultureInfo.InvariantCulture, $"{cities[i / 2]},{2008 + i % 2},{r[0]},{r[1]},{r[2]},{r[3]},{regions[i / 2]}\n");
        }
        return _dir.File("panel.csv", sb.ToString());
    }

    [Fact]
    public void Index_json_has_weights_and_rows_and_weights_sum_to_one()
    {
        var run = CliHarness.Run("index", "--data", Panel(), "--indicators", "a,b,-c", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        CliJsonShapeTests.Keys(doc).Should().Equal("weights", "rows", "missing");
        var weights = doc.GetProperty("weights").EnumerateArray().ToArray();
        weights.Select(w => w.GetProperty("indicator").GetString()).Should().Equal("a", "b", "c");
        foreach (var w in weights)
            CliJsonShapeTests.Keys(w).Should().Equal("indicator", "weight", "entropy");
        // Weights are d_j / Σ d: they sum to one up to rounding in the JSON round trip (1e-12).
        weights.Sum(w => w.GetProperty("weight").GetDouble()).Should().BeApproximately(1.0, 1e-12);
        var rows = doc.GetProperty("rows").EnumerateArray().ToArray();
        rows.Should().HaveCount(6);
        CliJsonShapeTests.Keys(rows[0]).Should().Equal("entity", "time", "score");
        rows[0].GetProperty("entity").GetString().Should().Be("A");
        rows[0].GetProperty("time").GetString().Should().Be("2008");
    }

    [Fact]
    public void Index_entropy_matches_the_hand_computation_for_one_indicator()
    {
        // Indicator a = 1..6 pooled: x' = (a − 1)/5 + 0.0001, p = x'/Σx', e = −Σ p ln p / ln 6.
        var x = Enumerable.Range(1, 6).Select(a => (a - 1) / 5.0 + 0.0001).ToArray();
        double sum = x.Sum();
        double e = -x.Select(v => v / sum).Sum(p => p * Math.Log(p)) / Math.Log(6);
        var run = CliHarness.Run("index", "--data", Panel(), "--indicators", "a,b", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        // Same arithmetic in a different order: agreement to 1e-12.
        run.Json().GetProperty("weights")[0].GetProperty("entropy").GetDouble().Should().BeApproximately(e, 1e-12);
    }

    [Fact]
    public void Index_out_writes_the_panel_with_the_score_column_and_leaves_input_alone()
    {
        var data = Panel();
        var before = File.ReadAllText(data);
        var outPath = _dir.Path("scored.csv");
        var run = CliHarness.Run("index", "--data", data, "--indicators", "a,b,-c", "--out", outPath, "--name", "dei");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain("Entropy weights");
        File.ReadAllText(data).Should().Be(before);
        var scored = PanelCsv.Read(outPath, "city", "year");
        scored.HasNumeric("dei").Should().BeTrue();
        scored.Column("dei").ToArray().Should().OnlyContain(v => v > 0 && v <= 1.0001 + 1e-12);
    }

    [Fact]
    public void Inequality_json_has_the_pinned_series_shape()
    {
        var run = CliHarness.Run("inequality", "--data", Panel(), "--var", "gdp", "--group", "region", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        CliJsonShapeTests.Keys(doc).Should().Equal("series", "missing", "dagum");
        var series = doc.GetProperty("series").EnumerateArray().ToArray();
        series.Should().HaveCount(2);
        CliJsonShapeTests.Keys(series[0]).Should().Equal("time", "theil_t", "theil_l", "gini", "cv", "theil_between", "theil_within");
        series[0].GetProperty("time").GetString().Should().Be("2008");
        // 2008: gdp = 1, 2, 3 → Gini = Σ|xi − xk| / (2 n² μ) = 8 / (2·9·2) = 2/9 (exact up to rounding, 1e-12).
        series[0].GetProperty("gini").GetDouble().Should().BeApproximately(2.0 / 9.0, 1e-12);
        // Theil between + within = total (the decomposition is exact; 1e-12 for rounding).
        foreach (var p in series)
            (p.GetProperty("theil_between").GetDouble() + p.GetProperty("theil_within").GetDouble())
                .Should().BeApproximately(p.GetProperty("theil_t").GetDouble(), 1e-12);
    }

    [Fact]
    public void Inequality_without_group_writes_null_decomposition()
    {
        var run = CliHarness.Run("inequality", "--data", Panel(), "--var", "gdp", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var first = run.Json().GetProperty("series")[0];
        first.GetProperty("theil_between").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("markdown", "| Period |")]
    [InlineData("latex", "\\toprule")]
    [InlineData("csv", "Period,")]
    [InlineData("text", "Theil T")]
    public void Inequality_renders_every_table_format(string format, string marker)
    {
        var run = CliHarness.Run("inequality", "--data", Panel(), "--var", "gdp", "--group", "region", "--format", format);
        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain(marker);
    }
}
