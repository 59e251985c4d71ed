namespace DigitalEconomy.Econometrics.Data.Readers;

/// <summary>The file formats <see cref="PanelReader"/> recognises.</summary>
internal enum DataFileFormat
{
    Csv,
    Xlsx,
    LegacyExcel,
    Stata,
    LegacyStata,
    Parquet,
}

/// <summary>Recognises a data file's format from its first bytes (magic numbers), then its extension.</summary>
internal static class FileFormat
{
    public static DataFileFormat Detect(string path)
    {
        var header = ReadStart(path, 16, out _);
        if (header.Length >= 4 && header[0] == (byte)'P' && header[1] == (byte)'K' && header[2] == 3 && header[3] == 4) return DataFileFormat.Xlsx;
        if (header.Length >= 8 && header[0] == 0xD0 && header[1] == 0xCF && header[2] == 0x11 && header[3] == 0xE0) return DataFileFormat.LegacyExcel;
        if (header.Length >= 4 && header[0] == (byte)'P' && header[1] == (byte)'A' && header[2] == (byte)'R' && header[3] == (byte)'1') return DataFileFormat.Parquet;
        if (header.Length >= 11 && System.Text.Encoding.ASCII.GetString(header, 0, 11) == "<stata_dta>") return DataFileFormat.Stata;
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext == ".dta")
            return header.Length >= 2 && header[0] is >= 102 and <= 115 && header[1] is 1 or 2 ? DataFileFormat.LegacyStata : DataFileFormat.Stata;
        return ext switch
        {
            ".xlsx" or ".xlsm" => DataFileFormat.Xlsx,
            ".xls" => DataFileFormat.LegacyExcel,
            ".parquet" => DataFileFormat.Parquet,
            _ => DataFileFormat.Csv,
        };
    }

    public static string Describe(DataFileFormat format) => format switch
    {
        DataFileFormat.Xlsx => "Excel .xlsx",
        DataFileFormat.LegacyExcel => "Excel 97–2003 .xls",
        DataFileFormat.Stata => "Stata .dta",
        DataFileFormat.LegacyStata => "Stata .dta before format 117 (Stata 12 or older)",
        DataFileFormat.Parquet => "Parquet",
        _ => "CSV",
    };

    /// <summary>
    /// Opens a data file read-only (shared, never written) with one-line messages for the usual problems:
    /// not found, a directory, no permission.
    /// </summary>
    public static FileStream Open(string path)
    {
        if (Directory.Exists(path))
            throw new EconometricsException($"{path} is a directory; expected a data file (CSV, .xlsx, .dta or .parquet).");
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new EconometricsException($"{path}: file not found.");
        }
        catch (UnauthorizedAccessException)
        {
            throw new EconometricsException($"{path}: permission denied; the file cannot be read.");
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ArgumentException)
        {
            throw new EconometricsException($"{path}: cannot open the file ({e.Message}).");
        }
    }

    /// <summary>The first <paramref name="count"/> bytes of the file (fewer for a short file).</summary>
    public static byte[] ReadStart(string path, int count, out long length)
    {
        using var stream = Open(path);
        length = stream.Length;
        var buffer = new byte[(int)Math.Min(count, length)];
        int read = 0;
        while (read < buffer.Length)
        {
            int n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0) break;
            read += n;
        }
        return read == buffer.Length ? buffer : buffer[..read];
    }
}
