namespace DigitalEconomy.Econometrics.Simulation;

/// <summary>Column names of the synthetic city panel (data/city_panel.csv); data/README.md is the codebook.</summary>
public static class CityPanelColumns
{
    /// <summary>City id, 1..N (entity key).</summary>
    public const string City = "city";
    /// <summary>Year (time key).</summary>
    public const string Year = "year";
    /// <summary>Province name (pinyin).</summary>
    public const string Province = "province";
    /// <summary>Region: East, Central or West.</summary>
    public const string Region = "region";
    /// <summary>GDP per capita, yuan.</summary>
    public const string GdpPerCapita = "gdppc";
    /// <summary>ln GDP per capita: the threshold variable.</summary>
    public const string LnGdpPerCapita = "ln_gdppc";
    /// <summary>Internet (broadband) users per 100 people.</summary>
    public const string Internet = "internet";
    /// <summary>Mobile-phone users per 100 people.</summary>
    public const string Mobile = "mobile";
    /// <summary>Telecommunication business revenue per capita, yuan.</summary>
    public const string Telecom = "telecom";
    /// <summary>Information transmission, software and IT services employment, % of urban employment.</summary>
    public const string ItEmployment = "it_emp";
    /// <summary>Digital inclusive finance index (Peking University scale).</summary>
    public const string DigitalFinance = "dfi";
    /// <summary>Digital economy index: pooled entropy-weight index of the five DEI indicators.</summary>
    public const string Dei = "dei";
    /// <summary>Digital product manufacturing sub-index (0–1).</summary>
    public const string DigitalManufacturing = "dig_manufacturing";
    /// <summary>Digital product service sub-index (0–1).</summary>
    public const string DigitalService = "dig_service";
    /// <summary>Digital technology application sub-index (0–1).</summary>
    public const string DigitalApplication = "dig_application";
    /// <summary>Digital factor driven sub-index (0–1).</summary>
    public const string DigitalFactor = "dig_factor";
    /// <summary>Industrial agglomeration: location quotient of secondary-industry employment (mediator).</summary>
    public const string Agglomeration = "agg";
    /// <summary>Innovation diffusion: patents granted per 10,000 people (mediator).</summary>
    public const string Innovation = "innov";
    /// <summary>Government spending, share of GDP.</summary>
    public const string Government = "gov";
    /// <summary>Openness: actually used FDI, share of GDP.</summary>
    public const string Openness = "open";
    /// <summary>Human capital: ln college students per 10,000 people.</summary>
    public const string HumanCapital = "hum";
    /// <summary>Financial development: year-end loans / GDP.</summary>
    public const string Finance = "fin";
    /// <summary>Industrial structure: tertiary-industry share of GDP.</summary>
    public const string IndustrialStructure = "ind_struct";
    /// <summary>Urbanisation rate: urban share of population.</summary>
    public const string Urbanisation = "urb";
    /// <summary>The outcome: development gap (distance of the city from the national level, log points).</summary>
    public const string Gap = "gap";
    /// <summary>Alternative gap measure in relative-deviation form, exp(gap) − 1, with its own measurement noise.</summary>
    public const string GapRelative = "gap_rel";

    /// <summary>Latitude of the city (degrees north), inside its province's extent.</summary>
    public const string Latitude = "lat";
    /// <summary>Longitude of the city (degrees east), inside its province's extent.</summary>
    public const string Longitude = "lon";
    /// <summary>Post offices per 10,000 people in 1984 (time-invariant historical instrument).</summary>
    public const string Post1984 = "post_1984";
    /// <summary>Fixed telephones per 100 people in 1984 (time-invariant historical instrument).</summary>
    public const string Tel1984 = "tel_1984";
    /// <summary>National internet users in the year (millions; the same for every city).</summary>
    public const string InternetUsers = "internet_users";
    /// <summary>post_1984 × national internet users of the previous year (hundreds of millions): a time-varying instrument.</summary>
    public const string PostXNet = "post_x_net";
    /// <summary>tel_1984 × national internet users of the previous year (hundreds of millions): a time-varying instrument.</summary>
    public const string TelXNet = "tel_x_net";
    /// <summary>Broadband China pilot batch of the city (2014, 2015 or 2016), 0 for cities never selected.</summary>
    public const string PilotYear = "pilot_year";
    /// <summary>1 from the city's pilot year on, else 0.</summary>
    public const string Pilot = "pilot";

    /// <summary>The five DEI indicators (all positive indicators), in index order.</summary>
    public static IReadOnlyList<string> DeiIndicators { get; } = [Internet, Mobile, Telecom, ItEmployment, DigitalFinance];

    /// <summary>The four digital-industry sub-indices: manufacturing, service, application, factor.</summary>
    public static IReadOnlyList<string> Industries { get; } = [DigitalManufacturing, DigitalService, DigitalApplication, DigitalFactor];

    /// <summary>The two mechanism variables: agglomeration, innovation diffusion.</summary>
    public static IReadOnlyList<string> Mediators { get; } = [Agglomeration, Innovation];

    /// <summary>The six controls, in the order baseline tables add them.</summary>
    public static IReadOnlyList<string> Controls { get; } = [Government, Openness, HumanCapital, Finance, IndustrialStructure, Urbanisation];
}
