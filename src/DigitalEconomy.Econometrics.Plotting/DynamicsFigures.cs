using DigitalEconomy.Econometrics.Dynamics;
using ScottPlot;

namespace DigitalEconomy.Econometrics.Plotting;

/// <summary>Figures of distribution dynamics: densities of chosen periods overlaid, and a ridgeline of every period.</summary>
public static class DynamicsFigures
{
    /// <summary>The densities of <paramref name="periods"/> (default: every period of the series) as overlaid curves on the common grid.</summary>
    /// <param name="series">Densities per period (<see cref="KernelDensity.PerPeriod"/>).</param>
    /// <param name="path">PNG file to write.</param>
    /// <param name="periods">Period labels to draw, in the order given; null for all.</param>
    /// <param name="options">Size and labels; defaults: "Kernel density of VARIABLE", VARIABLE, "Density".</param>
    /// <exception cref="SpecificationException">A period not in the series, or none to draw.</exception>
    public static string DensityOverlay(KernelDensitySeries series, string path, IReadOnlyList<string>? periods = null, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        options ??= new FigureOptions();
        var chosen = Choose(series, periods);
        using var plot = FigureStyle.NewPlot();
        var x = series.Grid.ToArray();
        for (int s = 0; s < chosen.Count; s++)
        {
            var curve = plot.Add.ScatterLine(x, chosen[s].Density.ToArray(), FigureStyle.Colour(s));
            curve.LegendText = chosen[s].Time;
            curve.LineWidth = 2.5f;
            curve.LinePattern = FigureStyle.Pattern(s);
        }
        plot.Axes.Margins(bottom: 0);
        return FigureStyle.Save(plot, path, options, $"Kernel density of {series.Variable}", series.Variable, "Density", legend: chosen.Count > 1);
    }

    /// <summary>
    /// A ridgeline of every period: each density drawn filled on its own baseline, the first period at the bottom, baselines
    /// <paramref name="spacing"/> × the tallest peak apart (below 1 the ridges overlap, as in a joy plot).
    /// </summary>
    /// <param name="series">Densities per period.</param>
    /// <param name="path">PNG file to write.</param>
    /// <param name="spacing">Distance between baselines as a fraction of the highest density (default 0.6).</param>
    /// <param name="options">Size and labels; defaults: "Distribution of VARIABLE by period", VARIABLE, "".</param>
    /// <exception cref="SpecificationException">A non-positive spacing or an empty series.</exception>
    public static string DensityRidgeline(KernelDensitySeries series, string path, double spacing = 0.6, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        options ??= new FigureOptions();
        if (!(spacing > 0)) throw new SpecificationException($"The ridgeline spacing must be positive; got {spacing}.");
        if (series.Periods.Count == 0) throw new SpecificationException("A ridgeline needs at least one period.");
        double peak = series.Periods.Max(p => p.Density.Max());
        double step = spacing * peak;
        using var plot = FigureStyle.NewPlot();
        var x = series.Grid.ToArray();
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        // Later periods sit higher and are drawn first, so each lower ridge is painted in front of the one behind it.
        for (int i = series.Periods.Count - 1; i >= 0; i--)
        {
            double baseline = i * step;
            var top = series.Periods[i].Density.Select(d => baseline + d).ToArray();
            var bottom = Enumerable.Repeat(baseline, x.Length).ToArray();
            var fill = plot.Add.FillY(x, top, bottom);
            var colour = FigureStyle.Colour(i);
            fill.FillColor = colour.WithAlpha(0.55);
            fill.LineColor = Colors.Transparent;
            var line = plot.Add.ScatterLine(x, top, colour.Darken(0.3));
            line.LineWidth = 1.5f;
            ticks.AddMajor(baseline, series.Periods[i].Time);
        }
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Margins(bottom: 0.02);
        return FigureStyle.Save(plot, path, options, $"Distribution of {series.Variable} by period", series.Variable, "", legend: false);
    }

    private static IReadOnlyList<PeriodDensity> Choose(KernelDensitySeries series, IReadOnlyList<string>? periods)
    {
        if (periods is null)
            return series.Periods.Count > 0 ? series.Periods : throw new SpecificationException("The density series has no period to draw.");
        var byTime = series.Periods.ToDictionary(p => p.Time, StringComparer.Ordinal);
        var chosen = new List<PeriodDensity>();
        foreach (var p in periods)
            chosen.Add(byTime.TryGetValue(p, out var d) ? d
                : throw new SpecificationException($"Period '{p}' is not in the density series; it has {string.Join(", ", series.Periods.Select(q => q.Time))}."));
        if (chosen.Count == 0) throw new SpecificationException("Choose at least one period to draw.");
        return chosen;
    }
}
