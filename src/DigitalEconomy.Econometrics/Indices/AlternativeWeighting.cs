using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Indices;

/// <summary>Objective weighting schemes offered for robustness checks of an entropy-weighted index.</summary>
public enum WeightingMethod
{
    /// <summary>CRITIC (Diakoulaki, Mavrotas and Papayannakis 1995): contrast intensity times conflict.</summary>
    Critic,
    /// <summary>Coefficient-of-variation weights: w_j ∝ σ_j / mean_j of the raw indicator.</summary>
    CoefficientOfVariation,
}

/// <summary>
/// CRITIC and coefficient-of-variation weights, the two schemes most often reported next to entropy weights as
/// robustness checks. Both use the same min-max normalised x' (with the same shift) as the entropy weight method
/// for the score score_i = Σ_j w_j x'_ij, so only the weights differ. Pooled over all rows.
/// </summary>
public static class AlternativeWeighting
{
    /// <summary>
    /// CRITIC weights: σ_j = sample standard deviation of x'_j, r_jk = Pearson correlation of x'_j and x'_k,
    /// C_j = σ_j Σ_k (1 − r_jk), w_j = C_j / Σ_k C_k. Reference: Diakoulaki, Mavrotas and Papayannakis (1995),
    /// <i>Computers &amp; Operations Research</i> 22(7), 763–770.
    /// </summary>
    /// <exception cref="SpecificationException">As for <see cref="EntropyWeightMethod"/>; also a non-pooled scope.</exception>
    public static WeightingResult Critic(PanelData panel, IReadOnlyList<Indicator> indicators, EntropyWeightOptions? options = null) =>
        Run(Prepare(panel, indicators, ref options), options!, WeightingMethod.Critic);

    /// <summary>
    /// Coefficient-of-variation weights: V_j = s_j / x̄_j of the raw indicator (s_j with the n − 1 denominator; the
    /// denominator cancels in w_j), w_j = V_j / Σ_k V_k. Raw values are used because the coefficient of variation
    /// of min-max normalised data depends on the arbitrary shift. Reference: e.g. Freudenberg (2003), OECD STI
    /// Working Paper 2003/16.
    /// </summary>
    /// <exception cref="SpecificationException">An indicator whose mean is not positive, or any entropy check.</exception>
    public static WeightingResult CoefficientOfVariation(PanelData panel, IReadOnlyList<Indicator> indicators, EntropyWeightOptions? options = null) =>
        Run(Prepare(panel, indicators, ref options), options!, WeightingMethod.CoefficientOfVariation);

    private static IndicatorData Prepare(PanelData panel, IReadOnlyList<Indicator> indicators, ref EntropyWeightOptions? options)
    {
        ArgumentNullException.ThrowIfNull(panel);
        options ??= new EntropyWeightOptions();
        options.Validate();
        if (options.Scope != EntropyScope.Pooled)
            throw new SpecificationException("CRITIC and coefficient-of-variation weights are pooled over all rows; set Scope = Pooled.");
        return IndicatorData.FromPanel(panel, indicators, options.MissingValues);
    }

    private static WeightingResult Run(IndicatorData data, EntropyWeightOptions options, WeightingMethod method)
    {
        string name = method == WeightingMethod.Critic ? "CRITIC weighting" : "coefficient-of-variation weighting";
        var block = IndicatorNormaliser.Normalise(data, "all", data.KeptRows, options.Shift, options.PreNormalised, name);
        int m = data.Indicators.Count;
        var information = new double[m];
        if (method == WeightingMethod.Critic)
        {
            var x = block.Values;
            var moments = new (double Mean, double Sd)[m];
            for (int j = 0; j < m; j++) moments[j] = ColumnStatistics.MeanAndStandardDeviation(x.Column(j));
            for (int j = 0; j < m; j++)
            {
                double conflict = 0;
                for (int k = 0; k < m; k++)
                    conflict += k == j ? 0 : 1 - ColumnStatistics.Correlation(x.Column(j), x.Column(k), moments[j].Mean, moments[j].Sd, moments[k].Mean, moments[k].Sd);
                information[j] = moments[j].Sd * conflict;
            }
            if (m == 1) information[0] = 1; // a single indicator takes the whole weight
        }
        else
        {
            var buffer = new double[block.RowCount];
            for (int j = 0; j < m; j++)
            {
                var raw = data.Columns[j];
                if (data.KeptRows is null) raw.CopyTo(buffer, 0);
                else for (int k = 0; k < buffer.Length; k++) buffer[k] = raw[data.KeptRows[k]];
                var (mean, sd) = ColumnStatistics.MeanAndStandardDeviation(buffer);
                if (!(mean > 0))
                    throw new SpecificationException($"Indicator '{data.Indicators[j].Column}' has mean {IndicatorNormaliser.Show(mean)}; coefficient-of-variation weights need indicators with a positive mean.");
                information[j] = sd / mean;
            }
        }
        double total = information.Sum();
        if (!(total > 0))
            throw new SpecificationException($"All {name} criteria are zero (the indicators are perfectly correlated), so the weights are undefined.");
        var weights = information.Select(c => c / total).ToArray();
        var scores = ColumnStatistics.WeightedRowSums(block.Values, weights);
        int n = data.TotalRows;
        return new WeightingResult(method, data.Indicators, options, information, weights,
            IndicatorNormaliser.Assemble([block], n, m), IndicatorNormaliser.Scatter([block], [scores], n), data.Missing);
    }
}

/// <summary>Result of <see cref="AlternativeWeighting"/>: the criterion per indicator, the weights and the weighted-sum scores.</summary>
public sealed class WeightingResult
{
    private readonly double[] _scores;

    internal WeightingResult(WeightingMethod method, IReadOnlyList<Indicator> indicators, EntropyWeightOptions options,
        IReadOnlyList<double> information, IReadOnlyList<double> weights, ColumnMajorMatrix normalised, double[] scores, MissingValueReport missing)
    {
        Method = method;
        Indicators = indicators;
        Options = options;
        Information = information;
        Weights = weights;
        Normalised = normalised;
        _scores = scores;
        Missing = missing;
    }

    /// <summary>CRITIC or coefficient of variation.</summary>
    public WeightingMethod Method { get; }

    /// <summary>Indicators in column order.</summary>
    public IReadOnlyList<Indicator> Indicators { get; }

    /// <summary>Shift and missing-value policy used.</summary>
    public EntropyWeightOptions Options { get; }

    /// <summary>The criterion the weights are proportional to: C_j for CRITIC, V_j = s_j/x̄_j for the coefficient of variation.</summary>
    public IReadOnlyList<double> Information { get; }

    /// <summary>w_j, summing to 1.</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>The min-max normalised matrix x' (NaN rows for rows dropped listwise).</summary>
    internal ColumnMajorMatrix Normalised { get; }

    /// <summary>score_i = Σ_j w_j x'_ij (NaN for rows dropped listwise).</summary>
    public ReadOnlySpan<double> Scores => _scores;

    /// <summary>Rows dropped for missing indicator values.</summary>
    public MissingValueReport Missing { get; }

    /// <summary>The panel with the score added as numeric column <paramref name="name"/>.</summary>
    public PanelData AddScoreTo(PanelData panel, string name)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return panel.WithColumn(name, (double[])_scores.Clone());
    }
}
