using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Iv;

namespace DigitalEconomy.Cli.Json;

/// <summary>The JSON document of <c>iv</c> (field names snake_case through the serializer; add fields only at the end).</summary>
internal sealed record IvJson(
    string Model, string Estimator, int Nobs, VcovJson Vcov, bool Small, IReadOnlyList<CoefficientJson> Coefficients,
    IReadOnlyList<IvFirstStageJson> FirstStage, IvWeakIdentificationJson WeakIdentification, IvTestJson? Overidentification,
    IvTestJson? Endogeneity, IvAndersonRubinJson AndersonRubin, MissingJson Missing)
{
    /// <summary>The WRE wild cluster bootstrap test of the endogenous coefficient, when <c>--wild-bootstrap</c> was given.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public WildBootstrapJson? WildBootstrap { get; init; }
}

/// <summary>One first stage.</summary>
internal sealed record IvFirstStageJson(string Endogenous, double F, double SwF, double ApF, double PartialR2, double Df1, double Df2,
    IReadOnlyList<CoefficientJson> Coefficients);

/// <summary>Weak identification; the Kleibergen–Paap fields are null with classical variance (then "underidentification" is the Anderson LM).</summary>
internal sealed record IvWeakIdentificationJson(double CraggDonaldF, double? KpWaldF, double? KpLm, int? KpLmDf, double? KpLmP,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> StockYogo, IvTestJson Underidentification, string StockYogoSource);

/// <summary>A χ² test.</summary>
internal sealed record IvTestJson(string Name, double Statistic, int Df, double PValue);

/// <summary>The Anderson–Rubin test; conf_set is null with several endogenous regressors, pieces use null for ±∞.</summary>
internal sealed record IvAndersonRubinJson(double F, double PValue, double Df1, double Df2, double Level, IReadOnlyList<double?[]>? ConfSet, string Description);

/// <summary>Maps an <see cref="IvResult"/> onto <see cref="IvJson"/>.</summary>
internal static class IvJsonMapper
{
    public static string EstimatorName(IvOptions o) => o.Estimator switch
    {
        IvEstimator.Liml => "liml",
        IvEstimator.Fuller => "fuller:" + o.FullerAlpha.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        IvEstimator.GmmTwoStep => "gmm2s",
        _ => "2sls",
    };

    public static IvJson Iv(IvResult fit)
    {
        var w = fit.WeakIdentification;
        bool kp = w.Underidentification.Name == "kleibergen_paap_rk_lm";
        var sy = w.StockYogo.GroupBy(s => s.Table).ToDictionary(g => g.Key,
            g => (IReadOnlyDictionary<string, double>)g.ToDictionary(s => s.Threshold, s => s.Value));
        var ar = fit.AndersonRubin;
        var missing = fit.Missing ?? new MissingValueReport(fit.Observations, 0, 0, []);
        return new IvJson("iv", EstimatorName(fit.Options), fit.Observations, RegressionJsonMapper.Vcov(fit.Variance!), fit.Options.Small,
            fit.Coefficients.Select(RegressionJsonMapper.Coefficient).ToArray(),
            fit.FirstStages.Select(f => new IvFirstStageJson(f.Endogenous, f.F.Statistic, f.SandersonWindmeijerF.Statistic,
                f.AngristPischkeF.Statistic, f.PartialR2, f.F.NumeratorDf, f.F.DenominatorDf,
                f.Regression.Coefficients.Select(RegressionJsonMapper.Coefficient).ToArray())).ToArray(),
            new IvWeakIdentificationJson(w.CraggDonaldF, w.KleibergenPaapWaldF,
                kp ? w.Underidentification.Statistic : null, kp ? w.Underidentification.Df : null, kp ? w.Underidentification.PValue : null,
                sy, Test(w.Underidentification)!, StockYogoTables.Attribution),
            Test(fit.Overidentification), Test(fit.Endogeneity),
            new IvAndersonRubinJson(ar.F.Statistic, ar.F.PValue, ar.F.NumeratorDf, ar.F.DenominatorDf, ar.Level,
                ar.ConfidenceSet?.Select(c => new double?[] { Finite(c.Low), Finite(c.High) }).ToArray(), ar.Describe()),
            MissingJson.From(missing));
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private static IvTestJson? Test(IvChiSquaredTest? t) => t is null ? null : new(t.Name, t.Statistic, t.Df, t.PValue);
}
