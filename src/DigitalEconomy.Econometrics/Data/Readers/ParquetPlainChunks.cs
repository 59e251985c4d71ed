using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Parquet.Meta;

namespace DigitalEconomy.Econometrics.Data.Readers;

/// <summary>
/// Decodes the column chunks that numeric panel files are made of — flat, PLAIN-encoded DOUBLE, FLOAT, INT32 or
/// INT64 columns, required or optional, uncompressed or compressed with Snappy, Gzip, Zstd or LZ4, in data pages
/// of format 1 — straight from the file into their rows of the final array. Parquet.Net decodes a page into
/// a pooled buffer and copies it out, and Snappy pages go through a fresh copy of the compressed bytes first; here
/// an uncompressed required page is read from the file into the destination array with one positional read, and
/// a compressed one is decompressed into it from a reused buffer, so the column's bytes are touched once.
/// Any other chunk (a dictionary page, a format-2 page, another encoding or codec) is declined: <see cref="TryRead"/>
/// returns false and the caller reads the chunk through Parquet.Net, which handles every layout.
/// </summary>
/// <remarks>
/// Layout as in the Apache Parquet format specification: a page is a Thrift compact-protocol <c>PageHeader</c>
/// followed by its payload; a format-1 data page compresses [definition levels (4-byte length, RLE/bit-packed
/// hybrid), for optional columns] [values] together. PLAIN values are little-endian fixed-width numbers.
/// </remarks>
internal static class ParquetPlainChunks
{
    private const int DataPage = 0, DictionaryPage = 2, DataPageV2 = 3;
    private const int Plain = 0, Rle = 3;

    /// <summary>Buffers one reading thread reuses from chunk to chunk (compressed bytes, a decompressed page, levels).</summary>
    internal sealed class Scratch
    {
        private byte[] _compressed = [], _page = [], _levels = [], _header = [];

        /// <summary>The compressed bytes of a page; <see cref="CompressedArray"/> is the array behind them.</summary>
        public Span<byte> Compressed(int length) => Grow(ref _compressed, length).AsSpan(0, length);

        public byte[] CompressedArray => _compressed;

        public Span<byte> Header(int length) => Grow(ref _header, length).AsSpan(0, length);

        public Span<byte> Page(int length) => Grow(ref _page, length).AsSpan(0, length);

        public Span<byte> Levels(int length) => Grow(ref _levels, length).AsSpan(0, length);

        private static byte[] Grow(ref byte[] buffer, int length)
        {
            if (buffer.Length < length) buffer = GC.AllocateUninitializedArray<byte>(Math.Max(length, buffer.Length * 2));
            return buffer;
        }
    }

    /// <summary>True when the chunk's metadata allow this decoder (it may still decline at a page it cannot read).</summary>
    /// <param name="chunk">Column chunk metadata.</param>
    /// <param name="clrType">The column's type as Parquet.Net maps it (logical types such as dates or decimals map to other types).</param>
    public static bool Supports(ColumnMetaData chunk, System.Type clrType)
    {
        if (!BitConverter.IsLittleEndian) return false;
        bool typeFits = chunk.Type switch
        {
            Parquet.Meta.Type.DOUBLE => clrType == typeof(double),
            Parquet.Meta.Type.FLOAT => clrType == typeof(float),
            Parquet.Meta.Type.INT32 => clrType == typeof(int) || clrType == typeof(short) || clrType == typeof(sbyte),
            Parquet.Meta.Type.INT64 => clrType == typeof(long),
            _ => false,
        };
        if (!typeFits) return false;
        if (chunk.Codec is not (CompressionCodec.UNCOMPRESSED or CompressionCodec.SNAPPY or CompressionCodec.GZIP
            or CompressionCodec.ZSTD or CompressionCodec.LZ4_RAW)) return false;
        foreach (var e in chunk.Encodings)
            if (e is not (Encoding.PLAIN or Encoding.RLE or Encoding.BIT_PACKED)) return false;
        return chunk.DictionaryPageOffset is not > 0;
    }

    /// <summary>Reads a chunk of numbers into <paramref name="target"/>[offset..offset+count] (missing values NaN).</summary>
    /// <returns>False when a page is of a kind this decoder does not read (then nothing useful was written).</returns>
    public static bool TryRead(SafeFileHandle file, ColumnMetaData chunk, bool optional, double[] target, int offset, int count, Scratch scratch) =>
        Decode(file, chunk, optional, MemoryMarshal.AsBytes(target.AsSpan(offset, count)), sizeof(double), count, scratch, Store.Doubles);

    /// <summary>Reads a required INT32 chunk into <paramref name="target"/>[offset..offset+count] as integers.</summary>
    public static bool TryReadIntegers(SafeFileHandle file, ColumnMetaData chunk, int[] target, int offset, int count, Scratch scratch) =>
        chunk.Type == Parquet.Meta.Type.INT32 &&
        Decode(file, chunk, false, MemoryMarshal.AsBytes(target.AsSpan(offset, count)), sizeof(int), count, scratch, Store.Integers);

    private enum Store { Doubles, Integers }

    private static bool Decode(SafeFileHandle file, ColumnMetaData chunk, bool optional, Span<byte> target, int targetWidth, int count, Scratch scratch, Store store)
    {
        int width = chunk.Type switch
        {
            Parquet.Meta.Type.DOUBLE or Parquet.Meta.Type.INT64 => 8,
            _ => 4,
        };
        // Values already in the destination's representation are read or decompressed in place.
        bool direct = !optional && (store == Store.Integers || chunk.Type == Parquet.Meta.Type.DOUBLE);
        long position = chunk.DataPageOffset;
        long end = position + chunk.TotalCompressedSize;
        int done = 0;
        while (done < count)
        {
            if (position >= end) throw new InvalidDataException($"column '{string.Join('.', chunk.PathInSchema)}' ends after {done:N0} of its {count:N0} rows.");
            var header = ReadHeader(file, position, end, scratch);
            if (header is null) return false;
            var h = header.Value;
            long payload = position + h.HeaderLength;
            position = payload + h.CompressedSize;
            if (h.Type == DictionaryPage) return false;
            // Format-2 pages (levels stored apart from the values) are left to Parquet.Net.
            if (h.Type == DataPageV2) return false;
            if (h.Type != DataPage) continue; // index pages carry no values
            if (h.Encoding != Plain) return false;
            int rows = h.NumValues;
            if (rows < 0 || rows > count - done) throw new InvalidDataException($"column '{string.Join('.', chunk.PathInSchema)}' has more values than its row group has rows.");
            var destination = target.Slice(done * targetWidth, rows * targetWidth);
            bool compressed = chunk.Codec != CompressionCodec.UNCOMPRESSED;
            if (optional && h.DefinitionEncoding != Rle) return false;
            if (direct)
            {
                if (!compressed)
                {
                    if (h.CompressedSize != destination.Length) throw Corrupt(chunk, "its page size does not match its values");
                    ReadExactly(file, destination, payload);
                }
                else
                    Decompress(chunk.Codec, file, payload, h.CompressedSize, destination, scratch);
                done += rows;
                continue;
            }
            var page = compressed ? scratch.Page(h.UncompressedSize) : scratch.Compressed(h.CompressedSize);
            if (compressed) Decompress(chunk.Codec, file, payload, h.CompressedSize, page, scratch);
            else ReadExactly(file, page, payload);
            if (optional)
            {
                if (page.Length < 4) throw Corrupt(chunk, "a page is too short");
                int length = BinaryPrimitives.ReadInt32LittleEndian(page);
                if (length < 0 || length > page.Length - 4) throw Corrupt(chunk, "its definition levels overrun the page");
                var defined = scratch.Levels(rows);
                DecodeLevels(page.Slice(4, length), defined, chunk);
                Scatter(chunk, page[(4 + length)..], width, defined, destination);
            }
            else
            {
                if (page.Length < rows * width) throw Corrupt(chunk, "a page holds fewer values than it declares");
                Convert(chunk.Type, page[..(rows * width)], destination, store);
            }
            done += rows;
        }
        return true;
    }

    private static InvalidDataException Corrupt(ColumnMetaData chunk, string what) =>
        new($"column '{string.Join('.', chunk.PathInSchema)}': {what}.");

    /// <summary>Required values of another width or type into doubles (or INT32 into integers, a plain copy).</summary>
    private static void Convert(Parquet.Meta.Type type, ReadOnlySpan<byte> values, Span<byte> destination, Store store)
    {
        if (store == Store.Integers || type == Parquet.Meta.Type.DOUBLE)
        {
            values.CopyTo(destination);
            return;
        }
        var d = MemoryMarshal.Cast<byte, double>(destination);
        switch (type)
        {
            case Parquet.Meta.Type.FLOAT:
                var f = MemoryMarshal.Cast<byte, float>(values);
                for (int i = 0; i < d.Length; i++) d[i] = f[i];
                break;
            case Parquet.Meta.Type.INT32:
                var i32 = MemoryMarshal.Cast<byte, int>(values);
                for (int i = 0; i < d.Length; i++) d[i] = i32[i];
                break;
            default:
                var i64 = MemoryMarshal.Cast<byte, long>(values);
                for (int i = 0; i < d.Length; i++) d[i] = i64[i];
                break;
        }
    }

    /// <summary>Optional values: the defined ones are packed in order; every undefined row becomes NaN.</summary>
    private static void Scatter(ColumnMetaData chunk, ReadOnlySpan<byte> values, int width, ReadOnlySpan<byte> defined, Span<byte> destination)
    {
        var d = MemoryMarshal.Cast<byte, double>(destination);
        int present = defined.Length - defined.Count((byte)0);
        if (values.Length < present * width) throw Corrupt(chunk, "a page holds fewer values than its definition levels say");
        int k = 0;
        switch (chunk.Type)
        {
            case Parquet.Meta.Type.DOUBLE:
                var f64 = MemoryMarshal.Cast<byte, double>(values);
                for (int i = 0; i < d.Length; i++) d[i] = defined[i] != 0 ? f64[k++] : double.NaN;
                break;
            case Parquet.Meta.Type.FLOAT:
                var f32 = MemoryMarshal.Cast<byte, float>(values);
                for (int i = 0; i < d.Length; i++) d[i] = defined[i] != 0 ? f32[k++] : double.NaN;
                break;
            case Parquet.Meta.Type.INT32:
                var i32 = MemoryMarshal.Cast<byte, int>(values);
                for (int i = 0; i < d.Length; i++) d[i] = defined[i] != 0 ? i32[k++] : double.NaN;
                break;
            default:
                var i64 = MemoryMarshal.Cast<byte, long>(values);
                for (int i = 0; i < d.Length; i++) d[i] = defined[i] != 0 ? i64[k++] : double.NaN;
                break;
        }
    }

    /// <summary>
    /// Definition levels of a flat optional column (maximum level 1, bit width 1) from the RLE/bit-packed hybrid:
    /// runs whose header's low bit is 0 repeat one value (header ≫ 1) times, those with 1 hold (header ≫ 1) groups
    /// of eight bit-packed values, least significant bit first.
    /// </summary>
    private static void DecodeLevels(ReadOnlySpan<byte> data, Span<byte> levels, ColumnMetaData chunk)
    {
        int pos = 0, done = 0;
        while (done < levels.Length)
        {
            if (pos >= data.Length) throw Corrupt(chunk, "its definition levels end early");
            ulong header = ReadVarint(data, ref pos);
            if ((header & 1) == 0)
            {
                long run = (long)(header >> 1);
                if (pos >= data.Length) throw Corrupt(chunk, "its definition levels end early");
                byte value = data[pos++];
                if (value > 1) throw Corrupt(chunk, "a definition level exceeds 1");
                int take = (int)Math.Min(run, levels.Length - done);
                levels.Slice(done, take).Fill(value);
                done += take;
            }
            else
            {
                long groups = (long)(header >> 1);
                if (groups > data.Length - pos) throw Corrupt(chunk, "its definition levels end early");
                for (long g = 0; g < groups && done < levels.Length; g++)
                {
                    byte bits = data[pos++];
                    for (int b = 0; b < 8 && done < levels.Length; b++) levels[done++] = (byte)((bits >> b) & 1);
                }
                // Groups past the last value are padding.
                if (done >= levels.Length) break;
            }
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int pos)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (pos >= data.Length) throw new InvalidDataException("a variable-length integer runs past its data.");
            byte b = data[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException("a variable-length integer is longer than ten bytes.");
    }

    private static void ReadExactly(SafeFileHandle file, Span<byte> destination, long offset)
    {
        while (!destination.IsEmpty)
        {
            int n = RandomAccess.Read(file, destination, offset);
            if (n <= 0) throw new EndOfStreamException("the file ends inside a column.");
            destination = destination[n..];
            offset += n;
        }
    }

    private static void Decompress(CompressionCodec codec, SafeFileHandle file, long offset, int length, Span<byte> destination, Scratch scratch)
    {
        ReadExactly(file, scratch.Compressed(length), offset);
        Decompress(codec, new ArraySegment<byte>(scratch.CompressedArray, 0, length), destination);
    }

    private static void Decompress(CompressionCodec codec, ArraySegment<byte> source, Span<byte> destination)
    {
        int written;
        switch (codec)
        {
            case CompressionCodec.SNAPPY:
                written = Snappier.Snappy.Decompress(source, destination);
                break;
            case CompressionCodec.ZSTD:
                using (var zstd = new ZstdSharp.Decompressor()) written = zstd.Unwrap(source, destination);
                break;
            case CompressionCodec.LZ4_RAW:
                written = K4os.Compression.LZ4.LZ4Codec.Decode(source, destination);
                break;
            case CompressionCodec.GZIP:
                using (var gzip = new GZipStream(new MemoryStream(source.Array!, source.Offset, source.Count, writable: false), CompressionMode.Decompress))
                    written = gzip.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
                break;
            default:
                throw new InvalidDataException($"compression {codec} is not handled here.");
        }
        if (written != destination.Length) throw new InvalidDataException($"a {codec} page decompresses to {written:N0} bytes, not the {destination.Length:N0} its header gives.");
    }

    /// <summary>What this decoder needs from a Thrift compact-protocol <c>PageHeader</c>.</summary>
    private struct PageHeaderFields
    {
        public int HeaderLength, Type, UncompressedSize, CompressedSize, NumValues, Encoding, DefinitionEncoding;
    }

    /// <summary>The page header at <paramref name="position"/>, or null when it cannot be parsed from a reasonable prefix.</summary>
    private static PageHeaderFields? ReadHeader(SafeFileHandle file, long position, long end, Scratch scratch)
    {
        // Headers of numeric pages are tens of bytes (statistics hold two 8-byte values); read a prefix and grow it
        // only if a header is longer.
        for (int prefix = 256; prefix <= 1 << 20; prefix *= 8)
        {
            int length = (int)Math.Min(prefix, end - position);
            var buffer = scratch.Header(length);
            int read = RandomAccess.Read(file, buffer, position);
            var reader = new CompactReader(buffer[..read]);
            var fields = new PageHeaderFields { Encoding = -1, DefinitionEncoding = Rle };
            reader.ReadPageHeader(ref fields);
            if (!reader.Overrun)
            {
                fields.HeaderLength = reader.Position;
                if (fields.CompressedSize < 0 || fields.UncompressedSize < 0 || fields.CompressedSize > end - position - fields.HeaderLength)
                    throw new InvalidDataException("a page header gives a size outside its column chunk.");
                return fields;
            }
            if (read < length || length == end - position) throw new InvalidDataException("a page header runs past its column chunk.");
        }
        return null;
    }

    /// <summary>A reader of the Thrift compact protocol over a byte prefix; reading past it sets <see cref="Overrun"/>.</summary>
    private ref struct CompactReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _pos;

        public bool Overrun { get; private set; }

        public readonly int Position => _pos;

        private byte Byte()
        {
            if (_pos >= _data.Length) { Overrun = true; return 0; }
            return _data[_pos++];
        }

        private ulong Varint()
        {
            ulong value = 0;
            for (int shift = 0; shift < 64 && !Overrun; shift += 7)
            {
                byte b = Byte();
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return value;
            }
            if (!Overrun) throw new InvalidDataException("a page header holds a malformed integer.");
            return 0;
        }

        private int I32()
        {
            ulong v = Varint();
            return (int)((uint)(v >> 1) ^ (uint)-(int)(v & 1)); // zigzag
        }

        /// <summary>The next field's (id, type), or type 0 at the end of a struct.</summary>
        private (int Id, int Type) Field(int last)
        {
            byte b = Byte();
            int type = b & 0x0F;
            if (type == 0) return (0, 0);
            int delta = b >> 4;
            return (delta != 0 ? last + delta : (short)I32(), type);
        }

        private void Skip(int type)
        {
            if (Overrun) return;
            switch (type)
            {
                case 1: case 2: break; // boolean in a field header
                case 3: Byte(); break;
                case 4: case 5: case 6: Varint(); break;
                case 7: Advance(8); break;
                case 8: Advance((long)Varint()); break;
                case 9:
                case 10:
                {
                    byte b = Byte();
                    long size = b >> 4;
                    if (size == 15) size = (long)Varint();
                    int element = b & 0x0F;
                    for (long i = 0; i < size && !Overrun; i++) SkipElement(element);
                    break;
                }
                case 11:
                {
                    long size = (long)Varint();
                    if (size == 0) break;
                    byte kv = Byte();
                    for (long i = 0; i < size && !Overrun; i++) { SkipElement(kv >> 4); SkipElement(kv & 0x0F); }
                    break;
                }
                case 12: SkipStruct(); break;
                default: throw new InvalidDataException($"a page header holds an unknown Thrift type {type}.");
            }
        }

        private void SkipElement(int type)
        {
            if (type is 1 or 2) Byte(); // booleans in containers take a byte each
            else Skip(type);
        }

        private void Advance(long count)
        {
            if (count > _data.Length - _pos) { Overrun = true; _pos = _data.Length; }
            else _pos += (int)count;
        }

        private void SkipStruct()
        {
            int last = 0;
            while (!Overrun)
            {
                var (id, type) = Field(last);
                if (type == 0) return;
                Skip(type);
                last = id;
            }
        }

        public void ReadPageHeader(ref PageHeaderFields h)
        {
            int last = 0;
            while (!Overrun)
            {
                var (id, type) = Field(last);
                if (type == 0) return;
                switch (id)
                {
                    case 1 when type == 5: h.Type = I32(); break;
                    case 2 when type == 5: h.UncompressedSize = I32(); break;
                    case 3 when type == 5: h.CompressedSize = I32(); break;
                    case 5 when type == 12: DataPageHeader(ref h); break;
                    default: Skip(type); break;
                }
                last = id;
            }
        }

        private void DataPageHeader(ref PageHeaderFields h)
        {
            int last = 0;
            while (!Overrun)
            {
                var (id, type) = Field(last);
                if (type == 0) return;
                switch (id)
                {
                    case 1 when type == 5: h.NumValues = I32(); break;
                    case 2 when type == 5: h.Encoding = I32(); break;
                    case 3 when type == 5: h.DefinitionEncoding = I32(); break;
                    default: Skip(type); break;
                }
                last = id;
            }
        }
    }
}
