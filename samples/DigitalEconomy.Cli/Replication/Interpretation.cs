using System.Globalization;

namespace DigitalEconomy.Cli.Replication;

/// <summary>
/// Sentences of report.md, generated from the numbers (sign, size, significance) so that the text can never
/// disagree with the tables.
/// </summary>
internal static class Interpretation
{
    /// <summary>"significant at the 1% level", "… 5% …", "… 10% …" or "not significant at the 10% level".</summary>
    public static string Significance(double p) => p switch
    {
        < 0.01 => "significant at the 1% level",
        < 0.05 => "significant at the 5% level",
        < 0.10 => "significant at the 10% level",
        _ when double.IsNaN(p) => "of unknown significance",
        _ => "not significant at the 10% level",
    };

    /// <summary>True when a two-sided p-value is below 10 %.</summary>
    public static bool IsSignificant(double p) => p < 0.10;

    /// <summary>"widens" for a positive effect on the gap, "narrows" for a negative one.</summary>
    public static string GapVerb(double estimate) => estimate > 0 ? "widens" : "narrows";

    /// <summary>E.g. "0.123, p = 0.004".</summary>
    public static string Number(double estimate, double p) =>
        $"{F(estimate)}, {PClause(p)}";

    /// <summary>"p = 0.004" or "p < 0.001".</summary>
    public static string PClause(double p) => p < 0.001 ? "p < 0.001" : $"p = {FormatP(p)}";

    /// <summary>
    /// "widens the gap in the East (0.12, p = 0.004)" when significant at 10 %, otherwise "has no significant
    /// effect on the gap in the East (0.01, p = 0.61)".
    /// </summary>
    public static string GapClause(double estimate, double p, string where) =>
        IsSignificant(p)
            ? $"{GapVerb(estimate)} the gap{where} ({Number(estimate, p)})"
            : $"has no significant effect on the gap{where} ({Number(estimate, p)})";

    /// <summary>A p-value with three decimals, "< 0.001" below that.</summary>
    public static string FormatP(double p) => p < 0.001 ? "< 0.001" : p.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with one decimal, e.g. "50.3%".</summary>
    public static string Percent(double share) => (100 * share).ToString("F1", CultureInfo.InvariantCulture) + "%";

    /// <summary>Three significant decimals, invariant culture.</summary>
    public static string F(double x) => Math.Abs(x) >= 100 ? x.ToString("F1", CultureInfo.InvariantCulture)
        : Math.Abs(x) >= 0.01 || x == 0 ? x.ToString("F3", CultureInfo.InvariantCulture) : x.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>
    /// "The digital economy index widens the development gap: coefficient 0.123 (p = 0.004), significant at the 1%
    /// level." when significant at 10 %, otherwise "… has no significant effect on the development gap: coefficient
    /// 0.012 (p = 0.61), not significant at the 10% level." — the direction is claimed only when the test supports it.
    /// </summary>
    public static string EffectOnGap(string what, double estimate, double p) =>
        IsSignificant(p)
            ? $"{what} {GapVerb(estimate)} the development gap: coefficient {F(estimate)} ({PClause(p)}), {Significance(p)}."
            : $"{what} has no significant effect on the development gap: coefficient {F(estimate)} ({PClause(p)}), {Significance(p)}.";

    /// <summary>Level below which a bootstrap threshold test (Hansen 1999) is taken to find a threshold.</summary>
    public const double ThresholdLevel = 0.05;

    /// <summary>
    /// Whether a threshold exists by the bootstrap p-value of its F test: true below <see cref="ThresholdLevel"/>,
    /// false at or above it, null when the test was not bootstrapped (then the F statistic alone, with its
    /// nuisance parameter, proves nothing).
    /// </summary>
    public static bool? ThresholdExists(double? bootstrapP) => bootstrapP is not { } p || double.IsNaN(p) ? null : p < ThresholdLevel;

    /// <summary>
    /// Whether a mediation channel is supported: the bootstrap percentile interval of a·b excludes zero when there
    /// is a bootstrap, else the Sobel test rejects at 5 %.
    /// </summary>
    public static bool ChannelSupported(bool? bootstrapExcludesZero, double sobelP) =>
        bootstrapExcludesZero ?? sobelP < 0.05;
}
