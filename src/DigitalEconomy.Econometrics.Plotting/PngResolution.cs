using System.Buffers.Binary;

namespace DigitalEconomy.Econometrics.Plotting;

/// <summary>
/// Records a PNG's resolution in its <c>pHYs</c> chunk (PNG specification, ISO/IEC 15948 §11.3.5.3), so Word, LaTeX and
/// image viewers place a 300-DPI figure at its intended physical size instead of assuming 72 or 96 DPI.
/// </summary>
internal static class PngResolution
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Rewrites the PNG at <paramref name="path"/> with a pHYs chunk of <paramref name="dpi"/> (replacing any present).</summary>
    public static void Write(string path, int dpi)
    {
        var png = File.ReadAllBytes(path);
        const int signature = 8;
        // IHDR is always the first chunk: 4 length + 4 type + 13 data + 4 CRC.
        int afterHeader = signature + 25;
        if (png.Length < afterHeader || png[12] != 'I' || png[13] != 'H' || png[14] != 'D' || png[15] != 'R') return;
        using var output = new MemoryStream(png.Length + 21);
        output.Write(png, 0, afterHeader);
        output.Write(Chunk(dpi));
        int pos = afterHeader;
        while (pos + 12 <= png.Length)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            int total = 12 + length;
            if (pos + total > png.Length) break;
            bool phys = png[pos + 4] == 'p' && png[pos + 5] == 'H' && png[pos + 6] == 'Y' && png[pos + 7] == 's';
            if (!phys) output.Write(png, pos, total);
            pos += total;
        }
        File.WriteAllBytes(path, output.ToArray());
    }

    private static byte[] Chunk(int dpi)
    {
        // Pixels per metre, unit specifier 1 (metre).
        uint perMetre = (uint)Math.Round(dpi / 0.0254);
        var chunk = new byte[21];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, 9);
        "pHYs"u8.CopyTo(chunk.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8), perMetre);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(12), perMetre);
        chunk[16] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(17), Crc(chunk.AsSpan(4, 13)));
        return chunk;
    }

    // CRC-32 of the PNG specification (ISO 3309 polynomial, reflected), over chunk type and data.
    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        uint c = 0xFFFFFFFF;
        foreach (var b in bytes) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFF;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
