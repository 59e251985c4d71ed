using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Dynamics;
using ScottPlot;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Plotting;

/// <summary>
/// Publication figures for the study, written as PNG files (ScottPlot 5): group means over time, kernel densities by
/// period, Hansen's LR(γ) curve with its critical value, and coefficient plots with confidence intervals. Inputs are
/// plain arrays and small records, so any estimator's output can be plotted. Every method validates its input
/// (throwing <see cref="SpecificationException"/> with one clear line), creates the target folder, and returns the full
/// path written.
/// </summary>
public static class Figures
{
    /// <summary>
    /// Line chart of one series per group, e.g. the mean DEI of East, Central and West cities by year.
    /// </summary>
    /// <param name="series">One series per line.</param>
    /// <param name="path">PNG file to write.</param>
    /// <param name="options">Size and labels; defaults: "Digital economy index by region", "Year", "Mean DEI".</param>
    public static string DeiByRegion(IReadOnlyList<Series> series, string path, FigureOptions? options = null)
    {
        options ??= new FigureOptions();
        return LinePlot(series, path, options with
        {
            Title = options.Title ?? "Digital economy index by region",
            XLabel = options.XLabel ?? "Year",
            YLabel = options.YLabel ?? "Mean DEI",
        });
    }

    /// <summary>
    /// The mean of <paramref name="valueColumn"/> by <paramref name="groupColumn"/> and period, one line per group:
    /// the "DEI by region over time" figure straight from a panel (missing values are skipped in each mean).
    /// </summary>
    /// <exception cref="SpecificationException">Unknown columns or periods that are not numbers.</exception>
    public static string DeiByRegion(PanelData panel, string path, string valueColumn = "dei", string groupColumn = "region", FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return DeiByRegion(GroupMeansOverTime(panel, valueColumn, groupColumn), path, options);
    }

    /// <summary>A general line chart: one line with markers per series, legend in the best corner.</summary>
    /// <exception cref="SpecificationException">No series, unequal lengths or non-finite values.</exception>
    public static string LinePlot(IReadOnlyList<Series> series, string path, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        options ??= new FigureOptions();
        if (series.Count == 0) throw new SpecificationException("A line plot needs at least one series.");
        using var plot = FigureStyle.NewPlot();
        for (int s = 0; s < series.Count; s++)
        {
            var line = series[s];
            var x = Finite(line.X, $"series '{line.Name}' x");
            var y = Finite(line.Y, $"series '{line.Name}' y");
            if (x.Length != y.Length)
                throw new SpecificationException($"Series '{line.Name}' has {x.Length} x values but {y.Length} y values.");
            if (x.Length == 0) throw new SpecificationException($"Series '{line.Name}' is empty.");
            var scatter = plot.Add.Scatter(x, y, FigureStyle.Colour(s));
            scatter.LegendText = line.Name;
            scatter.LineWidth = 2.5f;
            scatter.MarkerSize = 7;
            scatter.MarkerShape = FigureStyle.Marker(s);
        }
        if (series.All(s => s.X.All(v => v == Math.Round(v))))
            FigureStyle.IntegerTicksBottom(plot, series.SelectMany(s => s.X));
        return FigureStyle.Save(plot, path, options, "", "", "", legend: series.Count > 1);
    }

    /// <summary>
    /// Gaussian kernel densities (R's nrd0 bandwidth, <see cref="KernelDensity"/>) of several samples on one set of
    /// axes, e.g. the gap in the first, middle and last year.
    /// </summary>
    /// <param name="samples">One sample per curve.</param>
    /// <param name="path">PNG file to write.</param>
    /// <param name="options">Size and labels; defaults: "Kernel density of the development gap", "Gap", "Density".</param>
    public static string GapDensity(IReadOnlyList<DensitySample> samples, string path, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        options ??= new FigureOptions();
        if (samples.Count == 0) throw new SpecificationException("A density plot needs at least one sample.");
        using var plot = FigureStyle.NewPlot();
        for (int s = 0; s < samples.Count; s++)
        {
            var kde = KernelDensity.Estimate(Finite(samples[s].Values, $"sample '{samples[s].Label}'"), points: 256);
            var curve = plot.Add.ScatterLine(kde.Points.ToArray(), kde.Density.ToArray(), FigureStyle.Colour(s));
            curve.LegendText = samples[s].Label;
            curve.LineWidth = 2.5f;
            curve.LinePattern = FigureStyle.Pattern(s);
        }
        plot.Axes.Margins(bottom: 0);
        return FigureStyle.Save(plot, path, options, "Kernel density of the development gap", "Gap", "Density", legend: samples.Count > 1);
    }

    /// <summary>
    /// Densities of <paramref name="column"/> in the given periods (default: first, middle and last period).
    /// </summary>
    /// <exception cref="SpecificationException">Unknown column or period, or a period with fewer than 2 non-missing values.</exception>
    public static string GapDensity(PanelData panel, string path, string column = "gap", IReadOnlyList<string>? periods = null, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var times = panel.Times;
        periods ??= times.LevelCount switch
        {
            0 => throw new SpecificationException("The panel has no periods."),
            1 => [times.Levels[0]],
            2 => [times.Levels[0], times.Levels[1]],
            _ => [times.Levels[0], times.Levels[(times.LevelCount - 1) / 2], times.Levels[^1]],
        };
        var values = panel.Column(column);
        var samples = new List<DensitySample>();
        foreach (var period in periods)
        {
            int code = times.CodeOf(period);
            if (code < 0)
                throw new SpecificationException($"Period '{period}' is not in the panel; it has {times.Levels[0]}–{times.Levels[^1]}.");
            var sample = new List<double>();
            for (int r = 0; r < panel.RowCount; r++)
                if (times.Codes[r] == code && !double.IsNaN(values[r])) sample.Add(values[r]);
            samples.Add(new DensitySample(period, sample));
        }
        return GapDensity(samples, path, options);
    }

    /// <summary>
    /// Hansen's (1999) likelihood-ratio curve LR(γ) = (S₁(γ) − S₁(γ̂))/σ̂² over the threshold grid, with the critical
    /// value c(α) = −2·ln(1 − √(1 − α)) as a dashed line (7.35 at 95%): the confidence set for γ is where the curve lies
    /// below the line.
    /// </summary>
    /// <param name="gamma">Candidate thresholds (the grid), in any order.</param>
    /// <param name="likelihoodRatio">LR(γ) at each candidate.</param>
    /// <param name="path">PNG file to write.</param>
    /// <param name="confidenceLevel">1 − α for the critical line. Default 0.95.</param>
    /// <param name="estimate">γ̂ to mark with a vertical dotted line, if given.</param>
    /// <param name="options">Size and labels; defaults: "Likelihood ratio for the threshold", "Threshold γ (ln GDP per capita)", "LR(γ)".</param>
    /// <param name="maxLikelihoodRatio">
    /// Upper end of the vertical axis, to zoom in on the critical line when a very strong threshold effect squashes it
    /// onto the axis; the title then notes the cut. Null (default) shows the whole curve.
    /// </param>
    public static string ThresholdLikelihoodRatio(IReadOnlyList<double> gamma, IReadOnlyList<double> likelihoodRatio, string path,
        double confidenceLevel = 0.95, double? estimate = null, FigureOptions? options = null, double? maxLikelihoodRatio = null)
    {
        var x = Finite(gamma, "threshold grid");
        var y = Finite(likelihoodRatio, "LR values");
        if (x.Length != y.Length)
            throw new SpecificationException($"The threshold grid has {x.Length} points but there are {y.Length} LR values.");
        if (x.Length < 2) throw new SpecificationException("An LR(γ) plot needs at least 2 grid points.");
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
            throw new SpecificationException($"The confidence level must be between 0 and 1; got {confidenceLevel}.");
        Array.Sort(x, y);
        double critical = CriticalValue(confidenceLevel);
        using var plot = FigureStyle.NewPlot();
        var curve = plot.Add.ScatterLine(x, y, FigureStyle.Colour(0));
        curve.LineWidth = 2.5f;
        curve.LegendText = "LR(γ)";
        var line = plot.Add.HorizontalLine(critical, 2f, FigureStyle.Colour(1), LinePattern.Dashed);
        line.LegendText = $"{(confidenceLevel * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}% critical value ({critical.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)})";
        if (estimate is { } g)
        {
            if (!double.IsFinite(g)) throw new SpecificationException($"The threshold estimate must be a finite number; got {g}.");
            var mark = plot.Add.VerticalLine(g, 1.5f, FigureStyle.Colour(2), LinePattern.Dotted);
            mark.LegendText = "γ̂ = " + g.ToString("F4", System.Globalization.CultureInfo.InvariantCulture);
        }
        double top = y.Max();
        double? limit = maxLikelihoodRatio;
        if (limit is { } cap)
        {
            if (!(cap > 0) || double.IsInfinity(cap))
                throw new SpecificationException($"The LR axis limit must be a positive number; got {cap}.");
            plot.Axes.SetLimitsY(0, cap);
        }
        else
        {
            plot.Axes.Margins(bottom: 0);
        }
        var title = limit is { } shown && shown < top
            ? $"Likelihood ratio for the threshold (axis cut at {shown.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)})"
            : "Likelihood ratio for the threshold";
        return FigureStyle.Save(plot, path, options ?? new FigureOptions(), title, "Threshold γ (ln GDP per capita)", "LR(γ)", legend: true);
    }

    /// <summary>Hansen's (1999, eq. 16) critical value c(α) = −2·ln(1 − √(1 − α)) for the LR confidence set, α = 1 − level.</summary>
    public static double CriticalValue(double confidenceLevel) => Distributions.ThresholdLikelihoodRatioCritical(confidenceLevel);

    /// <summary>
    /// Coefficient plot: one row per estimate (top to bottom in the given order), a dot at the estimate, a horizontal
    /// bar for its confidence interval and a dashed line at zero; rows of different <see cref="CoefficientEstimate.Group"/>
    /// get different colours and legend entries.
    /// </summary>
    /// <param name="estimates">The coefficients.</param>
    /// <param name="path">PNG file to write.</param>
    /// <param name="options">Size and labels; defaults: "Effect on the development gap", "Coefficient (95% CI)".</param>
    public static string CoefficientPlot(IReadOnlyList<CoefficientEstimate> estimates, string path, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        if (estimates.Count == 0) throw new SpecificationException("A coefficient plot needs at least one estimate.");
        foreach (var e in estimates)
        {
            if (!double.IsFinite(e.Estimate) || !double.IsFinite(e.ConfLow) || !double.IsFinite(e.ConfHigh))
                throw new SpecificationException($"Coefficient '{e.Name}' has a missing or infinite estimate or bound.");
            if (e.ConfLow > e.Estimate || e.ConfHigh < e.Estimate)
                throw new SpecificationException($"Coefficient '{e.Name}': the interval [{e.ConfLow}, {e.ConfHigh}] does not contain the estimate {e.Estimate}.");
        }
        using var plot = FigureStyle.NewPlot();
        var groups = estimates.Select(e => e.Group ?? "").Distinct().ToList();
        int rows = estimates.Count;
        for (int gi = 0; gi < groups.Count; gi++)
        {
            var members = Enumerable.Range(0, rows).Where(i => (estimates[i].Group ?? "") == groups[gi]).ToArray();
            double[] ys = members.Select(i => (double)(rows - 1 - i)).ToArray();
            double[] xs = members.Select(i => estimates[i].Estimate).ToArray();
            var bars = plot.Add.ErrorBar(xs, ys, new double[xs.Length]);
            bars.XErrorNegative = members.Select(i => estimates[i].Estimate - estimates[i].ConfLow).ToArray();
            bars.XErrorPositive = members.Select(i => estimates[i].ConfHigh - estimates[i].Estimate).ToArray();
            bars.YErrorNegative = new double[xs.Length];
            bars.YErrorPositive = new double[xs.Length];
            bars.Color = FigureStyle.Colour(gi);
            bars.LineWidth = 2.5f;
            bars.CapSize = 8;
            var dots = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 10, FigureStyle.Colour(gi));
            if (groups[gi].Length > 0) dots.LegendText = groups[gi];
        }
        plot.Add.VerticalLine(0, 1.5f, Colors.Gray, LinePattern.Dashed);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < rows; i++) ticks.AddMajor(rows - 1 - i, estimates[i].Name);
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.SetLimitsY(-0.7, rows - 0.3);
        plot.Grid.YAxisStyle.IsVisible = false;
        return FigureStyle.Save(plot, path, options ?? new FigureOptions(), "Effect on the development gap",
            "Coefficient (95% CI)", "", legend: groups.Count > 1 || groups[0].Length > 0);
    }

    /// <summary>Mean of a column by group and period (missing values skipped), one series per group in level order.</summary>
    private static List<Series> GroupMeansOverTime(PanelData panel, string valueColumn, string groupColumn)
    {
        var values = panel.Column(valueColumn);
        var groups = panel.Grouping(groupColumn);
        var times = panel.Times;
        if (!times.IsNumeric)
            throw new SpecificationException($"Periods must be numbers (years) for a chart over time; '{panel.TimeName}' has '{times.Levels[0]}'.");
        var means = PanelTransforms.GroupMeans(values, groups, times);
        var result = new List<Series>();
        foreach (int g in OrderedGroups(groups))
        {
            var x = new List<double>();
            var y = new List<double>();
            for (int t = 0; t < times.LevelCount; t++)
            {
                if (double.IsNaN(means[g, t])) continue;
                x.Add(times.NumericLevel(t));
                y.Add(means[g, t]);
            }
            if (x.Count > 0) result.Add(new Series(groups.Levels[g], x, y));
        }
        return result;
    }

    /// <summary>East, Central, West in their geographic order when those are the levels; otherwise level order.</summary>
    private static IEnumerable<int> OrderedGroups(Factor groups)
    {
        string[] geographic = ["East", "Central", "West"];
        var known = geographic.Select(groups.CodeOf).Where(c => c >= 0).ToList();
        return known.Concat(Enumerable.Range(0, groups.LevelCount).Except(known));
    }

    private static double[] Finite(IReadOnlyList<double> values, string what)
    {
        ArgumentNullException.ThrowIfNull(values);
        var array = values.ToArray();
        foreach (var v in array)
            if (!double.IsFinite(v))
                throw new SpecificationException($"The {what} contain a missing or infinite value; drop missing values before plotting.");
        return array;
    }
}
