using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Indices;

/// <summary>The entropy weights of one block of rows (all rows, one period or one group).</summary>
/// <param name="Label">"all" for pooled weights, otherwise the period or group label.</param>
/// <param name="RowCount">n, the rows in the block (k = 1/ln n).</param>
/// <param name="Minimum">min_j of each raw indicator in the block.</param>
/// <param name="Maximum">max_j of each raw indicator in the block.</param>
/// <param name="Entropies">e_j = −(1/ln n) Σ_i p_ij ln p_ij.</param>
/// <param name="Diversification">d_j = 1 − e_j.</param>
/// <param name="Weights">w_j = d_j / Σ d_k (sum to 1).</param>
public sealed record EntropyWeightBlock(
    string Label, int RowCount, IReadOnlyList<double> Minimum, IReadOnlyList<double> Maximum,
    IReadOnlyList<double> Entropies, IReadOnlyList<double> Diversification, IReadOnlyList<double> Weights);

/// <summary>
/// Result of <see cref="EntropyWeightMethod"/>: weights per block, the normalised matrix x' and the composite score
/// score_i = Σ_j w_j x'_ij for every row of the input (missing for rows dropped listwise).
/// </summary>
public sealed class EntropyIndexResult
{
    internal EntropyIndexResult(IReadOnlyList<Indicator> indicators, EntropyWeightOptions options, IReadOnlyList<EntropyWeightBlock> blocks,
        ColumnMajorMatrix normalised, double[] scores, MissingValueReport missing)
    {
        Indicators = indicators;
        Options = options;
        Blocks = blocks;
        Normalised = normalised;
        _scores = scores;
        Missing = missing;
    }

    private readonly double[] _scores;

    /// <summary>Indicators in column order.</summary>
    public IReadOnlyList<Indicator> Indicators { get; }

    /// <summary>The settings used (shift, scope, missing-value policy).</summary>
    public EntropyWeightOptions Options { get; }

    /// <summary>One entry for pooled weights, or one per period / group.</summary>
    public IReadOnlyList<EntropyWeightBlock> Blocks { get; }

    /// <summary>x'_ij for every input row (NaN for rows dropped listwise), normalised within each row's block.</summary>
    internal ColumnMajorMatrix Normalised { get; }

    /// <summary>Composite score per input row: Σ_j w_j x'_ij (NaN for rows dropped listwise).</summary>
    public ReadOnlySpan<double> Scores => _scores;

    /// <summary>Rows dropped for missing indicator values (none unless the policy is listwise).</summary>
    public MissingValueReport Missing { get; }

    /// <summary>Pooled weights w_j.</summary>
    /// <exception cref="EconometricsException">Weights differ by period or group; read <see cref="Blocks"/>.</exception>
    public IReadOnlyList<double> Weights => Single.Weights;

    /// <summary>Pooled entropies e_j.</summary>
    public IReadOnlyList<double> Entropies => Single.Entropies;

    /// <summary>Pooled diversification degrees d_j.</summary>
    public IReadOnlyList<double> Diversification => Single.Diversification;

    private EntropyWeightBlock Single => Blocks.Count == 1
        ? Blocks[0]
        : throw new EconometricsException($"Weights were computed separately for {Blocks.Count} blocks ({Options.Scope}); read them from Blocks.");

    /// <summary>A copy of the scores as an array.</summary>
    public double[] ScoresArray() => (double[])_scores.Clone();

    /// <summary>The panel with the score added as numeric column <paramref name="name"/> (via <see cref="PanelData.WithColumn"/>).</summary>
    /// <exception cref="EconometricsException">The panel has a different number of rows than the index was computed on.</exception>
    public PanelData AddScoreTo(PanelData panel, string name = "dei")
    {
        ArgumentNullException.ThrowIfNull(panel);
        return panel.WithColumn(name, ScoresArray());
    }
}
