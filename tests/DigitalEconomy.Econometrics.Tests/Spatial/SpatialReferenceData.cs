using System.Globalization;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Spatial;
using DigitalEconomy.Econometrics.Tests.Infrastructure;

namespace DigitalEconomy.Econometrics.Tests.Spatial;

/// <summary>Columbus (Anselin 1988) and Produc/usaww reference data from round2/spatial.</summary>
internal static class SpatialReferenceData
{
    public static string PathOf(string file) => ReferenceData.PathOf(Path.Combine("round2", "spatial", file));

    public static readonly Lazy<System.Text.Json.JsonElement> Expected = new(() => ReferenceData.Json(Path.Combine("round2", "spatial", "spatial_expected.json")));

    /// <summary>Columbus as a one-period panel (entity POLYID, time 1980).</summary>
    public static readonly Lazy<PanelData> Columbus = new(() =>
    {
        var lines = File.ReadAllLines(PathOf("columbus.csv"));
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        var ids = rows.Select(r => r[0]).ToList();
        var cols = new List<KeyValuePair<string, double[]>>();
        for (int c = 1; c < header.Length; c++)
            cols.Add(new(header[c], rows.Select(r => double.Parse(r[c], CultureInfo.InvariantCulture)).ToArray()));
        return PanelData.Create("POLYID", ids, "year", ids.Select(_ => "1980").ToList(), cols);
    });

    public static readonly Lazy<SpatialWeights> ColumbusQueen = new(() =>
        SpatialWeights.ReadEdgeList(PathOf("columbus_queen_edges.csv")).Standardise(WeightStyle.Row).AlignTo(Columbus.Value.Entities.Levels));

    public static readonly Lazy<PanelData> Produc = new(() =>
    {
        var p = PanelCsv.Read(PathOf("produc.csv"), "state", "year");
        foreach (var v in new[] { "gsp", "pcap", "pc", "emp" })
            p = p.WithColumn($"log({v})", p.Column(v).ToArray().Select(a => Math.Log(a)).ToArray());
        return p;
    });

    public static readonly Lazy<SpatialWeights> Usaww = new(() =>
    {
        var lines = File.ReadAllLines(PathOf("usaww_edges.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        var names = new SortedDictionary<int, string>();
        foreach (var r in lines)
        {
            names[int.Parse(r[0], CultureInfo.InvariantCulture)] = r[2];
            names[int.Parse(r[1], CultureInfo.InvariantCulture)] = r[3];
        }
        var keys = names.Values.ToList();
        var links = lines.Select(r => new SpatialLink(int.Parse(r[0], CultureInfo.InvariantCulture) - 1, int.Parse(r[1], CultureInfo.InvariantCulture) - 1,
            double.Parse(r[4], CultureInfo.InvariantCulture)));
        return SpatialWeights.FromLinks(keys, links);
    });
}
