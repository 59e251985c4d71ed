using System.Text.Json.Serialization;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Cli.Json;

// The JSON documents of `--format json` (documented in docs/cli). Property names are snake_case through the
// serializer's naming policy; these records are the contract documented in the README and pinned by the
// CLI tests, so add fields only at the end and never rename one. Non-finite numbers are written as null.

/// <summary>One coefficient: the common row of every model's coefficient list.</summary>
internal sealed record CoefficientJson(
    string Name, double Estimate, double StdError, double T, double PValue, double ConfLow, double ConfHigh);

/// <summary>The variance estimator used: "classical", "robust" or "cluster" with its cluster columns.</summary>
internal sealed record VcovJson(string Type, IReadOnlyList<string> Clusters);

/// <summary>A panel regression (<c>fe</c>).</summary>
internal sealed record RegressionJson(
    string Model, IReadOnlyList<string> Effects, VcovJson Vcov, int Nobs, int NEntities,
    double R2Within, double Rss, IReadOnlyList<CoefficientJson> Coefficients)
{
    /// <summary>Rows left out of the estimation sample for missing values.</summary>
    public MissingJson Missing { get; init; } = MissingJson.None;

    /// <summary>The wild cluster bootstrap test, when <c>--wild-bootstrap</c> was given.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WildBootstrapJson? WildBootstrap { get; init; }
}

/// <summary>A wild cluster bootstrap test: t, p, the confidence set (one [lo, hi] per piece; null bounds are unbounded).</summary>
internal sealed record WildBootstrapJson(
    string Test, double Null, double T, double PValue, IReadOnlyList<double[]> ConfSet, int Reps, string Weights, string Type,
    string Ptype, bool Enumerated, int Clusters, string BootstrapCluster, double Level)
{
    public static WildBootstrapJson From(DigitalEconomy.Econometrics.Regression.WildBootstrapResult r) => new(
        r.Test, r.Null, r.Statistic, r.PValue, r.ConfidenceSet.Select(p => new[] { p.Low, p.High }).ToArray(), r.Replications,
        r.Weights.ToString().ToLowerInvariant(), r.Type.ToString().ToLowerInvariant(),
        r.PValueType switch
        {
            DigitalEconomy.Econometrics.Regression.WildPValueType.EqualTailed => "equaltail",
            var t => t.ToString().ToLowerInvariant(),
        },
        r.Enumerated, r.Clusters, r.BootstrapCluster, r.ConfidenceLevel);
}

/// <summary>Bootstrap critical values of a threshold F test at the 10 %, 5 % and 1 % levels.</summary>
internal sealed record CriticalValuesJson(
    [property: JsonPropertyName("10")] double Ten,
    [property: JsonPropertyName("5")] double Five,
    [property: JsonPropertyName("1")] double One);

/// <summary>One threshold model (k thresholds) with its test against k − 1 thresholds.</summary>
internal sealed record ThresholdModelJson(
    int K, IReadOnlyList<double> Thresholds, IReadOnlyList<double[]> Ci, double Sse, double FStat, double PValue,
    CriticalValuesJson Crit, IReadOnlyList<CoefficientJson> Coefficients)
{
    /// <summary>LR(γ) over the searched candidates, one curve per threshold search of this model (Hansen's figures).</summary>
    public IReadOnlyList<LrCurveJson> LrCurve { get; init; } = [];
}

/// <summary>One threshold search: its name, the thresholds held fixed, candidates γ, LR(γ) and the critical value.</summary>
internal sealed record LrCurveJson(string Search, IReadOnlyList<double> Fixed, IReadOnlyList<double> Gamma, IReadOnlyList<double> Lr, double CriticalValue);

/// <summary>A Hansen threshold analysis (<c>threshold</c>).</summary>
internal sealed record ThresholdJson(string Model, int Nobs, double Sse0, IReadOnlyList<ThresholdModelJson> Models)
{
    /// <summary>Rows left out for missing values (before any balancing).</summary>
    public MissingJson Missing { get; init; } = MissingJson.None;
}

/// <summary>Sobel test of the indirect effect.</summary>
internal sealed record SobelJson(double Se, double Z, double PValue);

/// <summary>Bootstrap confidence intervals of the indirect effect.</summary>
internal sealed record BootstrapJson(int Reps, double[] Percentile, double[] Bc)
{
    /// <summary>The BCa interval (null when the jackknife it needs was not run).</summary>
    public double[]? Bca { get; init; }
}

/// <summary>One specific indirect effect a_j·b_j of the parallel multiple-mediator model.</summary>
internal sealed record SpecificIndirectJson(string Name, CoefficientJson A, CoefficientJson B, double Indirect, SobelJson Sobel, BootstrapJson? Bootstrap);

/// <summary>The parallel multiple-mediator model: all mediators in one outcome equation.</summary>
internal sealed record ParallelMediationJson(CoefficientJson CPrime, IReadOnlyList<SpecificIndirectJson> Specific, double TotalIndirect, BootstrapJson? TotalIndirectBootstrap);

/// <summary>One mediator's stepwise results.</summary>
internal sealed record MediatorJson(
    string Name, CoefficientJson A, CoefficientJson B, CoefficientJson C, CoefficientJson CPrime,
    double Indirect, SobelJson Sobel, BootstrapJson? Bootstrap);

/// <summary>A mediation analysis (<c>mediate</c>).</summary>
internal sealed record MediationJson(IReadOnlyList<MediatorJson> Mediators)
{
    /// <summary>Rows left out of the common estimation sample for missing values.</summary>
    public MissingJson Missing { get; init; } = MissingJson.None;

    /// <summary>The parallel model with every mediator in one outcome equation (null with a single mediator).</summary>
    public ParallelMediationJson? Parallel { get; init; }
}

/// <summary>One indicator's entropy weight; <see cref="Period"/> is set (and written) only for per-period weights.</summary>
internal sealed record IndexWeightJson(string Indicator, double Weight, double Entropy)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Period { get; init; }
}

/// <summary>One row's composite score.</summary>
internal sealed record IndexRowJson(string Entity, string Time, double Score);

/// <summary>An entropy-weight index (<c>index</c>).</summary>
internal sealed record IndexJson(IReadOnlyList<IndexWeightJson> Weights, IReadOnlyList<IndexRowJson> Rows)
{
    /// <summary>Rows left out for missing indicator values (their score is null).</summary>
    public MissingJson Missing { get; init; } = MissingJson.None;
}

/// <summary>
/// Rows a command left out for missing values: how many rows and entities, and how many missing cells each
/// column had among the columns the command used (columns without any are not listed).
/// </summary>
internal sealed record MissingJson(int RowsDropped, int EntitiesDropped, IReadOnlyDictionary<string, int> ByColumn)
{
    public static MissingJson None { get; } = new(0, 0, new Dictionary<string, int>());

    public static MissingJson From(DigitalEconomy.Econometrics.Data.MissingValueReport report) =>
        new(report.RowsDropped, report.EntitiesDropped, report.MissingByColumn.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
}

/// <summary>One period of the inequality series.</summary>
internal sealed record InequalityPointJson(
    string Time, double TheilT, double TheilL, double Gini, double Cv, double? TheilBetween, double? TheilWithin);

/// <summary>Inequality across entities per period (<c>inequality</c>).</summary>
internal sealed record InequalityJson(IReadOnlyList<InequalityPointJson> Series)
{
    /// <summary>Rows left out because the variable (or the group) was missing.</summary>
    public MissingJson Missing { get; init; } = MissingJson.None;

    /// <summary>Dagum's Gini decomposition per period (with --group; null without).</summary>
    public IReadOnlyList<DagumJson>? Dagum { get; init; }
}

/// <summary>Dagum (1997): G = G_w + G_nb + G_t for one period, with each part's share of G.</summary>
internal sealed record DagumJson(string Time, double Gini, double Within, double NetBetween, double Transvariation,
    double WithinShare, double NetBetweenShare, double TransvariationShare);

/// <summary>The <c>re</c> document: the fe document's fields (model "random_effects") and the variance components.</summary>
internal sealed record RandomEffectsJson([property: JsonIgnore] RegressionJson Fit, [property: JsonIgnore] RandomEffectsComponentsJson Components)
{
    public string Model => Fit.Model;
    public IReadOnlyList<string> Effects => Fit.Effects;
    public VcovJson Vcov => Fit.Vcov;
    public int Nobs => Fit.Nobs;
    public int NEntities => Fit.NEntities;
    public IReadOnlyList<CoefficientJson> Coefficients => Fit.Coefficients;
    public MissingJson Missing => Fit.Missing;
    public RandomEffectsComponentsJson RandomEffects => Components;
}

/// <summary>Swamy–Arora components: σ_u, σ_e, ρ = σ_u²/(σ_u² + σ_e²) and the range of θ_i (one value when balanced).</summary>
internal sealed record RandomEffectsComponentsJson(double SigmaU, double SigmaE, double Rho, double ThetaMin, double ThetaMax);

/// <summary>The <c>hausman</c> document: H, df, p, the slopes compared, a note, and both fits.</summary>
internal sealed record HausmanJson(double Statistic, int Df, double PValue, IReadOnlyList<string> Coefficients, string? Note,
    RegressionJson FixedEffects, RandomEffectsJson RandomEffects);
