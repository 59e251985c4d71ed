using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Indices;

namespace DigitalEconomy.Cli.Replication;

/// <summary>
/// The study's variable names for the run in progress: the roles of the study file given with
/// <c>replicate --study</c>, or of the bundled panel (data/study.toml, <see cref="StudyDefinition.Bundled"/>).
/// The chapters read their columns from here, so a user's panel with other column names runs through the
/// same replication.
/// </summary>
/// <remarks>
/// The definition is held per run (an <see cref="AsyncLocal{T}"/> set by <see cref="Use"/>), so concurrent runs
/// in one process (tests) never see each other's roles; parallel work started by a run inherits it.
/// </remarks>
internal static class StudyColumns
{
    private static readonly AsyncLocal<StudyDefinition?> CurrentStudy = new();

    /// <summary>The definition of the run in progress (the bundled one outside a run).</summary>
    public static StudyDefinition Current => CurrentStudy.Value ?? StudyDefinition.Bundled;

    /// <summary>Makes <paramref name="study"/> the definition of the current run (and the work it starts).</summary>
    public static void Use(StudyDefinition study) => CurrentStudy.Value = study;

    public static string Gap => Current.Gap;
    public static string GapRelative => Current.GapRelative;
    public static string Dei => Current.Dei;
    public static string GdpPerCapita => Current.GdpPerCapita;
    public static string LnGdpPerCapita => Current.LnGdpPerCapita;
    public static string Region => Current.Region;
    public static string? Province => Current.Province;
    public static string ThresholdVariable => Current.Threshold;
    public static IReadOnlyList<string> Instruments => Current.Instruments;
    public static string? PolicyCohort => Current.PolicyCohort;
    public static string? Latitude => Current.Latitude;
    public static string? Longitude => Current.Longitude;
    public const string DeiSquared = "dei_sq";
    public const string DeiLag = "L_dei";
    public const string DeiTopsis = "dei_topsis";

    public static IReadOnlyList<string> DeiIndicators => Current.Indicators.Select(i => i.Column).ToArray();
    public static IReadOnlyList<Indicator> DeiIndicatorsWithDirection =>
        Current.Indicators.Select(i => i.Positive ? Indicator.Positive(i.Column) : Indicator.Negative(i.Column)).ToArray();
    public static IReadOnlyList<string> Industries => Current.Industries;
    public static IReadOnlyList<string> Mediators => Current.Mediators;
    public static IReadOnlyList<string> Controls => Current.Controls;

    /// <summary>Readable labels for tables and the report: the study file's [labels], then the defaults.</summary>
    public static string Label(string column)
    {
        if (Current.Labels.TryGetValue(column, out var label)) return label;
        if (column == Dei) return "Digital economy index";
        if (column == DeiLag) return "Digital economy index (t − 1)";
        if (column == DeiSquared) return "Digital economy index²";
        if (column == DeiTopsis) return "Entropy-TOPSIS index";
        return column switch
        {
            "dig_manufacturing" => "Digital product manufacturing",
            "dig_service" => "Digital product service",
            "dig_application" => "Digital technology application",
            "dig_factor" => "Digital factor driven",
            "agg" => "Industrial agglomeration",
            "innov" => "Innovation diffusion",
            _ => column,
        };
    }

    /// <summary>Every column the study declares, for the descriptive table (those present in the panel).</summary>
    public static IReadOnlyList<string> Numeric =>
        new[] { Gap, GapRelative, Dei }.Concat(DeiIndicators).Concat(Industries).Concat(Mediators).Concat([GdpPerCapita, LnGdpPerCapita]).Concat(Controls)
            .Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Completes the panel with what the study can build (the gap from GDP per capita, ln GDP per capita, the
    /// index from its indicators) and fails with one line when the essentials — outcome and index — can be
    /// neither found nor built. Chapters whose other columns are absent are skipped with the reason.
    /// </summary>
    public static PanelData Prepare(PanelData panel, string source, List<string> notes)
    {
        var study = Current;
        if (!panel.HasNumeric(study.LnGdpPerCapita) && panel.HasNumeric(study.GdpPerCapita))
        {
            panel = panel.WithColumn(study.LnGdpPerCapita, panel.Column(study.GdpPerCapita).ToArray().Select(x => x > 0 ? Math.Log(x) : double.NaN).ToArray());
            notes.Add($"{study.LnGdpPerCapita} = ln({study.GdpPerCapita}) was computed from the data.");
        }
        var reference = study.GapReference is null ? "the national mean of the year" : $"the mean of the {study.GapReference} in the year";
        if (!panel.HasNumeric(study.Gap) && panel.HasNumeric(study.GdpPerCapita))
        {
            panel = panel.AddGap(study.GdpPerCapita, study.Gap, new DevelopmentGapOptions { ReferenceGroupColumn = study.GapReference });
            notes.Add($"The development gap {study.Gap} = |ln {study.GdpPerCapita} − ln(reference)| was built with {reference} as the reference.");
        }
        if (!panel.HasNumeric(study.GapRelative) && panel.HasNumeric(study.GdpPerCapita))
            panel = panel.AddGap(study.GdpPerCapita, study.GapRelative, new DevelopmentGapOptions { ReferenceGroupColumn = study.GapReference, Form = GapForm.RelativeDeviation });
        if (!panel.HasNumeric(study.Dei) && study.Indicators.Count >= 2 && study.Indicators.All(i => panel.HasNumeric(i.Column)))
        {
            var entropy = EntropyWeightMethod.Compute(panel, DeiIndicatorsWithDirection, new EntropyWeightOptions { MissingValues = MissingIndicatorPolicy.Listwise });
            panel = panel.WithColumn(study.Dei, entropy.ScoresArray());
            notes.Add($"The digital economy index {study.Dei} was computed from its {study.Indicators.Count} indicators with entropy weights.");
        }
        var missing = new List<string>();
        if (!panel.HasNumeric(study.Gap)) missing.Add($"the outcome '{study.Gap}' (or '{study.GdpPerCapita}' to build it)");
        if (!panel.HasNumeric(study.Dei)) missing.Add($"the index '{study.Dei}' (or at least two of its indicators)");
        if (missing.Count > 0)
            throw new SpecificationException(
                $"{Path.GetFileName(source)} lacks {string.Join(" and ", missing)}; name the columns of your data in a study file (replicate --study FILE; de-econ init --data FILE writes a template).");
        return panel;
    }
}
