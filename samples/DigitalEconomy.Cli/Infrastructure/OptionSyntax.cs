using System.Globalization;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Cli.Infrastructure;

/// <summary>Which fixed effects <c>--effects</c> absorbs.</summary>
internal enum EffectsChoice
{
    None,
    Entity,
    Time,
    TwoWay,
}

/// <summary>A parsed <c>--vcov</c> value: classical, robust, clustered by one or two columns, or (fe only) hc0/hc2/hc3/dk.</summary>
/// <param name="Type">"classical", "robust", "cluster", "hc0", "hc2", "hc3" or "dk" (Driscoll–Kraay).</param>
/// <param name="Clusters">Cluster columns (one or two) when <paramref name="Type"/> is "cluster".</param>
internal sealed record VcovChoice(string Type, IReadOnlyList<string> Clusters)
{
    /// <summary>Newey–West lags of the Driscoll–Kraay estimator (Type "dk").</summary>
    public int Lags { get; init; }

    public static VcovChoice Classical { get; } = new("classical", []);
    public static VcovChoice Robust { get; } = new("robust", []);
    public static VcovChoice Cluster(params string[] columns) => new("cluster", columns);
}

/// <summary>
/// Parsers for the small option languages of the CLI (comma lists, <c>cluster:A+B</c>, trimming lists).
/// Each failure is a <see cref="SpecificationException"/> that quotes the option, the value and the syntax
/// expected, so the user sees one line and exit code 2.
/// </summary>
internal static class OptionSyntax
{
    /// <summary>"a,b, c" → [a, b, c]; empty entries are an error, duplicates too.</summary>
    public static string[] List(string option, string? value, bool required = true, bool distinct = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) throw new SpecificationException($"{option} needs a comma-separated list of column names, e.g. {option} a,b,c.");
            return [];
        }
        var items = value.Split(',', StringSplitOptions.TrimEntries);
        if (items.Any(i => i.Length == 0))
            throw new SpecificationException($"{option} \"{value}\" has an empty entry; expected a comma-separated list such as a,b,c.");
        var duplicate = !distinct ? null : items.GroupBy(i => i, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new SpecificationException($"{option} lists '{duplicate.Key}' twice.");
        return items;
    }

    /// <summary>Parses <c>none|entity|time|twoway</c>.</summary>
    public static EffectsChoice Effects(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "none" or "pooled" => EffectsChoice.None,
        "entity" or "individual" => EffectsChoice.Entity,
        "time" => EffectsChoice.Time,
        "twoway" or "two-way" or null or "" => EffectsChoice.TwoWay,
        _ => throw new SpecificationException($"--effects \"{value}\" is not recognised; expected none, entity, time or twoway."),
    };

    /// <summary>
    /// Parses <c>classical|robust|cluster:COL|cluster:COL1+COL2</c>; with <paramref name="heteroskedasticityKinds"/>
    /// (commands whose estimator implements them) also <c>hc0|hc1|hc2|hc3|dk:L</c>.
    /// </summary>
    public static VcovChoice Vcov(string? value, bool heteroskedasticityKinds = false)
    {
        string expected = heteroskedasticityKinds
            ? "expected classical, robust, hc0, hc1, hc2, hc3, dk:LAGS (Driscoll–Kraay), cluster:COL or cluster:COL1+COL2"
            : "expected classical, robust, cluster:COL or cluster:COL1+COL2";
        var v = value?.Trim() ?? "";
        if (v.Equals("classical", StringComparison.OrdinalIgnoreCase)) return VcovChoice.Classical;
        if (v.Equals("robust", StringComparison.OrdinalIgnoreCase)) return VcovChoice.Robust;
        if (heteroskedasticityKinds)
        {
            switch (v.ToLowerInvariant())
            {
                case "hc1": return VcovChoice.Robust;
                case "hc0" or "hc2" or "hc3": return new VcovChoice(v.ToLowerInvariant(), []);
            }
            if (v.StartsWith("dk", StringComparison.OrdinalIgnoreCase))
            {
                var lags = v.Length > 3 && v[2] == ':' ? v[3..] : "";
                if (!int.TryParse(lags, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int l) || l > 1000)
                    throw new SpecificationException($"--vcov \"{value}\": Driscoll–Kraay needs its lag length, a whole number from 0 to 1000, e.g. dk:2.");
                return new VcovChoice("dk", []) { Lags = l };
            }
        }
        if (v.StartsWith("cluster:", StringComparison.OrdinalIgnoreCase))
        {
            var cols = v["cluster:".Length..].Split('+', StringSplitOptions.TrimEntries);
            if (cols.Length is < 1 or > 2 || cols.Any(c => c.Length == 0))
                throw new SpecificationException($"--vcov \"{value}\": {expected} (one or two cluster columns joined by '+').");
            if (cols.Length == 2 && cols[0] == cols[1])
                throw new SpecificationException($"--vcov \"{value}\": the two cluster columns must differ; expected cluster:COL or cluster:COL1+COL2.");
            return VcovChoice.Cluster(cols);
        }
        if (v.Equals("cluster", StringComparison.OrdinalIgnoreCase))
            throw new SpecificationException($"--vcov \"{value}\" does not name the cluster column; {expected}.");
        throw new SpecificationException($"--vcov \"{value}\" is not recognised; {expected}.");
    }

    /// <summary>"0.01,0.01,0.05" → doubles, each in [0, 0.5).</summary>
    public static double[] Fractions(string option, string? value)
    {
        var parts = List(option, value, distinct: false);
        var result = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]) || !(result[i] >= 0 && result[i] < 0.5))
                throw new SpecificationException($"{option} \"{value}\": \"{parts[i]}\" is not a fraction in [0, 0.5); expected e.g. 0.01,0.01,0.05.");
        }
        return result;
    }

    /// <summary>Checks that an integer option lies in a range.</summary>
    public static int InRange(string option, int value, int min, int max) =>
        value >= min && value <= max ? value
            : throw new SpecificationException($"{option} {value} is out of range; expected {min}–{max}.");
}
