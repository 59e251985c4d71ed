using DigitalEconomy.Econometrics.Plotting;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Threshold;
using S = DigitalEconomy.Cli.Replication.StudyColumns;

namespace DigitalEconomy.Cli.Replication;

/// <summary>The study's figures, drawn by the Plotting project into the output directory.</summary>
internal static class StudyFigures
{
    public const string DeiByRegion = "figure01_dei_by_region.png";
    public const string GapDensity = "figure02_gap_density.png";
    public const string ThresholdLr = "figure04_threshold_lr.png";
    public const string ThresholdLrFull = "figure04b_threshold_lr_full.png";
    public const string HeterogeneityCoefficients = "figure03_heterogeneity.png";

    public static string DrawDeiByRegion(ReplicationContext ctx) =>
        ctx.Figure(DeiByRegion, null, (path, o) => Figures.DeiByRegion(ctx.Panel, path, S.Dei, S.Region, o));

    /// <summary>Kernel densities of the gap in the first, middle and last year.</summary>
    public static string DrawGapDensity(ReplicationContext ctx) =>
        ctx.Figure(GapDensity, null, (path, o) => Figures.GapDensity(ctx.Panel, path, S.Gap, options: o));

    /// <summary>
    /// Hansen's LR(γ) curve of the single-threshold search with the 95% critical line. A strong threshold effect
    /// pushes LR(γ) into the thousands and flattens the critical line onto the axis, so the main figure zooms in:
    /// LR up to <see cref="LrZoom"/> times the critical value, over the candidates below that cap plus a margin
    /// on each side. The whole curve then follows as a second figure.
    /// </summary>
    public static string[] DrawThresholdLr(ReplicationContext ctx, ThresholdResult result)
    {
        var search = result.Single.Estimates[0].Search;
        double level = result.Options.ConfidenceLevel;
        double cap = LrZoom * Figures.CriticalValue(level);
        var lr = search.LikelihoodRatio;
        if (lr.Max() <= cap)
            return [ctx.Figure(ThresholdLr, null, (path, o) => Figures.ThresholdLikelihoodRatio(search.Candidates, lr, path, level, search.Estimate, o))];

        var (from, to) = ZoomWindow(lr, cap);
        var gamma = search.Candidates.Skip(from).Take(to - from + 1).ToArray();
        var zoomed = lr.Skip(from).Take(to - from + 1).ToArray();
        return
        [
            ctx.Figure(ThresholdLr, new FigureOptions { Title = $"Likelihood ratio near γ̂ (LR axis cut at {LrZoom:0}× the critical value)" },
                (path, o) => Figures.ThresholdLikelihoodRatio(gamma, zoomed, path, level, search.Estimate, o, cap)),
            ctx.Figure(ThresholdLrFull, new FigureOptions { Title = "Likelihood ratio for the threshold, whole grid" },
                (path, o) => Figures.ThresholdLikelihoodRatio(search.Candidates, lr, path, level, search.Estimate, o)),
        ];
    }

    /// <summary>The zoomed LR figure shows LR up to this multiple of the critical value.</summary>
    public const double LrZoom = 10;

    /// <summary>
    /// Index range of the ascending candidates from the first to the last with LR ≤ <paramref name="cap"/>,
    /// widened on each side by half its length (at least 3 candidates) so the curve is seen leaving the cap.
    /// </summary>
    private static (int From, int To) ZoomWindow(IReadOnlyList<double> lr, double cap)
    {
        int first = -1, last = -1;
        for (int i = 0; i < lr.Count; i++)
            if (lr[i] <= cap)
            {
                if (first < 0) first = i;
                last = i;
            }
        // γ̂ has LR = 0, so the window is never empty.
        int margin = Math.Max(3, (last - first) / 2);
        return (Math.Max(0, first - margin), Math.Min(lr.Count - 1, last + margin));
    }

    /// <summary>The industry and regional effects on the gap with their 95% confidence intervals.</summary>
    public static string DrawHeterogeneity(ReplicationContext ctx, IReadOnlyList<PanelRegressionResult> industries, IReadOnlyList<PanelRegressionResult> regions)
    {
        var estimates = new List<CoefficientEstimate>();
        for (int k = 0; k < industries.Count; k++)
        {
            var c = industries[k][S.Industries[k]];
            estimates.Add(new CoefficientEstimate(S.Label(S.Industries[k]), c.Estimate, c.ConfLow, c.ConfHigh, "Digital industry"));
        }
        foreach (var fit in regions)
        {
            var c = fit[S.Dei];
            estimates.Add(new CoefficientEstimate($"DEI, {fit.Label}", c.Estimate, c.ConfLow, c.ConfHigh, "Region"));
        }
        return ctx.Figure(HeterogeneityCoefficients, null, (path, o) => Figures.CoefficientPlot(estimates, path, o));
    }
}
