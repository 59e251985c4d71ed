using DigitalEconomy.Econometrics.Data;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Data;

/// <summary>Every bad-input case of issue 2 §5 / SPEC §6, each with its exact one-line message.</summary>
public class PanelCsvErrorTests
{
    private static PanelData Read(string csv, CsvReadOptions? options = null) =>
        PanelCsv.Read(new StringReader(csv), "city_panel.csv", "city", "year", options);

    private static void ShouldFail(string csv, string message, CsvReadOptions? options = null)
    {
        var act = () => Read(csv, options);
        act.Should().Throw<DataFormatException>().Which.Message.Should().Be(message);
    }

    [Fact]
    public void Non_numeric_cell_names_file_physical_line_and_column()
    {
        // Line 2 holds a quoted value spanning two physical lines, so the bad cell is on line 5, not record 4.
        var csv = "city,year,fdi,note\nA,2008,1.5,\"two\nlines\"\nA,2009,2,x\nA,2010,\"1,2e\",y\n";
        var e = FluentActions.Invoking(() => Read(csv)).Should().Throw<DataFormatException>().Which;
        e.Message.Should().Be("city_panel.csv:5, column 'fdi': \"1,2e\" is not a number; expected a number or a missing value (empty, NA, ., NaN).");
        e.Line.Should().Be(5);
        e.Column.Should().Be("fdi");
        e.File.Should().Be("city_panel.csv");
    }

    [Fact]
    public void Text_before_the_first_number_is_reported_at_its_own_line() =>
        ShouldFail("city,year,gdp\nA,2008,n/a\nA,2009,3\n",
            "city_panel.csv:2, column 'gdp': \"n/a\" is not a number; expected a number or a missing value (empty, NA, ., NaN). " +
            "The column holds numbers (e.g. on line 3); to read it as text, list it as a text column (CLI: --text-columns gdp; library: CategoricalColumns).");

    [Fact]
    public void Overflowing_and_infinite_numbers_are_rejected()
    {
        ShouldFail("city,year,gdp\nA,2008,1\nA,2009,1e400\n",
            "city_panel.csv:3, column 'gdp': \"1e400\" is not a finite number; expected a number or a missing value (empty, NA, ., NaN).");
        ShouldFail("city,year,gdp\nA,2008,1\nA,2009,-Infinity\n",
            "city_panel.csv:3, column 'gdp': \"-Infinity\" is not a finite number; expected a number or a missing value (empty, NA, ., NaN).");
    }

    [Fact]
    public void Missing_entity_and_time_columns_are_named_with_the_header() =>
        ShouldFail("City,year,gdp\nA,2008,1\n",
            "city_panel.csv:1: no column named 'city' for the entity key. Did you mean 'City'? The header has: City, year, gdp.");

    [Fact]
    public void Missing_time_column() =>
        ShouldFail("city,t,gdp\nA,2008,1\n", "city_panel.csv:1: no column named 'year' for the time key. The header has: city, t, gdp.");

    [Fact]
    public void Duplicate_keys_list_the_first_pairs_with_their_lines() =>
        ShouldFail("city,year,gdp\nA,2008,1\nB,2008,2\nA,2008,3\nC,2009,4\nB,2008,5\nA,2008,6\nC,2009,7\nD,2010,8\nD,2010,9\n",
            "city_panel.csv: duplicate (city, year) keys: (A, 2008) on lines 2, 4 and 7; (B, 2008) on lines 3 and 6; " +
            "(C, 2009) on lines 5 and 8; and 1 more duplicated pair. Each (city, year) pair may appear only once.");

    [Fact]
    public void Empty_file() => ShouldFail("", "city_panel.csv: the file is empty; expected a header row naming the columns.");

    [Fact]
    public void Blank_lines_only_count_as_empty() => ShouldFail("\n\r\n\n", "city_panel.csv: the file is empty; expected a header row naming the columns.");

    [Fact]
    public void Header_only_file() => ShouldFail("city,year,gdp\n", "city_panel.csv:1: the file has a header but no data rows.");

    [Fact]
    public void Ragged_rows_give_their_line()
    {
        ShouldFail("city,year,gdp\nA,2008,1\n\nA,2009\n",
            "city_panel.csv:4: the row has 2 fields but the header has 3; every row needs one value per column.");
        ShouldFail("city,year,gdp\nA,2008,1,5\n",
            "city_panel.csv:2: the row has 4 fields but the header has 3; every row needs one value per column (a value that contains ',' must be enclosed in double quotes).");
    }

    [Fact]
    public void Malformed_quotes_give_the_line_and_the_reason()
    {
        ShouldFail("city,year,name\nA,2008,ok\nA,2009,ab\"c\n",
            "city_panel.csv:3: malformed CSV: a double quote inside an unquoted field; enclose the whole field in quotes and double the quotes inside it (\"a \"\"b\"\" c\").");
        ShouldFail("city,year,name\nA,2008,\"ab\"c\n",
            "city_panel.csv:2: malformed CSV: text after the closing quote of a quoted field; a quoted field must end at its closing quote (double any quote inside it).");
        ShouldFail("city,year,name\nA,2008,x\nA,2009,\"abc\nA,2010,y\n",
            "city_panel.csv:3: malformed CSV: a quoted field is never closed; add the closing double quote.");
    }

    [Fact]
    public void Duplicate_and_empty_header_names()
    {
        ShouldFail("city,year,gdp,fdi,gdp\nA,2008,1,2,3\n",
            "city_panel.csv:1, column 'gdp': the name appears twice in the header (fields 3 and 5); column names must be unique.");
        ShouldFail("city,year,,fdi\nA,2008,1,2\n", "city_panel.csv:1: header field 3 is empty; every column needs a name.");
    }

    [Fact]
    public void Missing_keys_give_line_and_column()
    {
        ShouldFail("city,year,gdp\nA,2008,1\n,2009,2\n", "city_panel.csv:3, column 'city': the entity key is missing (\"\"); every row needs one.");
        ShouldFail("city,year,gdp\nA,NA,1\n", "city_panel.csv:2, column 'year': the time key is missing (\"NA\"); every row needs one.");
    }

    [Fact]
    public void Wrong_delimiter_is_diagnosed() =>
        ShouldFail("city;year;gdp\nA;2008;1\n",
            "city_panel.csv:1: the header is a single column \"city;year;gdp\"; the file seems to be separated by ';', so set the delimiter to it (CLI: --delimiter; library: Delimiter read option).");

    [Fact]
    public void Invalid_utf8_is_diagnosed_with_its_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gbk_{Guid.NewGuid():N}.csv");
        try
        {
            // "city,year,name\nA,2008,<GBK bytes for 你好>\n"
            var bytes = System.Text.Encoding.ASCII.GetBytes("city,year,name\nA,2008,").Concat(new byte[] { 0xC4, 0xE3, 0xBA, 0xC3, (byte)'\n' }).ToArray();
            File.WriteAllBytes(path, bytes);
            var act = () => PanelCsv.Read(path, "city", "year");
            act.Should().Throw<DataFormatException>().Which.Message.Should().Be(
                $"{Path.GetFileName(path)}:2, column 'name': the text is not valid UTF-8; a file saved as GBK/GB18030 (Chinese Windows, Excel's \"CSV\") is read with --encoding gb18030 or auto (library: PanelReader with TextEncodingChoice).");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_file_is_one_line() =>
        FluentActions.Invoking(() => PanelCsv.Read("/nonexistent/dir/city_panel.csv", "city", "year"))
            .Should().Throw<EconometricsException>().WithMessage("/nonexistent/dir/city_panel.csv: file not found.");

    [Fact]
    public void Same_key_for_entity_and_time_is_rejected() =>
        FluentActions.Invoking(() => PanelCsv.Read(new StringReader("city,year\nA,1\n"), "t.csv", "city", "city"))
            .Should().Throw<EconometricsException>().WithMessage("The entity and the time key are both 'city'; name two different columns.");

    [Fact]
    public void Unknown_categorical_option_column_is_named() =>
        ShouldFail("city,year,gdp\nA,2008,1\n",
            "city_panel.csv:1: the text columns (--text-columns / CategoricalColumns) name 'region', which is not in the header (city, year, gdp).",
            new CsvReadOptions { CategoricalColumns = ["region"] });
}
