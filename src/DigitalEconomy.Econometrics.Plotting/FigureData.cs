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

    /// <summary>Base font size in points for tick labels and legend; axis labels are 2 pt and the title 4 pt larger. Default 14.</summary>
    public float FontSize { get; init; } = 14;
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
