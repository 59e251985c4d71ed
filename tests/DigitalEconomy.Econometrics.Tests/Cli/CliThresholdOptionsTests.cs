using System.Text.Json;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Threshold;
using FluentAssertions;
using Xunit;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>
/// <c>threshold --time-effects --grid-kind --denominator</c> and the <c>lr_curve</c> of its JSON, on the bundled
/// balanced 285 × 12 panel with a small grid and no bootstrap (fast). Each CLI run is compared with the library call it
/// stands for (same code path: 1e-12 relative), and the N·T denominator with its closed form F_NT = F_N(T−1) · T/(T − 1).
/// </summary>
public sealed class CliThresholdOptionsTests
{
    private static readonly string[] Base =
        ["threshold", "--y", "gap", "--regime-x", "dei", "--x", "gov,open", "--q", "ln_gdppc", "--grid", "40", "--bootstrap", "0", "--format", "json"];

    private static CliRun Run(params string[] extra) => CliHarness.Run([.. Base, .. extra]);

    private static JsonElement Single(CliRun run)
    {
        run.ExitCode.Should().Be(0, run.ToString());
        return run.Json().GetProperty("models")[0];
    }

    private static ThresholdResult Library(ThresholdOptions options) => PanelThresholdRegression.Estimate(SamplePanels.CityPanel(),
        new ThresholdSpecification("gap", ["dei"], ["gov", "open"], "ln_gdppc"),
        options with { MaxThresholds = 1, GridPoints = 40, BootstrapReplications = 0, Vcov = Vcov.Cluster("city") });

    [Fact]
    public void Nt_denominator_scales_f_by_t_over_t_minus_1()
    {
        double f = Single(Run()).GetProperty("f_stat").GetDouble();
        double fnt = Single(Run("--denominator", "nt")).GetProperty("f_stat").GetDouble();
        fnt.Should().BeApproximately(f * 12.0 / 11.0, 1e-10 * fnt);
    }

    [Fact]
    public void Time_effects_and_grid_kind_reach_the_estimator()
    {
        foreach (var (extra, options) in new (string[], ThresholdOptions)[]
        {
            (["--time-effects"], new ThresholdOptions { TimeEffects = true }),
            (["--grid-kind", "all"], new ThresholdOptions { Grid = ThresholdGridKind.AllUniqueValues }),
        })
        {
            var m = Single(Run(extra));
            var expected = Library(options).Single;
            m.GetProperty("thresholds")[0].GetDouble().Should().Be(expected.Thresholds[0]);
            m.GetProperty("f_stat").GetDouble().Should().BeApproximately(expected.Test.F, 1e-12 * expected.Test.F);
            m.GetProperty("lr_curve")[0].GetProperty("gamma").GetArrayLength().Should().Be(expected.Estimates[0].Search.Candidates.Count);
        }
        // The time effects change the fit; every admissible value is many more candidates than a 40-point grid.
        Single(Run("--time-effects")).GetProperty("sse").GetDouble().Should().BeLessThan(Single(Run()).GetProperty("sse").GetDouble());
        Single(Run("--grid-kind", "all")).GetProperty("lr_curve")[0].GetProperty("gamma").GetArrayLength().Should().BeGreaterThan(1000);
    }

    [Fact]
    public void Lr_curve_is_zero_at_the_estimate_and_carries_the_critical_value()
    {
        var m = Single(Run());
        var curve = m.GetProperty("lr_curve")[0];
        var gamma = curve.GetProperty("gamma").EnumerateArray().Select(g => g.GetDouble()).ToArray();
        var lr = curve.GetProperty("lr").EnumerateArray().Select(g => g.GetDouble()).ToArray();
        gamma.Length.Should().Be(lr.Length).And.BeGreaterThan(10);
        gamma.Should().BeInAscendingOrder();
        lr.Min().Should().BeApproximately(0, 1e-12);
        gamma[Array.IndexOf(lr, lr.Min())].Should().Be(m.GetProperty("thresholds")[0].GetDouble());
        curve.GetProperty("critical_value").GetDouble().Should().BeApproximately(-2 * Math.Log(1 - Math.Sqrt(0.95)), 1e-12);
        curve.GetProperty("fixed").GetArrayLength().Should().Be(0);
    }

    [Theory]
    [InlineData("--grid-kind", "every")]
    [InlineData("--denominator", "n")]
    public void Bad_values_exit_2(string option, string value) => Run(option, value).ExitCode.Should().Be(2);
}
