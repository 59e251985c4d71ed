using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using DigitalEconomy.Econometrics.Threshold;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Threshold;

/// <summary>
/// The no-threshold fit of a threshold model is the one-way fixed-effects regression, so on Grunfeld it
/// must give the reference firm-FE coefficients and SEs (<c>grunfeld_expected.json</c>,
/// <c>fe_oneway_entity</c>): classical (df = 188), White HC0 and firm-clustered with Stata's K + 1 factor.
/// </summary>
public class GrunfeldLinearFitTests
{
    [ReferenceFact("grunfeld.csv", "grunfeld_expected.json")]
    public void Linear_fit_matches_the_reference_firm_fixed_effects_regression()
    {
        var panel = PanelCsv.Read(ReferenceData.PathOf("grunfeld.csv"), "firm", "year");
        var spec = new ThresholdSpecification("inv", ["capital"], ["value"], "value");
        var result = PanelThresholdRegression.Estimate(panel, spec, new ThresholdOptions { MaxThresholds = 1, BootstrapReplications = 0, Trimming = [0.1] });
        var fe = ReferenceData.Json("grunfeld_expected.json").GetProperty("fe_oneway_entity");
        var se = fe.GetProperty("se");
        var fit = result.Linear;
        fit.Names.Should().Equal("value", "capital");
        fit.ResidualDegreesOfFreedom.Should().Be(fe.GetProperty("df_resid").GetInt32());
        // The reference agrees with R/Stata to ~1e-12; 1e-8 relative is the library-wide FE tolerance (SPEC §3).
        foreach (var name in new[] { "value", "capital" })
        {
            int j = fit.IndexOf(name);
            Close(fit.Coefficients[j].Estimate, fe.GetProperty("coef").GetProperty(name).GetDouble());
            Close(fit.WithVcov(Vcov.Classical).Coefficients[j].StdError, se.GetProperty("classical").GetProperty("values").GetProperty(name).GetDouble());
            Close(fit.WithVcov(Vcov.HC0).Coefficients[j].StdError, se.GetProperty("hc0_robust").GetProperty("values").GetProperty(name).GetDouble());
            Close(fit.WithVcov(Vcov.Cluster(fit.EntityName)).Coefficients[j].StdError, se.GetProperty("cluster_firm_stata_K_plus_const").GetProperty("values").GetProperty(name).GetDouble());
        }
        Close(fit.Sse, fe.GetProperty("ssr").GetDouble());
    }

    private static void Close(double actual, double expected) =>
        (Math.Abs(actual - expected) / Math.Abs(expected)).Should().BeLessThan(1e-8, $"actual {actual:R}, expected {expected:R}");
}
