using DigitalEconomy.Econometrics.Data;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Data;

/// <summary>What the reader accepts: missing tokens, column typing, trimming, Excel's separator line.</summary>
public class PanelCsvReadTests
{
    private static PanelData Read(string csv, CsvReadOptions? options = null) =>
        PanelCsv.Read(new StringReader(csv), "t.csv", "city", "year", options);

    [Fact]
    public void The_four_missing_tokens_read_as_NaN_and_columns_are_typed()
    {
        var p = Read("city,year,a,b,region,none\nA,1,,x,East,NA\nA,2,NA,y,West,\nA,3,.,z,East,.\nA,4,NaN,NA,,NaN\nA,5, 2.5e1 ,w,North,\n");
        p.Column("a").ToArray().Should().Equal(double.NaN, double.NaN, double.NaN, double.NaN, 25);
        p.HasCategorical("b").Should().BeTrue("no cell of b is a number");
        p.Grouping("b").LabelOf(3).Should().Be("NA", "in a text column a missing token is kept as text");
        p.HasCategorical("region").Should().BeTrue();
        p.HasNumeric("none").Should().BeTrue("an all-missing column is numeric and entirely missing");
        p.Column("none").ToArray().Should().OnlyContain(v => double.IsNaN(v));
    }

    [Fact]
    public void Custom_missing_tokens_may_be_numbers()
    {
        var p = Read("city,year,x\nA,1,-999\nA,2,3\n", new CsvReadOptions { MissingTokens = new HashSet<string> { "-999", "" } });
        p.Column("x").ToArray().Should().Equal(double.NaN, 3);
        // With the default tokens, NA is then not missing but a bad cell.
        FluentActions.Invoking(() => Read("city,year,x\nA,1,NA\nA,2,3\n", new CsvReadOptions { MissingTokens = new HashSet<string> { "" } }))
            .Should().Throw<DataFormatException>().Which.Line.Should().Be(2);
    }

    [Fact]
    public void Categorical_columns_keep_numeric_looking_codes_as_text()
    {
        var p = Read("city,year,code\nA,1,007\nA,2,010\n", new CsvReadOptions { CategoricalColumns = ["code"] });
        p.Grouping("code").Levels.Should().Equal("007", "010");
    }

    [Fact]
    public void Spaces_around_fields_and_header_names_are_trimmed_outside_quotes()
    {
        var p = Read(" city , year , gdp ,note\n A , 2008 , 1.5 , \" kept \" \n");
        p.ColumnNames.Should().Equal("gdp", "note");
        p.Entities.LabelOf(0).Should().Be("A");
        p.Column("gdp")[0].Should().Be(1.5);
        p.Grouping("note").LabelOf(0).Should().Be(" kept ");
    }

    [Fact]
    public void Excel_separator_line_is_honoured_or_explained()
    {
        var p = PanelCsv.Read(new StringReader("sep=;\ncity;year;x\nA;1;2\n"), "t.csv", "city", "year", new CsvReadOptions { Delimiter = ";" });
        p.Column("x")[0].Should().Be(2);
        FluentActions.Invoking(() => Read("sep=;\ncity;year;x\nA;1;2\n")).Should().Throw<DataFormatException>()
            .WithMessage("t.csv:1: the file declares the separator ';' (\"sep=;\") but the delimiter is ','; set the delimiter to ';' (CLI: --delimiter; library: Delimiter read option).");
    }

    [Fact]
    public void Crlf_line_ends_and_a_byte_order_mark_are_accepted()
    {
        var p = Read("\uFEFFcity,year,x\r\nA,1,2\r\nB,1,3\r\n");
        p.RowCount.Should().Be(2);
        p.EntityName.Should().Be("city");
    }
}
