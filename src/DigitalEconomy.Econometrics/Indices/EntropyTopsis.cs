using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Indices;

/// <summary>
/// Entropy-TOPSIS: TOPSIS (Hwang and Yoon 1981) on the min-max normalised matrix x' of the entropy weight method,
/// weighted by the entropy weights, the usual form in Chinese regional studies:
/// v_ij = w_j x'_ij;  V⁺_j = max_i v_ij, V⁻_j = min_i v_ij (directions are already handled by x');
/// D⁺_i = √Σ_j (v_ij − V⁺_j)²,  D⁻_i = √Σ_j (v_ij − V⁻_j)²;  closeness C_i = D⁻_i / (D⁺_i + D⁻_i) ∈ [0, 1].
/// Ideal solutions are taken within each block (pooled by default, or per period / group).
/// </summary>
public static class EntropyTopsis
{
    /// <summary>Entropy-TOPSIS closeness for panel rows; options as for <see cref="EntropyWeightMethod"/>.</summary>
    /// <exception cref="SpecificationException">Any check of the entropy weight method.</exception>
    public static EntropyTopsisResult Compute(PanelData panel, IReadOnlyList<Indicator> indicators, EntropyWeightOptions? options = null)
    {
        var (data, checkedOptions, blocks) = EntropyWeightMethod.PanelInput(panel, indicators, options);
        return Run(data, checkedOptions, blocks);
    }

    /// <summary>Pooled entropy-TOPSIS for a plain matrix (rows = units, columns = indicators).</summary>
    internal static EntropyTopsisResult Compute(ColumnMajorMatrix data, IReadOnlyList<Indicator> indicators, EntropyWeightOptions? options = null)
    {
        var (checkedData, checkedOptions) = EntropyWeightMethod.MatrixInput(data, indicators, options);
        return Run(checkedData, checkedOptions, null);
    }

    private static EntropyTopsisResult Run(IndicatorData data, EntropyWeightOptions options, Factor? blockFactor)
    {
        var (normalised, weights) = EntropyWeightMethod.WeighBlocks(data, options, blockFactor);
        int blocks = normalised.Count, m = data.Indicators.Count, n = data.TotalRows;
        var plus = new double[blocks][];
        var minus = new double[blocks][];
        var closeness = new double[blocks][];
        var scores = new double[blocks][];
        var positiveIdeal = new double[blocks][];
        var negativeIdeal = new double[blocks][];
        for (int b = 0; b < blocks; b++)
        {
            var x = normalised[b].Values;
            var w = weights[b].Weights;
            int nb = x.Rows;
            positiveIdeal[b] = new double[m];
            negativeIdeal[b] = new double[m];
            for (int j = 0; j < m; j++)
            {
                // w_j > 0, so the extremes of v_ij = w_j x'_ij are w_j times the extremes of x'_ij.
                var (lo, hi) = ColumnStatistics.MinMax(x.Column(j));
                positiveIdeal[b][j] = w[j] * hi;
                negativeIdeal[b][j] = w[j] * lo;
            }
            var (dPlus, dMinus) = ColumnStatistics.WeightedDistances(x, w.ToArray(), positiveIdeal[b], negativeIdeal[b]);
            var c = new double[nb];
            for (int i = 0; i < nb; i++) c[i] = dMinus[i] / (dPlus[i] + dMinus[i]);
            plus[b] = dPlus;
            minus[b] = dMinus;
            closeness[b] = c;
            scores[b] = ColumnStatistics.WeightedRowSums(x, w.ToArray());
        }
        var entropy = new EntropyIndexResult(data.Indicators, options, weights,
            IndicatorNormaliser.Assemble(normalised, n, m), IndicatorNormaliser.Scatter(normalised, scores, n), data.Missing);
        return new EntropyTopsisResult(entropy, positiveIdeal, negativeIdeal,
            IndicatorNormaliser.Scatter(normalised, plus, n), IndicatorNormaliser.Scatter(normalised, minus, n),
            IndicatorNormaliser.Scatter(normalised, closeness, n));
    }
}

/// <summary>Result of <see cref="EntropyTopsis"/>: the underlying entropy result, ideal solutions and per-row distances and closeness.</summary>
public sealed class EntropyTopsisResult
{
    private readonly double[] _plus, _minus, _closeness;

    internal EntropyTopsisResult(EntropyIndexResult entropy, double[][] positiveIdeal, double[][] negativeIdeal, double[] plus, double[] minus, double[] closeness)
    {
        Entropy = entropy;
        PositiveIdeal = positiveIdeal;
        NegativeIdeal = negativeIdeal;
        _plus = plus;
        _minus = minus;
        _closeness = closeness;
    }

    /// <summary>Entropy weights, normalised matrix and the plain weighted-sum score.</summary>
    public EntropyIndexResult Entropy { get; }

    /// <summary>V⁺_j = max_i w_j x'_ij, one vector per block (in the order of <see cref="EntropyIndexResult.Blocks"/>).</summary>
    public IReadOnlyList<IReadOnlyList<double>> PositiveIdeal { get; }

    /// <summary>V⁻_j = min_i w_j x'_ij, one vector per block.</summary>
    public IReadOnlyList<IReadOnlyList<double>> NegativeIdeal { get; }

    /// <summary>D⁺_i, Euclidean distance of row i to the positive ideal (NaN for rows dropped listwise).</summary>
    public ReadOnlySpan<double> DistanceToPositiveIdeal => _plus;

    /// <summary>D⁻_i, Euclidean distance of row i to the negative ideal.</summary>
    public ReadOnlySpan<double> DistanceToNegativeIdeal => _minus;

    /// <summary>C_i = D⁻_i / (D⁺_i + D⁻_i): 1 at the positive ideal, 0 at the negative ideal.</summary>
    public ReadOnlySpan<double> Closeness => _closeness;

    /// <summary>The panel with the closeness added as numeric column <paramref name="name"/>.</summary>
    public PanelData AddClosenessTo(PanelData panel, string name = "dei_topsis")
    {
        ArgumentNullException.ThrowIfNull(panel);
        return panel.WithColumn(name, (double[])_closeness.Clone());
    }
}
