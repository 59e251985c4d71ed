using DigitalEconomy.Econometrics.Data;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Data;

/// <summary>
/// Lags, leads and differences across gaps; logs, winsorising (Stata percentiles), standardising and group
/// means. Expected values are hand-computed; equality is exact unless a tolerance is stated.
/// </summary>
public class PanelTransformsTests
{
    private static readonly double NaN = double.NaN;

    // A: 2008, 2009, 2011, 2012 (2010 missing); B: 2008–2012 complete. x = 10·entity + position.
    private static PanelData GappedYears() => new PanelDataBuilder("city", "year")
        .Keys(["B", "A", "A", "A", "A", "B", "B", "B", "B"], [2008, 2008, 2009, 2011, 2012, 2009, 2010, 2011, 2012])
        .Numeric("x", [21, 1, 2, 3, 4, 22, 23, 24, 25])
        .Build();

    [Fact]
    public void Lag_lead_and_difference_are_missing_across_a_gap_in_integer_years()
    {
        var p = GappedYears();
        p.Entities.Levels.Should().Equal("A", "B");
        p.Column("x").ToArray().Should().Equal(1, 2, 3, 4, 21, 22, 23, 24, 25);
        p.Lag("x").Should().Equal(NaN, 1, NaN, 3, NaN, 21, 22, 23, 24);
        p.Lead("x").Should().Equal(2, NaN, 4, NaN, 22, 23, 24, 25, NaN);
        p.Difference("x").Should().Equal(NaN, 1, NaN, 1, NaN, 1, 1, 1, 1);
        p.Lag("x", 2).Should().Equal(NaN, NaN, 2, NaN, NaN, NaN, 21, 22, 23);
        // 2008 + 3 = 2011 and 2009 + 3 = 2012 exist for A although 2010 does not.
        p.Lead("x", 3).Should().Equal(3, 4, NaN, NaN, 24, 25, NaN, NaN, NaN);
        p.Lag("x", 0).Should().Equal(p.Column("x").ToArray());
    }

    [Fact]
    public void A_year_missing_from_the_whole_panel_is_still_a_gap()
    {
        // No entity has 2010: in calendar time 2011's lag is 2010, which is missing.
        var p = new PanelDataBuilder("id", "year").Keys([1, 1, 1, 2, 2], [2008, 2009, 2011, 2009, 2011]).Numeric("x", [1, 2, 3, 4, 5]).Build();
        p.TimeStep.Should().Be(1);
        p.Lag("x").Should().Equal(NaN, 1, NaN, NaN, NaN);
        p.Structure.EntitiesWithGaps.Should().Be(2);
        p.Structure.IsBalanced.Should().BeFalse("entity 2 lacks 2008");
    }

    [Fact]
    public void Regularly_spaced_years_use_their_common_step()
    {
        // Quinquennial data: the previous period of 2010 is 2005 (Stata: xtset id year, delta(5)).
        var p = new PanelDataBuilder("id", "year").Keys([1, 1, 1, 2, 2], [2000, 2005, 2010, 2000, 2010]).Numeric("x", [1, 2, 3, 4, 5]).Build();
        p.TimeStep.Should().Be(5);
        p.HasIntegerTimes.Should().BeTrue();
        p.Lag("x").Should().Equal(NaN, 1, 2, NaN, NaN);
        p.Structure.EntitiesWithGaps.Should().Be(1);
    }

    [Fact]
    public void Text_periods_lag_to_the_previous_period_of_the_panel()
    {
        // A lacks 2008Q2 but B has it, so A's 2008Q3 lag is missing; 2008Q4 is absent everywhere, so 2009Q1
        // follows 2008Q3 directly (text periods have no calendar).
        var p = new PanelDataBuilder("id", "q")
            .Keys(["A", "A", "A", "B", "B"], ["2008Q1", "2008Q3", "2009Q1", "2008Q2", "2008Q3"])
            .Numeric("x", [1, 3, 5, 2, 4]).Build();
        p.HasIntegerTimes.Should().BeFalse();
        p.Times.Levels.Should().Equal("2008Q1", "2008Q2", "2008Q3", "2009Q1");
        p.Lag("x").Should().Equal(NaN, NaN, 3, NaN, 2);
        p.Lead("x").Should().Equal(NaN, 5, NaN, 4, NaN);
        p.Structure.EntitiesWithGaps.Should().Be(1);
    }

    [Fact]
    public void Missing_values_propagate_through_lags_and_differences()
    {
        var p = new PanelDataBuilder("id", "t").Keys([1, 1, 1], [1, 2, 3]).Numeric("x", [1, NaN, 3]).Build();
        p.Lag("x").Should().Equal(NaN, 1, NaN);
        p.Difference("x").Should().Equal(NaN, NaN, NaN);
    }

    [Fact]
    public void Log_names_the_first_bad_entity_and_period_and_counts_them()
    {
        var p = new PanelDataBuilder("city", "year").Keys(["A", "A", "B"], [2008, 2009, 2008]).Numeric("gdp", [1, 0, -2]).Build();
        FluentActions.Invoking(() => p.Log("gdp")).Should().Throw<SpecificationException>().Which.Message.Should().Be(
            "Cannot take the log of column 'gdp': it is 0 for city A in year 2009 (2 non-positive values in all); a log needs positive values (shift the column or set those values missing first).");
        var q = p.WithColumn("gdp", [Math.E, NaN, 1]);
        q.Log("gdp").Should().Equal(1, NaN, 0);
    }

    [Fact]
    public void Square_interaction_and_standardise()
    {
        var p = new PanelDataBuilder("id", "t").Keys([1, 1, 1, 1, 1], [1, 2, 3, 4, 5]).Numeric("a", [1, 2, 3, 4, NaN]).Numeric("b", [2, 2, 2, 2, 2]).Build();
        p.Square("a").Should().Equal(1, 4, 9, 16, NaN);
        p.Interaction("a", "b").Should().Equal(2, 4, 6, 8, NaN);
        // mean 2.5, sd = sqrt(5/3) with the n − 1 denominator; tolerance 1e-15 for rounding in the division.
        var z = p.Standardize("a");
        double sd = Math.Sqrt(5.0 / 3.0);
        z.Take(4).Should().BeEquivalentTo(new[] { -1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd }, o => o.Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-15)).WhenTypeIs<double>());
        double.IsNaN(z[4]).Should().BeTrue();
        FluentActions.Invoking(() => p.Standardize("b")).Should().Throw<SpecificationException>().WithMessage("Cannot standardise column 'b': it is constant.");
    }

    [Fact]
    public void Stata_percentile_definition()
    {
        var x = Enumerable.Range(1, 10).Select(i => (double)i).ToArray();
        // n = 10: p = 0.1 → P = 1 (integer) → (x1 + x2)/2; p = 0.15 → P = 1.5 → x2; p = 0.9 → (x9 + x10)/2.
        PanelTransforms.StataPercentile(x, 0.1).Should().Be(1.5);
        PanelTransforms.StataPercentile(x, 0.15).Should().Be(2);
        PanelTransforms.StataPercentile(x, 0.9).Should().Be(9.5);
        PanelTransforms.StataPercentile(x, 0.85).Should().Be(9);
        PanelTransforms.StataPercentile(x, 0.05).Should().Be(1);
        PanelTransforms.StataPercentile(x, 0).Should().Be(1);
        PanelTransforms.StataPercentile(x, 1).Should().Be(10);
        // n = 100, p = 0.07: 100·0.07 = 7.000000000000001 in binary, but Stata's P is exactly 7 → (x7 + x8)/2.
        var y = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        PanelTransforms.StataPercentile(y, 0.07).Should().Be(7.5);
        PanelTransforms.StataPercentile(y, 0.93).Should().Be(93.5);
    }

    [Fact]
    public void Winsorize_pooled_matches_hand_computed_stata_cuts()
    {
        // 10 values 1..10 (shuffled) plus a missing one; cuts at 10% / 90% are 1.5 and 9.5.
        double[] x = [7, 3, 10, 1, NaN, 5, 2, 9, 4, 8, 6];
        var p = new PanelDataBuilder("id", "t").Keys(Enumerable.Repeat(1, 11).ToArray(), Enumerable.Range(1, 11).ToArray()).Numeric("x", x).Build();
        p.Winsorize("x", 0.1, 0.9).Should().Equal(7, 3, 9.5, 1.5, NaN, 5, 2, 9, 4, 8, 6);
        p.Winsorize("x", 0.15, 0.85).Should().Equal(7, 3, 9, 2, NaN, 5, 2, 9, 4, 8, 6);
        FluentActions.Invoking(() => p.Winsorize("x", 1, 99)).Should().Throw<SpecificationException>()
            .WithMessage("Winsorising needs 0 ≤ lower < upper ≤ 1 (fractions, e.g. 0.01 and 0.99); got 1 and 99.");
    }

    [Fact]
    public void Winsorize_per_period_and_by_group_uses_each_groups_own_cuts()
    {
        // Year 1: 1..5 → 20%/80% cuts: P = 1 → 1.5, P = 4 → 4.5. Year 2: 10, 20, 30, 40, 50 → 15 and 45.
        var ids = new[] { 1, 2, 3, 4, 5, 1, 2, 3, 4, 5 };
        var years = new[] { 1, 1, 1, 1, 1, 2, 2, 2, 2, 2 };
        double[] x = [1, 2, 3, 4, 5, 50, 40, 30, 20, 10];
        var p = new PanelDataBuilder("id", "year").Keys(ids, years).Numeric("x", x).Text("grp", ids.Select(i => i <= 2 ? "g1" : "g2").ToArray()).Build();
        // Rows are sorted by (id, year): id1: (1, 50), id2: (2, 40), id3: (3, 30), id4: (4, 20), id5: (5, 10).
        p.Winsorize("x", 0.2, 0.8, WinsorizeScope.PerPeriod).Should().Equal(1.5, 45, 2, 40, 3, 30, 4, 20, 4.5, 15);
        // Pooled over the 10 values {1..5, 10..50}: P = 2 → (2 + 3)/2 = 2.5, P = 8 → (30 + 40)/2 = 35.
        p.Winsorize("x", 0.2, 0.8).Should().Equal(2.5, 35, 2.5, 35, 3, 30, 4, 20, 5, 10);
        // By group g1 = ids 1–2: values {1, 50, 2, 40}: P = 0.8 → x(1) = 1; P = 3.2 → x(4) = 50: unchanged.
        // g2 = ids 3–5: {3, 30, 4, 20, 5, 10}: P = 1.2 → x(2) = 4; P = 4.8 → x(5) = 20.
        p.Winsorize("x", 0.2, 0.8, "grp").Should().Equal(1, 50, 2, 40, 4, 20, 4, 20, 5, 10);
    }

    [Fact]
    public void Group_means_by_entity_time_text_column_numeric_code_and_combinations()
    {
        var p = new PanelDataBuilder("city", "year")
            .Keys(["A", "A", "B", "B", "C", "C"], [1, 2, 1, 2, 1, 2])
            .Numeric("x", [1, 3, 5, NaN, 9, 11])
            .Numeric("prov", [7, 7, 7, 7, 8, 8])
            .Text("region", ["East", "East", "West", "West", "West", "West"])
            .Build();
        p.GroupMean("x", "city").Should().Equal(2, 2, 5, 5, 10, 10);
        p.GroupMean("x", "year").Should().Equal(5, 7, 5, 7, 5, 7);
        p.GroupMean("x", "region").Should().Equal(2, 2, 25.0 / 3, 25.0 / 3, 25.0 / 3, 25.0 / 3);
        p.GroupMean("x", "prov").Should().Equal(3, 3, 3, 3, 10, 10);
        p.GroupMean("x", ["region", "year"]).Should().Equal(1, 3, 7, 11, 7, 11);
        p.Grouping(["region", "year"]).Levels.Should().Equal("East#1", "East#2", "West#1", "West#2");
        PanelTransforms.GroupMeans(p.Column("x"), p.Grouping("region")).Should().Equal(2, 25.0 / 3);
    }

    [Fact]
    public void Group_mean_of_an_all_missing_group_is_missing()
    {
        var p = new PanelDataBuilder("id", "t").Keys([1, 1, 2], [1, 2, 1]).Numeric("x", [1, 2, NaN]).Build();
        p.GroupMean("x", "id").Should().Equal(1.5, 1.5, NaN);
    }
}
