using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Did;
using DigitalEconomy.Econometrics.Dynamics;
using ScottPlot;

namespace DigitalEconomy.Econometrics.Plotting;

/// <summary>One estimator's event-study points for <see cref="DidFigures.EventStudy"/>.</summary>
/// <param name="Name">Legend label (e.g. "TWFE", "Callaway–Sant'Anna").</param>
/// <param name="Effects">Points by event time; uniform bands are drawn when <see cref="EventTimeEffect.BandLow"/> is set.</param>
public sealed record EventStudySeries(string Name, IReadOnlyList<EventTimeEffect> Effects);

/// <summary>Figures of staggered difference-in-differences: event studies, the Goodman-Bacon scatter and placebo densities.</summary>
public static class DidFigures
{
    /// <summary>
    /// Event-study plot: for each estimator a marker at each event time with its pointwise confidence interval and,
    /// when available, the uniform (sup-t) band as a shaded area; estimators are offset slightly along the axis so
    /// the intervals do not overlap. A dashed zero line and a dotted vertical line at the reference period (whose
    /// point is drawn open) mark the normalisation.
    /// </summary>
    /// <param name="series">One or more estimators.</param>
    /// <param name="path">PNG file to write.</param>
    /// <param name="referencePeriod">Reference event time to mark (default −1); null marks none.</param>
    /// <param name="options">Size and labels; defaults: "Event study", "Periods since adoption", "Effect (95% CI)".</param>
    public static string EventStudy(IReadOnlyList<EventStudySeries> series, string path, int? referencePeriod = -1, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0 || series.All(s => s.Effects.Count == 0))
            throw new SpecificationException("An event-study plot needs at least one estimator with at least one point.");
        using var plot = FigureStyle.NewPlot();
        double width = series.Count == 1 ? 0 : 0.5 / series.Count;
        var allE = new List<double>();
        for (int s = 0; s < series.Count; s++)
        {
            var pts = series[s].Effects.Where(p => double.IsFinite(p.Estimate)).OrderBy(p => p.EventTime).ToArray();
            if (pts.Length == 0) continue;
            double shift = series.Count == 1 ? 0 : (s - (series.Count - 1) / 2.0) * width;
            var xs = pts.Select(p => p.EventTime + shift).ToArray();
            allE.AddRange(pts.Select(p => (double)p.EventTime));
            var colour = FigureStyle.Colour(s);
            var banded = pts.Where(p => p.BandLow is not null && p.BandHigh is not null && !p.IsReference).ToArray();
            if (banded.Length > 1)
            {
                var fill = plot.Add.FillY(banded.Select(p => p.EventTime + shift).ToArray(),
                    banded.Select(p => p.BandLow!.Value).ToArray(), banded.Select(p => p.BandHigh!.Value).ToArray());
                fill.FillColor = colour.WithAlpha(0.15);
                fill.LineColor = colour.WithAlpha(0);
                fill.LegendText = series[s].Name + " uniform band";
            }
            var estimated = pts.Where(p => !p.IsReference && double.IsFinite(p.StdError)).ToArray();
            if (estimated.Length > 0)
            {
                var ex = estimated.Select(p => p.EventTime + shift).ToArray();
                var bars = plot.Add.ErrorBar(ex, estimated.Select(p => p.Estimate).ToArray(), new double[ex.Length]);
                bars.YErrorNegative = estimated.Select(p => p.Estimate - p.ConfLow).ToArray();
                bars.YErrorPositive = estimated.Select(p => p.ConfHigh - p.Estimate).ToArray();
                bars.XErrorNegative = new double[ex.Length];
                bars.XErrorPositive = new double[ex.Length];
                bars.Color = colour;
                bars.LineWidth = 2;
                bars.CapSize = 5;
            }
            var line = plot.Add.ScatterLine(xs, pts.Select(p => p.Estimate).ToArray(), colour);
            line.LineWidth = 1.5f;
            line.LinePattern = FigureStyle.Pattern(s);
            var dots = plot.Add.Markers(xs, pts.Select(p => p.Estimate).ToArray(), FigureStyle.Marker(s), 9, colour);
            dots.LegendText = series[s].Name;
            var refs = pts.Where(p => p.IsReference).ToArray();
            if (refs.Length > 0)
                plot.Add.Markers(refs.Select(p => p.EventTime + shift).ToArray(), refs.Select(p => p.Estimate).ToArray(), MarkerShape.OpenCircle, 11, colour);
        }
        plot.Add.HorizontalLine(0, 1.5f, Colors.Gray, LinePattern.Dashed);
        if (referencePeriod is int r)
        {
            var v = plot.Add.VerticalLine(r, 1.5f, Colors.Gray, LinePattern.Dotted);
            v.LegendText = $"reference (e = {r})";
        }
        FigureStyle.IntegerTicksBottom(plot, allE);
        return FigureStyle.Save(plot, path, options ?? new FigureOptions(), "Event study", "Periods since adoption", "Effect (95% CI)", legend: true);
    }

    /// <summary>
    /// Goodman-Bacon scatter: each 2×2 comparison's estimate against its weight in the TWFE coefficient, coloured by
    /// comparison type, with the TWFE coefficient as a dashed horizontal line.
    /// </summary>
    /// <param name="decomposition">The decomposition.</param>
    /// <param name="path">PNG file to write.</param>
    /// <param name="options">Size and labels; defaults: "Goodman-Bacon decomposition", "Weight", "2×2 DID estimate".</param>
    public static string BaconScatter(BaconDecompositionResult decomposition, string path, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(decomposition);
        using var plot = FigureStyle.NewPlot();
        var types = decomposition.Comparisons.Select(c => c.Type).Distinct().Order().ToArray();
        for (int k = 0; k < types.Length; k++)
        {
            var members = decomposition.Comparisons.Where(c => c.Type == types[k]).ToArray();
            var m = plot.Add.Markers(members.Select(c => c.Weight).ToArray(), members.Select(c => c.Estimate).ToArray(), FigureStyle.Marker(k), 12, FigureStyle.Colour(k));
            m.LegendText = types[k] switch
            {
                BaconComparisonType.TreatedVsUntreated => "Treated vs never treated",
                BaconComparisonType.EarlierVsLaterTreated => "Earlier vs later treated",
                BaconComparisonType.LaterVsEarlierTreated => "Later vs earlier treated",
                _ => "Later vs always treated",
            };
        }
        var twfe = plot.Add.HorizontalLine(decomposition.Twfe.Att.Estimate, 1.5f, Colors.Gray, LinePattern.Dashed);
        twfe.LegendText = "TWFE coefficient";
        plot.Axes.Margins(left: 0.05, right: 0.05);
        return FigureStyle.Save(plot, path, options ?? new FigureOptions(), "Goodman-Bacon decomposition", "Weight", "2×2 DID estimate", legend: true);
    }

    /// <summary>
    /// Placebo density: a Gaussian kernel density (Silverman bandwidth) of the permutation estimates with the
    /// actual estimate as a vertical line, annotated with the permutation p-value.
    /// </summary>
    /// <param name="placebo">The permutation test.</param>
    /// <param name="path">PNG file to write.</param>
    /// <param name="options">Size and labels; defaults: "Placebo distribution (p = …)", "Placebo TWFE estimate", "Density".</param>
    public static string PlaceboDensity(PlaceboResult placebo, string path, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(placebo);
        var draws = placebo.Distribution.Where(double.IsFinite).ToArray();
        if (draws.Length < 2) throw new SpecificationException("A placebo density needs at least two finite placebo estimates.");
        using var plot = FigureStyle.NewPlot();
        var kde = KernelDensity.Estimate(draws, points: 256);
        var curve = plot.Add.ScatterLine(kde.Points.ToArray(), kde.Density.ToArray(), FigureStyle.Colour(0));
        curve.LineWidth = 2.5f;
        curve.LegendText = $"{placebo.Replications} permutations";
        var actual = plot.Add.VerticalLine(placebo.Observed, 2f, FigureStyle.Colour(1), LinePattern.Solid);
        actual.LegendText = "actual estimate";
        plot.Axes.Margins(bottom: 0);
        string title = $"Placebo distribution (p = {placebo.PValue.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)})";
        return FigureStyle.Save(plot, path, options ?? new FigureOptions(), title, "Placebo TWFE estimate", "Density", legend: true);
    }
}
