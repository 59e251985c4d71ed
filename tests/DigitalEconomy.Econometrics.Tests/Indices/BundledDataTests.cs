using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Indices;
using DigitalEconomy.Econometrics.Simulation;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Indices;

/// <summary>The index and inequality API on the bundled synthetic 285-city panel (data/city_panel.csv).</summary>
public class BundledDataTests
{
    private static readonly Lazy<PanelData> CityPanel = new(() =>
        PanelCsv.Read(Path.Combine(ReferenceData.RepositoryRoot, "data", "city_panel.csv"), CityPanelColumns.City, CityPanelColumns.Year));

    [Fact]
    public void Pooled_entropy_index_reproduces_the_bundled_dei_column()
    {
        var panel = CityPanel.Value;
        var result = EntropyWeightMethod.Compute(panel, CityPanelColumns.DeiIndicators.Select(Indicator.Positive).ToArray());
        var dei = panel.Column(CityPanelColumns.Dei);
        for (int r = 0; r < panel.RowCount; r++)
            // 5.1e-7: the generator stores the index rounded to 6 decimals (from indicators themselves stored rounded).
            result.Scores[r].Should().BeApproximately(dei[r], 5.1e-7);
        var withDei = result.AddScoreTo(panel, "dei_check");
        withDei.HasNumeric("dei_check").Should().BeTrue();
    }

    [Fact]
    public void Regional_inequality_of_gdp_per_capita_decomposes_exactly_every_year()
    {
        var panel = CityPanel.Value;
        var theil = Inequality.TheilSeries(panel, CityPanelColumns.GdpPerCapita, CityPanelColumns.Region);
        var dagum = Inequality.DagumSeries(panel, CityPanelColumns.GdpPerCapita, CityPanelColumns.Region);
        theil.Periods.Should().HaveCount(12);
        for (int t = 0; t < 12; t++)
        {
            // 1e-12: both decompositions are identities; rounding only.
            (theil.Periods[t].BetweenT + theil.Periods[t].WithinT).Should().BeApproximately(theil.Periods[t].TheilT, 1e-12);
            var d = dagum.Periods[t];
            (d.Within + d.NetBetween + d.Transvariation).Should().BeApproximately(d.Gini, 1e-12);
            d.Groups.Select(g => g.Group).Should().BeEquivalentTo("East", "Central", "West");
        }
    }

    [Fact]
    public void Development_gap_of_the_bundled_panel_is_finite_and_non_negative()
    {
        var gap = DevelopmentGap.Compute(CityPanel.Value, CityPanelColumns.GdpPerCapita,
            new DevelopmentGapOptions { ReferenceGroupColumn = CityPanelColumns.Region });
        gap.Should().OnlyContain(g => double.IsFinite(g) && g >= 0);
    }
}
