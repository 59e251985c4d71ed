using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Indices;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Indices;

public class DevelopmentGapTests
{
    // 3 cities × 2 years (rows: c1-2000, c1-2001, c2-2000, c2-2001, c3-2000, c3-2001); c1, c2 in P1, c3 in P2.
    private static PanelData GapPanel(double[] gdppc) =>
        IndexTestSupport.Panel(3, 2, null, ("gdppc", gdppc))
            .WithCategorical("province", Factor.FromStrings(["P1", "P1", "P1", "P1", "P2", "P2"]));

    private static readonly double[] Gdp = [1, 2, 2, 4, 6, 12];

    [Fact]
    public void Log_gap_against_the_national_mean()
    {
        var gap = DevelopmentGap.Compute(GapPanel(Gdp), "gdppc");
        // 2000: mean (1+2+6)/3 = 3; 2001: mean (2+4+12)/3 = 6. 1e-15: one log difference.
        gap[0].Should().BeApproximately(Math.Abs(Math.Log(1) - Math.Log(3)), 1e-15);
        gap[2].Should().BeApproximately(Math.Abs(Math.Log(2) - Math.Log(3)), 1e-15);
        gap[5].Should().BeApproximately(Math.Log(2), 1e-15);
    }

    [Fact]
    public void Reference_mean_can_be_the_province()
    {
        var gap = DevelopmentGap.Compute(GapPanel(Gdp), "gdppc", new DevelopmentGapOptions { ReferenceGroupColumn = "province" });
        // P1 2000: mean 1.5; P2 has one city, which is its own mean (gap exactly 0).
        gap[0].Should().BeApproximately(Math.Log(1.5), 1e-15);
        gap[4].Should().Be(0);
        gap[5].Should().Be(0);
    }

    [Fact]
    public void Relative_deviation_form()
    {
        var gap = DevelopmentGap.Compute(GapPanel(Gdp), "gdppc", new DevelopmentGapOptions { Form = GapForm.RelativeDeviation });
        // Exact in binary: |1 − 3|/3 and |12 − 6|/6.
        gap[0].Should().Be(2.0 / 3.0);
        gap[5].Should().Be(1);
    }

    [Fact]
    public void Missing_values_stay_missing_and_leave_the_mean()
    {
        var gdp = (double[])Gdp.Clone();
        gdp[4] = double.NaN;
        var panel = GapPanel(gdp).AddGap("gdppc", "gap");
        double.IsNaN(panel.Column("gap")[4]).Should().BeTrue();
        // 2000 mean without city 3: 1.5.
        panel.Column("gap")[0].Should().BeApproximately(Math.Log(1.5), 1e-15);
    }

    [Fact]
    public void Non_positive_value_is_named()
    {
        var gdp = (double[])Gdp.Clone();
        gdp[3] = 0;
        var act = () => DevelopmentGap.Compute(GapPanel(gdp), "gdppc");
        act.Should().Throw<SpecificationException>().WithMessage("The log development gap needs positive 'gdppc', but row (2, 2001) is 0.*");
    }
}
