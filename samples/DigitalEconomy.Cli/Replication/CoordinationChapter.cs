using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Dynamics;
using DigitalEconomy.Econometrics.Indices;
using DigitalEconomy.Econometrics.Plotting;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Spatial;
using static DigitalEconomy.Cli.Replication.Interpretation;
using S = DigitalEconomy.Cli.Replication.StudyColumns;

namespace DigitalEconomy.Cli.Replication;

/// <summary>
/// Coordinated development: the coupling coordination of the digital economy and economic development by region and
/// year, the distribution of the gap over time, the Markov chain of relative income and σ-/β-convergence, and (with
/// city coordinates) the spatial Markov chain and spatial β-convergence.
/// </summary>
internal static class CoordinationChapter
{
    public const string EconColumn = "econ";
    public const string CouplingFigure = "figure05_coupling_by_region.png";
    public const string DensityFigure = "figure06_gap_density_years.png";
    public const string RidgelineFigure = "figure07_gap_ridgeline.png";
    public const string SigmaFigure = "figure08_sigma_convergence.png";

    private static readonly string[] DensityYears = ["2008", "2013", "2019"];

    public static void Run(ReplicationContext ctx)
    {
        var panel = ctx.Panel;
        var absent = new[] { S.Dei, S.GdpPerCapita, S.Gap }.Where(c => !panel.HasNumeric(c)).ToList();
        if (!panel.HasColumn(S.Region)) absent.Add(S.Region);
        if (absent.Count > 0)
            throw new EconometricsException($"the panel lacks {string.Join(", ", absent)}, which the coordinated-development chapter needs.");
        Coupling(ctx, panel);
        Densities(ctx, panel);
        Markov(ctx, panel);
        ConvergenceSection(ctx, panel);
        SpatialDynamics(ctx, panel);
    }

    private const string SpatialHeading = "Spatial distribution dynamics and spatial β-convergence";

    /// <summary>
    /// The Markov chain of relative income conditioned on the neighbours' class (Rey 2001) with the Bickenbach–Bode
    /// homogeneity tests, and β-convergence in SAR and SEM form, on the spatial chapter's weight matrix.
    /// </summary>
    private static void SpatialDynamics(ReplicationContext ctx, PanelData panel)
    {
        if (SpatialChapter.MissingCoordinates(panel) is { } reason)
        {
            ctx.Section(SpatialHeading, "Not run: " + reason);
            ctx.Console.Note("note: spatial distribution dynamics not run: " + reason);
            return;
        }
        var w = SpatialChapter.NeighbourWeights(panel);
        var fit = MarkovChain.Fit(panel, S.GdpPerCapita, new MarkovChainOptions { Classes = 4 }, w);
        var s = fit.Spatial!;
        var markov = new TableBuilder("Spatial Markov matrix of relative GDP per capita, conditioned on the neighbours' class (t → t+1)")
            .Columns(["Neighbours", "From \\ to", "n", .. Enumerable.Range(1, 4).Select(j => $"Class {j}")]);
        for (int l = 0; l < s.Conditional.Count; l++)
        {
            if (l > 0) markov.Rule();
            var m = s.Conditional[l];
            for (int i = 0; i < 4; i++)
                markov.Row(i == 0 ? $"Class {l + 1}" : "", [$"Class {i + 1}", NumberFormat.Count(m.RowTotals[i]), .. m.Probabilities[i].Select(p => NumberFormat.Fixed(p, 3))]);
        }
        var h = s.Homogeneity;
        markov.Note("Neighbours' class: quartile of the spatial lag (mean relative income of the 5 nearest cities, great-circle distance); own classes as in the Markov table.");
        markov.Note($"Homogeneity (Bickenbach–Bode): LR = {NumberFormat.Fixed(h.LikelihoodRatio, 2)}, Q = {NumberFormat.Fixed(h.Q, 2)}, df = {h.DegreesOfFreedom}, p(LR) = {FormatP(h.PValueLr)}, p(Q) = {FormatP(h.PValueQ)}.");
        double UpFromBottom(int l) => 1 - s.Conditional[l].Probabilities[0][0];
        ctx.Section(SpatialHeading, "table18b_spatial_markov", markov.Build(),
            $"A city in the poorest class leaves it within a year with probability {F(UpFromBottom(0))} when its neighbours are also in the poorest class " +
            $"and {F(UpFromBottom(s.Conditional.Count - 1))} when they are in the richest. The LR test {(h.PValueLr < 0.05 ? "rejects" : "does not reject")} " +
            $"that the transitions are the same whatever the neighbours' class ({PClause(h.PValueLr)}).");

        var controls = S.Controls.Where(panel.HasNumeric).ToArray();
        var rows = new List<SpatialBetaConvergenceEstimate>();
        foreach (var model in new[] { SpatialModelKind.Sar, SpatialModelKind.Sem })
            rows.AddRange(Convergence.Analyse(panel, S.GdpPerCapita, new ConvergenceOptions { Controls = controls, Weights = w, SpatialModel = model }).SpatialBeta);
        var beta = new TableBuilder("Spatial β-convergence of GDP per capita").Columns("Model", "Sample", "β", "SE", "Speed", "Half-life", "ρ / λ");
        foreach (var b in rows)
            beta.Row(b.Kind.Replace("spatial_", "").ToUpperInvariant(), b.Scope == "panel" ? "panel, FE" : "cross-section",
                NumberFormat.Estimate(b.Beta.Estimate, b.Beta.PValue, 4), NumberFormat.Parenthesised(b.Beta.StdError, 4),
                NumberFormat.Fixed(b.Speed, 4), NumberFormat.Fixed(b.HalfLife, 1), NumberFormat.Fixed(b.Rho ?? b.Lambda ?? double.NaN, 3));
        beta.Note($"ML. Cross-section: ln(y_T/y_0) on ln y_0 with an intercept; panel: annual growth on ln y_t, {string.Join(", ", controls)}, city and year fixed effects. Speed −ln(1 + β)/τ.");
        var sar = rows.First(r => r.Kind == "spatial_sar" && r.Scope == "panel");
        var sem = rows.First(r => r.Kind == "spatial_sem" && r.Scope == "panel");
        ctx.Section("Spatial β-convergence", "table18c_spatial_convergence", beta.Build(),
            $"With the neighbours' growth in the model (SAR, ρ = {F(sar.Rho!.Value)}) conditional β = {F(sar.Beta.Estimate)} ({PClause(sar.Beta.PValue)}), a half-life of {NumberFormat.Fixed(sar.HalfLife, 1)} years; " +
            $"with spatially correlated shocks (SEM, λ = {F(sem.Lambda!.Value)}) β = {F(sem.Beta.Estimate)} (half-life {NumberFormat.Fixed(sem.HalfLife, 1)} years).");
    }

    /// <summary>Economic development score: ln GDP per capita min-max normalised over all city-years to [0, 1].</summary>
    internal static PanelData WithEconomicScore(PanelData panel)
    {
        var y = panel.CopyColumn(S.GdpPerCapita);
        for (int r = 0; r < y.Length; r++) y[r] = y[r] > 0 ? Math.Log(y[r]) : double.NaN;
        double min = y.Where(double.IsFinite).Min(), max = y.Where(double.IsFinite).Max();
        if (!(max > min)) throw new EconometricsException($"'{S.GdpPerCapita}' does not vary, so no economic development score can be built.");
        for (int r = 0; r < y.Length; r++) y[r] = (y[r] - min) / (max - min);
        return panel.WithColumn(EconColumn, y);
    }

    private static void Coupling(ReplicationContext ctx, PanelData panel)
    {
        var scored = WithEconomicScore(panel);
        var result = CouplingCoordination.Compute(scored, [S.Dei, EconColumn], new CouplingCoordinationOptions { GroupColumn = S.Region });
        var groups = result.Summary.Select(s => s.Group).Distinct().ToArray();
        var times = result.Summary.Select(s => s.Time).Distinct().ToArray();
        var cell = result.Summary.ToDictionary(s => (s.Time, s.Group));
        var builder = new TableBuilder("Coupling coordination degree D of the digital economy and economic development").Columns(["Year", .. groups]);
        foreach (var t in times)
            builder.Row(t, groups.Select(g => cell.TryGetValue((t, g), out var s) ? NumberFormat.Fixed(s.MeanDegree, 3) : ".").ToArray());
        builder.Note("D = √(C·T), C = 2√(U₁U₂)/(U₁+U₂), T = (U₁+U₂)/2; U₁ = digital economy index, U₂ = min-max normalised ln GDP per capita. Means over cities.");
        var first = cell[(times[0], "All")];
        var last = cell[(times[^1], "All")];
        var lagging = result.Rows.Where(r => r.Time == times[^1]).GroupBy(r => r.Lagging ?? "balanced").OrderByDescending(g => g.Count()).First();
        var series = groups.Where(g => g != "All").Select(g => new Series(g,
            times.Where(t => cell.ContainsKey((t, g))).Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            times.Where(t => cell.ContainsKey((t, g))).Select(t => cell[(t, g)].MeanDegree).ToArray())).ToArray();
        var figure = ctx.Figure(CouplingFigure, new FigureOptions { Title = "Coupling coordination degree by region", XLabel = "Year", YLabel = "Mean D" },
            (path, o) => Figures.LinePlot(series, path, o));
        ctx.Section("Coupling coordination of the digital economy and economic development", "table15_coupling", builder.Build(),
            $"The mean coupling coordination degree moves from {F(first.MeanDegree)} ({CouplingCoordination.Classify(first.MeanDegree).Label}) in {first.Time} " +
            $"to {F(last.MeanDegree)} ({CouplingCoordination.Classify(last.MeanDegree).Label}) in {last.Time}. In {last.Time} the most common relative type is " +
            $"{(lagging.Key == "balanced" ? "balanced development" : $"'{lagging.Key}' lagging")} ({lagging.Count()} cities).", figure);
    }

    private static void Densities(ReplicationContext ctx, PanelData panel)
    {
        var times = panel.Times.Levels;
        var years = DensityYears.All(y => times.Contains(y)) ? DensityYears
            : [times[0], times[(times.Count - 1) / 2], times[^1]];
        var all = KernelDensity.PerPeriod(panel, S.Gap);
        var chosen = all.Periods.Where(p => years.Contains(p.Time)).ToArray();
        var builder = new TableBuilder($"Kernel density of the development gap ({all.Kernel}, Silverman bandwidth)").Columns("Year", "N", "Bandwidth", "Mode", "Peak density");
        foreach (var p in all.Periods)
        {
            int k = Enumerable.Range(0, p.Density.Count).MaxBy(i => p.Density[i]);
            builder.Row(p.Time, NumberFormat.Count(p.Count), NumberFormat.Fixed(p.Bandwidth, 4), NumberFormat.Fixed(all.Grid[k], 3), NumberFormat.Fixed(p.Density[k], 3));
        }
        var overlay = ctx.Figure(DensityFigure, new FigureOptions { Title = "Kernel density of the development gap", XLabel = "Gap" },
            (path, o) => DynamicsFigures.DensityOverlay(all, path, years, o));
        var ridge = ctx.Figure(RidgelineFigure, new FigureOptions { XLabel = "Gap" }, (path, o) => DynamicsFigures.DensityRidgeline(all, path, options: o));
        string Peak(PeriodDensity p) => F(p.Density.Max());
        ctx.Section("Distribution dynamics of the development gap", "table16_gap_density", builder.Build(),
            $"The peak of the gap density is {Peak(chosen[0])} in {chosen[0].Time}, {Peak(chosen[1])} in {chosen[1].Time} and {Peak(chosen[^1])} in {chosen[^1].Time}; " +
            "a higher, narrower peak means cities' gaps concentrate. The ridgeline shows every year.", overlay, ridge);
    }

    private static void Markov(ReplicationContext ctx, PanelData panel)
    {
        var fit = MarkovChain.Fit(panel, S.GdpPerCapita, new MarkovChainOptions { Classes = 4 });
        var m = fit.Transitions;
        var builder = new TableBuilder("Markov transition matrix of relative GDP per capita (quartile classes, t → t+1)")
            .Columns(["From \\ to", "n", .. Enumerable.Range(1, 4).Select(j => $"Class {j}")]);
        for (int i = 0; i < 4; i++)
            builder.Row($"Class {i + 1}", [NumberFormat.Count(m.RowTotals[i]), .. m.Probabilities[i].Select(p => NumberFormat.Fixed(p, 3))]);
        builder.Rule();
        builder.Row("Initial share", ["", .. fit.ClassShares[0].Shares.Select(p => NumberFormat.Fixed(p, 3))]);
        builder.Row("Ergodic", ["", .. m.Ergodic.Select(p => NumberFormat.Fixed(p, 3))]);
        builder.Note($"Classes of y/mean_t y cut at the pooled quartiles {string.Join(", ", fit.Cuts.Select(F))}.");
        double stay = Enumerable.Range(0, 4).Average(i => m.Probabilities[i][i]);
        ctx.Section("Markov chain of relative income", "table17_markov", builder.Build(),
            $"Cities keep their class from one year to the next with probability {F(stay)} on average; " +
            (m.HasErgodicDistribution
                ? $"in the long run the chain settles at shares {string.Join(" / ", m.Ergodic.Select(Percent))} from the poorest to the richest class."
                : "the chain has no unique ergodic distribution."));
    }

    private static void ConvergenceSection(ReplicationContext ctx, PanelData panel)
    {
        var controls = S.Controls.Where(panel.HasNumeric).ToArray();
        var result = Convergence.Analyse(panel, S.GdpPerCapita, new ConvergenceOptions { Controls = controls });
        var builder = new TableBuilder("σ- and β-convergence of GDP per capita").Columns("", "Estimate", "SE", "p", "Speed", "Half-life");
        foreach (var t in result.SigmaTrends)
            builder.Row($"σ trend ({t.Measure})", NumberFormat.Estimate(t.Slope, t.PValue, 5), NumberFormat.Parenthesised(t.StdError, 5), FormatP(t.PValue), "", "");
        builder.Rule();
        foreach (var b in result.Beta)
            builder.Row($"β {b.Kind.Replace('_', ' ')}", NumberFormat.Estimate(b.Beta.Estimate, b.Beta.PValue, 4), NumberFormat.Parenthesised(b.Beta.StdError, 4),
                FormatP(b.Beta.PValue), NumberFormat.Fixed(b.Speed, 4), NumberFormat.Fixed(b.HalfLife, 1));
        builder.Note($"β: growth of ln GDP per capita on its initial level; conditional adds {string.Join(", ", controls)} and city and year fixed effects; SEs clustered by city (cross-section: HC1).");
        var sd = result.SigmaTrends[0];
        var abs = result.Beta[0];
        var cond = result.Beta[1];
        var figure = ctx.Figure(SigmaFigure, new FigureOptions { Title = "σ-convergence of GDP per capita", XLabel = "Year", YLabel = "SD of ln GDP per capita" },
            (path, o) => Figures.LinePlot(
            [new Series("SD of ln GDP per capita", result.Sigma.Select(p => double.Parse(p.Time, System.Globalization.CultureInfo.InvariantCulture)).ToArray(), result.Sigma.Select(p => p.StandardDeviation).ToArray())], path, o));
        ctx.Section("Convergence of GDP per capita", "table18_convergence", builder.Build(),
            $"The dispersion of ln GDP per capita {(sd.Slope < 0 ? "falls" : "rises")} by {F(Math.Abs(sd.Slope))} a year ({PClause(sd.PValue)}). " +
            $"Absolute β = {F(abs.Beta.Estimate)} ({PClause(abs.Beta.PValue)}) implies a speed of {Percent(abs.Speed)} a year and a half-life of {NumberFormat.Fixed(abs.HalfLife, 1)} years; " +
            $"conditional on the controls and fixed effects β = {F(cond.Beta.Estimate)} (half-life {NumberFormat.Fixed(cond.HalfLife, 1)} years).", figure);
    }
}
