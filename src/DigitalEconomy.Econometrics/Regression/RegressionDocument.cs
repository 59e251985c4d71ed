using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Model;
using DigitalEconomy.Econometrics.Results;

namespace DigitalEconomy.Econometrics.Regression;

/// <summary>
/// Saves linear panel results as the CLI's <c>fe</c> JSON document and loads them back, so that a table can
/// be built from models estimated in separate runs (as Stata's <c>estimates save</c> / <c>esttab</c>). The
/// document is snake_case, numbers are written with round-trip precision and undefined values as null. A
/// file holds one model or a multiple estimation <c>{"models": [ … ]}</c>.
/// </summary>
/// <remarks>
/// Keys, in order: model, effects, vcov {type, clusters}, nobs, n_entities, r2_within, rss, coefficients
/// [{name, estimate, std_error, t, p_value, conf_low, conf_high}], dependent, formula, sample (split models),
/// missing {rows_dropped, entities_dropped, by_term}, label, r2, adj_r2, rmse, small_sample, vcov_description,
/// vcov_k, vcov_factor, df, cluster_counts, notes. Readers must ignore keys they do not know.
/// </remarks>
public static class RegressionDocument
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document of one model.</summary>
    /// <param name="result">The model.</param>
    /// <param name="sample">The sample it was estimated on (split models), e.g. "region = East".</param>
    public static string ToJson(PanelRegressionResult result, string? sample = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Write(w => WriteModel(w, result, sample));
    }

    /// <summary>The document of a multiple estimation: <c>{"models": [ … ]}</c>, one entry per model.</summary>
    public static string ToJson(ModelCollection models)
    {
        ArgumentNullException.ThrowIfNull(models);
        bool split = models.Samples.Any(s => s.Variable is not null);
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("models");
            for (int i = 0; i < models.Count; i++) WriteModel(w, models[i], split ? models.Samples[i].ToString() : null);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>Writes <see cref="ToJson(PanelRegressionResult, string?)"/> to a file (UTF-8, no byte-order mark).</summary>
    public static void Save(PanelRegressionResult result, string path, string? sample = null) =>
        File.WriteAllText(path, ToJson(result, sample) + "\n", new UTF8Encoding(false));

    /// <summary>Writes <see cref="ToJson(ModelCollection)"/> to a file.</summary>
    public static void Save(ModelCollection models, string path) =>
        File.WriteAllText(path, ToJson(models) + "\n", new UTF8Encoding(false));

    /// <summary>Every model in a saved file (one, or all of a <c>{"models": [ … ]}</c> document).</summary>
    /// <exception cref="DataFormatException">The file is not a regression document (the message says what is missing).</exception>
    public static IReadOnlyList<SavedRegression> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, 0, null, $"cannot read the file: {e.Message}");
        }
        return FromJson(text, path);
    }

    /// <summary>Every model in a document.</summary>
    /// <param name="json">The document text.</param>
    /// <param name="source">Name used in error messages (e.g. the file name).</param>
    /// <exception cref="DataFormatException">Not JSON, or not a regression document.</exception>
    public static IReadOnlyList<SavedRegression> FromJson(string json, string source = "JSON document")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(source, (int)(e.LineNumber ?? 0) + 1, null, $"not valid JSON: {e.Message}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new DataFormatException(source, 0, null, "expected a JSON object (an fe document or {\"models\": [...]}).");
            if (root.TryGetProperty("models", out var models))
            {
                if (models.ValueKind != JsonValueKind.Array)
                    throw new DataFormatException(source, 0, "models", "\"models\" must be an array of fe documents.");
                return models.EnumerateArray().Select((m, i) => Read(m, $"{source}, model {i + 1}")).ToArray();
            }
            return [Read(root, source)];
        }
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions)) body(w);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }

    private static void WriteModel(Utf8JsonWriter w, PanelRegressionResult r, string? sample)
    {
        w.WriteStartObject();
        w.WriteString("model", r.Estimator switch
        {
            PanelEstimator.PooledOls => "pooled_ols",
            PanelEstimator.FixedEffects => "fixed_effects",
            _ => "random_effects",
        });
        w.WriteStartArray("effects");
        foreach (var f in r.FixedEffects) w.WriteStringValue(f.Name);
        w.WriteEndArray();
        w.WriteStartObject("vcov");
        w.WriteString("type", VcovType(r.Variance.Kind));
        w.WriteStartArray("clusters");
        foreach (var c in r.Variance.ClusterVariables) w.WriteStringValue(c);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteNumber("nobs", r.Observations);
        if (EntityCount(r) is { } entities) w.WriteNumber("n_entities", entities);
        else w.WriteNull("n_entities");
        Number(w, "r2_within", r.RSquaredWithin);
        Number(w, "rss", r.Rss);
        w.WriteStartArray("coefficients");
        foreach (var c in r.Coefficients)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            Number(w, "estimate", c.Estimate);
            Number(w, "std_error", c.StdError);
            Number(w, "t", c.T);
            Number(w, "p_value", c.PValue);
            Number(w, "conf_low", c.ConfLow);
            Number(w, "conf_high", c.ConfHigh);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("dependent", r.Dependent);
        if (r.Source is { } source)
            w.WriteString("formula", new RegressionFormula(source.Options.Dependent, source.Options.Regressors, source.Options.FixedEffects, source.Options.Intercept).ToString());
        if (sample is not null) w.WriteString("sample", sample);
        if (r.MissingValues is { } m)
        {
            w.WriteStartObject("missing");
            w.WriteNumber("rows_dropped", m.RowsDropped);
            w.WriteNumber("entities_dropped", m.EntitiesDropped);
            w.WriteStartObject("by_term");
            foreach (var (term, count) in m.MissingByColumn) w.WriteNumber(term, count);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        if (r.Label is not null) w.WriteString("label", r.Label);
        Number(w, "r2", r.RSquared);
        Number(w, "adj_r2", r.AdjustedRSquared);
        Number(w, "rmse", r.RootMse);
        w.WriteString("small_sample", r.Variance.Correction.Name);
        w.WriteString("vcov_description", r.Variance.Description);
        w.WriteNumber("vcov_k", r.Variance.K);
        Number(w, "vcov_factor", r.Variance.Factor);
        Number(w, "df", r.Variance.DegreesOfFreedom);
        w.WriteStartArray("cluster_counts");
        foreach (var g in r.Variance.ClusterCounts) w.WriteNumberValue(g);
        w.WriteEndArray();
        w.WriteStartArray("notes");
        foreach (var n in r.Notes) w.WriteStringValue(n);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static int? EntityCount(PanelRegressionResult r)
    {
        if (r.Source is null) return null;
        var codes = r.Source.Panel.Entities.Codes;
        var seen = new HashSet<int>();
        foreach (var row in r.EstimationRows) seen.Add(codes[row]);
        return seen.Count;
    }

    private static string VcovType(VcovKind kind) => kind switch
    {
        VcovKind.Classical => "classical",
        VcovKind.HC1 => "robust",
        VcovKind.Cluster or VcovKind.TwoWayCluster => "cluster",
        VcovKind.DriscollKraay => "driscoll_kraay",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static SavedRegression Read(JsonElement e, string source)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new DataFormatException(source, 0, null, "expected an fe document (a JSON object).");
        JsonElement Required(string key) => e.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null
            ? v
            : throw new DataFormatException(source, 0, key, $"the key \"{key}\" is missing; is this an fe document?");
        string? OptionalString(string key) => e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        double OptionalNumber(JsonElement parent, string key) =>
            parent.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
        try
        {
            var model = Required("model").GetString()!;
            var effects = Required("effects").EnumerateArray().Select(x => x.GetString()!).ToArray();
            var vcov = Required("vcov");
            var type = vcov.GetProperty("type").GetString()!;
            var clusters = vcov.TryGetProperty("clusters", out var cl) ? cl.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
            int nobs = Required("nobs").GetInt32();
            var coefficients = Required("coefficients").EnumerateArray().Select(c => new Coefficient(
                c.GetProperty("name").GetString()!, OptionalNumber(c, "estimate"), OptionalNumber(c, "std_error"), OptionalNumber(c, "t"),
                OptionalNumber(c, "p_value"), OptionalNumber(c, "conf_low"), OptionalNumber(c, "conf_high"))).ToArray();
            var kind = type switch
            {
                "classical" => VcovKind.Classical,
                "robust" => VcovKind.HC1,
                "hc0" => VcovKind.HC0,
                "hc2" => VcovKind.HC2,
                "hc3" => VcovKind.HC3,
                "cluster" => clusters.Length > 1 ? VcovKind.TwoWayCluster : VcovKind.Cluster,
                "driscoll_kraay" => VcovKind.DriscollKraay,
                _ => throw new DataFormatException(source, 0, "vcov", $"unknown variance type \"{type}\"."),
            };
            var correctionName = OptionalString("small_sample");
            var correction = new[] { SmallSampleCorrection.Stata, SmallSampleCorrection.Fixest, SmallSampleCorrection.PlmSss, SmallSampleCorrection.PlmHC1, SmallSampleCorrection.Areg, SmallSampleCorrection.None }
                .FirstOrDefault(c => c.Name == correctionName) ?? SmallSampleCorrection.Stata;
            var clusterCounts = e.TryGetProperty("cluster_counts", out var cc) ? cc.EnumerateArray().Select(x => x.GetInt32()).ToArray() : [];
            var variance = new VarianceSummary(kind, correction, OptionalNumber(e, "vcov_factor"),
                e.TryGetProperty("vcov_k", out var k) && k.ValueKind == JsonValueKind.Number ? k.GetInt32() : 0,
                clusters, clusterCounts, OptionalNumber(e, "df"), false, OptionalString("vcov_description") ?? VcovType(kind));
            var notes = e.TryGetProperty("notes", out var ns) ? ns.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
            var stats = new List<FitStatistic>();
            void Stat(string key, string label, double value, bool count = false)
            {
                if (!double.IsNaN(value)) stats.Add(new FitStatistic(key, label, value, count));
            }
            Stat("r2", "R²", OptionalNumber(e, "r2"));
            Stat("r2_within", "Within R²", OptionalNumber(e, "r2_within"));
            Stat("adj_r2", "Adjusted R²", OptionalNumber(e, "adj_r2"));
            Stat("rmse", "RMSE", OptionalNumber(e, "rmse"));
            for (int i = 0; i < Math.Min(clusters.Length, clusterCounts.Length); i++)
                Stat("clusters_" + clusters[i], $"Clusters ({clusters[i]})", clusterCounts[i], true);
            int? entities = e.TryGetProperty("n_entities", out var ne) && ne.ValueKind == JsonValueKind.Number ? ne.GetInt32() : null;
            return new SavedRegression(model, OptionalString("label") ?? OptionalString("sample"), OptionalString("dependent") ?? "", coefficients, nobs,
                variance, stats, effects, notes, OptionalString("formula"), OptionalString("sample"), entities, OptionalNumber(e, "rss"));
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new DataFormatException(source, 0, null, $"not an fe document: {ex.Message}");
        }
    }
}

/// <summary>
/// A linear panel model loaded from a saved <see cref="RegressionDocument"/>: everything a table needs
/// (coefficients with inference, N, fit statistics, fixed effects, variance convention, notes), without the data.
/// </summary>
public sealed class SavedRegression : IEstimationResult
{
    internal SavedRegression(string estimator, string? label, string dependent, IReadOnlyList<Coefficient> coefficients, int observations,
        VarianceSummary variance, IReadOnlyList<FitStatistic> fitStatistics, IReadOnlyList<string> effects, IReadOnlyList<string> notes,
        string? formula, string? sample, int? entities, double rss)
    {
        Estimator = estimator;
        Label = label;
        Dependent = dependent;
        Coefficients = coefficients;
        Observations = observations;
        Variance = variance;
        FitStatistics = fitStatistics;
        AbsorbedEffects = effects;
        Notes = notes;
        Formula = formula;
        Sample = sample;
        Entities = entities;
        Rss = rss;
    }

    /// <summary>"fe".</summary>
    public string Model => "fe";

    /// <summary>The estimator as written in the document: "fixed_effects", "pooled_ols" or "random_effects".</summary>
    public string Estimator { get; }

    /// <inheritdoc />
    public string? Label { get; }

    /// <inheritdoc />
    public string Dependent { get; }

    /// <inheritdoc />
    public IReadOnlyList<Coefficient> Coefficients { get; }

    /// <inheritdoc />
    public int Observations { get; }

    /// <inheritdoc />
    public VarianceSummary? Variance { get; }

    /// <inheritdoc />
    public IReadOnlyList<FitStatistic> FitStatistics { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> AbsorbedEffects { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The model's formula, when it was saved.</summary>
    public string? Formula { get; }

    /// <summary>The split sample, when the model was estimated on one.</summary>
    public string? Sample { get; }

    /// <summary>Entities in the estimation sample, when known.</summary>
    public int? Entities { get; }

    /// <summary>Residual sum of squares.</summary>
    public double Rss { get; }

    /// <summary>The coefficient named <paramref name="name"/>.</summary>
    /// <exception cref="SpecificationException">No coefficient has that name.</exception>
    public Coefficient this[string name] => Coefficients.FirstOrDefault(c => c.Name == name)
        ?? throw new SpecificationException($"The saved model has no coefficient '{name}'; it has: {string.Join(", ", Coefficients.Select(c => c.Name))}.");
}
