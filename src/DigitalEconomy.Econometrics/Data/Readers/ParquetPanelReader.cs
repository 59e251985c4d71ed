using System.Buffers;
using System.Globalization;
using DigitalEconomy.Econometrics.Numerics;
using Parquet;
using ColumnMetaData = Parquet.Meta.ColumnMetaData;
using RowGroup = Parquet.Meta.RowGroup;
using Parquet.Schema;

namespace DigitalEconomy.Econometrics.Data.Readers;

/// <summary>
/// Apache Parquet files: every flat column of a numeric type becomes a numeric column (nulls and NaN missing),
/// strings become text, dates ISO text; nested or binary columns are refused by name. The column chunks of
/// PLAIN-encoded numbers (what this library, pandas/pyarrow, R arrow and DuckDB write for numeric columns) are
/// decoded by <see cref="ParquetPlainChunks"/> straight into the final arrays; every other chunk goes through
/// Parquet.Net. Chunks (row group × column) are shared out over the cores, largest first.
/// </summary>
internal static class ParquetPanelReader
{
    /// <param name="path">The file.</param>
    /// <param name="keys">Key columns: those stored as required 32-bit integers are delivered as <see cref="RawColumn.Integers"/>.</param>
    public static IReadOnlyList<RawColumn> Read(string path, IReadOnlyCollection<string>? keys = null)
    {
        var name = Path.GetFileName(path);
        try
        {
            return ReadAsync(path, keys ?? []).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not EconometricsException and not OutOfMemoryException)
        {
            throw new DataFormatException(name, 0, null, $"not a readable Parquet file ({e.GetType().Name}: {e.Message}).");
        }
    }

    private static async Task<IReadOnlyList<RawColumn>> ReadAsync(string path, IReadOnlyCollection<string> keys)
    {
        var name = Path.GetFileName(path);
        using var stream = FileFormat.Open(path);
        await using var reader = await ParquetReader.CreateAsync(stream).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields();
        if (reader.Schema.Fields.Count != fields.Length)
            throw new DataFormatException(name, 0, null, "the file has nested columns; a panel needs one flat column per variable.");
        var groups = reader.Metadata?.RowGroups ?? [];
        long total = 0;
        var offsets = new int[groups.Count];
        var counts = new int[groups.Count];
        for (int g = 0; g < groups.Count; g++)
        {
            if (total <= int.MaxValue) offsets[g] = (int)total;
            total += groups[g].NumRows;
            counts[g] = (int)Math.Min(groups[g].NumRows, int.MaxValue);
        }
        if (total > int.MaxValue) throw new EconometricsException($"{name}: {total:N0} rows exceed what one panel can hold.");
        int n = (int)total;
        var numbers = new double[fields.Length][];
        var integers = new int[fields.Length][];
        var texts = new string[fields.Length][];
        for (int j = 0; j < fields.Length; j++)
        {
            var f = fields[j];
            if (f.IsArray) throw new DataFormatException(name, 0, f.Name, "the column holds lists; a panel needs one value per row.");
            if (!IsNumeric(f.ClrType) && !IsString(f.ClrType) && f.ClrType != typeof(DateTime) && f.ClrType != typeof(DateOnly))
                throw new DataFormatException(name, 0, f.Name, $"the column type {f.ClrType.Name} is not supported; expected numbers, text or dates.");
        }
        // Every chunk writes each of its rows, so the numeric arrays need no clearing; their pages are mapped ahead,
        // column by column on every core (one column's array is too small for its mapping to be split).
        Parallel.For(0, fields.Length, j =>
        {
            var f = fields[j];
            if (f.ClrType == typeof(int) && !f.IsNullable && keys.Contains(f.Name)) integers[j] = LargeArrays.Uninitialized<int>(n);
            else if (IsNumeric(f.ClrType)) numbers[j] = LargeArrays.Uninitialized<double>(n);
            else texts[j] = new string[n];
        });
        var work = new List<(int Group, int Column, long Bytes)>(groups.Count * fields.Length);
        for (int g = 0; g < groups.Count; g++)
            for (int j = 0; j < fields.Length; j++)
                work.Add((g, j, Chunk(groups[g], fields[j])?.TotalUncompressedSize ?? 0));
        // Largest first, then dealt out as threads free up: the cores finish together.
        work.Sort((a, b) => b.Bytes.CompareTo(a.Bytes));
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        int next = -1;
        async Task Worker()
        {
            var scratch = new ParquetPlainChunks.Scratch();
            FileStream? ownStream = null;
            ParquetReader? own = null;
            try
            {
                for (int i = Interlocked.Increment(ref next); i < work.Count; i = Interlocked.Increment(ref next))
                {
                    var (g, j, _) = work[i];
                    var f = fields[j];
                    var chunk = Chunk(groups[g], f);
                    bool flat = f.MaxRepetitionLevel == 0 && f.MaxDefinitionLevel <= 1;
                    if (chunk is not null && flat && ParquetPlainChunks.Supports(chunk, f.ClrType))
                    {
                        if (numbers[j] is { } x && ParquetPlainChunks.TryRead(file, chunk, f.MaxDefinitionLevel == 1, x, offsets[g], counts[g], scratch)) continue;
                        if (integers[j] is { } v && ParquetPlainChunks.TryReadIntegers(file, chunk, v, offsets[g], counts[g], scratch)) continue;
                    }
                    // A reader of its own per thread: a Parquet.Net reader is not thread-safe.
                    ownStream ??= FileFormat.Open(path);
                    own ??= await ParquetReader.CreateAsync(ownStream).ConfigureAwait(false);
                    using var rg = own.OpenRowGroupReader(g);
                    await ReadChunk(rg, own.Schema.GetDataFields()[j], numbers[j], integers[j], texts[j], offsets[g], counts[g]).ConfigureAwait(false);
                }
            }
            finally
            {
                if (own is not null) await own.DisposeAsync().ConfigureAwait(false);
                ownStream?.Dispose();
            }
        }
        int parts = Math.Max(1, Math.Min(Environment.ProcessorCount, work.Count));
        var tasks = new Task[parts];
        for (int p = 0; p < parts; p++) tasks[p] = Task.Run(Worker);
        await Task.WhenAll(tasks).ConfigureAwait(false);
        var columns = new List<RawColumn>(fields.Length);
        for (int j = 0; j < fields.Length; j++)
            columns.Add(numbers[j] is { } x ? new RawColumn(fields[j].Name) { Numbers = x }
                : integers[j] is { } v ? new RawColumn(fields[j].Name) { Integers = v }
                : new RawColumn(fields[j].Name) { Texts = texts[j] });
        return columns;
    }

    /// <summary>The chunk of a flat column in a row group (matched by name), or null when the layout is unexpected.</summary>
    private static ColumnMetaData? Chunk(RowGroup group, DataField field)
    {
        foreach (var c in group.Columns)
            if (c.MetaData is { PathInSchema: [var only] } m && only == field.Name) return m;
        return null;
    }

    /// <summary>One column chunk through Parquet.Net, into rows offset..offset+count of its array.</summary>
    private static async Task ReadChunk(ParquetRowGroupReader rg, DataField f, double[]? numbers, int[]? integers, string[]? texts, int offset, int count)
    {
        var t = f.ClrType;
        if (integers is not null) await rg.ReadAsync<int>(f, integers.AsMemory(offset, count)).ConfigureAwait(false);
        else if (t == typeof(double)) await Doubles(rg, f, numbers!, offset, count).ConfigureAwait(false);
        else if (t == typeof(float)) await Numbers<float>(rg, f, numbers!, offset, count, v => v).ConfigureAwait(false);
        else if (t == typeof(int)) await Numbers<int>(rg, f, numbers!, offset, count, v => v).ConfigureAwait(false);
        else if (t == typeof(long)) await Numbers<long>(rg, f, numbers!, offset, count, v => v).ConfigureAwait(false);
        else if (t == typeof(short)) await Numbers<short>(rg, f, numbers!, offset, count, v => v).ConfigureAwait(false);
        else if (t == typeof(sbyte)) await Numbers<sbyte>(rg, f, numbers!, offset, count, v => v).ConfigureAwait(false);
        else if (t == typeof(byte)) await Numbers<byte>(rg, f, numbers!, offset, count, v => v).ConfigureAwait(false);
        else if (t == typeof(ushort)) await Numbers<ushort>(rg, f, numbers!, offset, count, v => v).ConfigureAwait(false);
        else if (t == typeof(uint)) await Numbers<uint>(rg, f, numbers!, offset, count, v => v).ConfigureAwait(false);
        else if (t == typeof(ulong)) await Numbers<ulong>(rg, f, numbers!, offset, count, v => v).ConfigureAwait(false);
        else if (t == typeof(bool)) await Numbers<bool>(rg, f, numbers!, offset, count, v => v ? 1 : 0).ConfigureAwait(false);
        else if (t == typeof(decimal)) await Numbers<decimal>(rg, f, numbers!, offset, count, v => (double)v).ConfigureAwait(false);
        else if (IsString(t))
        {
            var buffer = new string?[count];
            await rg.ReadAsync(f, buffer.AsMemory()).ConfigureAwait(false);
            for (int r = 0; r < count; r++) texts![offset + r] = buffer[r] ?? "";
        }
        else if (t == typeof(DateTime)) await Texts<DateTime>(rg, f, texts!, offset, count, d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("s", CultureInfo.InvariantCulture)).ConfigureAwait(false);
        else await Texts<DateOnly>(rg, f, texts!, offset, count, d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ConfigureAwait(false);
    }

    // Parquet.Net 6 reports UTF-8 columns as ReadOnlyMemory<char>; they read as strings.
    private static bool IsString(Type t) => t == typeof(string) || t == typeof(ReadOnlyMemory<char>);

    private static bool IsNumeric(Type t) =>
        t == typeof(double) || t == typeof(float) || t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(sbyte)
        || t == typeof(byte) || t == typeof(ushort) || t == typeof(uint) || t == typeof(ulong) || t == typeof(bool) || t == typeof(decimal);

    /// <summary>
    /// Doubles straight into their rows: a nullable column's defined values arrive packed at the start of the
    /// range with the definition levels beside them, and are spread out to their rows from the end backwards (a
    /// value only ever moves to a later row, so none is overwritten before it has moved).
    /// </summary>
    private static async Task Doubles(ParquetRowGroupReader rg, DataField field, double[] target, int offset, int count)
    {
        var values = target.AsMemory(offset, count);
        if (!field.IsNullable)
        {
            await rg.ReadAsync<double>(field, values).ConfigureAwait(false);
            return;
        }
        var levels = ArrayPool<int>.Shared.Rent(count);
        try
        {
            await rg.ReadRawAsync<double>(field, values, levels.AsMemory(0, count), null).ConfigureAwait(false);
            int max = field.MaxDefinitionLevel;
            var span = values.Span;
            int k = 0;
            for (int r = 0; r < count; r++)
                if (levels[r] == max) k++;
            for (int r = count - 1; r >= 0; r--)
                span[r] = levels[r] == max ? span[--k] : double.NaN;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(levels);
        }
    }

    /// <summary>Other numeric types: raw values and definition levels into pooled buffers, then converted into their rows.</summary>
    private static Task Numbers<T>(ParquetRowGroupReader rg, DataField field, double[] target, int offset, int count, Func<T, double> convert) where T : struct =>
        Spread(rg, field, target, offset, count, convert, double.NaN);

    private static Task Texts<T>(ParquetRowGroupReader rg, DataField field, string[] target, int offset, int count, Func<T, string> convert) where T : struct =>
        Spread(rg, field, target, offset, count, convert, "");

    /// <summary>Raw values and definition levels into pooled buffers, then each row converted (or given <paramref name="missing"/>).</summary>
    private static async Task Spread<T, TOut>(ParquetRowGroupReader rg, DataField field, TOut[] target, int offset, int count, Func<T, TOut> convert, TOut missing)
        where T : struct
    {
        var buffer = ArrayPool<T>.Shared.Rent(count);
        var levels = field.IsNullable ? ArrayPool<int>.Shared.Rent(count) : null;
        try
        {
            await rg.ReadRawAsync<T>(field, buffer.AsMemory(0, count), levels?.AsMemory(0, count), null).ConfigureAwait(false);
            int max = field.MaxDefinitionLevel, k = 0;
            for (int r = 0; r < count; r++)
                target[offset + r] = levels is null || levels[r] == max ? convert(buffer[k++]) : missing;
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
            if (levels is not null) ArrayPool<int>.Shared.Return(levels);
        }
    }
}
