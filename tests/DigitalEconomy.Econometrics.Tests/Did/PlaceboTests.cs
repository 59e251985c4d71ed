using DigitalEconomy.Econometrics.Did;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Did;

/// <summary>Permutation and fake-timing placebos of the TWFE DID.</summary>
public class PlaceboTests
{
    private static readonly StaggeredDgp Dgp = new() { Units = 60, Periods = 8, Cohorts = [2003, 2005, 2007], Slopes = [1.0, 0.6, 0.2] };

    [Fact]
    public void The_observed_statistic_is_the_twfe_coefficient_with_and_without_controls()
    {
        // FWL with the library's exact two-way demeaning against the full regression: 1e-10.
        var panel = Dgp.Build(41);
        var plain = PlaceboTest.Run(panel, new PlaceboOptions("y", "g") { Replications = 20 });
        plain.Observed.Should().BeApproximately(plain.Actual.Att.Estimate, 1e-10);
        var timeVarying = panel.WithColumn("z", panel.CopyColumn("y").Select((v, i) => Math.Sin(i) + 0.1 * v).ToArray());
        var controlled = PlaceboTest.Run(timeVarying, new PlaceboOptions("y", "g") { Controls = ["z"], Replications = 20 });
        controlled.Observed.Should().BeApproximately(controlled.Actual.Att.Estimate, 1e-10);
    }

    [Fact]
    public void Permutations_are_identical_whatever_the_thread_count()
    {
        var panel = Dgp.Build(42);
        var options = new PlaceboOptions("y", "g") { Replications = 64, Seed = 9 };
        var parallel = PlaceboTest.Run(panel, options);
        PlaceboResult serial;
        using (DidParallelism.Limit(1)) serial = PlaceboTest.Run(panel, options);
        serial.Distribution.Should().Equal(parallel.Distribution);
        PlaceboTest.Run(panel, options with { Seed = 10 }).Distribution.Should().NotEqual(parallel.Distribution);
    }

    [Fact]
    public void A_real_effect_is_extreme_in_the_permutation_distribution_and_no_effect_is_not()
    {
        var effect = PlaceboTest.Run(Dgp.Build(43), new PlaceboOptions("y", "g") { Replications = 199 });
        effect.PValue.Should().BeLessThan(0.02);
        effect.Quantile(0.975).Should().BeLessThan(effect.Observed);
        var none = new StaggeredDgp { Units = 60, Periods = 8, Cohorts = [2003, 2005, 2007], Slopes = [0, 0, 0] };
        var nullRun = PlaceboTest.Run(none.Build(43), new PlaceboOptions("y", "g") { Replications = 199 });
        nullRun.PValue.Should().BeGreaterThan(0.05);
        Math.Abs(nullRun.Quantile(0.5)).Should().BeLessThan(0.2, "placebo assignments are centred on zero");
    }

    [Fact]
    public void Fake_timing_finds_no_effect_under_parallel_pre_trends()
    {
        var fake = PlaceboTest.FakeTiming(Dgp.Build(44), new DidOptions("y", "g"), 2);
        Math.Abs(fake.Att.Estimate).Should().BeLessThan(3 * fake.Att.StdError);
        var act = () => PlaceboTest.FakeTiming(Dgp.Build(44), new DidOptions("y", "g"), 0);
        act.Should().Throw<SpecificationException>();
    }
}
