using System.Diagnostics;
using System.Globalization;
using System.Text;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Regression;

namespace DigitalEconomy.Econometrics.Benchmarks;

/// <summary>
/// The file-to-result figures of docs/performance.md on the 10,000,000-row panel (100,000 entities × 110
/// years with ≈9% of the cells missing, 10 regressors and y, numbers with four decimals: 13 columns, ≈0.87 GB
/// of CSV). Not a BenchmarkDotNet class: each step runs a few times in this process and the median is
/// reported; the CLI runs as a child process under <c>/usr/bin/time -v</c> for its peak memory.
/// Run: <c>dotnet run -c Release --project tests/DigitalEconomy.Econometrics.Benchmarks -- large [dir] [runs]</c>.
/// </summary>
public static class LargePanelFigures
{
    private const int Entities = 100_000, Periods = 110, K = 10;

    /// <summary>Writes the data files if absent, then prints one "name seconds [peak-MB]" line per figure.</summary>
    public static int Run(string[] args)
    {
        var dir = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "de-econ-large");
        int runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        Directory.CreateDirectory(dir);
        var csv = Path.Combine(dir, "panel10m.csv");
        // The name says the layout: files of the earlier one (Snappy, one row group, double keys) are not reused.
        var parquet = Path.Combine(dir, "panel10m-plain.parquet");
        if (!File.Exists(csv)) WriteCsv(csv);
        PanelData panel = PanelReader.Read(csv, "id", "t");
        if (!File.Exists(parquet)) PanelParquet.Write(panel, parquet);
        Console.WriteLine(FormattableString.Invariant($"# rows {panel.RowCount} csv_bytes {new FileInfo(csv).Length} parquet_bytes {new FileInfo(parquet).Length}"));
        var formula = "y ~ " + string.Join(" + ", Enumerable.Range(1, K).Select(j => "x" + j)) + " | id + t";
        Report("csv_read", Median(runs, () => PanelReader.Read(csv, "id", "t").RowCount));
        Report("parquet_read", Median(runs, () => PanelReader.Read(parquet, "id", "t").RowCount));
        Report("fit_in_memory", Median(runs, () => PanelRegression.Fit(panel, formula, Vcov.Cluster("id"))["x1"].StdError));
        panel = null!;
        GC.Collect();
        var difficult = new DifficultFixedEffectsBenchmarks();
        difficult.Setup();
        Report("difficult_fe_2", Median(runs, () => { difficult.Restore(); return difficult.TwoDifficultFactors(); }));
        Report("difficult_fe_3", Median(runs, () => { difficult.Restore(); return difficult.ThreeDifficultFactors(); }));
        difficult = null!;
        GC.Collect();
        var cli = typeof(DigitalEconomy.Cli.CliApp).Assembly.Location;
        var times = new List<(double Seconds, double PeakMb)>();
        for (int i = 0; i < runs; i++) times.Add(RunCli(cli, csv, dir));
        times.Sort();
        var mid = times[times.Count / 2];
        Console.WriteLine(FormattableString.Invariant($"fe_end_to_end {mid.Seconds:F3} {mid.PeakMb:F0}"));
        return 0;
    }

    private static void Report(string name, double seconds) =>
        Console.WriteLine(FormattableString.Invariant($"{name} {seconds:F3}"));

    private static double Median<T>(int runs, Func<T> step)
    {
        var seconds = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            GC.Collect();
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(step());
            seconds.Add(watch.Elapsed.TotalSeconds);
        }
        seconds.Sort();
        return seconds[seconds.Count / 2];
    }

    private static (double Seconds, double PeakMb) RunCli(string cliDll, string csv, string dir)
    {
        var output = Path.Combine(dir, "fe.json");
        var start = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var a in new[] { "-v", "dotnet", cliDll, "fe", "--data", csv, "--entity", "id", "--time", "t", "--y", "y",
                     "--x", string.Join(",", Enumerable.Range(1, K).Select(j => "x" + j)), "--vcov", "cluster:id", "--format", "json", "--out", output })
            start.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        double seconds = watch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0) throw new InvalidOperationException("fe failed: " + stderr + stdout.Result);
        var line = stderr.Split('\n').First(l => l.Contains("Maximum resident set size", StringComparison.Ordinal));
        double kb = double.Parse(line[(line.LastIndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture);
        return (seconds, kb / 1024);
    }

    private static void WriteCsv(string path)
    {
        var rng = new Random(1);
        var alpha = Enumerable.Range(0, Entities).Select(_ => rng.NextDouble()).ToArray();
        var tau = Enumerable.Range(0, Periods).Select(_ => rng.NextDouble()).ToArray();
        var x = new double[K];
        var temp = path + ".tmp";
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.Write("id,t,y");
            for (int j = 1; j <= K; j++) writer.Write(",x" + j.ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
            Span<char> buffer = stackalloc char[32];
            for (int i = 0; i < Entities; i++)
                for (int t = 0; t < Periods; t++)
                {
                    if (rng.NextDouble() >= 0.909) continue;
                    double y = alpha[i] + tau[t] + rng.NextDouble();
                    for (int j = 0; j < K; j++)
                    {
                        x[j] = Math.Round(rng.NextDouble() + 0.3 * alpha[i] + 0.2 * tau[t], 4);
                        y += 0.1 * (j + 1) * x[j];
                    }
                    writer.Write(i + 1);
                    writer.Write(',');
                    writer.Write(2000 + t);
                    Write(writer, Math.Round(y, 4), buffer);
                    for (int j = 0; j < K; j++) Write(writer, x[j], buffer);
                    writer.Write('\n');
                }
        }
        File.Move(temp, path, overwrite: true);
    }

    private static void Write(StreamWriter writer, double value, Span<char> buffer)
    {
        writer.Write(',');
        value.TryFormat(buffer, out int written, "R", CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }
}

/// <summary>Times the fast CSV path alone, or any other file through <see cref="PanelReader"/> (diagnostics).</summary>
public static class FastCsvProbe
{
    /// <summary>Prints whether the fast path took the file and how long it took (<paramref name="general"/>: the general reader instead).</summary>
    public static int Run(string path, bool general = false)
    {
        for (int i = 0; i < (general ? 1 : 3); i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            PanelData? panel;
            if (general)
            {
                using var text = new StreamReader(path, new UTF8Encoding(false), false, 1 << 16);
                panel = PanelCsv.Read(text, "p.csv", "id", "t");
            }
            else if (path.EndsWith(".csv", StringComparison.Ordinal))
            {
                using var stream = File.OpenRead(path);
                panel = PanelCsv.TryReadFast(stream.SafeFileHandle, "p.csv", "id", "t", null, validateUtf8: true);
            }
            else
                panel = PanelReader.Read(path, "id", "t");
            Console.WriteLine(FormattableString.Invariant($"fast {(panel is null ? "declined" : panel.RowCount.ToString(CultureInfo.InvariantCulture))} {watch.Elapsed.TotalSeconds:F3} cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F3}"));
        }
        return 0;
    }
}

/// <summary>Times four in-memory two-way fits of the large panel (diagnostics for the fit's share of the end-to-end time).</summary>
public static class FitProbe
{
    /// <summary>Reads <paramref name="path"/> once, then prints the time and the first standard error of each fit.</summary>
    public static int Run(string path)
    {
        var panel = PanelReader.Read(path, "id", "t");
        for (int i = 0; i < 4; i++)
        {
            GC.Collect();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var fit = PanelRegression.Fit(panel, "y ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 | id + t", Vcov.Cluster("id"));
            Console.WriteLine(FormattableString.Invariant($"fit {watch.Elapsed.TotalSeconds:F3} cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F3} se(x1) {fit["x1"].StdError:R}"));
        }
        return 0;
    }
}
