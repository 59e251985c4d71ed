using DigitalEconomy.Econometrics.Plotting;
using DigitalEconomy.Econometrics.Simulation;
using FluentAssertions;
using SkiaSharp;

namespace DigitalEconomy.Econometrics.Tests.Plotting;

public sealed class FiguresTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly Lazy<DigitalEconomy.Econometrics.Data.PanelData> Panel =
        new(() => CityPanelGenerator.Generate(new CityPanelOptions { Cities = 60 }).Panel);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "de-figures-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A real PNG: the 8-byte signature, an IHDR chunk with the requested size, and more than a blank image's bytes.</summary>
    private static void ShouldBePng(string path, int width = 800, int height = 500)
    {
        File.Exists(path).Should().BeTrue();
        var bytes = File.ReadAllBytes(path);
        bytes.Take(8).Should().Equal(PngSignature);
        // IHDR width/height are big-endian at offsets 16 and 20.
        int W(int o) => (bytes[o] << 24) | (bytes[o + 1] << 16) | (bytes[o + 2] << 8) | bytes[o + 3];
        W(16).Should().Be(width);
        W(20).Should().Be(height);
        bytes.Length.Should().BeGreaterThan(5_000, "a figure with text and lines compresses to well over 5 kB");
        // Content, not only size: a blank (or single-colour) image fails. At least 2 % of the pixels differ from the
        // background colour (the most common one) — axes, labels, lines and markers.
        var pixels = Pixels(path);
        var background = pixels.GroupBy(p => p).MaxBy(g => g.Count())!.Key;
        pixels.Count(p => p != background).Should().BeGreaterThan(pixels.Length / 50, "a figure draws axes, text and data");
        pixels.Distinct().Count().Should().BeGreaterThan(10, "anti-aliased text and coloured series give many colours");
    }

    /// <summary>Decoded ARGB pixels of a PNG.</summary>
    private static uint[] Pixels(string path)
    {
        using var bitmap = SKBitmap.Decode(path);
        bitmap.Should().NotBeNull();
        return bitmap.Pixels.Select(c => (uint)c).ToArray();
    }

    [Fact]
    public void Two_line_plots_that_differ_in_one_series_differ_in_pixels_and_the_same_input_gives_the_same_image()
    {
        Series[] Lines(double last) => [new Series("A", [2008, 2009, 2010], [1, 2, 1.5]), new Series("B", [2008, 2009, 2010], [0.5, 1, last])];
        var options = new FigureOptions { Width = 640, Height = 400, Title = "Test" };
        var first = Pixels(Figures.LinePlot(Lines(2), Path.Combine(_folder, "a.png"), options));
        var again = Pixels(Figures.LinePlot(Lines(2), Path.Combine(_folder, "a2.png"), options));
        var moved = Pixels(Figures.LinePlot(Lines(1.2), Path.Combine(_folder, "b.png"), options));
        first.Should().Equal(again, "rendering is deterministic");
        int changed = first.Zip(moved).Count(p => p.First != p.Second);
        // Moving one end point of series B redraws a line segment and a marker: hundreds of pixels, but far from all.
        changed.Should().BeGreaterThan(200);
        changed.Should().BeLessThan(first.Length / 4);
    }

    [Fact]
    public void DeiByRegion_from_a_panel_writes_a_png()
    {
        var path = Figures.DeiByRegion(Panel.Value, Path.Combine(_folder, "sub", "dei_by_region.png"));
        ShouldBePng(path);
    }

    [Fact]
    public void LinePlot_honours_the_requested_size()
    {
        var series = new[] { new Series("A", [2008, 2009, 2010], [1, 2, 1.5]), new Series("B", [2008, 2009, 2010], [0.5, 1, 2]) };
        var path = Figures.LinePlot(series, Path.Combine(_folder, "lines.png"), new FigureOptions { Width = 640, Height = 400, Title = "Test" });
        ShouldBePng(path, 640, 400);
    }

    [Fact]
    public void GapDensity_for_first_middle_and_last_year_writes_a_png()
    {
        var path = Figures.GapDensity(Panel.Value, Path.Combine(_folder, "gap_density.png"));
        ShouldBePng(path);
    }

    [Fact]
    public void ThresholdLikelihoodRatio_writes_a_png_and_uses_hansens_critical_value()
    {
        var gamma = Enumerable.Range(0, 50).Select(i => 10 + i * 0.02).ToArray();
        var lr = gamma.Select(g => 200 * Math.Abs(g - 10.5)).ToArray();
        var path = Figures.ThresholdLikelihoodRatio(gamma, lr, Path.Combine(_folder, "lr.png"), estimate: 10.5);
        ShouldBePng(path);
        ShouldBePng(Figures.ThresholdLikelihoodRatio(gamma, lr, Path.Combine(_folder, "lr_cut.png"), maxLikelihoodRatio: 20));
        var badCut = () => Figures.ThresholdLikelihoodRatio(gamma, lr, Path.Combine(_folder, "x.png"), maxLikelihoodRatio: 0);
        badCut.Should().Throw<SpecificationException>().WithMessage("*axis limit must be a positive number*");
        // Hansen (1999, Table 1 note): c(0.95) = 7.35; c(0.90) = 5.94; c(0.99) = 10.59 (2-decimal published values).
        Figures.CriticalValue(0.95).Should().BeApproximately(7.35, 0.005);
        Figures.CriticalValue(0.90).Should().BeApproximately(5.94, 0.005);
        Figures.CriticalValue(0.99).Should().BeApproximately(10.59, 0.005);
    }

    [Fact]
    public void CoefficientPlot_writes_a_png()
    {
        var estimates = new[]
        {
            new CoefficientEstimate("Digital product manufacturing", 0.17, 0.08, 0.26, "Industry"),
            new CoefficientEstimate("Digital product service", -0.20, -0.28, -0.12, "Industry"),
            new CoefficientEstimate("East", -0.24, -0.34, -0.14, "Region"),
        };
        ShouldBePng(Figures.CoefficientPlot(estimates, Path.Combine(_folder, "coef.png")));
    }

    [Fact]
    public void Bad_inputs_give_one_line_specification_errors()
    {
        var file = Path.Combine(_folder, "bad.png");
        var noSeries = () => Figures.LinePlot([], file);
        noSeries.Should().Throw<SpecificationException>().WithMessage("*at least one series*");
        var ragged = () => Figures.LinePlot([new Series("A", [1, 2], [1])], file);
        ragged.Should().Throw<SpecificationException>().WithMessage("Series 'A' has 2 x values but 1 y values.");
        var nan = () => Figures.GapDensity([new DensitySample("2008", [1, double.NaN, 2])], file);
        nan.Should().Throw<SpecificationException>().WithMessage("*missing or infinite*");
        var lrLength = () => Figures.ThresholdLikelihoodRatio([1, 2, 3], [1, 2], file);
        lrLength.Should().Throw<SpecificationException>().WithMessage("*3 points but there are 2 LR values*");
        var badCi = () => Figures.CoefficientPlot([new CoefficientEstimate("x", 1, 2, 3)], file);
        badCi.Should().Throw<SpecificationException>().WithMessage("*does not contain the estimate*");
        var badPeriod = () => Figures.GapDensity(Panel.Value, file, periods: ["1999"]);
        badPeriod.Should().Throw<SpecificationException>().WithMessage("Period '1999' is not in the panel*");
        var tiny = () => Figures.LinePlot([new Series("A", [1, 2], [1, 2])], file, new FigureOptions { Width = 10 });
        tiny.Should().Throw<SpecificationException>().WithMessage("*at least 100×100*");
        File.Exists(file).Should().BeFalse();
    }
}

public sealed class DynamicsFiguresTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "de-dyn-figures-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static Econometrics.Dynamics.KernelDensitySeries Series() =>
        Econometrics.Dynamics.KernelDensity.PerPeriod(CityPanelGenerator.Generate(new CityPanelOptions { Cities = 60 }).Panel, "gap");

    [Fact]
    public void Overlay_and_ridgeline_write_pngs()
    {
        var series = Series();
        var overlay = DynamicsFigures.DensityOverlay(series, Path.Combine(_folder, "overlay.png"), ["2008", "2013", "2019"]);
        var ridge = DynamicsFigures.DensityRidgeline(series, Path.Combine(_folder, "ridge.png"));
        foreach (var path in new[] { overlay, ridge })
        {
            File.Exists(path).Should().BeTrue();
            new FileInfo(path).Length.Should().BeGreaterThan(5_000, "a figure with text and curves compresses to well over 5 kB");
        }
        var unknown = () => DynamicsFigures.DensityOverlay(series, Path.Combine(_folder, "x.png"), ["1990"]);
        unknown.Should().Throw<SpecificationException>().WithMessage("*1990*");
    }
}
