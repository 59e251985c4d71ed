using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Did;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Did;

/// <summary>
/// Callaway–Sant'Anna against computations written out here: each ATT(g,t) without covariates as a difference of
/// four means (1e-12: sums of ~100 values of order 10), analytic SEs from explicitly built influence functions
/// (1e-12 relative), and bootstrap properties.
/// </summary>
public class CallawaySantAnnaTests
{
    private static readonly StaggeredDgp Dgp = new() { Units = 80, Periods = 8, Cohorts = [2003, 2005, 2007], Slopes = [1.0, 0.6, 0.2] };

    public static TheoryData<ControlGroup, BasePeriod> Designs() => new()
    {
        { ControlGroup.NeverTreated, BasePeriod.Varying },
        { ControlGroup.NeverTreated, BasePeriod.Universal },
        { ControlGroup.NotYetTreated, BasePeriod.Varying },
        { ControlGroup.NotYetTreated, BasePeriod.Universal },
    };

    [Theory]
    [MemberData(nameof(Designs))]
    public void Every_att_gt_is_a_difference_of_four_means(ControlGroup controls, BasePeriod basePeriod)
    {
        var panel = Dgp.Build(11);
        var rows = StaggeredDgp.Rows(panel);
        var fit = CallawaySantAnna.Fit(panel, new CallawaySantAnnaOptions("y", "g") { ControlGroup = controls, BasePeriod = basePeriod });
        var years = rows.Select(r => r.Year).Distinct().Order().ToArray();
        var cohorts = rows.Select(r => r.G).Where(g => g != 0).Distinct().Order().ToArray();
        var y = rows.ToDictionary(r => (r.Id, r.Year), r => r.Y);
        var cohortOf = rows.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First().G);
        int expectedCells = 0;
        foreach (var g in cohorts)
            foreach (var t in years)
            {
                if (basePeriod == BasePeriod.Varying && t == years[0]) continue;
                int b = t >= g || basePeriod == BasePeriod.Universal ? (int)g - 1 : t - 1;
                var cell = fit.AttGt.Single(c => c.Group == g && c.Period == t);
                expectedCells++;
                cell.BasePeriod.Should().Be(b);
                if (t == b) { cell.Att.Should().Be(0); cell.IsReference.Should().BeTrue(); continue; }
                bool IsControl(long c) => c == 0 || (controls == ControlGroup.NotYetTreated && c > Math.Max(t, b) && c != g);
                double MeanOf(Func<long, bool> inGroup, int year) => cohortOf.Where(kv => inGroup(kv.Value)).Average(kv => y[(kv.Key, year)]);
                double brute = (MeanOf(c => c == g, t) - MeanOf(c => c == g, b)) - (MeanOf(IsControl, t) - MeanOf(IsControl, b));
                cell.Att.Should().BeApproximately(brute, 1e-12, $"ATT({g},{t})");
            }
        fit.AttGt.Should().HaveCount(expectedCells);
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void Analytic_standard_errors_equal_the_explicit_influence_functions(ControlGroup controls, BasePeriod basePeriod)
    {
        var panel = Dgp.Build(12);
        var rows = StaggeredDgp.Rows(panel);
        var fit = CallawaySantAnna.Fit(panel, new CallawaySantAnnaOptions("y", "g") { ControlGroup = controls, BasePeriod = basePeriod });
        var ids = rows.Select(r => r.Id).Distinct().Order().ToArray();
        int n = ids.Length;
        var cohortOf = ids.Select(i => rows.First(r => r.Id == i).G).ToArray();
        var y = rows.ToDictionary(r => (r.Id, r.Year), r => r.Y);
        double[] Psi(GroupTimeAtt c)
        {
            // ψ_i = n[1{G=g}(ΔY_i − m₁)/n_g − 1{i ∈ C}(ΔY_i − m₀)/n_C], ΔY_i = y_it − y_ib.
            if (c.IsReference) return new double[n];
            bool IsControl(long g) => g == 0 || (controls == ControlGroup.NotYetTreated && g > Math.Max(c.Period, c.BasePeriod) && g != c.Group);
            var dy = ids.Select(i => y[(i, (int)c.Period)] - y[(i, (int)c.BasePeriod)]).ToArray();
            var treated = Enumerable.Range(0, n).Where(i => cohortOf[i] == c.Group).ToArray();
            var control = Enumerable.Range(0, n).Where(i => IsControl(cohortOf[i])).ToArray();
            double m1 = treated.Average(i => dy[i]), m0 = control.Average(i => dy[i]);
            var psi = new double[n];
            foreach (var i in treated) psi[i] = n * (dy[i] - m1) / treated.Length;
            foreach (var i in control) psi[i] = -n * (dy[i] - m0) / control.Length;
            return psi;
        }
        double Se(double[] psi) => Math.Sqrt(psi.Sum(v => v * v)) / n;
        var psis = fit.AttGt.Select(Psi).ToArray();
        for (int j = 0; j < psis.Length; j++)
            if (!fit.AttGt[j].IsReference)
                fit.AttGt[j].StdError.Should().BeApproximately(Se(psis[j]), 1e-12 * Se(psis[j]), $"se of ATT({fit.AttGt[j].Group},{fit.AttGt[j].Period})");

        // Simple aggregation: Σ_k a_k ψ_k plus the influence of the estimated cohort shares (did's wif).
        var post = Enumerable.Range(0, psis.Length).Where(j => fit.AttGt[j].IsPostTreatment).ToArray();
        double Share(long g) => cohortOf.Count(c => c == g) / (double)n;
        double s = post.Sum(j => Share(fit.AttGt[j].Group));
        var simple = new double[n];
        for (int i = 0; i < n; i++)
        {
            double inner = post.Sum(l => (cohortOf[i] == fit.AttGt[l].Group ? 1 : 0) - Share(fit.AttGt[l].Group));
            foreach (var k in post)
            {
                double pk = Share(fit.AttGt[k].Group);
                double wif = ((cohortOf[i] == fit.AttGt[k].Group ? 1 : 0) - pk) / s - pk / (s * s) * inner;
                simple[i] += pk / s * psis[k][i] + wif * fit.AttGt[k].Att;
            }
        }
        fit.Simple.Att.Should().BeApproximately(post.Sum(k => Share(fit.AttGt[k].Group) / s * fit.AttGt[k].Att), 1e-12);
        fit.Simple.StdError.Should().BeApproximately(Se(simple), 1e-12 * Se(simple));
    }

    [Fact]
    public void Bootstrap_is_reproducible_and_independent_of_the_thread_count()
    {
        var panel = Dgp.Build(13);
        var options = new CallawaySantAnnaOptions("y", "g") { BootstrapReplications = 199, Seed = 42 };
        var a = CallawaySantAnna.Fit(panel, options);
        CallawaySantAnnaResult b;
        using (DidParallelism.Limit(1)) b = CallawaySantAnna.Fit(panel, options);
        b.AttGt.Select(c => c.StdError).Should().Equal(a.AttGt.Select(c => c.StdError));
        b.Dynamic.CriticalValue.Should().Be(a.Dynamic.CriticalValue);
        var c = CallawaySantAnna.Fit(panel, options with { Seed = 43 });
        c.AttGt.Select(x => x.StdError).Should().NotEqual(a.AttGt.Select(x => x.StdError));
    }

    [Theory]
    [InlineData(MultiplierWeights.Rademacher)]
    [InlineData(MultiplierWeights.Mammen)]
    public void Bootstrap_standard_errors_approach_the_analytic_ones(MultiplierWeights weights)
    {
        // 4000 draws: the IQR-based SE has a sampling error of about 2%; allow 10%.
        var panel = Dgp.Build(14);
        var analytic = CallawaySantAnna.Fit(panel, new CallawaySantAnnaOptions("y", "g"));
        var boot = CallawaySantAnna.Fit(panel, new CallawaySantAnnaOptions("y", "g") { BootstrapReplications = 4000, Weights = weights, Seed = 5 });
        for (int j = 0; j < analytic.AttGt.Count; j++)
            boot.AttGt[j].StdError.Should().BeApproximately(analytic.AttGt[j].StdError, 0.10 * analytic.AttGt[j].StdError);
        boot.Dynamic.StdError.Should().BeApproximately(analytic.Dynamic.StdError, 0.10 * analytic.Dynamic.StdError);
        boot.Dynamic.CriticalValue.Should().BeGreaterThan(1.96, "a sup-t band over several event times is wider than the pointwise one");
        boot.Dynamic.Components.Should().OnlyContain(p => p.BandLow <= p.ConfLow && p.BandHigh >= p.ConfHigh);
    }

    [Fact]
    public void Cluster_bootstrap_needs_a_unit_invariant_cluster_and_widens_with_correlated_clusters()
    {
        var panel = Dgp.Build(15);
        var fit = CallawaySantAnna.Fit(panel, new CallawaySantAnnaOptions("y", "g") { Cluster = "cl", BootstrapReplications = 499 });
        fit.AttGt.Should().OnlyContain(c => c.IsReference || c.StdError > 0);
        var bad = panel.WithColumn("bad", Enumerable.Range(0, panel.RowCount).Select(i => (double)(i % 3)).ToArray());
        var act = () => CallawaySantAnna.Fit(bad, new CallawaySantAnnaOptions("y", "g") { Cluster = "bad", BootstrapReplications = 99 });
        act.Should().Throw<SpecificationException>().WithMessage("*varies within unit*");
        var analytic = () => CallawaySantAnna.Fit(panel, new CallawaySantAnnaOptions("y", "g") { Cluster = "cl" });
        analytic.Should().Throw<SpecificationException>().WithMessage("*multiplier bootstrap*");
    }

    [Fact]
    public void Unbalanced_units_are_dropped_and_reported()
    {
        var panel = Dgp.Build(16, missingShare: 0.02);
        var fit = CallawaySantAnna.Fit(panel, new CallawaySantAnnaOptions("y", "g"));
        fit.MissingValues.EntitiesDropped.Should().BeGreaterThan(0);
        fit.Units.Should().Be(Dgp.Units - fit.MissingValues.EntitiesDropped);
        fit.Notes.Should().Contain(s => s.Contains("balanced panel"));
    }

    [Fact]
    public void A_cohort_that_varies_within_a_unit_is_an_error_naming_the_unit()
    {
        var panel = Dgp.Build(17);
        var g = panel.CopyColumn("g");
        g[3] = 2099;
        var act = () => CallawaySantAnna.Fit(panel.WithColumn("g", g), new CallawaySantAnnaOptions("y", "g"));
        act.Should().Throw<SpecificationException>().WithMessage($"*varies within unit '{panel.Entities.LabelOf(3)}'*");
    }

    [Theory]
    [InlineData(DidMethod.Regression)]
    [InlineData(DidMethod.Ipw)]
    [InlineData(DidMethod.DoublyRobust)]
    public void Covariate_adjusted_estimators_recover_the_truth_under_conditional_parallel_trends(DidMethod method)
    {
        // Treated units have higher x and x drives a trend: the unadjusted estimator is biased, the adjusted ones not.
        // Mean over 6 seeds of the simple ATT within 0.12 of the truth (its SE over seeds is about 0.04).
        var dgp = new StaggeredDgp { Units = 600, Periods = 6, Cohorts = [2003, 2005], Slopes = [1.0, 0.5], Selection = true, CovariateTrend = 3, Noise = 0.5 };
        double err = 0, rawErr = 0;
        for (ulong seed = 1; seed <= 6; seed++)
        {
            var panel = dgp.Build(seed);
            var fit = CallawaySantAnna.Fit(panel, new CallawaySantAnnaOptions("y", "g") { Controls = ["x"], Method = method });
            var raw = CallawaySantAnna.Fit(panel, new CallawaySantAnnaOptions("y", "g"));
            double truth = TrueSimple(dgp, panel, fit);
            err += (fit.Simple.Att - truth) / 6;
            rawErr += (raw.Simple.Att - truth) / 6;
        }
        Math.Abs(err).Should().BeLessThan(0.12);
        Math.Abs(rawErr).Should().BeGreaterThan(0.3, "the unadjusted estimator must be visibly biased in this design");
    }

    [Fact]
    public void Dynamic_aggregation_balanced_in_event_time_keeps_only_cohorts_observed_long_enough()
    {
        // balance_e = 2 on periods 2001–2008: cohorts with 2008 − g ≥ 2 (2003, 2005) enter; event times run from
        // the earliest cell of cohort 2005 (e = −3, 2002 against 2001) to 2; each θ(e) is the share-weighted mean of ATT(g, g + e).
        var panel = Dgp.Build(18);
        var full = CallawaySantAnna.Fit(panel, new CallawaySantAnnaOptions("y", "g"));
        var balanced = CallawaySantAnna.Fit(panel, new CallawaySantAnnaOptions("y", "g") { BalanceEventTime = 2 });
        var rows = StaggeredDgp.Rows(panel);
        var size = rows.GroupBy(r => r.Id).Select(g => g.First().G).GroupBy(g => g).ToDictionary(g => g.Key, g => (double)g.Count());
        balanced.Dynamic.Components.Select(c => c.Key).Should().Equal(-3L, -2L, -1L, 0L, 1L, 2L);
        foreach (var c in balanced.Dynamic.Components)
        {
            var cells = full.AttGt.Where(a => a.Group is 2003 or 2005 && a.Period - a.Group == c.Key).ToArray();
            double expected = cells.Sum(a => size[a.Group] * a.Att) / cells.Sum(a => size[a.Group]);
            c.Att.Should().BeApproximately(expected, 1e-12, $"θ({c.Key})");
        }
        balanced.Dynamic.Att.Should().BeApproximately(balanced.Dynamic.Components.Where(c => c.Key >= 0).Average(c => c.Att), 1e-12);
    }

    [Theory]
    [InlineData(DidMethod.Regression)]
    [InlineData(DidMethod.Ipw)]
    [InlineData(DidMethod.DoublyRobust)]
    public void Covariate_influence_function_standard_errors_match_a_unit_bootstrap(DidMethod method)
    {
        // Independent of the influence functions: resample whole units with replacement 200 times and take the
        // standard deviation of the simple ATT. With 200 draws its relative sampling error is about 5%; allow 20%.
        var dgp = new StaggeredDgp { Units = 200, Periods = 4, Cohorts = [2003, 2004], Slopes = [1.0, 0.5], Selection = true, CovariateTrend = 2, Noise = 0.7 };
        var panel = dgp.Build(61);
        var options = new CallawaySantAnnaOptions("y", "g") { Controls = ["x"], Method = method };
        var fit = CallawaySantAnna.Fit(panel, options);
        var rows = StaggeredDgp.Rows(panel);
        var byUnit = rows.GroupBy(r => r.Id).Select(g => g.ToArray()).ToArray();
        var rng = new Random(7);
        var draws = new double[200];
        for (int b = 0; b < draws.Length; b++)
        {
            var ids = new List<int>(); var years = new List<int>(); var y = new List<double>(); var g = new List<double>(); var x = new List<double>();
            for (int u = 0; u < byUnit.Length; u++)
                foreach (var r in byUnit[rng.Next(byUnit.Length)])
                { ids.Add(u + 1); years.Add(r.Year); y.Add(r.Y); g.Add(r.G); x.Add(r.X); }
            var sample = PanelData.Create("id", ids.ToArray(), "year", years.ToArray(), [new("y", y.ToArray()), new("g", g.ToArray()), new("x", x.ToArray())]);
            draws[b] = CallawaySantAnna.Fit(sample, options).Simple.Att;
        }
        double mean = draws.Average();
        double sd = Math.Sqrt(draws.Sum(d => (d - mean) * (d - mean)) / (draws.Length - 1));
        fit.Simple.StdError.Should().BeApproximately(sd, 0.2 * sd);
    }

    /// <summary>The simple aggregation's estimand: τ_g(e) over post-treatment cells weighted by the cohort shares in the panel.</summary>
    internal static double TrueSimple(StaggeredDgp dgp, PanelData panel, CallawaySantAnnaResult fit)
    {
        var rows = StaggeredDgp.Rows(panel);
        var size = rows.GroupBy(r => r.Id).Select(g => g.First().G).GroupBy(g => g).ToDictionary(g => g.Key, g => (double)g.Count());
        var post = fit.AttGt.Where(c => c.IsPostTreatment).ToArray();
        return post.Sum(c => size[c.Group] * dgp.Effect(c.Group, c.Period)) / post.Sum(c => size[c.Group]);
    }
}
