using DigitalEconomy.Econometrics.Mediation;
using DigitalEconomy.Econometrics.Resampling;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Mediation;

public class ClusterBootstrapTests
{
    // Clusters with one value each; the statistic is the mean over the drawn clusters.
    private static readonly double[] Values = Enumerable.Range(0, 40).Select(i => Math.Exp(Math.Sin(i * 1.7) * 1.5)).ToArray();

    private static ClusterStatistic Mean() => (clusters, result) =>
    {
        double s = 0;
        foreach (var c in clusters) s += Values[c];
        result[0] = s / clusters.Length;
        result[1] = clusters.Length;
    };

    private static BootstrapDistribution Run(int? threads, ulong seed = 7, int reps = 999) =>
        ClusterBootstrap.Run(Values.Length, ["mean", "size"], Mean,
            new BootstrapOptions { Replications = reps, Seed = seed, MaxDegreeOfParallelism = threads });

    [Fact]
    public void Replicates_are_bit_for_bit_identical_with_one_thread_and_with_many()
    {
        var one = Run(1);
        var many = Run(8);
        // Exact equality: each replication has its own stream and slot, so scheduling cannot matter.
        many.Replicates(0).Should().Equal(one.Replicates(0));
        many.JackknifeValues(0).Should().Equal(one.JackknifeValues(0));
        many.BiasCorrectedAccelerated(0).Should().Be(one.BiasCorrectedAccelerated(0));
    }

    [Fact]
    public void A_different_seed_gives_different_replicates()
    {
        Run(2, seed: 1).Replicates(0).Should().NotEqual(Run(2, seed: 2).Replicates(0));
    }

    [Fact]
    public void Each_replication_draws_G_clusters_and_the_draws_are_uniform()
    {
        var counts = new int[Values.Length];
        var gate = new object();
        ClusterStatistic Counter() => (clusters, result) =>
        {
            lock (gate) foreach (var c in clusters) counts[c]++;
            result[0] = clusters.Length;
        };
        var d = ClusterBootstrap.Run(Values.Length, ["g"], Counter, new BootstrapOptions { Replications = 2000, Jackknife = false });
        d.Replicates(0).Should().OnlyContain(g => g == Values.Length);
        // Pearson χ² with 39 df over 80,000 draws (2,000 per cluster expected, plus the full-sample
        // evaluation's one each): its 99.99% quantile is about 80, so a fair sampler fails with prob. < 1e-4.
        double expected = counts.Sum() / (double)counts.Length;
        double chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        chi2.Should().BeLessThan(80);
    }

    [Fact]
    public void Jackknife_leaves_out_each_cluster_once_and_the_acceleration_matches_the_closed_form_for_a_mean()
    {
        var d = Run(2);
        d.JackknifeValues(1).Should().OnlyContain(g => g == Values.Length - 1);
        // For a mean θ_(i) = (n x̄ − x_i)/(n − 1), so θ̄ − θ_(i) ∝ x_i − x̄ and
        // a = Σ(x_i − x̄)³ / (6 [Σ(x_i − x̄)²]^{3/2}) (Efron & Tibshirani 1993, eq. 14.16).
        double mean = Values.Average();
        double s2 = Values.Sum(x => (x - mean) * (x - mean)), s3 = Values.Sum(x => Math.Pow(x - mean, 3));
        // 1e-10: the same ratio from 40 leave-one-out means; cancellation in θ̄ − θ_(i) costs a few digits.
        d.Acceleration(0).Should().BeApproximately(s3 / (6 * Math.Pow(s2, 1.5)), 1e-10);
    }

    [Fact]
    public void Percentile_and_BC_intervals_follow_their_definitions()
    {
        var d = Run(2);
        var sorted = d.Replicates(0).Order().ToArray();
        // Stata _pctile with B = 999: P = 24.975 → the 25th order statistic; P = 974.025 → the 975th.
        var pct = d.Percentile(0);
        pct.Lower.Should().Be(sorted[24]);
        pct.Upper.Should().Be(sorted[974]);
        // z0 = Φ⁻¹(#{θ* ≤ θ̂}/B); BC limits are the quantiles at Φ(2z0 ± 1.96).
        int below = sorted.Count(v => v <= d.Estimate(0));
        double z0 = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, below / 999.0);
        d.BiasCorrection(0).Should().Be(z0);
        var bc = d.BiasCorrected(0);
        double pLow = MathNet.Numerics.Distributions.Normal.CDF(0, 1, 2 * z0 - 1.959963984540054);
        double pos = 999 * pLow;
        // The lower limit is the ⌈B·p⌉-th order statistic (non-integer B·p for these data).
        (pos % 1).Should().NotBe(0);
        bc.Lower.Should().Be(sorted[(int)Math.Ceiling(pos) - 1]);
    }

    [Fact]
    public void Intervals_for_the_mean_agree_with_normal_theory()
    {
        var d = Run(null, reps: 4000);
        double n = Values.Length, mean = Values.Average();
        double se = Math.Sqrt(Values.Sum(x => (x - mean) * (x - mean)) / (n - 1) / n);
        // The bootstrap SE of a mean is the plug-in SE √((n−1)/n)·s/√n up to Monte Carlo error
        // (≈ 1/√(2B) ≈ 1.1% relative); 5% is a safe margin.
        d.StandardError(0).Should().BeApproximately(se * Math.Sqrt((n - 1) / n), 0.05 * se);
        foreach (var ci in new[] { d.Percentile(0), d.BiasCorrected(0), d.BiasCorrectedAccelerated(0) })
        {
            ci.Contains(mean).Should().BeTrue();
            // Each limit within 0.3 SE of x̄ ± 1.96 SE: skewness moves BC/BCa limits by a fraction of an SE.
            ci.Lower.Should().BeApproximately(mean - 1.96 * se, 0.3 * se);
            ci.Upper.Should().BeApproximately(mean + 1.96 * se, 0.3 * se);
        }
    }

    [Fact]
    public void Progress_is_reported_monotonically_up_to_the_total()
    {
        var seen = new List<(int Done, int Total)>();
        ClusterBootstrap.Run(Values.Length, ["mean", "size"], Mean,
            new BootstrapOptions { Replications = 500 }, new SynchronousProgress<ResamplingProgress>(p => seen.Add((p.Completed, p.Total))));
        seen.Should().NotBeEmpty();
        seen.Select(s => s.Done).Should().BeInAscendingOrder();
        seen[^1].Should().Be((500 + Values.Length, 500 + Values.Length));
        seen.Count.Should().BeLessThanOrEqualTo(110);
    }

    [Fact]
    public void Failed_replications_are_counted_and_left_out()
    {
        ClusterStatistic Flaky() => (clusters, result) => result[0] = clusters[0] == 0 ? double.NaN : clusters.Length;
        var d = ClusterBootstrap.Run(10, ["s"], Flaky, new BootstrapOptions { Replications = 300, Jackknife = false });
        // About 1/10 of the draws start with cluster 0.
        d.FailedReplications(0).Should().BeInRange(5, 80);
        d.Percentile(0).Note.Should().Contain("undefined");
    }

    [Fact]
    public void Too_few_clusters_or_replications_are_clear_errors()
    {
        var act = () => ClusterBootstrap.Run(1, ["mean", "size"], Mean);
        act.Should().Throw<SpecificationException>().WithMessage("*at least 2 clusters*");
        var reps = () => ClusterBootstrap.Run(5, ["mean", "size"], Mean, new BootstrapOptions { Replications = 1 });
        reps.Should().Throw<SpecificationException>().WithMessage("*at least 2 replications*");
    }
}

public class ClusterBootstrapCancellationTests
{
    [Fact]
    public void A_cancelled_token_stops_the_run()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        ClusterStatistic Zero() => (_, result) => result[0] = 0;
        var act = () => ClusterBootstrap.Run(10, ["s"], Zero, new BootstrapOptions { Replications = 100 }, cancellationToken: cts.Token);
        act.Should().Throw<OperationCanceledException>();
    }
}
