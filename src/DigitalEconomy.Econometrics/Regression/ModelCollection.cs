using System.Collections;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Model;

namespace DigitalEconomy.Econometrics.Regression;

/// <summary>Which subsample a model of a <see cref="ModelCollection"/> was estimated on.</summary>
/// <param name="Variable">The split variable, or null for the full sample.</param>
/// <param name="Level">The level of <paramref name="Variable"/> (null for the full sample).</param>
public sealed record SampleSplit(string? Variable, string? Level)
{
    /// <summary>The full sample.</summary>
    public static SampleSplit Full { get; } = new(null, null);

    /// <summary>E.g. "region = East" or "Full sample".</summary>
    public override string ToString() => Variable is null ? "Full sample" : $"{Variable} = {Level}";
}

/// <summary>
/// The models of one multiple estimation (fixest's <c>fixest_multi</c>): stepwise right-hand sides
/// (<c>sw</c>, <c>csw</c>, <c>csw0</c>), several outcomes (<c>c(y1, y2) ~ …</c>) and split samples, in the order
/// sample → outcome → right-hand side. Each item is an ordinary result, so a table renders the collection
/// as one model per column.
/// </summary>
public sealed class ModelCollection : IReadOnlyList<PanelRegressionResult>
{
    private readonly PanelRegressionResult[] _models;

    internal ModelCollection(IReadOnlyList<PanelRegressionResult> models, IReadOnlyList<RegressionFormula> formulas, IReadOnlyList<SampleSplit> samples)
    {
        _models = models.ToArray();
        Formulas = formulas;
        Samples = samples;
    }

    /// <summary>The single-model formula of each model (same order).</summary>
    public IReadOnlyList<RegressionFormula> Formulas { get; }

    /// <summary>The sample of each model (same order).</summary>
    public IReadOnlyList<SampleSplit> Samples { get; }

    /// <summary>Model <paramref name="index"/>.</summary>
    public PanelRegressionResult this[int index] => _models[index];

    /// <summary>Number of models.</summary>
    public int Count => _models.Length;

    /// <inheritdoc />
    public IEnumerator<PanelRegressionResult> GetEnumerator() => ((IEnumerable<PanelRegressionResult>)_models).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Settings of a multiple estimation: the estimation settings plus an optional sample split.</summary>
public sealed record MultipleEstimationOptions : EstimationOptions
{
    /// <summary>Estimate the models separately on every level of this column (fixest <c>split</c>).</summary>
    public string? Split { get; init; }

    /// <summary>With <see cref="Split"/>: also estimate on the full sample, first (fixest <c>fsplit</c>).</summary>
    public bool IncludeFullSample { get; init; }
}

public static partial class PanelRegression
{
    /// <summary>
    /// Fits every model of a multiple-estimation formula, e.g.
    /// <c>"c(gap, gap_rel) ~ dei + csw(gov, open) | city + year"</c>, optionally on every level of a split column.
    /// </summary>
    /// <param name="panel">The data.</param>
    /// <param name="formula">A formula in the syntax of <see cref="ModelFormula"/> (a single model is allowed too).</param>
    /// <param name="options">Estimation settings and the split; labels default to the sample and the model number.</param>
    /// <exception cref="SpecificationException">Malformed formula, unknown split column, or a model that cannot be estimated (the message names it).</exception>
    public static ModelCollection FitMany(PanelData panel, string formula, MultipleEstimationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        options ??= new MultipleEstimationOptions();
        var parsed = ModelFormula.Parse(formula);
        var formulas = parsed.Expand();
        var samples = new List<(SampleSplit Sample, int[]? Rows)>();
        if (options.Split is null)
        {
            if (options.IncludeFullSample)
                throw new SpecificationException("IncludeFullSample (fsplit) needs a Split column.");
            samples.Add((SampleSplit.Full, null));
        }
        else
        {
            if (!panel.HasColumn(options.Split)) throw panel.UnknownColumn(options.Split);
            var groups = panel.Grouping(options.Split);
            if (options.IncludeFullSample) samples.Add((SampleSplit.Full, null));
            var codes = groups.Codes;
            for (int g = 0; g < groups.LevelCount; g++)
            {
                var rows = new List<int>();
                for (int r = 0; r < codes.Length; r++) if (codes[r] == g) rows.Add(r);
                samples.Add((new SampleSplit(options.Split, groups.Levels[g]), rows.ToArray()));
            }
        }
        var results = new List<PanelRegressionResult>();
        var modelFormulas = new List<RegressionFormula>();
        var modelSamples = new List<SampleSplit>();
        foreach (var (sample, rows) in samples)
            foreach (var f in formulas)
            {
                var single = new PanelRegressionOptions(f.Dependent, f.Regressors)
                {
                    FixedEffects = f.FixedEffects,
                    Intercept = f.Intercept && options.Intercept,
                    Vcov = options.Vcov,
                    SmallSample = options.SmallSample,
                    ConfidenceLevel = options.ConfidenceLevel,
                    DropSingletons = options.DropSingletons,
                    Demeaning = options.Demeaning,
                    Label = options.Label ?? (samples.Count > 1 ? sample.ToString() : null),
                };
                try
                {
                    results.Add(Fit(panel, single, rows));
                }
                catch (SpecificationException e)
                {
                    throw new SpecificationException($"Model {results.Count + 1} ({f}{(sample.Variable is null ? "" : "; " + sample)}): {e.Message}");
                }
                modelFormulas.Add(f);
                modelSamples.Add(sample);
            }
        return new ModelCollection(results, modelFormulas, modelSamples);
    }
}

/// <summary>Where a result came from: the panel and the model options (post-estimation rebuilds columns from them).</summary>
internal sealed record ModelSource(PanelData Panel, PanelRegressionOptions Options);
