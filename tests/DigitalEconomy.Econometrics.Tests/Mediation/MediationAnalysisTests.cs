using CsCheck;
using DigitalEconomy.Econometrics.Resampling;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Mediation;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Reporting;
using FluentAssertions;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Tests.Mediation;

public class MediationAnalysisTests
{
    private static readonly double[] TrueA = [0.5, -0.4];
    private static readonly double[] TrueB = [0.3, 0.5];
    private const double TrueDirect = 0.2;

    private static MediationOptions TwoWay(params string[] mediators) => new("y", "x", mediators)
    {
        Controls = ["z"],
        FixedEffects = ["city", "year"],
        Vcov = Vcov.Cluster("city"),
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Estimates_recover_the_true_paths_within_their_confidence_intervals(int seed)
    {
        var panel = SimulatedMediationPanel.Create(seed, 150, 8, TrueA, TrueB, TrueDirect);
        // 99% intervals: 4 seeds × 9 checks at 95% would miss by chance too often for a fixed-seed test.
        var result = MediationAnalysis.Fit(panel, TwoWay("m1", "m2") with
        {
            ConfidenceLevel = 0.99,
            Bootstrap = new BootstrapOptions { Replications = 400, Seed = (ulong)seed, ConfidenceLevel = 0.99 },
        });
        for (int j = 0; j < 2; j++)
        {
            var m = result.Mediators[j];
            Covers(m.A, TrueA[j]);
            Covers(m.B, TrueB[j]);
            m.Bootstrap!.Percentile.Contains(TrueA[j] * TrueB[j]).Should().BeTrue($"a·b = {TrueA[j] * TrueB[j]} for m{j + 1}");
            m.Bootstrap.BiasCorrectedAccelerated!.Contains(TrueA[j] * TrueB[j]).Should().BeTrue();
            m.Sobel.PValue.Should().BeLessThan(0.01, "both channels are strong by design");
        }
        var parallel = result.Parallel!;
        Covers(parallel.DirectEffect, TrueDirect);
        parallel.TotalIndirectBootstrap!.Percentile.Contains(TrueA[0] * TrueB[0] + TrueA[1] * TrueB[1]).Should().BeTrue();
        Covers(result.TotalEffect, TrueDirect + TrueA[0] * TrueB[0] + TrueA[1] * TrueB[1]);
    }

    private static void Covers(Coefficient c, double truth) =>
        truth.Should().BeInRange(c.ConfLow, c.ConfHigh, $"{c.Name} = {c.Estimate} ± CI should cover the truth");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Total_effect_equals_direct_plus_indirect_exactly_on_the_common_sample(bool unbalanced)
    {
        var panel = SimulatedMediationPanel.Create(9, 60, 7, TrueA, TrueB, TrueDirect, unbalanced: unbalanced);
        var result = MediationAnalysis.Fit(panel, TwoWay("m1", "m2") with { Bootstrap = null });
        double c = result.TotalEffect.Estimate;
        // 1e-10: c = c' + a·b is an identity of least squares with common regressors and sample (the
        // fixed effects are removed exactly: balanced closed form / exact two-way solution).
        foreach (var m in result.Mediators)
            (m.DirectEffect.Estimate + m.IndirectEffect).Should().BeApproximately(c, 1e-10);
        (result.Parallel!.DirectEffect.Estimate + result.Parallel.TotalIndirect).Should().BeApproximately(c, 1e-10);
    }

    [Fact]
    public void Bootstrap_is_identical_with_one_thread_and_with_many()
    {
        var panel = SimulatedMediationPanel.Create(5, 40, 6, TrueA, TrueB, TrueDirect, unbalanced: true);
        MediationResult Run(int threads) => MediationAnalysis.Fit(panel, TwoWay("m1", "m2") with
        {
            Bootstrap = new BootstrapOptions { Replications = 60, Seed = 123, MaxDegreeOfParallelism = threads },
        });
        var one = Run(1).Distribution!;
        var many = Run(4).Distribution!;
        // Exact equality: per-replication streams and slots.
        for (int j = 0; j < one.Names.Count; j++)
        {
            many.Replicates(j).Should().Equal(one.Replicates(j), one.Names[j]);
            many.JackknifeValues(j).Should().Equal(one.JackknifeValues(j));
        }
    }

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.0, 0.5)]
    public void A_channel_without_effect_gets_a_bootstrap_interval_covering_zero(double a, double b)
    {
        var panel = SimulatedMediationPanel.Create(21, 120, 8, [a], [b], TrueDirect);
        var result = MediationAnalysis.Fit(panel, TwoWay("m1") with { Bootstrap = new BootstrapOptions { Replications = 500, Seed = 3 } });
        var m = result.Mediators[0];
        m.Bootstrap!.Percentile.Contains(0).Should().BeTrue();
        m.Bootstrap.BiasCorrected.Contains(0).Should().BeTrue();
        m.Sobel.PValue.Should().BeGreaterThan(0.05);
    }

    [Fact]
    public void Bootstrap_point_estimates_equal_the_regression_estimates()
    {
        // The fast kernel re-derives every equation from cross-products; at the full sample it must agree with
        // PanelRegression (the general estimator) — this validates the fast path against the regression API.
        var panel = SimulatedMediationPanel.Create(4, 50, 6, TrueA, TrueB, TrueDirect);
        var result = MediationAnalysis.Fit(panel, TwoWay("m1", "m2") with { Bootstrap = new BootstrapOptions { Replications = 10 } });
        result.BootstrapMethod.Should().Contain("closed-form");
        var d = result.Distribution!;
        // 1e-10: two exact least-squares routes on 300 rows.
        d.Estimate(d.IndexOf("c")).Should().BeApproximately(result.TotalEffect.Estimate, 1e-10);
        foreach (var m in result.Mediators)
        {
            d.Estimate(d.IndexOf($"a[{m.Mediator}]")).Should().BeApproximately(m.A.Estimate, 1e-10);
            d.Estimate(d.IndexOf($"b[{m.Mediator}]")).Should().BeApproximately(m.B.Estimate, 1e-10);
            d.Estimate(d.IndexOf($"c'[{m.Mediator}]")).Should().BeApproximately(m.DirectEffect.Estimate, 1e-10);
        }
        d.Estimate(d.IndexOf("ab[total|parallel]")).Should().BeApproximately(result.Parallel!.TotalIndirect, 1e-10);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_resample_equals_the_regression_on_the_materialised_resampled_panel_with_new_entity_ids(bool unbalanced)
    {
        var panel = SimulatedMediationPanel.Create(8, 12, 5, TrueA, TrueB, TrueDirect, unbalanced: unbalanced);
        string[] variables = ["y", "x", "m1", "m2", "z"];
        var layout = new MediationStatistics(["m1", "m2"]);
        int[] draws = [3, 3, 3, 0, 7, 7, 11, 2, 5, 5, 9, 1];
        var workers = new List<ClusterStatistic>
        {
            new GeneralMediationBootstrap(panel, variables, ["city", "year"], true, DigitalEconomy.Econometrics.Regression.DemeaningOptions.Default, layout).CreateWorker(),
        };
        workers.Add(new WithinMediationBootstrap(panel, variables, true, true, layout).CreateWorker());

        // The resample as a real panel: draw d becomes city d + 1, so repeated cities are distinct entities.
        var rows = new List<int>();
        var ids = new List<int>();
        for (int d = 0; d < draws.Length; d++)
            for (int r = 0; r < panel.RowCount; r++)
                if (panel.Entities.Codes[r] == draws[d]) { rows.Add(r); ids.Add(d + 1); }
        var years = rows.Select(r => (int)panel.TimeOrdinals[r]).ToArray();
        var stacked = PanelData.Create("city", ids.ToArray(), "year", years,
            variables.Select(v => new KeyValuePair<string, double[]>(v, rows.Select(r => panel.Column(v)[r]).ToArray())));
        var expected = MediationAnalysis.Fit(stacked, TwoWay("m1", "m2") with { Bootstrap = null });

        foreach (var worker in workers)
        {
            var s = new double[layout.Count];
            worker(draws, s);
            // 1e-9: exact routes (dummy-free within transforms vs the regression module) on ~60 rows.
            s[MediationStatistics.Total].Should().BeApproximately(expected.TotalEffect.Estimate, 1e-9);
            for (int j = 0; j < 2; j++)
            {
                s[MediationStatistics.A(j)].Should().BeApproximately(expected.Mediators[j].A.Estimate, 1e-9);
                s[MediationStatistics.B(j)].Should().BeApproximately(expected.Mediators[j].B.Estimate, 1e-9);
                s[layout.ParallelB(j)].Should().BeApproximately(expected.Parallel!.OutcomeModel[$"m{j + 1}"].Estimate, 1e-9);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fast_and_general_bootstrap_paths_give_the_same_replicates(bool unbalanced)
    {
        var panel = SimulatedMediationPanel.Create(6, 30, 6, TrueA, TrueB, TrueDirect, unbalanced: unbalanced);
        string[] variables = ["y", "x", "m1", "m2", "z"];
        var layout = new MediationStatistics(["m1", "m2"]);
        var fast = new WithinMediationBootstrap(panel, variables, true, true, layout);
        var general = new GeneralMediationBootstrap(panel, variables, ["city", "year"], true, DigitalEconomy.Econometrics.Regression.DemeaningOptions.Default, layout);
        var options = new BootstrapOptions { Replications = 40, Seed = 77 };
        var a = ClusterBootstrap.Run(30, layout.Names, fast.CreateWorker, options);
        var b = ClusterBootstrap.Run(30, layout.Names, general.CreateWorker, options);
        for (int j = 0; j < layout.Count; j++)
        {
            var ra = a.Replicates(j);
            var rb = b.Replicates(j);
            // 1e-9: same draws (same seed), two exact within-transform routes.
            for (int r = 0; r < ra.Length; r++) ra[r].Should().BeApproximately(rb[r], 1e-9, layout.Names[j]);
        }
    }

    [Fact]
    public void Listwise_deletion_is_common_to_all_equations_and_the_unbalanced_sample_uses_the_exact_kernel()
    {
        var panel = SimulatedMediationPanel.Create(2, 40, 6, TrueA, TrueB, TrueDirect);
        var m1 = panel.CopyColumn("m1");
        m1[3] = double.NaN;
        m1[50] = double.NaN;
        var z = panel.CopyColumn("z");
        z[100] = double.NaN;
        panel = panel.WithColumn("m1", m1).WithColumn("z", z);
        var result = MediationAnalysis.Fit(panel, TwoWay("m1", "m2") with { Bootstrap = new BootstrapOptions { Replications = 20 } });
        result.Sample.RowsDropped.Should().Be(3);
        result.Observations.Should().Be(237);
        result.TotalModel.Observations.Should().Be(237);
        result.Mediators.Should().OnlyContain(m => m.MediatorModel.Observations == 237 && m.OutcomeModel.Observations == 237);
        result.BootstrapMethod.Should().StartWith("unbalanced");
        var d = result.Distribution!;
        // 1e-10: the kernel's full-sample solve against the regression module on the unbalanced sample.
        d.Estimate(d.IndexOf("c")).Should().BeApproximately(result.TotalEffect.Estimate, 1e-10);
        d.Estimate(d.IndexOf("b[m1]")).Should().BeApproximately(result.Mediators[0].B.Estimate, 1e-10);
    }

    [Fact]
    public void Other_fixed_effects_use_the_general_projection_path()
    {
        var panel = SimulatedMediationPanel.Create(12, 40, 6, TrueA, TrueB, TrueDirect);
        var province = panel.Entities.Codes.ToArray().Select(c => (double)(c % 5)).ToArray();
        panel = panel.WithColumn("province", province);
        var result = MediationAnalysis.Fit(panel, TwoWay("m1") with
        {
            FixedEffects = ["province", "year"],
            Bootstrap = new BootstrapOptions { Replications = 20 },
        });
        result.BootstrapMethod.Should().Contain("projection");
        var d = result.Distribution!;
        // 1e-9: projection (exact two-way solution) per resample vs the regression module at the full sample.
        d.Estimate(d.IndexOf("a[m1]")).Should().BeApproximately(result.Mediators[0].A.Estimate, 1e-9);
        d.Estimate(d.IndexOf("c'[m1]")).Should().BeApproximately(result.Mediators[0].DirectEffect.Estimate, 1e-9);
    }

    [Fact]
    public void Formula_entry_builds_the_same_model()
    {
        var panel = SimulatedMediationPanel.Create(2, 30, 5, TrueA, TrueB, TrueDirect);
        var viaFormula = MediationAnalysis.Fit(panel, "y ~ x + z | city + year", ["m1"], Vcov.Cluster("city"), new BootstrapOptions { Replications = 10 });
        var typed = MediationAnalysis.Fit(panel, TwoWay("m1") with { Bootstrap = new BootstrapOptions { Replications = 10 } });
        viaFormula.Mediators[0].A.Should().Be(typed.Mediators[0].A);
        viaFormula.Mediators[0].Bootstrap.Should().Be(typed.Mediators[0].Bootstrap);
    }

    [Fact]
    public void Stepwise_table_has_the_three_columns_and_the_indirect_effect_block()
    {
        var panel = SimulatedMediationPanel.Create(2, 40, 6, TrueA, TrueB, TrueDirect);
        var result = MediationAnalysis.Fit(panel, TwoWay("m1", "m2") with { Bootstrap = new BootstrapOptions { Replications = 50 } });
        var table = result.ToTable("m1");
        table.Headers.Should().Equal("", "(1) y", "(2) m1", "(3) y");
        table.Rows.Select(r => r.Label).Should().Contain(["x", "m1", "city FE", "year FE", "Observations", "Indirect effect a·b", "Sobel z",
            "Bootstrap 95% CI (percentile)", "Bootstrap 95% CI (BC)", "Bootstrap 95% CI (BCa)", "Proportion mediated"]);
        var ab = table.Rows.Single(r => r.Label == "Indirect effect a·b");
        ab.Cells[2].Should().Be(NumberFormat.Fixed(result.Mediators[0].IndirectEffect, 3));
        ab.Cells[0].Should().BeEmpty();
        var xRow = table.Rows.Single(r => r.Label == "x");
        xRow.Cells[0].Should().StartWith(NumberFormat.Fixed(result.TotalEffect.Estimate, 3));
        xRow.Cells[1].Should().StartWith(NumberFormat.Fixed(result.Mediators[0].A.Estimate, 3));

        result.ToTable().Headers.Should().HaveCount(6);
        foreach (var format in Enum.GetValues<TableFormat>())
            result.ToTable().Render(format).Should().Contain("m2");
        result.ToTable().Render(TableFormat.Latex).Should().Contain("\\%").And.Contain("\\toprule");
        var parallel = result.ToParallelTable();
        parallel.Rows.Select(r => r.Label).Should().Contain(["Indirect via m1", "Indirect via m2", "Total indirect", "Direct effect c'"]);
    }

    [Fact]
    public void Specification_mistakes_are_clear_errors()
    {
        var panel = SimulatedMediationPanel.Create(2, 20, 4, TrueA, TrueB, TrueDirect);
        var unknown = () => MediationAnalysis.Fit(panel, TwoWay("agglomeration") with { Bootstrap = null });
        unknown.Should().Throw<SpecificationException>().WithMessage("*agglomeration*");
        var twice = () => MediationAnalysis.Fit(panel, TwoWay("x"));
        twice.Should().Throw<SpecificationException>().WithMessage("*'x' is used twice*");
        var none = () => MediationAnalysis.Fit(panel, TwoWay());
        none.Should().Throw<SpecificationException>().WithMessage("*at least one mediator*");

        // A treatment constant within cities is absorbed by the city fixed effects.
        var cityLevel = panel.GroupMean("x", "city");
        var absorbed = () => MediationAnalysis.Fit(panel.WithColumn("x", cityLevel), TwoWay("m1") with { Bootstrap = null });
        absorbed.Should().Throw<SpecificationException>().WithMessage("*total-effect equation*x*");
    }
}

public class MediationKernelPropertyTests
{
    [Fact]
    public void For_random_panels_and_resamples_the_within_kernel_equals_the_projection_path()
    {
        // Property: on any (un)balanced panel and any resample, the cross-product kernel and the regression
        // module's fixed-effects projector give the same mediation statistics.
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[4, 15], Gen.Int[3, 7], Gen.Bool)
            .Sample((seed, entities, periods, unbalanced) =>
            {
                var panel = SimulatedMediationPanel.Create(seed, entities, periods, [0.5, -0.3], [0.4, 0.2], 0.1, unbalanced: unbalanced);
                string[] variables = ["y", "x", "m1", "m2", "z"];
                var layout = new MediationStatistics(["m1", "m2"]);
                var fast = new WithinMediationBootstrap(panel, variables, true, true, layout).CreateWorker();
                var general = new GeneralMediationBootstrap(panel, variables, ["city", "year"], true,
                    DigitalEconomy.Econometrics.Regression.DemeaningOptions.Default, layout).CreateWorker();
                var rng = new Random(seed);
                int g = panel.Entities.LevelCount;
                var draws = Enumerable.Range(0, g).Select(_ => rng.Next(g)).ToArray();
                var a = new double[layout.Count];
                var b = new double[layout.Count];
                fast(draws, a);
                general(draws, b);
                for (int j = 0; j < layout.Count; j++)
                {
                    // Both NaN (a resample too small to identify the model) or equal to 1e-8 relative: two exact routes.
                    if (double.IsNaN(a[j]) || double.IsNaN(b[j])) return double.IsNaN(a[j]) && double.IsNaN(b[j]);
                    if (Math.Abs(a[j] - b[j]) > 1e-8 * Math.Max(1, Math.Abs(b[j]))) return false;
                }
                return true;
            }, iter: 60);
    }
}
