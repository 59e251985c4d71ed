using System.Text;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Simulation;
using FluentAssertions;
using Col = DigitalEconomy.Econometrics.Simulation.CityPanelColumns;

namespace DigitalEconomy.Econometrics.Tests.Simulation;

public class CityPanelGeneratorTests
{
    private static readonly Lazy<SimulatedCityPanel> Default = new(() => CityPanelGenerator.Generate());

    private static string CsvText(PanelData panel)
    {
        var writer = new StringWriter();
        PanelCsv.Write(panel, writer);
        return writer.ToString();
    }

    [Fact]
    public void Same_seed_gives_identical_csv_and_another_seed_differs()
    {
        var a = CsvText(CityPanelGenerator.Generate(new CityPanelOptions { Seed = 11, Cities = 40 }).Panel);
        var b = CsvText(CityPanelGenerator.Generate(new CityPanelOptions { Seed = 11, Cities = 40 }).Panel);
        var c = CsvText(CityPanelGenerator.Generate(new CityPanelOptions { Seed = 12, Cities = 40 }).Panel);
        a.Should().Be(b);
        c.Should().NotBe(a);
    }

    [BundledDataFact]
    public void Committed_csv_is_byte_identical_to_a_regeneration()
    {
        var committed = File.ReadAllBytes(BundledData.CityPanelPath!);
        var regenerated = new UTF8Encoding(false).GetBytes(CsvText(Default.Value.Panel));
        regenerated.SequenceEqual(committed).Should().BeTrue(
            "data/city_panel.csv must be exactly what CityPanelGenerator.Generate() writes; regenerate it with `simulate` if the DGP changed");
    }

    [BundledDataFact]
    public void Committed_csv_reads_back_as_the_generated_panel()
    {
        var read = PanelCsv.Read(BundledData.CityPanelPath!, Col.City, Col.Year);
        var generated = Default.Value.Panel;
        read.RowCount.Should().Be(generated.RowCount);
        foreach (var name in generated.NumericColumnNames)
            read.Column(name).ToArray().Should().Equal(generated.Column(name).ToArray(), name); // exact: "R" round trip
    }

    [Fact]
    public void Default_panel_has_the_papers_shape()
    {
        var panel = Default.Value.Panel;
        panel.RowCount.Should().Be(285 * 12);
        panel.Entities.LevelCount.Should().Be(285);
        panel.Times.Levels.Should().Equal(Enumerable.Range(2008, 12).Select(y => y.ToString()));
        panel.Structure.IsBalanced.Should().BeTrue();
        var expected = new[] { Col.GdpPerCapita, Col.LnGdpPerCapita }
            .Concat(Col.DeiIndicators).Append(Col.Dei).Concat(Col.Industries).Concat(Col.Mediators)
            .Concat(Col.Controls).Append(Col.Gap).Append(Col.GapRelative)
            .Concat([Col.Latitude, Col.Longitude, Col.Post1984, Col.Tel1984, Col.InternetUsers, Col.PostXNet, Col.TelXNet, Col.PilotYear, Col.Pilot])
            .Append(Col.Province).Append(Col.Region);
        panel.ColumnNames.Should().Equal(expected);
        panel.Grouping(Col.Province).LevelCount.Should().Be(30);
        panel.Grouping(Col.Province).Levels.Should().NotContain("Tibet");
    }

    [Fact]
    public void Regions_hold_101_100_and_84_cities()
    {
        var panel = Default.Value.Panel;
        var region = panel.Grouping(Col.Region);
        int CitiesIn(string r) => Enumerable.Range(0, panel.RowCount).Count(row => region.LabelOf(row) == r) / 12;
        CitiesIn("East").Should().Be(101);
        CitiesIn("Central").Should().Be(100);
        CitiesIn("West").Should().Be(84);
        ChineseProvinces.CitiesPerProvince(285).Should().Equal(ChineseProvinces.All.Select(p => p.Cities));
        ChineseProvinces.CitiesPerProvince(57).Sum().Should().Be(57);
    }

    [Fact]
    public void Values_are_complete_and_in_realistic_ranges()
    {
        var panel = Default.Value.Panel;
        foreach (var name in panel.NumericColumnNames)
            panel.Column(name).ToArray().Should().OnlyContain(v => double.IsFinite(v), name);
        void Range(string col, double lo, double hi) => panel.Column(col).ToArray().Should().OnlyContain(v => v >= lo && v <= hi, col);
        Range(Col.GdpPerCapita, 5_000, 300_000);
        Range(Col.Internet, 1.5, 65);
        Range(Col.Mobile, 25, 230);
        Range(Col.Telecom, 120, 4800);
        Range(Col.ItEmployment, 0.15, 4.8);
        Range(Col.DigitalFinance, 18, 330);
        Range(Col.Dei, 0, 1.0001);
        foreach (var industry in Col.Industries) Range(industry, 0, 1);
        Range(Col.Agglomeration, 0.05, 5);
        Range(Col.Innovation, 0, 200);
        Range(Col.Government, 0.02, 0.8);
        Range(Col.Openness, 0, 0.5);
        Range(Col.Finance, 0.1, 5);
        Range(Col.IndustrialStructure, 0.1, 0.9);
        Range(Col.Urbanisation, 0.1, 1);
        Range(Col.Gap, 0, 3);
        Range(Col.Latitude, 18, 51);
        Range(Col.Longitude, 80, 135);
        Range(Col.Post1984, 0.2, 5);
        Range(Col.Tel1984, 0.05, 2);
        Range(Col.InternetUsers, 200, 1000);
        panel.Column(Col.PilotYear).ToArray().Should().OnlyContain(v => v == 0 || v == 2014 || v == 2015 || v == 2016);
        panel.Column(Col.Pilot).ToArray().Should().OnlyContain(v => v == 0 || v == 1);
        // ln_gdppc is the log of the stored (integer-yuan) GDP per capita, rounded to 6 decimals.
        var y = panel.Column(Col.GdpPerCapita).ToArray();
        var q = panel.Column(Col.LnGdpPerCapita).ToArray();
        for (int r = 0; r < y.Length; r++) q[r].Should().BeApproximately(Math.Log(y[r]), 5.1e-7);
        // Income grows: the 2019 cross-section mean of ln_gdppc exceeds 2008's by 0.7–1.1 (real growth ~9%→6%).
        double MeanIn(int year) => Enumerable.Range(0, panel.RowCount).Where(r => panel.Times.LabelOf(r) == year.ToString()).Average(r => q[r]);
        (MeanIn(2019) - MeanIn(2008)).Should().BeInRange(0.7, 1.1);
        Default.Value.ShareAboveThreshold.Should().BeInRange(0.2, 0.5);
    }

    [Fact]
    public void Dei_column_is_the_pooled_entropy_index_of_the_five_indicators()
    {
        // Independent re-implementation of SPEC §2 (pooled min-max with shift 0.0001, entropy weights).
        var panel = Default.Value.Panel;
        int n = panel.RowCount;
        var normalised = Col.DeiIndicators.Select(name =>
        {
            var x = panel.Column(name).ToArray();
            double min = x.Min(), max = x.Max();
            return x.Select(v => (v - min) / (max - min) + 0.0001).ToArray();
        }).ToArray();
        var d = normalised.Select(x =>
        {
            double s = x.Sum();
            return 1 + x.Sum(v => v / s * Math.Log(v / s)) / Math.Log(n);
        }).ToArray();
        var w = d.Select(v => v / d.Sum()).ToArray();
        w.Should().Equal(Default.Value.DeiWeights, (a, b) => Math.Abs(a - b) < 1e-12); // same formula, summation order may differ
        var dei = panel.Column(Col.Dei);
        for (int r = 0; r < n; r++)
        {
            double score = 0;
            for (int j = 0; j < w.Length; j++) score += w[j] * normalised[j][r];
            dei[r].Should().BeApproximately(score, 5.1e-7); // stored rounded to 6 decimals
        }
    }

    [Fact]
    public void Library_entropy_index_reproduces_the_dei_column()
    {
        var panel = Default.Value.Panel;
        var index = DigitalEconomy.Econometrics.Indices.EntropyWeightMethod.Compute(panel,
            Col.DeiIndicators.Select(DigitalEconomy.Econometrics.Indices.Indicator.Positive).ToList());
        // Same formula and defaults (pooled, shift 0.0001): weights agree to rounding error, scores to the 6-decimal storage.
        index.Weights.Should().Equal(Default.Value.DeiWeights, (a, b) => Math.Abs(a - b) < 1e-12);
        var dei = panel.Column(Col.Dei).ToArray();
        for (int r = 0; r < dei.Length; r++) index.Scores[r].Should().BeApproximately(dei[r], 5.1e-7);
    }

    [Fact]
    public void Other_sizes_and_bad_options()
    {
        var small = CityPanelGenerator.Generate(new CityPanelOptions { Cities = 31, FirstYear = 2011, LastYear = 2016 }).Panel;
        small.RowCount.Should().Be(31 * 6);
        small.Entities.LevelCount.Should().Be(31);
        var noCities = () => CityPanelGenerator.Generate(new CityPanelOptions { Cities = 0 });
        noCities.Should().Throw<SpecificationException>().WithMessage("*at least 1*");
        var oneYear = () => CityPanelGenerator.Generate(new CityPanelOptions { FirstYear = 2019, LastYear = 2019 });
        oneYear.Should().Throw<SpecificationException>().WithMessage("*at least 2 years*");
        var badLoadings = () => CityPanelGenerator.Generate(new CityPanelOptions { Parameters = new CityPanelParameters { IndustryLoadings = [1, 2] } });
        badLoadings.Should().Throw<SpecificationException>().WithMessage("*IndustryLoadings needs 4 values*");
    }
}
