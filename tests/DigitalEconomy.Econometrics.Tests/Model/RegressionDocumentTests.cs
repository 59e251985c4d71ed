using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Tests.Cli;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Model;

/// <summary>
/// Results saved as the fe JSON document load back with every number identical (doubles are written in
/// shortest round-trip form, so the comparison is exact), from the library and from a CLI run alike.
/// </summary>
public class RegressionDocumentTests
{
    [Fact]
    public void A_saved_model_loads_back_exactly()
    {
        var p = FormulaEquivalenceTests.Panel();
        var fit = PanelRegression.Fit(p, new PanelRegressionOptions("y", ["x1", "l(x2)", "i(region, z)"])
        {
            FixedEffects = ["id", "year"], Vcov = Vcov.Cluster("id"), Label = "baseline",
        });
        using var dir = new TempDirectory();
        var path = dir.Path("m1.json");
        RegressionDocument.Save(fit, path);
        var loaded = RegressionDocument.Load(path).Should().ContainSingle().Subject;
        loaded.Coefficients.Should().Equal(fit.Coefficients);
        loaded.Observations.Should().Be(fit.Observations);
        loaded.Dependent.Should().Be("y");
        loaded.Label.Should().Be("baseline");
        loaded.Formula.Should().Be("y ~ x1 + l(x2) + i(region, z) | id + year");
        loaded.AbsorbedEffects.Should().Equal("id", "year");
        loaded.Variance!.Kind.Should().Be(VcovKind.Cluster);
        loaded.Variance.ClusterCounts.Should().Equal(fit.Variance.ClusterCounts);
        loaded.Variance.Description.Should().Be(fit.Variance.Description);
        loaded.FitStatistics.Single(s => s.Key == "r2_within").Value.Should().Be(fit.RSquaredWithin);
        loaded.Notes.Should().Equal(fit.Notes);
        loaded.Entities.Should().Be(24);
    }

    [Fact]
    public void A_multiple_estimation_written_by_the_cli_loads_as_its_models()
    {
        using var dir = new TempDirectory();
        var path = dir.Path("models.json");
        var run = CliHarness.Run("fe", "--formula", "gap ~ csw(dei, gov) | city + year", "--format", "json", "--out", path);
        run.ExitCode.Should().Be(0, run.ToString());
        var models = RegressionDocument.Load(path);
        models.Select(m => m.Formula).Should().Equal("gap ~ dei | city + year", "gap ~ dei + gov | city + year");
        models[1]["gov"].StdError.Should().BePositive();
        models[0].Variance!.ClusterVariables.Should().Equal("city");
    }

    [Theory]
    [InlineData("[1, 2]", "*expected a JSON object*")]
    [InlineData("{\"model\": \"fixed_effects\"}", "*the key \"effects\" is missing; is this an fe document?*")]
    [InlineData("{\"models\": 3}", "*\"models\" must be an array*")]
    [InlineData("{not json", "*not valid JSON*")]
    public void Documents_that_are_not_fe_documents_are_rejected_with_the_reason(string json, string message)
    {
        var act = () => RegressionDocument.FromJson(json, "m.json");
        act.Should().Throw<DataFormatException>().WithMessage(message);
    }
}
