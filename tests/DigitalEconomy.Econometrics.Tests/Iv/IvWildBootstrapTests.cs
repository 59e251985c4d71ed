using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Iv;
using DigitalEconomy.Econometrics.Regression;
using FluentAssertions;
using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Tests.Iv;

/// <summary>
/// The WRE bootstrap of the 2SLS t test against a brute-force version written here: for every Rademacher sign vector,
/// the bootstrap sample is built from explicit dummy-variable regressions (restricted structural equation, efficient
/// reduced form with the restricted residuals as a regressor) and refitted by the ordinary IV estimator.
/// </summary>
public class IvWildBootstrapTests
{
    private const double Null = IvTestData.BetaD1;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Enumeration_equals_one_explicit_iv_regression_per_sign_vector(bool fixedEffects)
    {
        var panel = IvTestData.SingleEndogenous(seed: 11, cities: 8, years: 6);
        string formula = fixedEffects ? "y ~ w | city + year | d1 ~ z1 + z2" : "y ~ w | d1 ~ z1 + z2";
        var options = new IvOptions { Vcov = Vcov.Cluster("city") };
        var result = IvWildBootstrap.Test(panel, formula, options, new WildBootstrapOptions { Null = Null, Replications = 999 });

        result.Enumerated.Should().BeTrue();
        result.Replications.Should().Be(256);
        var brute = BruteForce(panel, formula, options, fixedEffects);
        // Tolerance: both routes are exact 2SLS algebra in double precision on a 48-row panel (different operation orders).
        var mine = result.BootstrapStatistics.Order().ToArray();
        var theirs = brute.Order().ToArray();
        for (int b = 0; b < mine.Length; b++) mine[b].Should().BeApproximately(theirs[b], 1e-8 * Math.Max(1, Math.Abs(theirs[b])));

        var fit = IvRegression.Fit(panel, formula, options);
        result.Statistic.Should().BeApproximately((fit["d1"].Estimate - Null) / fit["d1"].StdError, 1e-12);
        result.PValue.Should().Be(WildClusterBootstrap.PValue(result.Statistic, brute, WildPValueType.Symmetric));
        // The all-ones sign vector reproduces the data's own restricted DGP: its t* is the t of the null-imposed sample.
        result.BootstrapStatistics.Should().OnlyContain(s => double.IsFinite(s));
    }

    [Fact]
    public void Random_weights_are_seeded_and_thread_count_invariant()
    {
        var panel = IvTestData.SingleEndogenous(seed: 5, cities: 14, years: 5);
        var options = new IvOptions { Vcov = Vcov.Cluster("city") };
        var wild = new WildBootstrapOptions { Null = Null, Replications = 499, Weights = WildWeights.Webb, Seed = 7 };
        var one = IvWildBootstrap.Test(panel, "y ~ w | city + year | d1 ~ z1 + z2 + z3", options, wild with { MaxDegreeOfParallelism = 1 });
        var many = IvWildBootstrap.Test(panel, "y ~ w | city + year | d1 ~ z1 + z2 + z3", options, wild);
        one.Enumerated.Should().BeFalse();
        many.BootstrapStatistics.Should().Equal(one.BootstrapStatistics);
        many.PValue.Should().Be(one.PValue);
        var other = IvWildBootstrap.Test(panel, "y ~ w | city + year | d1 ~ z1 + z2 + z3", options, wild with { Seed = 8 });
        other.BootstrapStatistics.Should().NotEqual(one.BootstrapStatistics);
    }

    [Fact]
    public void Rejects_at_about_the_nominal_rate_under_the_null_with_ten_clusters()
    {
        // 200 panels with 10 clusters, the null true; B = 199 random Rademacher draws (2^10 > B). Monte-Carlo SE of a
        // 5% rate over 200 panels is 1.5 points: accept within 3 SE, [0.4%, 9.6%].
        int rejections = 0;
        const int panels = 200;
        var options = new IvOptions { Vcov = Vcov.Cluster("city") };
        for (int s = 0; s < panels; s++)
        {
            var panel = IvTestData.SingleEndogenous(seed: 1000 + s, cities: 10, years: 8, strength: 0.6);
            var r = IvWildBootstrap.Test(panel, "y ~ w | city + year | d1 ~ z1 + z2", options,
                new WildBootstrapOptions { Null = Null, Replications = 199, Seed = (ulong)(s + 1) });
            if (r.PValue < 0.05) rejections++;
        }
        ((double)rejections / panels).Should().BeInRange(0.004, 0.096);
    }

    [Theory]
    [InlineData("liml", "2SLS")]
    [InlineData("hc1", "one-way clustered")]
    [InlineData("two endogenous", "one endogenous regressor")]
    [InlineData("unrestricted", "restricted efficient")]
    [InlineData("other coefficient", "tests the endogenous coefficient")]
    public void Unsupported_models_get_one_clear_message(string what, string expected)
    {
        var panel = IvTestData.Panel(3, 10, 5, unbalanced: false);
        var options = new IvOptions { Vcov = Vcov.Cluster("city") };
        var wild = new WildBootstrapOptions { Replications = 99 };
        string formula = "y ~ w | city + year | d1 ~ z1 + z2";
        Action act = what switch
        {
            "liml" => () => IvWildBootstrap.Test(panel, formula, options with { Estimator = IvEstimator.Liml }, wild),
            "hc1" => () => IvWildBootstrap.Test(panel, formula, options with { Vcov = Vcov.HC1 }, wild),
            "two endogenous" => () => IvWildBootstrap.Test(panel, "y ~ w | city + year | d1 + d2 ~ z1 + z2 + z3", options, wild),
            "unrestricted" => () => IvWildBootstrap.Test(panel, formula, options, wild with { Type = WildBootstrapType.Unrestricted }),
            _ => () => IvWildBootstrap.Test(panel, formula, options, wild with { Test = "w" }),
        };
        act.Should().Throw<SpecificationException>().Which.Message.Should().Contain(expected);
    }

    /// <summary>WRE by explicit dummy-variable matrices, one ordinary IV fit per Rademacher sign vector (cluster c ↔ bit c).</summary>
    private static double[] BruteForce(PanelData panel, string formula, IvOptions options, bool fixedEffects)
    {
        var m = Matrix<double>.Build;
        int n = panel.RowCount;
        var y = panel.Column("y").ToArray();
        var d1 = panel.Column("d1").ToArray();
        var cityCodes = panel.Grouping("city").CodesArray;
        var yearCodes = panel.Grouping("year").CodesArray;
        int cities = cityCodes.Max() + 1, years = yearCodes.Max() + 1;
        var exogenous = new List<double[]> { panel.Column("w").ToArray() };
        if (fixedEffects)
        {
            for (int c = 0; c < cities; c++) exogenous.Add(cityCodes.Select(k => k == c ? 1.0 : 0.0).ToArray());
            for (int t = 1; t < years; t++) exogenous.Add(yearCodes.Select(k => k == t ? 1.0 : 0.0).ToArray());
        }
        else exogenous.Add(Enumerable.Repeat(1.0, n).ToArray());
        var x = m.DenseOfColumnArrays(exogenous);
        var z = m.DenseOfColumnArrays(panel.Column("z1").ToArray(), panel.Column("z2").ToArray());
        var restricted = Vector<double>.Build.DenseOfEnumerable(y.Select((v, i) => v - Null * d1[i]));
        var gamma = x.TransposeThisAndMultiply(x).Solve(x.TransposeThisAndMultiply(restricted));
        var restrictedMean = x * gamma;
        var u1 = restricted - restrictedMean;
        var f = z.Append(x).Append(u1.ToColumnMatrix());
        var coef = f.TransposeThisAndMultiply(f).Solve(f.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(d1)));
        var fitted = z.Append(x) * coef.SubVector(0, coef.Count - 1);
        var u2 = Vector<double>.Build.DenseOfArray(d1) - fitted;

        var stats = new double[1 << cities];
        for (int b = 0; b < stats.Length; b++)
        {
            var yStar = new double[n];
            var dStar = new double[n];
            for (int i = 0; i < n; i++)
            {
                double v = ((b >> cityCodes[i]) & 1) == 0 ? 1 : -1;
                dStar[i] = fitted[i] + v * u2[i];
                yStar[i] = Null * dStar[i] + restrictedMean[i] + v * u1[i];
            }
            var sample = panel.WithColumn("y", yStar).WithColumn("d1", dStar);
            var fit = IvRegression.Fit(sample, formula, options);
            stats[b] = (fit["d1"].Estimate - Null) / fit["d1"].StdError;
        }
        return stats;
    }
}
