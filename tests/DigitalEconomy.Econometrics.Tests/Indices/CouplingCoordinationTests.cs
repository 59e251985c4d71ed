using DigitalEconomy.Econometrics.Indices;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Indices;

public class CouplingCoordinationTests
{
    [Theory]
    [InlineData(0.2, 0.8)]
    [InlineData(0.5, 0.5)]
    [InlineData(0.01, 0.99)]
    [InlineData(0.33, 0.7)]
    public void Two_systems_match_the_closed_form(double u1, double u2)
    {
        // C = 2√(U1U2)/(U1+U2), T = (U1+U2)/2, D = √(CT); 1e-14: a handful of roundings in exp/log.
        var v = CouplingCoordination.Compute([u1, u2]);
        double c = 2 * Math.Sqrt(u1 * u2) / (u1 + u2);
        v.Coupling.Should().BeApproximately(c, 1e-14);
        v.Development.Should().BeApproximately((u1 + u2) / 2, 1e-15);
        v.Degree.Should().BeApproximately(Math.Sqrt(c * (u1 + u2) / 2), 1e-14);
    }

    [Fact]
    public void Three_systems_match_the_definition_with_the_factor_n()
    {
        double[] u = [0.2, 0.5, 0.9];
        double[] a = [0.5, 0.3, 0.2];
        double c = 3 * Math.Pow(u[0] * u[1] * u[2] / Math.Pow(u.Sum(), 3), 1.0 / 3);
        double t = a[0] * u[0] + a[1] * u[1] + a[2] * u[2];
        var v = CouplingCoordination.Compute(u, a);
        v.Coupling.Should().BeApproximately(c, 1e-14);
        v.Development.Should().BeApproximately(t, 1e-15);
        v.Degree.Should().BeApproximately(Math.Sqrt(c * t), 1e-14);
    }

    [Theory]
    [InlineData(0.3, 2)]
    [InlineData(0.64, 4)]
    [InlineData(0.9, 5)]
    public void Equal_scores_couple_perfectly(double u, int n)
    {
        var v = CouplingCoordination.Compute(Enumerable.Repeat(u, n).ToArray());
        v.Coupling.Should().BeApproximately(1, 1e-15);
        v.Degree.Should().BeApproximately(Math.Sqrt(u), 1e-15);
    }

    [Fact]
    public void A_zero_score_gives_zero_coupling()
    {
        CouplingCoordination.Compute([0.0, 0.7]).Degree.Should().Be(0);
        CouplingCoordination.Compute([0.0, 0.0]).Degree.Should().Be(0);
    }

    [Theory]
    [InlineData(0.0, 1, "极度失调")]
    [InlineData(0.0999, 1, "极度失调")]
    [InlineData(0.1, 2, "严重失调")]
    [InlineData(0.2, 3, "中度失调")]
    [InlineData(0.3, 4, "轻度失调")]
    [InlineData(0.4, 5, "濒临失调")]
    [InlineData(0.5, 6, "勉强协调")]
    [InlineData(0.6, 7, "初级协调")]
    [InlineData(0.7, 8, "中级协调")]
    [InlineData(0.7999999, 8, "中级协调")]
    [InlineData(0.8, 9, "良好协调")]
    [InlineData(0.9, 10, "优质协调")]
    [InlineData(1.0, 10, "优质协调")]
    public void Classification_boundaries_are_lower_inclusive(double d, int level, string chinese)
    {
        var c = CouplingCoordination.Classify(d);
        c.Level.Should().Be(level);
        c.ChineseLabel.Should().Be(chinese);
        d.Should().BeInRange(c.Lower, c.Upper);
    }

    [Fact]
    public void A_boundary_reached_through_rounding_is_on_the_boundary()
    {
        // 0.1 + 0.2 = 0.30000000000000004 and 0.7 − 0.4 = 0.29999999999999993: both are level 4.
        CouplingCoordination.Classify(0.1 + 0.2).Level.Should().Be(4);
        CouplingCoordination.Classify(0.7 - 0.4).Level.Should().Be(4);
    }

    [Fact]
    public void Panel_rows_summaries_lagging_type_and_rescaling()
    {
        double[] dei = [0.2, 0.4, 0.5, 0.55, 0.9, 0.1];
        double[] econ = [0.6, 0.45, 0.5, 0.5, 0.3, 0.1];
        var panel = IndexTestSupport.Panel(3, 2, ["East", "East", "West"], ("dei", dei), ("econ", econ));
        var result = CouplingCoordination.Compute(panel, ["dei", "econ"], new CouplingCoordinationOptions { GroupColumn = "region" });
        result.Rows.Should().HaveCount(6);
        result.Rescaled.Should().BeFalse();
        for (int r = 0; r < 6; r++)
        {
            double c = 2 * Math.Sqrt(dei[r] * econ[r]) / (dei[r] + econ[r]);
            result.Rows[r].Value.Degree.Should().BeApproximately(Math.Sqrt(c * (dei[r] + econ[r]) / 2), 1e-14);
        }
        result.Rows[0].Lagging.Should().Be("dei");      // 0.6 − 0.2 > 0.1
        result.Rows[1].Lagging.Should().BeNull();        // |0.4 − 0.45| ≤ 0.1
        result.Rows[4].Lagging.Should().Be("econ");
        // Summary: per year "All", "East", "West".
        result.Summary.Select(s => (s.Time, s.Group)).Should().Equal(("2000", "All"), ("2000", "East"), ("2000", "West"), ("2001", "All"), ("2001", "East"), ("2001", "West"));
        var east2000 = result.Summary[1];
        east2000.MeanDegree.Should().BeApproximately((result.Rows[0].Value.Degree + result.Rows[2].Value.Degree) / 2, 1e-15);

        var rescaled = CouplingCoordination.Compute(panel, ["dei", "econ"], new CouplingCoordinationOptions { Rescale = true });
        rescaled.Rescaled.Should().BeTrue();
        rescaled.Rows[5].Scores[0].Should().BeApproximately(0.01, 1e-15);   // dei minimum
        rescaled.Rows[4].Scores[0].Should().BeApproximately(0.99, 1e-15);   // dei maximum
    }

    [Fact]
    public void Bad_inputs_say_what_is_wrong()
    {
        var panel = IndexTestSupport.Panel(2, 1, ("a", [0.2, 1.4]), ("b", [0.3, 0.3]));
        var outOfRange = () => CouplingCoordination.Compute(panel, ["a", "b"]);
        outOfRange.Should().Throw<SpecificationException>().WithMessage("*'a'*1.4*");
        var oneSystem = () => CouplingCoordination.Compute(panel, ["a"]);
        oneSystem.Should().Throw<SpecificationException>().WithMessage("*at least two*");
        var weights = () => CouplingCoordination.Compute(panel, ["a", "b"], new CouplingCoordinationOptions { Weights = [0.7, 0.7], Rescale = true });
        weights.Should().Throw<SpecificationException>().WithMessage("*sum to 1*");
    }
}
