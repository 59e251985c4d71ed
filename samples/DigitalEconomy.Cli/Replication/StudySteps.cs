using DigitalEconomy.Cli.Commands;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Indices;
using DigitalEconomy.Econometrics.Mediation;
using DigitalEconomy.Econometrics.Resampling;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Threshold;
using static DigitalEconomy.Cli.Replication.Interpretation;
using S = DigitalEconomy.Cli.Replication.StudyColumns;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Cli.Replication;

/// <summary>The steps of the study, in the paper's order. Each adds tables, figures and report sections.</summary>
internal static class StudySteps
{
    public static void Descriptives(ReplicationContext ctx)
    {
        var stats = DescriptiveStatistics.Compute(ctx.Panel, S.Numeric.Where(ctx.Panel.HasNumeric).ToArray());
        ctx.Section("Descriptive statistics", "table01_descriptives", stats.ToTable(),
            $"The panel has {NumberFormat.Count(ctx.Panel.RowCount)} city-years ({ctx.Panel.Structure}); the development gap averages " +
            $"{F(stats.Columns.First(c => c.Name == S.Gap).Mean)} and the digital economy index {F(stats.Columns.First(c => c.Name == S.Dei).Mean)}.");
    }

    public static void DigitalEconomyIndex(ReplicationContext ctx)
    {
        var indicators = S.DeiIndicatorsWithDirection.ToArray();
        if (indicators.Length < 2)
            throw new SpecificationException("the study declares fewer than two index indicators ([index] indicators in the study file)");
        var entropy = EntropyWeightMethod.Compute(ctx.Panel, indicators, new EntropyWeightOptions { MissingValues = MissingIndicatorPolicy.Listwise });
        var recomputed = entropy.ScoresArray();
        var stored = ctx.Panel.Column(S.Dei);
        double maxDiff = 0;
        for (int r = 0; r < recomputed.Length; r++)
            if (!double.IsNaN(recomputed[r]) && !double.IsNaN(stored[r])) maxDiff = Math.Max(maxDiff, Math.Abs(recomputed[r] - stored[r]));
        ctx.Summary.DeiWeights = indicators.Select((ind, j) => new IndexWeightJson(ind.Column, entropy.Weights[j], entropy.Entropies[j])).ToList();
        int top = Enumerable.Range(0, indicators.Length).MaxBy(j => entropy.Weights[j]);
        string agreement = maxDiff < 1e-6
            ? $"the recomputed index agrees with the `{S.Dei}` column to {maxDiff:G2}"
            : $"the recomputed index differs from the `{S.Dei}` column of the data by up to {F(maxDiff)}, so that column was not built with these indicators and pooled entropy weights";
        ctx.Section("Digital economy index (entropy weights)", "table02_dei_weights", entropy.ToTable(),
            $"Pooled entropy weights over all city-years give the largest weight to {indicators[top].Column} (w = {F(entropy.Weights[top])}); " +
            $"{agreement}." + (entropy.Missing.RowsDropped > 0 ? $" {entropy.Missing}" : "") + " Figure 1 shows the mean index by region.",
            StudyFigures.DrawDeiByRegion(ctx));
    }

    public static void Inequality(ReplicationContext ctx)
    {
        var series = Econometrics.Indices.Inequality.Series(ctx.Panel, S.GdpPerCapita);
        var theil = Econometrics.Indices.Inequality.TheilSeries(ctx.Panel, S.GdpPerCapita, S.Region);
        var first = theil.Periods[0];
        var last = theil.Periods[^1];
        ctx.Section("Inequality of GDP per capita across cities", "table03_inequality", series.ToTable(),
            $"Theil T of GDP per capita moves from {F(series.Periods[0].TheilT)} in {series.Periods[0].Period} to {F(series.Periods[^1].TheilT)} in {series.Periods[^1].Period}, " +
            $"and the Gini from {F(series.Periods[0].Gini)} to {F(series.Periods[^1].Gini)}. Figure 2 shows the distribution of the development gap in the first, middle and last year.",
            StudyFigures.DrawGapDensity(ctx));
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
        string wild;
        if (ProvinceMissing(ctx) is { } reason)
            wild = $" The province-clustered wild cluster bootstrap is not reported: {reason}.";
        else
        {
            var test = WildProvinceTest(ctx, ctx.Panel, [S.Dei, .. S.Controls]);
            ctx.Summary.BaselineWildProvince = new WildBootstrapJson(test.Test, test.Statistic, test.PValue, test.Clusters, test.Replications, test.Enumerated,
                "wcr", "rademacher", test.Seed);
            wild = $" Clustering by province instead ({test.Clusters} clusters), the wild cluster bootstrap (restricted, Rademacher weights, " +
                $"{NumberFormat.Count(test.Replications)} {(test.Enumerated ? "sign vectors, fully enumerated" : "replications")}) gives {PClause(test.PValue)} for the same coefficient.";
        }
        ctx.Section("Baseline regression", "table05_baseline", table,
            $"With city and year fixed effects and all controls ({NumberFormat.Count(fits[^1].Observations)} city-years), {EffectOnGap("the digital economy index", final.Estimate, final.PValue)}{wild}");
    }

    /// <summary>Why the province-clustered wild bootstrap cannot run (null when it can).</summary>
    private static string? ProvinceMissing(ReplicationContext ctx) =>
        S.Province is not { } province ? "the study declares no province column"
        : !ctx.Panel.HasColumn(province) ? $"the data have no '{province}' column"
        : null;

    /// <summary>
    /// The wild cluster bootstrap of H₀: β(DEI) = 0 in the two-way model, with city-clustered SEs and province bootstrap
    /// clusters (WCR, Rademacher, 9,999 replications or full enumeration when 2^G ≤ 9,999; docs/methods/wild-bootstrap.md).
    /// </summary>
    private static WildBootstrapResult WildProvinceTest(ReplicationContext ctx, PanelData panel, string[] x) =>
        WildClusterBootstrap.Test(panel, new PanelRegressionOptions(S.Gap, x)
        {
            FixedEffects = [panel.EntityName, panel.TimeName],
            Vcov = Vcov.Cluster(panel.EntityName),
        }, new WildBootstrapOptions
        {
            Test = S.Dei,
            BootstrapCluster = S.Province,
            Replications = 9_999,
            Seed = unchecked((ulong)ctx.Options.Seed),
            ConfidenceSet = false,
        });

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
        var byRegionTable = RegressionTable.Create(regional, "Heterogeneity by region (two-way fixed effects)")
            .Keep([S.Dei, .. S.Controls]).Rename(S.Dei, S.Label(S.Dei));
        // Within one region the provinces are few (about a dozen), where city-clustered t tests can over-reject;
        // the wild bootstrap with province clusters (fully enumerated at this size) is the check.
        string wildSentence = "";
        if (ProvinceMissing(ctx) is { } reason)
            byRegionTable.Note($"Wild cluster bootstrap by province not reported: {reason}.");
        else
        {
            var wild = regions.Select(r => WildProvinceTest(ctx, ctx.Panel.WhereGroup(S.Region, r), [S.Dei, .. S.Controls])).ToList();
            byRegionTable.AddRow("Wild bootstrap p (provinces)", wild.Select(w => FormatP(w.PValue)).ToArray());
            foreach (var (r, w) in regions.Zip(wild))
                byRegionTable.Note($"{r}: wild cluster bootstrap {PClause(w.PValue)} for the DEI coefficient, clustering by province within the region " +
                    $"({w.Clusters} provinces, WCR, Rademacher, {NumberFormat.Count(w.Replications)} {(w.Enumerated ? "sign vectors, fully enumerated" : "replications")}).");
            wildSentence = " With few provinces per region, the province-clustered wild cluster bootstrap gives " +
                string.Join(", ", regions.Zip(wild, (r, w) => $"{PClause(w.PValue)} ({r})")) + ".";
        }
        var byRegion = byRegionTable.Build();
        ctx.Section("Heterogeneity by region", "table07_heterogeneity_region", byRegion,
            "By region, the digital economy index " + string.Join("; ", regions.Select((r, k) => GapClause(regional[k][S.Dei].Estimate, regional[k][S.Dei].PValue, $" in the {r} region"))) +
            "." + wildSentence + " Figure 3 plots the industry and regional coefficients with their 95% confidence intervals.",
            StudyFigures.DrawHeterogeneity(ctx, industries, regional));
    }

    public static void Mechanisms(ReplicationContext ctx)
    {
        var options = new MediationOptions(S.Gap, S.Dei, S.Mediators)
        {
            Controls = S.Controls,
            FixedEffects = [ctx.Panel.EntityName, ctx.Panel.TimeName],
            Vcov = Vcov.Cluster(ctx.Panel.EntityName),
            Bootstrap = ctx.Options.MediationBootstrap > 0 ? new BootstrapOptions { Replications = ctx.Options.MediationBootstrap, Seed = unchecked((ulong)ctx.Options.Seed) } : null,
        };
        var result = MediationAnalysis.Fit(ctx.Panel, options);
        ctx.Summary.Mediation = MediationJsonMapper.Mediation(result);
        for (int j = 0; j < result.Mediators.Count; j++)
        {
            var m = result.Mediators[j];
            string bootstrap = m.Bootstrap is null ? "" :
                $"; the {ctx.Options.MediationBootstrap}-replication city bootstrap gives a 95% percentile interval [{F(m.Bootstrap.Percentile.Lower)}, {F(m.Bootstrap.Percentile.Upper)}]" +
                (m.Bootstrap.Percentile.ExcludesZero ? ", which excludes zero" : ", which includes zero");
            bool supported = ChannelSupported(m.Bootstrap?.Percentile.ExcludesZero, m.Sobel.PValue);
            string verdict = supported
                ? $"The data support this channel: through {S.Label(m.Mediator).ToLowerInvariant()} the index {(m.IndirectEffect > 0 ? "widens" : "narrows")} the gap"
                : $"The data do not support this channel: the indirect effect is not distinguishable from zero";
            ctx.Section($"Mechanism {j + 1}: {S.Label(m.Mediator).ToLowerInvariant()}", $"table08{(char)('a' + j)}_mechanism_{m.Mediator}", result.ToTable(m.Mediator),
                $"{verdict} (indirect effect a·b = {F(m.IndirectEffect)}, Sobel z = {F(m.Sobel.Z)}, {PClause(m.Sobel.PValue)}{bootstrap}). " +
                $"The index is associated with {S.Label(m.Mediator).ToLowerInvariant()} by a = {Number(m.A.Estimate, m.A.PValue)} ({Significance(m.A.PValue)}), " +
                $"and {S.Label(m.Mediator).ToLowerInvariant()} with the gap by b = {Number(m.B.Estimate, m.B.PValue)} ({Significance(m.B.PValue)}).");
        }
    }

    public static void Threshold(ReplicationContext ctx)
    {
        var spec = new ThresholdSpecification(S.Gap, [S.Dei], [.. S.Controls], S.ThresholdVariable);
        var options = new ThresholdOptions
        {
            MaxThresholds = 3,
            BootstrapReplications = ctx.Options.ThresholdBootstrap,
            Seed = (ulong)ctx.Options.Seed,
            BalancePanel = true, // a user's unbalanced panel: keep the complete cities and say so below
        };
        var result = PanelThresholdRegression.Estimate(ctx.Panel, spec, options with { Vcov = Vcov.Cluster(ctx.Panel.EntityName) });
        ctx.Summary.Threshold = ThresholdJsonMapper.Threshold(result);
        var single = result.Single;
        var boot = single.Test.Bootstrap;
        var fit = single.Fit;
        int lo = fit.IndexOf($"{S.Dei}_regime1"), hi = fit.IndexOf($"{S.Dei}_regime2");
        var coefficients = ThresholdJsonMapper.Coefficients(fit);
        var lrFigures = StudyFigures.DrawThresholdLr(ctx, result);
        bool? exists = ThresholdExists(boot?.PValue);
        string q = S.Label(S.ThresholdVariable);
        string finding = exists switch
        {
            true => $"a threshold exists: the single-threshold test gives F = {F(single.Test.F)} with bootstrap {PClause(boot!.PValue)} ({boot.Replications} replications), " +
                    $"and the threshold in {q} is γ = {F(single.Thresholds[0])} (95% LR set [{F(single.Estimates[0].Search.ConfidenceSet.Lower)}, {F(single.Estimates[0].Search.ConfidenceSet.Upper)}])",
            false => $"the data show no threshold: the single-threshold test gives F = {F(single.Test.F)} with bootstrap {PClause(boot!.PValue)} ({boot.Replications} replications), " +
                     $"so the effect of the index does not differ detectably on either side of any value of {q} (the best split would be γ = {F(single.Thresholds[0])})",
            null => $"the single-threshold test gives F = {F(single.Test.F)}; without bootstrap replications its p-value is unknown, so whether a threshold exists is not tested " +
                    $"(the best split is γ = {F(single.Thresholds[0])} in {q})",
        };
        string further = exists == true
            ? string.Concat(result.Models.Skip(1).Select(m => $" The test of {m.ThresholdCount} against {m.ThresholdCount - 1} thresholds gives F = {F(m.Test.F)}" +
                (m.Test.Bootstrap is null ? "." : $", bootstrap {PClause(m.Test.Bootstrap.PValue)}: {(ThresholdExists(m.Test.Bootstrap.PValue) == true ? "a further threshold" : "no further threshold")}.")))
            : "";
        string sample = result.EntitiesDroppedForBalance > 0
            ? $" The model uses the {result.Sample.EntityCount} cities observed in every year ({result.EntitiesDroppedForBalance} left out to balance the panel)."
            : "";
        ctx.Section("Threshold effect tests", "table09_threshold_tests", result.ToTable(),
            $"Testing for thresholds in {q}, {finding} ({(lrFigures.Length > 1 ? "Figure 4 near γ̂, Figure 4b over the whole grid" : "Figure 4")}).{further}{sample}",
            lrFigures);
        if (result.EntitiesDroppedForBalance > 0)
            ctx.Console.Note($"note: the threshold model keeps the {result.Sample.EntityCount} cities observed in every year ({result.EntitiesDroppedForBalance} left out).");
        string regimes = $"Below γ̂, {EffectOnGap("the digital economy index", coefficients[lo].Estimate, coefficients[lo].PValue).TrimEnd('.')}; " +
            $"above it, it {GapClause(coefficients[hi].Estimate, coefficients[hi].PValue, "")}. Standard errors are clustered by city.";
        ctx.Section("Threshold regression: regime estimates", "table10_threshold_estimates", result.ToEstimatesTable(),
            exists == true ? regimes : $"{regimes} Since the test {(exists == false ? "finds no threshold" : "was not bootstrapped")}, the two regimes are shown for completeness only.");
    }

    public static void Robustness(ReplicationContext ctx)
    {
        var panel = ctx.Panel;
        panel = panel.WithColumn(S.DeiLag, panel.Lag(S.Dei));
        var winsorised = panel;
        foreach (var c in new[] { S.Gap, S.Dei }.Concat(S.Controls))
            winsorised = winsorised.WithColumn(c, winsorised.Winsorize(c, 0.01, 0.99));
        var topsis = EntropyTopsis.Compute(panel, S.DeiIndicatorsWithDirection.ToArray(), new EntropyWeightOptions { MissingValues = MissingIndicatorPolicy.Listwise });
        panel = topsis.AddClosenessTo(panel, S.DeiTopsis);
        panel = panel.WithColumn(S.DeiSquared, panel.Square(S.Dei));
        var models = new List<PanelRegressionResult>
        {
            TwoWay(ctx, S.Gap, [S.DeiLag, .. S.Controls], "Lagged DEI", panel),
            TwoWay(ctx, S.Gap, [S.Dei, .. S.Controls], "Winsorised 1%", winsorised),
            TwoWay(ctx, S.GapRelative, [S.Dei, .. S.Controls], "Relative gap", panel),
            TwoWay(ctx, S.Gap, [S.DeiTopsis, .. S.Controls], "Entropy-TOPSIS", panel),
            TwoWay(ctx, S.Gap, [S.Dei, S.DeiSquared, .. S.Controls], "DEI and DEI²", panel),
        };
        ctx.Summary.Robustness = models.Take(4).Select(f => Json(ctx, f)).ToList();
        var table = RegressionTable.Create(models, "Robustness checks (two-way fixed effects)")
            .Keep([S.DeiLag, S.Dei, S.DeiTopsis, S.DeiSquared, .. S.Controls])
            .Rename(S.DeiLag, S.Label(S.DeiLag)).Rename(S.Dei, S.Label(S.Dei)).Rename(S.DeiTopsis, S.Label(S.DeiTopsis)).Rename(S.DeiSquared, S.Label(S.DeiSquared))
            .Build();
        string[] keys = [S.DeiLag, S.Dei, S.Dei, S.DeiTopsis];
        var linear = models.Take(keys.Length).ToArray();
        var signs = linear.Select((m, k) => Math.Sign(m[keys[k]].Estimate)).ToArray();
        var baseline = ctx.Summary.Baseline.Count > 0 ? ctx.Summary.Baseline[^1].Coefficients.First(c => c.Name == S.Dei) : null;
        bool baselineSignificant = baseline is not null && IsSignificant(baseline.PValue);
        int baselineSign = Math.Sign(baseline?.Estimate ?? 0);
        int agreeing = linear.Select((m, k) => m[keys[k]]).Count(c => IsSignificant(c.PValue) && Math.Sign(c.Estimate) == baselineSign);
        int significant = linear.Select((m, k) => m[keys[k]]).Count(c => IsSignificant(c.PValue));
        string summary = baselineSignificant
            ? $"{agreeing} of {linear.Length} alternative specifications find a significant effect (10% level) with the baseline's sign"
            : $"The baseline effect is not significant, and {significant} of {linear.Length} alternative specifications find a significant effect (10% level)";
        ctx.Section("Robustness checks", "table11_robustness", table,
            $"{summary} ({string.Join("; ", linear.Select((m, k) => $"{m.Label}: {Number(m[keys[k]].Estimate, m[keys[k]].PValue)}"))}).");
        UShape(ctx, models[^1], panel);
    }

    /// <summary>
    /// The U-shape check (docs/methods.md, "U test"): with DEI and DEI² in the baseline, the Lind–Mehlum test over the observed
    /// DEI range and the turning point with its delta-method and Fieller intervals.
    /// </summary>
    private static void UShape(ReplicationContext ctx, PanelRegressionResult quadratic, PanelData panel)
    {
        var test = UShapeTest.Compute(quadratic, panel, S.Dei, S.DeiSquared);
        ctx.Summary.UShape = new UShapeJson(test.Shape == CurveShape.U ? "u" : "inverted_u", test.TurningPoint, [test.DeltaLower, test.DeltaUpper],
            test.Fieller.Kind == FiellerSetKind.Bounded ? [test.Fieller.Lower, test.Fieller.Upper] : [double.NaN, double.NaN], test.XMin, test.XMax, test.T, test.PValue);
        string shape = test.Shape == CurveShape.U ? "U" : "inverted U";
        string verdict = test.PValue < 0.05
            ? $"the Lind–Mehlum test supports an {shape} shape (t = {F(test.T)}, {PClause(test.PValue)})"
            : $"the Lind–Mehlum test does not support an {shape} shape over the observed range (t = {F(test.T)}, {PClause(test.PValue)})";
        ctx.Section("U-shape check (DEI and DEI²)", "table12_u_shape", test.ToTable("Lind–Mehlum test: digital economy index and the development gap"),
            $"Adding DEI² to the baseline, {verdict}; the turning point is DEI = {F(test.TurningPoint)} " +
            $"(95% delta-method interval [{F(test.DeltaLower)}, {F(test.DeltaUpper)}]; observed DEI range [{F(test.XMin)}, {F(test.XMax)}]).");
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
