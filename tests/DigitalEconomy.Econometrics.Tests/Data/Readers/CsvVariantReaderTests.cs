using System.Text;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Tests.Cli;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Data.Readers;

/// <summary>
/// CSV as users hold it — UTF-8 with or without BOM, GB18030 (GBK) with Chinese names, semicolons with decimal
/// commas, tabs — read through <see cref="PanelReader"/> into exactly the panel of the UTF-8 file.
/// </summary>
public sealed class CsvVariantReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, byte[] bytes)
    {
        var path = _dir.Path(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static Encoding Gb18030 => CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

    [Fact]
    public void Utf8_with_and_without_bom()
    {
        ReaderFixtures.ShouldEqualReference(PanelReader.Read(Write("a.csv", Encoding.UTF8.GetBytes(ReaderFixtures.Csv())), "city", "year"));
        ReaderFixtures.ShouldEqualReference(PanelReader.Read(Write("b.csv", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(ReaderFixtures.Csv())]), "city", "year"));
    }

    [Fact]
    public void Gb18030_is_detected_and_can_be_named()
    {
        var bytes = Gb18030.GetBytes(ReaderFixtures.Csv());
        bytes.Should().NotEqual(Encoding.UTF8.GetBytes(ReaderFixtures.Csv()), "the Chinese names are encoded differently");
        var path = Write("gbk.csv", bytes);
        ReaderFixtures.ShouldEqualReference(PanelReader.Read(path, "city", "year"));
        ReaderFixtures.ShouldEqualReference(PanelReader.Read(path, "city", "year", new PanelReadOptions { Encoding = TextEncodingChoice.Gb18030 }));
        var asUtf8 = () => PanelReader.Read(path, "city", "year", new PanelReadOptions { Encoding = TextEncodingChoice.Utf8 });
        asUtf8.Should().Throw<DataFormatException>().WithMessage("*not valid UTF-8*--encoding gb18030*");
    }

    [Fact]
    public void Semicolons_with_decimal_commas_are_detected()
    {
        var text = ReaderFixtures.Csv(';', ',');
        text.Should().Contain("12017,5", "the fixture really has decimal commas");
        ReaderFixtures.ShouldEqualReference(PanelReader.Read(Write("eu.csv", Encoding.UTF8.GetBytes(text)), "city", "year"));
        ReaderFixtures.ShouldEqualReference(PanelReader.Read(Write("eu2.csv", Encoding.UTF8.GetBytes(text)), "city", "year",
            new PanelReadOptions { Delimiter = ';', DecimalSeparator = ',' }));
        ReaderFixtures.ShouldEqualReference(PanelReader.Read(Write("excel.csv", Encoding.UTF8.GetBytes("sep=;\n" + text)), "city", "year"));
    }

    [Fact]
    public void Tabs_are_detected()
    {
        ReaderFixtures.ShouldEqualReference(PanelReader.Read(Write("t.tsv", Encoding.UTF8.GetBytes(ReaderFixtures.Csv('\t'))), "city", "year"));
    }

    [Fact]
    public void Semicolons_with_decimal_points_keep_points()
    {
        ReaderFixtures.ShouldEqualReference(PanelReader.Read(Write("s.csv", Encoding.UTF8.GetBytes(ReaderFixtures.Csv(';'))), "city", "year"));
    }

    [Fact]
    public void Missing_tokens_can_be_set()
    {
        var text = ReaderFixtures.Csv().Replace(",,", ",-999,", StringComparison.Ordinal);
        var panel = PanelReader.Read(Write("m.csv", Encoding.UTF8.GetBytes(text)), "city", "year",
            new PanelReadOptions { MissingTokens = new HashSet<string>(["", "-999"], StringComparer.Ordinal) });
        ReaderFixtures.ShouldEqualReference(panel);
    }

    [Fact]
    public void Workbook_named_csv_is_not_parsed_as_text()
    {
        var path = Write("book.csv", [(byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 8, 0]);
        var act = () => PanelReader.Read(path, "city", "year");
        act.Should().Throw<EconometricsException>().Which.Message.Should().Contain("xlsx").And.NotContain("malformed CSV");
    }
}
