using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Cli.Json;

/// <summary>Maps library results onto the JSON contract (one place, shared by every command and replicate).</summary>
internal static class RegressionJsonMapper
{
    public static CoefficientJson Coefficient(Coefficient c) =>
        new(c.Name, c.Estimate, c.StdError, c.T, c.PValue, c.ConfLow, c.ConfHigh);

    /// <summary>"classical", "robust" (HC1), "hc0"/"hc2"/"hc3", "cluster" (one or two columns) or "driscoll_kraay".</summary>
    public static VcovJson Vcov(VarianceSummary v) => new(v.Kind switch
    {
        VcovKind.Classical => "classical",
        VcovKind.HC1 => "robust",
        VcovKind.Cluster or VcovKind.TwoWayCluster => "cluster",
        VcovKind.DriscollKraay => "driscoll_kraay",
        var other => other.ToString().ToLowerInvariant(),
    }, v.ClusterVariables);

    /// <summary>"pooled_ols", "fixed_effects" or "random_effects".</summary>
    public static string Model(PanelEstimator estimator) => estimator switch
    {
        PanelEstimator.PooledOls => "pooled_ols",
        PanelEstimator.FixedEffects => "fixed_effects",
        _ => "random_effects",
    };

    /// <param name="fit">The regression.</param>
    /// <param name="entityCount">Entities in the estimation sample (counted by the caller, who knows the panel).</param>
    public static RegressionJson Regression(PanelRegressionResult fit, int entityCount)
    {
        return new RegressionJson(
            Model(fit.Estimator),
            fit.FixedEffects.Select(f => f.Name).ToArray(),
            Vcov(fit.Variance),
            fit.Observations,
            entityCount,
            fit.RSquaredWithin,
            fit.Rss,
            fit.Coefficients.Select(Coefficient).ToArray())
        {
            Missing = fit.MissingValues is { } m ? MissingJson.From(m) : MissingJson.None,
        };
    }

    /// <summary>A random-effects fit in the fe document's shape ("model": "random_effects", no absorbed effects; r2_within is the R² of the quasi-demeaned regression).</summary>
    /// <param name="fit">The random-effects fit.</param>
    /// <param name="entityCount">Entities in the estimation sample.</param>
    public static RegressionJson Regression(RandomEffectsResult fit, int entityCount)
    {
        double rss = 0;
        foreach (var e in fit.Residuals()) rss += e * e;
        return new RegressionJson("random_effects", [], Vcov(fit.Variance), fit.Observations, entityCount, fit.RSquared, rss,
            fit.Coefficients.Select(Coefficient).ToArray())
        {
            Missing = fit.MissingValues is { } m ? MissingJson.From(m) : MissingJson.None,
        };
    }
}
