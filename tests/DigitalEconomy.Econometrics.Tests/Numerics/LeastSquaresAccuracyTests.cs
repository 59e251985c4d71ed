using DigitalEconomy.Econometrics.Numerics;
using FluentAssertions;
using Xunit.Abstractions;

namespace DigitalEconomy.Econometrics.Tests.Numerics;

/// <summary>Rank detection and accuracy of <see cref="LeastSquares"/> on ill-conditioned designs.</summary>
public class LeastSquaresAccuracyTests(ITestOutputHelper output)
{
    /// <summary>Monomial design 1, x, …, x^degree on equally spaced x in [0, 1] (a Vandermonde matrix).</summary>
    private static ColumnMajorMatrix Polynomial(int n, int degree)
    {
        var m = new ColumnMajorMatrix(n, degree + 1);
        for (int r = 0; r < n; r++)
        {
            double x = r / (n - 1.0), v = 1;
            for (int j = 0; j <= degree; j++, v *= x) m[r, j] = v;
        }
        return m;
    }

    [Theory]
    [InlineData(5, 12)]
    [InlineData(7, 10)]
    [InlineData(9, 10)]
    public void Ill_conditioned_polynomial_recovers_known_coefficients(int degree, int digitsRequired)
    {
        const int n = 400;
        var x = Polynomial(n, degree);
        var beta = Enumerable.Range(0, degree + 1).Select(j => 1.0 + 0.1 * j).ToArray();
        var y = new double[n];
        for (int j = 0; j <= degree; j++) VectorKernels.Axpy(beta[j], x.Column(j), y);
        var solution = LeastSquares.Solve(x, y);
        solution.Rank.Should().Be(degree + 1);
        double maxRel = beta.Select((b, j) => Math.Abs(solution.Coefficients[j] - b) / Math.Abs(b)).Max();
        double digits = -Math.Log10(Math.Max(maxRel, 1e-17));
        output.WriteLine($"degree {degree}: condition ≈ {solution.ConditionEstimate:G3}, method {solution.Method}, {digits:F1} correct digits");
        solution.Method.Should().Be(LeastSquaresMethod.HouseholderQR, "κ(X) is far above the QR threshold");
        // Digits required: 16 − log10 κ(X) − 1 of slack (QR error ∝ κ·ε), measured once and pinned.
        digits.Should().BeGreaterThanOrEqualTo(digitsRequired);
    }

    [Fact]
    public void Exactly_collinear_columns_are_dropped_later_first()
    {
        var rng = new Random(2);
        var x = new ColumnMajorMatrix(50, 4);
        for (int r = 0; r < 50; r++)
        {
            x[r, 0] = rng.NextDouble();
            x[r, 1] = rng.NextDouble();
            x[r, 2] = x[r, 0] - 3 * x[r, 1];
            x[r, 3] = rng.NextDouble();
        }
        var y = Enumerable.Range(0, 50).Select(r => x[r, 0] + 2 * x[r, 3] + 0.01 * rng.NextDouble()).ToArray();
        var s = LeastSquares.Solve(x, y);
        s.Kept.Should().Equal(true, true, false, true);
        s.Coefficients[2].Should().Be(0);
        s.Inverse[2, 2].Should().Be(0);
    }

    [Fact]
    public void Well_conditioned_design_uses_cholesky_and_matches_qr_path()
    {
        var rng = new Random(4);
        var x = new ColumnMajorMatrix(200, 3);
        for (int r = 0; r < 200; r++)
            for (int j = 0; j < 3; j++) x[r, j] = rng.NextDouble() + (j == 0 ? 1 : 0);
        var y = Enumerable.Range(0, 200).Select(r => x[r, 0] - x[r, 1] + rng.NextDouble()).ToArray();
        var s = LeastSquares.Solve(x, y);
        s.Method.Should().Be(LeastSquaresMethod.Cholesky);
        // Reference: MathNet QR on the same data; agreement to 1e-12 (κ ≈ 10, both backward stable).
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(200, 3, (i, j) => x[i, j]);
        var b = m.QR().Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(y));
        for (int j = 0; j < 3; j++) s.Coefficients[j].Should().BeApproximately(b[j], 1e-12);
        var inv = (m.TransposeThisAndMultiply(m)).Inverse();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) s.Inverse[i, j].Should().BeApproximately(inv[i, j], 1e-12 * Math.Abs(inv[i, i]));
    }
}
