namespace DigitalEconomy.Econometrics.Simulation;

/// <summary>
/// Approximate geographic bounding box of a province (degrees north and east), from standard atlases rounded to
/// 0.1°. The synthetic panel draws each city's coordinates inside its province's box, so distances between
/// synthetic cities have realistic magnitudes (hundreds of kilometres within a province, thousands across the country).
/// </summary>
/// <param name="LatitudeMin">Southern edge.</param>
/// <param name="LatitudeMax">Northern edge.</param>
/// <param name="LongitudeMin">Western edge.</param>
/// <param name="LongitudeMax">Eastern edge.</param>
public sealed record ProvinceExtent(double LatitudeMin, double LatitudeMax, double LongitudeMin, double LongitudeMax);

/// <summary>Bounding boxes of the 30 provinces of <see cref="ChineseProvinces.All"/>, in the same order.</summary>
public static class ProvinceExtents
{
    /// <summary>One extent per province, in <see cref="ChineseProvinces.All"/> order.</summary>
    public static IReadOnlyList<ProvinceExtent> All { get; } =
    [
        new(39.4, 41.1, 115.4, 117.5), // Beijing
        new(38.6, 40.2, 116.7, 118.1), // Tianjin
        new(36.0, 42.6, 113.5, 119.8), // Hebei
        new(34.6, 40.7, 110.2, 114.6), // Shanxi
        new(37.4, 50.0, 106.0, 124.0), // Inner Mongolia (populated part)
        new(38.7, 43.5, 118.8, 125.8), // Liaoning
        new(40.9, 46.3, 121.6, 131.3), // Jilin
        new(43.4, 50.0, 121.2, 134.0), // Heilongjiang (populated part)
        new(30.7, 31.9, 120.9, 122.0), // Shanghai
        new(30.8, 35.1, 116.4, 121.9), // Jiangsu
        new(27.0, 31.2, 118.0, 122.9), // Zhejiang
        new(29.4, 34.7, 114.9, 119.6), // Anhui
        new(23.5, 28.3, 115.8, 120.7), // Fujian
        new(24.5, 30.1, 113.6, 118.5), // Jiangxi
        new(34.4, 38.4, 114.8, 122.7), // Shandong
        new(31.4, 36.4, 110.4, 116.6), // Henan
        new(29.0, 33.3, 108.4, 116.1), // Hubei
        new(24.6, 30.1, 108.8, 114.3), // Hunan
        new(20.2, 25.5, 109.7, 117.3), // Guangdong
        new(21.4, 26.4, 104.5, 112.1), // Guangxi
        new(18.2, 20.2, 108.6, 111.1), // Hainan
        new(28.2, 32.2, 105.3, 110.2), // Chongqing
        new(26.0, 34.3, 101.0, 108.5), // Sichuan (populated part)
        new(24.6, 29.2, 103.6, 109.6), // Guizhou
        new(21.1, 29.2, 97.5, 106.2),  // Yunnan
        new(31.7, 39.6, 105.5, 111.3), // Shaanxi
        new(32.6, 40.5, 98.0, 108.7),  // Gansu (populated part)
        new(35.5, 38.0, 100.0, 103.1), // Qinghai (Xining area)
        new(35.2, 39.4, 104.3, 107.7), // Ningxia
        new(40.0, 46.0, 80.0, 95.0),   // Xinjiang (Urumqi and Karamay area)
    ];
}
