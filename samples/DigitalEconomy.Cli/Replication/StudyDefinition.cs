using System.Collections;
using System.Globalization;
using DigitalEconomy.Econometrics;
using Tomlyn;
using Tomlyn.Model;

namespace DigitalEconomy.Cli.Replication;

/// <summary>One indicator of the digital economy index: its column, whether more is better, and its dimension.</summary>
internal sealed record StudyIndicator(string Column, bool Positive, string? Dimension);

/// <summary>
/// The roles of a study's columns and its settings, as declared in a study file (TOML, see
/// docs/methods/data-input.md): which column is the entity, the time, the outcome (or how to build the gap
/// from GDP per capita), the digital economy index and its indicators, the industry sub-indices, mediators,
/// controls, the threshold variable, instruments, the policy cohort, coordinates, clusters, bootstrap
/// counts, the seed and display labels. <see cref="Bundled"/> describes the bundled synthetic panel.
/// </summary>
internal sealed record StudyDefinition
{
    public string? DataFile { get; init; }
    public string Entity { get; init; } = "city";
    public string Time { get; init; } = "year";
    public string? Province { get; init; } = "province";
    public string Region { get; init; } = "region";

    /// <summary>The development gap (outcome); built from <see cref="GdpPerCapita"/> when the data lack it.</summary>
    public string Gap { get; init; } = "gap";

    /// <summary>Relative-deviation gap used as an alternative outcome; built like <see cref="Gap"/> when absent.</summary>
    public string GapRelative { get; init; } = "gap_rel";

    public string GdpPerCapita { get; init; } = "gdppc";

    /// <summary>ln GDP per capita; built from <see cref="GdpPerCapita"/> when absent.</summary>
    public string LnGdpPerCapita { get; init; } = "ln_gdppc";

    /// <summary>Reference mean of the gap: null for the national mean of the year, else a grouping column (province, region).</summary>
    public string? GapReference { get; init; }

    /// <summary>The digital economy index; computed from <see cref="Indicators"/> (entropy weights) when absent.</summary>
    public string Dei { get; init; } = "dei";

    public IReadOnlyList<StudyIndicator> Indicators { get; init; } = [];
    public IReadOnlyList<string> Industries { get; init; } = [];
    public IReadOnlyList<string> Mediators { get; init; } = [];
    public IReadOnlyList<string> Controls { get; init; } = [];

    /// <summary>Threshold variable of the Hansen model (default: ln GDP per capita).</summary>
    public string? ThresholdVariable { get; init; }

    public IReadOnlyList<string> Instruments { get; init; } = [];
    public string? PolicyCohort { get; init; }
    public string? Latitude { get; init; }
    public string? Longitude { get; init; }
    public IReadOnlyList<string> Clusters { get; init; } = [];
    public int? MediationBootstrap { get; init; }
    public int? ThresholdBootstrap { get; init; }
    public long? Seed { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The file the definition came from (null for the built-in default).</summary>
    public string? Source { get; init; }

    /// <summary>The threshold variable actually used.</summary>
    public string Threshold => ThresholdVariable ?? LnGdpPerCapita;

    /// <summary>The bundled synthetic panel's roles (the same as data/study.toml).</summary>
    public static StudyDefinition Bundled { get; } = new()
    {
        Indicators =
        [
            new("internet", true, "infrastructure"), new("mobile", true, "infrastructure"), new("telecom", true, "industry"),
            new("it_emp", true, "industry"), new("dfi", true, "finance"),
        ],
        Industries = ["dig_manufacturing", "dig_service", "dig_application", "dig_factor"],
        Mediators = ["agg", "innov"],
        Controls = ["gov", "open", "hum", "fin", "ind_struct", "urb"],
        Instruments = ["post_x_net", "tel_x_net"],
        PolicyCohort = "pilot_year",
        Latitude = "lat",
        Longitude = "lon",
        Clusters = ["city"],
    };

    /// <summary>Reads a study file; every problem is one line naming the file, the line and the key.</summary>
    public static StudyDefinition Load(string path)
    {
        string text;
        try
        {
            if (Directory.Exists(path)) throw new SpecificationException($"--study {path} is a directory; expected a study file (TOML).");
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SpecificationException($"--study {path}: file not found.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpecificationException($"--study {path}: cannot read the file ({e.Message}).");
        }
        return Parse(text, path);
    }

    public static StudyDefinition Parse(string text, string path)
    {
        var name = Path.GetFileName(path);
        TomlTable root;
        try
        {
            root = (TomlTable)TomlSerializer.Deserialize(text, typeof(TomlTable), (TomlSerializerOptions?)null)!;
        }
        catch (TomlException e)
        {
            throw new SpecificationException($"{name}:{e.Line}: not valid TOML ({FirstLine(e.Message)}).");
        }
        var reader = new Reader(name, root);
        var study = new StudyDefinition { Source = path };
        var data = reader.Table("data");
        var outcome = reader.Table("outcome");
        var index = reader.Table("index");
        var threshold = reader.Table("threshold");
        var model = reader.Table("model");
        var inference = reader.Table("inference");
        var labels = reader.Table("labels");
        study = study with
        {
            DataFile = reader.String(data, "data", "file"),
            Entity = reader.String(data, "data", "entity") ?? study.Entity,
            Time = reader.String(data, "data", "time") ?? study.Time,
            Province = reader.String(data, "data", "province"),
            Region = reader.String(data, "data", "region") ?? study.Region,
            Latitude = reader.String(data, "data", "latitude"),
            Longitude = reader.String(data, "data", "longitude"),
            Gap = reader.String(outcome, "outcome", "gap") ?? study.Gap,
            GapRelative = reader.String(outcome, "outcome", "gap_relative") ?? study.GapRelative,
            GdpPerCapita = reader.String(outcome, "outcome", "gdp_per_capita") ?? study.GdpPerCapita,
            LnGdpPerCapita = reader.String(outcome, "outcome", "ln_gdp_per_capita") ?? study.LnGdpPerCapita,
            GapReference = reader.Reference(outcome),
            Dei = reader.String(index, "index", "column") ?? study.Dei,
            Indicators = reader.Indicators(index),
            Industries = reader.Strings(index, "index", "sub_indices"),
            Mediators = reader.Strings(model, "model", "mediators"),
            Controls = reader.Strings(model, "model", "controls"),
            ThresholdVariable = reader.String(threshold, "threshold", "variable"),
            Instruments = reader.Strings(model, "model", "instruments"),
            PolicyCohort = reader.String(model, "model", "policy_cohort"),
            Clusters = reader.Strings(inference, "inference", "clusters"),
            MediationBootstrap = reader.Int(inference, "inference", "mediation_bootstrap", 0, 1_000_000),
            ThresholdBootstrap = reader.Int(inference, "inference", "threshold_bootstrap", 0, 1_000_000),
            Seed = reader.Int(inference, "inference", "seed", 0, long.MaxValue),
            Labels = labels is null ? new Dictionary<string, string>() : labels.ToDictionary(kv => kv.Key, kv => reader.AsString(kv.Value, "labels", kv.Key), StringComparer.Ordinal),
        };
        reader.RejectUnknown(root, "", ["data", "outcome", "index", "model", "threshold", "inference", "labels"]);
        reader.RejectUnknown(model, "model", ["mediators", "controls", "instruments", "policy_cohort"]);
        reader.RejectUnknown(data, "data", ["file", "entity", "time", "province", "region", "latitude", "longitude"]);
        reader.RejectUnknown(outcome, "outcome", ["gap", "gap_relative", "gdp_per_capita", "ln_gdp_per_capita", "reference"]);
        reader.RejectUnknown(index, "index", ["column", "indicators", "sub_indices"]);
        reader.RejectUnknown(threshold, "threshold", ["variable"]);
        reader.RejectUnknown(inference, "inference", ["clusters", "mediation_bootstrap", "threshold_bootstrap", "seed"]);
        if (study.Entity == study.Time)
            throw new SpecificationException($"{name}: [data] entity and time are both '{study.Entity}'; name two different columns.");
        return study;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    /// <summary>Typed access to the TOML model with messages naming the file and the key.</summary>
    private sealed class Reader(string file, TomlTable root)
    {
        public TomlTable? Table(string key) => root.TryGetValue(key, out var v)
            ? v as TomlTable ?? throw Error(key, "", "a table ([" + key + "])")
            : null;

        public string? String(TomlTable? table, string section, string key) =>
            table is not null && table.TryGetValue(key, out var v) ? AsString(v, section, key) : null;

        public string AsString(object? value, string section, string key) =>
            value is string s && s.Trim().Length > 0 ? s.Trim() : throw Error(key, section, "a non-empty text value in quotes");

        public IReadOnlyList<string> Strings(TomlTable? table, string section, string key)
        {
            if (table is null || !table.TryGetValue(key, out var v)) return [];
            if (v is string one) return [AsString(one, section, key)];
            if (v is not IEnumerable items) throw Error(key, section, "a list of column names, e.g. [\"a\", \"b\"]");
            var list = items.Cast<object?>().Select(i => AsString(i, section, key)).ToList();
            var twice = list.GroupBy(x => x, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null) throw Error(key, section, $"a list without repeats ('{twice.Key}' appears twice)");
            return list;
        }

        public long? Int(TomlTable? table, string section, string key, long min, long max)
        {
            if (table is null || !table.TryGetValue(key, out var v)) return null;
            if (v is long l && l >= min && l <= max) return l;
            throw Error(key, section, $"an integer from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}");
        }

        public int? Int(TomlTable? table, string section, string key, int min, int max) =>
            Int(table, section, key, (long)min, (long)max) is { } v ? (int)v : null;

        public string? Reference(TomlTable? outcome)
        {
            var value = String(outcome, "outcome", "reference");
            return value switch
            {
                null or "national" => null,
                _ => value,
            };
        }

        public IReadOnlyList<StudyIndicator> Indicators(TomlTable? index)
        {
            if (index is null || !index.TryGetValue("indicators", out var v)) return [];
            if (v is not IEnumerable items || v is string) throw Error("indicators", "index", "a list of { column = \"…\", direction = \"positive\" | \"negative\", dimension = \"…\" } tables");
            var result = new List<StudyIndicator>();
            foreach (var item in items)
            {
                switch (item)
                {
                    case string column:
                        result.Add(new StudyIndicator(AsString(column, "index", "indicators"), true, null));
                        break;
                    case TomlTable t:
                        var column2 = String(t, "index.indicators", "column") ?? throw Error("column", "index.indicators", "the indicator's column name");
                        var direction = String(t, "index.indicators", "direction") ?? "positive";
                        if (direction is not ("positive" or "negative"))
                            throw Error("direction", "index.indicators", $"\"positive\" or \"negative\" (got \"{direction}\" for '{column2}')");
                        RejectUnknown(t, "index.indicators", ["column", "direction", "dimension"]);
                        result.Add(new StudyIndicator(column2, direction == "positive", String(t, "index.indicators", "dimension")));
                        break;
                    default:
                        throw Error("indicators", "index", "a list of { column = \"…\", direction = \"positive\" | \"negative\" } tables");
                }
            }
            return result;
        }

        public void RejectUnknown(TomlTable? table, string section, string[] known)
        {
            if (table is null) return;
            foreach (var key in table.Keys)
                if (Array.IndexOf(known, key) < 0)
                    throw new SpecificationException($"{file}: unknown key '{key}'{(section.Length > 0 ? $" in [{section}]" : "")}; expected one of {string.Join(", ", known)}.");
        }

        private SpecificationException Error(string key, string section, string expected) =>
            new($"{file}: '{key}'{(section.Length > 0 ? $" in [{section}]" : "")} must be {expected}.");
    }
}
