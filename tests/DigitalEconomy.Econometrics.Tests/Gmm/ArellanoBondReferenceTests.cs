using System.Text.Json;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Gmm;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Gmm;

/// <summary>
/// Arellano and Bond (1991) Table 4 on EmplUK, columns (a1) one-step robust and (b) two-step, in plm's
/// parameterisation (differenced year dummies 1979–1984, no constant), against plm::pgmm printed to 17 digits.
/// Tolerances from the reference file: 1e-9 relative for coefficients and SEs (closed-form GMM, only rounding),
/// 1e-8 for Sargan/Hansen, AR and Wald statistics.
/// </summary>
public sealed class ArellanoBondReferenceTests
{
    private const string Folder = "round2/gmm/";

    private static readonly Dictionary<string, string> StataToOurs = new()
    {
        ["L.n"] = "L.lemp", ["L2.n"] = "L2.lemp", ["w"] = "lwage", ["L.w"] = "L.lwage",
        ["k"] = "lcap", ["L.k"] = "L.lcap", ["L2.k"] = "L2.lcap",
        ["ys"] = "lout", ["L.ys"] = "L.lout", ["L2.ys"] = "L2.lout",
    };

    internal static PanelData EmplUk()
    {
        var panel = PanelCsv.Read(ReferenceData.PathOf(Folder + "EmplUK.csv"), "firm", "year");
        return panel.WithColumn("lemp", panel.Log("emp")).WithColumn("lwage", panel.Log("wage"))
            .WithColumn("lcap", panel.Log("capital")).WithColumn("lout", panel.Log("output"));
    }

    internal static GmmSpecification ColumnA1() => new("lemp",
        [GmmRegressor.Lags("lemp", 1, 2), GmmRegressor.Lags("lwage", 0, 1), GmmRegressor.Lags("lcap", 0, 2), GmmRegressor.Lags("lout", 0, 2)],
        [new GmmInstrument("lemp", 2, null)]);

    internal static GmmSpecification ColumnB() => new("lemp",
        [GmmRegressor.Lags("lemp", 1, 2), GmmRegressor.Lags("lwage", 0, 1), GmmRegressor.Current("lcap"), GmmRegressor.Lags("lout", 0, 1)],
        [new GmmInstrument("lemp", 2, null)]);

    private static JsonElement Case(string name) => ReferenceData.Json(Folder + "gmm_expected.json").GetProperty("cases").GetProperty(name);

    private static void Close(double actual, double expected, double relative, string what) =>
        actual.Should().BeApproximately(expected, relative * Math.Abs(expected), what);

    private static void CheckCoefficients(GmmResult fit, JsonElement expected, string seKey)
    {
        foreach (var c in expected.GetProperty("coefficients").EnumerateObject())
        {
            string name = StataToOurs[c.Value.GetProperty("stata_name").GetString()!];
            var coef = fit.Coefficients.Single(x => x.Name == name);
            Close(coef.Estimate, c.Value.GetProperty("b").GetDouble(), 1e-9, name + " b");
            Close(coef.StdError, c.Value.GetProperty(seKey).GetDouble(), 1e-9, name + " " + seKey);
        }
        foreach (var t in expected.GetProperty("time_dummies").EnumerateObject())
        {
            var coef = fit.Coefficients.Single(x => x.Name == "year" + t.Name);
            Close(coef.Estimate, t.Value.GetProperty("b").GetDouble(), 1e-9, t.Name + " b");
            Close(coef.StdError, t.Value.GetProperty(seKey).GetDouble(), 1e-9, t.Name + " " + seKey);
        }
    }

    [ReferenceFact]
    public void Column_a1_one_step_robust_matches_plm()
    {
        var expected = Case("ab91_a1_onestep");
        var fit = DynamicPanelGmm.Fit(EmplUk(), ColumnA1(), new GmmOptions { TimeEffects = true, Robust = true });

        fit.Observations.Should().Be(expected.GetProperty("nobs_used").GetInt32());
        fit.Groups.Should().Be(expected.GetProperty("n_groups").GetInt32());
        fit.InstrumentCount.Should().Be(expected.GetProperty("n_instruments").GetInt32());
        CheckCoefficients(fit, expected, "se_robust");

        // plm's sargan() for a one-step model: one-step moments, weight from one-step residuals.
        var sargan = expected.GetProperty("sargan");
        fit.HansenAtOneStep!.DegreesOfFreedom.Should().Be(sargan.GetProperty("df").GetInt32());
        Close(fit.HansenAtOneStep.Statistic, sargan.GetProperty("stat").GetDouble(), 1e-8, "plm sargan (one-step)");
        Close(fit.HansenAtOneStep.PValue, sargan.GetProperty("p").GetDouble(), 1e-8, "plm sargan p");

        // The homoskedastic one-step Sargan, derived in the reference file by its stated formula.
        var homo = expected.GetProperty("sargan_homoskedastic_derived");
        fit.Sargan!.DegreesOfFreedom.Should().Be(homo.GetProperty("df").GetInt32());
        Close(fit.Sargan.Statistic, homo.GetProperty("stat").GetDouble(), 1e-8, "homoskedastic Sargan");

        Close(fit.SerialCorrelation[0].Z, expected.GetProperty("ar1").GetProperty("z_robust").GetDouble(), 1e-8, "AR(1)");
        Close(fit.SerialCorrelation[0].PValue, expected.GetProperty("ar1").GetProperty("p_robust").GetDouble(), 1e-8, "AR(1) p");
        Close(fit.SerialCorrelation[1].Z, expected.GetProperty("ar2").GetProperty("z_robust").GetDouble(), 1e-8, "AR(2)");
        Close(fit.SerialCorrelation[1].PValue, expected.GetProperty("ar2").GetProperty("p_robust").GetDouble(), 1e-8, "AR(2) p");

        var wald = expected.GetProperty("wald_coef_chi2");
        fit.Wald.DegreesOfFreedom.Should().Be(wald.GetProperty("df").GetInt32());
        Close(fit.Wald.Statistic, wald.GetProperty("robust").GetDouble(), 1e-8, "Wald (robust)");
    }

    [ReferenceTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void Column_b_two_step_matches_plm(bool robust)
    {
        var expected = Case("ab91_b_twostep");
        var fit = DynamicPanelGmm.Fit(EmplUk(), ColumnB(), new GmmOptions { TimeEffects = true, Steps = GmmSteps.TwoStep, Robust = robust });
        string suffix = robust ? "robust" : "nonrobust";

        fit.Observations.Should().Be(expected.GetProperty("nobs_used").GetInt32());
        fit.InstrumentCount.Should().Be(expected.GetProperty("n_instruments").GetInt32());
        CheckCoefficients(fit, expected, "se_" + suffix);

        // For a two-step model plm's sargan() is Hansen's J.
        var sargan = expected.GetProperty("sargan");
        fit.Hansen.DegreesOfFreedom.Should().Be(sargan.GetProperty("df").GetInt32());
        Close(fit.Hansen.Statistic, sargan.GetProperty("stat").GetDouble(), 1e-8, "Hansen");
        Close(fit.Hansen.PValue, sargan.GetProperty("p").GetDouble(), 1e-8, "Hansen p");

        Close(fit.SerialCorrelation[0].Z, expected.GetProperty("ar1").GetProperty("z_" + suffix).GetDouble(), 1e-8, "AR(1)");
        Close(fit.SerialCorrelation[0].PValue, expected.GetProperty("ar1").GetProperty("p_" + suffix).GetDouble(), 1e-8, "AR(1) p");
        Close(fit.SerialCorrelation[1].Z, expected.GetProperty("ar2").GetProperty("z_" + suffix).GetDouble(), 1e-8, "AR(2)");
        Close(fit.SerialCorrelation[1].PValue, expected.GetProperty("ar2").GetProperty("p_" + suffix).GetDouble(), 1e-8, "AR(2) p");

        var wald = expected.GetProperty("wald_coef_chi2");
        Close(fit.Wald.Statistic, wald.GetProperty(suffix).GetDouble(), 1e-8, "Wald");
    }
}
