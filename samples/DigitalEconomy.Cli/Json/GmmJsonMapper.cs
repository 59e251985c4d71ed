using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Gmm;

namespace DigitalEconomy.Cli.Json;

/// <summary>An Arellano–Bond test of one order.</summary>
internal sealed record GmmArJson(int Order, double Z, double PValue);

/// <summary>A χ² specification test.</summary>
internal sealed record GmmChiSquaredJson(double Statistic, int Df, double PValue);

/// <summary>A difference-in-Hansen test of one instrument subset.</summary>
internal sealed record GmmDifferenceHansenJson(string Instruments, double Statistic, int Df, double PValue, double HansenExcluding, int HansenExcludingDf);

/// <summary>Rows with a missing value in a model variable (they enter no equation as the current observation).</summary>
internal sealed record GmmMissingJson(int RowsDropped, int EntitiesDropped, IReadOnlyDictionary<string, int> ByColumn);

/// <summary>A dynamic panel GMM fit (<c>gmm</c>).</summary>
internal sealed record GmmJson(
    string Model, string Method, string Steps, bool Robust, int Nobs, int NGroups, int NInstruments,
    IReadOnlyList<CoefficientJson> Coefficients, IReadOnlyList<GmmArJson> Ar, GmmChiSquaredJson? Sargan, GmmChiSquaredJson Hansen,
    IReadOnlyList<GmmDifferenceHansenJson> DifferenceHansen, GmmMissingJson Missing,
    GmmChiSquaredJson? HansenOneStep, GmmChiSquaredJson Wald, int NobsDifferenced, IReadOnlyList<string> Notes);

/// <summary>Maps a <see cref="GmmResult"/> onto the <c>gmm</c> JSON contract (docs/cli/gmm.md).</summary>
internal static class GmmJsonMapper
{
    public static GmmJson Gmm(GmmResult fit, MissingValueReport missing) => new(
        fit.Model,
        fit.Method == GmmMethod.System ? "system" : "difference",
        fit.Steps == GmmSteps.TwoStep ? "two" : "one",
        fit.Robust,
        fit.Observations,
        fit.Groups,
        fit.InstrumentCount,
        fit.Coefficients.Select(RegressionJsonMapper.Coefficient).ToArray(),
        fit.SerialCorrelation.Select(a => new GmmArJson(a.Order, a.Z, a.PValue)).ToArray(),
        Test(fit.Sargan),
        Test(fit.Hansen)!,
        fit.DifferenceInHansen.Select(d => new GmmDifferenceHansenJson(d.Instruments, d.Statistic, d.DegreesOfFreedom, d.PValue, d.HansenExcluding, d.HansenExcludingDf)).ToArray(),
        new GmmMissingJson(missing.RowsDropped, missing.EntitiesDropped, missing.MissingByColumn.ToDictionary(kv => kv.Key, kv => kv.Value)),
        Test(fit.HansenAtOneStep),
        Test(fit.Wald)!,
        fit.DifferencedObservations,
        fit.Notes);

    private static GmmChiSquaredJson? Test(ChiSquaredTest? t) => t is null ? null : new(t.Statistic, t.DegreesOfFreedom, t.PValue);
}
