using System.Text.Json;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Regression;
using FluentAssertions;
using Xunit;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>
/// <c>fe --ssc</c>, the extended <c>--vcov</c> kinds and <c>--drop-singletons</c> reach the library unchanged: each CLI
/// run is compared with the library call it stands for (same code path, so 1e-12 relative), and the plm preset also
/// with plm's published Grunfeld number.
/// </summary>
public sealed class CliFeVarianceOptionsTests
{
    private static string Grunfeld => Path.Combine(Infrastructure.ReferenceData.RepositoryRoot, "build", "consumer", "grunfeld.csv");

    private static readonly Lazy<PanelData> GrunfeldPanel = new(() => PanelCsv.Read(Grunfeld, "firm", "year"));

    private static double StdError(CliRun run, string name) =>
        run.Json().GetProperty("coefficients").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name).GetProperty("std_error").GetDouble();

    private static CliRun Fe(params string[] extra) => CliHarness.Run(
        ["fe", "--data", Grunfeld, "--entity", "firm", "--time", "year", "--y", "inv", "--x", "value,capital", "--effects", "entity", "--format", "json", .. extra]);

    public static TheoryData<string, string> Presets => new()
    {
        { "stata", nameof(SmallSampleCorrection.Stata) },
        { "fixest", nameof(SmallSampleCorrection.Fixest) },
        { "plm-sss", nameof(SmallSampleCorrection.PlmSss) },
        { "plm-hc1", nameof(SmallSampleCorrection.PlmHC1) },
        { "areg", nameof(SmallSampleCorrection.Areg) },
        { "none", nameof(SmallSampleCorrection.None) },
    };

    [Theory]
    [MemberData(nameof(Presets))]
    public void Ssc_selects_the_small_sample_preset(string option, string preset)
    {
        var correction = (SmallSampleCorrection)typeof(SmallSampleCorrection).GetProperty(preset)!.GetValue(null)!;
        var expected = PanelRegression.Fit(GrunfeldPanel.Value, "inv ~ value + capital | firm", Vcov.Cluster("firm"), correction);
        var run = Fe("--vcov", "cluster:firm", "--ssc", option);
        run.ExitCode.Should().Be(0, run.ToString());
        StdError(run, "value").Should().BeApproximately(expected["value"].StdError, 1e-12 * expected["value"].StdError);
        StdError(run, "capital").Should().BeApproximately(expected["capital"].StdError, 1e-12 * expected["capital"].StdError);
    }

    [Fact]
    public void Ssc_presets_give_different_standard_errors_and_stata_is_the_default()
    {
        var stata = StdError(Fe("--vcov", "cluster:firm"), "value");
        // Stata's published xtreg, fe vce(cluster firm) SE(value), 6 significant digits.
        stata.Should().BeApproximately(0.0151945, 5e-7);
        StdError(Fe("--vcov", "cluster:firm", "--ssc", "plm-sss"), "value").Should().NotBeApproximately(stata, 1e-6);
        StdError(Fe("--vcov", "cluster:firm", "--ssc", "none"), "value").Should().BeLessThan(stata);
    }

    [Theory]
    [InlineData("hc0", "hc0")]
    [InlineData("hc1", "robust")]
    [InlineData("hc2", "hc2")]
    [InlineData("hc3", "hc3")]
    [InlineData("dk:2", "driscoll_kraay")]
    public void Vcov_accepts_hc_kinds_and_driscoll_kraay(string option, string type)
    {
        var vcov = option switch
        {
            "hc0" => Vcov.HC0, "hc1" => Vcov.HC1, "hc2" => Vcov.HC2, "hc3" => Vcov.HC3, _ => Vcov.DriscollKraay(2),
        };
        var expected = PanelRegression.Fit(GrunfeldPanel.Value, "inv ~ value + capital | firm", vcov);
        var run = Fe("--vcov", option);
        run.ExitCode.Should().Be(0, run.ToString());
        run.Json().GetProperty("vcov").GetProperty("type").GetString().Should().Be(type);
        StdError(run, "value").Should().BeApproximately(expected["value"].StdError, 1e-12 * expected["value"].StdError);
    }

    [Theory]
    [InlineData("dk", "lag length")]
    [InlineData("dk:x", "lag length")]
    [InlineData("hc4", "hc0, hc1, hc2, hc3")]
    public void Bad_vcov_values_exit_2_with_one_line(string option, string message)
    {
        var run = Fe("--vcov", option);
        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain(message);
        run.Stderr.Trim().Split('\n').Should().HaveCount(1);
    }

    [Fact]
    public void Bad_ssc_value_exits_2()
    {
        var run = Fe("--ssc", "sas");
        run.ExitCode.Should().Be(2, run.ToString());
    }

    [Fact]
    public void Drop_singletons_removes_the_entity_observed_once()
    {
        using var dir = new TempDirectory();
        var lines = File.ReadAllLines(Grunfeld).ToList();
        lines.Add("11,1935,10,100,5");   // a firm observed in one year only: a singleton of the firm effect
        var path = dir.File("grunfeld_singleton.csv", string.Join('\n', lines) + "\n");
        string[] args = ["fe", "--data", path, "--entity", "firm", "--time", "year", "--y", "inv", "--x", "value,capital", "--effects", "entity", "--vcov", "robust", "--format", "json"];
        var kept = CliHarness.Run(args);
        var dropped = CliHarness.Run([.. args, "--drop-singletons"]);
        kept.ExitCode.Should().Be(0, kept.ToString());
        dropped.ExitCode.Should().Be(0, dropped.ToString());
        kept.Json().GetProperty("nobs").GetInt32().Should().Be(201);
        dropped.Json().GetProperty("nobs").GetInt32().Should().Be(200);
        var expected = PanelRegression.Fit(PanelCsv.Read(path, "firm", "year"),
            new PanelRegressionOptions("inv", ["value", "capital"]) { FixedEffects = ["firm"], Vcov = Vcov.Robust, DropSingletons = true });
        StdError(dropped, "value").Should().BeApproximately(expected["value"].StdError, 1e-12 * expected["value"].StdError);
    }

    [Fact]
    public void Help_lists_the_new_options()
    {
        var run = CliHarness.Run("fe", "--help");
        run.Stdout.Should().Contain("--ssc").And.Contain("--drop-singletons").And.Contain("dk:LAGS");
    }
}
