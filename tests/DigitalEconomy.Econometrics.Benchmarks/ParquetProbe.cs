using System.Diagnostics;
using System.Globalization;
using DigitalEconomy.Econometrics.Data;
using Parquet;

namespace DigitalEconomy.Econometrics.Benchmarks;

/// <summary>Where the time of a Parquet read goes (diagnostics): the file's layout, then the read split into its steps.</summary>
public static class ParquetProbe
{
    /// <summary>Prints the column chunks of <paramref name="path"/>, then times three reads step by step.</summary>
    public static int Run(string path) => RunAsync(path).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string path)
    {
        using (var stream = File.OpenRead(path))
        {
            await using var reader = await ParquetReader.CreateAsync(stream);
            Console.WriteLine(FormattableString.Invariant($"# row groups {reader.RowGroupCount}"));
            var chunk = reader.Metadata!.RowGroups[0].Columns;
            foreach (var c in chunk)
            {
                var m = c.MetaData!;
                Console.WriteLine(FormattableString.Invariant($"#  {string.Join('.', m.PathInSchema)} {m.Codec} [{string.Join(',', m.Encodings)}] compressed {m.TotalCompressedSize / 1e6:F1} MB uncompressed {m.TotalUncompressedSize / 1e6:F1} MB"));
            }
        }
        for (int i = 0; i < 3; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var columns = Data.Readers.ParquetPanelReader.Read(path, ["id", "t"]);
            double read = watch.Elapsed.TotalSeconds;
            var panel = Data.Readers.ColumnTable.ToPanel(Path.GetFileName(path), columns, "id", "t", new PanelReadOptions(), r => r + 1);
            double total = watch.Elapsed.TotalSeconds;
            Console.WriteLine(FormattableString.Invariant($"read {read:F3} to_panel {total - read:F3} total {total:F3} cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F3} rows {panel.RowCount}"));
            columns = null;
            panel = null;
            GC.Collect();
        }
        return 0;
    }

    /// <summary>Checks that every file reads as exactly the panel of the first (keys, codes, numbers bit for bit).</summary>
    public static int Compare(string[] paths)
    {
        var expected = PanelReader.Read(paths[0], "id", "t");
        foreach (var path in paths[1..])
        {
            var actual = PanelReader.Read(path, "id", "t");
            bool same = actual.RowCount == expected.RowCount
                && actual.Entities.Levels.SequenceEqual(expected.Entities.Levels) && actual.Times.Levels.SequenceEqual(expected.Times.Levels)
                && actual.Entities.Codes.SequenceEqual(expected.Entities.Codes) && actual.Times.Codes.SequenceEqual(expected.Times.Codes)
                && actual.ColumnNames.SequenceEqual(expected.ColumnNames)
                && expected.NumericColumnNames.All(c => MemoryExtensions.SequenceEqual(
                    System.Runtime.InteropServices.MemoryMarshal.Cast<double, long>(actual.Column(c)),
                    System.Runtime.InteropServices.MemoryMarshal.Cast<double, long>(expected.Column(c))));
            Console.WriteLine($"{path}: {(same ? "identical" : "DIFFERENT")}");
        }
        return 0;
    }

    /// <summary>Times the allocation of 12 prefaulted 80 MB arrays (diagnostics).</summary>
    public static int Allocate()
    {
        for (int i = 0; i < 3; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var arrays = new double[12][];
            for (int j = 0; j < 12; j++) arrays[j] = Numerics.LargeArrays.Uninitialized<double>(10_000_000);
            Console.WriteLine(FormattableString.Invariant($"alloc {watch.Elapsed.TotalSeconds:F3} cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F3}"));
            GC.KeepAlive(arrays);
        }
        return 0;
    }

    /// <summary>Writes the panel of <paramref name="csv"/> into <paramref name="dir"/> in several layouts (codec × rows per row group), those not there yet.</summary>
    public static int WriteLayouts(string csv, string dir)
    {
        var panel = PanelReader.Read(csv, "id", "t");
        Directory.CreateDirectory(dir);
        foreach (var (codec, rows) in new[] { (CompressionMethod.None, int.MaxValue), (CompressionMethod.None, 1 << 20), (CompressionMethod.Snappy, int.MaxValue), (CompressionMethod.Snappy, 1 << 20), (CompressionMethod.Zstd, 1 << 20) })
        {
            var file = Path.Combine(dir, FormattableString.Invariant($"panel-{codec}-{(rows == int.MaxValue ? "1rg" : (rows >> 20) + "M")}.parquet").ToLowerInvariant());
            if (File.Exists(file)) continue;
            var watch = Stopwatch.StartNew();
            PanelParquet.Write(panel, file, codec, rows);
            Console.WriteLine(FormattableString.Invariant($"{file} {new FileInfo(file).Length / 1e6:F1} MB written in {watch.Elapsed.TotalSeconds:F2} s"));
        }
        return 0;
    }
}
