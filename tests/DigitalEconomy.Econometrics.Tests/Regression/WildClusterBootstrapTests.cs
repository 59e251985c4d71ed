using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Regression;
using FluentAssertions;
using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Tests.Regression;

/// <summary>
/// The wild cluster bootstrap against an explicit implementation written here (one dense dummy-variable regression per
/// sign vector), plus its statistical behaviour under the null. Tolerances: statistics computed by two different
/// algebraic routes agree to 1e-9 relative (rounding only); p-values from full enumeration must agree exactly.
/// </summary>
public class WildClusterBootstrapTests
{
    private const string Formula = "y ~ x1 + x2 | unit + period";

    /// <summary>G clusters (provinces) with 3 units each, observed over T periods; x1 has a cluster-level component.</summary>
    private static PanelData MakePanel(int clusters, int periods, double beta1, ulong seed, bool unbalanced = false, bool singleton = false)
    {
        var rng = new SeededRandom(seed);
        var ids = new List<int>();
        var years = new List<int>();
        var y = new List<double>();
        var x1 = new List<double>();
        var x2 = new List<double>();
        var province = new List<double>();
        int unit = 0;
        for (int g = 0; g < clusters; g++)
        {
            double cg = rng.NextGaussian();
            double ug = rng.NextGaussian();
            for (int u = 0; u < 3; u++, unit++)
            {
                double a = rng.NextGaussian();
                for (int t = 0; t < periods; t++)
                {
                    if (unbalanced && (unit + t) % 7 == 3) continue;
                    double v1 = 0.7 * cg + rng.NextGaussian() + 0.1 * t;
                    double v2 = rng.NextGaussian();
                    ids.Add(unit + 1);
                    years.Add(2000 + t);
                    x1.Add(v1);
                    x2.Add(v2);
                    province.Add(g + 1);
                    // Heteroskedastic, cluster-correlated errors.
                    double e = 0.8 * ug + rng.NextGaussian() * (1 + 0.5 * Math.Abs(v2));
                    y.Add(a + 0.05 * t + beta1 * v1 - 0.5 * v2 + e);
                }
            }
        }
        if (singleton)
        {
            // One more unit observed once (a singleton of the unit effect), in the first province.
            ids.Add(unit + 1); years.Add(2000); x1.Add(1.5); x2.Add(-0.5); province.Add(1); y.Add(2.0);
        }
        return PanelData.Create("unit", ids.ToArray(), "period", years.ToArray(),
            [new("y", y.ToArray()), new("x1", x1.ToArray()), new("x2", x2.ToArray()), new("province", province.ToArray())]);
    }

    private static PanelRegressionOptions Model(PanelData panel, string cluster = "province") =>
        PanelRegressionOptions.FromFormula(Formula) with { Vcov = Vcov.Cluster(cluster) };

    [Theory]
    [InlineData(8, WildBootstrapType.Restricted, 0.0)]
    [InlineData(8, WildBootstrapType.Unrestricted, 0.0)]
    [InlineData(10, WildBootstrapType.Restricted, 0.3)]
    public void Full_enumeration_equals_one_explicit_dummy_regression_per_sign_vector(int clusters, WildBootstrapType type, double nullValue)
    {
        var panel = MakePanel(clusters, 5, beta1: 0.2, seed: (ulong)(clusters * 31 + 7), unbalanced: true);
        var options = new WildBootstrapOptions { Test = "x1", Null = nullValue, Replications = 9_999, Type = type, ConfidenceSet = false };
        var result = WildClusterBootstrap.Test(panel, Model(panel), options);
        result.Enumerated.Should().BeTrue();
        result.Replications.Should().Be(1 << clusters);

        var brute = BruteForce(panel, clusters, nullValue, type == WildBootstrapType.Restricted);
        result.Statistic.Should().BeApproximately(brute.Original, 1e-9 * Math.Abs(brute.Original));
        var fast = result.BootstrapStatistics.ToArray();
        for (int b = 0; b < fast.Length; b++)
            fast[b].Should().BeApproximately(brute.Bootstrap[b], 1e-9 * Math.Max(1, Math.Abs(brute.Bootstrap[b])));
        // Symmetric p with strict inequality: the share of |t*| > |t|, where draws that reproduce |t| in exact arithmetic
        // (the all-ones and all-minus-ones vectors under WCR) count as ties and are not counted.
        double tie = 1e-10 * Math.Max(1, Math.Abs(brute.Original));
        result.PValue.Should().Be(brute.Bootstrap.Count(s => Math.Abs(s) > Math.Abs(brute.Original) + tie) / (double)brute.Bootstrap.Length);
        if (type == WildBootstrapType.Restricted)
            brute.Bootstrap[0].Should().BeApproximately(brute.Original, 1e-9 * Math.Abs(brute.Original)); // v = 1 gives t* = t
    }

    [Fact]
    public void Original_statistic_is_the_models_cluster_robust_t()
    {
        var panel = MakePanel(12, 6, beta1: 0.2, seed: 5);
        var model = Model(panel);
        var fit = PanelRegression.Fit(panel, model);
        var result = WildClusterBootstrap.Test(panel, model, new WildBootstrapOptions { Test = "x2", Null = 0, Replications = 99, ConfidenceSet = false });
        result.Statistic.Should().BeApproximately(fit["x2"].T, 1e-9 * Math.Abs(fit["x2"].T));
    }

    [Fact]
    public void Absorbed_fixed_effects_give_the_dummy_variable_result()
    {
        var panel = MakePanel(9, 5, beta1: 0.1, seed: 11);
        // The same model with the unit and period effects as explicit dummies in pooled OLS.
        var unitCodes = panel.Entities.Codes.ToArray();
        var timeCodes = panel.Times.Codes.ToArray();
        var withDummies = panel;
        var regressors = new List<string> { "x1", "x2" };
        for (int l = 1; l < panel.Entities.LevelCount; l++)
        {
            withDummies = withDummies.WithColumn($"u{l}", unitCodes.Select(c => c == l ? 1.0 : 0.0).ToArray());
            regressors.Add($"u{l}");
        }
        for (int l = 1; l < panel.Times.LevelCount; l++)
        {
            withDummies = withDummies.WithColumn($"t{l}", timeCodes.Select(c => c == l ? 1.0 : 0.0).ToArray());
            regressors.Add($"t{l}");
        }
        var options = new WildBootstrapOptions { Test = "x1", Replications = 999, Weights = WildWeights.Webb, Seed = 3, ConfidenceSet = false };
        var absorbed = WildClusterBootstrap.Test(panel, Model(panel), options);
        // areg-style K counts every dummy in both models, so the small-sample factors agree.
        var absorbedAreg = WildClusterBootstrap.Test(panel, Model(panel) with { SmallSample = SmallSampleCorrection.Areg }, options);
        var dummy = WildClusterBootstrap.Test(withDummies,
            new PanelRegressionOptions("y", regressors) { Vcov = Vcov.Cluster("province"), SmallSample = SmallSampleCorrection.Areg }, options);
        absorbedAreg.PValue.Should().Be(dummy.PValue);
        absorbedAreg.Statistic.Should().BeApproximately(dummy.Statistic, 1e-8 * Math.Abs(dummy.Statistic));
        for (int b = 0; b < 999; b++)
            absorbedAreg.BootstrapStatistics[b].Should().BeApproximately(dummy.BootstrapStatistics[b], 1e-8 * Math.Max(1, Math.Abs(dummy.BootstrapStatistics[b])));
        // The p-value does not depend on the small-sample factor (it scales t and t* alike).
        absorbed.PValue.Should().Be(absorbedAreg.PValue);
    }

    /// <summary>
    /// Fixed effects in every position relative to the bootstrap clusters give the dummy-variable bootstrap: none nested
    /// (period only; two-way clustering, where the bootstrap clusters are province × period; observation-level bootstrap
    /// with robust SEs), and several nested ones (unit and a province × late-period factor) beside a non-nested one.
    /// t*/t is compared (free of the small-sample factor, which counts absorbed and dummy parameters differently), to
    /// 1e-8 relative: the two routes differ by rounding only. The p-values must be equal. (Two-way: draws whose
    /// V₁ + V₂ − V₁₂ is negative give NaN in both.)
    /// </summary>
    [Theory]
    [InlineData("period", "cluster")]
    [InlineData("unit + period", "twoway")]
    [InlineData("unit + period", "robust")]
    [InlineData("unit + cohort + period", "cluster")]
    public void Fixed_effects_nested_or_not_give_the_dummy_variable_bootstrap(string effects, string variance)
    {
        var panel = MakePanel(8, 5, beta1: 0.1, seed: 19, unbalanced: true);
        var province = panel.Column("province").ToArray();
        var time = panel.Times.Codes.ToArray();
        panel = panel.WithColumn("cohort", province.Select((p, i) => p * 2 + (time[i] >= 2 ? 1 : 0)).ToArray());
        var vcov = variance switch { "cluster" => Vcov.Cluster("province"), "twoway" => Vcov.Cluster("province", "period"), _ => Vcov.HC1 };
        var factors = effects.Split(" + ");
        var withDummies = panel;
        var regressors = new List<string> { "x1", "x2" };
        foreach (var f in factors)
        {
            var codes = f switch
            {
                "unit" => panel.Entities.Codes.ToArray(),
                "period" => time,
                _ => panel.Column(f).ToArray().Select(v => (int)v).ToArray(),
            };
            foreach (var level in codes.Distinct().Order().Skip(1))
            {
                withDummies = withDummies.WithColumn($"{f}_{level}", codes.Select(c => c == level ? 1.0 : 0.0).ToArray());
                regressors.Add($"{f}_{level}");
            }
        }
        var options = new WildBootstrapOptions { Test = "x1", Null = 0.05, Replications = 499, Weights = WildWeights.Webb, Seed = 8, ConfidenceSet = false };
        var absorbed = WildClusterBootstrap.Test(panel, PanelRegressionOptions.FromFormula($"y ~ x1 + x2 | {effects}") with { Vcov = vcov }, options);
        var dummy = WildClusterBootstrap.Test(withDummies, new PanelRegressionOptions("y", regressors) { Vcov = vcov }, options);
        absorbed.Clusters.Should().Be(dummy.Clusters);
        absorbed.PValue.Should().Be(dummy.PValue);
        for (int b = 0; b < 499; b++)
        {
            double expected = dummy.BootstrapStatistics[b] / dummy.Statistic, actual = absorbed.BootstrapStatistics[b] / absorbed.Statistic;
            // Two-way variances V₁ + V₂ − V₁₂ can be negative for a draw; then both routes give NaN.
            if (double.IsNaN(expected)) double.IsNaN(actual).Should().BeTrue();
            else actual.Should().BeApproximately(expected, 1e-8 * Math.Max(1, Math.Abs(expected)));
        }
    }

    [Fact]
    public void Testing_an_existing_fit_equals_testing_the_model()
    {
        var panel = MakePanel(12, 5, beta1: 0.1, seed: 23);
        var options = new WildBootstrapOptions { Test = "x1", Replications = 999, Seed = 5 };
        var fit = PanelRegression.Fit(panel, Model(panel));
        var fromFit = WildClusterBootstrap.Test(fit, options);
        var fromModel = WildClusterBootstrap.Test(panel, Model(panel), options);
        fromFit.BootstrapStatistics.Should().Equal(fromModel.BootstrapStatistics);
        fromFit.ConfidenceSet.Should().Equal(fromModel.ConfidenceSet);
        // Bootstrapping by a coarser panel column that is not part of the fit uses the panel the model was fitted on.
        var region = panel.WithColumn("region", panel.Column("province").ToArray().Select(p => Math.Floor((p - 1) / 3)).ToArray());
        var coarse = WildClusterBootstrap.Test(PanelRegression.Fit(region, Model(region)), options with { BootstrapCluster = "region" });
        coarse.Clusters.Should().Be(4);
        coarse.Enumerated.Should().BeTrue();
    }

    /// <summary>A fit that dropped singletons is bootstrapped on its own sample: the same numbers as the data without them (1e-10 relative).</summary>
    [Fact]
    public void A_fit_without_its_singletons_is_bootstrapped_on_its_sample()
    {
        var options = new WildBootstrapOptions { Test = "x1", Replications = 999, Seed = 2, ConfidenceSet = false };
        var withSingleton = MakePanel(10, 4, beta1: 0.1, seed: 31, singleton: true);
        var without = MakePanel(10, 4, beta1: 0.1, seed: 31);
        var dropped = WildClusterBootstrap.Test(PanelRegression.Fit(withSingleton, Model(withSingleton) with { DropSingletons = true }), options);
        var plain = WildClusterBootstrap.Test(without, Model(without), options);
        dropped.PValue.Should().Be(plain.PValue);
        dropped.Statistic.Should().BeApproximately(plain.Statistic, 1e-10 * Math.Abs(plain.Statistic));
        for (int b = 0; b < 999; b++)
            dropped.BootstrapStatistics[b].Should().BeApproximately(plain.BootstrapStatistics[b], 1e-10 * Math.Max(1, Math.Abs(plain.BootstrapStatistics[b])));
    }

    [Fact]
    public void Results_do_not_depend_on_the_thread_count_and_repeat_for_a_seed()
    {
        var panel = MakePanel(30, 6, beta1: 0.0, seed: 21);
        var options = new WildBootstrapOptions { Test = "x1", Replications = 999, Seed = 42, ConfidenceSet = true };
        var a = WildClusterBootstrap.Test(panel, Model(panel), options with { MaxDegreeOfParallelism = 1 });
        var b = WildClusterBootstrap.Test(panel, Model(panel), options with { MaxDegreeOfParallelism = 8 });
        a.BootstrapStatistics.Should().Equal(b.BootstrapStatistics);
        a.PValue.Should().Be(b.PValue);
        a.ConfidenceSet.Should().Equal(b.ConfidenceSet);
        a.Enumerated.Should().BeFalse();
        var other = WildClusterBootstrap.Test(panel, Model(panel), options with { Seed = 43 });
        other.BootstrapStatistics.Should().NotEqual(a.BootstrapStatistics);
    }

    /// <summary>
    /// Under H₀ with G = 10 clusters the WCR p-value is close to uniform: over 300 simulated panels the 5% rejection
    /// rate must lie within 3 Monte-Carlo standard errors (√(0.05·0.95/300) ≈ 0.0126) of 0.05.
    /// </summary>
    [Fact]
    public void Rejection_rate_under_the_null_is_nominal_with_ten_clusters()
    {
        int rejections = 0;
        const int datasets = 300;
        for (int s = 0; s < datasets; s++)
        {
            var panel = MakePanel(10, 4, beta1: 0.0, seed: (ulong)(1000 + s));
            var r = WildClusterBootstrap.Test(panel, Model(panel), new WildBootstrapOptions
            {
                Test = "x1", Replications = 199, Weights = WildWeights.Webb, Seed = (ulong)s, ConfidenceSet = false,
            });
            if (r.PValue < 0.05) rejections++;
        }
        double rate = rejections / (double)datasets;
        rate.Should().BeInRange(0.05 - 3 * 0.0126, 0.05 + 3 * 0.0126);
    }

    /// <summary>The test-inversion interval covers the truth at about the nominal rate (90% here, 120 panels, ±3 MC SE = ±0.082).</summary>
    [Fact]
    public void Confidence_sets_cover_the_truth_at_the_nominal_rate()
    {
        const double truth = 0.4;
        int covered = 0;
        const int datasets = 120;
        for (int s = 0; s < datasets; s++)
        {
            var panel = MakePanel(12, 4, beta1: truth, seed: (ulong)(5000 + s));
            var r = WildClusterBootstrap.Test(panel, Model(panel), new WildBootstrapOptions
            {
                Test = "x1", Null = truth, Replications = 199, Weights = WildWeights.Webb, Seed = (ulong)s, ConfidenceLevel = 0.90,
            });
            r.ConfidenceSet.Should().NotBeEmpty();
            if (r.ConfidenceSet.Any(p => p.Low <= truth && truth <= p.High)) covered++;
            // A set piece contains the point where the test does not reject.
            if (r.PValue >= 0.10) r.ConfidenceSet.Any(p => p.Low <= truth && truth <= p.High).Should().BeTrue();
        }
        double rate = covered / (double)datasets;
        rate.Should().BeInRange(0.90 - 3 * 0.0274, 0.90 + 3 * 0.0274);
    }

    [Fact]
    public void Joint_wald_test_by_enumeration_matches_brute_force()
    {
        var panel = MakePanel(7, 5, beta1: 0.0, seed: 77);
        var result = WildClusterBootstrap.Test(panel, Model(panel), new WildBootstrapOptions
        {
            JointTest = ["x1", "x2"], Replications = 999, ConfidenceSet = false,
        });
        result.Enumerated.Should().BeTrue();
        var brute = BruteForceWald(panel, 7);
        result.Statistic.Should().BeApproximately(brute.Original, 1e-8 * brute.Original);
        for (int b = 0; b < result.Replications; b++)
            result.BootstrapStatistics[b].Should().BeApproximately(brute.Bootstrap[b], 1e-8 * Math.Max(1, brute.Bootstrap[b]));
    }

    [Fact]
    public void Bad_options_are_clear_errors()
    {
        var panel = MakePanel(6, 4, beta1: 0.0, seed: 1);
        var act = () => WildClusterBootstrap.Test(panel, Model(panel), new WildBootstrapOptions { Test = "x9" });
        act.Should().Throw<SpecificationException>().WithMessage("*'x9'*not a coefficient*");
        var classical = PanelRegressionOptions.FromFormula(Formula);
        var act2 = () => WildClusterBootstrap.Test(panel, classical, new WildBootstrapOptions { Test = "x1" });
        act2.Should().Throw<SpecificationException>().WithMessage("*clustered or heteroskedasticity-robust*");
        var act3 = () => WildClusterBootstrap.Test(panel, Model(panel), new WildBootstrapOptions { Test = "x1", Replications = 3 });
        act3.Should().Throw<SpecificationException>().WithMessage("*at least 9 replications*");
    }

    private sealed record Brute(double Original, double[] Bootstrap);

    /// <summary>Explicit WCR/WCU: dense Z = [x1, x2, unit dummies, period dummies], one OLS per sign vector.</summary>
    private static Brute BruteForce(PanelData panel, int clusters, double r, bool restricted)
    {
        var (z, y, province, k) = Dense(panel);
        int n = y.Count;
        var zz = (z.TransposeThisAndMultiply(z)).Inverse();
        var beta = zz * z.TransposeThisAndMultiply(y);
        var uhat = y - z * beta;
        // Stata's K for unit + period FE clustered by province (units nested): k + 1 + (T − 1).
        int T = panel.Times.LevelCount;
        double scale = clusters / (clusters - 1.0) * (n - 1.0) / (n - (2 + T));
        double T0(Vector<double> b, Vector<double> e) => (b[0] - r) / Math.Sqrt(scale * ClusterVariance(z, zz, e, province, clusters));
        double original = T0(beta, uhat);

        Vector<double> fitted, u;
        if (restricted)
        {
            // Impose β_x1 = r: regress y − r·x1 on Z without its first column.
            var zr = z.RemoveColumn(0);
            var yr = y - r * z.Column(0);
            var br = zr.QR().Solve(yr);
            u = yr - zr * br;
            fitted = y - u;
        }
        else
        {
            u = uhat;
            fitted = z * beta;
        }
        var stats = new double[1 << clusters];
        for (int b = 0; b < stats.Length; b++)
        {
            var ystar = Vector<double>.Build.Dense(n, i => fitted[i] + u[i] * (((b >> province[i]) & 1) == 0 ? 1 : -1));
            var bs = zz * z.TransposeThisAndMultiply(ystar);
            var es = ystar - z * bs;
            double centre = restricted ? r : beta[0];
            stats[b] = (bs[0] - centre) / Math.Sqrt(scale * ClusterVariance(z, zz, es, province, clusters));
        }
        return new Brute(original, stats);
    }

    private static Brute BruteForceWald(PanelData panel, int clusters)
    {
        var (z, y, province, _) = Dense(panel);
        int n = y.Count, T = panel.Times.LevelCount;
        var zz = (z.TransposeThisAndMultiply(z)).Inverse();
        double scale = clusters / (clusters - 1.0) * (n - 1.0) / (n - (2 + T));
        double Wald(Vector<double> b, Vector<double> e)
        {
            var meat = Matrix<double>.Build.Dense(z.ColumnCount, z.ColumnCount);
            for (int g = 0; g < clusters; g++)
            {
                var s = Vector<double>.Build.Dense(z.ColumnCount);
                for (int i = 0; i < n; i++) if (province[i] == g) s += z.Row(i) * e[i];
                meat += s.OuterProduct(s);
            }
            var v = (zz * meat * zz * scale).SubMatrix(0, 2, 0, 2);
            var d = b.SubVector(0, 2);
            return d * (v.Inverse() * d) / 2;
        }
        var beta = zz * z.TransposeThisAndMultiply(y);
        double original = Wald(beta, y - z * beta);
        // Restricted model: both slopes zero.
        var zr = z.RemoveColumn(0).RemoveColumn(0);
        var br = zr.QR().Solve(y);
        var u = y - zr * br;
        var fitted = y - u;
        var stats = new double[1 << clusters];
        for (int b = 0; b < stats.Length; b++)
        {
            var ystar = Vector<double>.Build.Dense(n, i => fitted[i] + u[i] * (((b >> province[i]) & 1) == 0 ? 1 : -1));
            var bs = zz * z.TransposeThisAndMultiply(ystar);
            stats[b] = Wald(bs, ystar - z * bs);
        }
        return new Brute(original, stats);
    }

    private static (Matrix<double> Z, Vector<double> Y, int[] Province, int K) Dense(PanelData panel)
    {
        int n = panel.RowCount;
        var cols = new List<double[]> { panel.Column("x1").ToArray(), panel.Column("x2").ToArray() };
        var units = panel.Entities.Codes.ToArray();
        var times = panel.Times.Codes.ToArray();
        for (int l = 0; l < panel.Entities.LevelCount; l++) cols.Add(units.Select(c => c == l ? 1.0 : 0.0).ToArray());
        for (int l = 1; l < panel.Times.LevelCount; l++) cols.Add(times.Select(c => c == l ? 1.0 : 0.0).ToArray());
        var z = Matrix<double>.Build.DenseOfColumnArrays(cols);
        var y = Vector<double>.Build.DenseOfArray(panel.Column("y").ToArray());
        var province = panel.Column("province").ToArray().Select(p => (int)p - 1).ToArray();
        return (z, y, province, cols.Count);
    }

    private static double ClusterVariance(Matrix<double> z, Matrix<double> zz, Vector<double> e, int[] cluster, int clusters)
    {
        var c = zz.Row(0);
        double v = 0;
        for (int g = 0; g < clusters; g++)
        {
            double s = 0;
            for (int i = 0; i < e.Count; i++)
                if (cluster[i] == g) s += c.DotProduct(z.Row(i)) * e[i];
            v += s * s;
        }
        return v;
    }
}
