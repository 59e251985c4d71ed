using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Gmm;
using FluentAssertions;
using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Tests.Gmm;

/// <summary>
/// Difference GMM written out with dense matrices in the test (Z_i, H, W per group, as in Arellano and Bond 1991,
/// §2) on a small balanced panel: y ~ L.y + x, gmm(y, lag(2 .)), iv(x). The estimator must agree to rounding
/// (1e-10 relative: the same closed forms, different summation order). The Windmeijer correction is checked
/// against D = ∂β̂₂/∂β̂₁ obtained by central finite differences of the two-step estimator (1e-6: step error).
/// </summary>
public sealed class ExplicitMatrixGmmTests
{
    private const int Groups = 12, Periods = 5;

    private static PanelData Panel() => GmmTestPanels.Ar1(seed: 7, Groups, Periods, rho: 0.5, beta: 1.0);

    private static GmmSpecification Spec() => new("y",
        [GmmRegressor.Lags("y", 1, 1), GmmRegressor.Current("x")],
        [new GmmInstrument("y", 2, null)]) { IvInstruments = [new IvInstrument("x")] };

    private sealed record Dense(List<Matrix<double>> Z, List<Matrix<double>> X, List<Vector<double>> Y, Matrix<double> H);

    // Periods 0..4: differenced equations for t = 2, 3, 4 (L.y needs t−2). GMM columns: t=2: y0; t=3: y0, y1;
    // t=4: y0, y1, y2 (6 columns), then Δx_t (1 column).
    private static Dense Build(PanelData panel)
    {
        var y = panel.Column("y").ToArray();
        var x = panel.Column("x").ToArray();
        var zs = new List<Matrix<double>>();
        var xs = new List<Matrix<double>>();
        var ys = new List<Vector<double>>();
        for (int i = 0; i < Groups; i++)
        {
            double Y(int t) => y[i * Periods + t];
            double Xv(int t) => x[i * Periods + t];
            var z = Matrix<double>.Build.Dense(3, 7);
            var xm = Matrix<double>.Build.Dense(3, 2);
            var yv = Vector<double>.Build.Dense(3);
            int col = 0;
            for (int row = 0; row < 3; row++)
            {
                int t = row + 2;
                for (int s = 0; s <= t - 2; s++) z[row, col++] = Y(s);
                z[row, 6] = Xv(t) - Xv(t - 1);
                xm[row, 0] = Y(t - 1) - Y(t - 2);
                xm[row, 1] = Xv(t) - Xv(t - 1);
                yv[row] = Y(t) - Y(t - 1);
            }
            zs.Add(z); xs.Add(xm); ys.Add(yv);
        }
        var h = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, -1, 0 }, { -1, 2, -1 }, { 0, -1, 2 } });
        return new Dense(zs, xs, ys, h);
    }

    private static Vector<double> Gmm(Dense d, Matrix<double> w)
    {
        var zx = Sum(d, i => d.Z[i].TransposeThisAndMultiply(d.X[i]));
        var zy = d.Z.Select((z, i) => z.TransposeThisAndMultiply(d.Y[i])).Aggregate((a, b) => a + b);
        return (zx.TransposeThisAndMultiply(w) * zx).Solve(zx.TransposeThisAndMultiply(w) * zy);
    }

    private static Matrix<double> Sum(Dense d, Func<int, Matrix<double>> f) =>
        Enumerable.Range(0, Groups).Select(f).Aggregate((a, b) => a + b);

    private static Matrix<double> MomentCovariance(Dense d, Vector<double> beta) => Sum(d, i =>
    {
        var g = d.Z[i].TransposeThisAndMultiply(d.Y[i] - d.X[i] * beta);
        return g.OuterProduct(g);
    });

    private static void Close(double actual, double expected, double relative) =>
        actual.Should().BeApproximately(expected, relative * Math.Abs(expected) + 1e-14);

    [Fact]
    public void One_and_two_step_estimates_and_variances_match_the_dense_formulas()
    {
        var d = Build(Panel());
        var w1 = Sum(d, i => d.Z[i].TransposeThisAndMultiply(d.H) * d.Z[i]).Inverse();
        var b1 = Gmm(d, w1);
        var w2 = MomentCovariance(d, b1).Inverse();
        var b2 = Gmm(d, w2);
        var zx = Sum(d, i => d.Z[i].TransposeThisAndMultiply(d.X[i]));
        var bread1 = (zx.TransposeThisAndMultiply(w1) * zx).Inverse();
        var v1 = bread1 * zx.TransposeThisAndMultiply(w1) * MomentCovariance(d, b1) * w1 * zx * bread1;
        var v2 = (zx.TransposeThisAndMultiply(w2) * zx).Inverse();
        var z2 = d.Z.Select((z, i) => z.TransposeThisAndMultiply(d.Y[i] - d.X[i] * b2)).Aggregate((a, b) => a + b);
        double hansen = z2 * w2 * z2;

        var one = DynamicPanelGmm.Fit(Panel(), Spec(), new GmmOptions());
        var two = DynamicPanelGmm.Fit(Panel(), Spec(), new GmmOptions { Steps = GmmSteps.TwoStep, Robust = false });

        one.InstrumentCount.Should().Be(7);
        one.Observations.Should().Be(3 * Groups);
        for (int k = 0; k < 2; k++)
        {
            Close(one.Estimates[k], b1[k], 1e-10);
            Close(one.Coefficients[k].StdError, Math.Sqrt(v1[k, k]), 1e-10);
            Close(two.Estimates[k], b2[k], 1e-10);
            Close(two.Coefficients[k].StdError, Math.Sqrt(v2[k, k]), 1e-10);
        }
        Close(two.Hansen.Statistic, hansen, 1e-10);
        two.Hansen.DegreesOfFreedom.Should().Be(5);
    }

    [Fact]
    public void Windmeijer_variance_matches_a_finite_difference_derivative_of_the_two_step_estimator()
    {
        var d = Build(Panel());
        var w1 = Sum(d, i => d.Z[i].TransposeThisAndMultiply(d.H) * d.Z[i]).Inverse();
        var b1 = Gmm(d, w1);
        Vector<double> TwoStepFrom(Vector<double> first) => Gmm(d, MomentCovariance(d, first).Inverse());
        var b2 = TwoStepFrom(b1);
        var deriv = Matrix<double>.Build.Dense(2, 2);
        for (int k = 0; k < 2; k++)
        {
            double h = 1e-5 * Math.Max(1, Math.Abs(b1[k]));
            var up = b1.Clone(); up[k] += h;
            var down = b1.Clone(); down[k] -= h;
            deriv.SetColumn(k, (TwoStepFrom(up) - TwoStepFrom(down)) / (2 * h));
        }
        var zx = Sum(d, i => d.Z[i].TransposeThisAndMultiply(d.X[i]));
        var bread1 = (zx.TransposeThisAndMultiply(w1) * zx).Inverse();
        var v1 = bread1 * zx.TransposeThisAndMultiply(w1) * MomentCovariance(d, b1) * w1 * zx * bread1;
        var w2 = MomentCovariance(d, b1).Inverse();
        var v2 = (zx.TransposeThisAndMultiply(w2) * zx).Inverse();
        var corrected = v2 + deriv * v2 + v2 * deriv.Transpose() + deriv * v1 * deriv.Transpose();

        var fit = DynamicPanelGmm.Fit(Panel(), Spec(), new GmmOptions { Steps = GmmSteps.TwoStep, Robust = true });
        for (int k = 0; k < 2; k++)
        {
            Close(fit.Estimates[k], b2[k], 1e-10);
            Close(fit.Covariance[k, k], corrected[k, k], 1e-6);
        }
        Close(fit.Covariance[0, 1], corrected[0, 1], 1e-6);
    }

    [Fact]
    public void A_missing_year_drops_the_differences_that_span_it_and_keeps_the_rest()
    {
        var full = Panel();
        // Remove entity 1's year 2003 (period 2): its differenced rows at periods 2 and 3 (Δy₂, Δy₃) and the row
        // at period 4 (whose regressor Δy₃ spans the gap) all go; y₂ also disappears as an instrument.
        var gap = full.Where(r => !(full.Entities.LabelOf(r) == "1" && full.Times.LabelOf(r) == "2003"));
        var fit = DynamicPanelGmm.Fit(gap, Spec(), new GmmOptions());
        fit.Observations.Should().Be(3 * Groups - 3);
        fit.Groups.Should().Be(Groups - 1);
    }
}
