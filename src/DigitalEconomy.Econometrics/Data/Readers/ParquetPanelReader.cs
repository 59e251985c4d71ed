using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace DigitalEconomy.Econometrics.Data.Readers;

/// <summary>
/// Apache Parquet files (through Parquet.Net): every flat column of a numeric type becomes a numeric column
/// (nulls and NaN missing), strings become text, dates ISO text; nested or binary columns are refused by name.
/// </summary>
internal static class ParquetPanelReader
{
    public static IReadOnlyList<RawColumn> Read(string path)
    {
        var name = Path.GetFileName(path);
        try
        {
            return ReadAsync(path).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not EconometricsException and not OutOfMemoryException)
        {
            throw new DataFormatException(name, 0, null, $"not a readable Parquet file ({e.GetType().Name}: {e.Message}).");
        }
    }

    private static async Task<IReadOnlyList<RawColumn>> ReadAsync(string path)
    {
        var name = Path.GetFileName(path);
        using var stream = FileFormat.Open(path);
        await using var reader = await ParquetReader.CreateAsync(stream).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields();
        if (reader.Schema.Fields.Count != fields.Length)
            throw new DataFormatException(name, 0, null, "the file has nested columns; a panel needs one flat column per variable.");
        long total = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var rg = reader.OpenRowGroupReader(g);
            total += rg.RowCount;
        }
        if (total > int.MaxValue) throw new EconometricsException($"{name}: {total:N0} rows exceed what one panel can hold.");
        int n = (int)total;
        var numbers = new double[fields.Length][];
        var texts = new string[fields.Length][];
        for (int j = 0; j < fields.Length; j++)
        {
            if (fields[j].IsArray) throw new DataFormatException(name, 0, fields[j].Name, "the column holds lists; a panel needs one value per row.");
            if (IsNumeric(fields[j].ClrType)) numbers[j] = new double[n];
            else if (IsString(fields[j].ClrType) || fields[j].ClrType == typeof(DateTime) || fields[j].ClrType == typeof(DateOnly)) texts[j] = new string[n];
            else throw new DataFormatException(name, 0, fields[j].Name, $"the column type {fields[j].ClrType.Name} is not supported; expected numbers, text or dates.");
        }
        // Columns are decoded in parallel, each share by a reader of its own (a reader is not thread-safe);
        // every column is written straight into its final array.
        int parts = Math.Max(1, Math.Min(Environment.ProcessorCount, fields.Length));
        var tasks = new Task[parts];
        for (int p = 0; p < parts; p++)
        {
            int part = p;
            tasks[p] = Task.Run(() => ReadShare(path, part, parts, numbers, texts));
        }
        await Task.WhenAll(tasks).ConfigureAwait(false);
        var columns = new List<RawColumn>(fields.Length);
        for (int j = 0; j < fields.Length; j++)
            columns.Add(numbers[j] is { } x ? new RawColumn(fields[j].Name) { Numbers = x } : new RawColumn(fields[j].Name) { Texts = texts[j] });
        return columns;
    }

    /// <summary>Reads the columns part, part + parts, … of every row group into their arrays.</summary>
    private static async Task ReadShare(string path, int part, int parts, double[][] numbers, string[][] texts)
    {
        using var stream = FileFormat.Open(path);
        await using var reader = await ParquetReader.CreateAsync(stream).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields();
        int offset = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var rg = reader.OpenRowGroupReader(g);
            int count = (int)rg.RowCount;
            for (int j = part; j < fields.Length; j += parts)
            {
                var f = fields[j];
                var t = f.ClrType;
                if (t == typeof(double)) await Doubles(rg, f, numbers[j], offset, count).ConfigureAwait(false);
                else if (t == typeof(float)) await Numbers<float>(rg, f, numbers[j], offset, count, v => v).ConfigureAwait(false);
                else if (t == typeof(int)) await Numbers<int>(rg, f, numbers[j], offset, count, v => v).ConfigureAwait(false);
                else if (t == typeof(long)) await Numbers<long>(rg, f, numbers[j], offset, count, v => v).ConfigureAwait(false);
                else if (t == typeof(short)) await Numbers<short>(rg, f, numbers[j], offset, count, v => v).ConfigureAwait(false);
                else if (t == typeof(sbyte)) await Numbers<sbyte>(rg, f, numbers[j], offset, count, v => v).ConfigureAwait(false);
                else if (t == typeof(byte)) await Numbers<byte>(rg, f, numbers[j], offset, count, v => v).ConfigureAwait(false);
                else if (t == typeof(ushort)) await Numbers<ushort>(rg, f, numbers[j], offset, count, v => v).ConfigureAwait(false);
                else if (t == typeof(uint)) await Numbers<uint>(rg, f, numbers[j], offset, count, v => v).ConfigureAwait(false);
                else if (t == typeof(ulong)) await Numbers<ulong>(rg, f, numbers[j], offset, count, v => v).ConfigureAwait(false);
                else if (t == typeof(bool)) await Numbers<bool>(rg, f, numbers[j], offset, count, v => v ? 1 : 0).ConfigureAwait(false);
                else if (t == typeof(decimal)) await Numbers<decimal>(rg, f, numbers[j], offset, count, v => (double)v).ConfigureAwait(false);
                else if (IsString(t))
                {
                    var buffer = new string?[count];
                    await rg.ReadAsync(f, buffer.AsMemory()).ConfigureAwait(false);
                    for (int r = 0; r < count; r++) texts[j][offset + r] = buffer[r] ?? "";
                }
                else if (t == typeof(DateTime)) await Texts<DateTime>(rg, f, texts[j], offset, count, d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("s", CultureInfo.InvariantCulture)).ConfigureAwait(false);
                else await Texts<DateOnly>(rg, f, texts[j], offset, count, d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ConfigureAwait(false);
            }
            offset += count;
        }
    }

    // Parquet.Net 6 reports UTF-8 columns as ReadOnlyMemory<char>; they read as strings.
    private static bool IsString(Type t) => t == typeof(string) || t == typeof(ReadOnlyMemory<char>);

    private static bool IsNumeric(Type t) =>
        t == typeof(double) || t == typeof(float) || t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(sbyte)
        || t == typeof(byte) || t == typeof(ushort) || t == typeof(uint) || t == typeof(ulong) || t == typeof(bool) || t == typeof(decimal);

    /// <summary>Doubles without a conversion delegate; a column without nulls is read straight into its array.</summary>
    private static async Task Doubles(ParquetRowGroupReader rg, DataField field, double[] target, int offset, int count)
    {
        if (field.IsNullable)
        {
            var buffer = new double?[count];
            await rg.ReadAsync<double>(field, buffer.AsMemory()).ConfigureAwait(false);
            for (int r = 0; r < count; r++) target[offset + r] = buffer[r] ?? double.NaN;
        }
        else
            await rg.ReadAsync<double>(field, target.AsMemory(offset, count)).ConfigureAwait(false);
    }

    private static async Task Numbers<T>(ParquetRowGroupReader rg, DataField field, double[] target, int offset, int count, Func<T, double> convert) where T : struct
    {
        if (field.IsNullable)
        {
            var buffer = new T?[count];
            await rg.ReadAsync<T>(field, buffer.AsMemory()).ConfigureAwait(false);
            for (int r = 0; r < count; r++) target[offset + r] = buffer[r] is { } v ? convert(v) : double.NaN;
        }
        else
        {
            var buffer = new T[count];
            await rg.ReadAsync<T>(field, buffer.AsMemory()).ConfigureAwait(false);
            for (int r = 0; r < count; r++) target[offset + r] = convert(buffer[r]);
        }
    }

    private static async Task Texts<T>(ParquetRowGroupReader rg, DataField field, string[] target, int offset, int count, Func<T, string> convert) where T : struct
    {
        if (field.IsNullable)
        {
            var buffer = new T?[count];
            await rg.ReadAsync<T>(field, buffer.AsMemory()).ConfigureAwait(false);
            for (int r = 0; r < count; r++) target[offset + r] = buffer[r] is { } v ? convert(v) : "";
        }
        else
        {
            var buffer = new T[count];
            await rg.ReadAsync<T>(field, buffer.AsMemory()).ConfigureAwait(false);
            for (int r = 0; r < count; r++) target[offset + r] = convert(buffer[r]);
        }
    }
}
