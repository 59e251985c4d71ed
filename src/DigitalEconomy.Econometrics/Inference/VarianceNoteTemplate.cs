using System.Globalization;

namespace DigitalEconomy.Econometrics.Inference;

/// <summary>
/// Slots in the description template of a <see cref="VarianceSummary"/>: the per-model numbers (the parameter
/// count K and the cluster counts) are written as slots so that the reporting layer can merge the notes of
/// columns that share an estimator and convention but differ in those values.
/// </summary>
internal static class VarianceNoteTemplate
{
    /// <summary>Slot for the parameter count K.</summary>
    public const string K = "{K}";

    /// <summary>Slot for the number of clusters of the <paramref name="index"/>-th cluster variable ("285").</summary>
    public static string ClusterCount(int index) => "{G" + index.ToString(CultureInfo.InvariantCulture) + "}";

    /// <summary>
    /// Slot for the number of clusters followed by the word "clusters" ("285 clusters"); when merged across
    /// columns the column list follows the word ("100, 101 clusters in columns (1), (2)").
    /// </summary>
    public static string ClusterCountWithNoun(int index) => "{G" + index.ToString(CultureInfo.InvariantCulture) + Noun + "}";

    /// <summary>The word appended to a cluster count.</summary>
    public const string Noun = " clusters";

    /// <summary>The template with its slots filled by one model's values.</summary>
    public static string Fill(string template, int k, IReadOnlyList<int> clusterCounts) =>
        Fill(template, Count(k), clusterCounts.Select(Count).ToArray(), clusterCounts.Select(c => Count(c) + Noun).ToArray());

    internal static string Fill(string template, string k, IReadOnlyList<string> clusterCounts, IReadOnlyList<string> withNoun)
    {
        var text = template.Replace(K, k, StringComparison.Ordinal);
        for (int i = 0; i < clusterCounts.Count; i++)
            text = text.Replace(ClusterCount(i), clusterCounts[i], StringComparison.Ordinal)
                .Replace(ClusterCountWithNoun(i), withNoun[i], StringComparison.Ordinal);
        return text;
    }

    internal static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
