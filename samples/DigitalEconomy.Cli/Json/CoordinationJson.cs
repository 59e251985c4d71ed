namespace DigitalEconomy.Cli.Json;

// Documents of the coordinated-development commands (coupling, index --method pca, markov, convergence,
// density). Field order is the contract pinned by the CLI tests: add fields only at the end.

/// <summary>One entity-period's coupling coordination.</summary>
internal sealed record CouplingRowJson(string Entity, string Time, double C, double T, double D, int Level, string Label, string LabelZh, string? Lagging);

/// <summary>Mean coordination degree of a group in a period ("All" for every unit).</summary>
internal sealed record CouplingSummaryJson(string Time, string Group, int N, double MeanC, double MeanT, double MeanD);

/// <summary>A coupling coordination analysis (<c>coupling</c>).</summary>
internal sealed record CouplingJson(string Model, IReadOnlyList<string> Systems, IReadOnlyList<double> Weights, bool Rescaled,
    IReadOnlyList<CouplingRowJson> Rows, IReadOnlyList<CouplingSummaryJson> Summary, MissingJson Missing);

/// <summary>Coefficient of standardised indicator in component (1-based).</summary>
internal sealed record PcaLoadingJson(string Indicator, int Component, double Loading);

/// <summary>KMO of one indicator.</summary>
internal sealed record KmoVariableJson(string Indicator, double Kmo);

/// <summary>Kaiser–Meyer–Olkin measure, overall and per indicator.</summary>
internal sealed record KmoJson(double Overall, IReadOnlyList<KmoVariableJson> PerVariable);

/// <summary>Bartlett's sphericity test.</summary>
internal sealed record BartlettJson(double Statistic, int Df, double PValue);

/// <summary>A principal-component index (<c>index --method pca</c>).</summary>
internal sealed record PcaIndexJson(string Method, IReadOnlyList<double> Eigenvalues, IReadOnlyList<double> VarianceShare, int Retained,
    IReadOnlyList<PcaLoadingJson> Loadings, KmoJson Kmo, BartlettJson Bartlett, IReadOnlyList<IndexRowJson> Rows, MissingJson Missing);

/// <summary>Class shares in one period.</summary>
internal sealed record MarkovSharesJson(string Time, IReadOnlyList<double> Shares);

/// <summary>The transition matrix conditioned on the neighbours' class (1-based).</summary>
internal sealed record SpatialMarkovJson(int LagClass, IReadOnlyList<long[]> Counts, IReadOnlyList<double[]> Probabilities, IReadOnlyList<double> Ergodic);

/// <summary>LR and Q homogeneity tests of the spatial Markov chain.</summary>
internal sealed record HomogeneityJson(double Lr, double Q, int Df, double PLr, [property: System.Text.Json.Serialization.JsonPropertyName("p_q")] double PQ);

/// <summary>A Markov chain of (relative) levels (<c>markov</c>); spatial, homogeneity and lag_cuts are null without --weights.</summary>
internal sealed record MarkovJson(string Model, string Variable, bool Relative, int Horizon, IReadOnlyList<double> Cuts,
    IReadOnlyList<long[]> Counts, IReadOnlyList<double[]> Probabilities, IReadOnlyList<double> Ergodic, IReadOnlyList<double[]> FirstPassage,
    IReadOnlyList<MarkovSharesJson> ClassShares, IReadOnlyList<SpatialMarkovJson>? Spatial, HomogeneityJson? Homogeneity, IReadOnlyList<double>? LagCuts,
    MissingJson Missing);

/// <summary>Dispersion in one period.</summary>
internal sealed record SigmaJson(string Time, int N, double Sd, double Cv);

/// <summary>Trend test of a dispersion series.</summary>
internal sealed record SigmaTrendJson(string Measure, double Slope, double StdError, double PValue);

/// <summary>One β-convergence regression.</summary>
internal sealed record BetaJson(string Kind, string Scope, double Beta, double StdError, double PValue, double Speed, double HalfLife, double Interval, int Nobs,
    double? Rho, double? Lambda);

/// <summary>σ- and β-convergence (<c>convergence</c>).</summary>
internal sealed record ConvergenceJson(string Model, string Variable, IReadOnlyList<SigmaJson> Sigma, IReadOnlyList<SigmaTrendJson> SigmaTrend,
    IReadOnlyList<BetaJson> Beta, MissingJson Missing);

/// <summary>One period's density on the common grid.</summary>
internal sealed record DensityPeriodJson(string Time, int N, double Bandwidth, IReadOnlyList<double> Density);

/// <summary>Kernel densities per period (<c>density</c>).</summary>
internal sealed record DensityJson(string Model, string Variable, string Kernel, string BandwidthRule, IReadOnlyList<double> Grid,
    IReadOnlyList<DensityPeriodJson> Periods, MissingJson Missing);
