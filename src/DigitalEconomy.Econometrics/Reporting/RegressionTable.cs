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
    private string[] _drop = [];
    private string[]? _statistics;
    private int _decimals = 3;
    private CellStatistic _statistic = CellStatistic.StdError;
    private SignificanceStars _stars = SignificanceStars.Default;

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

    /// <summary>
    /// Shows only these coefficients, in this order (esttab <c>keep()</c>/<c>order()</c>). A name ending in <c>*</c>
    /// matches every coefficient starting with the rest (<c>year::*</c>), in model order.
    /// </summary>
    public RegressionTable Keep(params string[] names)
    {
        _keep = names;
        return this;
    }

    /// <summary>Hides these coefficients (esttab <c>drop()</c>); a trailing <c>*</c> matches a prefix.</summary>
    public RegressionTable Drop(params string[] names)
    {
        _drop = names;
        return this;
    }

    /// <summary>
    /// Relabels everything the table prints: coefficient names, dependent variables in the headers, fixed-effect
    /// rows (key: "fe:city", the default label "City FE", or the effect's name when no coefficient has it), fit statistics (key: the statistic's key,
    /// e.g. "n", "r2_within", or its default label), "Yes"/"No", "Constant", "SE type" and whole notes — so a table
    /// can be written entirely in Chinese (观测值, 城市固定效应, 是).
    /// </summary>
    public RegressionTable Labels(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var (k, v) in labels) _labels[k] = v;
        return this;
    }

    /// <summary>What to print below each estimate (default: standard errors).</summary>
    public RegressionTable Statistic(CellStatistic statistic)
    {
        _statistic = statistic;
        return this;
    }

    /// <summary>Significance stars and their thresholds (default * 0.1, ** 0.05, *** 0.01).</summary>
    public RegressionTable Stars(SignificanceStars stars)
    {
        _stars = stars ?? throw new ArgumentNullException(nameof(stars));
        return this;
    }

    /// <summary>
    /// The statistics rows under the coefficients, in this order, by key: "n" (observations), "se_type", and any key of
    /// <see cref="IEstimationResult.FitStatistics"/> ("r2", "r2_within", "r2_adjusted", "rmse", "clusters",
    /// "log_likelihood", "kp_wald_f", …; aliases "nobs", "adj_r2", "within_r2", "loglik"). A row appears when at least one
    /// model has the statistic; other models get an empty cell. Default: n, r2, r2_within, se_type.
    /// </summary>
    public RegressionTable FitStatistics(params string[] keys)
    {
        _statistics = keys.Select(Canonical).ToArray();
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
        _statistic = show ? CellStatistic.TStatistic : CellStatistic.StdError;
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
            headers.Add($"({m + 1}) {(_models[m].Label is { } l ? Text(l) : Label(_models[m].Dependent))}");
        var builder = new TableBuilder(Text(_title)).Columns(headers.ToArray());

        foreach (var name in CoefficientOrder())
            CoefficientRows.Add(builder, _models, name, Label(name), _decimals, _statistic, _stars);

        var feNames = _models.SelectMany(m => m.AbsorbedEffects).Distinct().ToArray();
        bool first = true;
        foreach (var fe in feNames)
        {
            if (first) builder.Rule();
            first = false;
            builder.Row(FeLabel(fe), _models.Select(m => Text(m.AbsorbedEffects.Contains(fe) ? "Yes" : "No")).ToArray());
        }
        builder.Rule();
        var keys = _statistics ?? ["n", "r2!", "r2_within", "se_type"];
        foreach (var key in keys) StatisticRow(builder, key);
        foreach (var (label, cells) in _extraRows) builder.Row(Text(label), cells);

        var legend = string.Join(" ", new[] { CoefficientRows.Legend(_statistic), _stars.Legend.Length > 0 ? _stars.Legend + "." : "" }.Where(x => x.Length > 0));
        if (legend.Length > 0) builder.Note(Text(legend));
        var summaries = _models.Select(m => m.Variance).ToArray();
        if (summaries.All(v => v is not null))
            foreach (var note in VarianceNote.Notes(summaries!))
                builder.Note(Text(note));
        foreach (var n in _notes) builder.Note(Text(n));
        return builder.Build();
    }

    /// <summary>Builds and renders in one step.</summary>
    public string Render(TableFormat format) => Build().Render(format);

    private IEnumerable<string> CoefficientOrder()
    {
        var all = new List<string>();
        foreach (var m in _models)
            foreach (var c in m.Coefficients)
                if (c.Name != "(Intercept)" && !all.Contains(c.Name)) all.Add(c.Name);
        if (_models.Any(m => m.Coefficients.Any(c => c.Name == "(Intercept)"))) all.Add("(Intercept)");
        IEnumerable<string> order = all;
        if (_keep is not null)
        {
            var kept = new List<string>();
            foreach (var pattern in _keep)
                foreach (var name in pattern.EndsWith('*') ? all.Where(n => Matches(n, pattern)) : [pattern])
                    if (!kept.Contains(name)) kept.Add(name);
            order = kept;
        }
        return order.Where(n => !_drop.Any(d => Matches(n, d)));
    }

    private static bool Matches(string name, string pattern) =>
        pattern.EndsWith('*') ? name.StartsWith(pattern[..^1], StringComparison.Ordinal) : name == pattern;

    private static string Canonical(string key) => key.Trim().ToLowerInvariant() switch
    {
        "nobs" or "observations" or "n" => "n",
        "adj_r2" or "r2_adj" or "adjusted_r2" => "r2_adjusted",
        "within_r2" or "r2_w" => "r2_within",
        "loglik" or "ll" or "log_lik" => "log_likelihood",
        "se" or "vcov" => "se_type",
        var k => k,
    };

    /// <summary>One statistics row by key; a key ending in "!" is shown even when no model has it (R², as before).</summary>
    private void StatisticRow(TableBuilder builder, string key)
    {
        bool always = key.EndsWith('!');
        key = always ? key[..^1] : key;
        if (key == "n")
        {
            builder.Row(StatLabel("n", "Observations"), _models.Select(m => NumberFormat.Count(m.Observations)).ToArray());
            return;
        }
        if (key == "se_type")
        {
            builder.Row(Text("SE type"), _models.Select(m => m.Variance is { } v ? Text(ShortVcov(v)) : "").ToArray());
            return;
        }
        var values = _models.Select(m => m.FitStatistics.FirstOrDefault(f => f.Key == key)).ToArray();
        if (!always && values.All(v => v is null)) return;
        var defaultLabel = values.FirstOrDefault(v => v is not null)?.Label ?? (key == "r2" ? "R²" : key);
        builder.Row(StatLabel(key, defaultLabel), values.Select(v => v is null ? "" : v.IsCount ? NumberFormat.Count((long)v.Value) : NumberFormat.Fixed(v.Value, 3)).ToArray());
    }

    private string StatLabel(string key, string defaultLabel) =>
        _labels.TryGetValue(key, out var l) ? l : Text(defaultLabel);

    /// <summary>A literal the table prints, through the label dictionary.</summary>
    private string Text(string s) => _labels.TryGetValue(s, out var l) ? l : s;

    private string FeLabel(string fe)
    {
        if (_feLabels.TryGetValue(fe, out var l) || _labels.TryGetValue("fe:" + fe, out l)) return l;
        var d = DefaultFeLabel(fe);
        return _labels.TryGetValue(d, out l) ? l : _labels.TryGetValue(fe, out l) && !_models.Any(m => m.Coefficients.Any(c => c.Name == fe)) ? l : d;
    }

    private string Label(string name) =>
        _labels.TryGetValue(name, out var l) ? l : name == "(Intercept)" ? Text("Constant") : name;

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
