using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Indices;

/// <summary>
/// The entropy weight method for composite indices such as the digital economy index (SPEC §2):
/// <list type="number">
/// <item>x'_ij = (x_ij − min_j)/(max_j − min_j) + s (positive) or (max_j − x_ij)/(max_j − min_j) + s (negative),
/// s = <see cref="EntropyWeightOptions.Shift"/>;</item>
/// <item>p_ij = x'_ij / Σ_i x'_ij;</item>
/// <item>e_j = −(1/ln n) Σ_i p_ij ln p_ij with 0·ln 0 = 0;</item>
/// <item>d_j = 1 − e_j;  w_j = d_j / Σ_k d_k;</item>
/// <item>score_i = Σ_j w_j x'_ij.</item>
/// </list>
/// Pooled ("global", over all city-years), per-period and per-group variants. References: Shannon (1948);
/// Zeleny (1982), <i>Multiple Criteria Decision Making</i>; Zhao et al. (2020), <i>Management World</i> 36(10)
/// (digital economy index for Chinese cities).
/// </summary>
public static class EntropyWeightMethod
{
    internal const string MethodName = "entropy weight method";

    /// <summary>
    /// Entropy weights and scores for panel rows. With <see cref="EntropyScope.Pooled"/> (the default) all
    /// city-years share one normalisation and one set of weights; <see cref="EntropyScope.PerPeriod"/> and
    /// <see cref="EntropyScope.PerGroup"/> compute both within each period or group.
    /// </summary>
    /// <param name="panel">The panel holding the indicator columns.</param>
    /// <param name="indicators">Indicator columns and directions.</param>
    /// <param name="options">Shift, scope and missing-value policy; defaults when null.</param>
    /// <exception cref="SpecificationException">Unknown column, missing values (with policy Error), a constant
    /// indicator, fewer than 2 rows, or a negative pre-normalised value.</exception>
    public static EntropyIndexResult Compute(PanelData panel, IReadOnlyList<Indicator> indicators, EntropyWeightOptions? options = null)
    {
        var (data, checkedOptions, blocks) = PanelInput(panel, indicators, options);
        return Run(data, checkedOptions, blocks);
    }

    /// <summary>
    /// Pooled entropy weights for a plain matrix (rows = units, columns = indicators in the order of
    /// <paramref name="indicators"/>, whose names label the output).
    /// </summary>
    /// <exception cref="SpecificationException">A per-period or per-group scope (these need a panel), or any check of
    /// <see cref="Compute(PanelData, IReadOnlyList{Indicator}, EntropyWeightOptions?)"/>.</exception>
    internal static EntropyIndexResult Compute(ColumnMajorMatrix data, IReadOnlyList<Indicator> indicators, EntropyWeightOptions? options = null)
    {
        var (checkedData, checkedOptions) = MatrixInput(data, indicators, options);
        return Run(checkedData, checkedOptions, null);
    }

    /// <summary>
    /// The checked input of every panel entry point of the entropy family (weights, TOPSIS): options (defaults when
    /// null) validated, the indicator columns, and the block factor of the scope.
    /// </summary>
    internal static (IndicatorData Data, EntropyWeightOptions Options, Factor? Blocks) PanelInput(
        PanelData panel, IReadOnlyList<Indicator> indicators, EntropyWeightOptions? options)
    {
        ArgumentNullException.ThrowIfNull(panel);
        options ??= new EntropyWeightOptions();
        options.Validate();
        var data = IndicatorData.FromPanel(panel, indicators, options.MissingValues);
        return (data, options, BlockFactor(panel, options));
    }

    /// <summary>The checked input of every matrix entry point of the entropy family; only the pooled scope applies.</summary>
    internal static (IndicatorData Data, EntropyWeightOptions Options) MatrixInput(
        ColumnMajorMatrix data, IReadOnlyList<Indicator> indicators, EntropyWeightOptions? options)
    {
        options ??= new EntropyWeightOptions();
        options.Validate();
        if (options.Scope != EntropyScope.Pooled)
            throw new SpecificationException($"Entropy scope {options.Scope} needs a panel with periods or groups; pass a PanelData instead of a matrix.");
        return (IndicatorData.FromMatrix(data, indicators, options.MissingValues), options);
    }

    internal static EntropyIndexResult Run(IndicatorData data, EntropyWeightOptions options, Factor? blockFactor)
    {
        var (normalised, blocks) = WeighBlocks(data, options, blockFactor);
        var scores = new double[normalised.Count][];
        for (int b = 0; b < scores.Length; b++)
            scores[b] = ColumnStatistics.WeightedRowSums(normalised[b].Values, blocks[b].Weights.ToArray());
        int n = data.TotalRows, m = data.Indicators.Count;
        return new EntropyIndexResult(data.Indicators, options, blocks,
            IndicatorNormaliser.Assemble(normalised, n, m), IndicatorNormaliser.Scatter(normalised, scores, n), data.Missing);
    }

    /// <summary>Steps 1–5 for every block: the normalised values and the weights.</summary>
    internal static (List<NormalisedBlock> Normalised, List<EntropyWeightBlock> Weights) WeighBlocks(IndicatorData data, EntropyWeightOptions options, Factor? blockFactor)
    {
        var normalised = new List<NormalisedBlock>();
        var blocks = new List<EntropyWeightBlock>();
        foreach (var (label, rows) in data.Blocks(blockFactor))
        {
            var block = IndicatorNormaliser.Normalise(data, label, rows, options.Shift, options.PreNormalised, MethodName);
            normalised.Add(block);
            blocks.Add(Weigh(block, data.Indicators));
        }
        return (normalised, blocks);
    }

    internal static Factor? BlockFactor(PanelData panel, EntropyWeightOptions options) => options.Scope switch
    {
        EntropyScope.PerPeriod => panel.Times,
        EntropyScope.PerGroup => panel.Grouping(options.GroupColumn!),
        _ => null,
    };

    /// <summary>Steps 2–5 on one normalised block.</summary>
    internal static EntropyWeightBlock Weigh(NormalisedBlock block, IReadOnlyList<Indicator> indicators)
    {
        int m = block.Values.Columns;
        var entropy = new double[m];
        double k = 1.0 / Math.Log(block.RowCount);
        for (int j = 0; j < m; j++) entropy[j] = k * ColumnStatistics.ShareEntropy(block.Sums[j], block.SumsXLogX[j]);
        var diversification = new double[m];
        double total = 0;
        for (int j = 0; j < m; j++) total += diversification[j] = 1 - entropy[j];
        if (!(total > 0))
            throw new SpecificationException($"Every indicator has entropy 1{(block.Label == "all" ? "" : " in " + block.Label)} (all values equal after normalisation), so entropy weights are undefined.");
        var weights = new double[m];
        for (int j = 0; j < m; j++) weights[j] = diversification[j] / total;
        return new EntropyWeightBlock(block.Label, block.RowCount, block.Minimum, block.Maximum, entropy, diversification, weights);
    }
}
