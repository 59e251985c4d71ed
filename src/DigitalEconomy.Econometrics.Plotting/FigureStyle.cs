using ScottPlot;

namespace DigitalEconomy.Econometrics.Plotting;

/// <summary>The shared publication look: white background, light grid, colour-blind-safe colours, readable fonts.</summary>
internal static class FigureStyle
{
    // Okabe–Ito colours (Okabe and Ito 2008), distinguishable under the common colour-vision deficiencies.
    private static readonly Color[] Palette =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#D55E00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#E69F00"), Color.FromHex("#56B4E9"), Color.FromHex("#000000"), Color.FromHex("#F0E442"),
    ];

    private static readonly MarkerShape[] Markers =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.OpenCircle];

    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.DenselyDashed, LinePattern.Dotted];

    // A clean sans-serif face when one is installed (ScottPlot's own default can resolve to a serif on Linux).
    private static readonly string? SansFont = FindFont("DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI", "Open Sans", "Noto Sans");

    internal static string? FindFont(params string[] preferred)
    {
        try
        {
            var installed = new HashSet<string>(SkiaSharp.SKFontManager.Default.FontFamilies, StringComparer.OrdinalIgnoreCase);
            return preferred.FirstOrDefault(installed.Contains);
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException)
        {
            return null; // no font manager: keep ScottPlot's default
        }
    }

    public static Color Colour(int index) => Palette[index % Palette.Length];

    public static MarkerShape Marker(int index) => Markers[index % Markers.Length];

    public static LinePattern Pattern(int index) => Patterns[index % Patterns.Length];

    /// <summary>The sans-serif face used for Latin text, or null.</summary>
    internal static string? Sans => SansFont;

    public static Plot NewPlot()
    {
        var plot = new Plot();
        if (SansFont is { } font) plot.Font.Set(font);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Color.FromHex("#E5E5E5");
        return plot;
    }

    /// <summary>Integer ticks (years) on the bottom axis: every value when there are few, otherwise every k-th.</summary>
    public static void IntegerTicksBottom(Plot plot, IEnumerable<double> values)
    {
        var distinct = values.Distinct().Order().ToArray();
        int step = Math.Max(1, (int)Math.Ceiling(distinct.Length / 12.0));
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int k = 0; k < distinct.Length; k += step)
            ticks.AddMajor(distinct[k], distinct[k].ToString("0", System.Globalization.CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = ticks;
    }

    /// <summary>Applies labels and fonts, renders the PNG (with its DPI recorded in pHYs) or SVG and returns its full path.</summary>
    public static string Save(Plot plot, string path, FigureOptions options, string title, string xLabel, string yLabel, bool legend)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (options.Width < 100 || options.Height < 100)
            throw new SpecificationException($"A figure must be at least 100×100 pixels; got {options.Width}×{options.Height}.");
        if (options.Dpi is < 24 or > 1200)
            throw new SpecificationException($"A figure's DPI must be between 24 and 1200; got {options.Dpi}.");
        float size = options.FontSize;
        var texts = new[] { options.Title ?? title, options.XLabel ?? xLabel, options.YLabel ?? yLabel }
            .Concat(plot.GetPlottables().SelectMany(p => p.LegendItems).Select(i => i.LabelText ?? ""));
        if (FigureFonts.Resolve(string.Concat(texts), options.FontFamily) is { } family) plot.Font.Set(family);
        plot.Title(options.Title ?? title, size + 4);
        plot.Axes.Title.Label.Bold = true;
        plot.XLabel(options.XLabel ?? xLabel, size + 2);
        plot.YLabel(options.YLabel ?? yLabel, size + 2);
        plot.Axes.Bottom.TickLabelStyle.FontSize = size;
        plot.Axes.Left.TickLabelStyle.FontSize = size;
        if (legend)
        {
            // Outside the data area, on the right: a legend there can never hide a line or an interval.
            plot.ShowLegend(Edge.Right);
            plot.Legend.FontSize = size;
        }
        else
        {
            plot.HideLegend();
        }
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var format = options.Format ?? (full.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) ? FigureFormat.Svg : FigureFormat.Png);
        if (format == FigureFormat.Svg)
        {
            plot.SaveSvg(full, options.Width, options.Height);
        }
        else
        {
            float scale = options.Dpi / 96f;
            plot.ScaleFactor = scale;
            plot.SavePng(full, (int)Math.Round(options.Width * scale), (int)Math.Round(options.Height * scale));
            PngResolution.Write(full, options.Dpi);
        }
        return full;
    }
}
