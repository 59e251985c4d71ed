using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Gmm;
using FluentAssertions;
using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Tests.Gmm;

/// <summary>
/// System GMM written out with dense per-group matrices in the test (Blundell and Bond 1998): y ~ L.y + x + 1,
/// gmm(y, lag(2 .)), iv(x), on a balanced 12 × 5 panel. Rows per group: differenced t = 2, 3, 4 then levels
/// t = 1 … 4; H = [[tridiagonal 2/−1, C], [C', I]] with C = Cov(Δε_t, ε_s); instruments y_0…y_{t−2} (differences),
/// Δy_{t−1} (levels, t ≥ 2), Δx, x and the constant. Agreement to 1e-10 relative (same closed forms).
/// </summary>
public sealed class ExplicitMatrixSystemGmmTests
{
    private const int Groups = 12, Periods = 5, L = 12, K = 3;

    private static PanelData Panel() => GmmTestPanels.Ar1(seed: 9, Groups, Periods, rho: 0.6, beta: 1.0);

    private static GmmSpecification Spec() => new("y",
        [GmmRegressor.Lags("y", 1, 1), GmmRegressor.Current("x")],
        [new GmmInstrument("y", 2, null)]) { IvInstruments = [new IvInstrument("x")] };

    private static (List<Matrix<double>> Z, List<Matrix<double>> X, List<Vector<double>> Y) Build(PanelData panel)
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
            var z = Matrix<double>.Build.Dense(7, L);
            var xm = Matrix<double>.Build.Dense(7, K);
            var yv = Vector<double>.Build.Dense(7);
            int col = 0;
            for (int row = 0; row < 3; row++) // differenced equations t = 2, 3, 4
            {
                int t = row + 2;
                for (int s = 0; s <= t - 2; s++) z[row, col++] = Y(s);
                z[row, 9] = Xv(t) - Xv(t - 1);
                xm[row, 0] = Y(t - 1) - Y(t - 2);
                xm[row, 1] = Xv(t) - Xv(t - 1);
                yv[row] = Y(t) - Y(t - 1);
            }
            for (int row = 3; row < 7; row++) // levels equations t = 1 … 4
            {
                int t = row - 2;
                if (t >= 2) z[row, 6 + (t - 2)] = Y(t - 1) - Y(t - 2);
                z[row, 10] = Xv(t);
                z[row, 11] = 1;
                xm[row, 0] = Y(t - 1);
                xm[row, 1] = Xv(t);
                xm[row, 2] = 1;
                yv[row] = Y(t);
            }
            zs.Add(z); xs.Add(xm); ys.Add(yv);
        }
        return (zs, xs, ys);
    }

    private static Matrix<double> H()
    {
        var h = Matrix<double>.Build.Dense(7, 7);
        for (int a = 0; a < 3; a++)
        {
            h[a, a] = 2;
            if (a > 0) { h[a, a - 1] = -1; h[a - 1, a] = -1; }
            int t = a + 2;
            int levelSame = 3 + (t - 1), levelPrevious = 3 + (t - 2);
            h[a, levelSame] = h[levelSame, a] = 1;
            h[a, levelPrevious] = h[levelPrevious, a] = -1;
        }
        for (int a = 3; a < 7; a++) h[a, a] = 1;
        return h;
    }

    [Fact]
    public void System_gmm_matches_the_dense_formulas()
    {
        var (z, x, y) = Build(Panel());
        var h = H();
        Matrix<double> Sum(Func<int, Matrix<double>> f) => Enumerable.Range(0, Groups).Select(f).Aggregate((a, b) => a + b);
        var zx = Sum(i => z[i].TransposeThisAndMultiply(x[i]));
        var zy = Enumerable.Range(0, Groups).Select(i => z[i].TransposeThisAndMultiply(y[i])).Aggregate((a, b) => a + b);
        Vector<double> Gmm(Matrix<double> w) => (zx.TransposeThisAndMultiply(w) * zx).Solve(zx.TransposeThisAndMultiply(w) * zy);
        Matrix<double> Omega(Vector<double> b) => Sum(i =>
        {
            var g = z[i].TransposeThisAndMultiply(y[i] - x[i] * b);
            return g.OuterProduct(g);
        });
        var w1 = Sum(i => z[i].TransposeThisAndMultiply(h) * z[i]).Inverse();
        var b1 = Gmm(w1);
        var w2 = Omega(b1).Inverse();
        var b2 = Gmm(w2);
        var bread1 = (zx.TransposeThisAndMultiply(w1) * zx).Inverse();
        var v1 = bread1 * zx.TransposeThisAndMultiply(w1) * Omega(b1) * w1 * zx * bread1;
        var m2 = zy - zx * b2;
        double hansen = m2 * w2 * m2;

        var one = DynamicPanelGmm.Fit(Panel(), Spec(), new GmmOptions { Method = GmmMethod.System });
        var two = DynamicPanelGmm.Fit(Panel(), Spec(), new GmmOptions { Method = GmmMethod.System, Steps = GmmSteps.TwoStep, Robust = false });
        one.InstrumentCount.Should().Be(L);
        one.Names.Should().Equal("L.y", "x", "(Intercept)");
        one.Observations.Should().Be(4 * Groups);
        one.DifferencedObservations.Should().Be(3 * Groups);
        for (int k = 0; k < K; k++)
        {
            one.Estimates[k].Should().BeApproximately(b1[k], 1e-10 * Math.Abs(b1[k]));
            one.Coefficients[k].StdError.Should().BeApproximately(Math.Sqrt(v1[k, k]), 1e-10 * Math.Sqrt(v1[k, k]));
            two.Estimates[k].Should().BeApproximately(b2[k], 1e-10 * Math.Abs(b2[k]));
        }
        two.Hansen.Statistic.Should().BeApproximately(hansen, 1e-10 * hansen);
        two.Hansen.DegreesOfFreedom.Should().Be(L - K);
    }
}
