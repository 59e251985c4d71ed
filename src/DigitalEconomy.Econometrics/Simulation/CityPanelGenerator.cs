using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Indices;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Simulation;

/// <summary>A generated synthetic city panel with what was used to make it.</summary>
/// <param name="Panel">The panel: keys <c>city</c>, <c>year</c>; columns as in <see cref="CityPanelColumns"/>.</param>
/// <param name="Options">The options (seed, size, true parameters) that produced it.</param>
/// <param name="DeiWeights">Entropy weights of the five DEI indicators, in <see cref="CityPanelColumns.DeiIndicators"/> order.</param>
/// <param name="ShareAboveThreshold">Share of city-years with ln_gdppc ≥ γ (the upper regime).</param>
public sealed record SimulatedCityPanel(PanelData Panel, CityPanelOptions Options, IReadOnlyList<double> DeiWeights, double ShareAboveThreshold)
{
    /// <summary>
    /// κ: change of the stored DEI per unit of the latent digital level (Σ_j w_j / range_j of the indicators' latent
    /// images), so a shift Δ of the latent level moves the DEI by κ·Δ (up to the 6-decimal rounding).
    /// </summary>
    public double DeiPerLatentUnit { get; init; }

    /// <summary>The true effect of the Broadband China pilots on the DEI, ATT(g, t) per batch and year (zero before adoption).</summary>
    public IReadOnlyList<PilotEffect> PilotEffects { get; init; } = [];

    /// <summary>Number of pilot cities per batch (2014, 2015, 2016), and never-treated cities last.</summary>
    public IReadOnlyList<int> PilotBatchSizes { get; init; } = [];
}

/// <summary>The true average effect of the pilot policy on the DEI of batch <paramref name="Cohort"/> in <paramref name="Year"/>.</summary>
/// <param name="Cohort">Adoption year of the batch.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="AttDei">ATT(g, t) on the stored DEI: κ·τ·scale_g·(1 + t − g) for t ≥ g, else 0.</param>
public sealed record PilotEffect(int Cohort, int Year, double AttDei);

/// <summary>
/// Seeded generator of the synthetic prefecture-city panel bundled as data/city_panel.csv (docs/methods.md, "The synthetic city panel"): 285 cities in
/// 30 provinces × 2008–2019 by default, with GDP per capita, the five DEI indicators and their entropy-weight index,
/// four digital-industry sub-indices, two mediators, six controls and the development gap. The structural
/// equations (documented in data/README.md and on <see cref="CityPanelParameters"/>) make the findings of Ye and
/// Wang's study true of the data by construction.
/// </summary>
/// <remarks>
/// <para>Design choice on the DEI: the gap equation uses the DEI <em>as the library computes it</em>. The generator
/// first draws the five indicators from a latent digital level, then computes the pooled entropy-weight index exactly
/// as docs/methods.md defines it (min-max normalisation over all city-years, shift 0.0001, weights w_j = d_j / Σ d_j), stores
/// it as <c>dei</c>, and only then draws the industries, mediators and gap from that stored column. Re-computing the
/// index from the CSV therefore reproduces <c>dei</c> (to the 6-decimal rounding), so estimates on it target the
/// parameters directly, not a proxy.</para>
/// <para>Determinism: every component draws from its own <see cref="SeededRandom"/> stream derived from
/// (seed, component), in a fixed order, and every stored value is rounded to a fixed number of decimals, so output is
/// byte-identical for a seed on every run, thread count and .NET version (the only platform-dependent operations are
/// <see cref="Math.Log(double)"/> and <see cref="Math.Exp"/>, whose last-ulp differences vanish in the rounding).</para>
/// <para>Year effects: the gap has no common year shocks, so both the two-way FE baseline and Hansen's one-way
/// threshold model are correctly specified for the total DEI effects.</para>
/// </remarks>
public static class CityPanelGenerator
{
    // Component streams: adding a component later never shifts the draws of the others.
    private const int StreamProvinces = 1, StreamIncomeCity = 2, StreamIncomeShocks = 3, StreamDigitalCity = 4,
        StreamDigitalShocks = 5, StreamIndicators = 6, StreamIndustries = 7, StreamMediators = 8, StreamControls = 9,
        StreamGap = 10, StreamCoordinates = 11, StreamPilots = 12, StreamEndogenousShock = 13, StreamInstruments = 14,
        StreamRegimeNoise = 15, StreamMissing = 16;

    /// <summary>Design columns that a yearbook extract does not lose: coordinates, the policy cohort, the national series and the 1984 instruments.</summary>
    private static readonly HashSet<string> NeverMissing =
    [
        CityPanelColumns.Latitude, CityPanelColumns.Longitude, CityPanelColumns.PilotYear, CityPanelColumns.Pilot,
        CityPanelColumns.InternetUsers, CityPanelColumns.Post1984, CityPanelColumns.Tel1984,
    ];

    /// <summary>The adoption years of the three Broadband China batches.</summary>
    public static IReadOnlyList<int> PilotBatches { get; } = [2014, 2015, 2016];

    /// <summary>Shift added to min-max normalised indicators before the entropy step (docs/methods.md, "Entropy weights").</summary>
    public const double EntropyShift = 0.0001;

    /// <summary>Generates the panel for <paramref name="options"/> (defaults: the bundled data set).</summary>
    /// <exception cref="SpecificationException">Fewer than 1 city, fewer than 2 years, or invalid parameters.</exception>
    public static SimulatedCityPanel Generate(CityPanelOptions? options = null)
    {
        options ??= new CityPanelOptions();
        var p = options.Parameters ?? throw new SpecificationException("CityPanelOptions.Parameters must not be null.");
        int n = options.Cities;
        int T = options.LastYear - options.FirstYear + 1;
        if (n < 1) throw new SpecificationException($"The number of cities must be at least 1; got {n}.");
        if (T < 2) throw new SpecificationException($"The panel needs at least 2 years; got {options.FirstYear}–{options.LastYear}.");
        if (T > 200) throw new SpecificationException($"The panel may span at most 200 years; got {T}.");
        if (!(p.GapNoiseSd >= 0) || double.IsInfinity(p.GapNoiseSd))
            throw new SpecificationException($"GapNoiseSd must be a non-negative number; got {p.GapNoiseSd}.");
        _ = p.IndustryIndirectEffect; // validates IndustryLoadings
        if (!(options.MissingShare >= 0 && options.MissingShare < 1))
            throw new SpecificationException($"MissingShare must lie in [0, 1); got {options.MissingShare}.");
        if (p.PilotBatchScale is not { Count: 3 })
            throw new SpecificationException($"PilotBatchScale needs 3 values (the 2014, 2015 and 2016 batches); got {p.PilotBatchScale?.Count ?? 0}.");
        if (p.SpatialNeighbours < 1) throw new SpecificationException($"SpatialNeighbours must be at least 1; got {p.SpatialNeighbours}.");
        foreach (var (name, value) in new[] { ("RegimeNoiseSd", p.RegimeNoiseSd), ("EndogenousShockSd", p.EndogenousShockSd) })
            if (!(value >= 0) || double.IsInfinity(value)) throw new SpecificationException($"{name} must be a non-negative number; got {value}.");

        ulong seed = unchecked((ulong)options.Seed);
        var layout = new Layout(n, T, options.FirstYear);
        var cities = AssignCities(n);
        var income = DrawIncome(layout, cities, seed);
        var (lat, lon) = DrawCoordinates(cities, seed);
        var pilotYear = DrawPilots(layout, cities, seed);
        var digital = DrawLatentDigital(layout, income, pilotYear, p, seed);
        var (indicators, latentRanges) = DrawIndicators(layout, digital.Level, seed);
        var (dei, weights) = EntropyIndex(indicators);
        var industries = DrawIndustries(layout, cities, dei, p, seed);
        var (agg, innov) = DrawMediators(layout, cities, income, dei, p, seed);
        var controls = DrawControls(layout, cities, income, seed);
        var neighbours = NearestNeighbours(lat, lon, Math.Min(p.SpatialNeighbours, n - 1));
        var (gap, gapRel, above) = DrawGap(layout, income, dei, industries, agg, innov, controls, digital.Shock, neighbours, p, seed);
        var instruments = DrawInstruments(layout, digital.Speed, p, seed);
        double kappa = 0;
        for (int j = 0; j < weights.Length; j++) kappa += weights[j] / latentRanges[j];

        var numeric = new List<KeyValuePair<string, double[]>>
        {
            new(CityPanelColumns.GdpPerCapita, income.GdpPerCapita),
            new(CityPanelColumns.LnGdpPerCapita, income.LnGdpPerCapita),
        };
        for (int j = 0; j < indicators.Length; j++)
            numeric.Add(new(CityPanelColumns.DeiIndicators[j], indicators[j]));
        numeric.Add(new(CityPanelColumns.Dei, dei));
        for (int k = 0; k < industries.Length; k++)
            numeric.Add(new(CityPanelColumns.Industries[k], industries[k]));
        numeric.Add(new(CityPanelColumns.Agglomeration, agg));
        numeric.Add(new(CityPanelColumns.Innovation, innov));
        for (int c = 0; c < controls.Length; c++)
            numeric.Add(new(CityPanelColumns.Controls[c], controls[c]));
        numeric.Add(new(CityPanelColumns.Gap, gap));
        numeric.Add(new(CityPanelColumns.GapRelative, gapRel));
        var pilotColumn = new double[layout.Rows];
        var pilotYearColumn = new double[layout.Rows];
        var latColumn = new double[layout.Rows];
        var lonColumn = new double[layout.Rows];
        for (int i = 0; i < n; i++)
            for (int t = 0; t < T; t++)
            {
                int r = layout.Row(i, t);
                pilotYearColumn[r] = pilotYear[i];
                pilotColumn[r] = pilotYear[i] > 0 && options.FirstYear + t >= pilotYear[i] ? 1 : 0;
                latColumn[r] = lat[i];
                lonColumn[r] = lon[i];
            }
        numeric.Add(new(CityPanelColumns.Latitude, latColumn));
        numeric.Add(new(CityPanelColumns.Longitude, lonColumn));
        numeric.Add(new(CityPanelColumns.Post1984, instruments.Post));
        numeric.Add(new(CityPanelColumns.Tel1984, instruments.Tel));
        numeric.Add(new(CityPanelColumns.InternetUsers, instruments.InternetUsers));
        numeric.Add(new(CityPanelColumns.PostXNet, instruments.PostXNet));
        numeric.Add(new(CityPanelColumns.TelXNet, instruments.TelXNet));
        numeric.Add(new(CityPanelColumns.PilotYear, pilotYearColumn));
        numeric.Add(new(CityPanelColumns.Pilot, pilotColumn));

        if (options.MissingShare > 0)
        {
            var missingRng = SeededRandom.ForStream(seed, StreamMissing);
            numeric = numeric.Select(kv =>
            {
                if (NeverMissing.Contains(kv.Key)) return kv;
                var copy = (double[])kv.Value.Clone();
                for (int r = 0; r < copy.Length; r++)
                    if (missingRng.NextDouble() < options.MissingShare) copy[r] = double.NaN;
                return new KeyValuePair<string, double[]>(kv.Key, copy);
            }).ToList();
        }

        var rows = n * T;
        var ids = new int[rows];
        var years = new int[rows];
        var provinceCodes = new int[rows];
        var regionCodes = new int[rows];
        for (int i = 0; i < n; i++)
            for (int t = 0; t < T; t++)
            {
                int r = layout.Row(i, t);
                ids[r] = i + 1;
                years[r] = options.FirstYear + t;
                provinceCodes[r] = cities[i].ProvinceIndex;
                regionCodes[r] = (int)cities[i].Region;
            }
        var categorical = new List<KeyValuePair<string, Factor>>
        {
            new(CityPanelColumns.Province, Factor.FromCodes(provinceCodes, ChineseProvinces.All.Select(pr => pr.Name).ToArray())),
            new(CityPanelColumns.Region, Factor.FromCodes(regionCodes, Enum.GetNames<EconomicRegion>())),
        };
        var panel = PanelData.Create(CityPanelColumns.City, ids, CityPanelColumns.Year, years, numeric, categorical);
        var effects = new List<PilotEffect>();
        for (int b = 0; b < PilotBatches.Count; b++)
            for (int t = 0; t < T; t++)
            {
                int year = options.FirstYear + t;
                effects.Add(new PilotEffect(PilotBatches[b], year, kappa * PilotShift(p, b, year - PilotBatches[b])));
            }
        var batchSizes = PilotBatches.Select(g => pilotYear.Count(y => y == g)).Append(pilotYear.Count(y => y == 0)).ToArray();
        return new SimulatedCityPanel(panel, options, weights, (double)above / rows)
        {
            DeiPerLatentUnit = kappa,
            PilotEffects = effects,
            PilotBatchSizes = batchSizes,
        };
    }

    private readonly record struct Layout(int Cities, int Years, int FirstYear)
    {
        public int Rows => Cities * Years;
        public int Row(int city, int t) => city * Years + t;
    }

    private readonly record struct CityInfo(int ProvinceIndex, EconomicRegion Region);

    private static CityInfo[] AssignCities(int n)
    {
        var counts = ChineseProvinces.CitiesPerProvince(n);
        var cities = new CityInfo[n];
        int i = 0;
        for (int pIndex = 0; pIndex < counts.Length; pIndex++)
            for (int k = 0; k < counts[pIndex]; k++)
                cities[i++] = new CityInfo(pIndex, ChineseProvinces.All[pIndex].Region);
        return cities;
    }

    private sealed record Income(double[] GdpPerCapita, double[] LnGdpPerCapita, double[] Centered2008, double[] InitialDistance);

    /// <summary>
    /// ln y_it = base_region + offset_province + u_p + a_i + Σ_{s≤t} (g_s + g_region + g_i) + e_it, with g_s the
    /// national growth rate (9% in 2009 falling 0.3 points a year), catch-up growth in the Centre and West,
    /// convergence g_i = −0.04·a_i + N(0, 0.005²), and AR(1) shocks e (ρ = 0.6, σ = 0.025).
    /// </summary>
    private static Income DrawIncome(Layout layout, CityInfo[] cities, ulong seed)
    {
        var provRng = SeededRandom.ForStream(seed, StreamProvinces);
        var provinceShock = new double[ChineseProvinces.All.Count];
        for (int k = 0; k < provinceShock.Length; k++) provinceShock[k] = provRng.NextGaussian(0, 0.06);

        var cityRng = SeededRandom.ForStream(seed, StreamIncomeCity);
        var shockRng = SeededRandom.ForStream(seed, StreamIncomeShocks);
        var gdp = new double[layout.Rows];
        var ln = new double[layout.Rows];
        var level0 = new double[layout.Cities];
        for (int i = 0; i < layout.Cities; i++)
        {
            var city = cities[i];
            double a = cityRng.NextGaussian(0, 0.30);
            double gi = -0.04 * a + cityRng.NextGaussian(0, 0.005);
            level0[i] = RegionBaseIncome(city.Region) + ChineseProvinces.All[city.ProvinceIndex].IncomeOffset + provinceShock[city.ProvinceIndex] + a;
            double cumulative = 0, e = shockRng.NextGaussian(0, 0.025 / Math.Sqrt(1 - 0.36));
            for (int t = 0; t < layout.Years; t++)
            {
                if (t > 0)
                {
                    int year = layout.FirstYear + t;
                    cumulative += Math.Max(0.03, 0.09 - 0.003 * (year - 2009)) + RegionGrowth(city.Region) + gi;
                    e = 0.6 * e + shockRng.NextGaussian(0, 0.025);
                }
                int r = layout.Row(i, t);
                gdp[r] = Math.Round(Math.Exp(level0[i] + cumulative + e));
                ln[r] = Math.Round(Math.Log(gdp[r]), 6);
            }
        }
        // Initial distance from the national level (log of the mean), which anchors each city's gap level.
        double mean0 = 0;
        foreach (var l in level0) mean0 += Math.Exp(l);
        double logMean0 = Math.Log(mean0 / layout.Cities);
        var centered = new double[layout.Cities];
        var distance = new double[layout.Cities];
        for (int i = 0; i < layout.Cities; i++)
        {
            centered[i] = level0[i] - 10.2;
            distance[i] = Math.Abs(level0[i] - logMean0);
        }
        return new Income(gdp, ln, centered, distance);
    }

    private static double RegionBaseIncome(EconomicRegion region) => region switch
    {
        EconomicRegion.East => 10.45,
        EconomicRegion.Central => 9.95,
        _ => 9.85,
    };

    private static double RegionGrowth(EconomicRegion region) => region switch
    {
        EconomicRegion.East => 0.0,
        EconomicRegion.Central => 0.006,
        _ => 0.008,
    };

    private sealed record LatentDigital(double[] Level, double[] Speed, double[] Shock);

    /// <summary>
    /// Latent digital level D_it = d_i + s_i·t + w_it + η_it + P_it: richer cities start higher
    /// (d_i = 0.06 + 0.10·c_i + N(0, 0.03²)) and digitalise faster (s_i = max(0.004, 0.028 + 0.012·c_i + N(0, 0.015²))),
    /// c_i = ln y_i,2008 − 10.2; w is AR(1) with ρ = 0.5, σ = 0.03; η ~ N(0, σ_η²) i.i.d. is the unobserved shock that
    /// also enters the gap; P_it is the pilot effect τ·scale_g·(1 + t − g) from the adoption year g on.
    /// </summary>
    private static LatentDigital DrawLatentDigital(Layout layout, Income income, int[] pilotYear, CityPanelParameters p, ulong seed)
    {
        var cityRng = SeededRandom.ForStream(seed, StreamDigitalCity);
        var shockRng = SeededRandom.ForStream(seed, StreamDigitalShocks);
        var etaRng = SeededRandom.ForStream(seed, StreamEndogenousShock);
        var d = new double[layout.Rows];
        var speed = new double[layout.Cities];
        var eta = new double[layout.Rows];
        for (int i = 0; i < layout.Cities; i++)
        {
            double c = income.Centered2008[i];
            double level = 0.06 + 0.10 * c + cityRng.NextGaussian(0, 0.03);
            double slope = Math.Max(0.004, 0.028 + 0.012 * c + cityRng.NextGaussian(0, 0.015));
            speed[i] = slope;
            double w = shockRng.NextGaussian(0, 0.03 / Math.Sqrt(1 - 0.25));
            int batch = PilotBatchIndex(pilotYear[i]);
            for (int t = 0; t < layout.Years; t++)
            {
                if (t > 0) w = 0.5 * w + shockRng.NextGaussian(0, 0.03);
                int r = layout.Row(i, t);
                eta[r] = etaRng.NextGaussian(0, p.EndogenousShockSd);
                double policy = batch < 0 ? 0 : PilotShift(p, batch, layout.FirstYear + t - pilotYear[i]);
                d[r] = level + slope * t + w + eta[r] + policy;
            }
        }
        return new LatentDigital(d, speed, eta);
    }

    private static int PilotBatchIndex(int year)
    {
        for (int b = 0; b < PilotBatches.Count; b++)
            if (PilotBatches[b] == year) return b;
        return -1;
    }

    /// <summary>τ·scale_b·(1 + e) for event time e ≥ 0, else 0.</summary>
    private static double PilotShift(CityPanelParameters p, int batch, int eventTime) =>
        eventTime < 0 ? 0 : p.PilotEffectPerYear * p.PilotBatchScale[batch] * (1 + eventTime);

    /// <summary>
    /// City coordinates: uniform inside the province's bounding box (<see cref="ProvinceExtents"/>), rounded to 4 decimals.
    /// </summary>
    private static (double[] Lat, double[] Lon) DrawCoordinates(CityInfo[] cities, ulong seed)
    {
        var rng = SeededRandom.ForStream(seed, StreamCoordinates);
        var lat = new double[cities.Length];
        var lon = new double[cities.Length];
        for (int i = 0; i < cities.Length; i++)
        {
            var box = ProvinceExtents.All[cities[i].ProvinceIndex];
            lat[i] = Math.Round(rng.NextUniform(box.LatitudeMin, box.LatitudeMax), 4);
            lon[i] = Math.Round(rng.NextUniform(box.LongitudeMin, box.LongitudeMax), 4);
        }
        return (lat, lon);
    }

    /// <summary>
    /// Broadband China pilots: city i is selected with probability logistic(−0.9 + 1.0·East) (more of them in the richer
    /// East), then assigned to the 2014, 2015 or 2016 batch with equal probability. Selection does not depend on a
    /// city's own income within its region, so the DEI trends of pilot and other cities differ only through the
    /// regional composition (Eastern cities digitalise slightly faster).
    /// Returns the adoption year per city (0 = never).
    /// </summary>
    private static int[] DrawPilots(Layout layout, CityInfo[] cities, ulong seed)
    {
        var rng = SeededRandom.ForStream(seed, StreamPilots);
        var year = new int[layout.Cities];
        for (int i = 0; i < layout.Cities; i++)
        {
            double score = -0.9 + (cities[i].Region == EconomicRegion.East ? 1.0 : 0.0);
            bool selected = rng.NextDouble() < Logistic(score);
            int batch = rng.NextInt(PilotBatches.Count);
            int adoption = PilotBatches[batch];
            // A batch outside the simulated years leaves the city untreated within the panel.
            year[i] = selected && adoption > layout.FirstYear && adoption <= layout.FirstYear + layout.Years - 1 ? adoption : 0;
        }
        return year;
    }

    private sealed record Instruments(double[] Post, double[] Tel, double[] InternetUsers, double[] PostXNet, double[] TelXNet);

    /// <summary>
    /// National internet users N_t = 1000 / (1 + exp(−0.3·(t − 2011))) million (a logistic path close to the
    /// official series); post_1984 and tel_1984 load on the city's digitalisation speed s_i (see
    /// <see cref="CityPanelParameters.InstrumentStrength"/>) and are independent of the shocks η and ε, so
    /// post_1984 × N_{t−1} and tel_1984 × N_{t−1} are relevant and excluded instruments for the DEI.
    /// </summary>
    private static Instruments DrawInstruments(Layout layout, double[] speed, CityPanelParameters p, ulong seed)
    {
        var rng = SeededRandom.ForStream(seed, StreamInstruments);
        var post = new double[layout.Rows];
        var tel = new double[layout.Rows];
        var users = new double[layout.Rows];
        var postX = new double[layout.Rows];
        var telX = new double[layout.Rows];
        static double Users(int year) => 1000.0 / (1.0 + Math.Exp(-0.3 * (year - 2011)));
        for (int i = 0; i < layout.Cities; i++)
        {
            double pi = Math.Round(Math.Max(0.2, 1.2 + p.InstrumentStrength * (speed[i] - 0.028) + rng.NextGaussian(0, 0.25)), 3);
            double ti = Math.Round(Math.Max(0.05, 0.5 + 0.4 * p.InstrumentStrength * (speed[i] - 0.028) + rng.NextGaussian(0, 0.12)), 3);
            for (int t = 0; t < layout.Years; t++)
            {
                int r = layout.Row(i, t);
                int year = layout.FirstYear + t;
                post[r] = pi;
                tel[r] = ti;
                users[r] = Math.Round(Users(year), 1);
                double lagged = Math.Round(Users(year - 1), 1) / 100.0;
                postX[r] = Math.Round(pi * lagged, 6);
                telX[r] = Math.Round(ti * lagged, 6);
            }
        }
        return new Instruments(post, tel, users, postX, telX);
    }

    /// <summary>
    /// The k nearest neighbours of every city by great-circle distance (haversine, Earth radius 6371 km), ties broken
    /// by index; each neighbour gets weight 1/k (a row-standardised k-nearest-neighbour matrix).
    /// </summary>
    private static int[][] NearestNeighbours(double[] lat, double[] lon, int k)
    {
        int n = lat.Length;
        var result = new int[n][];
        var distance = new double[n];
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                distance[j] = j == i ? double.PositiveInfinity : Haversine(lat[i], lon[i], lat[j], lon[j]);
                order[j] = j;
            }
            Array.Sort((double[])distance.Clone(), order);
            result[i] = order.Take(k).ToArray();
        }
        return result;
    }

    private static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double rad = Math.PI / 180;
        double dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad;
        double h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(lat1 * rad) * Math.Cos(lat2 * rad) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * 6371.0 * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>One DEI indicator: its realistic range (lo–hi over the pooled sample), decimals kept, and own time trend.</summary>
    private readonly record struct IndicatorSpec(double Low, double High, int Decimals, double Trend);

    // internet users /100, mobile users /100, telecom revenue per capita (yuan), IT employment share (%), digital finance index.
    private static readonly IndicatorSpec[] IndicatorSpecs =
    [
        new(1.5, 65, 2, 0.10),
        new(25, 230, 2, 0.05),
        new(120, 4800, 1, 0.0),
        new(0.15, 4.8, 3, 0.0),
        new(18, 330, 2, 0.25),
    ];

    /// <summary>
    /// z_jit = D_it + τ_j·t/(T−1) + v_ij + u_jit (v ~ N(0, 0.02²) city offset, u ~ N(0, 0.02²)), mapped linearly so its
    /// pooled range is exactly [lo_j, hi_j], then rounded: each indicator is a noisy monotone image of the latent level.
    /// </summary>
    private static (double[][] Indicators, double[] LatentRanges) DrawIndicators(Layout layout, double[] latent, ulong seed)
    {
        var rng = SeededRandom.ForStream(seed, StreamIndicators);
        var result = new double[IndicatorSpecs.Length][];
        var ranges = new double[IndicatorSpecs.Length];
        for (int j = 0; j < IndicatorSpecs.Length; j++)
        {
            var spec = IndicatorSpecs[j];
            var z = new double[layout.Rows];
            for (int i = 0; i < layout.Cities; i++)
            {
                double offset = rng.NextGaussian(0, 0.02);
                for (int t = 0; t < layout.Years; t++)
                {
                    int r = layout.Row(i, t);
                    z[r] = latent[r] + spec.Trend * t / (layout.Years - 1) + offset + rng.NextGaussian(0, 0.02);
                }
            }
            double min = z.Min(), max = z.Max();
            double range = max > min ? max - min : 1.0;
            ranges[j] = range;
            var x = new double[layout.Rows];
            for (int r = 0; r < x.Length; r++)
                x[r] = Math.Round(spec.Low + (spec.High - spec.Low) * (z[r] - min) / range, spec.Decimals);
            result[j] = x;
        }
        return (result, ranges);
    }

    /// <summary>
    /// Pooled entropy-weight index of the positive DEI indicators (docs/methods.md), computed by the library's
    /// <see cref="EntropyWeightMethod"/> with shift <see cref="EntropyShift"/>: x′ = (x − min)/(max − min) + 0.0001;
    /// p = x′/Σx′; e_j = −Σ p ln p / ln n; w_j = (1 − e_j)/Σ(1 − e_k); score = Σ w_j x′_j, stored rounded to 6
    /// decimals (so last-bit differences between SIMD widths cannot reach the file in practice).
    /// </summary>
    private static (double[] Index, double[] Weights) EntropyIndex(double[][] indicators)
    {
        var result = EntropyWeightMethod.Compute(ColumnMajorMatrix.FromColumns(indicators),
            CityPanelColumns.DeiIndicators.Select(Indicator.Positive).ToList(),
            new EntropyWeightOptions { Shift = EntropyShift });
        var index = result.ScoresArray();
        for (int r = 0; r < index.Length; r++) index[r] = Math.Round(index[r], 6);
        return (index, result.Weights.ToArray());
    }

    /// <summary>
    /// Industry sub-index k: base_k + region_k + ι_ik + κ_k·DEI_it + ξ_kit, ι ~ N(0, 0.04²), ξ AR(1) (ρ = 0.5,
    /// σ = 0.05) independent of everything else, clipped to [0.001, 1] and rounded to 6 decimals.
    /// </summary>
    private static double[][] DrawIndustries(Layout layout, CityInfo[] cities, double[] dei, CityPanelParameters p, ulong seed)
    {
        var rng = SeededRandom.ForStream(seed, StreamIndustries);
        double[] baseLevel = [0.20, 0.16, 0.15, 0.18];
        // Digital manufacturing clusters on the coast; the others differ less by region.
        double[,] regionShift = { { 0.08, 0.03, 0.03, 0.03 }, { 0.02, 0.0, 0.0, 0.0 }, { 0.0, 0.0, 0.01, 0.01 } };
        var result = new double[4][];
        for (int k = 0; k < 4; k++)
        {
            var x = new double[layout.Rows];
            for (int i = 0; i < layout.Cities; i++)
            {
                double level = baseLevel[k] + regionShift[(int)cities[i].Region, k] + rng.NextGaussian(0, 0.04);
                double xi = rng.NextGaussian(0, 0.05 / Math.Sqrt(1 - 0.25));
                for (int t = 0; t < layout.Years; t++)
                {
                    if (t > 0) xi = 0.5 * xi + rng.NextGaussian(0, 0.05);
                    int r = layout.Row(i, t);
                    x[r] = Math.Round(Math.Clamp(level + p.IndustryLoadings[k] * dei[r] + xi, 0.001, 1.0), 6);
                }
            }
            result[k] = x;
        }
        return result;
    }

    /// <summary>
    /// agg = μ_A,i + a_A·DEI + u_A (μ_A by region + N(0, 0.2²); u_A AR(1), ρ = 0.5, σ = 0.05), at least 0.05;
    /// innov = (μ_I,i + a_I·DEI)·exp(v − σ_v²/2) with μ_I = max(0.5, 1.5 + 3.5·c_i + N(0, 1)) and v AR(1) (ρ = 0.5,
    /// σ = 0.2, stationary σ_v): mean-one multiplicative noise keeps patents positive and right-skewed while
    /// E[innov | DEI] stays linear with slope a_I. Neither mediator has common year shocks, so they add no year
    /// effects to the gap.
    /// </summary>
    private static (double[] Agg, double[] Innov) DrawMediators(Layout layout, CityInfo[] cities, Income income, double[] dei, CityPanelParameters p, ulong seed)
    {
        const double innovSd = 0.2;
        double stationarySd = innovSd / Math.Sqrt(1 - 0.25);
        var rng = SeededRandom.ForStream(seed, StreamMediators);
        var agg = new double[layout.Rows];
        var innov = new double[layout.Rows];
        for (int i = 0; i < layout.Cities; i++)
        {
            double regionLevel = cities[i].Region switch { EconomicRegion.East => 1.05, EconomicRegion.Central => 0.90, _ => 0.80 };
            double muA = regionLevel + rng.NextGaussian(0, 0.2);
            double muI = Math.Max(0.5, 1.5 + 3.5 * income.Centered2008[i] + rng.NextGaussian(0, 1.0));
            double uA = rng.NextGaussian(0, 0.05 / Math.Sqrt(1 - 0.25));
            double v = rng.NextGaussian(0, stationarySd);
            for (int t = 0; t < layout.Years; t++)
            {
                if (t > 0)
                {
                    uA = 0.5 * uA + rng.NextGaussian(0, 0.05);
                    v = 0.5 * v + rng.NextGaussian(0, innovSd);
                }
                int r = layout.Row(i, t);
                agg[r] = Math.Round(Math.Max(0.05, muA + p.DeiToAgglomeration * dei[r] + uA), 4);
                innov[r] = Math.Round((muI + p.DeiToInnovation * dei[r]) * Math.Exp(v - 0.5 * stationarySd * stationarySd), 3);
            }
        }
        return (agg, innov);
    }

    /// <summary>
    /// Controls with city levels tied to income c_i and region, smooth trends and small year-to-year noise, on scales
    /// that keep them inside their natural ranges without clipping (log-normal shares, logistic rates):
    /// gov = exp(ln g_i + 0.01·t + N(0, 0.04²)), open = exp(ln o_i − 0.06·t + N(0, 0.12²)),
    /// hum = h_i + 0.02·t + N(0, 0.05²), fin = exp(ln f_i + 0.035·t + N(0, 0.04²)),
    /// ind_struct = logistic(logit s_i + 0.04·t + N(0, 0.04²)), urb = logistic(logit u_i + 0.05·t + N(0, 0.04²)).
    /// They are correlated with the DEI through income, which is why tables add them.
    /// </summary>
    private static double[][] DrawControls(Layout layout, CityInfo[] cities, Income income, ulong seed)
    {
        var rng = SeededRandom.ForStream(seed, StreamControls);
        var gov = new double[layout.Rows];
        var open = new double[layout.Rows];
        var hum = new double[layout.Rows];
        var fin = new double[layout.Rows];
        var ind = new double[layout.Rows];
        var urb = new double[layout.Rows];
        for (int i = 0; i < layout.Cities; i++)
        {
            var region = cities[i].Region;
            double c = income.Centered2008[i];
            double lnGov = Math.Log(0.14) + (region == EconomicRegion.West ? 0.35 : region == EconomicRegion.Central ? 0.12 : 0.0) - 0.2 * c + rng.NextGaussian(0, 0.2);
            double lnOpen = Math.Log(0.018) + (region == EconomicRegion.East ? 0.6 : 0.0) + 0.4 * c + rng.NextGaussian(0, 0.6);
            double hum0 = 4.6 + 0.5 * c + rng.NextGaussian(0, 0.6);
            double lnFin = Math.Log(0.85) + (region == EconomicRegion.East ? 0.2 : 0.0) + 0.15 * c + rng.NextGaussian(0, 0.22);
            double logitInd = Logit(0.36) + 0.2 * c + rng.NextGaussian(0, 0.2);
            double logitUrb = Logit(0.45) + 0.5 * c + rng.NextGaussian(0, 0.3);
            for (int t = 0; t < layout.Years; t++)
            {
                int r = layout.Row(i, t);
                gov[r] = Math.Round(Math.Exp(lnGov + 0.01 * t + rng.NextGaussian(0, 0.04)), 4);
                open[r] = Math.Round(Math.Exp(lnOpen - 0.06 * t + rng.NextGaussian(0, 0.12)), 5);
                hum[r] = Math.Round(hum0 + 0.02 * t + rng.NextGaussian(0, 0.05), 4);
                fin[r] = Math.Round(Math.Exp(lnFin + 0.035 * t + rng.NextGaussian(0, 0.04)), 4);
                ind[r] = Math.Round(Logistic(logitInd + 0.04 * t + rng.NextGaussian(0, 0.04)), 4);
                urb[r] = Math.Round(Logistic(logitUrb + 0.05 * t + rng.NextGaussian(0, 0.04)), 4);
            }
        }
        return [gov, open, hum, fin, ind, urb];
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double Logistic(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>
    /// gap_t = α + (I − ρW)⁻¹ u_t per year, with
    /// u_it = c′(regime_it)·DEI + b_A·agg + b_I·innov + Σ δ_k·industry_k + Σ γ_c·control_c + θ_W·(W·DEI)_it + λ·η_it − m + ε_it,
    /// regime_it = 1(ln_gdppc_it + ν_it ≥ γ), ν ~ N(0, σ_ν²); α_i = 0.34 + 0.9·|ln y_i,2008 − ln ȳ_2008| + N(0, 0.03²);
    /// c′ the regime's direct effect (see <see cref="CityPanelParameters"/>), m the pooled mean of the systematic part
    /// (so gap keeps the level of α), ε ~ N(0, σ_ε²) i.i.d., W the row-standardised k-nearest-neighbour matrix. This is a
    /// spatial Durbin model with city fixed effects α* = (I − ρW)α. gap_rel = exp(gap) − 1 + N(0, 0.01²).
    /// </summary>
    private static (double[] Gap, double[] GapRelative, int Above) DrawGap(Layout layout, Income income, double[] dei, double[][] industries,
        double[] agg, double[] innov, double[][] controls, double[] shock, int[][] neighbours, CityPanelParameters p, ulong seed)
    {
        var rng = SeededRandom.ForStream(seed, StreamGap);
        var regimeRng = SeededRandom.ForStream(seed, StreamRegimeNoise);
        var delta = p.IndustryEffects;
        var gamma = p.ControlEffects;
        var systematic = new double[layout.Rows];
        int above = 0;
        for (int r = 0; r < layout.Rows; r++)
        {
            bool upper = income.LnGdpPerCapita[r] + regimeRng.NextGaussian(0, p.RegimeNoiseSd) >= p.Threshold;
            if (upper) above++;
            double s = (upper ? p.DirectEffectAboveThreshold : p.DirectEffectBelowThreshold) * dei[r]
                + p.AgglomerationToGap * agg[r] + p.InnovationToGap * innov[r] + p.EndogeneityLoading * shock[r];
            for (int k = 0; k < industries.Length; k++) s += delta[k] * industries[k][r];
            for (int c = 0; c < controls.Length; c++) s += gamma[c] * controls[c][r];
            systematic[r] = s;
        }
        for (int i = 0; i < layout.Cities; i++)
            for (int t = 0; t < layout.Years; t++)
            {
                double lag = 0;
                foreach (int j in neighbours[i]) lag += dei[layout.Row(j, t)];
                systematic[layout.Row(i, t)] += p.DeiSpillover * lag / neighbours[i].Length;
            }
        double centre = SumInOrder(systematic) / systematic.Length;
        var alpha = new double[layout.Cities];
        var u = new double[layout.Rows];
        var relNoise = new double[layout.Rows];
        for (int i = 0; i < layout.Cities; i++)
        {
            alpha[i] = 0.34 + 0.9 * income.InitialDistance[i] + rng.NextGaussian(0, 0.03);
            for (int t = 0; t < layout.Years; t++)
            {
                int r = layout.Row(i, t);
                u[r] = systematic[r] - centre + rng.NextGaussian(0, p.GapNoiseSd);
                relNoise[r] = rng.NextGaussian(0, 0.01);
            }
        }
        var filtered = SpatialFilter(layout, u, neighbours, p.SpatialLag);
        var gap = new double[layout.Rows];
        var rel = new double[layout.Rows];
        for (int i = 0; i < layout.Cities; i++)
            for (int t = 0; t < layout.Years; t++)
            {
                int r = layout.Row(i, t);
                gap[r] = Math.Round(alpha[i] + filtered[r], 6);
                rel[r] = Math.Round(Math.Exp(gap[r]) - 1 + relNoise[r], 6);
            }
        return (gap, rel, above);
    }

    /// <summary>
    /// Solves g = u + ρ·W·g year by year by fixed-point iteration (a contraction for |ρ| &lt; 1 and a row-standardised
    /// W), to machine precision; a fixed number of sweeps in a fixed order keeps the result identical on every run.
    /// </summary>
    private static double[] SpatialFilter(Layout layout, double[] u, int[][] neighbours, double rho)
    {
        if (!(Math.Abs(rho) < 1)) throw new SpecificationException($"SpatialLag must lie in (−1, 1); got {rho}.");
        var g = (double[])u.Clone();
        if (rho == 0) return g;
        var next = new double[g.Length];
        int sweeps = (int)Math.Ceiling(Math.Log(1e-18) / Math.Log(Math.Abs(rho))) + 1;
        for (int s = 0; s < sweeps; s++)
        {
            for (int i = 0; i < layout.Cities; i++)
                for (int t = 0; t < layout.Years; t++)
                {
                    double lag = 0;
                    foreach (int j in neighbours[i]) lag += g[layout.Row(j, t)];
                    next[layout.Row(i, t)] = u[layout.Row(i, t)] + rho * lag / neighbours[i].Length;
                }
            (g, next) = (next, g);
        }
        return g;
    }

    /// <summary>
    /// Left-to-right summation. LINQ's Sum/Average may be vectorised differently across runtimes and CPUs, which
    /// changes floating-point rounding; a fixed order keeps the generated file byte-identical everywhere.
    /// </summary>
    private static double SumInOrder(double[] values)
    {
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum;
    }
}
