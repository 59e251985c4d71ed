using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Mediation;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Results;
using DigitalEconomy.Econometrics.Simulation;
using DigitalEconomy.Econometrics.Threshold;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Regression;

/// <summary>One table builder for any model: a fixed-effects fit, a threshold model and mediation equations side by side.</summary>
public sealed class MixedModelTableTests
{
    [Fact]
    public void A_table_mixes_fixed_effects_threshold_and_mediation_results()
    {
        var panel = CityPanelGenerator.Generate(new CityPanelOptions { Cities = 60 }).Panel;
        var fe = PanelRegression.Fit(panel, "gap ~ dei + gov | city + year", Vcov.Cluster("city"));
        var threshold = PanelThresholdRegression.Estimate(panel, new ThresholdSpecification("gap", ["dei"], ["gov"], "ln_gdppc"),
            new ThresholdOptions { MaxThresholds = 1, BootstrapReplications = 0, GridPoints = 50, BalancePanel = true, Vcov = Vcov.Cluster("city") });
        var mediation = MediationAnalysis.Fit(panel, new MediationOptions("gap", "dei", ["agg"]) { FixedEffects = ["city", "year"], Bootstrap = null });

        IReadOnlyList<IEstimationResult> models = [fe, threshold.Single.Fit, .. mediation.Equations];
        var table = RegressionTable.Create(models, "Mixed").Build();

        table.Headers.Should().HaveCount(1 + models.Count);
        var rows = table.Rows.Select(r => r.Label).ToList();
        rows.Should().Contain(["dei", "dei_regime1", "dei_regime2", "agg", "City FE", "Year FE", "Observations", "R²", "SE type"]);
        var dei = table.Rows.First(r => r.Label == "dei").Cells;
        dei[0].Should().StartWith(NumberFormat.Fixed(fe["dei"].Estimate, 3));
        dei[1].Should().BeEmpty("the threshold model has regime-specific slopes instead");
        var regime1 = table.Rows.First(r => r.Label == "dei_regime1").Cells;
        regime1[1].Should().StartWith(NumberFormat.Fixed(threshold.Single.Fit.Coefficients[threshold.Single.Fit.IndexOf("dei_regime1")].Estimate, 3));
        table.Rows.First(r => r.Label == "Year FE").Cells[1].Should().Be("No", "the threshold model absorbs only the city effects");
        table.Rows.First(r => r.Label == "R²").Cells[1].Should().BeEmpty("a threshold fit reports no R²");
        table.Rows.First(r => r.Label == "SE type").Cells.Take(2).Should().Equal("Cluster (city)", "Cluster (city)");
        foreach (var format in Enum.GetValues<TableFormat>()) table.Render(format).Should().Contain("regime2");
    }
}
