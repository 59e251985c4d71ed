using System.CommandLine;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Plotting;

namespace DigitalEconomy.Cli.Infrastructure;

/// <summary>How a command's figures are written: format and resolution, resolved from <c>--figure-format</c> and <c>--dpi</c>.</summary>
/// <param name="Format">PNG (raster) or SVG (vector).</param>
/// <param name="Dpi">PNG resolution; the layout stays that of 96 DPI, so 300 gives a print-size image of the same figure.</param>
internal sealed record FigureSettings(FigureFormat Format, int Dpi)
{
    public const int DefaultDpi = 96;

    /// <summary>PNG at 96 DPI.</summary>
    public static FigureSettings Default { get; } = new(FigureFormat.Png, DefaultDpi);

    /// <summary>".png" or ".svg".</summary>
    public string Extension => Format == FigureFormat.Svg ? ".svg" : ".png";

    /// <summary><paramref name="fileName"/> with the extension of <see cref="Format"/> ("figure01_x.png" → "figure01_x.svg").</summary>
    public string FileName(string fileName) => Path.ChangeExtension(fileName, Extension);

    /// <summary>A figure's own options (title, size, labels) with this format and resolution.</summary>
    public FigureOptions Apply(FigureOptions? options = null) => (options ?? new FigureOptions()) with { Format = Format, Dpi = Dpi };
}

/// <summary>
/// <c>--figure-format png|svg</c> and <c>--dpi N</c>, shared by every command that writes a figure. One instance per
/// command (a System.CommandLine option belongs to one parent). Bad values are one-line errors naming the option (exit 2).
/// </summary>
internal sealed class FigureCliOptions
{
    public const int MinDpi = 24;
    public const int MaxDpi = 1200;

    public Option<string> Format { get; } = new("--figure-format")
    {
        Description = "Figure format: png (default) or svg (vector; --dpi does not apply).",
        DefaultValueFactory = _ => "png",
        HelpName = "png|svg",
    };

    public Option<int> Dpi { get; } = new("--dpi")
    {
        Description = $"PNG resolution in dots per inch, {MinDpi}–{MaxDpi} (default {FigureSettings.DefaultDpi}; 300 for print). The layout is that of 96 DPI, scaled.",
        DefaultValueFactory = _ => FigureSettings.DefaultDpi,
        HelpName = "N",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Format);
        command.Options.Add(Dpi);
    }

    public FigureSettings Resolve(ParseResult parse)
    {
        var value = parse.GetValue(Format)?.Trim().ToLowerInvariant();
        var format = value switch
        {
            "png" => FigureFormat.Png,
            "svg" => FigureFormat.Svg,
            _ => throw new SpecificationException($"--figure-format \"{parse.GetValue(Format)}\" is not recognised; expected png or svg."),
        };
        return new FigureSettings(format, OptionSyntax.InRange("--dpi", parse.GetValue(Dpi), MinDpi, MaxDpi));
    }
}
