using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using DigitalEconomy.Econometrics.Threshold;

namespace DigitalEconomy.Econometrics.Tests.Threshold;

/// <summary>
/// Hansen's (1999) investment panel with the variables of <c>hansen1999_expected.json</c>'s
/// <c>specification</c>: y = inva_t (t = 2..15); z = q1, q1², q1³, d1, q1·d1 with q1 = vala_{t−1},
/// d1 = debta_{t−1}; x = c1 = cfa_{t−1}; threshold d1. Results are computed once per option set.
/// </summary>
internal static class HansenInvestment
{
    public static readonly ThresholdSpecification Specification =
        new("inva", ["c1"], ["q1", "q1^2", "q1^3", "d1", "q1*d1"], "d1");

    private static readonly Lazy<PanelData> LazyPanel = new(Load);
    private static readonly Lazy<ThresholdResult> LazyHansen = new(() =>
        PanelThresholdRegression.Estimate(Panel, Specification, Options(ThresholdTransformation.HansenOriginal)));
    private static readonly Lazy<ThresholdResult> LazyStandard = new(() =>
        PanelThresholdRegression.Estimate(Panel, Specification, Options(ThresholdTransformation.StandardWithin)));

    public static PanelData Panel => LazyPanel.Value;

    /// <summary>Hansen's transformation, ty = N(T−1), no bootstrap.</summary>
    public static ThresholdResult HansenOriginal => LazyHansen.Value;

    /// <summary>Standard within transformation (the default), ty = N(T−1), no bootstrap.</summary>
    public static ThresholdResult StandardWithin => LazyStandard.Value;

    public static ThresholdOptions Options(ThresholdTransformation transformation) =>
        new() { Transformation = transformation, BootstrapReplications = 0 };

    private static PanelData Load()
    {
        var raw = PanelCsv.Read(ReferenceData.PathOf("hansen1999_invest.csv"), "firm", "year");
        var q1 = raw.Lag("vala");
        var d1 = raw.Lag("debta");
        var c1 = raw.Lag("cfa");
        return raw
            .WithColumn("q1", q1)
            .WithColumn("q1^2", q1.Select(v => v * v).ToArray())
            .WithColumn("q1^3", q1.Select(v => v * v * v).ToArray())
            .WithColumn("d1", d1)
            .WithColumn("q1*d1", q1.Zip(d1, (a, b) => a * b).ToArray())
            .WithColumn("c1", c1);
    }
}
