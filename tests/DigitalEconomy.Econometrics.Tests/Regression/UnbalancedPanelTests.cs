using CsCheck;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Regression;
using FluentAssertions;
using MathNet.Numerics.LinearAlgebra;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Tests.Regression;

/// <summary>
/// Unbalanced panels against explicit dummy-variable OLS (<see cref="DummyVariableOls"/>): coefficients,
/// classical, cluster and two-way cluster standard errors. Tolerances: 1e-9 relative for the exact two-way
/// and one-way methods (both sides are direct solves, differing by rounding only); 1e-7 for alternating
/// projections (iterated to 1e-10 relative, which bounds the coefficient error near 1e-9·condition).
/// </summary>
public class UnbalancedPanelTests
{
    /// <summary>A random unbalanced panel with entity and time effects correlated with the regressors.</summary>
    internal static PanelData RandomPanel(int seed, int entities, int periods, double dropShare, int groups = 3)
    {
        var rng = new Random(seed);
        var ent = new List<int>();
        var time = new List<int>();
        var grp = new List<string>();
        var x1 = new List<double>();
        var x2 = new List<double>();
        var x3 = new List<double>();
        var y = new List<double>();
        var alpha = Enumerable.Range(0, entities).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
        var tau = Enumerable.Range(0, periods).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var g = Enumerable.Range(0, entities * periods).Select(_ => rng.Next(groups)).ToArray();
        for (int i = 0; i < entities; i++)
            for (int t = 0; t < periods; t++)
            {
                // Keep every entity's first period so no entity vanishes; drop others at random.
                if (t > 0 && rng.NextDouble() < dropShare) continue;
                double a = rng.NextDouble() - 0.5 + 0.5 * alpha[i];
                double b = rng.NextDouble() - 0.5 + tau[t];
                double c = rng.NextDouble();
                ent.Add(100 + i);
                time.Add(2000 + t);
                grp.Add("g" + g[i * periods + t]);
                x1.Add(a);
                x2.Add(b);
                x3.Add(c);
                y.Add(1.5 * a - 0.7 * b + 0.3 * c + alpha[i] + tau[t] + 0.3 * (g[i * periods + t] - 1) + (rng.NextDouble() - 0.5) * (1 + Math.Abs(a)));
            }
        return PanelData.Create("id", ent.ToArray(), "t", time.ToArray(),
            [new("y", y.ToArray()), new("x1", x1.ToArray()), new("x2", x2.ToArray()), new("x3", x3.ToArray())],
            [new("grp", Factor.FromStrings(grp))]);
    }

    private static DummyVariableOls Reference(PanelData p, params string[] factors) =>
        new(p.CopyColumn("y"), [p.CopyColumn("x1"), p.CopyColumn("x2"), p.CopyColumn("x3")],
            factors.Select(f => p.Grouping(f).Codes.ToArray()).ToArray());

    private static void ShouldMatch(PanelRegressionResult fit, DummyVariableOls reference, Matrix<double> v, double factor, double rel)
    {
        var names = new[] { "x1", "x2", "x3" };
        for (int j = 0; j < 3; j++)
        {
            fit[names[j]].Estimate.Should().BeApproximately(reference.Beta[j], rel * Math.Abs(reference.Beta[j]) + 1e-13, names[j]);
            double se = Math.Sqrt(factor * v[j, j]);
            fit[names[j]].StdError.Should().BeApproximately(se, rel * se, "SE " + names[j]);
        }
        var vf = fit.VarianceMatrix();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                vf[i, j].Should().BeApproximately(factor * v[i, j], rel * Math.Sqrt(factor * factor * v[i, i] * v[j, j]) + 1e-300, "cov");
    }

    [Fact]
    public void Two_way_fe_with_classical_and_cluster_se_matches_dummy_ols()
    {
        var p = RandomPanel(1, 15, 8, 0.3);
        p.Structure.IsBalanced.Should().BeFalse();
        var r = Reference(p, "id", "t");
        int n = p.RowCount, g = p.Entities.LevelCount, periods = p.Times.LevelCount;

        var classical = PanelRegression.Fit(p, "y ~ x1 + x2 + x3 | id + t");
        classical.Convergence.Method.Should().Be(DemeaningMethod.ExactTwoWay);
        classical.ParameterCount.Should().Be(r.Rank);
        classical.Rss.Should().BeApproximately(r.Rss, 1e-10 * r.Rss);
        ShouldMatch(classical, r, r.Bread, r.Rss / (n - r.Rank), 1e-9);

        // Areg convention: G/(G−1)·(N−1)/(N−K_all) with K_all the dummy-design rank.
        var areg = PanelRegression.Fit(p, "y ~ x1 + x2 + x3 | id + t", Vcov.Cluster("id"), SmallSampleCorrection.Areg);
        ShouldMatch(areg, r, r.ClusterSandwich(p.Entities.Codes.ToArray()), g / (g - 1.0) * (n - 1.0) / (n - r.Rank), 1e-9);

        // Stata default: K = k + 1 + (periods − 1); the entity FE is nested in the entity clusters.
        var stata = PanelRegression.Fit(p, "y ~ x1 + x2 + x3 | id + t", Vcov.Cluster("id"));
        int k = 3 + 1 + (periods - 1);
        stata.Variance.K.Should().Be(k);
        ShouldMatch(stata, r, r.ClusterSandwich(p.Entities.Codes.ToArray()), g / (g - 1.0) * (n - 1.0) / (n - k), 1e-9);
        stata.Variance.DegreesOfFreedom.Should().Be(g - 1);
    }

    [Fact]
    public void Two_way_cluster_matches_cameron_gelbach_miller_on_dummy_ols()
    {
        var p = RandomPanel(7, 20, 10, 0.25);
        var r = Reference(p, "id", "t");
        int n = p.RowCount;
        int gMin = Math.Min(p.Entities.LevelCount, p.Times.LevelCount);
        var v1 = r.ClusterSandwich(p.Entities.Codes.ToArray());
        var v2 = r.ClusterSandwich(p.Times.Codes.ToArray());
        var v12 = r.HeteroskedasticSandwich(); // each (id, t) cell is one observation
        var v = v1 + v2 - v12;
        var fit = PanelRegression.Fit(p, "y ~ x1 + x2 + x3 | id + t", Vcov.Cluster("id", "t"));
        // Both FE are nested in one of the cluster dimensions, so K = k + 1.
        fit.Variance.K.Should().Be(4);
        double factor = gMin / (gMin - 1.0) * (n - 1.0) / (n - 4);
        if (v.Evd().EigenValues.All(e => e.Real >= 0))
        {
            fit.Variance.EigenvalueFixApplied.Should().BeFalse();
            ShouldMatch(fit, r, v, factor, 1e-9);
        }
        else fit.Variance.EigenvalueFixApplied.Should().BeTrue();
        fit.Variance.DegreesOfFreedom.Should().Be(gMin - 1);
    }

    [Fact]
    public void Three_fixed_effects_by_alternating_projections_match_dummy_ols()
    {
        var p = RandomPanel(3, 12, 9, 0.2);
        var r = Reference(p, "id", "t", "grp");
        var fit = PanelRegression.Fit(p, "y ~ x1 + x2 + x3 | id + t + grp", Vcov.Cluster("id"), SmallSampleCorrection.Areg);
        // With three factors, conjugate gradient takes over after 10 alternating sweeps (the automatic budget).
        fit.Convergence.Method.Should().BeOneOf(DemeaningMethod.AlternatingProjections, DemeaningMethod.ConjugateGradient);
        fit.Convergence.Iterations.Should().BeGreaterThan(1);
        fit.ParameterCount.Should().Be(r.Rank, "three FE: levels minus redundancies equals the dummy rank here");
        int n = p.RowCount, g = p.Entities.LevelCount;
        ShouldMatch(fit, r, r.ClusterSandwich(p.Entities.Codes.ToArray()), g / (g - 1.0) * (n - 1.0) / (n - r.Rank), 1e-7);
    }

    [Fact]
    public void Random_unbalanced_panels_match_dummy_ols_for_one_and_two_way_fe()
    {
        // CsCheck property: any seed, size and missing share gives the dummy-variable answer.
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[3, 14], Gen.Int[3, 9], Gen.Double[0.0, 0.45])
            .Sample((seed, entities, periods, drop) =>
            {
                var p = RandomPanel(seed, entities, periods, drop);
                int n = p.RowCount, g = p.Entities.LevelCount;
                var one = Reference(p, "id");
                if (n - one.Rank < 2) return;
                var fit1 = PanelRegression.Fit(p, "y ~ x1 + x2 + x3 | id", Vcov.Cluster("id"), SmallSampleCorrection.Areg);
                ShouldMatch(fit1, one, one.ClusterSandwich(p.Entities.Codes.ToArray()), g / (g - 1.0) * (n - 1.0) / (n - one.Rank), 1e-8);

                var two = Reference(p, "id", "t");
                if (n - two.Rank < 2) return;
                var fit2 = PanelRegression.Fit(p, "y ~ x1 + x2 + x3 | id + t", Vcov.Cluster("id"), SmallSampleCorrection.Areg);
                fit2.ParameterCount.Should().Be(two.Rank);
                ShouldMatch(fit2, two, two.ClusterSandwich(p.Entities.Codes.ToArray()), g / (g - 1.0) * (n - 1.0) / (n - two.Rank), 1e-8);
            }, iter: 40);
    }

    [Fact]
    public void Listwise_deletion_is_reported_and_equals_fitting_the_complete_rows()
    {
        var p = RandomPanel(11, 10, 6, 0.1);
        var x2 = p.CopyColumn("x2");
        x2[3] = double.NaN;
        x2[17] = double.NaN;
        var withNa = p.WithColumn("x2", x2);
        var fit = PanelRegression.Fit(withNa, "y ~ x1 + x2 + x3 | id + t", Vcov.Cluster("id"));
        fit.MissingValues!.RowsDropped.Should().Be(2);
        fit.MissingValues.MissingByColumn.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, int>("x2", 2));
        fit.Observations.Should().Be(p.RowCount - 2);
        fit.Notes.Should().Contain(n => n.Contains("2 of"));
        fit.EstimationRows.Should().NotContain([3, 17]);
        var complete = PanelRegression.Fit(withNa.Where(r => r != 3 && r != 17), "y ~ x1 + x2 + x3 | id + t", Vcov.Cluster("id"));
        // Same rows, same arithmetic: identical up to rounding (1e-12).
        fit["x2"].Estimate.Should().BeApproximately(complete["x2"].Estimate, 1e-12);
        fit["x2"].StdError.Should().BeApproximately(complete["x2"].StdError, 1e-12);
    }
}

/// <summary>HC2/HC3 against leverages of the explicit dummy design, diag(Z(Z'Z)⁻¹Z'), computed in the test (1e-9 relative).</summary>
public class LeverageAdjustedVarianceTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Hc2_and_hc3_match_the_dummy_design_leverages(bool entityFe)
    {
        var p = UnbalancedPanelTests.RandomPanel(13, 12, 7, 0.2);
        var factors = entityFe ? new[] { p.Entities.Codes.ToArray() } : [];
        var y = p.CopyColumn("y");
        double[][] x = [p.CopyColumn("x1"), p.CopyColumn("x2"), p.CopyColumn("x3")];
        var reference = new DummyVariableOls(y, x, factors);
        // Rebuild Z as the reference did to get the hat values.
        var columns = new List<double[]>(x);
        if (entityFe)
            for (int l = 0; l < p.Entities.LevelCount; l++) columns.Add(factors[0].Select(c => c == l ? 1.0 : 0.0).ToArray());
        else columns.Insert(0, Enumerable.Repeat(1.0, y.Length).ToArray());
        var z = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfColumnArrays(columns.ToArray());
        var hat = z * (z.TransposeThisAndMultiply(z)).Inverse() * z.Transpose();
        var inv = (z.TransposeThisAndMultiply(z)).Inverse();
        int offset = entityFe ? 0 : 1;
        foreach (var (vcov, power) in new[] { (Vcov.HC2, 1.0), (Vcov.HC3, 2.0) })
        {
            var meat = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(z.ColumnCount, z.ColumnCount);
            for (int r = 0; r < y.Length; r++)
                meat += z.Row(r).OuterProduct(z.Row(r)) * (reference.Residuals[r] * reference.Residuals[r] / Math.Pow(1 - hat[r, r], power));
            var v = inv * meat * inv;
            var fit = PanelRegression.Fit(p, entityFe ? "y ~ x1 + x2 + x3 | id" : "y ~ x1 + x2 + x3", vcov);
            var names = new[] { "x1", "x2", "x3" };
            for (int j = 0; j < 3; j++)
            {
                double se = Math.Sqrt(v[j + offset, j + offset]);
                fit[names[j]].StdError.Should().BeApproximately(se, 1e-9 * se, $"{vcov.Kind} {names[j]}");
            }
        }
    }
}

/// <summary>Fitted values and residuals are the LSDV ones: they add up to y and the residuals are orthogonal to every dummy and regressor (1e-9).</summary>
public class FittedValuesTests
{
    [Fact]
    public void Residuals_are_orthogonal_to_regressors_and_fixed_effects_and_fitted_plus_residual_is_y()
    {
        var p = UnbalancedPanelTests.RandomPanel(17, 15, 8, 0.25);
        var fit = PanelRegression.Fit(p, "y ~ x1 + x2 + x3 | id + t");
        var e = fit.Residuals();
        var f = fit.FittedValues();
        var y = p.Column("y");
        for (int r = 0; r < e.Length; r++) (f[r] + e[r]).Should().BeApproximately(y[r], 1e-12);
        e.Sum(v => v * v).Should().BeApproximately(fit.Rss, 1e-9 * fit.Rss);
        foreach (var name in new[] { "x1", "x2", "x3" })
        {
            var x = p.Column(name);
            double dot = 0;
            for (int r = 0; r < e.Length; r++) dot += x[r] * e[r];
            dot.Should().BeApproximately(0, 1e-9);
        }
        foreach (var g in new[] { p.Entities, p.Times })
        {
            var sums = new double[g.LevelCount];
            for (int r = 0; r < e.Length; r++) sums[g.Codes[r]] += e[r];
            sums.Should().OnlyContain(s => Math.Abs(s) < 1e-9);
        }
        fit.EstimationRows.Should().Equal(Enumerable.Range(0, p.RowCount));
        fit.FixedEffects.Select(x => (x.Name, x.Levels)).Should().Equal(("id", p.Entities.LevelCount), ("t", p.Times.LevelCount));
    }
}
