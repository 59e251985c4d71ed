using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Indices;
using FluentAssertions;
using Xunit;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>
/// <c>inequality --weight</c> and the Dagum decomposition in its JSON: compared with the library call they stand for
/// (same code path, 1e-12), with G = G_w + G_nb + G_t checked from the document (exact decomposition, 1e-12).
/// </summary>
public sealed class CliInequalityWeightsTests
{
    [Fact]
    public void Weight_and_dagum_reach_the_json()
    {
        var run = CliHarness.Run("inequality", "--var", "gdppc", "--group", "region", "--weight", "urb", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        var panel = SamplePanels.CityPanel();
        var weighted = Inequality.Series(panel, "gdppc", "urb").Periods[0];
        var dagum = Inequality.DagumSeries(panel, "gdppc", "region", "urb").Periods[0];
        doc.GetProperty("series")[0].GetProperty("gini").GetDouble().Should().BeApproximately(weighted.Gini, 1e-12);
        var unweighted = Inequality.Series(panel, "gdppc").Periods[0].Gini;
        weighted.Gini.Should().NotBeApproximately(unweighted, 1e-9, "weights change the Gini");
        var d = doc.GetProperty("dagum")[0];
        CliJsonShapeTests.Keys(d).Should().Equal("time", "gini", "within", "net_between", "transvariation", "within_share", "net_between_share", "transvariation_share");
        d.GetProperty("gini").GetDouble().Should().BeApproximately(dagum.Gini, 1e-12);
        (d.GetProperty("within").GetDouble() + d.GetProperty("net_between").GetDouble() + d.GetProperty("transvariation").GetDouble())
            .Should().BeApproximately(d.GetProperty("gini").GetDouble(), 1e-12);
    }

    [Fact]
    public void Unknown_weight_column_exits_2()
    {
        var run = CliHarness.Run("inequality", "--var", "gdppc", "--weight", "nosuch");
        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("--weight");
    }
}
