using System.Globalization;
using System.Text;
using System.Text.Unicode;
using DigitalEconomy.Econometrics.Numerics;
using Microsoft.Win32.SafeHandles;

namespace DigitalEconomy.Econometrics.Data;

// The fast path of PanelCsv.Read for files: UTF-8 bytes parsed without a string per cell, in parallel chunks
// that write straight into the final column arrays. It accepts only the common case — no double quotes, "\n"
// or "\r\n" line ends, no blank lines, no cell with surrounding whitespace, every row complete and valid —
// and gives up (returns null) on anything else, so that the general reader reads the file and reports any
// problem with exactly the message it always gave. What it does accept it reads to the same panel, bit for
// bit: numbers are parsed by an exact short path (Clinger's: at most 19 digits with a mantissa below 2^53 and
// a power of ten below 10^23, one correctly rounded multiplication or division) or else by the framework's
// own parser, which the general reader uses too.
public static partial class PanelCsv
{
    private const int BlockBytes = 1 << 20;
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Raised inside the fast path when the file needs the general reader.</summary>
    private sealed class NotFastPath : Exception;

    private enum FastKind { Numeric, Text }

    /// <summary>
    /// Reads <paramref name="handle"/> (a UTF-8 file) when it is in the common form; null when the general
    /// reader must read it. With <paramref name="validateUtf8"/> the whole file must also be valid UTF-8.
    /// </summary>
    internal static PanelData? TryReadFast(SafeFileHandle handle, string source, string entityColumn, string timeColumn,
        CsvReadOptions? options, bool validateUtf8)
    {
        if (entityColumn is null || timeColumn is null || entityColumn == timeColumn) return null;
        var settings = new ReaderSettings(options);
        try
        {
            return ReadFast(handle, source, entityColumn, timeColumn, settings, validateUtf8);
        }
        catch (NotFastPath)
        {
            return null;
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.All(x => x is NotFastPath))
        {
            return null;
        }
    }

    private static PanelData ReadFast(SafeFileHandle handle, string source, string entityColumn, string timeColumn,
        ReaderSettings settings, bool validateUtf8)
    {
        long length = RandomAccess.GetLength(handle);
        var head = new byte[(int)Math.Min(length, BlockBytes)];
        if (head.Length == 0 || RandomAccess.Read(handle, head, 0) != head.Length) throw new NotFastPath();
        int bom = head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
        int headerEnd = head.AsSpan(bom).IndexOf((byte)'\n');
        if (headerEnd < 0) throw new NotFastPath();
        headerEnd += bom;
        var headerBytes = head.AsSpan(bom, headerEnd - bom);
        if (headerBytes.Length > 0 && headerBytes[^1] == '\r') headerBytes = headerBytes[..^1];
        if (headerBytes.Length == 0 || headerBytes.IndexOfAny((byte)'"', (byte)'\r') >= 0 || headerBytes.StartsWith("sep="u8))
            throw new NotFastPath();
        byte delimiter = (byte)settings.Delimiter;
        var header = new List<string>();
        foreach (var range in FieldRanges(headerBytes, delimiter))
            header.Add(DecodeOrGiveUp(headerBytes[range]));
        var names = header.ToArray();

        // The header is checked by the general reader's own rules, so its messages are the same.
        const int headerLine = 1;
        ValidateHeader(names, source, headerLine, settings.Delimiter);
        int entityIndex = RequireColumn(names, entityColumn, source, headerLine, "entity");
        int timeIndex = RequireColumn(names, timeColumn, source, headerLine, "time");
        var categorical = new HashSet<string>(settings.Options.CategoricalColumns, StringComparer.Ordinal);
        foreach (var name in categorical)
            if (Array.IndexOf(names, name) < 0)
                throw new DataFormatException(source, headerLine, null,
                    $"the text columns (--text-columns / CategoricalColumns) name '{name}', which is not in the header ({string.Join(", ", names)}).");
        int width = names.Length;
        var forced = new bool[width];
        for (int j = 0; j < width; j++) forced[j] = j == entityIndex || j == timeIndex || categorical.Contains(names[j]);

        var cells = new CellRules(settings, (byte)settings.Options.DecimalSeparator);
        var kinds = DecideKinds(head.AsSpan(headerEnd + 1), length <= head.Length, forced, delimiter, cells);

        var chunks = SplitIntoChunks(handle, headerEnd + 1L, length);
        var rowsOf = new long[chunks.Length];
        Parallel.For(0, chunks.Length, k => rowsOf[k] = CountRows(handle, chunks[k].Start, chunks[k].End, k == chunks.Length - 1));
        var firstRow = new int[chunks.Length + 1];
        long total = 0;
        for (int k = 0; k < chunks.Length; k++)
        {
            firstRow[k] = (int)total;
            total += rowsOf[k];
            if (total > Array.MaxLength) throw new NotFastPath();
        }
        firstRow[chunks.Length] = (int)total;
        int n = (int)total;
        if (n == 0) throw new NotFastPath();

        var numbers = new double[width][];
        var codes = new int[width][];
        for (int j = 0; j < width; j++)
        {
            if (kinds[j] == FastKind.Numeric) numbers[j] = LargeArrays.Uninitialized<double>(n); // ParseChunk writes every cell
            else codes[j] = LargeArrays.Uninitialized<int>(n);
        }
        var interners = new ByteInterner[chunks.Length][];
        var stop = new StopFlag();
        Parallel.For(0, chunks.Length, k =>
        {
            var local = new ByteInterner[width];
            for (int j = 0; j < width; j++)
                if (kinds[j] == FastKind.Text)
                    local[j] = new ByteInterner(j == entityIndex || j == timeIndex, forced[j]);
            interners[k] = local;
            ParseChunk(handle, chunks[k], firstRow[k], firstRow[k + 1], delimiter, kinds, numbers, codes, local, cells, validateUtf8, stop);
        });

        // Local label ids → ids in order of first appearance in the file, as the general reader numbers them.
        var labels = new string[width][];
        for (int j = 0; j < width; j++)
        {
            if (kinds[j] != FastKind.Text) continue;
            var global = new Dictionary<string, int>(StringComparer.Ordinal);
            var maps = new int[chunks.Length][];
            for (int k = 0; k < chunks.Length; k++)
            {
                var local = interners[k][j].Labels;
                var map = maps[k] = new int[local.Count];
                for (int i = 0; i < local.Count; i++)
                {
                    if (!global.TryGetValue(local[i], out int id))
                    {
                        id = global.Count;
                        global.Add(local[i], id);
                    }
                    map[i] = id;
                }
            }
            var c = codes[j];
            Parallel.For(0, chunks.Length, k =>
            {
                var map = maps[k];
                for (int r = firstRow[k]; r < firstRow[k + 1]; r++) c[r] = map[c[r]];
            });
            labels[j] = global.Keys.ToArray();
        }

        var entities = Factor.FromInterned(codes[entityIndex], labels[entityIndex]);
        var times = Readers.TimeIndex.Parse(codes[timeIndex], labels[timeIndex], settings.Options.OrdinalTime, source, timeColumn, r => r + headerLine + 1);
        var numeric = new List<KeyValuePair<string, double[]>>();
        var text = new List<KeyValuePair<string, Factor>>();
        for (int j = 0; j < width; j++)
        {
            if (j == entityIndex || j == timeIndex) continue;
            if (kinds[j] == FastKind.Text)
                text.Add(new(names[j], Factor.FromInterned(codes[j], labels[j])));
            else
                numeric.Add(new(names[j], numbers[j]));
        }
        return PanelData.Create(entityColumn, entities, timeColumn, times, numeric, text, new ConsecutiveLines(headerLine + 1, n), source);
    }

    private static List<Range> FieldRanges(ReadOnlySpan<byte> line, byte delimiter)
    {
        var ranges = new List<Range>();
        int start = 0;
        while (true)
        {
            int d = line[start..].IndexOf(delimiter);
            if (d < 0) break;
            ranges.Add(new Range(start, start + d));
            start += d + 1;
        }
        ranges.Add(new Range(start, line.Length));
        return ranges;
    }

    private static string DecodeOrGiveUp(ReadOnlySpan<byte> bytes)
    {
        if (!Utf8.IsValid(bytes)) throw new NotFastPath();
        var text = Encoding.UTF8.GetString(bytes);
        // Surrounding whitespace is trimmed by the general reader; U+FFFD is reported by it.
        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text.Contains('\uFFFD')))
            throw new NotFastPath();
        return text;
    }

    /// <summary>
    /// Numeric or text for every column that is not read as text anyway, from its first cell that is not a
    /// missing token in the first block; a column whose kind the block does not show goes to the general reader.
    /// </summary>
    private static FastKind[] DecideKinds(ReadOnlySpan<byte> block, bool wholeFile, bool[] forced, byte delimiter, CellRules cells)
    {
        int width = forced.Length;
        var kinds = new FastKind?[width];
        for (int j = 0; j < width; j++) if (forced[j]) kinds[j] = FastKind.Text;
        if (!wholeFile)
        {
            int last = block.LastIndexOf((byte)'\n');
            block = last < 0 ? default : block[..(last + 1)];
        }
        while (block.Length > 0 && kinds.Any(k => k is null))
        {
            int nl = block.IndexOf((byte)'\n');
            var line = nl < 0 ? block : block[..nl];
            block = nl < 0 ? default : block[(nl + 1)..];
            if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
            int j = 0;
            foreach (var range in FieldRanges(line, delimiter))
            {
                if (j >= width) throw new NotFastPath();
                if (kinds[j] is null)
                {
                    var cell = line[range];
                    if (cells.HasSurroundingBlank(cell)) throw new NotFastPath();
                    if (cells.IsMissing(cell)) { j++; continue; }
                    if (cells.TryNumber(cell, out _)) kinds[j] = FastKind.Numeric;
                    else if (double.TryParse(cell, NumberStyles.Float, cells.Numbers, out _)) throw new NotFastPath(); // infinite
                    else kinds[j] = FastKind.Text;
                }
                j++;
            }
        }
        if (kinds.Any(k => k is null)) throw new NotFastPath();
        return kinds.Select(k => k!.Value).ToArray();
    }

    private readonly record struct Chunk(long Start, long End);

    /// <summary>Byte ranges of about equal size that start at line starts, a few per core for balance.</summary>
    private static Chunk[] SplitIntoChunks(SafeFileHandle handle, long start, long end)
    {
        int wanted = (int)Math.Clamp((end - start) / (8L << 20), 1, 8 * Environment.ProcessorCount);
        var bounds = new List<long> { start };
        var probe = new byte[1 << 16];
        for (int k = 1; k < wanted; k++)
        {
            long nominal = start + (end - start) * k / wanted;
            if (nominal <= bounds[^1]) continue;
            long at = nominal;
            long found = -1;
            while (at < end && found < 0)
            {
                int got = RandomAccess.Read(handle, probe.AsSpan(0, (int)Math.Min(probe.Length, end - at)), at);
                if (got <= 0) throw new NotFastPath();
                int i = probe.AsSpan(0, got).IndexOf((byte)'\n');
                if (i >= 0) found = at + i + 1;
                at += got;
            }
            if (found < 0 || found >= end) break;
            bounds.Add(found);
        }
        bounds.Add(end);
        var chunks = new Chunk[bounds.Count - 1];
        for (int k = 0; k < chunks.Length; k++) chunks[k] = new Chunk(bounds[k], bounds[k + 1]);
        return chunks;
    }

    private static long CountRows(SafeFileHandle handle, long start, long end, bool lastChunk)
    {
        var reader = new LineBlockReader(handle, start, end);
        long rows = 0;
        bool endsWithNewline = true;
        while (true)
        {
            var block = reader.Next();
            if (block.IsEmpty) break;
            rows += block.Count((byte)'\n');
            endsWithNewline = block[^1] == '\n';
        }
        if (lastChunk && !endsWithNewline) rows++;
        return rows;
    }

    private static void ParseChunk(SafeFileHandle handle, Chunk chunk, int firstRow, int endRow, byte delimiter, FastKind[] kinds,
        double[][] numbers, int[][] codes, ByteInterner[] interners, CellRules cells, bool validateUtf8, StopFlag stop)
    {
        var reader = new LineBlockReader(handle, chunk.Start, chunk.End);
        int width = kinds.Length;
        int row = firstRow;
        while (true)
        {
            if (stop.Value) throw new NotFastPath();
            var block = reader.Next();
            if (block.IsEmpty) break;
            // Quotes anywhere, or a carriage return that does not end a line, are the general reader's.
            if (block.IndexOf((byte)'"') >= 0 || !CarriageReturnsEndLines(block)) Fail(stop);
            // Checked here, on the block in cache, rather than in a pass of its own (blocks end at line breaks, never inside a character).
            if (validateUtf8 && !Utf8.IsValid(block)) Fail(stop);
            int pos = 0;
            while (pos < block.Length)
            {
                if (row >= endRow) Fail(stop);
                for (int j = 0; j < width; j++)
                {
                    bool lastField = j == width - 1;
                    int end;
                    if (kinds[j] == FastKind.Numeric)
                    {
                        if (!cells.MissingFirst && TryShortDecimal(block, pos, cells.Mark, out numbers[j][row], out end) && EndsField(block, ref end, delimiter))
                        {
                            // the common case: a plain number, then the separator or the line end
                        }
                        else
                        {
                            end = FieldEnd(block, pos, delimiter);
                            if (!cells.TryNumericCell(CellBytes(block, pos, end), out numbers[j][row])) Fail(stop);
                        }
                    }
                    else
                    {
                        end = FieldEnd(block, pos, delimiter);
                        int id = interners[j].Intern(CellBytes(block, pos, end), cells);
                        if (id < 0) Fail(stop);
                        codes[j][row] = id;
                    }
                    // The field must end at the separator, and the last one at the end of the line.
                    bool atLineEnd = end == block.Length || block[end] == '\n';
                    if (atLineEnd != lastField) Fail(stop);
                    pos = end + 1;
                }
                row++;
            }
        }
        if (row != endRow) Fail(stop);
    }

    /// <summary>True when <paramref name="end"/> is at a separator or a line end (moved past the "\r" of "\r\n").</summary>
    private static bool EndsField(ReadOnlySpan<byte> block, ref int end, byte delimiter)
    {
        if (end == block.Length) return true;
        byte b = block[end];
        if (b == delimiter || b == '\n') return true;
        if (b != '\r') return false;
        if (end + 1 == block.Length) { end++; return true; }
        if (block[end + 1] != '\n') return false;
        end++;
        return true;
    }

    /// <summary>Index of the separator or line feed that ends the field starting at <paramref name="start"/> (or the block length).</summary>
    private static int FieldEnd(ReadOnlySpan<byte> block, int start, byte delimiter)
    {
        int i = start;
        while (i < block.Length && block[i] != delimiter && block[i] != '\n') i++;
        return i;
    }

    /// <summary>The field's bytes, without the carriage return of a "\r\n" line end.</summary>
    private static ReadOnlySpan<byte> CellBytes(ReadOnlySpan<byte> block, int start, int end)
    {
        if (end > start && end <= block.Length && block[end - 1] == '\r' && (end == block.Length || block[end] == '\n')) end--;
        return block[start..end];
    }

    private static bool CarriageReturnsEndLines(ReadOnlySpan<byte> block)
    {
        int at = 0;
        while (true)
        {
            int i = block[at..].IndexOf((byte)'\r');
            if (i < 0) return true;
            at += i + 1;
            if (at >= block.Length || block[at] != '\n') return false;
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(StopFlag stop)
    {
        stop.Value = true;
        throw new NotFastPath();
    }

    /// <summary>Set by the first chunk that gives up, so that the others stop early.</summary>
    private sealed class StopFlag
    {
        private volatile bool _value;

        public bool Value
        {
            get => _value;
            set => _value = value;
        }
    }

    /// <summary>How a cell is read: missing tokens as bytes, the decimal mark, the number format.</summary>
    private sealed class CellRules
    {
        private readonly byte[][] _missing;
        private readonly bool _emptyIsMissing;
        public CellRules(ReaderSettings settings, byte decimalMark)
        {
            _missing = settings.MissingTokens.Select(t => Encoding.UTF8.GetBytes(t)).ToArray();
            _emptyIsMissing = settings.MissingTokens.Contains("");
            MissingFirst = settings.MissingMayParse;
            Mark = decimalMark;
            Numbers = settings.Numbers;
        }

        public IFormatProvider Numbers { get; }

        public byte Mark { get; }

        /// <summary>A missing token is itself a number (e.g. −999): check cells against the tokens first.</summary>
        public bool MissingFirst { get; }

        public bool HasSurroundingBlank(ReadOnlySpan<byte> cell) =>
            cell.Length > 0 && (cell[0] is (byte)' ' or (byte)'\t' || cell[^1] is (byte)' ' or (byte)'\t');

        public bool IsMissing(ReadOnlySpan<byte> cell)
        {
            if (cell.IsEmpty) return _emptyIsMissing;
            foreach (var token in _missing)
                if (cell.SequenceEqual(token)) return true;
            return false;
        }

        /// <summary>A finite number, read exactly as the general reader reads it.</summary>
        public bool TryNumber(ReadOnlySpan<byte> cell, out double value)
        {
            if (TryShortDecimal(cell, Mark, out value)) return true;
            return double.TryParse(cell, NumberStyles.Float, Numbers, out value) && double.IsFinite(value);
        }

        /// <summary>A cell of a numeric column: a number or a missing token (NaN); false for anything else.</summary>
        public bool TryNumericCell(ReadOnlySpan<byte> cell, out double value)
        {
            if (cell.IsEmpty)
            {
                value = double.NaN;
                return _emptyIsMissing;
            }
            if (HasSurroundingBlank(cell))
            {
                value = 0;
                return false;
            }
            if (MissingFirst && IsMissing(cell))
            {
                value = double.NaN;
                return true;
            }
            if (TryNumber(cell, out value)) return true;
            value = double.NaN;
            return IsMissing(cell);
        }
    }

    /// <summary>
    /// [sign] digits [mark digits] [e [sign] digits] with at most 19 significant digits, a mantissa of at most
    /// 2^53 and a decimal exponent within ±22: then mantissa × 10^e (or ÷ 10^−e) is one IEEE operation on two
    /// exact values and so correctly rounded (Clinger 1990), the same double as any correct parser gives.
    /// Anything else returns false and is left to the framework's parser.
    /// </summary>
    private static bool TryShortDecimal(ReadOnlySpan<byte> s, byte mark, out double value) =>
        TryShortDecimal(s, 0, mark, out value, out int end) && end == s.Length;

    /// <summary>The short number starting at <paramref name="start"/>, ending before <paramref name="end"/> (the first byte that cannot continue it).</summary>
    private static bool TryShortDecimal(ReadOnlySpan<byte> s, int start, byte mark, out double value, out int end)
    {
        value = 0;
        int i = start;
        end = start;
        bool negative = false;
        if (s.Length <= start) return false;
        if (s[start] == '-') { negative = true; i++; }
        else if (s[start] == '+') i++;
        ulong mantissa = 0;
        int significant = 0, exponent = 0, digits = 0;
        // Up to eight digits at a time while the mantissa cannot overflow (digits so far bound the significant ones).
        int run = EightDigits(s, i, out ulong chunk);
        if (run > 0)
        {
            mantissa = chunk;
            digits = significant = run;
            i += run;
        }
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) break;
            if (mantissa != 0 || d != 0)
            {
                if (++significant > 19) return false;
                mantissa = mantissa * 10 + d;
            }
            digits++;
        }
        if (digits == 0) return false;
        if (i < s.Length && s[i] == mark)
        {
            i++;
            int fraction = 0;
            if (significant <= 11)
            {
                int more = EightDigits(s, i, out ulong part);
                if (more > 0)
                {
                    mantissa = mantissa * PowersOfTenInteger[more] + part;
                    significant = mantissa == 0 ? 0 : significant + more;
                    exponent -= more;
                    fraction += more;
                    i += more;
                }
            }
            for (; i < s.Length; i++)
            {
                uint d = (uint)(s[i] - '0');
                if (d > 9) break;
                if (mantissa != 0 || d != 0)
                {
                    if (++significant > 19) return false;
                    mantissa = mantissa * 10 + d;
                }
                exponent--;
                fraction++;
            }
            if (fraction == 0) return false;
        }
        if (i < s.Length && (s[i] | 0x20) == 'e')
        {
            i++;
            bool negativeExponent = false;
            if (i < s.Length && s[i] is (byte)'-' or (byte)'+') { negativeExponent = s[i] == '-'; i++; }
            int e = 0, eDigits = 0;
            for (; i < s.Length; i++)
            {
                uint d = (uint)(s[i] - '0');
                if (d > 9) break;
                if (++eDigits > 4) return false;
                e = e * 10 + (int)d;
            }
            if (eDigits == 0) return false;
            exponent += negativeExponent ? -e : e;
        }
        end = i;
        if (mantissa == 0)
        {
            value = negative ? -0.0 : 0.0;
            return true;
        }
        if (mantissa > (1UL << 53) || exponent < -22 || exponent > 22) return false;
        double m = mantissa;
        double v = exponent >= 0 ? m * PowersOfTen[exponent] : m / PowersOfTen[-exponent];
        value = negative ? -v : v;
        return true;
    }

    private static readonly ulong[] PowersOfTenInteger = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    /// <summary>
    /// How many of the (at most eight) bytes from <paramref name="start"/> are ASCII digits before the first other
    /// byte, and their decimal value (SWAR: one 8-byte load; the lowest flagged byte is the first non-digit because
    /// digit bytes neither carry nor borrow into the bytes above them). 0 when fewer than eight bytes remain.
    /// </summary>
    private static int EightDigits(ReadOnlySpan<byte> s, int start, out ulong value)
    {
        value = 0;
        if (s.Length - start < 8) return 0;
        ulong word = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(s[start..]);
        ulong flags = ((word + 0x4646464646464646UL) | (word - 0x3030303030303030UL)) & 0x8080808080808080UL;
        int count = flags == 0 ? 8 : System.Numerics.BitOperations.TrailingZeroCount(flags) >> 3;
        if (count == 0) return 0;
        // The digits moved to the top bytes, zeros (leading zeros of the number) below: an 8-digit conversion.
        ulong v = (word - 0x3030303030303030UL) << (8 * (8 - count));
        v = (v * 10) + (v >> 8);
        v = (((v & 0x000000FF000000FFUL) * (100 + (1000000UL << 32))) + (((v >> 16) & 0x000000FF000000FFUL) * (1 + (10000UL << 32)))) >> 32;
        value = v & 0xFFFFFFFFUL;
        return count;
    }

    /// <summary>
    /// Distinct cells of one text column within one chunk, keyed by their bytes (open addressing over a byte
    /// arena), so that a key cell costs a hash and a compare, not a string. Each new label is checked once.
    /// </summary>
    private sealed class ByteInterner(bool isKey, bool forced)
    {
        private byte[] _arena = new byte[1 << 12];
        private int _used;
        private int[] _start = new int[64];
        private int[] _length = new int[64];
        private int[] _slots = NewSlots(256);
        private int _last = -1;

        public List<string> Labels { get; } = [];

        private static int[] NewSlots(int size)
        {
            var slots = new int[size];
            Array.Fill(slots, -1);
            return slots;
        }

        private ReadOnlySpan<byte> Bytes(int id) => _arena.AsSpan(_start[id], _length[id]);

        /// <summary>The chunk-local id of <paramref name="cell"/>; −1 when the cell needs the general reader.</summary>
        public int Intern(ReadOnlySpan<byte> cell, CellRules rules)
        {
            if (_last >= 0 && cell.SequenceEqual(Bytes(_last))) return _last;
            int mask = _slots.Length - 1;
            int slot = HashOf(cell) & mask;
            while (true)
            {
                int id = _slots[slot];
                if (id < 0) break;
                if (cell.SequenceEqual(Bytes(id))) return _last = id;
                slot = (slot + 1) & mask;
            }
            if (!Acceptable(cell, rules, out var label)) return -1;
            int added = Labels.Count;
            Labels.Add(label);
            if (added == _start.Length)
            {
                Array.Resize(ref _start, added * 2);
                Array.Resize(ref _length, added * 2);
            }
            while (_used + cell.Length > _arena.Length) Array.Resize(ref _arena, _arena.Length * 2);
            cell.CopyTo(_arena.AsSpan(_used));
            _start[added] = _used;
            _length[added] = cell.Length;
            _used += cell.Length;
            _slots[slot] = added;
            if (Labels.Count * 2 > _slots.Length) Rehash();
            return _last = added;
        }

        private void Rehash()
        {
            _slots = NewSlots(_slots.Length * 2);
            int mask = _slots.Length - 1;
            for (int id = 0; id < Labels.Count; id++)
            {
                int slot = HashOf(Bytes(id)) & mask;
                while (_slots[slot] >= 0) slot = (slot + 1) & mask;
                _slots[slot] = id;
            }
        }

        private static int HashOf(ReadOnlySpan<byte> bytes)
        {
            // FNV-1a: the cells are short and the order of the table never reaches the result.
            uint h = 2166136261;
            foreach (var b in bytes) h = (h ^ b) * 16777619;
            return (int)(h ^ (h >> 15));
        }

        /// <summary>What the general reader would keep as this text cell without complaint, or false.</summary>
        private bool Acceptable(ReadOnlySpan<byte> cell, CellRules rules, out string label)
        {
            label = "";
            if (rules.HasSurroundingBlank(cell) || !Utf8.IsValid(cell)) return false;
            label = Encoding.UTF8.GetString(cell);
            if (label.Length > 0 && (char.IsWhiteSpace(label[0]) || char.IsWhiteSpace(label[^1]))) return false;
            // Apostrophe-escaped cells and U+FFFD (reported as bad UTF-8) are the general reader's business.
            if (label.Contains('\uFFFD') || (label.Length > 0 && label[0] == '\'')) return false;
            if (isKey) return label.Length > 0 && !rules.IsMissing(cell);
            if (forced || rules.IsMissing(cell)) return true;
            // A detected text column stops being text at its first number.
            return !double.TryParse(cell, NumberStyles.Float, rules.Numbers, out _);
        }
    }

    /// <summary>Reads a byte range in blocks of whole lines (the last block may end without a line break).</summary>
    private sealed class LineBlockReader(SafeFileHandle handle, long start, long end)
    {
        private byte[] _buffer = new byte[BlockBytes];
        private long _position = start;
        private int _filled;
        private int _consumed;

        public ReadOnlySpan<byte> Next()
        {
            if (_consumed > 0)
            {
                Buffer.BlockCopy(_buffer, _consumed, _buffer, 0, _filled - _consumed);
                _filled -= _consumed;
                _consumed = 0;
            }
            while (true)
            {
                if (_position < end && _filled < _buffer.Length)
                {
                    int got = RandomAccess.Read(handle, _buffer.AsSpan(_filled, (int)Math.Min(_buffer.Length - _filled, end - _position)), _position);
                    if (got <= 0) throw new NotFastPath();
                    _position += got;
                    _filled += got;
                }
                bool atEnd = _position >= end;
                int cut = atEnd ? _filled : _buffer.AsSpan(0, _filled).LastIndexOf((byte)'\n') + 1;
                if (cut > 0)
                {
                    _consumed = cut;
                    return _buffer.AsSpan(0, cut);
                }
                if (atEnd) return default;
                if (_filled == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            }
        }
    }

    /// <summary>Physical line of each row when rows are consecutive lines.</summary>
    private sealed class ConsecutiveLines(int first, int count) : IReadOnlyList<int>
    {
        public int this[int index] => first + index;

        public int Count => count;

        public IEnumerator<int> GetEnumerator()
        {
            for (int i = 0; i < count; i++) yield return first + i;
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
