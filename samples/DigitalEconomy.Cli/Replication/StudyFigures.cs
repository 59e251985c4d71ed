using DigitalEconomy.Econometrics.Plotting;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Threshold;
using S = DigitalEconomy.Cli.Replication.StudyColumns;

namespace DigitalEconomy.Cli.Replication;

/// <summary>The study's figures, drawn by the Plotting project into the output directory.</summary>
internal static class StudyFigures
{
    public const string DeiByRegion = "figure1_dei_by_region.png";
    public const string GapDensity = "figure2_gap_density.png";
    public const string ThresholdLr = "figure3_threshold_lr.png";
    public const string HeterogeneityCoefficients = "figure4_heterogeneity.png";

    public static string DrawDeiByRegion(ReplicationContext ctx) =>
        Save(ctx, DeiByRegion, path => Figures.DeiByRegion(ctx.Panel, path, S.Dei, S.Region));

    /// <summary>Kernel densities of the gap in the first, middle and last year.</summary>
    public static string DrawGapDensity(ReplicationContext ctx) =>
        Save(ctx, GapDensity, path => Figures.GapDensity(ctx.Panel, path, S.Gap));

    /// <summary>Hansen's LR(γ) curve of the single-threshold search with the 95% critical line.</summary>
    public static string DrawThresholdLr(ReplicationContext ctx, ThresholdResult result)
    {
        var search = result.Single.Estimates[0].Search;
        return Save(ctx, ThresholdLr, path => Figures.ThresholdLikelihoodRatio(search.Candidates, search.LikelihoodRatio, path,
            result.Options.ConfidenceLevel, search.Estimate));
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
        return Save(ctx, HeterogeneityCoefficients, path => Figures.CoefficientPlot(estimates, path));
    }

    private static string Save(ReplicationContext ctx, string fileName, Action<string> draw)
    {
        draw(Path.Combine(ctx.OutDirectory, fileName));
        return ctx.AddFigure(fileName);
    }
}
