using System.Globalization;
using DigitalEconomy.Econometrics.Results;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Reporting;

/// <summary>
/// An esttab-style table of several models side by side — any mix of <see cref="IEstimationResult"/>s: fixed
/// effects, random effects, threshold regimes, mediation equations, IV, … — with coefficients and significance
/// stars, standard errors in parentheses below, then fixed-effect indicator rows ("City FE: Yes"), observations,
/// R² where the model has one, and the standard-error type. Build with <see cref="Create"/> and the fluent methods, then <see cref="Build"/> a
/// <see cref="Table"/> that renders as text, Markdown, LaTeX (booktabs) or CSV.
/// </summary>
/// <example>
/// <code>
/// var table = RegressionTable.Create([baseline, withControls], "Digital economy and the development gap")
///     .Keep("dei", "gov").Rename("dei", "Digital economy").Build();
/// Console.WriteLine(table.Render(TableFormat.Markdown));
/// </code>
/// </example>
public sealed class RegressionTable
{
    private readonly IReadOnlyList<IEstimationResult> _models;
    private readonly string _title;
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _feLabels = new(StringComparer.Ordinal);
    private readonly List<(string Label, string[] Cells)> _extraRows = [];
    private readonly List<string> _notes = [];
    private string[]? _keep;
    private int _decimals = 3;
    private bool _tStatistics;

    private RegressionTable(IReadOnlyList<IEstimationResult> models, string title)
    {
        _models = models;
        _title = title;
    }

    /// <summary>Starts a table of the given models (one column each, in order).</summary>
    /// <exception cref="ArgumentException">No model given.</exception>
    public static RegressionTable Create(IReadOnlyList<IEstimationResult> models, string title = "Regression results")
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0) throw new ArgumentException("A regression table needs at least one model.", nameof(models));
        return new RegressionTable(models.ToArray(), title);
    }

    /// <summary>Decimals for coefficients and standard errors (default 3).</summary>
    public RegressionTable Decimals(int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        _decimals = decimals;
        return this;
    }

    /// <summary>Shows only these coefficients, in this order (esttab <c>keep()</c>/<c>order()</c>).</summary>
    public RegressionTable Keep(params string[] names)
    {
        _keep = names;
        return this;
    }

    /// <summary>Displays coefficient <paramref name="name"/> as <paramref name="label"/>.</summary>
    public RegressionTable Rename(string name, string label)
    {
        _labels[name] = label;
        return this;
    }

    /// <summary>Label of the indicator row of fixed effect <paramref name="name"/> (default "City FE" for "city").</summary>
    public RegressionTable FixedEffectLabel(string name, string label)
    {
        _feLabels[name] = label;
        return this;
    }

    /// <summary>Shows t statistics in brackets instead of standard errors in parentheses.</summary>
    public RegressionTable TStatistics(bool show = true)
    {
        _tStatistics = show;
        return this;
    }

    /// <summary>Adds a custom statistics row (one cell per model), e.g. ("Sample", "East", "West").</summary>
    public RegressionTable AddRow(string label, params string[] cells)
    {
        if (cells.Length != _models.Count)
            throw new ArgumentException($"Row '{label}' has {cells.Length} cells for {_models.Count} models.", nameof(cells));
        _extraRows.Add((label, cells));
        return this;
    }

    /// <summary>Adds a note line under the table.</summary>
    public RegressionTable Note(string note)
    {
        _notes.Add(note);
        return this;
    }

    /// <summary>Assembles the format-independent table.</summary>
    public Table Build()
    {
        var headers = new List<string> { "" };
        for (int m = 0; m < _models.Count; m++)
            headers.Add($"({m + 1}) {_models[m].Label ?? _models[m].Dependent}");
        var builder = new TableBuilder(_title).Columns(headers.ToArray());

        foreach (var name in CoefficientOrder())
            CoefficientRows.Add(builder, _models, name, Label(name), _decimals, _tStatistics);

        var feNames = _models.SelectMany(m => m.AbsorbedEffects).Distinct().ToArray();
        bool first = true;
        foreach (var fe in feNames)
        {
            if (first) builder.Rule();
            first = false;
            builder.Row(_feLabels.TryGetValue(fe, out var l) ? l : DefaultFeLabel(fe),
                _models.Select(m => m.AbsorbedEffects.Contains(fe) ? "Yes" : "No").ToArray());
        }
        builder.Rule();
        builder.Row("Observations", _models.Select(m => NumberFormat.Count(m.Observations)).ToArray());
        StatisticRow(builder, "r2", "R²", always: true);
        StatisticRow(builder, "r2_within", "Within R²", always: false);
        builder.Row("SE type", _models.Select(m => m.Variance is { } v ? ShortVcov(v) : "").ToArray());
        foreach (var (label, cells) in _extraRows) builder.Row(label, cells);

        builder.Note((_tStatistics ? "t statistics in brackets. " : "Standard errors in parentheses. ") + NumberFormat.StarLegend + ".");
        var summaries = _models.Select(m => m.Variance).ToArray();
        if (summaries.All(v => v is not null))
            foreach (var note in VarianceNote.Notes(summaries!))
                builder.Note(note);
        foreach (var n in _notes) builder.Note(n);
        return builder.Build();
    }

    /// <summary>Builds and renders in one step.</summary>
    public string Render(TableFormat format) => Build().Render(format);

    private IEnumerable<string> CoefficientOrder()
    {
        if (_keep is not null) return _keep;
        var order = new List<string>();
        foreach (var m in _models)
            foreach (var c in m.Coefficients)
                if (c.Name != "(Intercept)" && !order.Contains(c.Name)) order.Add(c.Name);
        if (_models.Any(m => m.Coefficients.Any(c => c.Name == "(Intercept)"))) order.Add("(Intercept)");
        return order;
    }

    /// <summary>A row of fit statistic <paramref name="key"/> (3 decimals); empty cells for models without it. Shown when any model has it, or <paramref name="always"/>.</summary>
    private void StatisticRow(TableBuilder builder, string key, string label, bool always)
    {
        var values = _models.Select(m => m.FitStatistics.FirstOrDefault(f => f.Key == key)).ToArray();
        if (!always && values.All(v => v is null)) return;
        builder.Row(label, values.Select(v => v is null ? "" : NumberFormat.Fixed(v.Value, 3)).ToArray());
    }

    private string Label(string name) =>
        _labels.TryGetValue(name, out var l) ? l : name == "(Intercept)" ? "Constant" : name;

    private static string DefaultFeLabel(string name) =>
        name.Length == 0 ? "FE" : char.ToUpper(name[0], CultureInfo.InvariantCulture) + name[1..] + " FE";

    private static string ShortVcov(VarianceSummary v) => v.Kind switch
    {
        VcovKind.Classical => "Classical",
        VcovKind.Cluster => "Cluster (" + v.ClusterVariables[0] + ")",
        VcovKind.TwoWayCluster => "Cluster (" + string.Join(", ", v.ClusterVariables) + ")",
        VcovKind.DriscollKraay => "Driscoll–Kraay",
        _ => "Robust (" + v.Kind + ")",
    };
}
