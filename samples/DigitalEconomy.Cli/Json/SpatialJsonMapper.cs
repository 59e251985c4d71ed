using DigitalEconomy.Econometrics.Spatial;

namespace DigitalEconomy.Cli.Json;

// JSON documents of `weights`, `moran` and `spatial` (documented in docs/cli/*.md, pinned by CLI tests).
// Add fields only at the end; never rename one.

/// <summary>Summary of a weight matrix built by <c>weights</c>.</summary>
internal sealed record WeightsJson(string Model, string Kind, string Style, int N, int Links, int MinNeighbours, int MaxNeighbours,
    double MeanNeighbours, bool Symmetric, double? EarthRadiusKm, string? Out);

/// <summary>Global Moran's I (and Geary's C) of one period.</summary>
internal sealed record MoranSeriesJson(string Time, double I, double Expected, double VarNorm, double ZNorm, double PNorm,
    double VarRand, double ZRand, double PRand, double? PPerm, double GearyC);

/// <summary>Local Moran statistic of one unit and period.</summary>
internal sealed record LocalMoranJson(string Entity, string Time, double Ii, double Z, double P, string Quadrant);

/// <summary>The <c>moran</c> document.</summary>
internal sealed record MoranJson(string Model, IReadOnlyList<MoranSeriesJson> Series, IReadOnlyList<LocalMoranJson> Local,
    string Variable, string Weights, string Alternative, int Permutations);

/// <summary>Direct, indirect and total effects of one regressor.</summary>
internal sealed record ImpactJson(string Name, double Direct, double Indirect, double Total, double DirectSe, double IndirectSe, double TotalSe,
    double DirectSeDelta, double IndirectSeDelta, double TotalSeDelta);

/// <summary>A χ² test.</summary>
internal sealed record TestJson(double Statistic, double PValue, double Df);

/// <summary>The four LM tests.</summary>
internal sealed record LmTestsJson(TestJson LmLag, TestJson LmError, TestJson RobustLmLag, TestJson RobustLmError);

/// <summary>Rows dropped before estimation (spatial models need a balanced panel, so none).</summary>
internal sealed record SpatialMissingJson(int RowsDropped, int Entities, int Periods);

/// <summary>The <c>spatial</c> document.</summary>
internal sealed record SpatialJson(string Model, string Kind, string Effects, int Nobs, double? Rho, double? Lambda, double Sigma2,
    double LogLikelihood, IReadOnlyList<CoefficientJson> Coefficients, IReadOnlyList<ImpactJson> Impacts, LmTestsJson? LmTests,
    IReadOnlyDictionary<string, TestJson> Tests, SpatialMissingJson Missing, bool LeeYu, string LogDeterminant, IReadOnlyList<string> Notes);

internal static class SpatialJsonMapper
{
    public static string Quadrant(SpatialQuadrant q) => q switch
    {
        SpatialQuadrant.HighHigh => "HH",
        SpatialQuadrant.LowHigh => "LH",
        SpatialQuadrant.LowLow => "LL",
        _ => "HL",
    };

    public static string Alternative(SpatialAlternative a) => a switch
    {
        SpatialAlternative.Greater => "greater",
        SpatialAlternative.Less => "less",
        _ => "two-sided",
    };

    public static MoranJson Moran(MoranResult r, string alternative, int permutations) => new(
        "moran",
        r.Series.Select(s => new MoranSeriesJson(s.Period, s.I, s.Expected, s.VarianceNormal, s.ZNormal, s.PNormal,
            s.VarianceRandomisation, s.ZRandomisation, s.PRandomisation, s.PPermutation, s.Geary.C)).ToArray(),
        r.Local.Select(l => new LocalMoranJson(l.Entity, l.Period, l.Ii, l.ZScore, l.PPermutation ?? l.PNormal, Quadrant(l.Quadrant))).ToArray(),
        r.Variable, r.Weights, alternative, permutations);

    public static string Kind(SpatialModelKind k) => k.ToString().ToLowerInvariant();

    public static string Effects(SpatialEffects e) => e switch
    {
        SpatialEffects.Entity => "entity",
        SpatialEffects.Time => "time",
        SpatialEffects.TwoWay => "twoway",
        _ => "none",
    };

    private static TestJson Test(SpatialTest t) => new(t.Statistic, t.PValue, t.Df);

    public static SpatialJson Spatial(SpatialRegressionResult r) => new(
        "spatial", Kind(r.Kind), Effects(r.Effects), r.Observations, r.Rho, r.Lambda, r.Sigma2, r.LogLikelihood,
        r.Coefficients.Select(c => new CoefficientJson(c.Name, c.Estimate, c.StdError, c.T, c.PValue, c.ConfLow, c.ConfHigh)).ToArray(),
        r.Impacts.Select(i => new ImpactJson(i.Name, i.Direct, i.Indirect, i.Total, i.DirectSe, i.IndirectSe, i.TotalSe,
            i.DirectSeDelta, i.IndirectSeDelta, i.TotalSeDelta)).ToArray(),
        r.LmTests is { } lm ? new LmTestsJson(Test(lm.LmLag), Test(lm.LmError), Test(lm.RobustLmLag), Test(lm.RobustLmError)) : null,
        r.Tests.ToDictionary(t => t.Name, Test),
        new SpatialMissingJson(0, r.Entities, r.Periods), r.LeeYu, r.LogDeterminantMethod, r.Notes);
}
