using System.Globalization;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Plotting;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Spatial;
using static DigitalEconomy.Cli.Replication.Interpretation;
using S = DigitalEconomy.Cli.Replication.StudyColumns;

namespace DigitalEconomy.Cli.Replication;

/// <summary>
/// The spatial chapter: Moran's I of the digital economy index and of the gap per year, the Moran scatterplot and
/// LISA map of the gap in the last year, LM tests, and a spatial Durbin model with city and year effects and its
/// direct/indirect/total effects. Needs the city coordinates (<c>lat</c>, <c>lon</c>); without them the chapter says
/// so in the report and is left out.
/// </summary>
internal static class SpatialChapter
{
    public const string Latitude = "lat";
    public const string Longitude = "lon";
    private const string Heading = "Spatial spillovers";

    /// <summary>Why the study's weight matrix cannot be built (no coordinate columns), or null when it can.</summary>
    internal static string? MissingCoordinates(PanelData panel) =>
        panel.HasNumeric(Latitude) && panel.HasNumeric(Longitude)
            ? null
            : $"the data have no '{Latitude}'/'{Longitude}' columns (city coordinates in degrees), which the spatial weight matrix is built from.";

    /// <summary>The study's W: five nearest neighbours by great-circle distance, row-standardised (the matrix of the bundled panel's generator).</summary>
    internal static SpatialWeights NeighbourWeights(PanelData panel) => NeighbourWeights(SpatialCoordinates.FromPanel(panel, Latitude, Longitude));

    private static SpatialWeights NeighbourWeights(SpatialCoordinates coordinates) =>
        SpatialWeights.NearestNeighbours(coordinates, 5).Standardise(WeightStyle.Row);

    public static void Run(ReplicationContext ctx)
    {
        var panel = ctx.Panel;
        if (MissingCoordinates(panel) is { } reason)
        {
            ctx.Section(Heading, "Not run: " + reason);
            ctx.Console.Note("note: spatial chapter not run: " + reason);
            return;
        }
        var coordinates = SpatialCoordinates.FromPanel(panel, Latitude, Longitude);
        var w = NeighbourWeights(coordinates);
        ulong seed = (ulong)(ctx.Settings.Seed ?? 20240601);
        var options = new MoranOptions { Permutations = 999, Seed = seed };
        var dei = SpatialAutocorrelation.ByPeriod(panel, S.Dei, w, options);
        var gap = SpatialAutocorrelation.ByPeriod(panel, S.Gap, w, options with { Local = true });

        var moran = new TableBuilder("Global Moran's I by year (5 nearest neighbours, great-circle distance, row-standardised)")
            .Columns("Year", "I (DEI)", "z", "p (perm.)", "I (gap)", "z", "p (perm.)");
        for (int t = 0; t < dei.Series.Count; t++)
        {
            var a = dei.Series[t];
            var b = gap.Series[t];
            moran.Row(a.Period, F(a.I), F(a.ZRandomisation), P(a.PPermutation), F(b.I), F(b.ZRandomisation), P(b.PPermutation));
        }
        moran.Note("z under randomisation; permutation p-values from 999 permutations (one-sided, positive autocorrelation). E[I] = " +
                   F(dei.Series[0].Expected) + ".");
        var lastYear = gap.Series[^1].Period;
        var local = gap.Local.Where(l => l.Period == lastYear).ToList();
        var section = SpatialLayoutValues(panel, S.Gap, lastYear);
        var scatterFile = ctx.Figure("figure12_moran_scatter_gap.png", null, (p, o) => SpatialFigures.MoranScatterplot(SpatialAutocorrelation.Scatter(w, section), p, o));
        var lon = local.Select(l => Coordinate(coordinates, l.Entity, false)).ToList();
        var lat = local.Select(l => Coordinate(coordinates, l.Entity, true)).ToList();
        var lisaFile = ctx.Figure("figure13_lisa_gap.png", null, (p, o) => SpatialFigures.LisaMap(local, lon, lat, p, options: o));
        var seriesFile = ctx.Figure("figure14_moran_over_time.png", null, (p, o) => SpatialFigures.MoranOverTime(gap.Series, p, options: o));
        int hh = local.Count(l => l.Quadrant == SpatialQuadrant.HighHigh && (l.PPermutation ?? 1) < 0.05);
        int ll = local.Count(l => l.Quadrant == SpatialQuadrant.LowLow && (l.PPermutation ?? 1) < 0.05);
        ctx.Section("Spatial autocorrelation", "table20_moran", moran.Build(),
            $"Moran's I of the digital economy index ranges from {F(dei.Series.Min(s => s.I))} to {F(dei.Series.Max(s => s.I))} and that of the gap from " +
            $"{F(gap.Series.Min(s => s.I))} to {F(gap.Series.Max(s => s.I))} across years. In {lastYear}, {hh} cities are significant high–high and {ll} low–low " +
            "clusters of the gap (LISA, 5% level). Figures 12–14 show the Moran scatterplot, the LISA map and Moran's I over time.",
            scatterFile, lisaFile, seriesFile);

        string[] x = [S.Dei, .. S.Controls];
        var fit = SpatialRegression.Fit(panel, w, new SpatialRegressionOptions(S.Gap, x)
        {
            Kind = SpatialModelKind.Sdm,
            Effects = SpatialEffects.TwoWay,
            Simulations = 1000,
            Seed = seed,
        });
        var model = new TableBuilder("Spatial Durbin model of the gap, city and year fixed effects (ML)").Columns("", "Estimate", "SE", "p");
        foreach (var c in fit.Coefficients) model.Row(c.Name == "rho" ? "ρ (W·gap)" : S.Label(c.Name), F(c.Estimate), F(c.StdError), FormatP(c.PValue));
        model.Rule().Row("σ²", F(fit.Sigma2), "", "").Row("Log-likelihood", F(fit.LogLikelihood), "", "").Row("Observations", fit.Observations.ToString(CultureInfo.InvariantCulture), "", "");
        var lm = fit.LmTests!;
        foreach (var test in new[] { lm.LmLag, lm.LmError, lm.RobustLmLag, lm.RobustLmError }.Concat(fit.Tests))
            model.Row(test.Name, F(test.Statistic), "", FormatP(test.PValue));
        model.Note("LM tests on the non-spatial two-way within regression; Wald/LR tests of the SDM against the SAR (θ = 0) and the SEM (θ = −ρβ).");
        var effects = new TableBuilder("Direct, indirect (spillover) and total effects (LeSage–Pace)").Columns("", "Direct", "SE", "Indirect", "SE", "Total", "SE");
        foreach (var i in fit.Impacts) effects.Row(S.Label(i.Name), F(i.Direct), F(i.DirectSe), F(i.Indirect), F(i.IndirectSe), F(i.Total), F(i.TotalSe));
        effects.Note("Standard errors from 1,000 draws of N(θ̂, V̂).");
        var d = fit.Impacts.First(i => i.Name == S.Dei);
        ctx.Section("Spatial Durbin model", "table21_sdm", model.Build(),
            $"The spatial lag of the gap has ρ = {F(fit.Rho!.Value)}; the LM tests give {PClause(lm.LmLag.PValue)} for a lag and {PClause(lm.LmError.PValue)} for spatial errors. " +
            "With a single DEI slope, ρ also absorbs spatially clustered terms this specification leaves out (the regime-dependent DEI effect of the threshold " +
            "chapter, the mediators and industries), so it is an upper-bound reading of the neighbours' pull.");
        ctx.Section("Spillover effects of the digital economy", "table22_sdm_effects", effects.Build(),
            $"A city's own digital economy has a direct effect of {F(d.Direct)} on its gap and an indirect effect through its neighbours of {F(d.Indirect)} " +
            $"(SE {F(d.IndirectSe)}); the total effect is {F(d.Total)}.");
    }

    private static string P(double? p) => p is { } v ? FormatP(v) : "";

    private static double[] SpatialLayoutValues(DigitalEconomy.Econometrics.Data.PanelData panel, string column, string period)
    {
        var values = new double[panel.Entities.LevelCount];
        var col = panel.Column(column);
        for (int r = 0; r < panel.RowCount; r++)
            if (panel.Times.LabelOf(r) == period) values[panel.Entities.Codes[r]] = col[r];
        return values;
    }

    private static double Coordinate(SpatialCoordinates c, string key, bool latitude)
    {
        int i = c.Keys.ToList().IndexOf(key);
        return latitude ? c.Latitudes[i] : c.Longitudes[i];
    }
}
