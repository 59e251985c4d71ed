using DigitalEconomy.Econometrics.Resampling;
using DigitalEconomy.Econometrics.Mediation;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Simulation;
using FluentAssertions;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Tests.Mediation;

public class BundledPanelMediationTests
{
    [Fact]
    public void The_study_channels_are_recovered_from_the_synthetic_city_panel()
    {
        // The bundled 285 × 12 panel's generator: a_A·b_A = 0.8 × 0.08 (widening), a_I·b_I = 25 × (−0.004) (narrowing).
        var sim = CityPanelGenerator.Generate();
        var truth = sim.Options.Parameters;
        var result = MediationAnalysis.Fit(sim.Panel, new MediationOptions(CityPanelColumns.Gap, CityPanelColumns.Dei, CityPanelColumns.Mediators)
        {
            Controls = ["gov", "open", "hum", "fin", "ind_struct", "urb"],
            FixedEffects = [CityPanelColumns.City, CityPanelColumns.Year],
            Vcov = Vcov.Cluster(CityPanelColumns.City),
            Bootstrap = new BootstrapOptions { Replications = 400, Seed = 5 },
        });
        result.BootstrapMethod.Should().StartWith("balanced");
        var agglomeration = result[CityPanelColumns.Agglomeration];
        var innovation = result[CityPanelColumns.Innovation];
        Covers(agglomeration.A, truth.DeiToAgglomeration);
        Covers(agglomeration.B, truth.AgglomerationToGap);
        Covers(innovation.A, truth.DeiToInnovation);
        Covers(innovation.B, truth.InnovationToGap);
        agglomeration.Bootstrap!.Percentile.Contains(truth.AgglomerationIndirectEffect).Should().BeTrue();
        innovation.Bootstrap!.Percentile.Contains(truth.InnovationIndirectEffect).Should().BeTrue();
        // The paper's finding: agglomeration widens the gap, innovation diffusion narrows it, both significant.
        agglomeration.Bootstrap.Percentile.Lower.Should().BePositive();
        innovation.Bootstrap.Percentile.Upper.Should().BeNegative();
    }

    private static void Covers(Coefficient c, double truth) =>
        truth.Should().BeInRange(c.ConfLow, c.ConfHigh, $"{c.Name} = {c.Estimate} with its 95% CI should cover the generator's value");
}
