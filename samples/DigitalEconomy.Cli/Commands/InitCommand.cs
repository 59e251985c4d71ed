using System.CommandLine;
using System.Text;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Cli.Commands;

/// <summary>
/// <c>init --data FILE</c>: writes a commented study-file template (TOML) for the file's columns, with the roles
/// it can recognise by name (city/城市, year/年份, region/地区, gdppc/人均GDP, …) filled in and every other
/// column listed, commented out, under the roles it could take, ready for <c>replicate --study</c>.
/// </summary>
internal static class InitCommand
{
    private static readonly (string Role, string[] Names)[] Guesses =
    [
        ("entity", ["city", "城市", "城市名称", "city_name", "entity", "id", "code", "城市代码", "county", "firm", "区县"]),
        ("time", ["year", "年份", "年度", "年", "time", "t", "period", "date", "month", "quarter", "日期"]),
        ("province", ["province", "省份", "省", "prov"]),
        ("region", ["region", "地区", "区域", "area", "东中西"]),
        ("latitude", ["lat", "latitude", "纬度"]),
        ("longitude", ["lon", "lng", "longitude", "经度"]),
        ("gdp_per_capita", ["gdppc", "pgdp", "gdp_pc", "人均gdp", "人均地区生产总值", "人均生产总值"]),
        ("ln_gdp_per_capita", ["ln_gdppc", "lnpgdp", "ln_pgdp", "lngdppc"]),
        ("gap", ["gap", "发展差距", "差距"]),
        ("gap_relative", ["gap_rel"]),
        ("index", ["dei", "数字经济", "数字经济指数", "digital_economy", "dige"]),
        ("threshold", []),
    ];

    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions(outDescription: "Write the template to this file (default: stdout); an existing file is kept unless --force.");
        var force = new Option<bool>("--force") { Description = "Overwrite an existing --out file." };
        var command = new Command("init", "Write a commented study-file template (TOML) for your data's columns, for 'replicate --study'.") { force };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            if (parse.GetResult(common.Data) is not { Implicit: false })
                throw new SpecificationException("init needs --data FILE: the data file whose columns the study file describes.");
            var columns = PanelReader.Columns(settings.DataPath, settings.Read);
            var text = Template(Path.GetFileName(settings.DataPath), columns);
            if (settings.Out is null)
            {
                console.Out.Write(text);
                return;
            }
            if (File.Exists(settings.Out) && !parse.GetValue(force))
                throw new SpecificationException($"--out {settings.Out} exists; pass --force to overwrite it, or choose another name.");
            OutputFiles.WriteText(settings, settings.Out, text);
            console.Note($"Wrote {Path.GetFullPath(settings.Out)}: edit it, then run 'de-econ replicate --study {settings.Out}'.");
        }));
        return command;
    }

    internal static string Template(string dataFile, IReadOnlyList<DataColumnInfo> columns)
    {
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (role, names) in Guesses)
        {
            var match = columns.FirstOrDefault(c => !used.Contains(c.Name) && names.Contains(c.Name.Trim().ToLowerInvariant()));
            if (match is null) continue;
            roles[role] = match.Name;
            used.Add(match.Name);
        }
        var others = columns.Where(c => !used.Contains(c.Name)).ToList();
        var numeric = others.Where(c => c.IsNumeric).ToList();
        var text = others.Where(c => !c.IsNumeric).ToList();
        string Q(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        string Role(string role, string key, string fallback, string comment) =>
            roles.TryGetValue(role, out var col) ? $"{key} = {Q(col)}{Pad(key, col)}# {comment}" : $"# {key} = {Q(fallback)}{Pad(key, fallback)}# {comment} (not recognised: name your column)";
        var sb = new StringBuilder();
        sb.AppendLine($"# Study file for {dataFile}: the role of each column in 'de-econ replicate --study THIS_FILE'.");
        sb.AppendLine("# Lines starting with # are comments. Uncomment and edit; column names may be Chinese.");
        sb.AppendLine("# Roles that cannot be filled leave their chapters out of the report (listed as skipped).");
        sb.AppendLine("# Reference: docs/methods/data-input.md (Study file).");
        sb.AppendLine();
        sb.AppendLine("[data]");
        sb.AppendLine($"file = {Q(dataFile)}");
        sb.AppendLine(Role("entity", "entity", "city", "entity key: one row per entity and period"));
        sb.AppendLine(Role("time", "time", "year", "time key: years, dates, months (2019-01) or quarters (2019Q1)"));
        sb.AppendLine(Role("province", "province", "province", "optional: reference group for the gap"));
        sb.AppendLine(Role("region", "region", "region", "groups for heterogeneity and the Theil decomposition"));
        sb.AppendLine(Role("latitude", "latitude", "lat", "optional: coordinates in degrees"));
        sb.AppendLine(Role("longitude", "longitude", "lon", "optional"));
        if (text.Count > 0) sb.AppendLine($"# text columns in the file: {string.Join(", ", text.Select(c => c.Name))}");
        sb.AppendLine();
        sb.AppendLine("[outcome]");
        sb.AppendLine(Role("gap", "gap", "gap", "the development gap; built from gdp_per_capita when the file lacks it"));
        sb.AppendLine(Role("gap_relative", "gap_relative", "gap_rel", "optional: relative gap for robustness (built likewise)"));
        sb.AppendLine(Role("gdp_per_capita", "gdp_per_capita", "gdppc", "GDP per capita, level"));
        sb.AppendLine(Role("ln_gdp_per_capita", "ln_gdp_per_capita", "ln_gdppc", "computed as ln(gdp_per_capita) when absent"));
        sb.AppendLine("reference = \"national\"  # gap reference mean: national, or a grouping column such as the province column");
        sb.AppendLine();
        sb.AppendLine("[index]");
        sb.AppendLine(Role("index", "column", "dei", "the digital economy index; computed from the indicators when absent"));
        sb.AppendLine("indicators = [  # entropy-weight indicators: direction positive (more is better) or negative");
        foreach (var c in numeric) sb.AppendLine($"  # {{ column = {Q(c.Name)}, direction = \"positive\", dimension = \"\" }},{Label(c)}");
        sb.AppendLine("]");
        sb.AppendLine("sub_indices = [  # industry sub-indices for the heterogeneity chapter");
        foreach (var c in numeric) sb.AppendLine($"  # {Q(c.Name)},{Label(c)}");
        sb.AppendLine("]");
        sb.AppendLine();
        sb.AppendLine("[model]");
        foreach (var (key, what) in new[] { ("mediators", "channels of the mechanism chapter"), ("controls", "control variables of every regression"), ("instruments", "optional: instruments for the IV chapter") })
        {
            sb.AppendLine($"{key} = [  # {what}");
            foreach (var c in numeric) sb.AppendLine($"  # {Q(c.Name)},{Label(c)}");
            sb.AppendLine("]");
        }
        sb.AppendLine("# policy_cohort = \"pilot_year\"  # optional: adoption year of a policy (0 = never), for the DiD chapter");
        sb.AppendLine();
        sb.AppendLine("[threshold]");
        sb.AppendLine("# variable = \"ln_gdppc\"  # threshold variable of the Hansen model (default: ln_gdp_per_capita)");
        sb.AppendLine();
        sb.AppendLine("[inference]");
        sb.AppendLine($"clusters = [{(roles.TryGetValue("entity", out var e) ? Q(e) : "")}]");
        sb.AppendLine("mediation_bootstrap = 1000");
        sb.AppendLine("threshold_bootstrap = 300");
        sb.AppendLine("seed = 20240601");
        sb.AppendLine();
        sb.AppendLine("[labels]  # display names in tables and the report, e.g. dei = \"数字经济指数\"");
        foreach (var c in columns.Where(c => !string.IsNullOrEmpty(c.Label)))
            sb.AppendLine($"{Q(c.Name)} = {Q(c.Label!)}");
        return sb.ToString();
    }

    private static string Label(DataColumnInfo c) => string.IsNullOrEmpty(c.Label) ? "" : $"  # {c.Label}";

    private static string Pad(string key, string value) => new(' ', Math.Max(2, 28 - key.Length - value.Length));
}
