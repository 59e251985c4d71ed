using DigitalEconomy.Econometrics.Plotting;
using DigitalEconomy.Econometrics.Spatial;
using DigitalEconomy.Econometrics.Tests.Spatial;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Plotting;

public sealed class SpatialFiguresTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "de-spatial-figures-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static void ShouldBePng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes.Take(4).Should().Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 });
        bytes.Length.Should().BeGreaterThan(5_000, "a figure with points, text and lines");
    }

    [Fact]
    public void Moran_scatter_lisa_map_and_series_write_pngs()
    {
        var (panel, w) = SpatialModelTests.Simulate(3, side: 6, periods: 3);
        var result = SpatialAutocorrelation.ByPeriod(panel, "y", w, new MoranOptions { Local = true, Permutations = 99 });
        var last = result.Series[^1].Period;
        var x = SpatialReferenceDataShim.Section(panel, "y", last);
        ShouldBePng(SpatialFigures.MoranScatterplot(SpatialAutocorrelation.Scatter(w, x), Path.Combine(_folder, "scatter.png")));
        var local = result.Local.Where(l => l.Period == last).ToList();
        var lon = local.Select((_, i) => (double)(i % 6)).ToList();
        var lat = local.Select((_, i) => (double)(i / 6)).ToList();
        ShouldBePng(SpatialFigures.LisaMap(local, lon, lat, Path.Combine(_folder, "lisa.png")));
        ShouldBePng(SpatialFigures.MoranOverTime(result.Series, Path.Combine(_folder, "moran.png")));
        var bad = () => SpatialFigures.LisaMap(local, lon.Take(3).ToList(), lat, Path.Combine(_folder, "bad.png"));
        bad.Should().Throw<SpecificationException>().WithMessage("*one coordinate pair per unit*");
    }
}

internal static class SpatialReferenceDataShim
{
    public static double[] Section(DigitalEconomy.Econometrics.Data.PanelData panel, string column, string period) =>
        Enumerable.Range(0, panel.RowCount).Where(r => panel.Times.LabelOf(r) == period).Select(r => panel.Column(column)[r]).ToArray();
}
