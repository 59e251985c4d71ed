using System.CommandLine;
using System.Globalization;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Spatial;

namespace DigitalEconomy.Cli.Commands;

/// <summary><c>weights</c>: builds a spatial weight matrix from coordinates or economic distance and writes its (i, j, w) list.</summary>
internal static class WeightsCommand
{
    public static Command Build(CliConsole console)
    {
        var common = new CommonOptions(outDescription: "Write the (i, j, w) list to this CSV (default: stdout; with --format json the summary goes to stdout).");
        var lat = new Option<string>("--lat") { Description = "Latitude column (degrees), or x with --planar.", DefaultValueFactory = _ => "lat", HelpName = "COL" };
        var lon = new Option<string>("--lon") { Description = "Longitude column (degrees), or y with --planar.", DefaultValueFactory = _ => "lon", HelpName = "COL" };
        var kind = new Option<string>("--kind") { Description = "inverse-distance[:ALPHA], knn:K, band:DIST (e.g. band:300km), economic, or geo-economic[:PHI].", DefaultValueFactory = _ => "inverse-distance", HelpName = "KIND" };
        var cutoff = new Option<string?>("--cutoff") { Description = "Cut-off distance for inverse distance (e.g. 500km).", HelpName = "DIST" };
        var variable = new Option<string?>("--var") { Description = "Economic variable whose entity means define economic distance 1/|ȳ_i − ȳ_j|.", HelpName = "COL" };
        var style = new Option<string>("--style") { Description = "Scaling: row (default), binary, global or raw.", DefaultValueFactory = _ => "row" };
        var radius = new Option<double>("--earth-radius") { Description = "Earth radius in km for great-circle distances.", DefaultValueFactory = _ => SpatialCoordinates.DefaultEarthRadiusKm, HelpName = "KM" };
        var planar = new Option<bool>("--planar") { Description = "Coordinates are planar (Euclidean distance) rather than latitude/longitude." };
        var command = new Command("weights", "Spatial weight matrix from coordinates (inverse distance, k-nearest neighbours, distance band; great-circle distance) or economic distance, written as an (i, j, w) list.")
        {
            lat, lon, kind, cutoff, variable, style, radius, planar,
        };
        common.AddTo(command);
        command.SetAction(parse => CommandRunner.Execute(console, parse.GetValue(common.Verbose), () =>
        {
            var settings = common.Resolve(parse);
            var panel = SpatialInputs.LoadPanel(settings);
            var w = Construct(panel, parse.GetValue(lat)!, parse.GetValue(lon)!, parse.GetValue(kind)!, parse.GetValue(cutoff), parse.GetValue(variable),
                parse.GetValue(radius), parse.GetValue(planar));
            w = w.Standardise(SpatialInputs.Style(parse.GetValue(style)));
            Emit(console, settings, w);
        }));
        return command;
    }

    public static SpatialWeights Construct(PanelData panel, string lat, string lon, string kind, string? cutoff, string? variable, double radius, bool planar)
    {
        var spec = kind.Trim().ToLowerInvariant();
        var parts = spec.Split(':', 2);
        string arg = parts.Length > 1 ? parts[1] : "";
        SpatialCoordinates Coordinates()
        {
            PanelLoader.RequireNumeric(panel, planar ? "--lat (x)" : "--lat", [lat]);
            PanelLoader.RequireNumeric(panel, planar ? "--lon (y)" : "--lon", [lon]);
            return SpatialCoordinates.FromPanel(panel, lat, lon, !planar, radius);
        }
        SpatialWeights Economic()
        {
            if (variable is null) throw new SpecificationException($"--kind {kind} needs --var COL (the economic variable).");
            PanelLoader.RequireNumeric(panel, "--var", [variable]);
            int n = panel.Entities.LevelCount;
            var sum = new double[n];
            var count = new int[n];
            var col = panel.Column(variable);
            var codes = panel.Entities.Codes;
            for (int r = 0; r < panel.RowCount; r++)
                if (double.IsFinite(col[r]))
                {
                    sum[codes[r]] += col[r];
                    count[codes[r]]++;
                }
            return SpatialWeights.Economic(panel.Entities.Levels, sum.Select((s, i) => count[i] > 0 ? s / count[i] : double.NaN).ToArray());
        }
        double Number(string what, double fallback)
        {
            if (arg.Length == 0) return fallback;
            return double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
                : throw new SpecificationException($"--kind {kind}: '{arg}' is not a number ({what}).");
        }
        double? cut = cutoff is null ? null : SpatialInputs.Distance("--cutoff", cutoff);
        return parts[0] switch
        {
            "inverse-distance" or "idw" => SpatialWeights.InverseDistance(Coordinates(), Number("the exponent α", 1), cut),
            "knn" => SpatialWeights.NearestNeighbours(Coordinates(), int.TryParse(arg, NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) ? k
                : throw new SpecificationException($"--kind {kind}: expected knn:K with an integer K, e.g. knn:5.")),
            "band" => SpatialWeights.DistanceBand(Coordinates(), arg.Length > 0 ? SpatialInputs.Distance("--kind band", arg)
                : throw new SpecificationException("--kind band needs a distance, e.g. band:300km.")),
            "economic" => Economic(),
            "geo-economic" => SpatialWeights.GeoEconomic(SpatialWeights.InverseDistance(Coordinates(), 1, cut), Economic(), Number("the nesting weight φ", 0.5)),
            _ => throw new SpecificationException($"--kind {kind}: expected inverse-distance, knn:K, band:DIST, economic or geo-economic."),
        };
    }

    private static void Emit(CliConsole console, CommonSettings settings, SpatialWeights w)
    {
        var counts = Enumerable.Range(0, w.Count).Select(w.NeighbourCount).ToArray();
        var summary = new WeightsJson("weights", w.Description, SpatialInputs.StyleName(w.Style), w.Count, w.LinkCount,
            counts.Min(), counts.Max(), counts.Average(), w.IsSymmetric, w.EarthRadiusKm, settings.Out is null ? null : Path.GetFullPath(settings.Out));
        if (settings.Out is not null)
        {
            OutputFiles.Write(settings, settings.Out, w.WriteList);
            console.Note($"Wrote {Path.GetFullPath(settings.Out)} ({w.Count} units, {w.LinkCount} links, {w.Description}, style {summary.Style})");
            if (settings.Format == OutputFormat.Json) console.Out.WriteLine(CliJson.Serialize(summary));
            return;
        }
        if (settings.Format == OutputFormat.Json)
        {
            console.Out.WriteLine(CliJson.Serialize(summary));
            return;
        }
        w.WriteList(console.Out);
    }
}
