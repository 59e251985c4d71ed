using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Tests.Cli;
using FluentAssertions;
using Parquet;
using Parquet.Schema;

namespace DigitalEconomy.Econometrics.Tests.Data.Readers;

/// <summary>
/// Parquet in both directions: the files <see cref="PanelParquet"/> writes (any codec, any row-group size) read
/// back into exactly the panel written — numbers bit for bit, missing values where they were, keys with the same
/// levels, codes and numeric values — whether a chunk is decoded by the library's own plain-page decoder
/// (uncompressed, Snappy, Gzip, Zstd, LZ4) or by Parquet.Net (Brotli, which the decoder leaves to it); and files
/// laid out as other writers do (double or nullable int64 keys, float and int columns with nulls, text keys,
/// dictionary-encoded text, byte-stream-split doubles) read as the same panel. Every comparison is exact: Parquet stores the doubles.
/// </summary>
public sealed class ParquetReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// 61 entities with gappy integer ids × 7 years with a gap (2000, 2001, 2003, …): y has missing values in
    /// long runs and isolated ones (both run kinds of the definition-level encoding), x none, z is missing
    /// everywhere, region is text.
    /// </summary>
    private static PanelData Panel(Func<int, double>? time = null)
    {
        var rng = new Random(7);
        int[] years = [2000, 2001, 2003, 2004, 2005, 2006, 2008];
        var ids = new List<double>();
        var periods = new List<double>();
        var y = new List<double>();
        var x = new List<double>();
        var region = new List<string>();
        for (int i = 0; i < 61; i++)
            for (int t = 0; t < years.Length; t++)
            {
                if (rng.NextDouble() < 0.1) continue;
                ids.Add(3 + 17 * i);
                periods.Add(time?.Invoke(t) ?? years[t]);
                int row = y.Count;
                bool missing = (row >= 40 && row < 120) || rng.NextDouble() < 0.15;
                y.Add(missing ? double.NaN : rng.NextDouble() * 1e3 - 500);
                x.Add(row % 5 == 0 ? -0.0 : row % 7 == 0 ? 1e-310 * row : Math.Round(rng.NextDouble(), 4));
                region.Add(i % 3 == 0 ? "东部" : i % 3 == 1 ? "west" : "");
            }
        var labels = (Func<double, string>)(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        return PanelData.Create("id", Factor.FromStrings(ids.Select(labels).ToArray()), "year", Factor.FromStrings(periods.Select(labels).ToArray()),
            [new("y", y.ToArray()), new("x", x.ToArray()), new("z", Enumerable.Repeat(double.NaN, y.Count).ToArray())],
            [new("region", Factor.FromStrings(region))]);
    }

    public static TheoryData<CompressionMethod, int> Layouts() => new()
    {
        { CompressionMethod.None, int.MaxValue },
        { CompressionMethod.None, 50 },
        { CompressionMethod.Snappy, int.MaxValue },
        { CompressionMethod.Snappy, 64 },
        { CompressionMethod.Gzip, 100 },
        { CompressionMethod.Zstd, 33 },
        { CompressionMethod.Lz4Raw, 100 },
        { CompressionMethod.Brotli, 77 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_codec_and_row_group_size_reads_back_the_panel_bit_for_bit(CompressionMethod codec, int rowGroupRows)
    {
        var panel = Panel();
        var path = _dir.Path($"p-{codec}-{rowGroupRows}.parquet");
        PanelParquet.Write(panel, path, codec, rowGroupRows);
        ShouldBeIdentical(PanelReader.Read(path, "id", "year"), panel);
    }

    [Fact]
    public void The_default_layout_stores_whole_number_keys_as_required_integers_and_complete_columns_as_required()
    {
        var path = _dir.Path("p.parquet");
        PanelParquet.Write(Panel(), path);
        var schema = Schema(path);
        schema[..5].Select(f => (f.Name, f.ClrType, f.IsNullable)).Should().Equal(
            ("id", typeof(int), false), ("year", typeof(int), false), ("y", typeof(double), true), ("x", typeof(double), false),
            ("z", typeof(double), true));
        schema[5].Name.Should().Be("region");
        PanelReader.Columns(path).Select(c => (c.Name, c.IsNumeric)).Should().Equal(
            ("id", true), ("year", true), ("y", true), ("x", true), ("z", true), ("region", false));
    }

    [Theory]
    [InlineData(ParquetCompression.None, "UNCOMPRESSED")]
    [InlineData(ParquetCompression.Snappy, "SNAPPY")]
    [InlineData(ParquetCompression.Zstd, "ZSTD")]
    [InlineData(ParquetCompression.Gzip, "GZIP")]
    public async Task The_options_choose_the_codec_and_the_row_groups(ParquetCompression compression, string codec)
    {
        var panel = Panel();
        var path = _dir.Path($"o-{compression}.parquet");
        PanelParquet.Write(panel, path, new PanelParquetOptions { Compression = compression, RowGroupRows = 100 });
        Parquet.Meta.FileMetaData meta;
        using (var stream = File.OpenRead(path))
        {
            await using var reader = await ParquetReader.CreateAsync(stream);
            meta = reader.Metadata!;
        }
        meta.RowGroups.Should().HaveCount((panel.RowCount + 99) / 100);
        meta.RowGroups.SelectMany(g => g.Columns).Select(c => c.MetaData!.Codec.ToString()).Distinct().Should().Equal(codec);
        ShouldBeIdentical(PanelReader.Read(path, "id", "year"), panel);
        var act = () => PanelParquet.Write(panel, path, new PanelParquetOptions { RowGroupRows = 0 });
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Fractional_numeric_keys_are_written_as_doubles_and_read_back()
    {
        var panel = Panel(t => 2000 + 0.25 * t);
        var path = _dir.Path("quarters.parquet");
        PanelParquet.Write(panel, path, CompressionMethod.None, 100);
        Schema(path)[1].ClrType.Should().Be(typeof(double));
        ShouldBeIdentical(PanelReader.Read(path, "id", "year"), panel);
    }

    [Theory]
    [InlineData(CompressionMethod.None, int.MaxValue)]
    [InlineData(CompressionMethod.Snappy, 5)]
    [InlineData(CompressionMethod.Brotli, 5)]
    public void Text_keys_round_trip(CompressionMethod codec, int rowGroupRows)
    {
        var path = _dir.Path($"text-{codec}.parquet");
        PanelParquet.Write(ReaderFixtures.Reference(), path, codec, rowGroupRows);
        ShouldBeIdentical(PanelReader.Read(path, "city", "year"), ReaderFixtures.Reference());
    }

    /// <summary>The layout this library wrote before (double keys, Parquet.Net's defaults: Snappy, one row group).</summary>
    [Fact]
    public void Files_with_double_keys_in_one_snappy_row_group_read_as_before()
    {
        var panel = Panel();
        int n = panel.RowCount;
        var path = _dir.Path("old.parquet");
        var ids = Enumerable.Range(0, n).Select(r => panel.Entities.NumericLevel(panel.Entities.Codes[r])).ToArray();
        var years = Enumerable.Range(0, n).Select(r => panel.Times.NumericLevel(panel.Times.Codes[r])).ToArray();
        var y = panel.Column("y").ToArray().Select(v => double.IsNaN(v) ? (double?)null : v).ToArray();
        var fields = new DataField[] { new DataField<double>("id"), new DataField<double>("year"), new DataField<double?>("y"), new DataField<double>("x") };
        Write(path, async rg =>
        {
            await rg.WriteAsync<double>(fields[0], ids.AsMemory());
            await rg.WriteAsync<double>(fields[1], years.AsMemory());
            await rg.WriteAsync<double>(fields[2], y.AsMemory());
            await rg.WriteAsync<double>(fields[3], panel.Column("x").ToArray().AsMemory());
        }, fields);
        ShouldBeIdentical(PanelReader.Read(path, "id", "year"), panel.WithoutColumns("z", "region"));
    }

    /// <summary>
    /// As pandas or R write a panel: nullable int64 keys without a null, a float and an int column with nulls,
    /// a required int16 column, dictionary-encoded text; two row groups. Floats widen to the same doubles.
    /// </summary>
    [Fact]
    public void Files_laid_out_as_other_writers_do_read_correctly()
    {
        var path = _dir.Path("other.parquet");
        long?[] id = [1, 1, 1, 2, 2, 2];
        long?[] year = [2019, 2020, 2021, 2019, 2020, 2021];
        float?[] share = [0.5f, null, 0.1f, null, null, 3.25f];
        int?[] count = [null, 2, 3, 4, null, 6];
        short[] small = [-1, 0, 1, 2, 3, 4];
        string[] city = ["北京", "北京", "北京", "上海", "上海", "上海"];
        double[] split = [1.5, -2.25, 1e300, double.Epsilon, 0, 7];
        var fields = new DataField[] { new DataField<long?>("id"), new DataField<long?>("year"), new DataField<float?>("share"), new DataField<int?>("count"), new DataField<short>("small"), new DataField<string>("city"), new DataField<double>("split") };
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        options.ColumnEncodingHints["city"] = EncodingHint.Dictionary;
        options.ColumnEncodingHints["split"] = EncodingHint.ByteSplitStream;
        Write(path, options, [0..3, 3..6], async (rg, rows) =>
        {
            await rg.WriteAsync<long>(fields[0], id[rows].AsMemory());
            await rg.WriteAsync<long>(fields[1], year[rows].AsMemory());
            await rg.WriteAsync<float>(fields[2], share[rows].AsMemory());
            await rg.WriteAsync<int>(fields[3], count[rows].AsMemory());
            await rg.WriteAsync<short>(fields[4], small[rows].AsMemory());
            await rg.WriteAsync(fields[5], city[rows]);
            await rg.WriteAsync<double>(fields[6], split[rows].AsMemory());
        }, fields);
        var panel = PanelReader.Read(path, "id", "year");
        panel.Entities.Levels.Should().Equal("1", "2");
        panel.Entities.IsNumeric.Should().BeTrue();
        panel.Times.Levels.Should().Equal("2019", "2020", "2021");
        panel.HasIntegerTimes.Should().BeTrue();
        Bits(panel.Column("share").ToArray()).Should().Equal(Bits([0.5, double.NaN, (double)0.1f, double.NaN, double.NaN, 3.25]));
        Bits(panel.Column("count").ToArray()).Should().Equal(Bits([double.NaN, 2, 3, 4, double.NaN, 6]));
        panel.Column("small").ToArray().Should().Equal(-1, 0, 1, 2, 3, 4);
        Enumerable.Range(0, 6).Select(panel.Grouping("city").LabelOf).Should().Equal(city);
        Bits(panel.Column("split").ToArray()).Should().Equal(Bits(split));
    }

    [Fact]
    public void A_null_key_is_reported_with_its_row()
    {
        var path = _dir.Path("nullkey.parquet");
        var fields = new DataField[] { new DataField<int?>("id"), new DataField<int>("year"), new DataField<double>("x") };
        Write(path, new ParquetOptions(), [0..3], async (rg, rows) =>
        {
            await rg.WriteAsync<int>(fields[0], new int?[] { 1, null, 2 }.AsMemory());
            await rg.WriteAsync<int>(fields[1], new[] { 2019, 2019, 2019 }.AsMemory());
            await rg.WriteAsync<double>(fields[2], new[] { 1.0, 2, 3 }.AsMemory());
        }, fields);
        var act = () => PanelReader.Read(path, "id", "year");
        act.Should().Throw<DataFormatException>().WithMessage("nullkey.parquet:2, column 'id': the entity key is missing; every row needs one.");
    }

    [Fact]
    public void A_damaged_file_is_refused_with_one_line()
    {
        var path = _dir.Path("damaged.parquet");
        PanelParquet.Write(Panel(), path);
        var bytes = File.ReadAllBytes(path);
        // Overwrite the first page header (just after the 4-byte signature) with an impossible Thrift type.
        bytes[4] = 0x1F;
        bytes[5] = 0x1F;
        File.WriteAllBytes(path, bytes);
        var act = () => PanelReader.Read(path, "id", "year");
        act.Should().Throw<DataFormatException>().WithMessage("damaged.parquet*not a readable Parquet file*");
    }

    private static void Write(string path, Func<ParquetRowGroupWriter, Task> group, params DataField[] fields) =>
        Write(path, new ParquetOptions(), [Range.All], (rg, _) => group(rg), fields);

    private static void Write(string path, ParquetOptions options, Range[] groups, Func<ParquetRowGroupWriter, Range, Task> group, params DataField[] fields)
    {
        using var stream = File.Create(path);
        Task.Run(async () =>
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, options);
            foreach (var rows in groups)
            {
                using var rg = writer.CreateRowGroup();
                await group(rg, rows);
            }
        }).GetAwaiter().GetResult();
    }

    private static DataField[] Schema(string path) => Task.Run(() => ParquetReader.ReadSchemaAsync(path)).GetAwaiter().GetResult().GetDataFields();

    private static long[] Bits(double[] x) => x.Select(BitConverter.DoubleToInt64Bits).ToArray();

    /// <summary>Keys (levels, codes, numeric values, time step), column order, numbers bit for bit (NaN as the one NaN the reader returns), text.</summary>
    private static void ShouldBeIdentical(PanelData actual, PanelData expected)
    {
        ReaderFixtures.ShouldEqual(actual, expected);
        foreach (var (a, e) in new[] { (actual.Entities, expected.Entities), (actual.Times, expected.Times) })
        {
            a.IsNumeric.Should().Be(e.IsNumeric);
            if (e.IsNumeric)
                Enumerable.Range(0, a.LevelCount).Select(a.NumericLevel).Should().Equal(Enumerable.Range(0, e.LevelCount).Select(e.NumericLevel));
        }
        actual.TimeStep.Should().Be(expected.TimeStep);
        actual.HasIntegerTimes.Should().Be(expected.HasIntegerTimes);
        actual.Structure.Should().Be(expected.Structure);
        foreach (var c in expected.NumericColumnNames)
            Bits(actual.Column(c).ToArray()).Should().Equal(Bits(expected.Column(c).ToArray().Select(v => double.IsNaN(v) ? double.NaN : v).ToArray()), c);
    }
}
