using System.Globalization;
using DigitalEconomy.Econometrics.Spatial;
using ScottPlot;

namespace DigitalEconomy.Econometrics.Plotting;

/// <summary>
/// Figures of spatial autocorrelation: the Moran scatterplot (Anselin 1996) with its regression line and quadrant
/// labels, a LISA map drawn as points at the units' coordinates coloured by quadrant (no shapefile needed), and
/// Moran's I over time with its interval under the null. Every method returns the full path of the PNG written.
/// </summary>
public static class SpatialFigures
{
    private static readonly Color High = Color.FromHex("#D55E00");
    private static readonly Color Low = Color.FromHex("#0072B2");
    private static readonly Color LowHigh = Color.FromHex("#56B4E9");
    private static readonly Color HighLow = Color.FromHex("#E69F00");
    private static readonly Color NotSignificant = Color.FromHex("#BBBBBB");

    private static Color QuadrantColour(SpatialQuadrant q) => q switch
    {
        SpatialQuadrant.HighHigh => High,
        SpatialQuadrant.LowLow => Low,
        SpatialQuadrant.LowHigh => LowHigh,
        _ => HighLow,
    };

    private static string QuadrantLabel(SpatialQuadrant q) => q switch
    {
        SpatialQuadrant.HighHigh => "HH",
        SpatialQuadrant.LowLow => "LL",
        SpatialQuadrant.LowHigh => "LH",
        _ => "HL",
    };

    /// <summary>
    /// Moran scatterplot: standardised values against their spatial lag, points coloured by quadrant, the least-squares
    /// line (slope = Moran's I for row-standardised W), axes through zero and the quadrant names in the corners.
    /// </summary>
    /// <param name="scatter">Scatter data from <see cref="SpatialAutocorrelation.Scatter"/>.</param>
    /// <param name="path">PNG file to write.</param>
    /// <param name="options">Size and labels; defaults "Moran scatterplot (slope = …)", "Standardised value", "Spatial lag".</param>
    public static string MoranScatterplot(MoranScatter scatter, string path, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scatter);
        if (scatter.Values.Count < 2 || scatter.Values.Count != scatter.Lags.Count)
            throw new SpecificationException("A Moran scatterplot needs at least two units with a value and a lag each.");
        var x = scatter.Values.ToArray();
        var y = scatter.Lags.ToArray();
        if (x.Concat(y).Any(v => !double.IsFinite(v))) throw new SpecificationException("Moran scatterplot: values and lags must be finite.");
        using var plot = FigureStyle.NewPlot();
        foreach (var q in new[] { SpatialQuadrant.HighHigh, SpatialQuadrant.LowHigh, SpatialQuadrant.LowLow, SpatialQuadrant.HighLow })
        {
            var idx = Enumerable.Range(0, x.Length).Where(i => Quadrant(x[i], y[i]) == q).ToArray();
            if (idx.Length == 0) continue;
            var m = plot.Add.Markers(idx.Select(i => x[i]).ToArray(), idx.Select(i => y[i]).ToArray(), MarkerShape.FilledCircle, 7, QuadrantColour(q));
            m.LegendText = $"{QuadrantLabel(q)} ({idx.Length})";
        }
        double lo = x.Min(), hi = x.Max();
        var line = plot.Add.Line(lo, scatter.Intercept + scatter.Slope * lo, hi, scatter.Intercept + scatter.Slope * hi);
        line.LineWidth = 2.5f;
        line.LineColor = Colors.Black;
        line.LegendText = "least squares";
        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dashed);
        plot.Add.VerticalLine(0, 1, Colors.Gray, LinePattern.Dashed);
        double ymin = y.Min(), ymax = y.Max();
        AddLabel(plot, "HH", hi, ymax, Alignment.UpperRight);
        AddLabel(plot, "LH", lo, ymax, Alignment.UpperLeft);
        AddLabel(plot, "LL", lo, ymin, Alignment.LowerLeft);
        AddLabel(plot, "HL", hi, ymin, Alignment.LowerRight);
        var title = $"Moran scatterplot (slope = {scatter.Slope.ToString("0.000", CultureInfo.InvariantCulture)})";
        return FigureStyle.Save(plot, path, options ?? new FigureOptions(), title, "Standardised value", "Spatial lag", legend: true);
    }

    private static SpatialQuadrant Quadrant(double z, double lag) =>
        z >= 0 ? (lag >= 0 ? SpatialQuadrant.HighHigh : SpatialQuadrant.HighLow) : (lag >= 0 ? SpatialQuadrant.LowHigh : SpatialQuadrant.LowLow);

    private static void AddLabel(Plot plot, string text, double x, double y, Alignment alignment)
    {
        var t = plot.Add.Text(text, x, y);
        t.LabelFontSize = 18;
        t.LabelBold = true;
        t.LabelFontColor = Colors.DimGray;
        t.LabelAlignment = alignment;
    }

    /// <summary>
    /// LISA map: one point per unit at (longitude, latitude), coloured by its Moran quadrant when its local p-value
    /// (the permutation p-value when available, else the normal one) is below <paramref name="significance"/>, grey otherwise.
    /// </summary>
    /// <param name="local">Local statistics of one period (one per unit).</param>
    /// <param name="longitude">Horizontal coordinate of each unit, in the order of <paramref name="local"/>.</param>
    /// <param name="latitude">Vertical coordinate of each unit.</param>
    /// <param name="path">PNG file to write.</param>
    /// <param name="significance">Level below which a unit is coloured. Default 0.05.</param>
    /// <param name="options">Size and labels; defaults "LISA cluster map", "Longitude", "Latitude".</param>
    public static string LisaMap(IReadOnlyList<LocalMoranStatistic> local, IReadOnlyList<double> longitude, IReadOnlyList<double> latitude, string path,
        double significance = 0.05, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(longitude);
        ArgumentNullException.ThrowIfNull(latitude);
        if (local.Count == 0) throw new SpecificationException("A LISA map needs at least one unit.");
        if (longitude.Count != local.Count || latitude.Count != local.Count)
            throw new SpecificationException($"A LISA map needs one coordinate pair per unit: {local.Count} units, {longitude.Count} longitudes, {latitude.Count} latitudes.");
        if (!(significance > 0 && significance < 1)) throw new SpecificationException($"The significance level must be in (0, 1); got {significance}.");
        using var plot = FigureStyle.NewPlot();
        bool Significant(LocalMoranStatistic s) => (s.PPermutation ?? s.PNormal) < significance;
        var groups = new List<(string Label, Color Colour, int[] Index)>
        {
            ($"not significant (p ≥ {significance.ToString("0.##", CultureInfo.InvariantCulture)})", NotSignificant,
                Enumerable.Range(0, local.Count).Where(i => !Significant(local[i])).ToArray()),
        };
        foreach (var q in new[] { SpatialQuadrant.HighHigh, SpatialQuadrant.LowLow, SpatialQuadrant.LowHigh, SpatialQuadrant.HighLow })
            groups.Add((QuadrantLabel(q), QuadrantColour(q), Enumerable.Range(0, local.Count).Where(i => Significant(local[i]) && local[i].Quadrant == q).ToArray()));
        foreach (var (label, colour, index) in groups)
        {
            if (index.Length == 0) continue;
            var m = plot.Add.Markers(index.Select(i => longitude[i]).ToArray(), index.Select(i => latitude[i]).ToArray(), MarkerShape.FilledCircle, 8, colour);
            m.LegendText = $"{label} ({index.Length})";
        }
        plot.Axes.SquareUnits();
        var period = local[0].Period.Length > 0 ? $" ({local[0].Period})" : "";
        return FigureStyle.Save(plot, path, options ?? new FigureOptions(), "LISA cluster map" + period, "Longitude", "Latitude", legend: true);
    }

    /// <summary>
    /// Moran's I by period with E[I] and the interval E[I] ± z·√Var_R under the null of no autocorrelation
    /// (randomisation variance; z the two-sided normal quantile of <paramref name="level"/>): points outside the band are
    /// significant. Periods must be numbers (years).
    /// </summary>
    /// <param name="series">Global statistics, one per period.</param>
    /// <param name="path">PNG file to write.</param>
    /// <param name="level">Coverage of the band. Default 0.95.</param>
    /// <param name="options">Size and labels; defaults "Moran's I over time", "Year", "Moran's I".</param>
    public static string MoranOverTime(IReadOnlyList<MoranStatistic> series, string path, double level = 0.95, FigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new SpecificationException("A Moran's I chart needs at least one period.");
        if (!(level > 0 && level < 1)) throw new SpecificationException($"The level must be in (0, 1); got {level}.");
        var x = new double[series.Count];
        for (int t = 0; t < series.Count; t++)
            if (!double.TryParse(series[t].Period, NumberStyles.Float, CultureInfo.InvariantCulture, out x[t]))
                throw new SpecificationException($"Periods must be numbers (years) for a chart over time; got '{series[t].Period}'.");
        double q = DigitalEconomy.Econometrics.Inference.Distributions.NormalQuantile(0.5 + level / 2);
        var i = series.Select(s => s.I).ToArray();
        var e = series.Select(s => s.Expected).ToArray();
        var upper = series.Select(s => s.Expected + q * Math.Sqrt(s.VarianceRandomisation)).ToArray();
        var lower = series.Select(s => s.Expected - q * Math.Sqrt(s.VarianceRandomisation)).ToArray();
        using var plot = FigureStyle.NewPlot();
        var band = plot.Add.FillY(x, lower, upper);
        band.FillColor = Color.FromHex("#0072B2").WithAlpha(0.15);
        band.LineColor = Colors.Transparent;
        band.LegendText = $"{(level * 100).ToString("0.##", CultureInfo.InvariantCulture)}% band under no autocorrelation";
        var exp = plot.Add.ScatterLine(x, e, Colors.Gray);
        exp.LinePattern = LinePattern.Dashed;
        exp.LegendText = "E[I]";
        var line = plot.Add.Scatter(x, i, FigureStyle.Colour(1));
        line.LineWidth = 2.5f;
        line.MarkerSize = 7;
        line.LegendText = "Moran's I";
        if (x.All(v => v == Math.Round(v))) FigureStyle.IntegerTicksBottom(plot, x);
        return FigureStyle.Save(plot, path, options ?? new FigureOptions(), "Moran's I over time", "Year", "Moran's I", legend: true);
    }
}
