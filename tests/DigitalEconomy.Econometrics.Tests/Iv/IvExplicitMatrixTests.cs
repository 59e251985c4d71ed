using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Iv;
using FluentAssertions;
using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Tests.Iv;

/// <summary>
/// The estimators against their textbook matrix formulas written out here with explicit city and year dummy
/// columns (unbalanced panel, two endogenous regressors, three instruments): 2SLS, LIML and Fuller
/// coefficients and classical/robust/cluster variances with the dummies counted in K; two-step GMM against
/// its formula on the dummy-projected data (efficient GMM is computed after the fixed effects are absorbed,
/// as ivreghdfe does). Agreement to 1e-10 relative is what double-precision round-off allows for these
/// ~250-row problems.
/// </summary>
public sealed class IvExplicitMatrixTests
{
    private const string Formula = "y ~ w | city + year | d1 + d2 ~ z1 + z2 + z3";
    private static readonly MatrixBuilder<double> Mb = Matrix<double>.Build;

    private sealed record Dense(Matrix<double> X, Matrix<double> Z, Vector<double> Y, Matrix<double> X2, int[] City, int Dummies);

    private static Dense Build(PanelData p)
    {
        double[] Col(string c) => p.Column(c).ToArray();
        int n = p.RowCount;
        var city = p.Entities.CodesArray;
        var year = p.Times.CodesArray;
        int nc = p.Entities.LevelCount, nt = p.Times.LevelCount;
        var dummies = new List<double[]>();
        for (int c = 0; c < nc; c++) dummies.Add(city.Select(v => v == c ? 1.0 : 0.0).ToArray());
        for (int t = 1; t < nt; t++) dummies.Add(year.Select(v => v == t ? 1.0 : 0.0).ToArray());
        Matrix<double> Cols(IEnumerable<double[]> cols) => Mb.DenseOfColumnArrays(cols.ToArray());
        var x = Cols(new[] { Col("d1"), Col("d2"), Col("w") }.Concat(dummies));
        var z = Cols(new[] { Col("z1"), Col("z2"), Col("z3"), Col("w") }.Concat(dummies));
        var x2 = Cols(new[] { Col("w") }.Concat(dummies));
        return new Dense(x, z, Vector<double>.Build.DenseOfArray(Col("y")), x2, city, dummies.Count);
    }

    private static Matrix<double> Projection(Matrix<double> a) => a * (a.TransposeThisAndMultiply(a)).Inverse() * a.Transpose();

    private static void Close(double actual, double expected, double tol, string what) =>
        Math.Abs(actual - expected).Should().BeLessThanOrEqualTo(tol * Math.Max(1e-300, Math.Abs(expected)), what);

    private static double KClass(Dense d, double k, out Vector<double> b, out Matrix<double> bread, out Matrix<double> h)
    {
        int n = d.Y.Count;
        var mz = Mb.DenseIdentity(n) - Projection(d.Z);
        var a = Mb.DenseIdentity(n) - mz * k;
        bread = (d.X.TransposeThisAndMultiply(a) * d.X).Inverse();
        b = bread * (d.X.TransposeThisAndMultiply(a) * d.Y);
        h = a * d.X; // rows: the estimating-equation instruments (1 − k)x + k x̂
        return k;
    }

    private static double Lambda(Dense d)
    {
        int n = d.Y.Count;
        var wmat = Mb.DenseOfColumnVectors(d.Y, d.X.Column(0), d.X.Column(1));
        var mz = Mb.DenseIdentity(n) - Projection(d.Z);
        var m2 = Mb.DenseIdentity(n) - Projection(d.X2);
        var a = wmat.TransposeThisAndMultiply(m2) * wmat;
        var bm = wmat.TransposeThisAndMultiply(mz) * wmat;
        return (bm.Inverse() * a).Evd().EigenValues.Select(c => c.Real).Min();
    }

    [Theory]
    [InlineData("2sls")]
    [InlineData("liml")]
    [InlineData("fuller")]
    public void KClass_estimators_match_dummy_variable_formulas(string which)
    {
        var panel = IvTestData.Panel(11, 25, 10, unbalanced: true);
        var d = Build(panel);
        int n = d.Y.Count, kAll = d.X.ColumnCount;
        double lambda = Lambda(d);
        double k = which switch { "2sls" => 1, "liml" => lambda, _ => lambda - 1.0 / (n - d.Z.ColumnCount) };
        KClass(d, k, out var b, out var bread, out var h);
        var e = d.Y - d.X * b;
        var estimator = which switch { "2sls" => IvEstimator.TwoStageLeastSquares, "liml" => IvEstimator.Liml, _ => IvEstimator.Fuller };
        string[] names = ["d1", "d2", "w"];

        // Classical: σ² = RSS/(N − K_all).
        var fit = IvRegression.Fit(panel, Formula, new IvOptions { Estimator = estimator });
        fit.KClass!.Value.Should().BeApproximately(k, 1e-10 * Math.Abs(k));
        var vc = bread * (e.DotProduct(e) / (n - kAll));
        for (int j = 0; j < 3; j++)
        {
            Close(fit[names[j]].Estimate, b[j], 1e-10, "b " + names[j]);
            Close(fit[names[j]].StdError, Math.Sqrt(vc[j, j]), 1e-10, "classical se " + names[j]);
        }
        Close(fit.Rss, e.DotProduct(e), 1e-10, "rss");

        // Robust: N/(N − K_all) · A⁻¹ (Σ h h' e²) A⁻¹.
        var meat = Mb.Dense(kAll, kAll);
        for (int i = 0; i < n; i++) meat += h.Row(i).OuterProduct(h.Row(i)) * (e[i] * e[i]);
        var vr = bread * meat * bread * ((double)n / (n - kAll));
        var robust = IvRegression.Fit(panel, Formula, new IvOptions { Estimator = estimator, Vcov = Vcov.Robust });
        for (int j = 0; j < 3; j++) Close(robust[names[j]].StdError, Math.Sqrt(vr[j, j]), 1e-10, "robust se " + names[j]);

        // Cluster by city: the city dummies are nested, so K counts the slopes and the year parameters only.
        int nc = d.City.Max() + 1, nt = panel.Times.LevelCount;
        var cm = Mb.Dense(kAll, kAll);
        for (int g = 0; g < nc; g++)
        {
            var s = Vector<double>.Build.Dense(kAll);
            for (int i = 0; i < n; i++) if (d.City[i] == g) s += h.Row(i) * e[i];
            cm += s.OuterProduct(s);
        }
        int kCluster = 3 + (nt - 1);
        var vcl = bread * cm * bread * ((n - 1.0) / (n - kCluster) * nc / (nc - 1.0));
        var clustered = IvRegression.Fit(panel, Formula, new IvOptions { Estimator = estimator, Vcov = Vcov.Cluster("city") });
        for (int j = 0; j < 3; j++) Close(clustered[names[j]].StdError, Math.Sqrt(vcl[j, j]), 1e-10, "cluster se " + names[j]);
        clustered.Variance!.DegreesOfFreedom.Should().Be(nc - 1);
        clustered.Variance.K.Should().Be(kCluster);
    }

    [Fact]
    public void Two_step_gmm_matches_its_formula_on_dummy_projected_data()
    {
        var panel = IvTestData.Panel(12, 25, 10, unbalanced: true);
        var d = Build(panel);
        int n = d.Y.Count;
        var dm = Mb.DenseOfColumnVectors(Enumerable.Range(3, d.Dummies).Select(c => d.X.Column(c)).ToArray());
        var md = Mb.DenseIdentity(n) - Projection(dm);
        var x = md * d.X.SubMatrix(0, n, 0, 3);
        var z = md * d.Z.SubMatrix(0, n, 0, 4);
        var y = md * d.Y;
        var pz = Projection(z);
        var b1 = (x.TransposeThisAndMultiply(pz) * x).Inverse() * (x.TransposeThisAndMultiply(pz) * y);
        var e1 = y - x * b1;
        var s = Mb.Dense(4, 4);
        for (int i = 0; i < n; i++) s += z.Row(i).OuterProduct(z.Row(i)) * (e1[i] * e1[i]);
        var wInv = s.Inverse();
        var hInv = (x.TransposeThisAndMultiply(z) * wInv * z.TransposeThisAndMultiply(x)).Inverse();
        var b = hInv * (x.TransposeThisAndMultiply(z) * wInv * z.TransposeThisAndMultiply(y));
        var e = y - x * b;
        var g = z.TransposeThisAndMultiply(e);
        double j = g.DotProduct(wInv * g);

        var fit = IvRegression.Fit(panel, Formula, new IvOptions { Estimator = IvEstimator.GmmTwoStep, Vcov = Vcov.Robust, Small = false });
        string[] names = ["d1", "d2", "w"];
        for (int c = 0; c < 3; c++)
        {
            Close(fit[names[c]].Estimate, b[c], 1e-10, "gmm b " + names[c]);
            Close(fit[names[c]].StdError, Math.Sqrt(hInv[c, c]), 1e-10, "gmm se " + names[c]);
        }
        Close(fit.Overidentification!.Statistic, j, 1e-9, "Hansen J");
        fit.Overidentification.Df.Should().Be(1);
    }

    /// <summary>
    /// Two-way clustering (city and year, Cameron–Gelbach–Miller): V₁ + V₂ − V₁₂ with the intersection equal to
    /// single observations here, G = min(G₁, G₂), and both fixed effects nested, so the absorbed count is 1.
    /// </summary>
    [Fact]
    public void Two_way_cluster_matches_the_dummy_variable_sandwich()
    {
        var panel = IvTestData.Panel(14, 25, 10, unbalanced: true);
        var d = Build(panel);
        int n = d.Y.Count, kAll = d.X.ColumnCount;
        KClass(d, 1, out var b, out var bread, out var h);
        var e = d.Y - d.X * b;
        var year = panel.Times.CodesArray;
        Matrix<double> Meat(int[] codes)
        {
            var m = Mb.Dense(kAll, kAll);
            foreach (var g in codes.Distinct())
            {
                var sg = Vector<double>.Build.Dense(kAll);
                for (int i = 0; i < n; i++) if (codes[i] == g) sg += h.Row(i) * e[i];
                m += sg.OuterProduct(sg);
            }
            return m;
        }
        var cells = Enumerable.Range(0, n).ToArray();
        int gMin = Math.Min(d.City.Max() + 1, panel.Times.LevelCount);
        var v = bread * (Meat(d.City) + Meat(year) - Meat(cells)) * bread * ((n - 1.0) / (n - 4) * gMin / (gMin - 1.0));
        var fit = IvRegression.Fit(panel, Formula, new IvOptions { Vcov = Vcov.Cluster("city", "year") });
        string[] names = ["d1", "d2", "w"];
        for (int j = 0; j < 3; j++) Close(fit[names[j]].StdError, Math.Sqrt(v[j, j]), 1e-10, "two-way se " + names[j]);
        fit.Variance!.DegreesOfFreedom.Should().Be(gMin - 1);
    }

    /// <summary>
    /// Sanderson–Windmeijer and Angrist–Pischke conditional F with two endogenous regressors, written out on the
    /// dummy-projected data: x_j on the other regressor's fitted values gives δ; the SW residual x_j − x_other δ
    /// (AP: x_j − x̂_other δ) is regressed on the instruments and the excluded ones are tested with a robust Wald
    /// statistic W, F = W/(L₁ − K₁ + 1)·(N − L − s)/N.
    /// </summary>
    [Fact]
    public void Conditional_first_stage_F_statistics_match_their_definition()
    {
        var panel = IvTestData.Panel(15, 25, 10, unbalanced: true);
        var d = Build(panel);
        int n = d.Y.Count;
        var dm = Mb.DenseOfColumnVectors(Enumerable.Range(3, d.Dummies).Select(c => d.X.Column(c)).ToArray());
        var m2 = Mb.DenseIdentity(n) - Projection(Mb.DenseOfColumnVectors([d.X.Column(2), .. dm.EnumerateColumns()]));
        var x = m2 * d.X.SubMatrix(0, n, 0, 2);
        var z = m2 * d.Z.SubMatrix(0, n, 0, 3);
        var pz = Projection(z);
        var fit = IvRegression.Fit(panel, Formula, new IvOptions { Vcov = Vcov.Robust });
        int l = 4, s = d.Dummies;
        for (int j = 0; j < 2; j++)
        {
            var xj = x.Column(j);
            var xo = x.Column(1 - j);
            var xhat = pz * xo;
            double delta = xhat.DotProduct(xj) / xhat.DotProduct(xhat);
            double F(Vector<double> e)
            {
                var zz = z.TransposeThisAndMultiply(z).Inverse();
                var coef = zz * z.TransposeThisAndMultiply(e);
                var r = e - z * coef;
                var meat = Mb.Dense(3, 3);
                for (int i = 0; i < n; i++) meat += z.Row(i).OuterProduct(z.Row(i)) * (r[i] * r[i]);
                var v = zz * meat * zz;
                double w = coef.DotProduct(v.Inverse() * coef);
                return w / 2 * (n - l - s) / n;
            }
            Close(fit.FirstStages[j].SandersonWindmeijerF.Statistic, F(xj - xo * delta), 1e-9, "SW F " + j);
            Close(fit.FirstStages[j].AngristPischkeF.Statistic, F(xj - xhat * delta), 1e-9, "AP F " + j);
            fit.FirstStages[j].SandersonWindmeijerF.NumeratorDf.Should().Be(2);
        }
    }

    [Fact]
    public void Without_fixed_effects_small_sample_rules_are_those_of_ivregress_small()
    {
        var panel = IvTestData.Panel(13, 20, 6, unbalanced: false);
        var f = IvRegression.Fit(panel, "y ~ w | d1 ~ z1 + z2", new IvOptions { Vcov = Vcov.Robust });
        int n = panel.RowCount;
        f.Variance!.K.Should().Be(3);
        f.Variance.DegreesOfFreedom.Should().Be(n - 3);
        f.Variance.Factor.Should().BeApproximately((double)n / (n - 3), 1e-15);
        var large = IvRegression.Fit(panel, "y ~ w | d1 ~ z1 + z2", new IvOptions { Vcov = Vcov.Robust, Small = false });
        large["d1"].StdError.Should().BeApproximately(f["d1"].StdError * Math.Sqrt((n - 3.0) / n), 1e-12);
        double.IsPositiveInfinity(large.Variance!.DegreesOfFreedom).Should().BeTrue();
    }
}
