using System.Globalization;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Indices;

/// <summary>One block of rows after min-max normalisation: x' with the shift applied, plus each column's extremes and sum.</summary>
/// <param name="Label">Block label ("all", a period or a group) for messages and tables.</param>
/// <param name="Rows">Rows of the full data in this block (ascending), or null for all rows.</param>
/// <param name="Values">Normalised values, block rows × indicators.</param>
/// <param name="Minimum">min_j of the raw indicator in the block.</param>
/// <param name="Maximum">max_j of the raw indicator in the block.</param>
/// <param name="Sums">Σ_i x'_ij.</param>
/// <param name="SumsXLogX">Σ_i x'_ij ln x'_ij (0·ln 0 = 0), accumulated while normalising so the entropy needs no second pass.</param>
internal sealed record NormalisedBlock(string Label, int[]? Rows, ColumnMajorMatrix Values, double[] Minimum, double[] Maximum, double[] Sums, double[] SumsXLogX)
{
    public int RowCount => Values.Rows;
}

/// <summary>
/// Min-max normalisation shared by the entropy, TOPSIS, CRITIC and coefficient-of-variation schemes, so every
/// scheme sees the same x' and the same checks (at least 2 rows, no constant indicator, no negative
/// pre-normalised value).
/// </summary>
internal static class IndicatorNormaliser
{
    /// <summary>Work (rows × indicators) above which indicators are processed in parallel.</summary>
    private const long ParallelThreshold = 200_000;

    public static NormalisedBlock Normalise(IndicatorData data, string label, int[]? rows, double shift, bool preNormalised, string method)
    {
        int m = data.Indicators.Count;
        int nb = rows?.Length ?? data.TotalRows;
        string where = label == "all" ? "" : $" in {label}";
        if (nb < 2)
            throw new SpecificationException($"The {method} needs at least 2 rows{where}; there {(nb == 1 ? "is" : "are")} {nb}.");
        // Every element is written below, so the (large) storage need not be zeroed first.
        var values = new ColumnMajorMatrix(nb, m, GC.AllocateUninitializedArray<double>(checked(nb * m)));
        var min = new double[m];
        var max = new double[m];
        var sums = new double[m];
        var xlogx = new double[m];
        var errors = new string?[m];
        void Column(int j)
        {
            ReadOnlySpan<double> source = data.Columns[j];
            double[]? gathered = null;
            if (rows is not null)
            {
                gathered = new double[nb];
                for (int k = 0; k < nb; k++) gathered[k] = data.Columns[j][rows[k]];
                source = gathered;
            }
            (min[j], max[j]) = ColumnStatistics.MinMax(source);
            var target = values.Column(j);
            var name = data.Indicators[j].Column;
            if (preNormalised)
            {
                if (min[j] < 0)
                {
                    errors[j] = $"Indicator '{name}' is declared pre-normalised but has a negative value ({Show(min[j])}){where}; ln p_ij needs non-negative values, so normalise it (PreNormalised = false) or correct it.";
                    return;
                }
                double sum = 0;
                for (int k = 0; k < nb; k++) sum += target[k] = source[k] + shift;
                sums[j] = sum;
                xlogx[j] = ColumnStatistics.SumXLogX(target);
                if (sum == 0) errors[j] = $"Indicator '{name}' is zero in every row{where}, so its shares p_ij are undefined; drop it or use a positive shift.";
                return;
            }
            if (max[j] == min[j])
            {
                errors[j] = $"Indicator '{name}' is constant{where} (every value is {Show(min[j])}), so max − min = 0 and it carries no information for the {method}; drop it.";
                return;
            }
            (sums[j], xlogx[j]) = ColumnStatistics.MinMaxScale(source, target, min[j], max[j], data.Indicators[j].Direction == IndicatorDirection.Negative, shift);
        }
        if ((long)nb * m >= ParallelThreshold && m > 1)
            Parallel.For(0, m, Column);
        else
            for (int j = 0; j < m; j++) Column(j);
        // Report the first problem in indicator order, whatever thread found it.
        foreach (var e in errors)
            if (e is not null) throw new SpecificationException(e);
        return new NormalisedBlock(label, rows, values, min, max, sums, xlogx);
    }

    /// <summary>Places each block's rows into a full-length matrix; rows in no block (dropped listwise) stay NaN.</summary>
    public static ColumnMajorMatrix Assemble(IReadOnlyList<NormalisedBlock> blocks, int totalRows, int columns)
    {
        if (blocks.Count == 1 && blocks[0].Rows is null) return blocks[0].Values;
        var full = new ColumnMajorMatrix(totalRows, columns, GC.AllocateUninitializedArray<double>(checked(totalRows * columns)));
        full.Data.Fill(double.NaN);
        foreach (var block in blocks)
            for (int j = 0; j < columns; j++)
            {
                var source = block.Values.Column(j);
                var target = full.Column(j);
                for (int k = 0; k < source.Length; k++) target[block.Rows![k]] = source[k];
            }
        return full;
    }

    /// <summary>Scatters per-block row values (e.g. scores) into a full-length vector; other rows are NaN.</summary>
    public static double[] Scatter(IReadOnlyList<NormalisedBlock> blocks, IReadOnlyList<double[]> blockValues, int totalRows)
    {
        if (blocks.Count == 1 && blocks[0].Rows is null) return blockValues[0];
        var full = new double[totalRows];
        Array.Fill(full, double.NaN);
        for (int b = 0; b < blocks.Count; b++)
            for (int k = 0; k < blockValues[b].Length; k++) full[blocks[b].Rows![k]] = blockValues[b][k];
        return full;
    }

    internal static string Show(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
