namespace DigitalEconomy.Econometrics.Simulation;

/// <summary>The East / Central / West division of mainland China used in regional-development studies.</summary>
public enum EconomicRegion
{
    /// <summary>Eastern (coastal) provinces.</summary>
    East,
    /// <summary>Central provinces.</summary>
    Central,
    /// <summary>Western provinces (incl. Inner Mongolia and Guangxi, as in the 2000 Western Development programme).</summary>
    West,
}

/// <summary>
/// One province of a prefecture-city sample: name (pinyin), GB/T 2260 code, region, number of prefecture-level
/// cities in the usual 285-city panel, and a rough income offset (log points relative to its region) used by the
/// generator.
/// </summary>
/// <param name="Name">Province name in pinyin (e.g. "Guangdong").</param>
/// <param name="Code">Two-digit GB/T 2260 administrative code (e.g. 44).</param>
/// <param name="Region">East, Central or West.</param>
/// <param name="Cities">Prefecture-level (and above) cities of the province in the 285-city sample.</param>
/// <param name="IncomeOffset">Approximate log GDP per capita of the province relative to its region's mean.</param>
public sealed record ProvinceInfo(string Name, int Code, EconomicRegion Region, int Cities, double IncomeOffset);

/// <summary>
/// The 30 provinces of the usual 285-city sample (31 mainland provincial units minus Tibet) with their city
/// counts: 101 East, 100 Central and 84 West cities — the split used in most 2008–2019 prefecture-city studies
/// (e.g. those built on the China City Statistical Yearbook with Chaohu merged into Hefei and Bijie/Tongren,
/// Lhasa and the Qinghai/Xinjiang prefectures excluded for missing data).
/// </summary>
public static class ChineseProvinces
{
    /// <summary>The 30 provinces in GB/T 2260 code order.</summary>
    public static IReadOnlyList<ProvinceInfo> All { get; } =
    [
        new("Beijing", 11, EconomicRegion.East, 1, 0.55),
        new("Tianjin", 12, EconomicRegion.East, 1, 0.50),
        new("Hebei", 13, EconomicRegion.East, 11, -0.25),
        new("Shanxi", 14, EconomicRegion.Central, 11, -0.05),
        new("Inner Mongolia", 15, EconomicRegion.West, 9, 0.45),
        new("Liaoning", 21, EconomicRegion.East, 14, 0.00),
        new("Jilin", 22, EconomicRegion.Central, 8, 0.10),
        new("Heilongjiang", 23, EconomicRegion.Central, 12, 0.00),
        new("Shanghai", 31, EconomicRegion.East, 1, 0.60),
        new("Jiangsu", 32, EconomicRegion.East, 13, 0.20),
        new("Zhejiang", 33, EconomicRegion.East, 11, 0.20),
        new("Anhui", 34, EconomicRegion.Central, 16, -0.10),
        new("Fujian", 35, EconomicRegion.East, 9, 0.05),
        new("Jiangxi", 36, EconomicRegion.Central, 11, -0.10),
        new("Shandong", 37, EconomicRegion.East, 17, 0.05),
        new("Henan", 41, EconomicRegion.Central, 17, 0.00),
        new("Hubei", 42, EconomicRegion.Central, 12, 0.05),
        new("Hunan", 43, EconomicRegion.Central, 13, 0.00),
        new("Guangdong", 44, EconomicRegion.East, 21, 0.05),
        new("Guangxi", 45, EconomicRegion.West, 14, -0.15),
        new("Hainan", 46, EconomicRegion.East, 2, -0.20),
        new("Chongqing", 50, EconomicRegion.West, 1, 0.15),
        new("Sichuan", 51, EconomicRegion.West, 18, -0.05),
        new("Guizhou", 52, EconomicRegion.West, 4, -0.35),
        new("Yunnan", 53, EconomicRegion.West, 8, -0.20),
        new("Shaanxi", 61, EconomicRegion.West, 10, 0.05),
        new("Gansu", 62, EconomicRegion.West, 12, -0.30),
        new("Qinghai", 63, EconomicRegion.West, 1, 0.00),
        new("Ningxia", 64, EconomicRegion.West, 5, -0.05),
        new("Xinjiang", 65, EconomicRegion.West, 2, 0.35),
    ];

    /// <summary>Number of cities in the standard sample (Σ of <see cref="ProvinceInfo.Cities"/> = 285).</summary>
    public const int StandardCityCount = 285;

    /// <summary>
    /// City counts per province for a sample of <paramref name="cities"/> cities, proportional to the standard
    /// 285-city counts by the largest-remainder (Hamilton) method, ties to the earlier province, so that
    /// <c>CitiesPerProvince(285)</c> returns the standard counts exactly.
    /// </summary>
    public static int[] CitiesPerProvince(int cities)
    {
        if (cities < 1)
            throw new SpecificationException($"The number of cities must be at least 1; got {cities}.");
        var counts = new int[All.Count];
        var remainders = new double[All.Count];
        int assigned = 0;
        for (int p = 0; p < All.Count; p++)
        {
            double quota = (double)cities * All[p].Cities / StandardCityCount;
            counts[p] = (int)Math.Floor(quota);
            remainders[p] = quota - counts[p];
            assigned += counts[p];
        }
        var order = Enumerable.Range(0, All.Count).OrderByDescending(p => remainders[p]).ThenBy(p => p).ToArray();
        for (int k = 0; assigned < cities; k++, assigned++)
            counts[order[k % order.Length]]++;
        return counts;
    }
}
