using DigitalEconomy.Econometrics.Simulation;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Simulation;

public class SmallPanelsTests
{
    [Fact]
    public void Threshold_panel_recovers_its_slopes_at_the_true_threshold()
    {
        var o = new ThresholdPanelOptions { Entities = 200, Periods = 10, Seed = 3 };
        var p = SmallPanels.Threshold(o);
        p.RowCount.Should().Be(2000);
        var q = p.Column("q").ToArray();
        var x = p.Column("x").ToArray();
        var below = WithinOls.OneWay(x.Select((v, r) => q[r] < o.Threshold ? v : 0).ToArray(), 200, 10);
        var above = WithinOls.OneWay(x.Select((v, r) => q[r] >= o.Threshold ? v : 0).ToArray(), 200, 10);
        var fit = WithinOls.Ols(WithinOls.OneWay(p.Column("y"), 200, 10), [below, above], 200, 10, absorbed: 0);
        // 4 clustered SEs (≈ 0.04 each here): a correct DGP fails this with probability < 1e-4.
        fit.Beta[0].Should().BeApproximately(o.SlopeBelow, 4 * fit.StdError[0]);
        fit.Beta[1].Should().BeApproximately(o.SlopeAbove, 4 * fit.StdError[1]);
    }

    [Fact]
    public void Mediation_panel_recovers_a_and_b_with_two_way_effects()
    {
        var o = new MediationPanelOptions { Entities = 150, Periods = 8, Seed = 9 };
        var p = SmallPanels.Mediation(o);
        double[] Tw(string c) => WithinOls.TwoWay(p.Column(c), 150, 8);
        var a = WithinOls.Ols(Tw("m"), [Tw("x")], 150, 8, absorbed: 8);
        var bc = WithinOls.Ols(Tw("y"), [Tw("x"), Tw("m")], 150, 8, absorbed: 8);
        // 4 clustered SEs, as above.
        a.Beta[0].Should().BeApproximately(o.XToMediator, 4 * a.StdError[0]);
        bc.Beta[0].Should().BeApproximately(o.Direct, 4 * bc.StdError[0]);
        bc.Beta[1].Should().BeApproximately(o.MediatorToY, 4 * bc.StdError[1]);
        SmallPanels.Mediation(o).Column("y").ToArray().Should().Equal(p.Column("y").ToArray()); // deterministic
    }

    [Fact]
    public void Bad_sizes_are_rejected()
    {
        var act = () => SmallPanels.Threshold(new ThresholdPanelOptions { Entities = 1 });
        act.Should().Throw<SpecificationException>().WithMessage("*at least 2 entities*");
    }
}
