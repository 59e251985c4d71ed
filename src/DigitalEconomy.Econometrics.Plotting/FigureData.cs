namespace DigitalEconomy.Econometrics.Plotting;

/// <summary>Layout and labels of one figure. Every text is optional; each figure supplies sensible defaults.</summary>
public sealed record FigureOptions
{
    /// <summary>Image width in pixels. Default 800.</summary>
    public int Width { get; init; } = 800;

    /// <summary>Image height in pixels. Default 500.</summary>
    public int Height { get; init; } = 500;

    /// <summary>Title above the plot; null for the figure's default, "" for none.</summary>
    public string? Title { get; init; }

    /// <summary>Horizontal-axis label; null for the figure's default.</summary>
    public string? XLabel { get; init; }

    /// <summary>Vertical-axis label; null for the figure's default.</summary>
    public string? YLabel { get; init; }

    /// <summary>
    /// Font family for every text of the figure; null (default) picks a clean sans-serif, or — when a title or axis
    /// label has CJK characters — an installed CJK font (Noto Sans CJK, Source Han Sans, WenQuanYi, …) so Chinese
    /// text is drawn as glyphs, not boxes. See <see cref="FigureFonts"/>.
    /// </summary>
    public string? FontFamily { get; init; }

    /// <summary>
    /// Resolution in dots per inch; the layout is that of <see cref="Width"/> × <see cref="Height"/> at 96 DPI and the
    /// image has Width·DPI/96 × Height·DPI/96 pixels (300 for print). Applies to PNG. Default 96.
    /// </summary>
    public int Dpi { get; init; } = 96;

    /// <summary>Image format; null (default) chooses by the file extension (".svg" → SVG, otherwise PNG).</summary>
    public FigureFormat? Format { get; init; }

    /// <summary>Base font size in points for tick labels and legend; axis labels are 2 pt and the title 4 pt larger. Default 14.</summary>
    public float FontSize { get; init; } = 14;
}

/// <summary>Image formats a figure is written in.</summary>
public enum FigureFormat
{
    /// <summary>Raster PNG at <see cref="FigureOptions.Dpi"/>.</summary>
    Png,
    /// <summary>Vector SVG.</summary>
    Svg,
}

/// <summary>One line of a line chart: a name for the legend and its (x, y) points.</summary>
/// <param name="Name">Legend text, e.g. "East".</param>
/// <param name="X">Horizontal coordinates, e.g. years.</param>
/// <param name="Y">Vertical coordinates, same length as <paramref name="X"/>.</param>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>A sample whose kernel density is drawn, e.g. the gap in one year.</summary>
/// <param name="Label">Legend text, e.g. "2008".</param>
/// <param name="Values">The observations (no missing values).</param>
public sealed record DensitySample(string Label, IReadOnlyList<double> Values);

/// <summary>One coefficient with its confidence interval, for a coefficient plot.</summary>
/// <param name="Name">Row label, e.g. "Digital product manufacturing".</param>
/// <param name="Estimate">Point estimate.</param>
/// <param name="ConfLow">Lower confidence bound.</param>
/// <param name="ConfHigh">Upper confidence bound.</param>
/// <param name="Group">Optional group (e.g. "Industry", "Region"); groups get their own colour and legend entry.</param>
public sealed record CoefficientEstimate(string Name, double Estimate, double ConfLow, double ConfHigh, string? Group = null);
