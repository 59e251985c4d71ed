using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Data;

public class PanelCsvSmokeTests
{
    [Fact]
    public void Reads_keys_sorts_rows_and_reports_structure()
    {
        var csv = "city,year,gdp,region\nB,2009,2.5,East\nA,2009,1.5,West\nA,2008,NA,West\nB,2008,2,East\n";
        var panel = PanelCsv.Read(new StringReader(csv), "t.csv", "city", "year");
        panel.RowCount.Should().Be(4);
        panel.Entities.LabelOf(0).Should().Be("A");
        panel.Times.LabelOf(0).Should().Be("2008");
        double.IsNaN(panel.Column("gdp")[0]).Should().BeTrue();
        panel.HasCategorical("region").Should().BeTrue();
        panel.Structure.IsBalanced.Should().BeTrue();
    }

    [Fact]
    public void Non_numeric_cell_names_file_line_and_column()
    {
        var csv = "city,year,fdi\nA,2008,1.5\nA,2009,\"1,2e\"\n";
        var act = () => PanelCsv.Read(new StringReader(csv), "city_panel.csv", "city", "year");
        act.Should().Throw<DataFormatException>()
            .WithMessage("city_panel.csv:3, column 'fdi': \"1,2e\" is not a number*");
    }

    [ReferenceFact("grunfeld.csv")]
    public void Reads_grunfeld_reference_file()
    {
        var panel = PanelCsv.Read(ReferenceData.PathOf("grunfeld.csv"), "firm", "year");
        panel.Structure.EntityCount.Should().Be(10);
        panel.Structure.PeriodCount.Should().Be(20);
    }
}
