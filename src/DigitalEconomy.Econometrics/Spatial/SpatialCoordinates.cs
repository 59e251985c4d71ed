using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Econometrics.Spatial;

/// <summary>
/// Locations of named units, either planar (x, y; Euclidean distance in coordinate units) or geographic
/// (latitude, longitude in degrees; great-circle distance in km by the haversine formula
/// d = 2R·asin √(sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2)), Sinnott 1984, with the Earth radius R recorded).
/// </summary>
public sealed class SpatialCoordinates
{
    /// <summary>Mean Earth radius in km (IUGG), the default for great-circle distances.</summary>
    public const double DefaultEarthRadiusKm = 6371.0;

    private readonly string[] _keys;
    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double[] _cosLat;

    private SpatialCoordinates(string[] keys, double[] a, double[] b, bool geographic, double radius)
    {
        if (a.Length != keys.Length || b.Length != keys.Length)
            throw new SpecificationException($"Coordinates need one pair per unit: {keys.Length} units, {a.Length} and {b.Length} values.");
        for (int i = 0; i < keys.Length; i++)
        {
            if (!double.IsFinite(a[i]) || !double.IsFinite(b[i]))
                throw new SpecificationException($"Unit '{keys[i]}' has a missing or non-finite coordinate.");
            if (geographic && (Math.Abs(a[i]) > 90 || Math.Abs(b[i]) > 180))
                throw new SpecificationException($"Unit '{keys[i]}': latitude {a[i]} / longitude {b[i]} out of range (|lat| ≤ 90, |lon| ≤ 180 degrees).");
        }
        if (geographic && !(radius > 0)) throw new SpecificationException($"Earth radius {radius} km must be positive.");
        _keys = keys;
        _a = a;
        _b = b;
        IsGeographic = geographic;
        EarthRadiusKm = radius;
        _cosLat = geographic ? a.Select(x => Math.Cos(x * Math.PI / 180)).ToArray() : [];
    }

    /// <summary>Geographic coordinates in degrees; distances are great-circle km on a sphere of radius <paramref name="earthRadiusKm"/>.</summary>
    public static SpatialCoordinates Geographic(IReadOnlyList<string> keys, IReadOnlyList<double> latitude, IReadOnlyList<double> longitude, double earthRadiusKm = DefaultEarthRadiusKm) =>
        new(keys.ToArray(), latitude.ToArray(), longitude.ToArray(), true, earthRadiusKm);

    /// <summary>Planar coordinates; distances are Euclidean in the coordinates' units.</summary>
    public static SpatialCoordinates Planar(IReadOnlyList<string> keys, IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        new(keys.ToArray(), x.ToArray(), y.ToArray(), false, double.NaN);

    /// <summary>
    /// One location per entity of a panel, read from two columns (latitude and longitude when <paramref name="geographic"/>);
    /// the coordinates must not vary over time within an entity.
    /// </summary>
    public static SpatialCoordinates FromPanel(PanelData panel, string first, string second, bool geographic = true, double earthRadiusKm = DefaultEarthRadiusKm)
    {
        ArgumentNullException.ThrowIfNull(panel);
        foreach (var c in new[] { first, second })
            if (!panel.HasNumeric(c)) throw panel.UnknownColumn(c);
        int n = panel.Entities.LevelCount;
        var a = Enumerable.Repeat(double.NaN, n).ToArray();
        var b = Enumerable.Repeat(double.NaN, n).ToArray();
        var ca = panel.Column(first);
        var cb = panel.Column(second);
        var codes = panel.Entities.Codes;
        for (int r = 0; r < panel.RowCount; r++)
        {
            int e = codes[r];
            if (double.IsNaN(ca[r]) || double.IsNaN(cb[r])) continue;
            if (double.IsNaN(a[e]))
            {
                a[e] = ca[r];
                b[e] = cb[r];
            }
            else if (a[e] != ca[r] || b[e] != cb[r])
                throw new SpecificationException($"Entity '{panel.Entities.Levels[e]}' has different coordinates in different rows ({panel.Describe(r)}); '{first}' and '{second}' must be constant within an entity.");
        }
        return new SpatialCoordinates(panel.Entities.Levels.ToArray(), a, b, geographic, geographic ? earthRadiusKm : double.NaN);
    }

    /// <summary>Unit keys.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>First coordinate of every unit: latitude in degrees (x for planar coordinates).</summary>
    public IReadOnlyList<double> Latitudes => _a;

    /// <summary>Second coordinate of every unit: longitude in degrees (y for planar coordinates).</summary>
    public IReadOnlyList<double> Longitudes => _b;

    /// <summary>Number of units.</summary>
    public int Count => _keys.Length;

    /// <summary>True for latitude/longitude (great-circle distance), false for planar.</summary>
    public bool IsGeographic { get; }

    /// <summary>Earth radius in km for geographic coordinates (NaN for planar).</summary>
    public double EarthRadiusKm { get; }

    internal double? EarthRadiusKmOrNull => IsGeographic ? EarthRadiusKm : null;

    internal string MetricDescription => IsGeographic
        ? $"great-circle distance (km, R = {EarthRadiusKm.ToString(System.Globalization.CultureInfo.InvariantCulture)} km)"
        : "Euclidean distance";

    /// <summary>Distance between units i and j (km for geographic coordinates).</summary>
    public double Distance(int i, int j)
    {
        if (!IsGeographic)
        {
            double dx = _a[i] - _a[j], dy = _b[i] - _b[j];
            return Math.Sqrt(dx * dx + dy * dy);
        }
        const double rad = Math.PI / 180;
        double s1 = Math.Sin((_a[i] - _a[j]) * rad / 2), s2 = Math.Sin((_b[i] - _b[j]) * rad / 2);
        double h = s1 * s1 + _cosLat[i] * _cosLat[j] * s2 * s2;
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
