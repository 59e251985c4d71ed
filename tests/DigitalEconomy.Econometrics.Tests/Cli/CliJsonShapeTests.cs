using System.Text.Json;
using DigitalEconomy.Cli.Json;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>
/// Pins the serializer conventions of `--format json` (issue 7): snake_case names, critical values keyed
/// "10"/"5"/"1", and undefined statistics as null (JSON has no NaN). The end-to-end tests pin each
/// command's full document.
/// </summary>
public class CliJsonShapeTests
{
    internal static string[] Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void Coefficient_and_regression_names_are_snake_case()
    {
        var doc = JsonDocument.Parse(CliJson.Serialize(new RegressionJson("fe", ["city", "year"], new VcovJson("cluster", ["city"]), 10, 2, 0.5, 1.25,
            [new CoefficientJson("dei", 1, 0.5, 2, 0.05, 0.1, 1.9)]))).RootElement;
        Keys(doc).Should().Equal("model", "effects", "vcov", "nobs", "n_entities", "r2_within", "rss", "coefficients", "missing");
        Keys(doc.GetProperty("vcov")).Should().Equal("type", "clusters");
        Keys(doc.GetProperty("coefficients")[0]).Should().Equal("name", "estimate", "std_error", "t", "p_value", "conf_low", "conf_high");
    }

    [Fact]
    public void Critical_values_are_keyed_by_level_and_nan_is_null()
    {
        var model = new ThresholdModelJson(1, [0.5], [[0.4, 0.6]], 12.5, 30, double.NaN, new CriticalValuesJson(1, 2, 3), []);
        var doc = JsonDocument.Parse(CliJson.Serialize(new ThresholdJson("threshold", 100, 13, [model]))).RootElement;
        Keys(doc).Should().Equal("model", "nobs", "sse0", "models", "missing");
        var m = doc.GetProperty("models")[0];
        Keys(m).Should().Equal("k", "thresholds", "ci", "sse", "f_stat", "p_value", "crit", "coefficients", "lr_curve");
        Keys(m.GetProperty("crit")).Should().Equal("10", "5", "1");
        m.GetProperty("p_value").ValueKind.Should().Be(JsonValueKind.Null);
        m.GetProperty("ci")[0].GetArrayLength().Should().Be(2);
    }
}
