using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Econometrics.Indices;

/// <summary>
/// Inequality of a positive variable (e.g. GDP per capita) across units, per period, with optional population
/// weights. With population shares s_i = w_i / Σw (s_i = 1/n unweighted) and mean μ = Σ s_i x_i:
/// <list type="bullet">
/// <item>Theil T = Σ s_i (x_i/μ) ln(x_i/μ);  Theil L (mean log deviation) = Σ s_i ln(μ/x_i);</item>
/// <item>Gini = Σ_i Σ_k s_i s_k |x_i − x_k| / (2μ) (population form, no n/(n − 1) correction);</item>
/// <item>coefficient of variation = √(Σ s_i (x_i − μ)²) / μ (Williamson 1965; 1/n denominator).</item>
/// </list>
/// Theil T and L decompose exactly into between- and within-group parts (Shorrocks 1980), the Gini by Dagum (1997).
/// References: Theil (1967), <i>Economics and Information Theory</i>; Shorrocks (1980), <i>Econometrica</i>
/// 48(3); Dagum (1997), <i>Empirical Economics</i> 22(4), 515–531.
/// </summary>
public static class Inequality
{
    /// <summary>Theil T, Theil L, Gini and CV of one cross-section.</summary>
    /// <param name="x">Positive values.</param>
    /// <param name="weights">Positive population weights, or empty for equal weights.</param>
    /// <param name="label">Label of the cross-section (e.g. the year) carried into the result.</param>
    /// <exception cref="SpecificationException">Fewer than one value, a non-positive value or weight.</exception>
    public static InequalityMeasures Measure(ReadOnlySpan<double> x, ReadOnlySpan<double> weights = default, string label = "")
    {
        var sample = CrossSection.Create(x, weights, default, label, "x", null);
        return sample.Measures();
    }

    /// <summary>Between/within decomposition of Theil T and Theil L of one cross-section by <paramref name="groups"/> (codes 0..labels−1).</summary>
    /// <exception cref="SpecificationException">Non-positive values or weights, or a group code outside the labels.</exception>
    public static TheilDecomposition DecomposeTheil(ReadOnlySpan<double> x, ReadOnlySpan<int> groups, IReadOnlyList<string> groupLabels,
        ReadOnlySpan<double> weights = default, string label = "")
    {
        ArgumentNullException.ThrowIfNull(groupLabels);
        return CrossSection.Create(x, weights, groups, label, "x", groupLabels).Theil();
    }

    /// <summary>Dagum (1997) decomposition of the Gini of one cross-section by <paramref name="groups"/> (codes 0..labels−1).</summary>
    /// <exception cref="SpecificationException">Non-positive values or weights, or a group code outside the labels.</exception>
    public static DagumGiniDecomposition DecomposeGini(ReadOnlySpan<double> x, ReadOnlySpan<int> groups, IReadOnlyList<string> groupLabels,
        ReadOnlySpan<double> weights = default, string label = "")
    {
        ArgumentNullException.ThrowIfNull(groupLabels);
        return CrossSection.Create(x, weights, groups, label, "x", groupLabels).Dagum();
    }

    /// <summary>Theil T, Theil L, Gini and CV of <paramref name="column"/> across units in every period.</summary>
    /// <param name="panel">The panel.</param>
    /// <param name="column">Positive variable, e.g. GDP per capita.</param>
    /// <param name="weightColumn">Optional population column (positive); null for equal weights.</param>
    /// <exception cref="SpecificationException">Unknown column, a non-positive value or weight (naming the row).</exception>
    public static InequalitySeries Series(PanelData panel, string column, string? weightColumn = null)
    {
        var sections = CrossSection.PerPeriod(panel, column, weightColumn, null);
        return new InequalitySeries(column, weightColumn, sections.Select(s => s.Measures()).ToArray(), sections.Sum(s => s.Dropped));
    }

    /// <summary>Theil T and L per period, decomposed into between and within parts for the groups of <paramref name="groupColumn"/> (e.g. region).</summary>
    /// <exception cref="SpecificationException">Unknown column, a non-positive value or weight.</exception>
    public static TheilDecompositionSeries TheilSeries(PanelData panel, string column, string groupColumn, string? weightColumn = null)
    {
        ArgumentNullException.ThrowIfNull(groupColumn);
        var sections = CrossSection.PerPeriod(panel, column, weightColumn, groupColumn);
        return new TheilDecompositionSeries(column, groupColumn, weightColumn, sections.Select(s => s.Theil()).ToArray(), sections.Sum(s => s.Dropped));
    }

    /// <summary>Dagum Gini decomposition per period for the groups of <paramref name="groupColumn"/> (e.g. East/Central/West).</summary>
    /// <exception cref="SpecificationException">Unknown column, a non-positive value or weight.</exception>
    public static DagumDecompositionSeries DagumSeries(PanelData panel, string column, string groupColumn, string? weightColumn = null)
    {
        ArgumentNullException.ThrowIfNull(groupColumn);
        var sections = CrossSection.PerPeriod(panel, column, weightColumn, groupColumn);
        return new DagumDecompositionSeries(column, groupColumn, weightColumn, sections.Select(s => s.Dagum()).ToArray(), sections.Sum(s => s.Dropped));
    }
}
