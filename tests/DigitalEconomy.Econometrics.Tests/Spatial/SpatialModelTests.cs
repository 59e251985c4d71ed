using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Spatial;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Spatial;

/// <summary>Spatial Durbin model with two-way effects on simulated data with known truth, effects identities, errors.</summary>
public class SpatialModelTests
{
    private const double Rho = 0.4;
    private static readonly double[] Beta = [1.0, -0.5];
    private static readonly double[] Theta = [0.5, 0.3];

    /// <summary>
    /// DGP: N = 100 units on a 10 × 10 grid, W = 4 nearest neighbours row-standardised, T = 10;
    /// y_t = (I − ρW)⁻¹(X_t β + W X_t θ + α + γ_t + ε_t), x ~ N(0, 1), α ~ N(0, 1), γ_t ~ N(0, 1), ε ~ N(0, 0.5²).
    /// </summary>
    internal static (PanelData Panel, SpatialWeights W) Simulate(ulong seed, int side = 10, int periods = 10)
    {
        int n = side * side;
        var keys = Enumerable.Range(0, n).Select(i => $"u{i:D4}").ToArray();
        var coords = SpatialCoordinates.Planar(keys, keys.Select((_, i) => (double)(i % side)).ToArray(), keys.Select((_, i) => (double)(i / side) + 0.01 * (i % 3)).ToArray());
        var w = SpatialWeights.NearestNeighbours(coords, 4).Standardise(WeightStyle.Row);
        var rng = SeededRandom.ForStream(seed, 1);
        var alpha = Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();
        var ent = new List<string>();
        var tim = new List<string>();
        var yc = new List<double>();
        var x1c = new List<double>();
        var x2c = new List<double>();
        for (int t = 0; t < periods; t++)
        {
            double gamma = rng.NextGaussian();
            var x1 = Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();
            var x2 = Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();
            var wx1 = w.Lag(x1);
            var wx2 = w.Lag(x2);
            var b = new double[n];
            for (int i = 0; i < n; i++)
                b[i] = Beta[0] * x1[i] + Beta[1] * x2[i] + Theta[0] * wx1[i] + Theta[1] * wx2[i] + alpha[i] + gamma + 0.5 * rng.NextGaussian();
            var y = (double[])b.Clone();
            for (int it = 0; it < 200; it++)
            {
                var wy = w.Lag(y);
                for (int i = 0; i < n; i++) y[i] = b[i] + Rho * wy[i];
            }
            for (int i = 0; i < n; i++)
            {
                ent.Add(keys[i]);
                tim.Add((2000 + t).ToString(System.Globalization.CultureInfo.InvariantCulture));
                yc.Add(y[i]);
                x1c.Add(x1[i]);
                x2c.Add(x2[i]);
            }
        }
        var panel = PanelData.Create("unit", ent, "year", tim,
            [new("y", yc.ToArray()), new("x1", x1c.ToArray()), new("x2", x2c.ToArray())]);
        return (panel, w);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Sdm_with_two_way_effects_recovers_the_simulated_truth(ulong seed)
    {
        var (panel, w) = Simulate(seed);
        var fit = SpatialRegression.Fit(panel, w, new SpatialRegressionOptions("y", ["x1", "x2"]) { Kind = SpatialModelKind.Sdm, Effects = SpatialEffects.TwoWay, Simulations = 200 });
        var c = fit.Coefficients.ToDictionary(x => x.Name);
        // NT = 1,000 with σ = 0.5: SEs are ≈ 0.02–0.035; 0.12 is > 3 SE for every parameter
        c["x1"].Estimate.Should().BeApproximately(Beta[0], 0.12);
        c["x2"].Estimate.Should().BeApproximately(Beta[1], 0.12);
        c["W:x1"].Estimate.Should().BeApproximately(Theta[0], 0.12);
        c["W:x2"].Estimate.Should().BeApproximately(Theta[1], 0.12);
        fit.Rho!.Value.Should().BeApproximately(Rho, 0.12, "ρ̂ has SE ≈ 0.033; 0.12 is about 3.5 SE");
        var ly = SpatialRegression.Fit(panel, w, new SpatialRegressionOptions("y", ["x1", "x2"]) { Kind = SpatialModelKind.Sdm, Effects = SpatialEffects.TwoWay, LeeYu = true, Simulations = 0 });
        ly.Rho!.Value.Should().BeApproximately(Rho, 0.12);
        ly.Rho.Value.Should().NotBe(fit.Rho.Value, "the Lee–Yu time transformation changes ρ with two-way effects");
        // true total effect of x1: (β + θ)/(1 − ρ) = 2.5; simulated SE about 0.1
        var total = fit.Impacts.Single(i => i.Name == "x1").Total;
        total.Should().BeApproximately((Beta[0] + Theta[0]) / (1 - Rho), 0.4);
        fit.Tests.Single(t => t.Name == "wald_sdm_vs_sar").PValue.Should().BeLessThan(1e-6, "θ ≠ 0 in the DGP");
    }

    [Fact]
    public void Effects_satisfy_the_total_identity_and_the_dense_direct_formula()
    {
        var (panel, w) = Simulate(5, side: 6, periods: 4);
        var fit = SpatialRegression.Fit(panel, w, new SpatialRegressionOptions("y", ["x1", "x2"]) { Kind = SpatialModelKind.Sdm, Effects = SpatialEffects.Entity, Simulations = 500, Seed = 3 });
        var c = fit.Coefficients.ToDictionary(x => x.Name);
        double rho = fit.Rho!.Value;
        int n = w.Count;
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            a[i, i] = 1;
            for (int j = 0; j < n; j++) a[i, j] -= rho * w.Weight(i, j);
        }
        var inv = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(a).Inverse();
        var wm = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, (i, j) => w.Weight(i, j));
        foreach (var name in new[] { "x1", "x2" })
        {
            var imp = fit.Impacts.Single(i => i.Name == name);
            double b = c[name].Estimate, th = c["W:" + name].Estimate;
            var s = inv * (b * MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(n) + th * wm);
            // closed forms vs dense S(W) = (I − ρW)⁻¹(βI + θW): 1e-10 relative (an N = 36 dense inverse)
            imp.Total.Should().BeApproximately((b + th) / (1 - rho), 1e-12 * Math.Abs(imp.Total));
            imp.Total.Should().BeApproximately(s.RowSums().Sum() / n, 1e-10 * Math.Abs(imp.Total));
            imp.Direct.Should().BeApproximately(s.Trace() / n, 1e-10 * Math.Abs(imp.Direct));
            imp.Indirect.Should().BeApproximately(imp.Total - imp.Direct, 1e-14);
            // simulated and delta-method SEs agree to about 10% with 500 draws
            imp.TotalSe.Should().BeApproximately(imp.TotalSeDelta, 0.15 * imp.TotalSeDelta);
            imp.DirectSe.Should().BeApproximately(imp.DirectSeDelta, 0.15 * imp.DirectSeDelta);
        }
        var again = SpatialRegression.Fit(panel, w, new SpatialRegressionOptions("y", ["x1", "x2"]) { Kind = SpatialModelKind.Sdm, Effects = SpatialEffects.Entity, Simulations = 500, Seed = 3 });
        again.Impacts.Select(i => i.TotalSe).Should().Equal(fit.Impacts.Select(i => i.TotalSe), "the simulation is seeded per draw");
    }

    [Fact]
    public void Sac_and_sem_run_on_the_simulated_panel_and_lm_tests_detect_the_lag()
    {
        var (panel, w) = Simulate(7);
        var sac = SpatialRegression.Fit(panel, w, new SpatialRegressionOptions("y", ["x1", "x2"]) { Kind = SpatialModelKind.Sac, Effects = SpatialEffects.TwoWay, Simulations = 0 });
        sac.Rho.Should().NotBeNull();
        sac.Lambda.Should().NotBeNull();
        sac.Coefficients.Select(x => x.Name).Should().Equal("x1", "x2", "rho", "lambda");
        sac.Coefficients.All(x => x.StdError > 0).Should().BeTrue();
        var sar = SpatialRegression.Fit(panel, w, new SpatialRegressionOptions("y", ["x1", "x2"]) { Effects = SpatialEffects.TwoWay, Simulations = 0 });
        sac.LogLikelihood.Should().BeGreaterThanOrEqualTo(sar.LogLikelihood - 1e-6, "SAC nests SAR");
        sar.LmTests!.LmLag.PValue.Should().BeLessThan(1e-6);
    }

    [Fact]
    public void Unbalanced_panels_name_the_missing_entity_periods()
    {
        var (panel, w) = Simulate(9, side: 5, periods: 3);
        var holed = panel.Where(r => !(panel.Entities.LabelOf(r) == "u0003" && panel.Times.LabelOf(r) == "2001"));
        var act = () => SpatialRegression.Fit(holed, w, new SpatialRegressionOptions("y", ["x1"]));
        act.Should().Throw<SpecificationException>().WithMessage("*balanced panel*1 of 75 entity-periods*(u0003, 2001)*");
    }
}
