using DigitalEconomy.Econometrics.Spatial;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Spatial;

/// <summary>
/// Columbus (spdep/spatialreg) and Produc (splm) reference values. Tolerances as stated by the reference file:
/// Moran 1e-12 relative (closed form); package ML values 1e-6 (Columbus; spatialreg stops at its optimiser tolerance)
/// and 1e-7 (Produc); the exact MLE (root of the analytic score) 1e-9; log-likelihoods 1e-9.
/// </summary>
public class SpatialReferenceTests
{
    private static void Close(double actual, double expected, double rel, string what) =>
        actual.Should().BeApproximately(expected, rel * Math.Abs(expected), what);

    [ReferenceFact]
    public void Columbus_moran_of_crime_with_queen_contiguity_matches_spdep()
    {
        var e = SpatialReferenceData.Expected.Value.GetProperty("columbus").GetProperty("moran_CRIME");
        var crime = SpatialReferenceData.Columbus.Value.Column("CRIME").ToArray();
        var m = SpatialAutocorrelation.Moran(SpatialReferenceData.ColumbusQueen.Value, crime);
        Close(m.I, e.GetProperty("I").GetDouble(), 1e-12, "I");
        Close(m.Expected, e.GetProperty("E_I").GetDouble(), 1e-12, "E[I]");
        Close(m.VarianceRandomisation, e.GetProperty("var_I_randomisation").GetDouble(), 1e-12, "var rand");
        Close(m.ZRandomisation, e.GetProperty("z").GetDouble(), 1e-12, "z");
        Close(m.PRandomisation, e.GetProperty("p_one_sided_greater").GetDouble(), 1e-9, "p");
    }

    [ReferenceFact]
    public void Columbus_sar_matches_spatialreg_and_the_exact_mle()
    {
        var e = SpatialReferenceData.Expected.Value.GetProperty("columbus").GetProperty("sar_ml");
        var fit = SpatialRegression.Fit(SpatialReferenceData.Columbus.Value, SpatialReferenceData.ColumbusQueen.Value,
            new SpatialRegressionOptions("CRIME", ["INC", "HOVAL"]) { Kind = SpatialModelKind.Sar, Effects = SpatialEffects.None, Simulations = 0 });
        var c = fit.Coefficients.ToDictionary(x => x.Name);
        Close(fit.Rho!.Value, e.GetProperty("rho").GetDouble(), 1e-6, "rho");
        Close(fit.Rho!.Value, e.GetProperty("exact_mle").GetProperty("rho").GetDouble(), 1e-9, "rho exact");
        foreach (var b in e.GetProperty("beta").EnumerateObject())
        {
            Close(c[b.Name].Estimate, b.Value.GetDouble(), 1e-6, b.Name);
            Close(c[b.Name].Estimate, e.GetProperty("exact_mle").GetProperty("beta").GetProperty(b.Name).GetDouble(), 1e-9, b.Name + " exact");
        }
        foreach (var b in e.GetProperty("beta_se_asymptotic").EnumerateObject())
            Close(c[b.Name].StdError, b.Value.GetDouble(), 1e-6, "se " + b.Name);
        Close(c["rho"].StdError, e.GetProperty("rho_se_asymptotic").GetDouble(), 1e-6, "se rho");
        Close(fit.Sigma2, e.GetProperty("sigma2_ml").GetDouble(), 1e-6, "sigma2");
        Close(fit.Sigma2, e.GetProperty("exact_mle").GetProperty("sigma2_ml").GetDouble(), 1e-9, "sigma2 exact");
        Close(fit.LogLikelihood, e.GetProperty("loglik").GetDouble(), 1e-9, "loglik");
    }

    [ReferenceFact]
    public void Columbus_sem_matches_spatialreg_and_the_exact_mle()
    {
        var e = SpatialReferenceData.Expected.Value.GetProperty("columbus").GetProperty("sem_ml");
        var fit = SpatialRegression.Fit(SpatialReferenceData.Columbus.Value, SpatialReferenceData.ColumbusQueen.Value,
            new SpatialRegressionOptions("CRIME", ["INC", "HOVAL"]) { Kind = SpatialModelKind.Sem, Effects = SpatialEffects.None, Simulations = 0 });
        var c = fit.Coefficients.ToDictionary(x => x.Name);
        Close(fit.Lambda!.Value, e.GetProperty("lambda").GetDouble(), 1e-6, "lambda");
        Close(fit.Lambda!.Value, e.GetProperty("exact_mle").GetProperty("lambda").GetDouble(), 1e-9, "lambda exact");
        foreach (var b in e.GetProperty("beta").EnumerateObject())
        {
            Close(c[b.Name].Estimate, b.Value.GetDouble(), 1e-6, b.Name);
            Close(c[b.Name].Estimate, e.GetProperty("exact_mle").GetProperty("beta").GetProperty(b.Name).GetDouble(), 1e-9, b.Name + " exact");
        }
        foreach (var b in e.GetProperty("beta_se_asymptotic").EnumerateObject())
            Close(c[b.Name].StdError, b.Value.GetDouble(), 1e-6, "se " + b.Name);
        Close(c["lambda"].StdError, e.GetProperty("lambda_se_asymptotic").GetDouble(), 1e-6, "se lambda");
        Close(fit.Sigma2, e.GetProperty("sigma2_ml").GetDouble(), 1e-6, "sigma2");
        Close(fit.Sigma2, e.GetProperty("exact_mle").GetProperty("sigma2_ml").GetDouble(), 1e-9, "sigma2 exact");
        Close(fit.LogLikelihood, e.GetProperty("loglik").GetDouble(), 1e-9, "loglik");
    }

    [ReferenceFact]
    public void Produc_sar_with_state_effects_matches_splm_and_lee_yu_rescales_sigma2()
    {
        var e = SpatialReferenceData.Expected.Value.GetProperty("produc_usaww").GetProperty("sar_fe_individual");
        string[] x = ["log(pcap)", "log(pc)", "log(emp)", "unemp"];
        var options = new SpatialRegressionOptions("log(gsp)", x) { Kind = SpatialModelKind.Sar, Effects = SpatialEffects.Entity, Simulations = 0 };
        var fit = SpatialRegression.Fit(SpatialReferenceData.Produc.Value, SpatialReferenceData.Usaww.Value, options);
        var c = fit.Coefficients.ToDictionary(v => v.Name);
        Close(fit.Rho!.Value, e.GetProperty("rho").GetDouble(), 1e-7, "rho");
        Close(fit.Rho!.Value, e.GetProperty("exact_mle").GetProperty("rho").GetDouble(), 1e-9, "rho exact");
        foreach (var b in e.GetProperty("beta").EnumerateObject())
        {
            Close(c[b.Name].Estimate, b.Value.GetDouble(), 1e-7, b.Name);
            Close(c[b.Name].Estimate, e.GetProperty("exact_mle").GetProperty("beta").GetProperty(b.Name).GetDouble(), 1e-9, b.Name + " exact");
        }
        foreach (var b in e.GetProperty("beta_se").EnumerateObject())
            Close(c[b.Name].StdError, b.Value.GetDouble(), 1e-7, "se " + b.Name);
        Close(c["rho"].StdError, e.GetProperty("rho_se").GetDouble(), 1e-7, "se rho");
        Close(fit.Sigma2, e.GetProperty("sigma2_ml").GetDouble(), 1e-7, "sigma2");
        Close(fit.Sigma2, e.GetProperty("exact_mle").GetProperty("sigma2_ml").GetDouble(), 1e-9, "sigma2 exact");
        Close(fit.LogLikelihood, e.GetProperty("loglik").GetDouble(), 1e-9, "loglik");

        var ly = SpatialRegression.Fit(SpatialReferenceData.Produc.Value, SpatialReferenceData.Usaww.Value, options with { LeeYu = true });
        Close(ly.Rho!.Value, fit.Rho!.Value, 1e-12, "Lee–Yu leaves rho unchanged with entity effects");
        Close(ly.Sigma2, fit.Sigma2 * 17 / 16, 1e-12, "Lee–Yu sigma2 = direct × T/(T − 1)");
        Close(ly.Sigma2, e.GetProperty("sigma2_lee_yu").GetDouble(), 1e-7, "Lee–Yu sigma2 vs splm");
    }
}
