using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Econometrics.Indices;

/// <summary>A named group of indicators (a dimension or sub-index), e.g. "digital product manufacturing".</summary>
/// <param name="Name">Dimension name; also the column name of its score when added to a panel.</param>
/// <param name="Indicators">Indicators of the dimension with their directions.</param>
public sealed record IndexDimension(string Name, IReadOnlyList<Indicator> Indicators);

/// <summary>How the overall index combines the indicators of several dimensions.</summary>
public enum IndexAggregation
{
    /// <summary>One entropy weighting over all indicators of all dimensions together (the default).</summary>
    SingleLevel,
    /// <summary>
    /// Entropy weights within each dimension give dimension scores s_d; entropy weights W_d of the dimension scores
    /// (treated as positive indicators) then give overall_i = Σ_d W_d s_di, i.e. indicator j of dimension d has the
    /// overall weight W_d · w_j|d.
    /// </summary>
    TwoLevel,
}

/// <summary>
/// A composite index: indicator → direction, grouped into named dimensions. Each dimension's score is its own
/// entropy index (the sub-index); the overall index is single- or two-level (<see cref="IndexAggregation"/>). The
/// four digital-industry sub-indices and the overall DEI of SPEC §2 are one such definition
/// (<see cref="DigitalIndustry"/>).
/// </summary>
public sealed class IndexDefinition
{
    /// <summary>Defines an index from its dimensions.</summary>
    /// <exception cref="SpecificationException">No dimension, an empty dimension, a repeated dimension name or an indicator in two dimensions.</exception>
    public IndexDefinition(string name, IEnumerable<IndexDimension> dimensions, IndexAggregation aggregation = IndexAggregation.SingleLevel)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        if (string.IsNullOrWhiteSpace(name)) throw new SpecificationException("An index needs a name.");
        Name = name;
        Dimensions = dimensions.ToArray();
        Aggregation = aggregation;
        if (Dimensions.Count == 0) throw new SpecificationException($"Index '{name}' has no dimensions.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in Dimensions)
        {
            if (!names.Add(d.Name)) throw new SpecificationException($"Index '{name}' has two dimensions named '{d.Name}'.");
            if (d.Indicators.Count == 0) throw new SpecificationException($"Dimension '{d.Name}' of index '{name}' has no indicators.");
            foreach (var i in d.Indicators)
                if (!owner.TryAdd(i.Column, d.Name))
                    throw new SpecificationException($"Indicator '{i.Column}' appears in dimensions '{owner[i.Column]}' and '{d.Name}'; each indicator belongs to one dimension.");
        }
    }

    /// <summary>Name of the overall index (its column name when added to a panel).</summary>
    public string Name { get; }

    /// <summary>The dimensions in order.</summary>
    public IReadOnlyList<IndexDimension> Dimensions { get; }

    /// <summary>Single- or two-level aggregation of the overall index.</summary>
    public IndexAggregation Aggregation { get; }

    /// <summary>All indicators, dimension after dimension.</summary>
    public IReadOnlyList<Indicator> AllIndicators => Dimensions.SelectMany(d => d.Indicators).ToArray();

    /// <summary>The same definition with another dimension appended.</summary>
    public IndexDefinition WithDimension(string name, params Indicator[] indicators) =>
        new(Name, [.. Dimensions, new IndexDimension(name, indicators)], Aggregation);

    /// <summary>The same definition with another aggregation.</summary>
    public IndexDefinition WithAggregation(IndexAggregation aggregation) => new(Name, Dimensions, aggregation);

    /// <summary>Column names of the four digital-industry sub-indices of SPEC §2 (and of Ye and Wang's study).</summary>
    public static readonly IReadOnlyList<string> DigitalIndustryDimensions =
        ["digital_product_manufacturing", "digital_product_service", "digital_technology_application", "digital_factor_driven"];

    /// <summary>
    /// The digital economy index of SPEC §2: four dimensions (digital product manufacturing, digital product service,
    /// digital technology application, digital factor driven) named as in <see cref="DigitalIndustryDimensions"/>.
    /// </summary>
    public static IndexDefinition DigitalIndustry(IReadOnlyList<Indicator> manufacturing, IReadOnlyList<Indicator> service,
        IReadOnlyList<Indicator> application, IReadOnlyList<Indicator> factorDriven,
        IndexAggregation aggregation = IndexAggregation.SingleLevel, string name = "dei") =>
        new(name,
        [
            new IndexDimension(DigitalIndustryDimensions[0], manufacturing),
            new IndexDimension(DigitalIndustryDimensions[1], service),
            new IndexDimension(DigitalIndustryDimensions[2], application),
            new IndexDimension(DigitalIndustryDimensions[3], factorDriven),
        ], aggregation);

    /// <summary>
    /// Computes every dimension score (its own entropy index) and the overall index on <paramref name="panel"/>.
    /// </summary>
    /// <exception cref="SpecificationException">Any check of <see cref="EntropyWeightMethod"/>.</exception>
    public CompositeIndexResult Build(PanelData panel, EntropyWeightOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        options ??= new EntropyWeightOptions();
        var dimensions = Dimensions.Select(d => EntropyWeightMethod.Compute(panel, d.Indicators, options)).ToArray();
        if (Aggregation == IndexAggregation.SingleLevel)
        {
            var flat = EntropyWeightMethod.Compute(panel, AllIndicators, options);
            return new CompositeIndexResult(this, dimensions, flat, flat.ScoresArray());
        }
        var scores = dimensions.Select(d => d.ScoresArray()).ToArray();
        var upperIndicators = Dimensions.Select(d => Indicator.Positive(d.Name)).ToArray();
        var upperOptions = options with { PreNormalised = false };
        var data = IndicatorData.FromArrays(scores, upperIndicators, options.MissingValues, panel.Describe);
        var upper = EntropyWeightMethod.Run(data, upperOptions, EntropyWeightMethod.BlockFactor(panel, options));
        // Overall = Σ_d W_d s_d on the dimension scores themselves (not their re-normalised values), so that each
        // indicator's overall weight is W_d · w_j|d.
        var blockOfRow = BlockOfRow(upper, data, panel, options);
        var overall = new double[panel.RowCount];
        for (int r = 0; r < overall.Length; r++)
        {
            if (blockOfRow[r] < 0) { overall[r] = double.NaN; continue; }
            var w = upper.Blocks[blockOfRow[r]].Weights;
            double s = 0;
            for (int d = 0; d < scores.Length; d++) s += w[d] * scores[d][r];
            overall[r] = s;
        }
        return new CompositeIndexResult(this, dimensions, upper, overall);
    }

    private static int[] BlockOfRow(EntropyIndexResult upper, IndicatorData data, PanelData panel, EntropyWeightOptions options)
    {
        var result = new int[panel.RowCount];
        Array.Fill(result, -1);
        var blocks = data.Blocks(EntropyWeightMethod.BlockFactor(panel, options));
        for (int b = 0; b < blocks.Count; b++)
        {
            if (blocks[b].Rows is null) { Array.Fill(result, b); continue; }
            foreach (var r in blocks[b].Rows!) result[r] = b;
        }
        return result;
    }
}

/// <summary>Result of <see cref="IndexDefinition.Build"/>: the sub-index per dimension and the overall index.</summary>
public sealed class CompositeIndexResult
{
    private readonly double[] _scores;

    internal CompositeIndexResult(IndexDefinition definition, IReadOnlyList<EntropyIndexResult> dimensions, EntropyIndexResult upper, double[] scores)
    {
        Definition = definition;
        Dimensions = dimensions;
        Upper = upper;
        _scores = scores;
    }

    /// <summary>The definition that was computed.</summary>
    public IndexDefinition Definition { get; }

    /// <summary>One entropy result per dimension (its weights are the within-dimension weights w_j|d).</summary>
    public IReadOnlyList<EntropyIndexResult> Dimensions { get; }

    /// <summary>
    /// Single level: the entropy result over all indicators (its scores are the overall index). Two level: the
    /// entropy result over the dimension scores (its weights are W_d).
    /// </summary>
    public EntropyIndexResult Upper { get; }

    /// <summary>The overall index per row (NaN for rows dropped listwise).</summary>
    public ReadOnlySpan<double> Scores => _scores;

    /// <summary>Score of the dimension named <paramref name="name"/> per row.</summary>
    /// <exception cref="SpecificationException">No dimension of that name.</exception>
    public ReadOnlySpan<double> DimensionScores(string name)
    {
        for (int d = 0; d < Definition.Dimensions.Count; d++)
            if (Definition.Dimensions[d].Name == name) return Dimensions[d].Scores;
        throw new SpecificationException($"Index '{Definition.Name}' has no dimension '{name}'. Dimensions: {string.Join(", ", Definition.Dimensions.Select(d => d.Name))}.");
    }

    /// <summary>The panel with the overall index (column <see cref="IndexDefinition.Name"/>) and every dimension score (column = dimension name) added.</summary>
    public PanelData AddTo(PanelData panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var result = panel.WithColumn(Definition.Name, (double[])_scores.Clone());
        for (int d = 0; d < Dimensions.Count; d++)
            result = Dimensions[d].AddScoreTo(result, Definition.Dimensions[d].Name);
        return result;
    }
}
