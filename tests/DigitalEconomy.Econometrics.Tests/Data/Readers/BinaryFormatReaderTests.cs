using System.Buffers.Binary;
using System.Text;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Tests.Cli;
using FluentAssertions;
using MiniExcelLibs;

namespace DigitalEconomy.Econometrics.Tests.Data.Readers;

/// <summary>
/// Stata .dta (117, 118, 119: written by <see cref="StataDta"/>, and one file built byte by byte from the
/// published format description with value labels, missing codes .a/.b, a strL and big-endian byte order),
/// Excel .xlsx (written with MiniExcel) and Parquet (round trip) — each read into exactly the panel of the
/// UTF-8 CSV. Exact comparisons: every format stores the doubles themselves.
/// </summary>
public sealed class BinaryFormatReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(118)]
    [InlineData(119)]
    public void Dta_written_then_read_is_the_same_panel(int release)
    {
        var path = _dir.Path($"p{release}.dta");
        StataDta.Write(ReaderFixtures.Reference(), path, new StataWriteOptions { Release = release, VariableLabels = new Dictionary<string, string> { ["gdppc"] = "人均GDP（元）" } });
        var file = PanelReader.Open(path, "city", "year");
        file.Format.Should().Be($"dta {release}");
        file.VariableLabels["gdppc"].Should().Be("人均GDP（元）");
        ReaderFixtures.ShouldEqual(file.Panel, ReaderFixtures.Reference());
    }

    [Fact]
    public void Dta_117_holds_single_byte_text_and_refuses_chinese()
    {
        var path = _dir.Path("p117.dta");
        StataDta.Write(ReaderFixtures.AsciiReference(), path, new StataWriteOptions { Release = 117 });
        ReaderFixtures.ShouldEqual(PanelReader.Read(path, "city", "year"), ReaderFixtures.AsciiReference());
        var chinese = () => StataDta.Write(ReaderFixtures.Reference(), _dir.Path("c117.dta"), new StataWriteOptions { Release = 117 });
        chinese.Should().Throw<EconometricsException>().WithMessage("*format 117*write format 118*");
    }

    [Theory]
    [InlineData(117)]
    [InlineData(118)]
    [InlineData(119)]
    public void Dta_strl_columns_round_trip(int release)
    {
        var panel = release == 117 ? ReaderFixtures.AsciiReference() : ReaderFixtures.Reference();
        var path = _dir.Path($"s{release}.dta");
        StataDta.Write(panel, path, new StataWriteOptions { Release = release, MaxFixedStringBytes = 0 });
        ReaderFixtures.ShouldEqual(PanelReader.Read(path, "city", "year"), panel);
    }

    [Fact]
    public void Hand_built_dta_118_with_value_labels_missing_codes_and_strl()
    {
        var path = _dir.Path("hand.dta");
        File.WriteAllBytes(path, HandBuilt118());
        var file = PanelReader.Open(path, "city", "year");
        ReaderFixtures.ShouldEqualReference(file.Panel);
        file.VariableLabels["city"].Should().Be("城市");
        var panel = file.Panel;
        int Row(string city, string year) => Enumerable.Range(0, panel.RowCount).Single(r => panel.Entities.LabelOf(r) == city && panel.Times.LabelOf(r) == year);
        var note = panel.Grouping("note");
        new[] { "2017", "2018", "2019" }.Select(y => note.LabelOf(Row("北京", y))).Should().Equal(["", "长文本 0", "长文本 0"],
            "(0,0) is the empty string; the third observation links back to the second's strL");
        note.LabelOf(Row("深圳", "2019")).Should().Be("长文本 11");
        var flag = panel.Column("flag").ToArray();
        double.IsNaN(flag[Row("北京", "2017")]).Should().BeTrue(".a is missing");
        flag[Row("北京", "2018")].Should().Be(1);
    }

    [Fact]
    public void Xlsx_is_read_from_the_first_or_the_named_sheet()
    {
        var path = _dir.Path("p.xlsx");
        var rows = ReaderFixtures.Rows().Select(r => new Dictionary<string, object?>
        {
            ["city"] = r.City, ["year"] = r.Year, ["region"] = r.Region, ["gdppc"] = r.Gdppc, ["dei"] = double.IsNaN(r.Dei) ? null : r.Dei,
        }).ToList();
        var sheets = new Dictionary<string, object> { ["说明"] = new[] { new Dictionary<string, object?> { ["note"] = "see the next sheet" } }, ["panel"] = rows };
        MiniExcel.SaveAs(path, sheets);
        ReaderFixtures.ShouldEqualReference(PanelReader.Read(path, "city", "year", new PanelReadOptions { Sheet = "panel" }));
        ReaderFixtures.ShouldEqualReference(PanelReader.Read(path, "city", "year", new PanelReadOptions { Sheet = "2" }));
        var wrong = () => PanelReader.Read(path, "city", "year", new PanelReadOptions { Sheet = "data" });
        wrong.Should().Throw<EconometricsException>().WithMessage("*no worksheet 'data' (--sheet)*'说明', 'panel'*");
        // A workbook saved with a .csv name is still read as a workbook.
        var renamed = _dir.Path("really_a_workbook.csv");
        File.Copy(path, renamed);
        ReaderFixtures.ShouldEqualReference(PanelReader.Read(renamed, "city", "year", new PanelReadOptions { Sheet = "panel" }));
    }

    [Fact]
    public void Xlsx_text_in_a_numeric_column_names_the_cell()
    {
        var path = _dir.Path("bad.xlsx");
        MiniExcel.SaveAs(path, new[]
        {
            new Dictionary<string, object?> { ["city"] = "A", ["year"] = 2019, ["gdp"] = 1.5 },
            new Dictionary<string, object?> { ["city"] = "A", ["year"] = 2020, ["gdp"] = "n/a" },
        });
        var act = () => PanelReader.Read(path, "city", "year");
        act.Should().Throw<DataFormatException>().WithMessage("bad.xlsx:3, column 'gdp': cell C3 \"n/a\" is not a number*");
    }

    [Fact]
    public void Parquet_round_trip()
    {
        var path = _dir.Path("p.parquet");
        PanelParquet.Write(ReaderFixtures.Reference(), path);
        ReaderFixtures.ShouldEqual(PanelReader.Read(path, "city", "year"), ReaderFixtures.Reference());
    }

    /// <summary>
    /// A format-118, big-endian file assembled from the format description, independent of the writer:
    /// city is a long with value label "citylbl" (codes 1–4 → Chinese names), year an int, region a str6
    /// filled to its full width (no terminating \0), gdppc and dei doubles (the missing dei coded .b),
    /// note a strL (empty as (0,0), one cross-linked), flag a byte with .a.
    /// </summary>
    private static byte[] HandBuilt118()
    {
        var rows = ReaderFixtures.Rows().ToArray();
        var utf8 = Encoding.UTF8;
        var b = new BigEndian();
        long[] map = new long[14];
        b.A("<stata_dta><header><release>118</release><byteorder>MSF</byteorder><K>"); b.U16(7); b.A("</K><N>"); b.U64((ulong)rows.Length); b.A("</N><label>");
        var dataLabel = utf8.GetBytes("手工构造");
        b.U16((ushort)dataLabel.Length); b.Raw(dataLabel); b.A("</label><timestamp>"); b.U8(17); b.A(" 1 Dec 2026 10:00"); b.A("</timestamp></header>");
        map[1] = b.Pos; b.A("<map>"); int mapAt = b.Pos; for (int i = 0; i < 14; i++) b.U64(0); b.A("</map>");
        ushort[] types = [65528, 65529, 6, 65526, 65526, 32768, 65530];
        string[] names = ["city", "year", "region", "gdppc", "dei", "note", "flag"];
        map[2] = b.Pos; b.A("<variable_types>"); foreach (var t in types) b.U16(t); b.A("</variable_types>");
        map[3] = b.Pos; b.A("<varnames>"); foreach (var n in names) b.Fixed(utf8.GetBytes(n), 129); b.A("</varnames>");
        map[4] = b.Pos; b.A("<sortlist>"); for (int i = 0; i <= names.Length; i++) b.U16(0); b.A("</sortlist>");
        map[5] = b.Pos; b.A("<formats>"); foreach (var f in new[] { "%8.0g", "%8.0g", "%9s", "%10.0g", "%10.0g", "%9s", "%8.0g" }) b.Fixed(utf8.GetBytes(f), 57); b.A("</formats>");
        map[6] = b.Pos; b.A("<value_label_names>"); for (int j = 0; j < names.Length; j++) b.Fixed(j == 0 ? utf8.GetBytes("citylbl") : [], 129); b.A("</value_label_names>");
        map[7] = b.Pos; b.A("<variable_labels>"); for (int j = 0; j < names.Length; j++) b.Fixed(j == 0 ? utf8.GetBytes("城市") : [], 321); b.A("</variable_labels>");
        map[8] = b.Pos; b.A("<characteristics><ch>"); var ch = utf8.GetBytes("_dta\0note1\0anything at all\0"); b.U32((uint)ch.Length); b.Raw(ch); b.A("</ch></characteristics>");
        map[9] = b.Pos; b.A("<data>");
        var strl = new List<(int Row, string Text)>();
        for (int r = 0; r < rows.Length; r++)
        {
            var row = rows[r];
            b.U32((uint)(Array.IndexOf(ReaderFixtures.Cities, row.City) + 1));
            b.U16((ushort)row.Year);
            var region = utf8.GetBytes(row.Region);
            region.Length.Should().Be(6);
            b.Raw(region);
            b.F64(row.Gdppc);
            b.F64(double.IsNaN(row.Dei) ? BitConverter.Int64BitsToDouble(0x7fe0020000000000) : row.Dei); // .b
            // strL (v, o): 2-byte v then 6-byte o; row 0 empty, row 2 links to row 1's GSO.
            if (r == 0) b.U64(0);
            else if (r == 2) { b.U16(6); b.U48(2); }
            else { b.U16(6); b.U48((ulong)(r + 1)); strl.Add((r, $"长文本 {(r == 1 ? 0 : r)}")); }
            b.U8(r == 0 ? (byte)102 : (byte)1); // .a, then 1
        }
        b.A("</data>");
        map[10] = b.Pos; b.A("<strls>");
        foreach (var (row, text) in strl)
        {
            var bytes = utf8.GetBytes(text);
            b.A("GSO"); b.U32(6); b.U64((ulong)(row + 1)); b.U8(130); b.U32((uint)(bytes.Length + 1)); b.Raw(bytes); b.U8(0);
        }
        b.A("</strls>");
        map[11] = b.Pos; b.A("<value_labels><lbl>");
        var txt = new List<byte>();
        var offsets = new List<int>();
        foreach (var city in ReaderFixtures.Cities) { offsets.Add(txt.Count); txt.AddRange(utf8.GetBytes(city)); txt.Add(0); }
        int tableLength = 8 + 8 * ReaderFixtures.Cities.Length + txt.Count;
        b.U32((uint)tableLength); b.Fixed(utf8.GetBytes("citylbl"), 129); b.Raw([0, 0, 0]);
        b.U32((uint)ReaderFixtures.Cities.Length); b.U32((uint)txt.Count);
        foreach (var o in offsets) b.U32((uint)o);
        for (int v = 1; v <= ReaderFixtures.Cities.Length; v++) b.U32((uint)v);
        b.Raw([.. txt]);
        b.A("</lbl></value_labels>");
        map[12] = b.Pos; b.A("</stata_dta>"); map[13] = b.Pos;
        var result = b.ToArray();
        for (int i = 0; i < 14; i++) BinaryPrimitives.WriteInt64BigEndian(result.AsSpan(mapAt + 8 * i), map[i]);
        return result;
    }

    private sealed class BigEndian
    {
        private readonly List<byte> _bytes = [];
        public int Pos => _bytes.Count;
        public void A(string s) => _bytes.AddRange(Encoding.ASCII.GetBytes(s));
        public void Raw(byte[] b) => _bytes.AddRange(b);
        public void U8(byte v) => _bytes.Add(v);
        public void U16(ushort v) { var b = new byte[2]; BinaryPrimitives.WriteUInt16BigEndian(b, v); Raw(b); }
        public void U32(uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, v); Raw(b); }
        public void U64(ulong v) { var b = new byte[8]; BinaryPrimitives.WriteUInt64BigEndian(b, v); Raw(b); }
        public void U48(ulong v) { var b = new byte[8]; BinaryPrimitives.WriteUInt64BigEndian(b, v); Raw(b[2..]); }
        public void F64(double v) { var b = new byte[8]; BinaryPrimitives.WriteDoubleBigEndian(b, v); Raw(b); }
        public void Fixed(byte[] s, int width) { Raw(s); for (int i = s.Length; i < width; i++) U8(0); }
        public byte[] ToArray() => [.. _bytes];
    }
}
