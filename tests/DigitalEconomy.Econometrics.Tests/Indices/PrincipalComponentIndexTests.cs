using DigitalEconomy.Econometrics.Indices;
using DigitalEconomy.Econometrics.Numerics;
using FluentAssertions;
using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Tests.Indices;

public class PrincipalComponentIndexTests
{
    /// <summary>40 rows of four correlated indicators (a common factor plus noise) from a fixed generator.</summary>
    private static (Econometrics.Data.PanelData Panel, double[][] X) Sample(ulong seed = 11)
    {
        var rng = SeededRandom.ForStream(seed, 0);
        int n = 40;
        var x = new double[4][];
        for (int j = 0; j < 4; j++) x[j] = new double[n];
        for (int r = 0; r < n; r++)
        {
            double f = rng.NextGaussian(), g = rng.NextGaussian();
            x[0][r] = f + 0.5 * rng.NextGaussian();
            x[1][r] = 2 * f + rng.NextGaussian() + 3;
            x[2][r] = 0.3 * f + g + 0.4 * rng.NextGaussian();
            x[3][r] = -f + g + rng.NextGaussian();
        }
        return (IndexTestSupport.Panel(10, 4, ("a", x[0]), ("b", x[1]), ("c", x[2]), ("d", x[3])), x);
    }

    private static Indicator[] Indicators => [Indicator.Positive("a"), Indicator.Positive("b"), Indicator.Positive("c"), Indicator.Positive("d")];

    private static Matrix<double> Standardised(double[][] x)
    {
        int n = x[0].Length;
        return Matrix<double>.Build.Dense(n, x.Length, (r, j) =>
        {
            double mean = x[j].Average();
            double sd = Math.Sqrt(x[j].Sum(v => (v - mean) * (v - mean)) / (n - 1));
            return (x[j][r] - mean) / sd;
        });
    }

    [Fact]
    public void Eigen_identities_hold()
    {
        var (panel, _) = Sample();
        var result = PrincipalComponentIndex.Compute(panel, Indicators);
        int p = 4;
        var r = Matrix<double>.Build.Dense(p, p, (i, j) => result.Correlation[i * p + j]);
        var v = Matrix<double>.Build.Dense(p, p, (i, j) => result.Loading(i, j));
        // R V = V Λ and V′V = I to 1e-12 (Jacobi converges to machine precision; p = 4).
        (r * v - v * Matrix<double>.Build.DenseOfDiagonalArray(result.Eigenvalues.ToArray())).Enumerate().Max(Math.Abs).Should().BeLessThan(1e-12);
        (v.Transpose() * v - Matrix<double>.Build.DenseIdentity(p)).Enumerate().Max(Math.Abs).Should().BeLessThan(1e-12);
        result.Eigenvalues.Sum().Should().BeApproximately(p, 1e-12);
        result.Eigenvalues.Should().BeInDescendingOrder();
        result.VarianceShares.Sum().Should().BeApproximately(1, 1e-12);
        for (int k = 0; k < p; k++)
            Enumerable.Range(0, p).Sum(j => result.Loading(j, k)).Should().BeGreaterThanOrEqualTo(0);
        // Eigenvalues agree with MathNet's symmetric decomposition.
        var evd = r.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).OrderByDescending(x => x).ToArray();
        result.Eigenvalues.Zip(evd).Max(t => Math.Abs(t.First - t.Second)).Should().BeLessThan(1e-12);
    }

    [Fact]
    public void Kmo_and_Bartlett_match_their_formulas()
    {
        var (panel, x) = Sample();
        var result = PrincipalComponentIndex.Compute(panel, Indicators);
        int n = x[0].Length, p = 4;
        var z = Standardised(x);
        var r = z.TransposeThisAndMultiply(z) / (n - 1);
        var inv = r.Inverse();
        double r2 = 0, a2 = 0;
        var perR = new double[p];
        var perA = new double[p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
                if (i != j)
                {
                    double partial = -inv[i, j] / Math.Sqrt(inv[i, i] * inv[j, j]);
                    r2 += r[i, j] * r[i, j]; a2 += partial * partial;
                    perR[i] += r[i, j] * r[i, j]; perA[i] += partial * partial;
                }
        // 1e-12: both sides are a few dozen flops from the same correlations.
        result.Kmo.Overall.Should().BeApproximately(r2 / (r2 + a2), 1e-12);
        for (int i = 0; i < p; i++) result.Kmo.PerVariable[i].Should().BeApproximately(perR[i] / (perR[i] + perA[i]), 1e-12);
        double chi2 = -(n - 1 - (2.0 * p + 5) / 6) * Math.Log(r.Determinant());
        result.Bartlett.Statistic.Should().BeApproximately(chi2, 1e-10);
        result.Bartlett.DegreesOfFreedom.Should().Be(6);
        result.Bartlett.PValue.Should().BeApproximately(1 - MathNet.Numerics.Distributions.ChiSquared.CDF(6, chi2), 1e-12);
    }

    [Fact]
    public void Scores_are_the_explicit_projection()
    {
        var (panel, x) = Sample();
        var z = Standardised(x);
        var first = PrincipalComponentIndex.Compute(panel, Indicators);
        var v1 = Vector<double>.Build.Dense(4, j => first.Loading(j, 0));
        var expected = z * v1;
        for (int r = 0; r < expected.Count; r++) first.Scores[r].Should().BeApproximately(expected[r], 1e-12);

        var kaiser = PrincipalComponentIndex.Compute(panel, Indicators, new PrincipalComponentOptions { Retention = ComponentRetention.EigenvalueAboveOne });
        int m = kaiser.Eigenvalues.Count(l => l > 1);
        kaiser.RetainedComponents.Should().Be(m);
        m.Should().BeGreaterThan(1, "the sample has two factors");
        double total = kaiser.Eigenvalues.Take(m).Sum();
        var combined = Vector<double>.Build.Dense(z.RowCount);
        for (int k = 0; k < m; k++)
            combined += kaiser.Eigenvalues[k] / total * (z * Vector<double>.Build.Dense(4, j => kaiser.Loading(j, k)));
        for (int r = 0; r < combined.Count; r++) kaiser.Scores[r].Should().BeApproximately(combined[r], 1e-12);
    }

    [Fact]
    public void A_negative_indicator_enters_reversed_and_collinear_indicators_are_refused()
    {
        var (panel, _) = Sample();
        var plus = PrincipalComponentIndex.Compute(panel, Indicators);
        var minus = PrincipalComponentIndex.Compute(panel.WithColumn("d_neg", panel.CopyColumn("d").Select(v => -v).ToArray()),
            [Indicator.Positive("a"), Indicator.Positive("b"), Indicator.Positive("c"), Indicator.Negative("d_neg")]);
        for (int r = 0; r < plus.Scores.Count; r++) minus.Scores[r].Should().BeApproximately(plus.Scores[r], 1e-12);

        var twice = panel.WithColumn("a2", panel.CopyColumn("a").Select(v => 2 * v + 1).ToArray());
        var singular = () => PrincipalComponentIndex.Compute(twice, [Indicator.Positive("a"), Indicator.Positive("a2"), Indicator.Positive("b")]);
        singular.Should().Throw<SpecificationException>().WithMessage("*collinear*");
    }
}
