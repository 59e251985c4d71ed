using DigitalEconomy.Econometrics.Data;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Data;

/// <summary>
/// The time key as files write it: 2008 and 2008.0 are one year; dates, months and quarters written as text
/// are ordered chronologically and lag by one calendar unit; other text is an error unless declared ordinal.
/// Exact comparisons: labels and ordinals are integers.
/// </summary>
public sealed class TimeIndexTests
{
    private static PanelData Read(string csv, CsvReadOptions? options = null) =>
        PanelCsv.Read(new StringReader(csv), "t.csv", "city", "t", options);

    [Fact]
    public void Year_written_2008_and_2008_0_is_one_period()
    {
        var p = Read("city,t,x\nA,2008,1\nA,2009.0,2\nB,2008.0,3\nB,2009,4\n");
        p.Times.Levels.Should().Equal("2008", "2009");
        p.TimeStep.Should().Be(1);
        p.Lag("x").ToArray()[1].Should().Be(1);
    }

    [Fact]
    public void Months_in_every_spelling_are_ordered_chronologically_with_a_one_month_step()
    {
        // As strings, 2019-10 sorts before 2019-2; chronologically it comes after 2019-9.
        var rows = Enumerable.Range(1, 12).Select(m => $"A,{(m % 3 == 0 ? $"2019m{m}" : m % 3 == 1 ? $"2019-{m}" : $"2019-{m:D2}")},{m}");
        var p = Read("city,t,x\n" + string.Join("\n", rows.Reverse()) + "\nA,2020M01,13\n");
        p.Times.Levels.Should().Equal(Enumerable.Range(1, 12).Select(m => $"2019-{m:D2}").Append("2020-01"));
        p.TimeStep.Should().Be(1);
        var x = p.Column("x").ToArray();
        var lag = p.Lag("x").ToArray();
        for (int r = 1; r < x.Length; r++) lag[r].Should().Be(x[r - 1], "the previous month, across the year end too");
        double.IsNaN(lag[0]).Should().BeTrue();
    }

    [Fact]
    public void Quarters_are_ordered_and_a_missing_quarter_is_a_gap()
    {
        var p = Read("city,t,x\nA,2019q4,4\nA,2019Q1,1\nA,2019Q2,2\nA,2020Q2,6\n");
        p.Times.Levels.Should().Equal("2019Q1", "2019Q2", "2019Q4", "2020Q2");
        p.TimeStep.Should().Be(1);
        var lag = p.Lag("x").ToArray();
        lag[1].Should().Be(1);
        double.IsNaN(lag[2]).Should().BeTrue("2019Q3 is not observed");
        double.IsNaN(lag[3]).Should().BeTrue("2020Q1 is not observed");
    }

    [Fact]
    public void Month_end_dates_are_monthly_and_other_dates_daily()
    {
        var monthly = Read("city,t,x\nA,2019-02-28,2\nA,2019-01-31,1\nA,2019-03-31,3\n");
        monthly.Times.Levels.Should().Equal("2019-01-31", "2019-02-28", "2019-03-31");
        monthly.Lag("x").ToArray()[1].Should().Be(1, "31 January and 28 February are one month apart");
        var daily = Read("city,t,x\nA,2019-01-01,1\nA,2019-01-02,2\nA,2019-01-05,3\n");
        daily.Lag("x").ToArray()[1].Should().Be(1);
        double.IsNaN(daily.Lag("x").ToArray()[2]).Should().BeTrue("4 January is missing");
    }

    [Fact]
    public void Other_text_periods_are_an_error_unless_declared_ordinal()
    {
        var act = () => Read("city,t,x\nA,spring,1\nA,summer,2\n");
        act.Should().Throw<DataFormatException>().WithMessage("t.csv:2, column 't': \"spring\" is not a year, a date*--time-ordinal*");
        var p = Read("city,t,x\nA,spring,1\nA,summer,2\n", new CsvReadOptions { OrdinalTime = true });
        p.Times.Levels.Should().Equal("spring", "summer");
        var mixed = () => Read("city,t,x\nA,2019Q1,1\nA,2019-02,2\n");
        mixed.Should().Throw<DataFormatException>().WithMessage("*is a month but \"2019Q1\" is a quarter*");
    }
}
