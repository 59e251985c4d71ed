using CsCheck;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Indices;
using DigitalEconomy.Econometrics.Reporting;
using FluentAssertions;
using static DigitalEconomy.Econometrics.Tests.Indices.IndexTestSupport;

namespace DigitalEconomy.Econometrics.Tests.Indices;

public class InequalityTests
{
    private static readonly Gen<double> Income = Gen.Int[1, 100_000].Select(v => v / 10.0);
    private static readonly Gen<double> Population = Gen.Int[1, 1000].Select(v => (double)v);

    /// <summary>2–40 units with incomes, population weights and one of up to 4 groups.</summary>
    private static readonly Gen<(double[] X, double[] W, int[] G)> Samples =
        Gen.Int[2, 40].SelectMany(n => Gen.Select(Income.Array[n], Population.Array[n], Gen.Int[0, 3].Array[n]));

    private static readonly string[] Labels = ["A", "B", "C", "D"];

    [Theory]
    [InlineData(1.0, 3.0)]
    [InlineData(2.5, 10.0)]
    public void Two_point_distribution_closed_forms(double a, double b)
    {
        var m = Inequality.Measure([a, b]);
        double mu = (a + b) / 2;
        // 1e-15: a handful of operations on both sides.
        m.Gini.Should().BeApproximately((b - a) / (2 * (a + b)), 1e-15);
        m.TheilT.Should().BeApproximately(0.5 * (a / mu * Math.Log(a / mu) + b / mu * Math.Log(b / mu)), 1e-15);
        m.TheilL.Should().BeApproximately(0.5 * (Math.Log(mu / a) + Math.Log(mu / b)), 1e-15);
        m.CoefficientOfVariation.Should().BeApproximately((b - a) / (a + b), 1e-15);
        m.Mean.Should().Be(mu);
    }

    [Fact]
    public void Weighted_two_point_gini_is_pi_one_minus_pi_times_range_over_mean()
    {
        // Shares π = 0.25 at 2 and 0.75 at 10: μ = 8, G = π(1 − π)(b − a)/μ = 0.1875·8/8 = 0.1875.
        var m = Inequality.Measure([10.0, 2.0], [300.0, 100.0]);
        m.Mean.Should().Be(8);
        m.Gini.Should().BeApproximately(0.1875, 1e-15); // 1e-15: three operations.
    }

    [Fact]
    public void Gini_matches_the_double_sum() =>
        Samples.Sample(s =>
        {
            // 1e-12: O(n) cumulative form vs. the O(n²) definition.
            Inequality.Measure(s.X, s.W).Gini.Should().BeApproximately(BruteGini(s.X, s.W), 1e-12);
            Inequality.Measure(s.X).Gini.Should().BeApproximately(BruteGini(s.X), 1e-12);
        }, iter: 200);

    [Fact]
    public void Gini_and_Theil_of_equal_incomes_are_zero() =>
        Gen.Select(Income, Gen.Int[1, 50]).Sample((v, n) =>
        {
            var m = Inequality.Measure(Enumerable.Repeat(v, n).ToArray());
            // 1e-13: only the rounding of μ = Σ s_i v (up to n ulps for n ≤ 50) separates μ from v.
            m.Gini.Should().BeApproximately(0, 1e-13);
            m.TheilT.Should().BeApproximately(0, 1e-13);
            m.TheilL.Should().BeApproximately(0, 1e-13);
        }, iter: 100);

    [Fact]
    public void Integer_population_weights_equal_replicating_units() =>
        Gen.Int[2, 15].SelectMany(n => Gen.Select(Income.Array[n], Gen.Int[1, 4].Array[n])).Sample((x, k) =>
        {
            var weighted = Inequality.Measure(x, k.Select(v => (double)v).ToArray());
            var replicated = Inequality.Measure(x.SelectMany((v, i) => Enumerable.Repeat(v, k[i])).ToArray());
            // 1e-12: same quantities, different summation orders.
            weighted.Gini.Should().BeApproximately(replicated.Gini, 1e-12);
            weighted.TheilT.Should().BeApproximately(replicated.TheilT, 1e-12);
            weighted.TheilL.Should().BeApproximately(replicated.TheilL, 1e-12);
            weighted.CoefficientOfVariation.Should().BeApproximately(replicated.CoefficientOfVariation, 1e-12);
        }, iter: 100);

    [Fact]
    public void Theil_between_plus_within_equals_total() =>
        Samples.Sample(s =>
        {
            var d = Inequality.DecomposeTheil(s.X, s.G, Labels, s.W);
            var m = Inequality.Measure(s.X, s.W);
            // 1e-12: the decomposition is exact; only rounding differs.
            (d.BetweenT + d.WithinT).Should().BeApproximately(d.TheilT, 1e-12);
            (d.BetweenL + d.WithinL).Should().BeApproximately(d.TheilL, 1e-12);
            d.TheilT.Should().BeApproximately(m.TheilT, 1e-15);
            d.Groups.Sum(g => g.WithinTermT).Should().BeApproximately(d.WithinT, 1e-15);
            d.Groups.Sum(g => g.PopulationShare).Should().BeApproximately(1, 1e-14);
            d.Groups.Sum(g => g.IncomeShare).Should().BeApproximately(1, 1e-14);
        }, iter: 200);

    [Fact]
    public void Theil_decomposition_hand_example()
    {
        // Groups A = {1, 3} (mean 2), B = {4, 8} (mean 6); μ = 4; income shares S_A = ¼, S_B = ¾.
        var d = Inequality.DecomposeTheil([1.0, 3, 4, 8], [0, 0, 1, 1], ["A", "B"]);
        double tA = 0.5 * (0.5 * Math.Log(0.5) + 1.5 * Math.Log(1.5));
        double tB = 0.5 * (2.0 / 3 * Math.Log(2.0 / 3) + 4.0 / 3 * Math.Log(4.0 / 3));
        // 1e-15: few operations.
        d.WithinT.Should().BeApproximately(0.25 * tA + 0.75 * tB, 1e-15);
        d.BetweenT.Should().BeApproximately(0.25 * Math.Log(0.5) + 0.75 * Math.Log(1.5), 1e-15);
        d.BetweenL.Should().BeApproximately(0.5 * Math.Log(2) + 0.5 * Math.Log(4.0 / 6), 1e-15);
    }

    [Fact]
    public void Dagum_components_sum_to_the_overall_gini() =>
        Samples.Sample(s =>
        {
            var d = Inequality.DecomposeGini(s.X, s.G, Labels, s.W);
            // 1e-12: G = G_w + G_nb + G_t is an identity; G itself is computed directly.
            (d.Within + d.NetBetween + d.Transvariation).Should().BeApproximately(d.Gini, 1e-12);
            d.Gini.Should().BeApproximately(BruteGini(s.X, s.W), 1e-12);
            d.Pairs.All(p => p.RelativeAffluence >= -1e-12 && p.RelativeAffluence <= 1 + 1e-12).Should().BeTrue(); // D_jh ∈ [0, 1] up to rounding
        }, iter: 200);

    [Fact]
    public void Dagum_matches_the_definitions_written_as_double_sums()
    {
        double[] x = [3, 7, 1, 12, 5, 9, 4, 15, 2, 8];
        int[] g = [0, 1, 0, 2, 1, 2, 0, 2, 1, 1];
        var d = Inequality.DecomposeGini(x, g, ["East", "Central", "West"]);
        var groups = Enumerable.Range(0, 3).Select(k => x.Where((_, i) => g[i] == k).ToArray()).ToArray();
        int n = x.Length;
        double mu = x.Average();
        var p = groups.Select(y => (double)y.Length / n).ToArray();
        var s = groups.Select(y => y.Length * y.Average() / (n * mu)).ToArray();
        double SumAbs(double[] a, double[] b) => a.Sum(u => b.Sum(v => Math.Abs(u - v)));
        double SumPos(double[] a, double[] b) => a.Sum(u => b.Sum(v => Math.Max(u - v, 0)));
        double gw = Enumerable.Range(0, 3).Sum(j => SumAbs(groups[j], groups[j]) / (2.0 * groups[j].Length * groups[j].Length * groups[j].Average()) * p[j] * s[j]);
        double gnb = 0, gt = 0;
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < a; b++)
            {
                int j = groups[a].Average() >= groups[b].Average() ? a : b, h = j == a ? b : a;
                double gjh = SumAbs(groups[j], groups[h]) / (groups[j].Length * groups[h].Length * (groups[j].Average() + groups[h].Average()));
                double djh = SumPos(groups[j], groups[h]) / (groups[j].Length * groups[h].Length);
                double pjh = SumPos(groups[h], groups[j]) / (groups[j].Length * groups[h].Length);
                double D = (djh - pjh) / (djh + pjh), weight = p[j] * s[h] + p[h] * s[j];
                gnb += gjh * weight * D;
                gt += gjh * weight * (1 - D);
            }
        // 1e-14: same definitions, O(n) merge sums vs. explicit double sums over 10 values.
        d.Gini.Should().BeApproximately(SumAbs(x, x) / (2.0 * n * n * mu), 1e-14);
        d.Within.Should().BeApproximately(gw, 1e-14);
        d.NetBetween.Should().BeApproximately(gnb, 1e-14);
        d.Transvariation.Should().BeApproximately(gt, 1e-14);
        d.Groups.Select(c => c.Group).Should().Equal("East", "Central", "West");
        d.Groups[2].WithinGini.Should().BeApproximately(SumAbs(groups[2], groups[2]) / (2.0 * 9 * groups[2].Average()), 1e-14);
    }

    [Fact]
    public void Dagum_without_overlap_has_no_transvariation_and_net_between_is_poor_population_share_minus_income_share()
    {
        // Costa (2004), "Gini index decomposition for the case of two subgroups", Statistica 64(3): when every member of
        // the poor group is below every member of the rich group, G_t = 0 and G_nb = p_poor − s_poor.
        double[] x = [1, 2, 4, 10, 12, 20, 30];
        int[] g = [0, 0, 0, 1, 1, 1, 1];
        var d = Inequality.DecomposeGini(x, g, ["poor", "rich"]);
        double pPoor = 3.0 / 7, sPoor = 7.0 / x.Sum();
        // Exact zero: p_jh sums only positive parts, and none exist.
        d.Transvariation.Should().Be(0);
        d.Pairs.Single().RelativeAffluence.Should().Be(1);
        // 1e-15: a few operations.
        d.NetBetween.Should().BeApproximately(pPoor - sPoor, 1e-15);
    }

    private static PanelData RegionPanel()
    {
        // 6 cities × 3 years; city 4 misses 2001.
        var gdp = new double[] { 10, 11, 12, 20, 22, 25, 15, 15, 16, 40, double.NaN, 48, 8, 9, 10, 30, 33, 37 };
        var pop = new double[] { 5, 5, 5, 2, 2, 2, 3, 3, 3, 8, 8, 8, 1, 1, 1, 4, 4, 4 };
        return Panel(6, 3, ["West", "East", "Central", "East", "West", "Central"], ("gdppc", gdp), ("pop", pop));
    }

    [Fact]
    public void Series_per_period_equals_the_cross_section_measures_and_reports_dropped_rows()
    {
        var panel = RegionPanel();
        var series = Inequality.Series(panel, "gdppc", "pop");
        series.Periods.Select(p => p.Period).Should().Equal("2000", "2001", "2002");
        series.RowsDropped.Should().Be(1);
        series.Periods[1].Count.Should().Be(5);
        var x2001 = new double[] { 11, 22, 15, 9, 33 };
        var w2001 = new double[] { 5, 2, 3, 1, 4 };
        // Exact: the same values reach the same code.
        series.Periods[1].Should().Be(Inequality.Measure(x2001, w2001, "2001"));
        var text = series.ToTable().Render(TableFormat.Text);
        text.Should().Contain("Theil T").And.Contain("Population-weighted by 'pop'").And.Contain("1 rows with a missing value");
    }

    [Fact]
    public void Theil_and_Dagum_series_tables_have_a_column_per_region()
    {
        var panel = RegionPanel();
        var theil = Inequality.TheilSeries(panel, "gdppc", "region");
        theil.Periods.Should().HaveCount(3);
        theil.ToTable(TheilIndex.L).Headers.Should().Contain("Within: East").And.Contain("Within: West");
        var dagum = Inequality.DagumSeries(panel, "gdppc", "region", "pop");
        foreach (var p in dagum.Periods)
            (p.Within + p.NetBetween + p.Transvariation).Should().BeApproximately(p.Gini, 1e-14); // 1e-14: identity, 3 groups.
        dagum.ToTable().Headers.Should().Contain("Gini Central");
        dagum.PairTable().Rows.Should().HaveCount(3);
        dagum.ToTable().Render(TableFormat.Csv).Split('\n')[0].Should().StartWith("Period,Gini,Within");
    }

    [Fact]
    public void Non_positive_values_and_weights_are_named()
    {
        var panel = RegionPanel();
        var negative = panel.WithColumn("bad", panel.CopyColumn("gdppc").Select((v, r) => r == 2 ? -1 : v).ToArray());
        var act = () => Inequality.Series(negative, "bad");
        act.Should().Throw<SpecificationException>().WithMessage("Inequality measures need positive finite 'bad' (Theil indices take its log), but row (1, 2002) is -1.");
        var zeroWeight = panel.WithColumn("w0", panel.CopyColumn("pop").Select((v, r) => r == 0 ? 0 : v).ToArray());
        var weights = () => Inequality.Series(zeroWeight, "gdppc", "w0");
        weights.Should().Throw<SpecificationException>().WithMessage("Population weights must be positive and finite, but 'w0' at row (1, 2000) is 0.");
    }
}
