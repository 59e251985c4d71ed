using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Cli.Json;

/// <summary>Rows left out for missing values: the <c>"missing"</c> object of a document.</summary>
internal sealed record MissingJson(int RowsDropped, int EntitiesDropped, IReadOnlyDictionary<string, int> ByColumn)
{
    public static MissingJson From(MissingValueReport report) =>
        new(report.RowsDropped, report.EntitiesDropped, report.MissingByColumn.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
}
