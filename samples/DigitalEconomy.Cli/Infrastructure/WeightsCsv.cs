using System.Globalization;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Dynamics;

namespace DigitalEconomy.Cli.Infrastructure;

/// <summary>
/// Reads spatial weights given as a long list, a CSV with a header naming columns <c>i</c>, <c>j</c> and <c>w</c>
/// (entity keys of the unit and its neighbour, and the weight), one pair per line.
/// </summary>
internal static class WeightsCsv
{
    public static IReadOnlyList<SpatialWeightEntry> Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EconometricsException($"Cannot read the weights file {path}: {e.Message}", e);
        }
        var name = Path.GetFileName(path);
        if (lines.Length == 0) throw new DataFormatException(name, 0, null, "the weights file is empty; expected a header i,j,w and one line per pair.");
        var header = lines[0].Split(',', StringSplitOptions.TrimEntries).Select(h => h.Trim('"')).ToArray();
        int ci = Array.IndexOf(header, "i"), cj = Array.IndexOf(header, "j"), cw = Array.IndexOf(header, "w");
        if (ci < 0 || cj < 0 || cw < 0)
            throw new DataFormatException(name, 1, null, $"the header '{lines[0]}' lacks column {(ci < 0 ? "i" : cj < 0 ? "j" : "w")}; expected columns i, j and w.");
        var entries = new List<SpatialWeightEntry>(lines.Length - 1);
        for (int l = 1; l < lines.Length; l++)
        {
            if (lines[l].Trim().Length == 0) continue;
            var cells = lines[l].Split(',', StringSplitOptions.TrimEntries);
            if (cells.Length != header.Length)
                throw new DataFormatException(name, l + 1, null, $"{cells.Length} fields where the header has {header.Length}.");
            if (!double.TryParse(cells[cw], NumberStyles.Float, CultureInfo.InvariantCulture, out double w) || !double.IsFinite(w) || w < 0)
                throw new DataFormatException(name, l + 1, "w", $"'{cells[cw]}' is not a non-negative number.");
            entries.Add(new SpatialWeightEntry(cells[ci].Trim('"'), cells[cj].Trim('"'), w));
        }
        if (entries.Count == 0) throw new DataFormatException(name, 0, null, "the weights file has a header but no pairs.");
        return entries;
    }
}
