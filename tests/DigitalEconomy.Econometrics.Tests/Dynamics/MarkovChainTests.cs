using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Dynamics;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Spatial;
using DigitalEconomy.Econometrics.Tests.Indices;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Dynamics;

public class MarkovChainTests
{
    /// <summary>3 units × 4 periods of levels with classes ≤1 | (1,2] | >2 at cuts 1, 2.</summary>
    private static PanelData HandPanel() => IndexTestSupport.Panel(3, 4, ("y",
    [
        0.5, 1.5, 2.5, 2.5,    // classes 0 1 2 2
        1.0, 0.8, 1.2, 3.0,    // classes 0 0 1 2 (1.0 is on the cut: lower class)
        2.2, 1.9, double.NaN, 0.1, // classes 2 1 . 0
    ]));

    [Fact]
    public void Counts_on_a_hand_made_panel()
    {
        var fit = MarkovChain.Fit(HandPanel(), "y", new MarkovChainOptions { Cuts = [1, 2], Relative = false });
        // Unit 1: 0→1, 1→2, 2→2. Unit 2: 0→0, 0→1, 1→2. Unit 3: 2→1 (the gap breaks 1→. and .→0).
        long[][] expected = [[1, 2, 0], [0, 0, 2], [0, 1, 1]];
        fit.Transitions.Counts.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        fit.Transitions.Probabilities[0].Should().Equal(1 / 3.0, 2 / 3.0, 0);
        fit.Missing.RowsDropped.Should().Be(1);
        fit.ClassShares[0].Shares.Should().Equal(2 / 3.0, 0, 1 / 3.0);

        var two = MarkovChain.Fit(HandPanel(), "y", new MarkovChainOptions { Cuts = [1, 2], Relative = false, Horizon = 2 });
        // t → t+2: unit 1: 0→2, 1→2; unit 2: 0→1, 0→2; unit 3: 1→0.
        two.Transitions.Counts.Should().BeEquivalentTo(new long[][] { [0, 1, 2], [1, 0, 1], [0, 0, 0] }, o => o.WithStrictOrdering());
        two.Transitions.HasErgodicDistribution.Should().BeFalse("class 3 has no transitions out");
    }

    [Fact]
    public void Relative_levels_and_quantile_cuts()
    {
        var panel = RandomPanel(50, 8, 3);
        var fit = MarkovChain.Fit(panel, "y");
        var y = panel.CopyColumn("y");
        var rel = new double[y.Length];
        for (int r = 0; r < y.Length; r++)
        {
            int t = r % 8;
            double mean = Enumerable.Range(0, 50).Average(e => y[e * 8 + t]);
            rel[r] = y[r] / mean;
        }
        Array.Sort(rel);
        fit.Cuts.Should().HaveCount(3);
        for (int i = 1; i <= 3; i++)
            fit.Cuts[i - 1].Should().BeApproximately(SortedQuantile.Type7(rel, i / 4.0), 1e-12);
        fit.Transitions.Total.Should().Be(50 * 7);
    }

    [Fact]
    public void Ergodic_distribution_is_a_fixed_point_and_first_passage_identities_hold()
    {
        var fit = MarkovChain.Fit(RandomPanel(200, 10, 5), "y", new MarkovChainOptions { Classes = 5 });
        var t = fit.Transitions;
        int k = t.Classes;
        t.HasErgodicDistribution.Should().BeTrue();
        t.Ergodic.Sum().Should().BeApproximately(1, 1e-12);
        for (int j = 0; j < k; j++)
            Enumerable.Range(0, k).Sum(i => t.Ergodic[i] * t.Probabilities[i][j]).Should().BeApproximately(t.Ergodic[j], 1e-12);
        var m = t.FirstPassageTimes;
        for (int i = 0; i < k; i++)
        {
            m[i][i].Should().BeApproximately(1 / t.Ergodic[i], 1e-9);
            // m_ij = 1 + Σ_{l≠j} p_il m_lj (first-step analysis), for every i and j.
            for (int j = 0; j < k; j++)
                m[i][j].Should().BeApproximately(1 + Enumerable.Range(0, k).Where(l => l != j).Sum(l => t.Probabilities[i][l] * m[l][j]), 1e-9);
        }
    }

    [Fact]
    public void Spatial_chain_and_homogeneity_tests_match_a_direct_computation()
    {
        int units = 60, periods = 6;
        var panel = RandomPanel(units, periods, 9);
        // Ring: each unit's neighbours are the two next to it, weight 1 (row-standardised to 1/2).
        var keys = Enumerable.Range(1, units).Select(i => i.ToString()).ToArray();
        var weights = SpatialWeights.FromLinks(keys, Enumerable.Range(0, units).SelectMany(i => new[]
        {
            new SpatialLink(i, (i + 1) % units, 1),
            new SpatialLink(i, (i + units - 1) % units, 1),
        }));
        var fit = MarkovChain.Fit(panel, "y", new MarkovChainOptions { Classes = 3 }, weights);
        var s = fit.Spatial!;

        // Direct: relative levels, classes, the ring lag and its tercile classes, and counts by lag class.
        var y = panel.CopyColumn("y");
        var rel = new double[units * periods];
        for (int e = 0; e < units; e++)
            for (int t = 0; t < periods; t++)
                rel[e * periods + t] = y[e * periods + t] / Enumerable.Range(0, units).Average(u => y[u * periods + t]);
        var lag = new double[rel.Length];
        for (int e = 0; e < units; e++)
            for (int t = 0; t < periods; t++)
                lag[e * periods + t] = (rel[(e + 1) % units * periods + t] + rel[(e + units - 1) % units * periods + t]) / 2;
        var sortedLag = lag.OrderBy(v => v).ToArray();
        double[] lagCuts = [SortedQuantile.Type7(sortedLag, 1 / 3.0), SortedQuantile.Type7(sortedLag, 2 / 3.0)];
        s.LagCuts.Should().Equal(lagCuts);
        int Cls(double v, IReadOnlyList<double> c) => v <= c[0] ? 0 : v <= c[1] ? 1 : 2;
        var n = new double[3, 3, 3];
        for (int e = 0; e < units; e++)
            for (int t = 0; t + 1 < periods; t++)
                n[Cls(lag[e * periods + t], lagCuts), Cls(rel[e * periods + t], fit.Cuts), Cls(rel[e * periods + t + 1], fit.Cuts)]++;
        for (int l = 0; l < 3; l++)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    s.Conditional[l].Counts[i][j].Should().Be((long)n[l, i, j]);

        double lr = 0, q = 0;
        int df = 0;
        for (int i = 0; i < 3; i++)
        {
            double ni = 0;
            var nij = new double[3];
            for (int l = 0; l < 3; l++) for (int j = 0; j < 3; j++) { nij[j] += n[l, i, j]; ni += n[l, i, j]; }
            int a = 0, b = nij.Count(v => v > 0);
            for (int l = 0; l < 3; l++)
            {
                double nil = n[l, i, 0] + n[l, i, 1] + n[l, i, 2];
                if (nil == 0) continue;
                a++;
                for (int j = 0; j < 3; j++)
                {
                    double pl = n[l, i, j] / nil, p = nij[j] / ni;
                    if (n[l, i, j] > 0) lr += 2 * n[l, i, j] * Math.Log(pl / p);
                    if (nij[j] > 0) q += nil * (pl - p) * (pl - p) / p;
                }
            }
            df += (a - 1) * (b - 1);
        }
        // 1e-10: the same sums in a different order.
        s.Homogeneity.LikelihoodRatio.Should().BeApproximately(lr, 1e-10);
        s.Homogeneity.Q.Should().BeApproximately(q, 1e-10);
        s.Homogeneity.DegreesOfFreedom.Should().Be(df);
        s.Homogeneity.PValueLr.Should().BeApproximately(1 - MathNet.Numerics.Distributions.ChiSquared.CDF(df, lr), 1e-12);
        s.TransitionsWithoutLag.Should().Be(0);
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        var panel = HandPanel();
        var unsorted = () => MarkovChain.Fit(panel, "y", new MarkovChainOptions { Cuts = [2, 1] });
        unsorted.Should().Throw<SpecificationException>().WithMessage("*increase strictly*");
        var horizon = () => MarkovChain.Fit(panel, "y", new MarkovChainOptions { Horizon = 0 });
        horizon.Should().Throw<SpecificationException>().WithMessage("*horizon*");
        var ties = () => MarkovChain.Fit(IndexTestSupport.Panel(4, 2, ("y", [1, 1, 1, 1, 1, 1, 2, 2])), "y", new MarkovChainOptions { Relative = false });
        ties.Should().Throw<SpecificationException>().WithMessage("*coincide*");
    }

    /// <summary>A persistent positive AR(1) in logs: y = exp(u), u_t = 0.8 u_{t−1} + e.</summary>
    internal static PanelData RandomPanel(int units, int periods, ulong seed)
    {
        var rng = SeededRandom.ForStream(seed, 1);
        var y = new double[units * periods];
        for (int e = 0; e < units; e++)
        {
            double u = rng.NextGaussian();
            for (int t = 0; t < periods; t++)
            {
                u = 0.8 * u + 0.5 * rng.NextGaussian();
                y[e * periods + t] = Math.Exp(u);
            }
        }
        return IndexTestSupport.Panel(units, periods, ("y", y));
    }
}

public class SortedQuantileTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 1000)]
    [InlineData(3, 1001)]
    [InlineData(4, 57)]
    public void Selection_quantiles_equal_sorted_type7(int seed, int n)
    {
        var rng = new SeededRandom((ulong)seed);
        // Many ties (rounded values) exercise the equal-to-pivot branch of the selection.
        var x = Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextGaussian() * 3)).ToArray();
        var sorted = x.OrderBy(v => v).ToArray();
        double[] ps = [0.1, 0.25, 0.25, 0.5, 0.75, 0.999];
        var selected = SortedQuantile.Type7Unsorted((double[])x.Clone(), ps);
        for (int i = 0; i < ps.Length; i++) selected[i].Should().Be(SortedQuantile.Type7(sorted, ps[i]));
    }
}
