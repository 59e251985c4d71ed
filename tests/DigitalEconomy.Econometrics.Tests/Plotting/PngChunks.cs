using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Plotting;

/// <summary>Reads a PNG's chunks (PNG specification §5.3) and checks each CRC with a bitwise CRC-32 written here.</summary>
public static class PngChunks
{
    /// <summary>Chunk type → data, in file order (the first of each type); throws on a bad signature or CRC.</summary>
    public static Dictionary<string, byte[]> Read(string path)
    {
        var png = File.ReadAllBytes(path);
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (!png.AsSpan(0, 8).SequenceEqual(signature)) throw new InvalidDataException($"{path} is not a PNG");
        var chunks = new Dictionary<string, byte[]>();
        int pos = 8;
        while (pos + 12 <= png.Length)
        {
            int length = (int)U32(png, pos);
            var type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            if (Crc(png.AsSpan(pos + 4, 4 + length)) != U32(png, pos + 8 + length)) throw new InvalidDataException($"{path}: bad CRC in {type}");
            chunks.TryAdd(type, png.AsSpan(pos + 8, length).ToArray());
            pos += 12 + length;
        }
        return chunks;
    }

    /// <summary>Width and height from IHDR.</summary>
    public static (int Width, int Height) Size(string path)
    {
        var ihdr = Read(path)["IHDR"];
        return ((int)U32(ihdr, 0), (int)U32(ihdr, 4));
    }

    /// <summary>Dots per inch from pHYs (unit metre), or null when the chunk is absent.</summary>
    public static double? Dpi(string path)
    {
        if (!Read(path).TryGetValue("pHYs", out var phys)) return null;
        if (phys[8] != 1) throw new InvalidDataException("pHYs unit is not the metre");
        U32(phys, 4).Should().Be(U32(phys, 0), "square pixels");
        return U32(phys, 0) * 0.0254;
    }

    private static uint U32(byte[] b, int o) => ((uint)b[o] << 24) | ((uint)b[o + 1] << 16) | ((uint)b[o + 2] << 8) | b[o + 3];

    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        uint c = 0xFFFFFFFF;
        foreach (var b in bytes)
        {
            c ^= b;
            for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320 & (uint)-(int)(c & 1));
        }
        return ~c;
    }
}
