using Parquet;
using Parquet.Schema;

namespace DigitalEconomy.Econometrics.Data;

/// <summary>
/// Writes panels as Apache Parquet (read them back with <see cref="PanelReader"/>): a columnar, compressed
/// binary format that loads far faster than CSV for repeat analyses of large panels, and that pandas, R
/// (arrow) and DuckDB read directly. Numeric columns are nullable doubles (a missing value is null), text
/// columns strings; keys keep their type (numbers or text).
/// </summary>
public static class PanelParquet
{
    /// <summary>Writes <paramref name="panel"/> (entity, time, then every column in order) to <paramref name="path"/>.</summary>
    /// <exception cref="EconometricsException">The file cannot be written.</exception>
    public static void Write(PanelData panel, string path)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            var dir = Path.GetDirectoryName(full);
            if (dir is not null) Directory.CreateDirectory(dir);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                WriteAsync(panel, stream).GetAwaiter().GetResult();
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw new EconometricsException($"{path}: cannot write the file ({e.Message}).", e);
        }
    }

    private static async Task WriteAsync(PanelData panel, Stream stream)
    {
        int n = panel.RowCount;
        var fields = new List<DataField>();
        var writers = new List<Func<ParquetRowGroupWriter, DataField, Task>>();
        void Key(string name, Factor f)
        {
            if (f.IsNumeric)
            {
                // Keys are never missing: a required column, which readers decode without null bookkeeping.
                var values = new double[n];
                for (int r = 0; r < n; r++) values[r] = f.NumericLevel(f.Codes[r]);
                fields.Add(new DataField<double>(name));
                writers.Add((rg, field) => rg.WriteAsync<double>(field, values.AsMemory()));
            }
            else
            {
                var values = Enumerable.Range(0, n).Select(f.LabelOf).ToArray();
                fields.Add(new DataField<string>(name));
                writers.Add((rg, field) => rg.WriteAsync(field, values));
            }
        }
        Key(panel.EntityName, panel.Entities);
        Key(panel.TimeName, panel.Times);
        foreach (var c in panel.ColumnNames)
        {
            if (panel.HasNumeric(c))
            {
                var x = panel.NumericArray(c);
                if (!HasMissing(x))
                {
                    // No missing value: a required column, written from the panel's own array.
                    fields.Add(new DataField<double>(c));
                    writers.Add((rg, field) => rg.WriteAsync<double>(field, x.AsMemory()));
                    continue;
                }
                var values = new double?[n];
                for (int r = 0; r < n; r++) values[r] = double.IsNaN(x[r]) ? null : x[r];
                fields.Add(new DataField<double?>(c));
                writers.Add((rg, field) => rg.WriteAsync<double>(field, values.AsMemory()));
            }
            else
            {
                var g = panel.Grouping(c);
                var values = Enumerable.Range(0, n).Select(g.LabelOf).ToArray();
                fields.Add(new DataField<string>(c));
                writers.Add((rg, field) => rg.WriteAsync(field, values));
            }
        }
        var schema = new ParquetSchema(fields.Cast<Field>().ToArray());
        await using var writer = await ParquetWriter.CreateAsync(schema, stream).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        for (int j = 0; j < fields.Count; j++)
            await writers[j](group, fields[j]).ConfigureAwait(false);
    }

    private static bool HasMissing(double[] x)
    {
        foreach (var v in x)
            if (double.IsNaN(v)) return true;
        return false;
    }
}
