using DigitalEconomy.Econometrics.Numerics;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Numerics;

/// <summary>Power-of-two column scaling: exact, applied only beyond 2^±256, and undone in β and (X'X)⁻¹.</summary>
public class ColumnScalingTests
{
    private static (ColumnMajorMatrix X, double[] Y) Design(int seed, double factor)
    {
        var rng = new Random(seed);
        var x = new ColumnMajorMatrix(60, 3);
        var y = new double[60];
        for (int r = 0; r < 60; r++)
        {
            x[r, 0] = 1;
            x[r, 1] = rng.NextDouble() - 0.5;
            x[r, 2] = rng.NextDouble();
            y[r] = 1 + 2 * x[r, 1] - x[r, 2] + 0.1 * rng.NextDouble();
            x[r, 1] *= factor;
        }
        return (x, y);
    }

    [Fact]
    public void Scales_are_powers_of_two_and_only_for_extreme_columns()
    {
        var (x, _) = Design(1, Math.ScaleB(1, 600));
        var s = ColumnScaling.PowerOfTwoScales(x);
        s[0].Should().Be(1);
        s[2].Should().Be(1);
        double max = x.Column(1).ToArray().Max(Math.Abs);
        (max * s[1]).Should().BeInRange(1, 2);
        Math.ScaleB(1, -Math.ILogB(s[1])).Should().Be(1 / s[1], "s is an exact power of two");
    }

    [Theory]
    [InlineData(600)]
    [InlineData(-600)]
    public void Least_squares_of_a_power_of_two_scaled_column_is_exact(int exponent)
    {
        var (x0, y) = Design(2, 1);
        var (x, _) = Design(2, Math.ScaleB(1, exponent));
        var a = LeastSquares.Solve(x0, y);
        var b = LeastSquares.Solve(x, y);
        b.Kept.Should().Equal(true, true, true);
        // Exact: the scaled problem has the same digits; only the unit of β₁ and the inverse's row/column 1 change.
        b.Coefficients[1].Should().Be(Math.ScaleB(a.Coefficients[1], -exponent));
        b.Coefficients[0].Should().Be(a.Coefficients[0]);
        b.Coefficients[2].Should().Be(a.Coefficients[2]);
        b.Inverse[0, 0].Should().Be(a.Inverse[0, 0]);
        b.Inverse[0, 1].Should().Be(Math.ScaleB(a.Inverse[0, 1], -exponent));
    }

    [Fact]
    public void A_collinear_extreme_column_is_still_dropped()
    {
        var (x0, y) = Design(3, 1);
        var x = new ColumnMajorMatrix(60, 4);
        for (int j = 0; j < 3; j++) x0.Column(j).CopyTo(x.Column(j));
        for (int r = 0; r < 60; r++) x[r, 3] = (x0[r, 1] - 2 * x0[r, 2]) * 1e250;
        LeastSquares.Solve(x, y).Kept.Should().Equal(true, true, true, false);
    }
}
