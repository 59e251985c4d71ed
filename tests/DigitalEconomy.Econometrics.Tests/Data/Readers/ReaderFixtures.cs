using System.Globalization;
using System.Text;
using DigitalEconomy.Econometrics.Data;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Data.Readers;

/// <summary>
/// One small real-shaped panel (Chinese city names, a text region, a missing cell, negative and tiny numbers)
/// that every reader test writes in its own format and reads back; the UTF-8 CSV reading is the reference.
/// </summary>
internal static class ReaderFixtures
{
    public static readonly string[] Cities = ["北京", "上海", "广州", "深圳"];
    public static readonly string[] Regions = ["东部", "东部", "东部", "东部"];

    /// <summary>(city, year, region, gdppc, dei) rows: 4 cities × 3 years, one missing dei.</summary>
    public static IEnumerable<(string City, int Year, string Region, double Gdppc, double Dei)> Rows()
    {
        for (int c = 0; c < Cities.Length; c++)
            for (int y = 2017; y <= 2019; y++)
                yield return (Cities[c], y, c < 2 ? "东部" : "南部", 10000.5 * (c + 1) + y, c == 1 && y == 2018 ? double.NaN : -0.125 * c + 1e-5 * y);
    }

    public static string Csv(char delimiter = ',', char decimalMark = '.')
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(delimiter, "city", "year", "region", "gdppc", "dei")).Append('\n');
        foreach (var r in Rows())
            sb.Append(string.Join(delimiter, r.City, r.Year.ToString(CultureInfo.InvariantCulture), r.Region, Number(r.Gdppc, decimalMark), Number(r.Dei, decimalMark))).Append('\n');
        return sb.ToString();
    }

    private static string Number(double x, char mark) =>
        double.IsNaN(x) ? "" : x.ToString("R", CultureInfo.InvariantCulture).Replace('.', mark);

    public static PanelData Reference() =>
        PanelCsv.Read(new StringReader(Csv()), "reference.csv", "city", "year");

    /// <summary>The same panel with ASCII names (for .dta format 117, whose text is single-byte).</summary>
    public static PanelData AsciiReference() =>
        PanelCsv.Read(new StringReader(Csv().Replace("北京", "Beijing").Replace("上海", "Shanghai").Replace("广州", "Guangzhou")
            .Replace("深圳", "Shenzhen").Replace("东部", "East").Replace("南部", "South")), "reference.csv", "city", "year");

    /// <summary>Exact equality of two panels: keys, column order, text and numbers (NaN equals NaN).</summary>
    public static void ShouldEqual(PanelData actual, PanelData expected)
    {
        actual.RowCount.Should().Be(expected.RowCount);
        actual.Entities.Levels.Should().Equal(expected.Entities.Levels);
        actual.Times.Levels.Should().Equal(expected.Times.Levels);
        actual.Entities.Codes.ToArray().Should().Equal(expected.Entities.Codes.ToArray());
        actual.Times.Codes.ToArray().Should().Equal(expected.Times.Codes.ToArray());
        actual.ColumnNames.Should().Equal(expected.ColumnNames);
        foreach (var c in expected.ColumnNames)
        {
            if (expected.HasNumeric(c))
            {
                actual.HasNumeric(c).Should().BeTrue(c);
                var a = actual.Column(c).ToArray();
                var e = expected.Column(c).ToArray();
                for (int r = 0; r < e.Length; r++)
                    BitConverter.DoubleToInt64Bits(double.IsNaN(a[r]) ? double.NaN : a[r]).Should().Be(BitConverter.DoubleToInt64Bits(double.IsNaN(e[r]) ? double.NaN : e[r]), $"{c} row {r}");
            }
            else
                Enumerable.Range(0, actual.RowCount).Select(actual.Grouping(c).LabelOf).Should().Equal(Enumerable.Range(0, expected.RowCount).Select(expected.Grouping(c).LabelOf), c);
        }
    }

    /// <summary>Same keys, columns, text and numbers (numbers exactly: every format stores doubles or their shortest text).</summary>
    public static void ShouldEqualReference(PanelData actual, double tolerance = 0)
    {
        var expected = Reference();
        actual.RowCount.Should().Be(expected.RowCount);
        actual.Entities.Levels.Should().Equal(expected.Entities.Levels);
        actual.Times.Levels.Should().Equal(expected.Times.Levels);
        actual.Entities.Codes.ToArray().Should().Equal(expected.Entities.Codes.ToArray());
        actual.Times.Codes.ToArray().Should().Equal(expected.Times.Codes.ToArray());
        actual.HasCategorical("region").Should().BeTrue();
        Enumerable.Range(0, actual.RowCount).Select(actual.Grouping("region").LabelOf)
            .Should().Equal(Enumerable.Range(0, expected.RowCount).Select(expected.Grouping("region").LabelOf));
        foreach (var c in new[] { "gdppc", "dei" })
        {
            var a = actual.Column(c).ToArray();
            var e = expected.Column(c).ToArray();
            for (int r = 0; r < e.Length; r++)
            {
                if (double.IsNaN(e[r])) double.IsNaN(a[r]).Should().BeTrue($"{c} row {r} is missing");
                else a[r].Should().BeApproximately(e[r], tolerance, $"{c} row {r}");
            }
        }
    }
}
