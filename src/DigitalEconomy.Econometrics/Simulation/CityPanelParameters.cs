namespace DigitalEconomy.Econometrics.Simulation;

/// <summary>
/// The true parameters of the synthetic city panel's data-generating process (see <see cref="CityPanelGenerator"/>
/// and data/README.md). Defaults make the study's qualitative findings (Ye and Wang) true of the data: the DEI widens
/// the gap below the ln GDP per capita threshold and narrows it above; digital product manufacturing and
/// digital-factor-driven industries widen it, digital product service and technology application narrow it;
/// the DEI raises industrial agglomeration, which widens the gap, and raises innovation diffusion, which narrows it.
/// </summary>
/// <remarks>
/// All effects are on <c>gap</c> (log points of distance from the national mean) per unit of the regressor as it
/// appears in the data; the DEI is the pooled entropy-weight index of the five indicators computed by the generator
/// and stored in column <c>dei</c>. The gap equation is
/// gap = α_i + c′(q)·DEI + b_A·agg + b_I·innov + Σ_k δ_k·industry_k + Σ γ_c·control_c + ε, with the direct effect
/// c′(q) = θ(q) − a_A·b_A − a_I·b_I − Σ_k δ_k·κ_k chosen so that the <em>total</em> DEI effect in regime q is θ(q):
/// a threshold regression of gap on DEI by regime and the controls (city effects, with or without year effects)
/// estimates θ₁ = <see cref="DeiEffectBelowThreshold"/> and θ₂ = <see cref="DeiEffectAboveThreshold"/>.
/// </remarks>
public sealed record CityPanelParameters
{
    /// <summary>γ: the threshold in ln GDP per capita (yuan); the upper regime is ln_gdppc ≥ γ (Hansen 1999). Default 10.8 (≈ 49,000 yuan).</summary>
    public double Threshold { get; init; } = 10.8;

    /// <summary>θ₁: total effect of the DEI on the gap when ln_gdppc &lt; γ. Default +0.25 (widening).</summary>
    public double DeiEffectBelowThreshold { get; init; } = 0.25;

    /// <summary>θ₂: total effect of the DEI on the gap when ln_gdppc ≥ γ. Default −0.25 (narrowing).</summary>
    public double DeiEffectAboveThreshold { get; init; } = -0.25;

    /// <summary>a_A: effect of the DEI on industrial agglomeration (location quotient). Default 0.8.</summary>
    public double DeiToAgglomeration { get; init; } = 0.8;

    /// <summary>b_A: effect of industrial agglomeration on the gap. Default +0.08 (widening channel).</summary>
    public double AgglomerationToGap { get; init; } = 0.08;

    /// <summary>a_I: effect of the DEI on innovation diffusion (patents granted per 10,000 people). Default 25.</summary>
    public double DeiToInnovation { get; init; } = 25.0;

    /// <summary>b_I: effect of innovation diffusion on the gap, per patent per 10,000 people. Default −0.004 (narrowing channel).</summary>
    public double InnovationToGap { get; init; } = -0.004;

    /// <summary>δ for digital product manufacturing (sub-index, 0–1). Default +0.20 (widens).</summary>
    public double ManufacturingToGap { get; init; } = 0.20;

    /// <summary>δ for digital product service (sub-index, 0–1). Default −0.20 (narrows).</summary>
    public double ServiceToGap { get; init; } = -0.20;

    /// <summary>δ for digital technology application (sub-index, 0–1). Default −0.15 (narrows).</summary>
    public double ApplicationToGap { get; init; } = -0.15;

    /// <summary>δ for digital factor driven (sub-index, 0–1). Default +0.15 (widens).</summary>
    public double FactorToGap { get; init; } = 0.15;

    /// <summary>κ: loading of each digital-industry sub-index on the DEI, in the order manufacturing, service, application, factor. Default 0.25, 0.6, 0.6, 0.25.</summary>
    public IReadOnlyList<double> IndustryLoadings { get; init; } = [0.25, 0.6, 0.6, 0.25];

    /// <summary>γ_gov: effect of the government spending share of GDP on the gap. Default +0.10.</summary>
    public double GovernmentToGap { get; init; } = 0.10;

    /// <summary>γ_open: effect of openness (actually used FDI / GDP) on the gap. Default −0.50.</summary>
    public double OpennessToGap { get; init; } = -0.50;

    /// <summary>γ_hum: effect of human capital (ln college students per 10,000 people) on the gap. Default −0.010.</summary>
    public double HumanCapitalToGap { get; init; } = -0.010;

    /// <summary>γ_fin: effect of financial development (loans / GDP) on the gap. Default +0.020.</summary>
    public double FinanceToGap { get; init; } = 0.020;

    /// <summary>γ_ind: effect of industrial structure (tertiary share of GDP) on the gap. Default −0.06.</summary>
    public double IndustrialStructureToGap { get; init; } = -0.06;

    /// <summary>γ_urb: effect of the urbanisation rate on the gap. Default −0.08.</summary>
    public double UrbanisationToGap { get; init; } = -0.08;

    /// <summary>σ_ε: standard deviation of the idiosyncratic gap shock (i.i.d. normal). Default 0.045.</summary>
    public double GapNoiseSd { get; init; } = 0.045;

    /// <summary>
    /// σ_ν: standard deviation of the gap between the observed ln GDP per capita and the latent income level that
    /// selects the DEI regime (regime = 1(ln_gdppc + ν ≥ γ), ν ~ N(0, σ_ν²) i.i.d.). Real thresholds are not
    /// knife-edge; a positive value blurs the regime boundary (and attenuates the regime effects an observed-q
    /// threshold model estimates). Default 0: the bundled panel's regime is exactly 1(ln_gdppc ≥ γ).
    /// </summary>
    public double RegimeNoiseSd { get; init; }

    /// <summary>σ_η: standard deviation of the unobserved city-year digital shock η that moves both the DEI (through the latent digital level) and the gap. Default 0.04.</summary>
    public double EndogenousShockSd { get; init; } = 0.04;

    /// <summary>λ: effect of the unobserved shock η on the gap (per unit of the latent digital level); the source of the OLS bias. Default 0.05.</summary>
    public double EndogeneityLoading { get; init; } = 0.05;

    /// <summary>
    /// π: strength of the historical instruments — post offices per 10,000 people in 1984 are
    /// 1.2 + π·(s_i − 0.028) + N(0, 0.25²) (at least 0.2), s_i the city's digitalisation speed; fixed telephones per
    /// 100 people are 0.5 + 0.4·π·(s_i − 0.028) + N(0, 0.12²) (at least 0.05). Default 25.
    /// </summary>
    public double InstrumentStrength { get; init; } = 25.0;

    /// <summary>τ: effect of a Broadband China pilot on the latent digital level per year since adoption: τ·scale_g·(1 + e) for e = year − adoption ≥ 0, zero before. Default 0.012.</summary>
    public double PilotEffectPerYear { get; init; } = 0.012;

    /// <summary>scale_g: batch multipliers of <see cref="PilotEffectPerYear"/> for the 2014, 2015 and 2016 batches (earlier batches gain more, so two-way FE DiD is biased). Default 1.5, 1.0, 0.6.</summary>
    public IReadOnlyList<double> PilotBatchScale { get; init; } = [1.5, 1.0, 0.6];

    /// <summary>ρ: spatial autoregressive coefficient of the gap on its spatial lag W·gap (W: row-standardised k-nearest-neighbour matrix of the city coordinates). Default 0.25.</summary>
    public double SpatialLag { get; init; } = 0.25;

    /// <summary>θ_W: effect of the neighbours' DEI (W·DEI) on a city's gap (a siphon effect when positive). Default 0.10.</summary>
    public double DeiSpillover { get; init; } = 0.10;

    /// <summary>k of the k-nearest-neighbour matrix W of the spatial terms. Default 5.</summary>
    public int SpatialNeighbours { get; init; } = 5;

    /// <summary>Indirect effect through agglomeration, a_A·b_A (default +0.064).</summary>
    public double AgglomerationIndirectEffect => DeiToAgglomeration * AgglomerationToGap;

    /// <summary>Indirect effect through innovation diffusion, a_I·b_I (default −0.100).</summary>
    public double InnovationIndirectEffect => DeiToInnovation * InnovationToGap;

    /// <summary>Σ_k δ_k·κ_k: the part of the total DEI effect carried by the four industry sub-indices (default −0.1225).</summary>
    public double IndustryIndirectEffect =>
        ManufacturingToGap * Loading(0) + ServiceToGap * Loading(1) + ApplicationToGap * Loading(2) + FactorToGap * Loading(3);

    /// <summary>Direct DEI effect c′ in the gap equation below the threshold: θ₁ − a_A·b_A − a_I·b_I − Σδκ.</summary>
    public double DirectEffectBelowThreshold => DeiEffectBelowThreshold - AgglomerationIndirectEffect - InnovationIndirectEffect - IndustryIndirectEffect;

    /// <summary>Direct DEI effect c′ in the gap equation above the threshold: θ₂ − a_A·b_A − a_I·b_I − Σδκ.</summary>
    public double DirectEffectAboveThreshold => DeiEffectAboveThreshold - AgglomerationIndirectEffect - InnovationIndirectEffect - IndustryIndirectEffect;

    /// <summary>The industry effects δ in the order manufacturing, service, application, factor.</summary>
    public IReadOnlyList<double> IndustryEffects => [ManufacturingToGap, ServiceToGap, ApplicationToGap, FactorToGap];

    /// <summary>The control effects γ in the order of <see cref="CityPanelColumns.Controls"/>.</summary>
    public IReadOnlyList<double> ControlEffects =>
        [GovernmentToGap, OpennessToGap, HumanCapitalToGap, FinanceToGap, IndustrialStructureToGap, UrbanisationToGap];

    private double Loading(int k) => IndustryLoadings.Count == 4
        ? IndustryLoadings[k]
        : throw new SpecificationException($"IndustryLoadings needs 4 values (manufacturing, service, application, factor); got {IndustryLoadings.Count}.");
}

/// <summary>Options of <see cref="CityPanelGenerator.Generate(CityPanelOptions?)"/>.</summary>
public sealed record CityPanelOptions
{
    /// <summary>The seed of the bundled data/city_panel.csv.</summary>
    public const long DefaultSeed = 20220609;

    /// <summary>Seed of every random draw; the same seed gives a bit-identical panel. Default <see cref="DefaultSeed"/>.</summary>
    public long Seed { get; init; } = DefaultSeed;

    /// <summary>Number of cities, spread over the 30 provinces in proportion to the 285-city sample. Default 285.</summary>
    public int Cities { get; init; } = ChineseProvinces.StandardCityCount;

    /// <summary>First year. Default 2008.</summary>
    public int FirstYear { get; init; } = 2008;

    /// <summary>Last year (inclusive). Default 2019.</summary>
    public int LastYear { get; init; } = 2019;

    /// <summary>The true parameters. Default <c>new CityPanelParameters()</c>.</summary>
    public CityPanelParameters Parameters { get; init; } = new();

    /// <summary>
    /// Share of the numeric cells left empty at random, as in real yearbook extracts (each cell of every yearbook column
    /// independently, from its own random stream, after the whole panel is generated, so the other values do not change;
    /// coordinates, the pilot cohort, the national series and the 1984 instruments are never blanked).
    /// Default 0: the complete bundled panel.
    /// </summary>
    public double MissingShare { get; init; }
}
