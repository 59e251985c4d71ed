using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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
// a power of ten below 10^23, one correctly rounded multiplication or division; plain decimals of up to 15
// digits with one 16-byte vector) or else by the framework's own parser, which the general reader uses too.
// Text cells get chunk-local ids by their bytes (plain integers such as ids and years by their value), which
// are renumbered in order of first appearance in the file, as the general reader numbers labels.
public static partial class PanelCsv
{
    private const int DefaultBlockBytes = 1 << 20;
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Raised inside the fast path when the file needs the general reader.</summary>
    private sealed class NotFastPath : Exception;

    private enum FastKind { Numeric, Text }

    /// <summary>
    /// Block and chunk sizes of the fast path: the defaults for files; tests make them tiny so that a small file
    /// crosses block and chunk boundaries (a chunk is parsed by one thread with its own label table), and can
    /// turn the vector cell reader off (as on a processor without it).
    /// </summary>
    internal readonly record struct FastPathSizes(int BlockBytes, long ChunkBytes, bool VectorCells = true)
    {
        public static FastPathSizes Default => new(DefaultBlockBytes, 8L << 20);
    }

    /// <summary>
    /// Reads <paramref name="handle"/> (a UTF-8 file) when it is in the common form; null when the general
    /// reader must read it. With <paramref name="validateUtf8"/> the whole file must also be valid UTF-8.
    /// </summary>
    internal static PanelData? TryReadFast(SafeFileHandle handle, string source, string entityColumn, string timeColumn,
        CsvReadOptions? options, bool validateUtf8, FastPathSizes? sizes = null)
    {
        if (entityColumn is null || timeColumn is null || entityColumn == timeColumn) return null;
        var settings = new ReaderSettings(options);
        try
        {
            return ReadFast(handle, source, entityColumn, timeColumn, settings, validateUtf8, sizes ?? FastPathSizes.Default);
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
        ReaderSettings settings, bool validateUtf8, FastPathSizes sizes)
    {
        long length = RandomAccess.GetLength(handle);
        var head = new byte[(int)Math.Min(length, sizes.BlockBytes)];
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

        var chunks = SplitIntoChunks(handle, headerEnd + 1L, length, sizes.ChunkBytes);
        var counts = new ChunkCount[chunks.Length];
        var stop = new StopFlag();
        Parallel.For(0, chunks.Length, k => counts[k] = CountRows(handle, chunks[k], k == chunks.Length - 1, sizes.BlockBytes, stop));
        var firstRow = new int[chunks.Length + 1];
        long total = 0;
        for (int k = 0; k < chunks.Length; k++)
        {
            firstRow[k] = (int)total;
            total += counts[k].Rows;
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
        var plan = new ParsePlan(kinds, delimiter, cells, validateUtf8, sizes.BlockBytes, sizes.VectorCells);
        Parallel.For(0, chunks.Length, k =>
        {
            var local = new ByteInterner[width];
            int rows = firstRow[k + 1] - firstRow[k];
            for (int j = 0; j < width; j++)
                if (kinds[j] == FastKind.Text)
                    local[j] = new ByteInterner(j == entityIndex || j == timeIndex, forced[j], rows);
            interners[k] = local;
            ParseChunk(handle, chunks[k], counts[k].Content, firstRow[k], firstRow[k + 1], plan, numbers, codes, local, stop);
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
                bool identity = true; // always so for the first chunk, often for a time key
                for (int i = 0; i < map.Length && identity; i++) identity = map[i] == i;
                if (identity) return;
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
    private static Chunk[] SplitIntoChunks(SafeFileHandle handle, long start, long end, long chunkBytes)
    {
        int wanted = (int)Math.Clamp((end - start) / chunkBytes, 1, 8 * Environment.ProcessorCount);
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

    /// <summary>What the count pass saw in a chunk besides its lines; the parse checks only what is there.</summary>
    [Flags]
    private enum ChunkContent
    {
        Plain = 0,
        CarriageReturns = 1,
        NonAscii = 2,
    }

    private readonly record struct ChunkCount(long Rows, ChunkContent Content);

    /// <summary>Rows of a chunk and what its bytes hold; a double quote anywhere sends the file to the general reader.</summary>
    private static ChunkCount CountRows(SafeFileHandle handle, Chunk chunk, bool lastChunk, int blockBytes, StopFlag stop)
    {
        var reader = new LineBlockReader(handle, chunk.Start, chunk.End, blockBytes);
        long rows = 0;
        var content = ChunkContent.Plain;
        bool endsWithNewline = true;
        while (true)
        {
            if (stop.Value) throw new NotFastPath();
            var block = reader.Next();
            if (block.IsEmpty) break;
            rows += ScanBlock(block, ref content, out bool quote);
            if (quote) Fail(stop);
            endsWithNewline = block[^1] == '\n';
        }
        if (lastChunk && !endsWithNewline) rows++;
        return new ChunkCount(rows, content);
    }

    /// <summary>
    /// Line feeds in <paramref name="block"/>, in one vector pass that also notes carriage returns, bytes above
    /// ASCII and double quotes (so that the parse pass need not look for them in a file that has none).
    /// </summary>
    private static int ScanBlock(ReadOnlySpan<byte> block, ref ChunkContent content, out bool quote)
    {
        int lines = 0, i = 0;
        bool returns = false, high = false;
        quote = false;
        if (Vector256.IsHardwareAccelerated && block.Length >= Vector256<byte>.Count)
        {
            ref byte start = ref MemoryMarshal.GetReference(block);
            var lineFeed = Vector256.Create((byte)'\n');
            var carriageReturn = Vector256.Create((byte)'\r');
            var doubleQuote = Vector256.Create((byte)'"');
            Vector256<byte> returnsSeen = default, quotesSeen = default, bytesSeen = default;
            for (; i <= block.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                lines += BitOperations.PopCount(Vector256.Equals(v, lineFeed).ExtractMostSignificantBits());
                returnsSeen |= Vector256.Equals(v, carriageReturn);
                quotesSeen |= Vector256.Equals(v, doubleQuote);
                bytesSeen |= v;
            }
            returns = returnsSeen != Vector256<byte>.Zero;
            quote = quotesSeen != Vector256<byte>.Zero;
            high = (bytesSeen & Vector256.Create((byte)0x80)) != Vector256<byte>.Zero;
        }
        for (; i < block.Length; i++)
        {
            byte b = block[i];
            if (b == '\n') lines++;
            else if (b == '\r') returns = true;
            else if (b == '"') quote = true;
            else if (b >= 0x80) high = true;
        }
        if (returns) content |= ChunkContent.CarriageReturns;
        if (high) content |= ChunkContent.NonAscii;
        return lines;
    }

    /// <summary>What the parse of every chunk shares: column kinds, separator, cell rules and which cell readers apply.</summary>
    private sealed class ParsePlan
    {
        public ParsePlan(FastKind[] kinds, byte delimiter, CellRules cells, bool validateUtf8, int blockBytes, bool vectorCells)
        {
            Kinds = kinds;
            Delimiter = delimiter;
            Cells = cells;
            ValidateUtf8 = validateUtf8;
            BlockBytes = blockBytes;
            // The cell readers below stop at the first byte that cannot continue a number or an integer label; a
            // separator that can (a digit, a sign, an exponent letter) would be read into the cell, so with such
            // a separator every cell is first cut at the separator.
            bool separatorEndsNumbers = !(char.IsAsciiDigit((char)delimiter) || delimiter is (byte)'+' or (byte)'-' or (byte)'e' or (byte)'E');
            ShortNumbers = separatorEndsNumbers && !cells.MissingFirst;
            bool vectorNumbers = vectorCells && ShortNumbers && Ssse3.IsSupported && Sse41.IsSupported;
            Readers = kinds.Select(k => k == FastKind.Numeric
                ? vectorNumbers ? CellReader.VectorNumber : CellReader.Number
                : separatorEndsNumbers ? CellReader.IntegerText : CellReader.Text).ToArray();
        }

        public FastKind[] Kinds { get; }

        public byte Delimiter { get; }

        public CellRules Cells { get; }

        public bool ValidateUtf8 { get; }

        public int BlockBytes { get; }

        /// <summary>Numbers are read where they start, without cutting the cell first (<see cref="TryShortDecimal(ReadOnlySpan{byte}, int, byte, out double, out int)"/>).</summary>
        public bool ShortNumbers { get; }

        /// <summary>How each column's cells are read.</summary>
        public CellReader[] Readers { get; }
    }

    private enum CellReader : byte
    {
        /// <summary>A plain decimal with one 16-byte vector (<see cref="PlainDecimal"/>), anything else by <see cref="OtherNumber"/>.</summary>
        VectorNumber,

        /// <summary>A number by <see cref="OtherNumber"/>.</summary>
        Number,

        /// <summary>A text cell, looked up by value when it is a plain integer (<see cref="ByteInterner.InternInteger"/>), else by its bytes.</summary>
        IntegerText,

        /// <summary>A text cell looked up by its bytes.</summary>
        Text,
    }

    private static void ParseChunk(SafeFileHandle handle, Chunk chunk, ChunkContent content, int firstRow, int endRow, ParsePlan plan,
        double[][] numbers, int[][] codes, ByteInterner[] interners, StopFlag stop)
    {
        var reader = new LineBlockReader(handle, chunk.Start, chunk.End, plan.BlockBytes);
        // Only what the count pass saw needs checking: carriage returns must end lines, and bytes above ASCII be UTF-8.
        bool checkReturns = (content & ChunkContent.CarriageReturns) != 0;
        bool checkUtf8 = plan.ValidateUtf8 && (content & ChunkContent.NonAscii) != 0;
        int row = firstRow;
        while (true)
        {
            if (stop.Value) throw new NotFastPath();
            var block = reader.Next();
            if (block.IsEmpty) break;
            if (checkReturns && !CarriageReturnsEndLines(block)) Fail(stop);
            if (checkUtf8 && !Utf8.IsValid(block)) Fail(stop);
            row = ParseBlock(reader.Padded, block.Length, row, endRow, plan, numbers, codes, interners);
            if (row < 0) Fail(stop);
        }
        if (row != endRow) Fail(stop);
    }

    /// <summary>
    /// The lines of one block into rows <paramref name="row"/> on: the row after the last, or −1 when the file
    /// needs the general reader. <paramref name="padded"/> is the block (its first <paramref name="length"/>
    /// bytes) and the padding after it: the cell readers may look past a cell, never past a line feed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ParseBlock(ReadOnlySpan<byte> padded, int length, int row, int endRow, ParsePlan plan,
        double[][] numbers, int[][] codes, ByteInterner[] interners)
    {
        var readers = plan.Readers;
        int last = readers.Length - 1;
        byte delimiter = plan.Delimiter;
        var mark = Vector128.Create(plan.Cells.Mark);
        var delimiters = Vector128.Create(delimiter);
        var shuffles = DigitShuffles;
        var powers = PowersOfTen;
        int pos = 0;
        while (pos < length)
        {
            if (row >= endRow) return -1;
            for (int j = 0; j < readers.Length; j++)
            {
                int end;
                switch (readers[j])
                {
                    case CellReader.VectorNumber:
                    {
                        int used = PlainDecimal(padded, pos, mark, delimiters, shuffles, powers, out double value, out bool lineEnd);
                        if (used > 0)
                        {
                            numbers[j][row] = value;
                            if (lineEnd != (j == last)) return -1;
                            pos += used + 1;
                            continue;
                        }
                        value = OtherNumber(padded[..length], pos, plan, out int otherEnd);
                        if (otherEnd < 0) return -1;
                        end = otherEnd;
                        numbers[j][row] = value;
                        break;
                    }
                    case CellReader.Number:
                    {
                        double value = OtherNumber(padded[..length], pos, plan, out int otherEnd);
                        if (otherEnd < 0) return -1;
                        end = otherEnd;
                        numbers[j][row] = value;
                        break;
                    }
                    default:
                    {
                        int id;
                        if (readers[j] == CellReader.IntegerText && PlainInteger(padded, pos, delimiter, out int integer, out end))
                            id = interners[j].InternInteger(integer, padded[pos..end], plan.Cells);
                        else
                        {
                            var block = padded[..length];
                            end = FieldEnd(block, pos, delimiter);
                            id = interners[j].Intern(CellBytes(block, pos, end), plan.Cells);
                        }
                        if (id < 0) return -1;
                        codes[j][row] = id;
                        break;
                    }
                }
                // The cell must end at the separator, and the last one at the line end ("\n", "\r\n" or the end of the file).
                bool atLineEnd = true;
                if (end < length)
                {
                    byte next = padded[end];
                    if (next == '\r') end++; // a carriage return is followed by a line feed (checked with the block)
                    else atLineEnd = next == '\n';
                }
                if (atLineEnd != (j == last)) return -1;
                pos = end + 1;
            }
            row++;
        }
        return row;
    }

    /// <summary>
    /// A numeric cell that is not a plain decimal (or on a platform without the vector reader): the short
    /// reader where it applies, else the cell cut at the separator and read by the general rules. Its value,
    /// and where it ends in <paramref name="end"/> (−1 when the cell is not a number or a missing token).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double OtherNumber(ReadOnlySpan<byte> block, int pos, ParsePlan plan, out int end)
    {
        if (plan.ShortNumbers && TryShortDecimal(block, pos, plan.Cells.Mark, out double value, out end)
            && (end == block.Length || IsCellEnd(block[end], plan.Delimiter)))
            return value;
        end = FieldEnd(block, pos, plan.Delimiter);
        if (plan.Cells.TryNumericCell(CellBytes(block, pos, end), out value)) return value;
        end = -1;
        return 0;
    }

    /// <summary>A byte that ends a cell read in place: the separator, a line feed, or the carriage return of "\r\n".</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsCellEnd(byte b, byte delimiter) => b == delimiter || b == '\n' || b == '\r';

    /// <summary>
    /// Shuffle masks for <see cref="PlainDecimal"/>, at [mark position × 16 + length] (mark position = length when
    /// there is none): they move the digits of a number of at most 15 bytes to the end of a 16-byte vector, in
    /// order and without the decimal mark, and clear the bytes in front.
    /// </summary>
    private static readonly Vector128<byte>[] DigitShuffles = BuildDigitShuffles();

    private static Vector128<byte>[] BuildDigitShuffles()
    {
        var table = new Vector128<byte>[256];
        Span<byte> mask = stackalloc byte[16];
        for (int dot = 0; dot < 16; dot++)
        {
            for (int length = dot; length < 16; length++)
            {
                int digits = dot < length ? length - 1 : length;
                for (int k = 0; k < 16; k++)
                {
                    int s = k - (16 - digits); // which digit of the number lands at byte k
                    mask[k] = s < 0 ? (byte)0x80 : (byte)(s < dot ? s : s + 1);
                }
                table[dot * 16 + length] = Vector128.Create((ReadOnlySpan<byte>)mask);
            }
        }
        return table;
    }

    /// <summary>
    /// A plain decimal cell at <paramref name="pos"/>: [-] digits [mark digits] and then the separator or the line
    /// end, at most 15 bytes, so at most 15 digits: the mantissa is below 10^15 &lt; 2^53 and the power of ten
    /// at most 10^14, both exact, and one division gives the correctly rounded double (Clinger 1990), the value
    /// any correct parser gives. The 16 bytes from the cell start are classified at once, the end of the cell
    /// found first (so that the next cell's start does not wait for the number), and the digits converted with
    /// multiply-adds (Lemire's eight-digit method, two lanes). Returns the bytes up to the separator or line
    /// feed that ends the cell (the cell and a "\r" of "\r\n"), or 0 when the cell is not of this form (e.g. an
    /// exponent, a "+", a missing token); <paramref name="lineEnd"/> tells a line end from a separator.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PlainDecimal(ReadOnlySpan<byte> padded, int pos, Vector128<byte> mark, Vector128<byte> delimiter,
        Vector128<byte>[] shuffles, double[] powers, out double value, out bool lineEnd)
    {
        // padded holds at least LineBlockReader.Padding bytes after any cell start, so the load stays inside it.
        var bytes = Vector128.LoadUnsafe(ref Unsafe.Add(ref MemoryMarshal.GetReference(padded), pos));
        uint feeds = Vector128.Equals(bytes, Vector128.Create((byte)'\n')).ExtractMostSignificantBits();
        uint returns = Vector128.Equals(bytes, Vector128.Create((byte)'\r')).ExtractMostSignificantBits();
        uint separators = Vector128.Equals(bytes, delimiter).ExtractMostSignificantBits();
        int length = BitOperations.TrailingZeroCount(separators | feeds | returns | 0x10000u);
        var minus = Vector128.Equals(bytes, Vector128.Create((byte)'-'));
        var digits = bytes - Vector128.Create((byte)'0');
        uint digitBits = Vector128.LessThan(digits, Vector128.Create((byte)10)).ExtractMostSignificantBits();
        uint markBits = Vector128.Equals(bytes, mark).ExtractMostSignificantBits();
        int sign = (int)(minus.ExtractMostSignificantBits() & 1);
        uint body = ((1u << length) - 1) & ~(uint)sign;
        uint marks = markBits & body;
        // At most 15 bytes; after the sign only digits and one mark at most; a digit first and last.
        if (length > 15 || ((digitBits | markBits) & body) != body || ((digitBits >> sign) & (digitBits >> (length - 1)) & 1) == 0
            || (marks & (marks - 1)) != 0)
        {
            value = 0;
            lineEnd = false;
            return 0;
        }
        // The sign's byte counts as a leading zero digit.
        digits = Vector128.AndNot(digits, minus);
        int dot = BitOperations.TrailingZeroCount(marks | (1u << length)); // the mark, or the length when there is none
        var ordered = Ssse3.Shuffle(digits, shuffles[dot * 16 + length]);
        var pairs = Ssse3.MultiplyAddAdjacent(ordered, Vector128.Create((sbyte)10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1));
        var quads = Sse2.MultiplyAddAdjacent(pairs, Vector128.Create((short)100, 1, 100, 1, 100, 1, 100, 1));
        var eights = Sse2.MultiplyAddAdjacent(Sse41.PackUnsignedSaturate(quads, quads).AsInt16(), Vector128.Create((short)10000, 1, 10000, 1, 10000, 1, 10000, 1));
        // The two eight-digit halves as doubles (exact), joined exactly: the high half has at most seven digits,
        // so high × 10^8 + low stays below 10^15.
        var halves = Sse2.ConvertToVector128Double(eights);
        double mantissa = halves.GetElement(0) * 1e8 + halves.GetElement(1);
        // Digits after the mark: all digit positions (length less the mark) less those before it.
        double magnitude = mantissa / powers[length - BitOperations.PopCount(marks) - dot];
        value = sign != 0 ? -magnitude : magnitude;
        lineEnd = (((feeds | returns) >> length) & 1) != 0;
        return length + (int)((returns >> length) & 1); // a carriage return is followed by a line feed (checked with the block)
    }

    /// <summary>
    /// A text cell that is a plain non-negative integer of at most seven digits without leading zeros ("0",
    /// "17", "2008"), followed by the end of the cell: its value and where it ends. Such a cell has exactly one
    /// spelling per value, so it can be looked up by value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool PlainInteger(ReadOnlySpan<byte> padded, int pos, byte delimiter, out int value, out int end)
    {
        int digits = EightDigits(padded, pos, out ulong v);
        value = (int)v;
        end = pos + digits;
        return digits is > 0 and < 8 && (digits == 1 || padded[pos] != '0') && IsCellEnd(padded[end], delimiter);
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
        int whole = Digits(s, ref i, ref mantissa, ref significant);
        if (whole < 0) return false;
        digits += whole;
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
            int rest = Digits(s, ref i, ref mantissa, ref significant);
            if (rest < 0) return false;
            exponent -= rest;
            fraction += rest;
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

    /// <summary>
    /// Appends the digits from <paramref name="i"/> to the mantissa one at a time (leading zeros are not significant) and
    /// returns how many were read, or −1 once more than 19 significant digits would not fit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digits(ReadOnlySpan<byte> s, ref int i, ref ulong mantissa, ref int significant)
    {
        int start = i;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) break;
            if (mantissa != 0 || d != 0)
            {
                if (++significant > 19) return -1;
                mantissa = mantissa * 10 + d;
            }
        }
        return i - start;
    }

    private static readonly ulong[] PowersOfTenInteger = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    /// <summary>
    /// How many of the (at most eight) bytes from <paramref name="start"/> are ASCII digits before the first other
    /// byte, and their decimal value (SWAR: one 8-byte load; the lowest flagged byte is the first non-digit because
    /// digit bytes neither carry nor borrow into the bytes above them). 0 when fewer than eight bytes remain.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
    /// Plain integer cells (<see cref="PlainInteger"/>) are also found by value in a table over a range of
    /// values, so that a numeric id or year costs one load; the table only records ids the byte table gave, so
    /// a label has one id whichever way it is looked up.
    /// </summary>
    private sealed class ByteInterner(bool isKey, bool forced, int rows)
    {
        private byte[] _arena = new byte[1 << 12];
        private int _used;
        private int[] _start = new int[64];
        private int[] _length = new int[64];
        private int[] _slots = NewSlots(256);
        private int _last = -1;

        // Id + 1 of the integer value _denseLow + i (0: not seen yet). The range grows (doubling) while it stays
        // within max(4096, rows) values; after a value beyond that, the range is fixed and values outside it
        // are kept in _outside.
        private readonly long _denseLimit = Math.Max(4096, rows);
        private int[] _dense = [];
        private int _denseLow;
        private Dictionary<int, int>? _outside;

        public List<string> Labels { get; } = [];

        /// <summary>The chunk-local id of a plain integer cell <paramref name="cell"/> of value <paramref name="value"/>; −1 as <see cref="Intern"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int InternInteger(int value, ReadOnlySpan<byte> cell, CellRules rules)
        {
            uint slot = (uint)(value - _denseLow);
            if (slot < (uint)_dense.Length)
            {
                int id = _dense[slot] - 1;
                if (id >= 0) return id;
            }
            return InternIntegerFirstTime(value, cell, rules);
        }

        private int InternIntegerFirstTime(int value, ReadOnlySpan<byte> cell, CellRules rules)
        {
            if (_outside is null && (uint)(value - _denseLow) >= (uint)_dense.Length && !GrowDense(value))
                _outside = [];
            if (_outside is not null && _outside.TryGetValue(value, out int known)) return known;
            int id = Intern(cell, rules);
            if (id < 0) return id;
            uint slot = (uint)(value - _denseLow);
            if (slot < (uint)_dense.Length) _dense[slot] = id + 1;
            else _outside!.Add(value, id);
            return id;
        }

        /// <summary>Widens the value range to cover <paramref name="value"/>; false when it would exceed the limit.</summary>
        private bool GrowDense(int value)
        {
            long high = _dense.Length == 0 ? value + 1L : Math.Max(_denseLow + (long)_dense.Length, value + 1L);
            long low = _dense.Length == 0 ? value : Math.Min(_denseLow, value);
            long span = high - low;
            if (span > _denseLimit) return false;
            long size = Math.Min(_denseLimit, Math.Max(64, 2 * span));
            // Room on the side the values came from (values are never negative).
            long start = _dense.Length > 0 && value < _denseLow ? Math.Max(0, high - size) : low;
            var table = new int[size];
            if (_dense.Length > 0) _dense.CopyTo(table, (int)(_denseLow - start));
            _dense = table;
            _denseLow = (int)start;
            return true;
        }

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
    private sealed class LineBlockReader(SafeFileHandle handle, long start, long end, int blockBytes)
    {
        /// <summary>Bytes kept after every block in the buffer, so that a cell reader may load 16 bytes at any cell start.</summary>
        private const int Padding = 64;

        private byte[] _buffer = new byte[blockBytes + Padding];
        private long _position = start;
        private int _filled;
        private int _consumed;

        /// <summary>
        /// The block last returned by <see cref="Next"/> and the padding after it, whose first byte is a line
        /// feed when the block does not end with one (the end of the file), so that a cell read in place ends there.
        /// </summary>
        public ReadOnlySpan<byte> Padded => _buffer.AsSpan(0, _consumed + Padding);

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
                int room = _buffer.Length - Padding - _filled;
                if (_position < end && room > 0)
                {
                    int got = RandomAccess.Read(handle, _buffer.AsSpan(_filled, (int)Math.Min(room, end - _position)), _position);
                    if (got <= 0) throw new NotFastPath();
                    _position += got;
                    _filled += got;
                }
                bool atEnd = _position >= end;
                int cut = atEnd ? _filled : _buffer.AsSpan(0, _filled).LastIndexOf((byte)'\n') + 1;
                if (cut > 0)
                {
                    _consumed = cut;
                    if (cut == _filled) _buffer[cut] = (byte)'\n';
                    return _buffer.AsSpan(0, cut);
                }
                if (atEnd) return default;
                if (room == 0) Array.Resize(ref _buffer, (_buffer.Length - Padding) * 2 + Padding);
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
