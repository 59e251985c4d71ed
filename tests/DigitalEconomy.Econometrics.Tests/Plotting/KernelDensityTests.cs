using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Plotting;

public class KernelDensityTests
{
    [Fact]
    public void Silverman_bandwidth_matches_R_bw_nrd0()
    {
        // bw.nrd0's formula worked by hand: 1:10 has sd = 3.0276504 < IQR/1.34 = 4.5/1.34, so
        // h = 0.9 · 3.0276504 · 10^(−1/5) = 1.7192864; tolerance 1e-6 covers the 8 figures quoted.
        KernelDensity.SilvermanBandwidth(Enumerable.Range(1, 10).Select(i => (double)i).ToArray())
            .Should().BeApproximately(1.7192864, 1e-6);
        // Here the type-7 IQR (= 1) is the smaller spread: h = 0.9 · (1/1.34) · 10^(−1/5) = 0.4237775.
        KernelDensity.SilvermanBandwidth([0, 0, 0, 0, 1, 1, 1, 1, 1, 10]).Should().BeApproximately(0.4237775, 1e-6);
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
