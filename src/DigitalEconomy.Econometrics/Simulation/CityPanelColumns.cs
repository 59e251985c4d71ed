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

    /// <summary>The five DEI indicators (all positive indicators), in index order.</summary>
    public static IReadOnlyList<string> DeiIndicators { get; } = [Internet, Mobile, Telecom, ItEmployment, DigitalFinance];

    /// <summary>The four digital-industry sub-indices: manufacturing, service, application, factor.</summary>
    public static IReadOnlyList<string> Industries { get; } = [DigitalManufacturing, DigitalService, DigitalApplication, DigitalFactor];

    /// <summary>The two mechanism variables: agglomeration, innovation diffusion.</summary>
    public static IReadOnlyList<string> Mediators { get; } = [Agglomeration, Innovation];

    /// <summary>The six controls, in the order baseline tables add them.</summary>
    public static IReadOnlyList<string> Controls { get; } = [Government, Openness, HumanCapital, Finance, IndustrialStructure, Urbanisation];
}
