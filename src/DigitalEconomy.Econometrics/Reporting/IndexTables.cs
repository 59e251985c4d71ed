using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Indices;

namespace DigitalEconomy.Econometrics.Reporting;

/// <summary>
/// Tables of the index, weighting and inequality results (entropy weights, CRITIC/CV weights, composite indices,
/// inequality series and their Theil and Dagum decompositions) and of descriptive statistics. Results do not
/// render themselves; call these as <c>result.ToTable()</c> with this namespace imported.
/// </summary>
public static class IndexTables
{
    /// <summary>The table "Descriptive statistics" with columns Variable, N, Mean, SD, Min, Max.</summary>
    /// <param name="statistics">The summaries.</param>
    /// <param name="decimals">Decimals for the mean, SD, min and max.</param>
    public static Table ToTable(this DescriptiveStatistics statistics, int decimals = 3)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var builder = new TableBuilder("Descriptive statistics").Columns("Variable", "N", "Mean", "SD", "Min", "Max");
        foreach (var c in statistics.Columns)
            builder.Row(c.Name, NumberFormat.Count(c.Count), NumberFormat.Fixed(c.Mean, decimals),
                NumberFormat.Fixed(c.StandardDeviation, decimals), NumberFormat.Fixed(c.Min, decimals), NumberFormat.Fixed(c.Max, decimals));
        return builder.Note($"Panel: {statistics.Structure}.").Build();
    }

    /// <summary>Indicator, direction, criterion and weight of a CRITIC or coefficient-of-variation weighting.</summary>
    /// <param name="result">The weighting.</param>
    /// <param name="decimals">Decimals of the criterion and weights.</param>
    public static Table ToTable(this WeightingResult result, int decimals = 4)
    {
        ArgumentNullException.ThrowIfNull(result);
        bool critic = result.Method == WeightingMethod.Critic;
        var builder = new TableBuilder(critic ? "CRITIC weights" : "Coefficient-of-variation weights")
            .Columns("Indicator", "Direction", critic ? "Information C" : "CV", "Weight w");
        for (int j = 0; j < result.Indicators.Count; j++)
            builder.Row(result.Indicators[j].Column, Direction(result.Indicators[j]),
                NumberFormat.Fixed(result.Information[j], decimals), NumberFormat.Fixed(result.Weights[j], decimals));
        builder.Note(critic
            ? "C_j = σ_j Σ_k (1 − r_jk) on min-max normalised indicators (Diakoulaki et al. 1995)."
            : "CV_j = s_j / mean_j of the raw indicator.");
        if (result.Missing.RowsDropped > 0) builder.Note(result.Missing.ToString());
        return builder.Build();
    }

    /// <summary>Indicator table: direction, e_j, d_j and w_j for pooled weights, or the weight of each indicator per block.</summary>
    /// <param name="result">The entropy weighting.</param>
    /// <param name="decimals">Decimals of entropies and weights.</param>
    public static Table ToTable(this EntropyIndexResult result, int decimals = 4)
    {
        ArgumentNullException.ThrowIfNull(result);
        var builder = new TableBuilder("Entropy weights");
        if (result.Blocks.Count == 1)
        {
            builder.Columns("Indicator", "Direction", "Entropy e", "Diversification d", "Weight w");
            for (int j = 0; j < result.Indicators.Count; j++)
                builder.Row(result.Indicators[j].Column, Direction(result.Indicators[j]),
                    NumberFormat.Fixed(result.Entropies[j], decimals), NumberFormat.Fixed(result.Diversification[j], decimals), NumberFormat.Fixed(result.Weights[j], decimals));
        }
        else
        {
            builder.Columns([result.Options.Scope == EntropyScope.PerPeriod ? "Indicator \\ period" : "Indicator \\ group", .. result.Blocks.Select(b => b.Label)]);
            for (int j = 0; j < result.Indicators.Count; j++)
                builder.Row(result.Indicators[j].ToString(), result.Blocks.Select(b => NumberFormat.Fixed(b.Weights[j], decimals)).ToArray());
        }
        builder.Note($"Min-max normalisation plus shift {result.Options.Shift:G6}; {Describe(result.Options.Scope)}; rows: {NumberFormat.Count(result.Blocks.Sum(b => b.RowCount))}.");
        if (result.Missing.RowsDropped > 0) builder.Note(result.Missing.ToString());
        return builder.Build();
    }

    /// <summary>The entropy weight table with the TOPSIS ideal solutions (pooled) as extra columns.</summary>
    /// <param name="result">The Entropy-TOPSIS result.</param>
    /// <param name="decimals">Decimals of weights and ideals.</param>
    public static Table ToTable(this EntropyTopsisResult result, int decimals = 4)
    {
        ArgumentNullException.ThrowIfNull(result);
        var e = result.Entropy;
        var builder = new TableBuilder("Entropy-TOPSIS").Columns("Indicator", "Weight w", "Positive ideal V+", "Negative ideal V−");
        for (int j = 0; j < e.Indicators.Count; j++)
            builder.Row(e.Indicators[j].ToString(),
                e.Blocks.Count == 1 ? NumberFormat.Fixed(e.Weights[j], decimals) : "by block",
                e.Blocks.Count == 1 ? NumberFormat.Fixed(result.PositiveIdeal[0][j], decimals) : "by block",
                e.Blocks.Count == 1 ? NumberFormat.Fixed(result.NegativeIdeal[0][j], decimals) : "by block");
        builder.Note("Closeness C = D− / (D+ + D−) on the entropy-weighted min-max normalised matrix; " + Describe(e.Options.Scope) + ".");
        if (e.Missing.RowsDropped > 0) builder.Note(e.Missing.ToString());
        return builder.Build();
    }

    /// <summary>
    /// Weights by dimension and indicator: the within-dimension weight w_j|d and the indicator's overall weight
    /// (flat weight for single level, W_d · w_j|d for two level). Pooled weights only.
    /// </summary>
    /// <param name="result">The composite index.</param>
    /// <param name="decimals">Decimals of the weights.</param>
    public static Table ToTable(this CompositeIndexResult result, int decimals = 4)
    {
        ArgumentNullException.ThrowIfNull(result);
        var definition = result.Definition;
        var upper = result.Upper;
        bool twoLevel = definition.Aggregation == IndexAggregation.TwoLevel;
        var builder = new TableBuilder($"Index '{definition.Name}': entropy weights")
            .Columns("Dimension / indicator", "Direction", "Weight within dimension", "Overall weight");
        int flat = 0;
        for (int d = 0; d < result.Dimensions.Count; d++)
        {
            var dim = definition.Dimensions[d];
            double dimensionWeight = twoLevel ? upper.Weights[d] : dim.Indicators.Select((_, j) => upper.Weights[flat + j]).Sum();
            if (d > 0) builder.Rule();
            builder.Row(dim.Name, "", "", NumberFormat.Fixed(dimensionWeight, decimals));
            for (int j = 0; j < dim.Indicators.Count; j++)
            {
                double overall = twoLevel ? upper.Weights[d] * result.Dimensions[d].Weights[j] : upper.Weights[flat + j];
                builder.Row("  " + dim.Indicators[j].Column, Direction(dim.Indicators[j]),
                    NumberFormat.Fixed(result.Dimensions[d].Weights[j], decimals), NumberFormat.Fixed(overall, decimals));
            }
            flat += dim.Indicators.Count;
        }
        builder.Note(twoLevel
            ? "Two-level entropy: weights within each dimension, then entropy weights W_d of the dimension scores; overall = Σ W_d · score_d."
            : "Single-level entropy over all indicators for the overall index; each dimension score uses its own entropy weights.");
        builder.Note($"Min-max normalisation plus shift {upper.Options.Shift:G6}; {Describe(upper.Options.Scope)}.");
        return builder.Build();
    }

    /// <summary>Period × (N, mean, Theil T, Theil L, Gini, CV).</summary>
    /// <param name="series">The inequality series.</param>
    /// <param name="decimals">Decimals of the measures.</param>
    public static Table ToTable(this InequalitySeries series, int decimals = 4)
    {
        ArgumentNullException.ThrowIfNull(series);
        var builder = new TableBuilder($"Inequality of {series.Variable} across units").Columns("Period", "N", "Mean", "Theil T", "Theil L", "Gini", "CV");
        foreach (var p in series.Periods)
            builder.Row(p.Period, NumberFormat.Count(p.Count), NumberFormat.Fixed(p.Mean, decimals), NumberFormat.Fixed(p.TheilT, decimals),
                NumberFormat.Fixed(p.TheilL, decimals), NumberFormat.Fixed(p.Gini, decimals), NumberFormat.Fixed(p.CoefficientOfVariation, decimals));
        builder.Note(WeightsNote(series.WeightColumn));
        if (series.RowsDropped > 0) builder.Note(DroppedNote(series.RowsDropped));
        return builder.Build();
    }

    /// <summary>Period × (total, between, within, between share, each group's within term).</summary>
    /// <param name="series">The Theil decompositions.</param>
    /// <param name="index">Theil T or Theil L.</param>
    /// <param name="decimals">Decimals of the terms.</param>
    public static Table ToTable(this TheilDecompositionSeries series, TheilIndex index = TheilIndex.T, int decimals = 4)
    {
        ArgumentNullException.ThrowIfNull(series);
        var groups = series.Periods.SelectMany(p => p.Groups.Select(g => g.Group)).Distinct().ToArray();
        var name = index == TheilIndex.T ? "Theil T" : "Theil L";
        var builder = new TableBuilder($"{name} of {series.Variable}: between and within {series.GroupColumn}")
            .Columns(["Period", name, "Between", "Within", "Between share", .. groups.Select(g => $"Within: {g}")]);
        foreach (var p in series.Periods)
        {
            var (total, between, within) = p.Parts(index);
            var cells = new List<string> { NumberFormat.Fixed(total, decimals), NumberFormat.Fixed(between, decimals), NumberFormat.Fixed(within, decimals), NumberFormat.Fixed(between / total, decimals) };
            foreach (var g in groups)
            {
                var component = p.Groups.FirstOrDefault(c => c.Group == g);
                cells.Add(component is null ? "." : NumberFormat.Fixed(TheilDecomposition.WithinTerm(component, index), decimals));
            }
            builder.Row(p.Period, cells.ToArray());
        }
        builder.Note(index == TheilIndex.T
            ? "T = Σ S_g T_g (within) + Σ S_g ln(μ_g/μ) (between); S_g = income share; group columns show S_g T_g."
            : "L = Σ P_g L_g (within) + Σ P_g ln(μ/μ_g) (between); P_g = population share; group columns show P_g L_g.");
        builder.Note(WeightsNote(series.WeightColumn));
        if (series.RowsDropped > 0) builder.Note(DroppedNote(series.RowsDropped));
        return builder.Build();
    }

    /// <summary>Period × (G, G_w, G_nb, G_t, their shares in %, each group's within Gini G_jj).</summary>
    /// <param name="series">The Dagum decompositions.</param>
    /// <param name="decimals">Decimals of the Gini terms.</param>
    public static Table ToTable(this DagumDecompositionSeries series, int decimals = 4)
    {
        ArgumentNullException.ThrowIfNull(series);
        var groups = series.Periods.SelectMany(p => p.Groups.Select(g => g.Group)).Distinct().ToArray();
        var builder = new TableBuilder($"Dagum Gini decomposition of {series.Variable} by {series.GroupColumn}")
            .Columns(["Period", "Gini", "Within", "Net between", "Transvariation", "Within %", "Net between %", "Transvariation %", .. groups.Select(g => $"Gini {g}")]);
        foreach (var p in series.Periods)
        {
            var cells = new List<string>
            {
                NumberFormat.Fixed(p.Gini, decimals), NumberFormat.Fixed(p.Within, decimals), NumberFormat.Fixed(p.NetBetween, decimals),
                NumberFormat.Fixed(p.Transvariation, decimals), NumberFormat.Fixed(100 * p.WithinShare, 2),
                NumberFormat.Fixed(100 * p.NetBetweenShare, 2), NumberFormat.Fixed(100 * p.TransvariationShare, 2),
            };
            foreach (var g in groups)
                cells.Add(p.Groups.FirstOrDefault(c => c.Group == g) is { } c ? NumberFormat.Fixed(c.WithinGini, decimals) : ".");
            builder.Row(p.Period, cells.ToArray());
        }
        builder.Note("G = G_w + G_nb + G_t (Dagum 1997).");
        builder.Note(WeightsNote(series.WeightColumn));
        if (series.RowsDropped > 0) builder.Note(DroppedNote(series.RowsDropped));
        return builder.Build();
    }

    /// <summary>Period × group pair: between-group Gini G_jh and relative affluence D_jh.</summary>
    /// <param name="series">The Dagum decompositions.</param>
    /// <param name="decimals">Decimals of the terms.</param>
    public static Table PairTable(this DagumDecompositionSeries series, int decimals = 4)
    {
        ArgumentNullException.ThrowIfNull(series);
        static string Key(DagumGroupPair pair) => $"{pair.RicherGroup}–{pair.PoorerGroup}";
        var pairs = series.Periods.SelectMany(p => p.Pairs.Select(Key)).Distinct().ToArray();
        var builder = new TableBuilder($"Dagum between-group Gini of {series.Variable} by {series.GroupColumn}")
            .Columns(["Period", .. pairs.Select(k => $"G {k}"), .. pairs.Select(k => $"D {k}")]);
        foreach (var p in series.Periods)
        {
            var cells = pairs.Select(k => p.Pairs.FirstOrDefault(x => Key(x) == k) is { } x ? NumberFormat.Fixed(x.Gini, decimals) : ".")
                .Concat(pairs.Select(k => p.Pairs.FirstOrDefault(x => Key(x) == k) is { } x ? NumberFormat.Fixed(x.RelativeAffluence, decimals) : "."));
            builder.Row(p.Period, cells.ToArray());
        }
        builder.Note("Pairs are written richer–poorer group; D = relative economic affluence (d − p)/(d + p).");
        return builder.Build();
    }

    private static string Direction(Indicator indicator) => indicator.Direction == IndicatorDirection.Positive ? "+" : "−";

    private static string Describe(EntropyScope scope) => scope switch
    {
        EntropyScope.Pooled => "pooled (global) weights over all rows",
        EntropyScope.PerPeriod => "weights computed per period",
        _ => "weights computed per group",
    };

    private static string WeightsNote(string? weightColumn) =>
        weightColumn is null ? "Unweighted (every unit counts equally)." : $"Population-weighted by '{weightColumn}'.";

    private static string DroppedNote(int rows) => $"{NumberFormat.Count(rows)} rows with a missing value or weight left out.";
}
