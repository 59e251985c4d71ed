using System.Globalization;
using System.Text;
using CsCheck;
using DigitalEconomy.Econometrics.Data;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Data;

/// <summary>
/// A CSV file is read by the parallel byte-level path when it is in the plain form, else by the general
/// reader; both must give the same panel bit for bit, or the same error message. The general reader is
/// reached through a <see cref="TextReader"/>, which never takes the fast path.
/// </summary>
public class PanelCsvFastPathTests
{
    private static readonly string[] NumberCells =
    [
        "0", "-0", "1", "-17", "+3", "2.5", "-0.125", "1.5e-3", "-2E+05", "6.02214076e23", "1e-320", ".5", "5.",
        "-0.0", "0.0000", "-.5", "-", "--1", "1..2", "1.2.3", "123456789012345", "1234567890123456", "-123456789012345",
        "1.23456789012345", "12345678901234.5", "0.12345678901234", "9.99999999999999", "99999999999999.9", "4.5832", "-0.8237",
        "0.1", "0.30000000000000004", "123456789.123456789", "9007199254740993", "1.7976931348623157E+308",
        "00012.5000", "3.14159265358979323846264338327950288", "12345678901234567890", "4.9406564584124654E-324",
        "", "NA", ".", "NaN",
    ];

    private static readonly string[] MessyCells = ["abc", " 1.5", "2 ", "\"3\"", "\"a,b\"", "1,5", "Infinity", "1e999", "'=x", "-", "é中"];

    private static readonly Gen<string> Number = Gen.Frequency(
        (12, Gen.OneOf(NumberCells)),
        (6, Gen.Double[-1e6, 1e6].Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
        (6, Gen.Int[-99999, 99999].Select(i => (i / 1e4).ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.OneOf(MessyCells)));

    private static readonly Gen<string> Label = Gen.Frequency(
        (10, Gen.OneOf("east", "west", "中部", "a b", "NA", "", "x1")),
        (1, Gen.OneOf("\"q,uoted\"", " pad", "'=SUM(A1)", "3")));

    private sealed record Csv(string Text)
    {
        public override string ToString() => Text.Replace("\r", "\\r").Replace("\n", "\\n\n");
    }

    private static readonly Gen<Csv> Files =
        from entities in Gen.Int[1, 6]
        from periods in Gen.Int[1, 5]
        from textEntities in Gen.Bool
        from numericCount in Gen.Int[1, 3]
        from withText in Gen.Bool
        from crlf in Gen.Bool
        from finalNewline in Gen.Bool
        from present in Gen.Bool.Array[entities * periods]
        from cells in Number.Array[numericCount].Array[entities * periods]
        from labels in Label.Array[entities * periods]
        from badKey in Gen.Int[0, 40]
        select Build(entities, periods, textEntities, numericCount, withText, crlf, finalNewline, present, cells, labels, badKey);

    private static Csv Build(int entities, int periods, bool textEntities, int numericCount, bool withText, bool crlf, bool finalNewline,
        bool[] present, string[][] cells, string[] labels, int badKey)
    {
        var nl = crlf ? "\r\n" : "\n";
        var sb = new StringBuilder("city,year");
        for (int j = 0; j < numericCount; j++) sb.Append(",x").Append(j);
        if (withText) sb.Append(",region");
        int row = 0;
        for (int k = 0; k < entities * periods; k++)
        {
            if (!present[k] && k > 0) continue;
            sb.Append(nl);
            var entity = textEntities ? "c" + (k / periods) : (k / periods + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            sb.Append(row == badKey ? "NA" : entity).Append(',').Append(2000 + k % periods);
            foreach (var cell in cells[k]) sb.Append(',').Append(cell);
            if (withText) sb.Append(',').Append(labels[k]);
            row++;
        }
        if (finalNewline) sb.Append(nl);
        return new Csv(sb.ToString());
    }

    /// <summary>The panel or the error message, read from a file (fast path when it applies) or from text (general reader).</summary>
    private static (PanelData? Panel, string? Error) Outcome(Func<PanelData> read)
    {
        try
        {
            return (read(), null);
        }
        catch (EconometricsException e)
        {
            return (null, e.GetType().Name + ": " + e.Message);
        }
    }

    private static void ShouldBeIdentical(PanelData actual, PanelData expected)
    {
        actual.RowCount.Should().Be(expected.RowCount);
        actual.ColumnNames.Should().Equal(expected.ColumnNames);
        actual.Entities.Levels.Should().Equal(expected.Entities.Levels);
        actual.Entities.IsNumeric.Should().Be(expected.Entities.IsNumeric);
        actual.Times.Levels.Should().Equal(expected.Times.Levels);
        actual.Entities.Codes.ToArray().Should().Equal(expected.Entities.Codes.ToArray());
        actual.Times.Codes.ToArray().Should().Equal(expected.Times.Codes.ToArray());
        actual.TimeOrdinals.ToArray().Should().Equal(expected.TimeOrdinals.ToArray());
        foreach (var name in expected.ColumnNames)
        {
            if (expected.HasNumeric(name))
            {
                actual.HasNumeric(name).Should().BeTrue(name);
                var a = actual.Column(name).ToArray().Select(BitConverter.DoubleToInt64Bits);
                var e = expected.Column(name).ToArray().Select(BitConverter.DoubleToInt64Bits);
                a.Should().Equal(e, $"column {name} is bit-identical");
            }
            else
            {
                actual.HasCategorical(name).Should().BeTrue(name);
                actual.Grouping(name).Levels.Should().Equal(expected.Grouping(name).Levels);
                actual.Grouping(name).Codes.ToArray().Should().Equal(expected.Grouping(name).Codes.ToArray());
            }
        }
    }

    private static void BothPathsAgree(string text, CsvReadOptions? options = null, string entity = "city", string time = "year")
    {
        var path = Path.Combine(Path.GetTempPath(), $"fast_{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));
        try
        {
            var fromFile = Outcome(() => PanelCsv.Read(path, entity, time, options));
            var fromReader = Outcome(() => PanelCsv.Read(new StringReader(text), Path.GetFileName(path), entity, time, options));
            var viaPanelReader = Outcome(() => PanelReader.Read(path, entity, time, new PanelReadOptions { Delimiter = ',', DecimalSeparator = '.' }));
            fromFile.Error.Should().Be(fromReader.Error);
            if (options is null) viaPanelReader.Error.Should().Be(fromReader.Error);
            if (fromReader.Panel is { } expected)
            {
                ShouldBeIdentical(fromFile.Panel!, expected);
                if (options is null) ShouldBeIdentical(viaPanelReader.Panel!, expected);
            }
            // Tiny blocks and chunks: every few lines a block or a chunk boundary (each chunk with its own label
            // tables, renumbered in file order at the end), and lines longer than a block; once without the
            // vector number reader, as on a processor without it.
            foreach (var sizes in SmallSizes)
            {
                using var stream = File.OpenRead(path);
                var small = Outcome(() => PanelCsv.TryReadFast(stream.SafeFileHandle, Path.GetFileName(path), entity, time, options, validateUtf8: true, sizes)
                    ?? throw new DeclinedException());
                if (small.Error == DeclinedMessage) continue;
                small.Error.Should().Be(fromReader.Error, $"blocks of {sizes.BlockBytes} bytes, chunks of {sizes.ChunkBytes}");
                if (fromReader.Panel is { } reference) ShouldBeIdentical(small.Panel!, reference);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static readonly PanelCsv.FastPathSizes[] SmallSizes = [new(64, 40), new(256, 200, VectorCells: false)];

    private const string DeclinedMessage = "DeclinedException: declined";

    /// <summary>The fast path left the file to the general reader (allowed; only a different answer is not).</summary>
    private sealed class DeclinedException() : EconometricsException("declined");

    [Fact]
    public void Random_files_read_the_same_by_both_paths() =>
        Files.Sample(csv => BothPathsAgree(csv.Text), iter: 250);

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Entity keys that look like integers: plain ones (looked up by value in the fast path, within one table's
    // range of values or beyond it), and spellings that must not be taken for them: leading zeros, signs, eight
    // digits and more, exponents, blanks, text.
    private static readonly Gen<string> IntegerKey = Gen.Frequency(
        (6, Gen.Int[0, 3000].Select(i => Invariant(i))),
        (3, Gen.Int[0, 9_999_999].Select(i => Invariant(i))),
        (1, Gen.Long[10_000_000, long.MaxValue].Select(Invariant)),
        (1, Gen.Int[0, 999].Select(i => "0" + Invariant(i))),
        (1, Gen.Int[0, 999].Select(i => (i % 2 == 0 ? "+" : "-") + Invariant(i))),
        (1, Gen.OneOf("0", "00", "007", "7", "1e3", "12a", "x", "1.0", "NA", "", " 5", "5 ", "'=1", "中", "2147483648", "9999999", "10000000")));

    private static readonly Gen<Csv> IntegerKeyFiles =
        from rows in Gen.Int[1, 40]
        from keys in IntegerKey.Array[rows]
        from years in Gen.Int[0, 3].Array[rows]
        from cells in Number.Array[rows]
        from crlf in Gen.Bool
        select new Csv("city,year,x" + string.Concat(Enumerable.Range(0, rows).Select(r =>
            (crlf ? "\r\n" : "\n") + keys[r] + "," + Invariant(2000 + years[r]) + "," + cells[r])) + "\n");

    [Fact]
    public void Integer_like_keys_read_the_same_by_both_paths() =>
        IntegerKeyFiles.Sample(csv => BothPathsAgree(csv.Text), iter: 250);

    // Descending and spread-out integer keys: the fast path's value table grows downwards, and stops growing
    // once a value falls beyond its range (later values outside it are looked up another way).
    [Theory]
    [InlineData("5000,4000,3000,2000,1000,0")]
    [InlineData("1,9000000,2,9000000,1,5000,4999")]
    [InlineData("9999999,0,9999999,0,17,017")]
    public void Spread_integer_keys_read_the_same_by_both_paths(string keys) =>
        BothPathsAgree("city,year,x\n" + string.Concat(keys.Split(',').Select((k, i) => $"{k},{2000 + i},{i}.5\n")));

    // Separators that can be part of a number or an integer: cells are then cut at the separator first.
    [Theory]
    [InlineData("-", "id-t-x\na-2008-1.5\na-2009-2\nb-2008-\n")]
    [InlineData("e", "id;t;x;y\n1;2008;1.5;2\n1;2009;3;4\n2;2008;4;-1\n")]
    [InlineData("5", "id5t5x\n152008512\n252009535\n")]
    [InlineData("+", "id+t+x\n1+2008+1.5\n1+2009+2e3\n")]
    public void Separators_that_occur_in_numbers_read_the_same_by_both_paths(string delimiter, string text) =>
        BothPathsAgree(text.Replace(";", delimiter), new CsvReadOptions { Delimiter = delimiter }, "id", "t");

    // Runs of digits around the eight-byte boundary of the number parser (exact by both paths, so compared bit for bit).
    [Theory]
    [InlineData("0.00000000012345678", "12345678.87654321", "99999999.99999999")]
    [InlineData("00000000000000000001.5", "1234567890123456789", "1.2345678901234567890")]
    [InlineData("12345678", "123456789", "0.1234567")]
    [InlineData("-87654321.1234", "+0.12345678e3", "7.00000000")]
    public void Long_digit_runs_read_the_same_by_both_paths(string a, string b, string c) =>
        BothPathsAgree($"city,year,x\na,2008,{a}\na,2009,{b}\nb,2008,{c}\nb,2009,12345678\n");

    [Fact]
    public void A_plain_file_takes_the_fast_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fast_{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "city,year,gdp,region\nb,2009,2.5,east\na,2008,NA,west\na,2009,-1.5e3,east\n");
        try
        {
            using var stream = File.OpenRead(path);
            var panel = PanelCsv.TryReadFast(stream.SafeFileHandle, "p.csv", "city", "year", null, validateUtf8: true);
            panel.Should().NotBeNull();
            panel!.Column("gdp").ToArray().Should().Equal([double.NaN, -1500, 2.5]);
            panel.Grouping("region").Levels.Should().Equal("east", "west");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_plain_file_takes_the_fast_path_across_blocks_and_chunks()
    {
        var text = new StringBuilder("city,year,gdp,region\n");
        for (int r = 0; r < 300; r++)
            text.Append(CultureInfo.InvariantCulture, $"{r / 3 * 7 + 1},{2000 + r % 3},{(r * 37 % 1000 - 500) / 100.0},{(r % 5 == 0 ? "east" : "west")}\n");
        var path = Path.Combine(Path.GetTempPath(), $"fast_{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text.ToString());
        try
        {
            var expected = PanelCsv.Read(new StringReader(text.ToString()), "p.csv", "city", "year");
            foreach (var sizes in SmallSizes)
            {
                using var stream = File.OpenRead(path);
                var panel = PanelCsv.TryReadFast(stream.SafeFileHandle, "p.csv", "city", "year", null, validateUtf8: true, sizes);
                panel.Should().NotBeNull();
                ShouldBeIdentical(panel!, expected);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("city,year,x\na,2008,1\na,2008,2\n")]
    [InlineData("city,year,x\na,2008,1\nb,2008,oops\n")]
    [InlineData("city,year,x\na,2008,1\n,2009,2\n")]
    [InlineData("city,year,x\na,2008,1\nb,2008\n")]
    [InlineData("city,year,x\na,2008,1\nb,2008,1,2\n")]
    [InlineData("city,year,x\na,2008,\"1\nb\",2\n")]
    [InlineData("city,year,x\na,2008q,1\nb,2008,2\n")]
    [InlineData("city,city,x\na,2008,1\n")]
    [InlineData("city,yr,x\na,2008,1\n")]
    [InlineData("sep=;\ncity;year;x\na;2008;1\n")]
    [InlineData("city,year,x\n\na,2008,1\n\n")]
    [InlineData("city,year,x\n")]
    public void Problem_files_get_the_same_message_by_both_paths(string text) => BothPathsAgree(text);

    [Fact]
    public void Decimal_commas_and_a_numeric_missing_token_read_the_same() =>
        BothPathsAgree("city;year;x\na;2008;1,5\na;2009;-999\nb;2008;2,25e1\n",
            new CsvReadOptions { Delimiter = ";", DecimalSeparator = ',', MissingTokens = new HashSet<string> { "-999", "" } });
}
