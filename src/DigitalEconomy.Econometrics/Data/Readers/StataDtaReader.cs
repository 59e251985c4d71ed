using System.Buffers.Binary;
using System.Text;

namespace DigitalEconomy.Econometrics.Data.Readers;

/// <summary>
/// Reads Stata .dta files of formats 117 (Stata 13), 118 (Stata 14–18) and 119 (more than 32,767 variables),
/// following StataCorp's published description of the format ("[P] File formats .dta"): the tagged header, the
/// map, variable types, names, display formats, value-label names, variable labels, the data, the strLs and
/// the value-label tables, in either byte order.
/// </summary>
/// <remarks>
/// Conversions: byte/int/long/float/double become doubles, with every missing code (<c>.</c> and
/// <c>.a</c>–<c>.z</c>, i.e. any value above the type's largest non-missing value) as NaN; a numeric variable
/// with a value label becomes a text column holding the labels (values without a label keep their number);
/// str# and strL become text (format 117 strings are Windows-1252, later formats UTF-8); variable labels are
/// returned with the panel. A time variable with a %td, %tm, %tq or %ty display format is read as the
/// corresponding date, month, quarter or year.
/// </remarks>
internal sealed class StataDtaReader
{
    private readonly byte[] _b;
    private readonly string _source;
    private int _pos;
    private bool _lsf;
    private int _release;

    private StataDtaReader(byte[] bytes, string source)
    {
        _b = bytes;
        _source = source;
    }

    public static IReadOnlyList<RawColumn> Read(string path, out int release)
    {
        using var stream = FileFormat.Open(path);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var reader = new StataDtaReader(bytes, Path.GetFileName(path));
        var columns = reader.ReadAll();
        release = reader._release;
        return columns;
    }

    internal static IReadOnlyList<RawColumn> Read(byte[] bytes, string source) => new StataDtaReader(bytes, source).ReadAll();

    private DataFormatException Bad(string problem) => new(_source, 0, null, $"not a valid Stata .dta file: {problem}.");

    private IReadOnlyList<RawColumn> ReadAll()
    {
        Expect("<stata_dta>");
        Expect("<header>");
        Expect("<release>");
        var release = Encoding.ASCII.GetString(Take(3));
        Expect("</release>");
        _release = release switch
        {
            "117" => 117,
            "118" => 118,
            "119" => 119,
            _ => throw new EconometricsException($"{_source}: Stata .dta format {release} is not supported; formats 117, 118 and 119 (Stata 13 and later) are. In Stata: saveold file, version(13) or save file."),
        };
        Expect("<byteorder>");
        var order = Encoding.ASCII.GetString(Take(3));
        _lsf = order switch
        {
            "LSF" => true,
            "MSF" => false,
            _ => throw Bad($"byte order \"{order}\""),
        };
        Expect("</byteorder>");
        Expect("<K>");
        long k = _release == 119 ? U32() : U16();
        Expect("</K>");
        Expect("<N>");
        long n = _release == 117 ? U32() : (long)U64();
        Expect("</N>");
        if (n > int.MaxValue) throw new EconometricsException($"{_source}: {n:N0} observations exceed what one panel can hold.");
        Expect("<label>");
        int labelLength = _release == 117 ? U8() : U16();
        Take(labelLength);
        Expect("</label>");
        Expect("<timestamp>");
        Take(U8());
        Expect("</timestamp>");
        Expect("</header>");
        Expect("<map>");
        var map = new long[14];
        for (int i = 0; i < 14; i++) map[i] = (long)U64();
        Expect("</map>");

        int K = checked((int)k), N = (int)n;
        int nameLength = _release == 117 ? 33 : 129;
        int formatLength = _release == 117 ? 49 : 57;
        int labelNameLength = _release == 117 ? 33 : 129;
        int variableLabelLength = _release == 117 ? 81 : 321;

        Expect("<variable_types>");
        var types = new int[K];
        for (int j = 0; j < K; j++) types[j] = U16();
        Expect("</variable_types>");
        Expect("<varnames>");
        var names = new string[K];
        for (int j = 0; j < K; j++) names[j] = FixedString(nameLength);
        Expect("</varnames>");
        Expect("<sortlist>");
        Take((K + 1) * (_release == 119 ? 4 : 2));
        Expect("</sortlist>");
        Expect("<formats>");
        var formats = new string[K];
        for (int j = 0; j < K; j++) formats[j] = FixedString(formatLength);
        Expect("</formats>");
        Expect("<value_label_names>");
        var labelNames = new string[K];
        for (int j = 0; j < K; j++) labelNames[j] = FixedString(labelNameLength);
        Expect("</value_label_names>");
        Expect("<variable_labels>");
        var variableLabels = new string[K];
        for (int j = 0; j < K; j++) variableLabels[j] = FixedString(variableLabelLength);
        Expect("</variable_labels>");
        // Characteristics are not needed; the map says where the data start.
        if (map[9] <= _pos || map[9] >= _b.Length) throw Bad("the map points outside the file");
        _pos = (int)map[9];
        Expect("<data>");

        var widths = types.Select(Width).ToArray();
        var numbers = new double[K][];
        var texts = new string[K][];
        var strl = new (long V, long O)[K][];
        for (int j = 0; j < K; j++)
        {
            if (types[j] >= 65526) numbers[j] = new double[N];
            else if (types[j] == 32768) strl[j] = new (long, long)[N];
            else texts[j] = new string[N];
        }
        int rowWidth = widths.Sum();
        if ((long)_pos + (long)rowWidth * N > _b.Length) throw Bad("the data section is shorter than K variables × N observations");
        for (int r = 0; r < N; r++)
        {
            for (int j = 0; j < K; j++)
            {
                int type = types[j];
                var cell = _b.AsSpan(_pos, widths[j]);
                switch (type)
                {
                    case 65526: numbers[j][r] = Double(cell); break;
                    case 65527: numbers[j][r] = Float(cell); break;
                    case 65528: { int v = _lsf ? BinaryPrimitives.ReadInt32LittleEndian(cell) : BinaryPrimitives.ReadInt32BigEndian(cell); numbers[j][r] = v > 2147483620 ? double.NaN : v; break; }
                    case 65529: { short v = _lsf ? BinaryPrimitives.ReadInt16LittleEndian(cell) : BinaryPrimitives.ReadInt16BigEndian(cell); numbers[j][r] = v > 32740 ? double.NaN : v; break; }
                    case 65530: { sbyte v = (sbyte)cell[0]; numbers[j][r] = v > 100 ? double.NaN : v; break; }
                    case 32768: strl[j][r] = StrlRef(cell); break;
                    default: texts[j][r] = CString(cell); break;
                }
                _pos += widths[j];
            }
        }
        Expect("</data>");
        Expect("<strls>");
        var gso = new Dictionary<(long, long), string>();
        while (Peek("GSO"))
        {
            _pos += 3;
            long v = U32();
            long o = _release == 117 ? U32() : (long)U64();
            int t = U8();
            int len = checked((int)U32());
            var content = Take(len);
            // Type 130 is text with a trailing \0; 129 is binary, kept as UTF-8 text up to any \0.
            gso[(v, o)] = t == 130 ? Text(content.AsSpan(0, Math.Max(0, len - 1))) : Text(TrimAtNul(content));
        }
        Expect("</strls>");
        for (int j = 0; j < K; j++)
        {
            if (strl[j] is not { } refs) continue;
            texts[j] = new string[N];
            for (int r = 0; r < N; r++)
            {
                var key = refs[r];
                if (key == (0, 0)) texts[j][r] = "";
                else if (!gso.TryGetValue(key, out texts[j][r]!))
                    throw new DataFormatException(_source, r + 1, names[j], $"not a valid Stata .dta file: the strL (v={key.V}, o={key.O}) is not defined.");
            }
        }
        var valueLabels = ReadValueLabels(labelNameLength);

        var columns = new List<RawColumn>(K);
        for (int j = 0; j < K; j++)
        {
            var label = variableLabels[j].Length > 0 ? variableLabels[j] : null;
            if (numbers[j] is { } x)
            {
                if (labelNames[j].Length > 0 && valueLabels.TryGetValue(labelNames[j], out var table))
                    columns.Add(new RawColumn(names[j]) { Texts = x.Select(v => double.IsNaN(v) ? "" : table.TryGetValue(v, out var s) ? s : ColumnTable.FormatNumber(v)).ToArray(), Label = label });
                else if (DateFormat(formats[j]) is { } kind)
                    columns.Add(new RawColumn(names[j]) { Texts = x.Select(v => StataDate(v, kind)).ToArray(), Label = label });
                else
                    columns.Add(new RawColumn(names[j]) { Numbers = x, Label = label });
            }
            else
                columns.Add(new RawColumn(names[j]) { Texts = texts[j], Label = label });
        }
        return columns;
    }

    private Dictionary<string, Dictionary<double, string>> ReadValueLabels(int labelNameLength)
    {
        var result = new Dictionary<string, Dictionary<double, string>>(StringComparer.Ordinal);
        Expect("<value_labels>");
        while (Peek("<lbl>"))
        {
            _pos += 5;
            int len = checked((int)U32());
            var name = FixedString(labelNameLength);
            _pos += 3; // padding
            int start = _pos;
            int count = checked((int)U32());
            int textLength = checked((int)U32());
            var offsets = new int[count];
            for (int i = 0; i < count; i++) offsets[i] = (int)U32();
            var values = new int[count];
            for (int i = 0; i < count; i++) values[i] = (int)U32();
            var txt = Take(textLength);
            var table = new Dictionary<double, string>();
            for (int i = 0; i < count; i++)
            {
                if (offsets[i] < 0 || offsets[i] >= textLength) throw Bad($"value label '{name}' has an offset outside its text");
                table[values[i]] = Text(TrimAtNul(txt.AsSpan(offsets[i]).ToArray()));
            }
            _pos = start + len;
            Expect("</lbl>");
            result[name] = table;
        }
        Expect("</value_labels>");
        return result;
    }

    private enum DateKind { Day, Month, Quarter, Year }

    private static DateKind? DateFormat(string format) =>
        format.StartsWith("%td", StringComparison.Ordinal) || format.StartsWith("%d", StringComparison.Ordinal) ? DateKind.Day
        : format.StartsWith("%tm", StringComparison.Ordinal) ? DateKind.Month
        : format.StartsWith("%tq", StringComparison.Ordinal) ? DateKind.Quarter
        : format.StartsWith("%ty", StringComparison.Ordinal) ? DateKind.Year
        : null;

    /// <summary>Stata dates count from 1960: days, months (1960m1 = 0), quarters (1960q1 = 0), or are years.</summary>
    private static string StataDate(double v, DateKind kind)
    {
        if (double.IsNaN(v)) return "";
        long i = (long)Math.Floor(v);
        return kind switch
        {
            DateKind.Day => new DateOnly(1960, 1, 1).AddDays((int)i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            DateKind.Month => $"{1960 + Math.Floor(i / 12.0):0000}-{((i % 12) + 12) % 12 + 1:00}",
            DateKind.Quarter => $"{1960 + Math.Floor(i / 4.0):0000}Q{((i % 4) + 4) % 4 + 1}",
            _ => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private int Width(int type) => type switch
    {
        65526 => 8,
        65527 => 4,
        65528 => 4,
        65529 => 2,
        65530 => 1,
        32768 => 8,
        >= 1 and <= 2045 => type,
        _ => throw Bad($"unknown variable type {type}"),
    };

    private (long, long) StrlRef(ReadOnlySpan<byte> cell)
    {
        // 117: v and o are 4 bytes each; 118: v 2 bytes, o 6 bytes; 119: v 3 bytes, o 5 bytes.
        int vBytes = _release switch { 117 => 4, 118 => 2, _ => 3 };
        Span<byte> buffer = stackalloc byte[8];
        buffer.Clear();
        long v, o;
        if (_lsf)
        {
            cell[..vBytes].CopyTo(buffer);
            v = BinaryPrimitives.ReadInt64LittleEndian(buffer);
            buffer.Clear();
            cell[vBytes..].CopyTo(buffer);
            o = BinaryPrimitives.ReadInt64LittleEndian(buffer);
        }
        else
        {
            cell[..vBytes].CopyTo(buffer[(8 - vBytes)..]);
            v = BinaryPrimitives.ReadInt64BigEndian(buffer);
            buffer.Clear();
            cell[vBytes..].CopyTo(buffer[vBytes..]);
            o = BinaryPrimitives.ReadInt64BigEndian(buffer);
        }
        return (v, o);
    }

    private double Double(ReadOnlySpan<byte> cell)
    {
        double v = _lsf ? BinaryPrimitives.ReadDoubleLittleEndian(cell) : BinaryPrimitives.ReadDoubleBigEndian(cell);
        return v > 8.9884656743115785e307 ? double.NaN : v; // above the largest non-missing double: . and .a–.z
    }

    private double Float(ReadOnlySpan<byte> cell)
    {
        float v = _lsf ? BinaryPrimitives.ReadSingleLittleEndian(cell) : BinaryPrimitives.ReadSingleBigEndian(cell);
        return v > 1.70141173e38f || float.IsNaN(v) ? double.NaN : v;
    }

    private string Text(ReadOnlySpan<byte> bytes) =>
        _release == 117 ? Latin1.GetString(bytes) : Encoding.UTF8.GetString(bytes);

    private static Encoding Latin1 => CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    private string CString(ReadOnlySpan<byte> cell)
    {
        int end = cell.IndexOf((byte)0);
        return Text(end < 0 ? cell : cell[..end]);
    }

    private string FixedString(int length) => CString(Take(length));

    private static byte[] TrimAtNul(byte[] bytes)
    {
        int end = Array.IndexOf(bytes, (byte)0);
        return end < 0 ? bytes : bytes[..end];
    }

    private bool Peek(string tag)
    {
        if (_pos + tag.Length > _b.Length) return false;
        for (int i = 0; i < tag.Length; i++)
            if (_b[_pos + i] != tag[i]) return false;
        return true;
    }

    private void Expect(string tag)
    {
        if (!Peek(tag)) throw Bad($"expected {tag} at byte {_pos:N0}");
        _pos += tag.Length;
    }

    private byte[] Take(int count)
    {
        if (count < 0 || _pos + count > _b.Length) throw Bad("the file ends early");
        var result = _b.AsSpan(_pos, count).ToArray();
        _pos += count;
        return result;
    }

    private int U8() => Take(1)[0];

    private int U16() => _lsf ? BinaryPrimitives.ReadUInt16LittleEndian(Take(2)) : BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    private long U32() => _lsf ? BinaryPrimitives.ReadUInt32LittleEndian(Take(4)) : BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    private ulong U64() => _lsf ? BinaryPrimitives.ReadUInt64LittleEndian(Take(8)) : BinaryPrimitives.ReadUInt64BigEndian(Take(8));
}
