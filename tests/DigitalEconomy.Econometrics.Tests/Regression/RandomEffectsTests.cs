using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Regression;

/// <summary>
/// Swamy–Arora random effects and the Hausman test on Grunfeld against the values published for Stata
/// <c>xtreg, re</c> and R plm (plm vignette <c>summary(grun.re)</c>; Baltagi, Econometric Analysis of Panel
/// Data, Table 2.1): value 0.109781 (SE 0.010493), capital 0.308113 (SE 0.017180), intercept −57.834415
/// (SE 28.898935), σ_u = 84.20095, σ_e = 52.76797, θ = 0.8612; Hausman χ²(2) = 2.3304, p = 0.3119. Those
/// are printed to 4–7 significant digits, so each tolerance is half a unit in the last printed digit.
/// </summary>
public class RandomEffectsTests
{
    private static PanelData Grunfeld() => PanelCsv.Read(ReferenceData.PathOf("grunfeld.csv"), "firm", "year");

    [ReferenceFact("grunfeld.csv")]
    public void Grunfeld_random_effects_match_published_stata_and_plm_output()
    {
        var re = RandomEffects.Fit(Grunfeld(), "inv ~ value + capital");
        re.Model.Should().Be("random_effects");
        re["value"].Estimate.Should().BeApproximately(0.109781, 5e-7);
        re["capital"].Estimate.Should().BeApproximately(0.308113, 5e-7);
        re["(Intercept)"].Estimate.Should().BeApproximately(-57.834415, 5e-7);
        re["value"].StdError.Should().BeApproximately(0.010493, 5e-7);
        re["capital"].StdError.Should().BeApproximately(0.017180, 5e-7);
        re["(Intercept)"].StdError.Should().BeApproximately(28.898935, 5e-7);
        re.Components.SigmaU.Should().BeApproximately(84.20095, 5e-6);
        re.Components.SigmaE.Should().BeApproximately(52.76797, 5e-6);
        re.Components.ThetaMin.Should().BeApproximately(0.8612, 5e-5);
        re.Components.ThetaMax.Should().Be(re.Components.ThetaMin, "balanced panel: one θ");
        // z statistics: p from the normal distribution.
        var c = re["value"];
        c.PValue.Should().BeApproximately(2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -Math.Abs(c.T)), 1e-15);
    }

    [ReferenceFact("grunfeld.csv")]
    public void Grunfeld_hausman_test_matches_plm_phtest()
    {
        var p = Grunfeld();
        var fe = PanelRegression.Fit(p, "inv ~ value + capital | firm");
        var re = RandomEffects.Fit(p, "inv ~ value + capital");
        var h = HausmanTestResult.Compute(fe, re);
        h.Statistic.Should().BeApproximately(2.3304, 5e-5);
        h.DegreesOfFreedom.Should().Be(2);
        h.PValue.Should().BeApproximately(0.3119, 5e-5);
        h.Coefficients.Should().Equal("value", "capital");
    }

    [ReferenceFact("grunfeld.csv")]
    public void Random_effects_result_reports_z_statistics_and_is_tabulated_like_any_result()
    {
        // Text checks are exact; the fitted value is a + Xb up to rounding of the residual subtraction (1e-9 relative).
        var p = Grunfeld();
        var re = RandomEffects.Fit(p, "inv ~ value + capital");
        var summary = re.Summary();
        summary.Should().StartWith("Random-effects (Swamy-Arora) estimation, Dep. Var.: inv").And.Contain("z value").And.Contain("Pr(>|z|)");
        re.AbsorbedEffects.Should().BeEmpty();
        re.EstimationRows.Should().HaveCount(re.Observations);
        int row = re.EstimationRows[0];
        double linear = re["(Intercept)"].Estimate + re["value"].Estimate * p.Column("value")[row] + re["capital"].Estimate * p.Column("capital")[row];
        re.FittedValues()[0].Should().BeApproximately(linear, 1e-9 * Math.Abs(linear));
        re.ToText().Should().Contain("value").And.Contain("capital");
    }

    [Fact]
    public void Without_individual_effects_random_effects_reduce_to_pooled_ols()
    {
        // y has no entity component, so σ_u² estimates ≤ 0 are truncated or θ is small; with exactly zero
        // between variation beyond noise the truncation note appears and the fit equals pooled OLS (1e-10).
        var rng = new Random(8);
        int n = 30, t = 6;
        var ent = new int[n * t];
        var time = new int[n * t];
        var x = new double[n * t];
        var y = new double[n * t];
        for (int i = 0; i < n; i++)
            for (int s = 0; s < t; s++)
            {
                int r = i * t + s;
                ent[r] = i;
                time[r] = s;
                x[r] = rng.NextDouble();
                y[r] = 1 + 2 * x[r] + (rng.NextDouble() - 0.5);
            }
        var panel = PanelData.Create("id", ent, "t", time, [new("y", y), new("x", x)]);
        var re = RandomEffects.Fit(panel, "y ~ x");
        if (re.Components.SigmaU == 0)
        {
            re.Notes.Should().Contain(s => s.Contains("set to 0"));
            var ols = PanelRegression.Fit(panel, "y ~ x");
            re["x"].Estimate.Should().BeApproximately(ols["x"].Estimate, 1e-10);
            re["x"].StdError.Should().BeApproximately(ols["x"].StdError, 1e-10);
        }
        else
            re.Components.ThetaMin.Should().BeLessThan(0.5, "little individual heterogeneity means little quasi-demeaning");
    }

    [Fact]
    public void Regressor_constant_within_entities_is_refused_with_a_reason()
    {
        var p = UnbalancedPanelTests.RandomPanel(2, 10, 5, 0.1);
        p = p.WithColumn("z", Enumerable.Range(0, p.RowCount).Select(r => (double)p.Entities.Codes[r]).ToArray());
        var act = () => RandomEffects.Fit(p, "y ~ x1 + z");
        act.Should().Throw<SpecificationException>().WithMessage("Random effects need every regressor to vary within id*z dropped*");
    }
}
