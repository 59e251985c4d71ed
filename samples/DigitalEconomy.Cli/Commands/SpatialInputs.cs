using System.Globalization;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Spatial;

namespace DigitalEconomy.Cli.Commands;

/// <summary>Shared input handling of <c>weights</c>, <c>moran</c> and <c>spatial</c>.</summary>
internal static class SpatialInputs
{
    /// <summary>
    /// Reads the panel; a file without the --time column is a single cross-section (every row gets period "1"),
    /// as spdep/spatialreg accept data without a time dimension.
    /// </summary>
    public static PanelData LoadPanel(CommonSettings settings)
    {
        if (!File.Exists(settings.DataPath)) return PanelLoader.Load(settings);
        string? header;
        using (var r = new StreamReader(settings.DataPath)) header = r.ReadLine();
        if (header is null) return PanelLoader.Load(settings);
        char delimiter = header.Contains(';') && !header.Contains(',') ? ';' : header.Contains('\t') && !header.Contains(',') ? '\t' : ',';
        var names = header.TrimStart('\uFEFF').Split(delimiter).Select(h => h.Trim().Trim('"')).ToList();
        if (names.Contains(settings.Time) || !names.Contains(settings.Entity)) return PanelLoader.Load(settings);
        var lines = File.ReadAllLines(settings.DataPath);
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            text.Append(lines[i]).Append(delimiter).Append(i == 0 ? settings.Time : "1").Append('\n');
        }
        return PanelCsv.Read(new StringReader(text.ToString()), Path.GetFileName(settings.DataPath), settings.Entity, settings.Time,
            new CsvReadOptions { Delimiter = delimiter.ToString() });
    }

    /// <summary>Reads a weights file: GAL (.gal), an (i, j, w) list (header i,j,w), a two-column edge list, or a dense matrix.</summary>
    public static SpatialWeights ReadWeights(string path)
    {
        if (!File.Exists(path)) throw new EconometricsException($"--weights: file '{path}' does not exist.");
        if (path.EndsWith(".gal", StringComparison.OrdinalIgnoreCase)) return SpatialWeights.ReadGal(path);
        string header;
        using (var r = new StreamReader(path)) header = (r.ReadLine() ?? "").TrimStart('\uFEFF');
        var fields = header.Split(',').Select(f => f.Trim().Trim('"').ToLowerInvariant()).ToList();
        if (fields.Contains("i") && fields.Contains("j") && fields.Contains("w")) return SpatialWeights.ReadList(path);
        if (fields.Count == 2) return SpatialWeights.ReadEdgeList(path);
        return SpatialWeights.ReadDense(path);
    }

    public static WeightStyle Style(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "row" or "w" => WeightStyle.Row,
        "binary" or "b" => WeightStyle.Binary,
        "global" or "c" => WeightStyle.Global,
        "raw" or "none" => WeightStyle.Raw,
        _ => throw new SpecificationException($"--style {value}: expected row, binary, global or raw."),
    };

    /// <summary>A distance such as "300km", "300 km" or "300".</summary>
    public static double Distance(string option, string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t.EndsWith("km", StringComparison.Ordinal)) t = t[..^2].Trim();
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || !(d > 0))
            throw new SpecificationException($"{option}: '{text}' is not a positive distance (e.g. 300km).");
        return d;
    }

    public static string StyleName(WeightStyle style) => style switch
    {
        WeightStyle.Row => "row",
        WeightStyle.Binary => "binary",
        WeightStyle.Global => "global",
        _ => "raw",
    };
}
