using System.Globalization;
using System.Text;

namespace DigitalEconomy.Econometrics.Spatial;

/// <summary>Readers of the weight-matrix file formats (edge list, GAL, dense CSV, (i, j, w) list).</summary>
internal static class WeightsFiles
{
    public static SpatialWeights ReadEdgeList(string path)
    {
        var lines = Lines(path);
        if (lines.Count == 0) throw new DataFormatException(path, 0, null, "the edge list is empty; expected a header and rows 'unit,neighbour'.");
        var keys = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairs = new List<(int, int)>();
        for (int l = 1; l < lines.Count; l++)
        {
            var (no, text) = lines[l];
            var f = Split(text);
            if (f.Count < 2) throw new DataFormatException(path, no, null, $"expected two fields 'unit,neighbour', found {f.Count}.");
            pairs.Add((Key(f[0], keys, index), Key(f[1], keys, index)));
        }
        return SpatialWeights.FromContiguityPairs(keys.ToArray(), pairs, $"contiguity from {Path.GetFileName(path)}");
    }

    public static SpatialWeights ReadGal(string path)
    {
        var lines = Lines(path);
        if (lines.Count == 0) throw new DataFormatException(path, 0, null, "the GAL file is empty.");
        var head = lines[0].Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        int n;
        if (!int.TryParse(head.Length >= 2 ? head[1] : head[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out n) || n < 1)
            throw new DataFormatException(path, lines[0].Number, null, "the header must give the number of units ('0 N name' or 'N').");
        var keys = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairs = new List<(int, int)>();
        int l = 1;
        for (int u = 0; u < n; u++)
        {
            if (l >= lines.Count) throw new DataFormatException(path, 0, null, $"the header announces {n} units but the file ends after {u}.");
            var (no, text) = lines[l++];
            var f = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 2 || !int.TryParse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) || count < 0)
                throw new DataFormatException(path, no, null, "expected 'unit count'.");
            int i = Key(f[0], keys, index);
            var neighbours = Array.Empty<string>();
            if (count > 0)
            {
                if (l >= lines.Count) throw new DataFormatException(path, no, null, $"unit '{f[0]}' announces {count} neighbours but the file ends.");
                var (no2, text2) = lines[l++];
                neighbours = text2.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (neighbours.Length != count) throw new DataFormatException(path, no2, null, $"unit '{f[0]}' announces {count} neighbours, the line lists {neighbours.Length}.");
            }
            foreach (var nb in neighbours) pairs.Add((i, Key(nb, keys, index)));
        }
        return SpatialWeights.FromContiguityPairs(keys.ToArray(), pairs, $"contiguity from {Path.GetFileName(path)}");
    }

    public static SpatialWeights ReadDense(string path)
    {
        var lines = Lines(path);
        if (lines.Count < 2) throw new DataFormatException(path, 0, null, "expected a header of unit keys and one row per unit.");
        var header = Split(lines[0].Text);
        bool leadingLabel = header.Count > 0 && (header[0].Length == 0 || !double.TryParse(header[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _)) && header.Count == lines.Count;
        var keys = leadingLabel ? header.Skip(1).ToArray() : header.ToArray();
        int n = keys.Length;
        if (lines.Count - 1 != n) throw new DataFormatException(path, 0, null, $"the header names {n} units but there are {lines.Count - 1} rows; the matrix must be square.");
        var w = new double[n, n];
        for (int r = 0; r < n; r++)
        {
            var (no, text) = lines[r + 1];
            var f = Split(text);
            int offset = f.Count == n + 1 ? 1 : 0;
            if (f.Count != n + offset) throw new DataFormatException(path, no, null, $"expected {n} weights, found {f.Count}.");
            if (offset == 1 && f[0] != keys[r]) throw new DataFormatException(path, no, null, $"row key '{f[0]}' differs from column key '{keys[r]}'; rows and columns must be in the same order.");
            for (int c = 0; c < n; c++)
            {
                if (!double.TryParse(f[c + offset], NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                    throw new DataFormatException(path, no, keys[c], $"\"{f[c + offset]}\" is not a number.");
                if (r == c && v != 0) throw new DataFormatException(path, no, keys[c], $"diagonal weight {v} must be zero.");
                w[r, c] = v;
            }
        }
        return SpatialWeights.FromDense(keys, w, $"matrix from {Path.GetFileName(path)}");
    }

    public static SpatialWeights ReadList(string path, IReadOnlyList<string>? knownKeys)
    {
        var lines = Lines(path);
        if (lines.Count == 0) throw new DataFormatException(path, 0, null, "the weights list is empty; expected a header 'i,j,w'.");
        var header = Split(lines[0].Text).Select(h => h.Trim().ToLowerInvariant()).ToList();
        int ci = header.IndexOf("i"), cj = header.IndexOf("j"), cw = header.IndexOf("w");
        if (ci < 0 || cj < 0 || cw < 0) throw new DataFormatException(path, lines[0].Number, null, "the header must name the columns i, j and w.");
        var keys = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        if (knownKeys is not null) foreach (var k in knownKeys) Key(k, keys, index);
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<double>();
        var seen = new HashSet<(int, int)>();
        for (int l = 1; l < lines.Count; l++)
        {
            var (no, text) = lines[l];
            var f = Split(text);
            if (f.Count < header.Count) throw new DataFormatException(path, no, null, $"expected {header.Count} fields, found {f.Count}.");
            if (!double.TryParse(f[cw], NumberStyles.Float, CultureInfo.InvariantCulture, out double w) || !double.IsFinite(w) || w < 0)
                throw new DataFormatException(path, no, "w", $"\"{f[cw]}\" is not a non-negative number.");
            int i = Key(f[ci], keys, index), j = Key(f[cj], keys, index);
            if (i == j) throw new DataFormatException(path, no, null, $"unit '{f[ci]}' is linked to itself; the diagonal must be zero.");
            if (!seen.Add((i, j))) throw new DataFormatException(path, no, null, $"the pair ('{f[ci]}', '{f[cj]}') is listed twice.");
            rows.Add(i);
            cols.Add(j);
            vals.Add(w);
        }
        return SpatialWeights.Create(keys.ToArray(), rows, cols, vals, $"weights from {Path.GetFileName(path)}", null);
    }

    private static int Key(string key, List<string> keys, Dictionary<string, int> index)
    {
        key = key.Trim();
        if (!index.TryGetValue(key, out int i))
        {
            i = keys.Count;
            keys.Add(key);
            index[key] = i;
        }
        return i;
    }

    private static List<(int Number, string Text)> Lines(string path)
    {
        if (!File.Exists(path)) throw new EconometricsException($"Weights file '{path}' does not exist.");
        var result = new List<(int, string)>();
        int no = 0;
        foreach (var line in File.ReadLines(path))
        {
            no++;
            var t = line.TrimEnd('\r');
            if (no == 1) t = t.TrimStart('\uFEFF');
            if (t.Trim().Length == 0) continue;
            result.Add((no, t));
        }
        return result;
    }

    /// <summary>Splits one CSV line on commas, honouring double quotes.</summary>
    internal static List<string> Split(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false;
        for (int k = 0; k < line.Length; k++)
        {
            char c = line[k];
            if (quoted)
            {
                if (c == '"' && k + 1 < line.Length && line[k + 1] == '"') { sb.Append('"'); k++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString().Trim()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString().Trim());
        return fields;
    }

    internal static string Quote(string key) =>
        key.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + key.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : key;
}
