using System.Buffers.Binary;
using System.Text;
using DigitalEconomy.Econometrics.Data.Readers;

namespace DigitalEconomy.Econometrics.Data;

/// <summary>Options for <see cref="StataDta.Write(PanelData, string, StataWriteOptions?)"/>.</summary>
public sealed record StataWriteOptions
{
    /// <summary>Format: 118 (Stata 14 and later, the default), 117 (Stata 13) or 119 (Stata 15 and later).</summary>
    public int Release { get; init; } = 118;

    /// <summary>Variable labels by column name (up to 80 characters each), e.g. from <see cref="PanelFile.VariableLabels"/>.</summary>
    public IReadOnlyDictionary<string, string>? VariableLabels { get; init; }

    /// <summary>Text longer than this many bytes (UTF-8) is stored as strL; up to 2045. Set 0 to store every text column as strL.</summary>
    public int MaxFixedStringBytes { get; init; } = 2045;
}

/// <summary>
/// Stata .dta files: reading formats 117–119 (through <see cref="PanelReader"/>) and writing, so that results
/// go back to Stata users (<c>use file.dta</c>). Written files follow StataCorp's "[P] File formats .dta":
/// numeric columns as doubles with missing values as <c>.</c>, text as str# (or strL when long), little-endian.
/// </summary>
public static class StataDta
{
    private const double StataMissing = 8.98846567431158e307; // 2^1023, Stata's "." for doubles

    /// <summary>Writes <paramref name="panel"/> (entity, time, then every column) as a .dta file.</summary>
    /// <exception cref="EconometricsException">A name Stata cannot hold, or the file cannot be written.</exception>
    public static void Write(PanelData panel, string path, StataWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(path);
        var bytes = ToBytes(panel, options ?? new StataWriteOptions());
        var full = Path.GetFullPath(path);
        var temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            var dir = Path.GetDirectoryName(full);
            if (dir is not null) Directory.CreateDirectory(dir);
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw new EconometricsException($"{path}: cannot write the file ({e.Message}).", e);
        }
    }

    private sealed record Variable(string Name, int Type, double[]? Numbers, string[]? Texts, string Format, string Label);

    internal static byte[] ToBytes(PanelData panel, StataWriteOptions options)
    {
        int release = options.Release;
        if (release is not (117 or 118 or 119))
            throw new EconometricsException($"Stata .dta format {release} cannot be written; choose 117, 118 or 119.");
        // Format 117 stores single-byte text (Windows-1252): refuse what it cannot hold instead of writing '?'.
        var encoding = release == 117
            ? CodePagesEncodingProvider.Instance.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback) ?? Encoding.Latin1
            : new UTF8Encoding(false);
        try
        {
            return Build(panel, options, release, encoding);
        }
        catch (EncoderFallbackException e)
        {
            throw new EconometricsException($"The text contains '{e.CharUnknown}{(e.CharUnknownHigh != default ? e.CharUnknownHigh.ToString() + e.CharUnknownLow : "")}', which .dta format 117 (Windows-1252 text) cannot hold; write format 118 (Stata 14 and later), which stores UTF-8.");
        }
    }

    private static byte[] Build(PanelData panel, StataWriteOptions options, int release, Encoding encoding)
    {
        int n = panel.RowCount;
        var variables = new List<Variable>
        {
            KeyVariable(panel.EntityName, panel.Entities, n, encoding, options),
            KeyVariable(panel.TimeName, panel.Times, n, encoding, options),
        };
        foreach (var c in panel.ColumnNames)
        {
            if (panel.HasNumeric(c))
                variables.Add(new Variable(c, 65526, panel.CopyColumn(c), null, "%10.0g", ""));
            else
            {
                var f = panel.Grouping(c);
                variables.Add(TextVariable(c, Enumerable.Range(0, n).Select(f.LabelOf).ToArray(), encoding, options));
            }
        }
        int nameBytes = release == 117 ? 32 : 128;
        foreach (var v in variables)
        {
            if (encoding.GetByteCount(v.Name) > nameBytes || v.Name.Length > 32)
                throw new EconometricsException($"Column name '{v.Name}' is longer than Stata's 32 characters; rename it before writing a .dta file.");
        }
        if (release != 119 && variables.Count > 32767)
            throw new EconometricsException($"{variables.Count:N0} variables need .dta format 119.");
        var labels = options.VariableLabels ?? new Dictionary<string, string>();

        var w = new Writer();
        var map = new long[14];
        map[0] = 0;
        w.Ascii("<stata_dta><header><release>" + release + "</release><byteorder>LSF</byteorder><K>");
        if (release == 119) w.U32((uint)variables.Count); else w.U16((ushort)variables.Count);
        w.Ascii("</K><N>");
        if (release == 117) w.U32((uint)n); else w.U64((ulong)n);
        w.Ascii("</N><label>");
        if (release == 117) w.U8(0); else w.U16(0);
        w.Ascii("</label><timestamp>");
        w.U8(0);
        w.Ascii("</timestamp></header>");
        map[1] = w.Position;
        w.Ascii("<map>");
        long mapValues = w.Position;
        for (int i = 0; i < 14; i++) w.U64(0);
        w.Ascii("</map>");
        map[2] = w.Position;
        w.Ascii("<variable_types>");
        foreach (var v in variables) w.U16((ushort)v.Type);
        w.Ascii("</variable_types>");
        map[3] = w.Position;
        w.Ascii("<varnames>");
        foreach (var v in variables) w.Fixed(encoding.GetBytes(v.Name), release == 117 ? 33 : 129);
        w.Ascii("</varnames>");
        map[4] = w.Position;
        w.Ascii("<sortlist>");
        for (int i = 0; i <= variables.Count; i++) { if (release == 119) w.U32(0); else w.U16(0); }
        w.Ascii("</sortlist>");
        map[5] = w.Position;
        w.Ascii("<formats>");
        foreach (var v in variables) w.Fixed(Encoding.ASCII.GetBytes(v.Format), release == 117 ? 49 : 57);
        w.Ascii("</formats>");
        map[6] = w.Position;
        w.Ascii("<value_label_names>");
        foreach (var _ in variables) w.Fixed([], release == 117 ? 33 : 129);
        w.Ascii("</value_label_names>");
        map[7] = w.Position;
        w.Ascii("<variable_labels>");
        foreach (var v in variables)
        {
            var label = labels.TryGetValue(v.Name, out var l) ? l : v.Label;
            var bytes = encoding.GetBytes(label);
            int max = release == 117 ? 80 : 320;
            if (bytes.Length > max) bytes = bytes[..max];
            w.Fixed(bytes, max + 1);
        }
        w.Ascii("</variable_labels>");
        map[8] = w.Position;
        w.Ascii("<characteristics></characteristics>");
        map[9] = w.Position;
        w.Ascii("<data>");
        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < variables.Count; j++)
            {
                var v = variables[j];
                if (v.Numbers is { } x) w.Double(double.IsNaN(x[r]) ? StataMissing : x[r]);
                else if (v.Type == 32768) w.StrlRef(release, v.Texts![r].Length == 0 ? 0 : j + 1, v.Texts![r].Length == 0 ? 0 : r + 1);
                else w.Fixed(encoding.GetBytes(v.Texts![r]), v.Type, terminate: false);
            }
        }
        w.Ascii("</data>");
        map[10] = w.Position;
        w.Ascii("<strls>");
        for (int r = 0; r < n; r++)
            for (int j = 0; j < variables.Count; j++)
            {
                var v = variables[j];
                if (v.Type != 32768 || v.Texts![r].Length == 0) continue;
                var bytes = encoding.GetBytes(v.Texts[r]);
                w.Ascii("GSO");
                w.U32((uint)(j + 1));
                if (release == 117) w.U32((uint)(r + 1)); else w.U64((ulong)(r + 1));
                w.U8(130);
                w.U32((uint)(bytes.Length + 1));
                w.Bytes(bytes);
                w.U8(0);
            }
        w.Ascii("</strls>");
        map[11] = w.Position;
        w.Ascii("<value_labels></value_labels>");
        map[12] = w.Position;
        w.Ascii("</stata_dta>");
        map[13] = w.Position;
        var result = w.ToArray();
        for (int i = 0; i < 14; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan((int)mapValues + 8 * i), (ulong)map[i]);
        return result;
    }

    private static Variable KeyVariable(string name, Factor factor, int n, Encoding encoding, StataWriteOptions options)
    {
        var labels = Enumerable.Range(0, n).Select(factor.LabelOf).ToArray();
        if (factor.IsNumeric)
            return new Variable(name, 65526, labels.Select(l => double.Parse(l, System.Globalization.CultureInfo.InvariantCulture)).ToArray(), null, "%10.0g", "");
        return TextVariable(name, labels, encoding, options);
    }

    private static Variable TextVariable(string name, string[] texts, Encoding encoding, StataWriteOptions options)
    {
        int longest = texts.Length == 0 ? 1 : Math.Max(1, texts.Max(encoding.GetByteCount));
        int limit = Math.Clamp(options.MaxFixedStringBytes, 0, 2045);
        return longest <= limit
            ? new Variable(name, longest, null, texts, $"%{Math.Min(longest, 244)}s", "")
            : new Variable(name, 32768, null, texts, "%9s", "");
    }

    /// <summary>A little-endian byte buffer with the few primitives the format needs.</summary>
    private sealed class Writer
    {
        private readonly MemoryStream _stream = new();

        public long Position => _stream.Position;

        public void Ascii(string s) => Bytes(Encoding.ASCII.GetBytes(s));

        public void Bytes(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

        public void U8(byte v) => _stream.WriteByte(v);

        public void U16(ushort v) { Span<byte> b = stackalloc byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, v); Bytes(b); }

        public void U32(uint v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, v); Bytes(b); }

        public void U64(ulong v) { Span<byte> b = stackalloc byte[8]; BinaryPrimitives.WriteUInt64LittleEndian(b, v); Bytes(b); }

        public void Double(double v) { Span<byte> b = stackalloc byte[8]; BinaryPrimitives.WriteDoubleLittleEndian(b, v); Bytes(b); }

        /// <summary>A string in a fixed field, \0-padded (for names and labels a terminating \0 always fits).</summary>
        public void Fixed(byte[] bytes, int width, bool terminate = true)
        {
            int take = Math.Min(bytes.Length, terminate ? width - 1 : width);
            Bytes(bytes.AsSpan(0, take));
            for (int i = take; i < width; i++) _stream.WriteByte(0);
        }

        /// <summary>The (v, o) reference of a strL cell: 4+4 bytes (117), 2+6 (118), 3+5 (119).</summary>
        public void StrlRef(int release, long v, long o)
        {
            int vBytes = release switch { 117 => 4, 118 => 2, _ => 3 };
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(b, v);
            Bytes(b[..vBytes]);
            BinaryPrimitives.WriteInt64LittleEndian(b, o);
            Bytes(b[..(8 - vBytes)]);
        }

        public byte[] ToArray() => _stream.ToArray();
    }
}
