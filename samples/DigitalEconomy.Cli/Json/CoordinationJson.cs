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
