using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;
using Col = DigitalEconomy.Econometrics.Simulation.CityPanelColumns;

namespace DigitalEconomy.Cli.Replication;

/// <summary>
/// The study's variable names: those of the bundled panel's codebook (data/README.md,
/// <see cref="Col"/>). A user's own data with the same column names runs through the same replication.
/// </summary>
internal static class StudyColumns
{
    public const string Gap = Col.Gap;
    public const string GapRelative = Col.GapRelative;
    public const string Dei = Col.Dei;
    public const string GdpPerCapita = Col.GdpPerCapita;
    public const string LnGdpPerCapita = Col.LnGdpPerCapita;
    public const string Region = Col.Region;
    public const string DeiSquared = "dei_sq";
    public const string DeiLag = "L_dei";
    public const string DeiTopsis = "dei_topsis";

    public static IReadOnlyList<string> DeiIndicators => Col.DeiIndicators;
    public static IReadOnlyList<string> Industries => Col.Industries;
    public static IReadOnlyList<string> Mediators => Col.Mediators;
    public static IReadOnlyList<string> Controls => Col.Controls;

    /// <summary>Readable labels for tables and the report.</summary>
    public static string Label(string column) => column switch
    {
        Col.Dei => "Digital economy index",
        Col.DigitalManufacturing => "Digital product manufacturing",
        Col.DigitalService => "Digital product service",
        Col.DigitalApplication => "Digital technology application",
        Col.DigitalFactor => "Digital factor driven",
        Col.Agglomeration => "Industrial agglomeration",
        Col.Innovation => "Innovation diffusion",
        DeiLag => "Digital economy index (t − 1)",
        DeiSquared => "Digital economy index²",
        DeiTopsis => "Entropy-TOPSIS index",
        _ => column,
    };

    /// <summary>Every column the study reads, for the descriptive table and the up-front check.</summary>
    public static IReadOnlyList<string> Numeric =>
        [Gap, GapRelative, Dei, .. DeiIndicators, .. Industries, .. Mediators, GdpPerCapita, LnGdpPerCapita, .. Controls];

    /// <summary>Fails with one line listing every missing study column, before any work starts.</summary>
    public static void Require(PanelData panel, string source)
    {
        var missing = Numeric.Where(c => !panel.HasNumeric(c)).ToList();
        if (!panel.HasColumn(Region)) missing.Add(Region);
        if (missing.Count > 0)
            throw new SpecificationException(
                $"{Path.GetFileName(source)} lacks the study column(s) {string.Join(", ", missing)}; replicate needs the columns of the bundled panel (see data/README.md).");
    }
}
