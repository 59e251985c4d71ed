using DigitalEconomy.Cli.Commands;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Indices;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Threshold;
using static DigitalEconomy.Cli.Replication.Interpretation;
using S = DigitalEconomy.Cli.Replication.StudyColumns;

namespace DigitalEconomy.Cli.Replication;

/// <summary>The steps of the study, in the paper's order. Each adds tables, figures and report sections.</summary>
internal static class StudySteps
{
    public static void Descriptives(ReplicationContext ctx)
    {
        var stats = DescriptiveStatistics.Compute(ctx.Panel, S.Numeric);
        ctx.Section("Descriptive statistics", "table01_descriptives", stats.ToTable(),
            $"The panel has {NumberFormat.Count(ctx.Panel.RowCount)} city-years ({ctx.Panel.Structure}); the development gap averages " +
            $"{F(stats.Columns.First(c => c.Name == S.Gap).Mean)} and the digital economy index {F(stats.Columns.First(c => c.Name == S.Dei).Mean)}.");
    }

    public static void DigitalEconomyIndex(ReplicationContext ctx)
    {
        var indicators = S.DeiIndicators.Select(Indicator.Positive).ToArray();
        var entropy = EntropyWeightMethod.Compute(ctx.Panel, indicators);
        var recomputed = entropy.ScoresArray();
        var stored = ctx.Panel.Column(S.Dei);
        double maxDiff = 0;
        for (int r = 0; r < recomputed.Length; r++) maxDiff = Math.Max(maxDiff, Math.Abs(recomputed[r] - stored[r]));
        ctx.Summary.DeiWeights = indicators.Select((ind, j) => new IndexWeightJson(ind.Column, entropy.Weights[j], entropy.Entropies[j])).ToList();
        int top = Enumerable.Range(0, indicators.Length).MaxBy(j => entropy.Weights[j]);
        ctx.Section("Digital economy index (entropy weights)", "table02_dei_weights", entropy.ToTable(),
            $"Pooled entropy weights over all city-years give the largest weight to {indicators[top].Column} (w = {F(entropy.Weights[top])}); " +
            $"the recomputed index matches the `{S.Dei}` column of the data to {maxDiff:G2} (rounding in the CSV).");
    }

    public static void Inequality(ReplicationContext ctx)
    {
        var series = Econometrics.Indices.Inequality.Series(ctx.Panel, S.GdpPerCapita);
        var theil = Econometrics.Indices.Inequality.TheilSeries(ctx.Panel, S.GdpPerCapita, S.Region);
        var first = theil.Periods[0];
        var last = theil.Periods[^1];
        ctx.Section("Inequality of GDP per capita across cities", "table03_inequality", series.ToTable(),
            $"Theil T of GDP per capita moves from {F(series.Periods[0].TheilT)} in {series.Periods[0].Period} to {F(series.Periods[^1].TheilT)} in {series.Periods[^1].Period}, " +
            $"and the Gini from {F(series.Periods[0].Gini)} to {F(series.Periods[^1].Gini)}.");
        ctx.Section("Regional Theil decomposition (East / Central / West)", "table04_theil_regions", theil.ToTable(),
            $"Differences between the three regions account for {Percent(first.BetweenT / first.TheilT)} of Theil T in {first.Period} and {Percent(last.BetweenT / last.TheilT)} in {last.Period}; the rest is inequality within regions.");
    }

    public static void Baseline(ReplicationContext ctx)
    {
        // Columns add the controls step by step, as the paper's baseline table does.
        var steps = new List<string[]> { Array.Empty<string>() };
        for (int k = 2; k <= S.Controls.Count; k += 2) steps.Add(S.Controls.Take(k).ToArray());
        var fits = steps.Select(controls => TwoWay(ctx, S.Gap, [S.Dei, .. controls])).ToList();
        ctx.Summary.Baseline = fits.Select(f => Json(ctx, f)).ToList();
        var table = RegressionTable.Create(fits, "Baseline: digital economy and the development gap (two-way fixed effects)")
            .Keep([S.Dei, .. S.Controls]).Rename(S.Dei, S.Label(S.Dei)).Build();
        var final = fits[^1][S.Dei];
        ctx.Section("Baseline regression", "table05_baseline", table,
            $"With city and year fixed effects and all controls, {EffectOnGap("the digital economy index", final.Estimate, final.PValue)} " +
            "This average mixes the two regimes of the threshold model below.");
    }

    public static void Heterogeneity(ReplicationContext ctx)
    {
        var industries = S.Industries.Select(ind => TwoWay(ctx, S.Gap, [ind, .. S.Controls], S.Label(ind))).ToList();
        ctx.Summary.Heterogeneity = industries.Select(f => Json(ctx, f)).ToList();
        var byIndustry = S.Industries.Aggregate(
            RegressionTable.Create(industries, "Heterogeneity by digital industry (two-way fixed effects)").Keep([.. S.Industries, .. S.Controls]),
            (table, ind) => table.Rename(ind, S.Label(ind))).Build();
        var sentences = S.Industries.Select((ind, k) => $"{S.Label(ind).ToLowerInvariant()} {GapClause(industries[k][ind].Estimate, industries[k][ind].PValue, "")}");
        ctx.Section("Heterogeneity by digital industry", "table06_heterogeneity_industry", byIndustry,
            $"Entered one at a time with the controls, {string.Join("; ", sentences)}.");

        var regions = ctx.Panel.Grouping(S.Region).Levels;
        var regional = regions.Select(r => TwoWay(ctx, S.Gap, [S.Dei, .. S.Controls], r, ctx.Panel.WhereGroup(S.Region, r))).ToList();
        ctx.Summary.HeterogeneityByRegion = regional.Select(f => Json(ctx, f)).ToList();
        var byRegion = RegressionTable.Create(regional, "Heterogeneity by region (two-way fixed effects)")
            .Keep([S.Dei, .. S.Controls]).Rename(S.Dei, S.Label(S.Dei)).Build();
        ctx.Section("Heterogeneity by region", "table07_heterogeneity_region", byRegion,
            "By region, the digital economy index " + string.Join("; ", regions.Select((r, k) => GapClause(regional[k][S.Dei].Estimate, regional[k][S.Dei].PValue, $" in the {r} region"))) + ".");
        ctx.Results.Industries = industries;
        ctx.Results.Regions = regional;
    }

    public static void Mechanisms(ReplicationContext ctx) => throw Pending.Module("Mediation");

    public static void Threshold(ReplicationContext ctx)
    {
        var spec = new ThresholdSpecification(S.Gap, [S.Dei], [.. S.Controls], S.LnGdpPerCapita);
        var options = new ThresholdOptions
        {
            MaxThresholds = 3,
            BootstrapReplications = ctx.Options.ThresholdBootstrap,
            Seed = (ulong)ctx.Options.Seed,
        };
        var result = PanelThresholdRegression.Estimate(ctx.Panel, spec, options);
        ctx.Results.Threshold = result;
        ctx.Summary.Threshold = ThresholdJsonMapper.Threshold(result, ThresholdStandardErrors.Clustered);
        var single = result.Single;
        var boot = single.Test.Bootstrap;
        var fit = single.Fit;
        int lo = fit.IndexOf($"{S.Dei}_regime1"), hi = fit.IndexOf($"{S.Dei}_regime2");
        var coefficients = ThresholdJsonMapper.Coefficients(fit, ThresholdStandardErrors.Clustered, options.ConfidenceLevel);
        ctx.Section("Threshold effect tests", "table08_threshold_tests", result.ToTable(),
            $"The single-threshold test gives F = {F(single.Test.F)}" + (boot is null ? "" : $" with bootstrap {PClause(boot.PValue)} ({boot.Replications} replications)") +
            $"; the threshold in ln GDP per capita is γ = {F(single.Thresholds[0])} (95% LR set [{F(single.Estimates[0].Search.ConfidenceSet.Lower)}, {F(single.Estimates[0].Search.ConfidenceSet.Upper)}]).");
        ctx.Section("Threshold regression: regime estimates", "table09_threshold_estimates", result.ToEstimatesTable(ThresholdStandardErrors.Clustered),
            $"Below the threshold {EffectOnGap("the digital economy index", coefficients[lo].Estimate, coefficients[lo].PValue).TrimEnd('.')}; " +
            $"above it, it {GapClause(coefficients[hi].Estimate, coefficients[hi].PValue, "")}. Standard errors are clustered by city.");
    }

    public static void Robustness(ReplicationContext ctx)
    {
        var panel = ctx.Panel;
        panel = panel.WithColumn(S.DeiLag, panel.Lag(S.Dei));
        var winsorised = panel;
        foreach (var c in new[] { S.Gap, S.Dei }.Concat(S.Controls))
            winsorised = winsorised.WithColumn(c, winsorised.Winsorize(c, 0.01, 0.99));
        var topsis = EntropyTopsis.Compute(panel, S.DeiIndicators.Select(Indicator.Positive).ToArray());
        panel = topsis.AddClosenessTo(panel, S.DeiTopsis);
        var models = new List<PanelRegressionResult>
        {
            TwoWay(ctx, S.Gap, [S.DeiLag, .. S.Controls], "Lagged DEI", panel),
            TwoWay(ctx, S.Gap, [S.Dei, .. S.Controls], "Winsorised 1%", winsorised),
            TwoWay(ctx, S.GapRelative, [S.Dei, .. S.Controls], "Relative gap", panel),
            TwoWay(ctx, S.Gap, [S.DeiTopsis, .. S.Controls], "Entropy-TOPSIS", panel),
        };
        ctx.Summary.Robustness = models.Select(f => Json(ctx, f)).ToList();
        var table = RegressionTable.Create(models, "Robustness checks (two-way fixed effects)")
            .Keep([S.DeiLag, S.Dei, S.DeiTopsis, .. S.Controls])
            .Rename(S.DeiLag, S.Label(S.DeiLag)).Rename(S.Dei, S.Label(S.Dei)).Rename(S.DeiTopsis, S.Label(S.DeiTopsis))
            .Build();
        string[] keys = [S.DeiLag, S.Dei, S.Dei, S.DeiTopsis];
        var signs = models.Select((m, k) => Math.Sign(m[keys[k]].Estimate)).ToArray();
        int baselineSign = Math.Sign(ctx.Summary.Baseline.Count > 0 ? ctx.Summary.Baseline[^1].Coefficients.First(c => c.Name == S.Dei).Estimate : signs[1]);
        ctx.Section("Robustness checks", "table10_robustness", table,
            $"{signs.Count(s => s == baselineSign)} of {models.Count} alternative specifications keep the baseline sign of the digital economy effect " +
            $"({string.Join("; ", models.Select((m, k) => $"{m.Label}: {Number(m[keys[k]].Estimate, m[keys[k]].PValue)}"))}).");
    }

    /// <summary>gap ~ x | city + year with city-clustered standard errors (the study's default specification).</summary>
    internal static PanelRegressionResult TwoWay(ReplicationContext ctx, string y, string[] x, string? label = null, PanelData? panel = null)
    {
        var p = panel ?? ctx.Panel;
        return PanelRegression.Fit(p, new PanelRegressionOptions(y, x)
        {
            FixedEffects = [p.EntityName, p.TimeName],
            Vcov = Vcov.Cluster(p.EntityName),
            Label = label,
        });
    }

    private static RegressionJson Json(ReplicationContext ctx, PanelRegressionResult fit) =>
        RegressionJsonMapper.Regression(fit, fit.FixedEffects.FirstOrDefault(f => f.Name == ctx.Panel.EntityName)?.Levels ?? 0);
}
