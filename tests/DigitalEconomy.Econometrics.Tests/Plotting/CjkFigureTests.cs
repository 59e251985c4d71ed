using DigitalEconomy.Econometrics.Plotting;
using DigitalEconomy.Econometrics.Tests.Cli;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using FluentAssertions;
using SkiaSharp;

namespace DigitalEconomy.Econometrics.Tests.Plotting;

/// <summary>A fact that needs an installed CJK font (CI installs fonts-noto-cjk); skips with the reason otherwise.</summary>
public sealed class CjkFontFactAttribute : FactAttribute
{
    /// <summary>Skips when no CJK font family is installed.</summary>
    public CjkFontFactAttribute()
    {
        if (FigureFonts.CjkFamily is null)
            Skip = ReferenceData.IsCi
                ? "no CJK font found although CI=true: the font installation in .ci/run failed (see its log); CJK figure check skipped."
                : "no CJK font installed (apt-get install fonts-noto-cjk or fonts-wqy-microhei); CJK figure check skipped.";
    }
}

internal static class FigureStyleProbe
{
    /// <summary>An installed font without CJK glyphs, if any.</summary>
    public static string? LatinOnly => new[] { "DejaVu Sans", "Liberation Sans" }.FirstOrDefault(f => SKFontManager.Default.FontFamilies.Contains(f));
}

/// <summary>Chinese text in figures is drawn as glyphs; DPI and SVG output.</summary>
public sealed class CjkFigureTests
{
    private static readonly CoefficientEstimate[] Estimates = [new("数字经济", 0.1, 0.02, 0.18), new("政府支出", -0.05, -0.1, 0.0)];

    private static SKBitmap Draw(TempDirectory dir, string name, string title, FigureOptions? options = null)
    {
        var path = Figures.CoefficientPlot(Estimates, dir.Path(name + ".png"), (options ?? new FigureOptions()) with { Title = title, Width = 400, Height = 300 });
        return SKBitmap.Decode(path);
    }

    private static int DifferentPixels(SKBitmap a, SKBitmap b)
    {
        a.Width.Should().Be(b.Width);
        int n = 0;
        for (int y = 0; y < a.Height; y++)
            for (int x = 0; x < a.Width; x++)
                if (a.GetPixel(x, y) != b.GetPixel(x, y)) n++;
        return n;
    }

    [CjkFontFact]
    public void Two_figures_differing_only_in_one_chinese_title_differ_in_pixels()
    {
        using var dir = new TempDirectory();
        FigureFonts.Resolve("城市").Should().Be(FigureFonts.CjkFamily, "Chinese text selects the installed CJK family");
        using var a = Draw(dir, "a", "数字经济与发展差距");
        using var b = Draw(dir, "b", "数字经济与城乡差距");
        // Missing glyphs would all be the same empty box: two titles of equal length would then be pixel-identical.
        DifferentPixels(a, b).Should().BeGreaterThan(20, "different Chinese characters are drawn as different glyphs");
        // Control: forced to a Latin-only face, the same two titles become identical boxes (what the check guards against).
        if (FigureStyleProbe.LatinOnly is { } latin)
        {
            using var c = Draw(dir, "c", "数字经济与发展差距", new FigureOptions { FontFamily = latin });
            using var d = Draw(dir, "d", "数字经济与城乡差距", new FigureOptions { FontFamily = latin });
            DifferentPixels(c, d).Should().Be(0, "a font without CJK glyphs draws every character as the same box");
        }
    }

    [Fact]
    public void Dpi_scales_the_image_and_svg_is_vector_text()
    {
        using var dir = new TempDirectory();
        var png = Figures.CoefficientPlot(Estimates, dir.Path("p.png"), new FigureOptions { Width = 400, Height = 300, Dpi = 192 });
        using (var bmp = SKBitmap.Decode(png)) { bmp.Width.Should().Be(800); bmp.Height.Should().Be(600); }
        // The resolution is recorded too (pHYs, pixels per metre), so Word and LaTeX place the image at its printed size.
        PngChunks.Dpi(png).Should().BeApproximately(192, 0.01, "192 DPI = 7559 px/m, exact to the rounding of one pixel per metre");
        var svg = Figures.CoefficientPlot(Estimates, dir.Path("p.svg"), new FigureOptions { Width = 400, Height = 300, Title = "" });
        File.ReadAllText(svg).Should().Contain("<svg");
        var bad = () => Figures.CoefficientPlot(Estimates, dir.Path("q.png"), new FigureOptions { Dpi = 5 });
        bad.Should().Throw<SpecificationException>();
    }
}
