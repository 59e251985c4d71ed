using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Dynamics;
using DigitalEconomy.Econometrics.Numerics;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Dynamics;

public class KernelDensityTests
{
    [Fact]
    public void Nrd0_bandwidth_matches_R_bw_nrd0()
    {
        // bw.nrd0's formula worked by hand: 1:10 has sd = 3.0276504 < IQR/1.34 = 4.5/1.34, so
        // h = 0.9 · 3.0276504 · 10^(−1/5) = 1.7192864; tolerance 1e-6 covers the 8 figures quoted.
        KernelDensity.Nrd0Bandwidth(Enumerable.Range(1, 10).Select(i => (double)i).ToArray())
            .Should().BeApproximately(1.7192864, 1e-6);
        // Here the type-7 IQR (= 1) is the smaller spread: h = 0.9 · (1/1.34) · 10^(−1/5) = 0.4237775.
        KernelDensity.Nrd0Bandwidth([0, 0, 0, 0, 1, 1, 1, 1, 1, 10]).Should().BeApproximately(0.4237775, 1e-6);
    }

    [Fact]
    public void Density_integrates_to_one_and_recovers_a_normal()
    {
        var rng = new SeededRandom(5);
        var sample = Enumerable.Range(0, 4000).Select(_ => rng.NextGaussian()).ToArray();
        var kde = KernelDensity.Estimate(sample);
        kde.Points.Should().HaveCount(512);
        double area = 0;
        for (int k = 1; k < kde.Points.Count; k++)
            area += 0.5 * (kde.Density[k] + kde.Density[k - 1]) * (kde.Points[k] - kde.Points[k - 1]);
        // The grid extends 3 bandwidths past the data, so the trapezoid area misses < 0.2% of the mass.
        area.Should().BeApproximately(1, 0.002);
        // f̂(0) vs φ(0) = 0.3989: smoothing bias h²·f''/2 ≈ −0.005 plus sampling sd ≈ 0.006 at n = 4000.
        KernelDensity.Evaluate(sample, [0.0], kde.Bandwidth)[0].Should().BeApproximately(0.3989, 0.025);
    }

    [Fact]
    public void Bad_samples_are_rejected_with_a_clear_message()
    {
        var one = () => KernelDensity.Estimate([1.0]);
        one.Should().Throw<SpecificationException>().WithMessage("*at least 2 observations*");
        var constant = () => KernelDensity.Estimate([2.0, 2.0, 2.0]);
        constant.Should().Throw<SpecificationException>().WithMessage("*every observation equals 2*");
        var missing = () => KernelDensity.SilvermanBandwidth([1.0, double.NaN]);
        missing.Should().Throw<SpecificationException>().WithMessage("*missing or infinite*");
        var badH = () => KernelDensity.Evaluate([1.0, 2.0], [0.0], 0);
        badH.Should().Throw<SpecificationException>().WithMessage("*positive number*");
    }
}

public class KernelDensityDynamicsTests
{
    private static readonly double[] Skewed = [1, 2, 3, 4, 5, 6, 7, 8, 100, 200];

    [Fact]
    public void Stata_and_R_bandwidths_use_their_own_quartiles_and_constants()
    {
        // Stata: np = 2.5 → x_(3) = 3, np = 7.5 → x_(8) = 8, IQR = 5; R type 7: 3.25 and 7.75, IQR = 4.5.
        // Both spreads are below the sd (≈ 63), so h = 0.9·(IQR/c)·10^(−1/5). 1e-14: the same few flops.
        KernelDensity.SilvermanBandwidth(Skewed).Should().BeApproximately(0.9 * (5 / 1.349) * Math.Pow(10, -0.2), 1e-14);
        KernelDensity.Nrd0Bandwidth(Skewed).Should().BeApproximately(0.9 * (4.5 / 1.34) * Math.Pow(10, -0.2), 1e-14);
        KernelDensity.Bandwidth(Skewed, BandwidthRule.Silverman).Should().Be(KernelDensity.SilvermanBandwidth(Skewed));
    }

    [Theory]
    [InlineData(DensityKernel.Gaussian)]
    [InlineData(DensityKernel.Epanechnikov)]
    public void Densities_equal_a_direct_sum_over_kernels(DensityKernel kernel)
    {
        double[] x = [0.3, 1.1, 1.4, 2.0, 2.2, 3.7, 4.1];
        double h = 0.8;
        double K(double u) => kernel == DensityKernel.Gaussian
            ? Math.Exp(-u * u / 2) / Math.Sqrt(2 * Math.PI)
            : Math.Abs(u) < Math.Sqrt(5) ? 0.75 * (1 - u * u / 5) / Math.Sqrt(5) : 0;
        double[] at = [-1, 0, 0.5, 1.3, 2.9, 4.0, 6.5];
        var f = KernelDensity.Evaluate(x, at, h, kernel);
        for (int k = 0; k < at.Length; k++)
            f[k].Should().BeApproximately(x.Sum(xi => K((at[k] - xi) / h)) / (x.Length * h), 1e-15);
        // Each kernel integrates to one: trapezoid over a fine grid well past the support (1e-6).
        var est = KernelDensity.Estimate(x, points: 4001, bandwidth: h, cut: 6, kernel: kernel);
        double area = 0;
        for (int k = 1; k < est.Points.Count; k++) area += 0.5 * (est.Density[k] + est.Density[k - 1]) * (est.Points[k] - est.Points[k - 1]);
        area.Should().BeApproximately(1, 1e-5);
    }

    [Fact]
    public void Per_period_densities_share_one_grid_with_their_own_bandwidths()
    {
        var y = new double[40];
        for (int r = 0; r < 40; r++) y[r] = (r % 4 + 1) * Math.Sin(r * 1.7) + r % 4;   // spread grows with the period
        var panel = Indices.IndexTestSupport.Panel(10, 4, ("g", y));
        var series = KernelDensity.PerPeriod(panel, "g");
        series.Kernel.Should().Be(DensityKernel.Epanechnikov);
        series.Rule.Should().Be(BandwidthRule.Silverman);
        series.Periods.Select(p => p.Time).Should().Equal("2000", "2001", "2002", "2003");
        series.Grid.Should().HaveCount(100);
        for (int t = 0; t < 4; t++)
        {
            var sample = Enumerable.Range(0, 10).Select(e => y[e * 4 + t]).ToArray();
            var p = series.Periods[t];
            p.Bandwidth.Should().Be(KernelDensity.SilvermanBandwidth(sample));
            p.Density.Should().Equal(KernelDensity.Evaluate(sample, series.Grid.ToArray(), p.Bandwidth, DensityKernel.Epanechnikov));
        }
        var chosen = KernelDensity.PerPeriod(panel, "g", new KernelDensityOptions { Periods = ["2003", "2000"], Bandwidth = 0.5, Kernel = DensityKernel.Gaussian });
        chosen.Periods.Select(p => p.Time).Should().Equal("2000", "2003");
        chosen.Rule.Should().BeNull();
        var unknown = () => KernelDensity.PerPeriod(panel, "g", new KernelDensityOptions { Periods = ["1999"] });
        unknown.Should().Throw<SpecificationException>().WithMessage("*1999*");
    }
}
