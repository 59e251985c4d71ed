using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Tests.Data.Readers;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Data;

/// <summary>The embedded sample panel is exactly data/city_panel.csv (same bytes, so the same panel, compared exactly).</summary>
public sealed class SamplePanelsTests
{
    [Fact]
    public void City_panel_is_the_bundled_file()
    {
        var path = Path.Combine(Infrastructure.ReferenceData.RepositoryRoot, "data", "city_panel.csv");
        ReaderFixtures.ShouldEqual(SamplePanels.CityPanel(), PanelCsv.Read(path, "city", "year"));
    }
}
