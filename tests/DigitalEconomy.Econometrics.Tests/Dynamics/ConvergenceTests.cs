using DigitalEconomy.Econometrics.Dynamics;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Spatial;
using DigitalEconomy.Econometrics.Tests.Indices;
using FluentAssertions;
using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Tests.Dynamics;

public class ConvergenceTests
{
    private const int Units = 30, Periods = 6;

    /// <summary>ln y_{t+1} = 0.2 + 0.9 ln y_t + 0.05 z_t + a_i + e (converging), with a control z.</summary>
    private static (Econometrics.Data.PanelData Panel, double[] Y, double[] Z) Sample(ulong seed = 4)
    {
        var rng = SeededRandom.ForStream(seed, 2);
        var y = new double[Units * Periods];
        var z = new double[Units * Periods];
        for (int e = 0; e < Units; e++)
        {
            double a = 0.1 * rng.NextGaussian(), ly = 1 + rng.NextGaussian();
            for (int t = 0; t < Periods; t++)
            {
                z[e * Periods + t] = rng.NextGaussian();
                y[e * Periods + t] = Math.Exp(ly);
                ly = 0.2 + 0.9 * ly + 0.05 * z[e * Periods + t] + a + 0.1 * rng.NextGaussian();
            }
        }
        return (IndexTestSupport.Panel(Units, Periods, ("y", y), ("z", z)), y, z);
    }

    [Fact]
    public void Absolute_beta_matches_explicit_OLS_with_cluster_SE()
    {
        var (panel, y, _) = Sample();
        var result = Convergence.Analyse(panel, "y");
        var abs = result.Beta.Single(b => b.Kind == "absolute");
        // Explicit pooled OLS of Δln y on [1, ln y_t] and Stata's clustered variance (G/(G−1))·((N−1)/(N−K)).
        var rows = new List<(int E, double G, double L)>();
        for (int e = 0; e < Units; e++)
            for (int t = 0; t + 1 < Periods; t++)
                rows.Add((e, Math.Log(y[e * Periods + t + 1]) - Math.Log(y[e * Periods + t]), Math.Log(y[e * Periods + t])));
        var x = Matrix<double>.Build.Dense(rows.Count, 2, (r, c) => c == 0 ? 1 : rows[r].L);
        var g = Vector<double>.Build.DenseOfEnumerable(rows.Select(r => r.G));
        var xtxInv = (x.Transpose() * x).Inverse();
        var b = xtxInv * x.Transpose() * g;
        var u = g - x * b;
        var meat = Matrix<double>.Build.Dense(2, 2);
        for (int e = 0; e < Units; e++)
        {
            var s = Vector<double>.Build.Dense(2);
            for (int r = 0; r < rows.Count; r++) if (rows[r].E == e) s += x.Row(r) * u[r];
            meat += s.OuterProduct(s);
        }
        int n = rows.Count;
        double factor = Units / (Units - 1.0) * (n - 1.0) / (n - 2);
        double se = Math.Sqrt(factor * (xtxInv * meat * xtxInv)[1, 1]);
        // 1e-10: QR in the library against normal equations here, on a well-conditioned design.
        abs.Beta.Estimate.Should().BeApproximately(b[1], 1e-10);
        abs.Beta.StdError.Should().BeApproximately(se, 1e-10);
        abs.Speed.Should().BeApproximately(-Math.Log(1 + b[1]), 1e-10);
        abs.HalfLife.Should().BeApproximately(Math.Log(2) / -Math.Log(1 + b[1]), 1e-8);
    }

    [Fact]
    public void Conditional_beta_matches_two_way_within_OLS_and_recovers_the_truth()
    {
        var (panel, y, z) = Sample();
        var result = Convergence.Analyse(panel, "y", new ConvergenceOptions { Controls = ["z"] });
        var cond = result.Beta.Single(b => b.Kind == "conditional");
        // Balanced growth panel (30 × 5): two-way within = x − x̄_i − x̄_t + x̄, then OLS on [ln y_t, z_t].
        int tp = Periods - 1;
        double[] G = new double[Units * tp], L = new double[Units * tp], Z = new double[Units * tp];
        for (int e = 0; e < Units; e++)
            for (int t = 0; t < tp; t++)
            {
                G[e * tp + t] = Math.Log(y[e * Periods + t + 1] / y[e * Periods + t]);
                L[e * tp + t] = Math.Log(y[e * Periods + t]);
                Z[e * tp + t] = z[e * Periods + t];
            }
        double[] Demean(double[] v)
        {
            double all = v.Average();
            var ei = Enumerable.Range(0, Units).Select(e => Enumerable.Range(0, tp).Average(t => v[e * tp + t])).ToArray();
            var ti = Enumerable.Range(0, tp).Select(t => Enumerable.Range(0, Units).Average(e => v[e * tp + t])).ToArray();
            return v.Select((x, r) => x - ei[r / tp] - ti[r % tp] + all).ToArray();
        }
        var x = Matrix<double>.Build.DenseOfColumnArrays(Demean(L), Demean(Z));
        var b = (x.Transpose() * x).Solve(x.Transpose() * Vector<double>.Build.DenseOfArray(Demean(G)));
        cond.Beta.Estimate.Should().BeApproximately(b[0], 1e-10);
        cond.Regression["z"].Estimate.Should().BeApproximately(b[1], 1e-10);
        cond.Regression.FixedEffects.Should().HaveCount(2);
        Results.IEstimationResult common = cond;
        common.AbsorbedEffects.Should().Equal("city", "year");
        common.Coefficients.Select(c => c.Name).Should().Equal(Convergence.InitialColumn, "z");
        common.FitStatistics.Single(f => f.Key == "half_life").Value.Should().Be(cond.HalfLife);
    }

    [Fact]
    public void Sigma_series_and_trend_match_direct_formulas()
    {
        var (panel, y, _) = Sample();
        var result = Convergence.Analyse(panel, "y");
        result.Sigma.Should().HaveCount(Periods);
        var sd = new double[Periods];
        for (int t = 0; t < Periods; t++)
        {
            var ly = Enumerable.Range(0, Units).Select(e => Math.Log(y[e * Periods + t])).ToArray();
            double m = ly.Average();
            sd[t] = Math.Sqrt(ly.Sum(v => (v - m) * (v - m)) / (Units - 1));
            var lv = Enumerable.Range(0, Units).Select(e => y[e * Periods + t]).ToArray();
            double mv = lv.Average();
            result.Sigma[t].StandardDeviation.Should().BeApproximately(sd[t], 1e-12);
            result.Sigma[t].CoefficientOfVariation.Should().BeApproximately(Math.Sqrt(lv.Sum(v => (v - mv) * (v - mv)) / (Units - 1)) / mv, 1e-12);
        }
        // Trend slope of σ_t on the year.
        double tm = 2000 + (Periods - 1) / 2.0, sm = sd.Average();
        double slope = Enumerable.Range(0, Periods).Sum(t => (2000 + t - tm) * (sd[t] - sm)) / Enumerable.Range(0, Periods).Sum(t => (2000 + t - tm) * (2000 + t - tm));
        result.SigmaTrends[0].Slope.Should().BeApproximately(slope, 1e-12);
        result.SigmaTrends[0].Slope.Should().BeNegative("β = 0.9 < 1 with small shocks shrinks the dispersion");
    }

    [Fact]
    public void Cross_section_beta_uses_first_and_last_period()
    {
        var (panel, y, _) = Sample();
        var cs = Convergence.Analyse(panel, "y").Beta.Single(b => b.Kind == "cross_section");
        var l0 = Enumerable.Range(0, Units).Select(e => Math.Log(y[e * Periods])).ToArray();
        var g = Enumerable.Range(0, Units).Select(e => Math.Log(y[e * Periods + Periods - 1]) - l0[e]).ToArray();
        double m0 = l0.Average(), mg = g.Average();
        double slope = l0.Zip(g).Sum(p => (p.First - m0) * (p.Second - mg)) / l0.Sum(v => (v - m0) * (v - m0));
        cs.Beta.Estimate.Should().BeApproximately(slope, 1e-10);
        cs.Interval.Should().Be(Periods - 1);
        cs.Speed.Should().BeApproximately(-Math.Log(1 + slope) / (Periods - 1), 1e-10);
    }

    [Fact]
    public void A_non_positive_value_is_refused()
    {
        var panel = IndexTestSupport.Panel(2, 3, ("y", [1, 2, 3, 4, 0, 6]));
        var act = () => Convergence.Analyse(panel, "y");
        act.Should().Throw<SpecificationException>().WithMessage("*positive*");
    }

    /// <summary>A ring of two neighbours each, row-standardised, over the sample's entities.</summary>
    private static SpatialWeights Ring(Econometrics.Data.PanelData panel)
    {
        var keys = panel.Entities.Levels;
        int n = keys.Count;
        return SpatialWeights.FromLinks(keys, Enumerable.Range(0, n).SelectMany(i => new[] { new SpatialLink(i, (i + 1) % n, 1), new SpatialLink(i, (i + n - 1) % n, 1) }))
            .Standardise(WeightStyle.Row);
    }

    [Theory]
    [InlineData(SpatialModelKind.Sar)]
    [InlineData(SpatialModelKind.Sem)]
    [InlineData(SpatialModelKind.Sdm)]
    public void Spatial_beta_matches_SpatialRegression_on_the_explicit_growth_regressions(SpatialModelKind model)
    {
        var (panel, y, z) = Sample();
        var w = Ring(panel);
        var result = Convergence.Analyse(panel, "y", new ConvergenceOptions { Controls = ["z"], Weights = w, SpatialModel = model });
        result.SpatialBeta.Select(b => b.Scope).Should().Equal("cross_section", "panel");
        string kind = "spatial_" + model.ToString().ToLowerInvariant();
        result.SpatialBeta.Should().OnlyContain(b => b.Kind == kind);

        // The regressions written out: annual growth on ln y_t and z_t (two-way FE), and ln(y_T/y_0) on ln y_0 (one period, intercept).
        var ids = new List<int>();
        var years = new List<int>();
        var g = new List<double>();
        var l = new List<double>();
        var zt = new List<double>();
        for (int e = 0; e < Units; e++)
            for (int t = 0; t + 1 < Periods; t++)
            {
                ids.Add(e + 1);
                years.Add(2000 + t);
                g.Add(Math.Log(y[e * Periods + t + 1]) - Math.Log(y[e * Periods + t]));
                l.Add(Math.Log(y[e * Periods + t]));
                zt.Add(z[e * Periods + t]);
            }
        var growth = Econometrics.Data.PanelData.Create("city", ids.ToArray(), "year", years.ToArray(),
            [new("growth", g.ToArray()), new("ln_initial", l.ToArray()), new("z", zt.ToArray())]);
        var panelFit = SpatialRegression.Fit(growth, w, new SpatialRegressionOptions("growth", ["ln_initial", "z"]) { Kind = model, Effects = SpatialEffects.TwoWay, Simulations = 0 });
        var cross = Econometrics.Data.PanelData.Create("city", Enumerable.Range(1, Units).ToArray(), "year", Enumerable.Repeat(2000, Units).ToArray(),
        [
            new("growth", Enumerable.Range(0, Units).Select(e => Math.Log(y[e * Periods + Periods - 1] / y[e * Periods])).ToArray()),
            new("ln_initial", Enumerable.Range(0, Units).Select(e => Math.Log(y[e * Periods])).ToArray()),
        ]);
        var crossFit = SpatialRegression.Fit(cross, w, new SpatialRegressionOptions("growth", ["ln_initial"]) { Kind = model, Effects = SpatialEffects.None, Simulations = 0 });

        // Same ML problem solved twice: agreement to rounding (1e-10).
        foreach (var (estimate, fit, tau) in new[] { (result.SpatialBeta[0], crossFit, Periods - 1.0), (result.SpatialBeta[1], panelFit, 1.0) })
        {
            var b = fit.Coefficients.Single(c => c.Name == "ln_initial");
            estimate.Beta.Estimate.Should().BeApproximately(b.Estimate, 1e-10);
            estimate.Beta.StdError.Should().BeApproximately(b.StdError, 1e-10);
            estimate.Interval.Should().Be(tau);
            estimate.Speed.Should().BeApproximately(-Math.Log(1 + b.Estimate) / tau, 1e-10);
            estimate.HalfLife.Should().BeApproximately(Math.Log(2) / estimate.Speed, 1e-9);
            (estimate.Rho is null).Should().Be(fit.Rho is null);
            (estimate.Lambda is null).Should().Be(fit.Lambda is null);
            if (fit.Rho is { } rho) estimate.Rho!.Value.Should().BeApproximately(rho, 1e-10);
            if (fit.Lambda is { } lambda) estimate.Lambda!.Value.Should().BeApproximately(lambda, 1e-10);
            (model == SpatialModelKind.Sem ? estimate.Lambda : estimate.Rho).Should().NotBeNull();
        }
        // The DGP converges (ln y_{t+1} = 0.9 ln y_t + …): β < 0 in the panel with fixed effects.
        result.SpatialBeta[1].Beta.Estimate.Should().BeNegative();
    }

    [Fact]
    public void Spatial_beta_on_an_unbalanced_sample_fails_with_one_clear_line()
    {
        var (panel, _, _) = Sample();
        var w = Ring(panel);
        var y = panel.CopyColumn("y");
        y[3] = double.NaN;
        var act = () => Convergence.Analyse(panel.WithColumn("y", y), "y", new ConvergenceOptions { Weights = w });
        act.Should().Throw<SpecificationException>().WithMessage("Spatial β-convergence*");
    }
}
