using DigitalEconomy.Econometrics.Mediation;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Mediation;

public class IndirectEffectTestTests
{
    // Hand computation: a = 0.5, SE(a) = 0.1, b = 0.4, SE(b) = 0.2, a·b = 0.2.
    // b²s_a² = 0.0016, a²s_b² = 0.01, s_a²s_b² = 0.0004.
    // Sobel √0.0116 = 0.1077032961, Aroian √0.012 = 0.1095445115, Goodman √0.0112 = 0.1058300524.
    [Theory]
    [InlineData(IndirectEffectTestKind.Sobel, 0.1077032961426901, 1.8569533817705184, 0.06331778683004563)]
    [InlineData(IndirectEffectTestKind.Aroian, 0.10954451150103323, 1.8257418583505538, 0.067889154861829)]
    [InlineData(IndirectEffectTestKind.Goodman, 0.10583005244258364, 1.8898223650461359, 0.05878172135535897)]
    public void Standard_errors_z_and_p_match_the_hand_computation(IndirectEffectTestKind kind, double se, double z, double p)
    {
        var test = IndirectEffectTest.Compute(kind, 0.5, 0.1, 0.4, 0.2)!;
        // 1e-14: a square root of a sum of four products.
        test.Estimate.Should().BeApproximately(0.2, 1e-14);
        test.StandardError.Should().BeApproximately(se, 1e-14);
        test.Z.Should().BeApproximately(z, 1e-12);
        // 1e-10: MathNet's normal CDF is accurate to ~1e-15; p carries that absolute error.
        test.PValue.Should().BeApproximately(p, 1e-10);
    }

    [Fact]
    public void Goodman_is_undefined_when_its_variance_is_not_positive()
    {
        // a = b = 0.01 with SEs 1: 2·1e-4 − 1 < 0.
        IndirectEffectTest.Goodman(0.01, 1, 0.01, 1).Should().BeNull();
        IndirectEffectTest.Sobel(0.01, 1, 0.01, 1).StandardError.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Sobel_interval_is_symmetric_around_a_times_b()
    {
        var test = IndirectEffectTest.Sobel(0.5, 0.1, 0.4, 0.2);
        // 1e-12: a·b ± 1.959964·0.107703.
        test.ConfidenceLow().Should().BeApproximately(0.2 - 1.959963984540054 * 0.1077032961426901, 1e-12);
        test.ConfidenceHigh().Should().BeApproximately(0.2 + 1.959963984540054 * 0.1077032961426901, 1e-12);
    }

    [Fact]
    public void Non_finite_inputs_are_a_clear_error()
    {
        var act = () => IndirectEffectTest.Sobel(double.NaN, 0.1, 0.4, 0.2);
        act.Should().Throw<SpecificationException>().WithMessage("*finite*");
    }
}
