using System.Security.Cryptography;
using CsCheck;
using DigitalEconomy.Econometrics.Data;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Data;

/// <summary>Write → read is exact (bit-for-bit doubles, NaN ↔ NA, text, string and integer keys); reading never writes.</summary>
public class PanelCsvRoundTripTests
{
    private static PanelData RoundTrip(PanelData panel)
    {
        var writer = new StringWriter();
        PanelCsv.Write(panel, writer);
        // Random text periods are ordered labels, not calendar periods: declare them so.
        var options = new CsvReadOptions { CategoricalColumns = panel.CategoricalColumnNames.ToArray(), OrdinalTime = true };
        return PanelCsv.Read(new StringReader(writer.ToString()), "roundtrip.csv", panel.EntityName, panel.TimeName, options);
    }

    /// <summary>Exact equality: same keys, same columns in the same order, doubles equal bit for bit (any NaN equals NaN).</summary>
    private static void ShouldBeIdentical(PanelData actual, PanelData expected)
    {
        actual.RowCount.Should().Be(expected.RowCount);
        actual.ColumnNames.Should().Equal(expected.ColumnNames);
        actual.Entities.Levels.Should().Equal(expected.Entities.Levels);
        actual.Times.Levels.Should().Equal(expected.Times.Levels);
        actual.Entities.Codes.ToArray().Should().Equal(expected.Entities.Codes.ToArray());
        actual.Times.Codes.ToArray().Should().Equal(expected.Times.Codes.ToArray());
        foreach (var name in expected.ColumnNames)
        {
            if (expected.HasNumeric(name))
            {
                actual.HasNumeric(name).Should().BeTrue(name);
                var a = actual.Column(name).ToArray();
                var e = expected.Column(name).ToArray();
                for (int r = 0; r < e.Length; r++)
                {
                    if (double.IsNaN(e[r])) double.IsNaN(a[r]).Should().BeTrue($"{name}[{r}] was missing");
                    else BitConverter.DoubleToInt64Bits(a[r]).Should().Be(BitConverter.DoubleToInt64Bits(e[r]), $"{name}[{r}] = {e[r]:R}");
                }
            }
            else
            {
                actual.HasCategorical(name).Should().BeTrue(name);
                var a = actual.Grouping(name);
                var e = expected.Grouping(name);
                Enumerable.Range(0, e.Count).Select(a.LabelOf).Should().Equal(Enumerable.Range(0, e.Count).Select(e.LabelOf));
            }
        }
    }

    [Fact]
    public void Extreme_doubles_text_and_missing_values_survive_a_file_round_trip()
    {
        double[] x = [0.1, -0.0, double.Epsilon, double.MaxValue, -double.MaxValue, 1e-300, double.NaN, 123456789.123456789, 2.2250738585072014E-308];
        var n = x.Length;
        var panel = new PanelDataBuilder("city", "year")
            .Keys(Enumerable.Range(0, n).Select(i => i < 5 ? "Beijing, \"capital\"" : " 上海 ".Trim()).ToArray(), Enumerable.Range(0, n).Select(i => 2008 + i % 5).ToArray())
            .Numeric("x", x)
            .Text("note", ["", " padded ", "NA", "line\nbreak", "comma,quote\"", "=SUM(A1)", ".", "-5", "é中"])
            .Build();
        var path = Path.Combine(Path.GetTempPath(), $"rt_{Guid.NewGuid():N}", "panel.csv");
        try
        {
            PanelCsv.Write(panel, path);
            var back = PanelCsv.Read(path, "city", "year", new CsvReadOptions { CategoricalColumns = ["note"] });
            ShouldBeIdentical(back, panel);
            Directory.GetFiles(Path.GetDirectoryName(path)!).Should().HaveCount(1, "the temporary file is moved over the target");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, true);
        }
    }

    [Fact]
    public void Reading_never_modifies_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ro_{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "\uFEFFcity,year,gdp\r\nB,2009,2\r\nA,2008,NA\r\nA,2009,1.5\r\n");
        try
        {
            var before = SHA256.HashData(File.ReadAllBytes(path));
            var stamp = File.GetLastWriteTimeUtc(path);
            var panel = PanelCsv.Read(path, "city", "year");
            panel.RowCount.Should().Be(3);
            panel.Entities.LabelOf(0).Should().Be("A", "rows are sorted in memory, not on disk");
            SHA256.HashData(File.ReadAllBytes(path)).Should().Equal(before);
            File.GetLastWriteTimeUtc(path).Should().Be(stamp);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Writing_an_infinite_value_is_refused()
    {
        var panel = new PanelDataBuilder("id", "t").Keys([1, 1], [1, 2]).Numeric("x", [1, double.PositiveInfinity]).Build();
        FluentActions.Invoking(() => PanelCsv.Write(panel, new StringWriter()))
            .Should().Throw<EconometricsException>()
            .WithMessage("Column 'x' is +infinity at (1, 2); a CSV file can hold finite numbers and missing values only.");
    }

    private static readonly string TextAlphabet = "ab ,\"\n\r\tNA.-=é中1";

    private static readonly Gen<string> Text = Gen.Char[TextAlphabet].Array[0, 6].Select(c => new string(c));

    // Keys: non-empty, no surrounding whitespace, not a missing token (the reader rejects such keys by design).
    private static readonly Gen<string> Key = Gen.Char["ab,\"x10é中 "].Array[1, 4].Select(c => new string(c).Trim())
        .Where(s => s.Length > 0 && s is not ("NA" or "." or "NaN"));

    private static readonly Gen<double> Value = Gen.Frequency(
        (6, Gen.Double.Where(double.IsFinite)),
        (1, Gen.Const(double.NaN)),
        (1, Gen.OneOf(0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 1e-310, 0.1 + 0.2)),
        (2, Gen.Int.Select(i => (double)i)));

    private sealed record RandomPanel(PanelData Panel)
    {
        public override string ToString()
        {
            var w = new StringWriter();
            PanelCsv.Write(Panel, w);
            return w.ToString();
        }
    }

    private static readonly Gen<RandomPanel> Panels =
        from entityCount in Gen.Int[1, 5]
        from periodCount in Gen.Int[1, 5]
        from intEntities in Gen.Bool
        from intTimes in Gen.Bool
        from entityLabels in Key.HashSet[entityCount, entityCount]
        from entityIds in Gen.Int[-1000, 100000].HashSet[entityCount, entityCount]
        from years in Gen.Int[1990, 2030].HashSet[periodCount, periodCount]
        from periodLabels in Key.HashSet[periodCount, periodCount]
        from presence in Gen.Bool.Array[entityCount * periodCount]
        from numericCount in Gen.Int[0, 3]
        from textCount in Gen.Int[0, 2]
        from columns in Value.Array[entityCount * periodCount].Array[numericCount, numericCount]
        from texts in Text.Array[entityCount * periodCount].Array[textCount, textCount]
        select Build(entityCount, periodCount, intEntities, intTimes, entityLabels.ToArray(), entityIds.ToArray(),
            years.ToArray(), periodLabels.ToArray(), presence, columns, texts);

    private static RandomPanel Build(int g, int t, bool intEntities, bool intTimes, string[] entityLabels, int[] entityIds,
        int[] years, string[] periodLabels, bool[] presence, double[][] columns, string[][] texts)
    {
        var rows = Enumerable.Range(0, g * t).Where(k => presence[k]).ToArray();
        if (rows.Length == 0) rows = [0];
        var builder = new PanelDataBuilder("entity", "time");
        var e = rows.Select(k => k / t).ToArray();
        var p = rows.Select(k => k % t).ToArray();
        if (intEntities && intTimes) builder.Keys(e.Select(i => entityIds[i]).ToArray(), p.Select(i => years[i]).ToArray());
        else if (intTimes) builder.Keys(e.Select(i => entityLabels[i]).ToArray(), p.Select(i => years[i]).ToArray());
        else builder.Keys(e.Select(i => intEntities ? entityIds[i].ToString(System.Globalization.CultureInfo.InvariantCulture) : entityLabels[i]).ToArray(),
            p.Select(i => periodLabels[i]).ToArray());
        for (int j = 0; j < columns.Length; j++) builder.Numeric($"x{j}", rows.Select(k => columns[j][k]).ToArray());
        for (int j = 0; j < texts.Length; j++) builder.Text($"s{j}", rows.Select(k => texts[j][k]).ToArray());
        return new RandomPanel(builder.Build());
    }

    [Fact]
    public void Random_panels_survive_write_then_read_unchanged() =>
        Panels.Sample(p => ShouldBeIdentical(RoundTrip(p.Panel), p.Panel), iter: 300);
}
