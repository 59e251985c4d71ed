using BenchmarkDotNet.Attributes;
using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Econometrics.Benchmarks;

/// <summary>
/// File → panel through <see cref="PanelReader"/>: the same 500,000-row panel (10,000 entities × 50 periods,
/// 10 numeric columns and one text column) as UTF-8 CSV, GB18030 CSV (encoding detection scans the file),
/// semicolon/decimal-comma CSV, Parquet and Stata .dta 118.
/// </summary>
[MemoryDiagnoser]
public class LoadingBenchmarks
{
    private const int Entities = 10_000;
    private const int Periods = 50;
    private string _dir = "";

    /// <summary>Writes the panel in every format once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("de-econ-load-").FullName;
        var rng = new Random(1);
        int n = Entities * Periods;
        var entities = new string[n];
        var times = new int[n];
        var columns = Enumerable.Range(0, 10).Select(_ => new double[n]).ToArray();
        var region = new string[n];
        for (int r = 0; r < n; r++)
        {
            entities[r] = "城市" + (r / Periods).ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            times[r] = 1970 + r % Periods;
            region[r] = (r / Periods % 3) switch { 0 => "东部", 1 => "中部", _ => "西部" };
            foreach (var c in columns) c[r] = rng.NextDouble() * 1000;
        }
        var builder = new PanelDataBuilder("city", "year").Keys(entities, times.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        for (int j = 0; j < columns.Length; j++) builder.Numeric($"x{j}", columns[j]);
        builder.Text("region", region);
        var panel = builder.Build();
        PanelCsv.Write(panel, Path.Combine(_dir, "p.csv"));
        var text = File.ReadAllText(Path.Combine(_dir, "p.csv"));
        File.WriteAllBytes(Path.Combine(_dir, "gbk.csv"), System.Text.CodePagesEncodingProvider.Instance.GetEncoding(54936)!.GetBytes(text));
        File.WriteAllText(Path.Combine(_dir, "eu.csv"), text.Replace(',', ';').Replace('.', ','));
        PanelParquet.Write(panel, Path.Combine(_dir, "p.parquet"));
        StataDta.Write(panel, Path.Combine(_dir, "p.dta"));
    }

    /// <summary>Removes the files.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    private PanelData Read(string file) => PanelReader.Read(Path.Combine(_dir, file), "city", "year");

    /// <summary>UTF-8 CSV (validity scan, then the CSV parser).</summary>
    [Benchmark(Baseline = true)]
    public int Utf8Csv() => Read("p.csv").RowCount;

    /// <summary>GB18030 CSV: the scan finds invalid UTF-8, then the file is decoded as GB18030.</summary>
    [Benchmark]
    public int Gb18030Csv() => Read("gbk.csv").RowCount;

    /// <summary>Semicolons and decimal commas, both detected.</summary>
    [Benchmark]
    public int SemicolonDecimalCommaCsv() => Read("eu.csv").RowCount;

    /// <summary>Parquet.</summary>
    [Benchmark]
    public int Parquet() => Read("p.parquet").RowCount;

    /// <summary>Stata .dta 118.</summary>
    [Benchmark]
    public int StataDta118() => Read("p.dta").RowCount;
}
