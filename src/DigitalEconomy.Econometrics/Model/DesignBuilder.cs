using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Model;

/// <summary>
/// A model's design over its estimation sample: the arrays, the input-row index of every design row, what
/// listwise deletion removed, and the untransformed outcome.
/// </summary>
internal sealed record ModelFrame(RegressionDesign Design, MissingValueReport Missing, int[]? Rows, double[] OriginalY);

/// <summary>
/// Builds the regression design from a panel and formula terms: evaluates every term
/// (<see cref="TermEvaluator"/>), deletes incomplete rows listwise (rows made missing by lags count under their
/// term, e.g. <c>l(dei,1)</c>), and restricts the fixed-effect, slope and cluster groupings to the sample.
/// </summary>
internal static class DesignBuilder
{
    /// <param name="panel">The data.</param>
    /// <param name="dependent">Outcome term.</param>
    /// <param name="regressors">Regressor terms.</param>
    /// <param name="fixedEffects">Fixed-effect terms (columns, a^b, g[x]).</param>
    /// <param name="clusters">Cluster variables (columns or a^b).</param>
    /// <param name="intercept">False when the model was asked to have no intercept.</param>
    /// <param name="rowFilter">Optional subset of input rows (ascending) to which the sample is restricted (split samples).</param>
    /// <param name="deferColumns">
    /// True: allocate y and X but leave them unfilled, recording their sources in <see cref="RegressionDesign.Pending"/>
    /// (the linear estimator demeans straight from the sources, saving a copy of the design).
    /// </param>
    public static ModelFrame Build(PanelData panel, string dependent, IReadOnlyList<string> regressors,
        IReadOnlyList<string> fixedEffects, IReadOnlyList<string> clusters, bool intercept, IReadOnlyList<int>? rowFilter = null,
        bool deferColumns = false)
    {
        ArgumentNullException.ThrowIfNull(panel);
        if (regressors is null || regressors.Count == 0)
            throw new SpecificationException("The model has no regressors; add at least one to the right of '~'.");
        var dupTerm = regressors.Prepend(dependent).GroupBy(c => c).FirstOrDefault(g => g.Count() > 1);
        if (dupTerm is not null)
            throw new SpecificationException($"Variable '{dupTerm.Key}' appears more than once in the model.");
        foreach (var fe in fixedEffects)
            if (regressors.Contains(fe) || fe == dependent)
                throw new SpecificationException($"'{fe}' is both a regressor and a fixed effect.");

        var evaluator = new TermEvaluator(panel, HasIntercept(fixedEffects, intercept));
        var outcome = evaluator.Outcome(dependent);
        var termColumns = regressors.Select(evaluator.Regressor).ToArray();
        var names = termColumns.SelectMany(t => t.Select(c => c.Name)).ToArray();
        var dupName = names.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1);
        if (dupName is not null)
            throw new SpecificationException($"Coefficient '{dupName.Key}' is produced by two terms of the model; remove one of them.");
        var feColumns = fixedEffects.Select(evaluator.FixedEffect).ToArray();
        var groupingNames = clusters.Where(c => !fixedEffects.Contains(c)).Distinct().ToArray();
        var groupings = groupingNames.Select(evaluator.Grouping).ToArray();

        // One missingness indicator per model part, so the report counts each term once however many columns it makes.
        int total = panel.RowCount;
        var parts = new List<(string Name, double[] Indicator)> { (dependent, outcome.Values) };
        for (int t = 0; t < regressors.Count; t++) parts.Add((regressors[t], Indicator(termColumns[t].Select(c => c.Values).ToArray(), total)));
        foreach (var fe in feColumns.Where(f => f.Slopes.Count > 0))
            parts.Add((fe.Name, Indicator(fe.Slopes.Select(s => s.Values).ToArray(), total)));
        var filterMask = rowFilter is null ? null : Mask(rowFilter, total);
        var indicators = parts.Select(p => p.Indicator).ToList();
        var rows = filterMask is null
            ? PanelData.CompleteRows(indicators, total, out var perPart, panel.NonFiniteCountOf)
            : PanelData.CompleteRows(indicators.Select(ind => Filtered(ind, filterMask)).ToArray(), total, out perPart);
        // Rows outside the subsample are not "missing": count only rows inside it.
        if (rowFilter is not null) perPart = indicators.Select(ind => rowFilter.Count(r => !double.IsFinite(ind[r]))).ToArray();
        int kept = rows?.Length ?? total;

        var columns = termColumns.SelectMany(t => t).ToArray();
        var y = LargeArrays.Uninitialized<double>(kept);
        var x = ColumnMajorMatrix.Uninitialized(kept, columns.Length);
        var pending = new PendingColumns(outcome.Values, columns.Select(c => c.Values).ToArray(), rows);

        GroupCodes Codes(string name, Factor f) => RegressionDesign.Codes(name, rows is null ? f : f.Subset(rows));
        var feCodes = feColumns.Select(f => Codes(f.Name, f.Groups)).ToArray();
        var slopes = feColumns.Any(f => f.Slopes.Count > 0)
            ? feColumns.Select(f => f.Slopes.Count == 0 ? null : new VaryingSlopes(f.Slopes.Select(s => Gather(s.Values, rows)).ToArray(), f.SlopesOnly)).ToArray()
            : null;
        var others = groupingNames.Select((n, i) => Codes(n, groupings[i])).ToArray();
        int timeIndex = Array.IndexOf(fixedEffects.ToArray(), panel.TimeName);
        var periods = timeIndex >= 0 ? feCodes[timeIndex] : Codes(panel.TimeName, panel.Times);

        int rowsBefore = rowFilter?.Count ?? total;
        int entitiesBefore = rowFilter is null ? panel.Entities.LevelCount : CountEntities(panel, rowFilter);
        int entitiesLeft = rows is null ? panel.Entities.LevelCount : CountEntities(panel, rows);
        var missing = new MissingValueReport(rowsBefore, rowsBefore - kept, entitiesBefore - entitiesLeft,
            parts.Select((p, j) => new KeyValuePair<string, int>(p.Name, perPart[j])).Where(kv => kv.Value > 0).ToArray());
        var design = new RegressionDesign(outcome.Name, y, names, x, feCodes, others, periods) { Slopes = slopes, Pending = pending };
        if (!deferColumns) Fill(design);
        // The outcome's evaluated column is never modified (the estimator works on the gathered copy), so with no
        // rows deleted it serves as the untransformed y without another copy.
        return new ModelFrame(design, missing, rows, rows is null ? outcome.Values : Gather(outcome.Values, rows));
    }

    /// <summary>
    /// Gathers a design's pending source columns into its y and X (no effect when they are filled), taking each X column's
    /// extremes and sum on the way (<see cref="RegressionDesign.XSummaries"/>).
    /// </summary>
    public static void Fill(RegressionDesign design)
    {
        if (design.Pending is not { } pending) return;
        GatherInto(pending.Outcome, pending.Rows, design.Y);
        var x = design.X;
        var summaries = new (double Min, double Max, double Sum)[x.Columns];
        if ((long)x.Rows * x.Columns > 1_000_000)
            Parallel.For(0, x.Columns, j => summaries[j] = GatherAndSummarise(pending.Regressors[j], pending.Rows, x.Column(j)));
        else
            for (int j = 0; j < x.Columns; j++) summaries[j] = GatherAndSummarise(pending.Regressors[j], pending.Rows, x.Column(j));
        design.XSummaries = x.Rows > 0 ? summaries : null;
        design.Pending = null;
    }

    /// <summary>True when the model has an intercept column: no fixed effects and no "+ 0".</summary>
    public static bool HasIntercept(IReadOnlyList<string> fixedEffects, bool intercept) => intercept && fixedEffects.Count == 0;

    /// <summary>The regressor columns of the model evaluated at the given input rows (for predictions).</summary>
    public static ColumnMajorMatrix Regressors(PanelData panel, IReadOnlyList<string> regressors, bool intercept, IReadOnlyList<int> rows)
    {
        var evaluator = new TermEvaluator(panel, intercept);
        var columns = regressors.SelectMany(evaluator.Regressor).ToArray();
        var x = new ColumnMajorMatrix(rows.Count, columns.Length);
        for (int j = 0; j < columns.Length; j++)
        {
            var c = x.Column(j);
            for (int i = 0; i < rows.Count; i++) c[i] = columns[j].Values[rows[i]];
        }
        return x;
    }

    /// <summary>The names of the columns the regressor terms produce on this panel, in design order.</summary>
    public static IReadOnlyList<string> ColumnNames(PanelData panel, IReadOnlyList<string> regressors, bool intercept)
    {
        var evaluator = new TermEvaluator(panel, intercept);
        return regressors.SelectMany(evaluator.Regressor).Select(c => c.Name).ToArray();
    }

    /// <summary>Fixed-effect groupings of the model at the given input rows.</summary>
    public static IReadOnlyList<(string Name, Factor Groups, bool HasSlopes)> FixedEffects(PanelData panel, IReadOnlyList<string> fixedEffects, IReadOnlyList<int> rows)
    {
        var evaluator = new TermEvaluator(panel);
        var rowArray = rows.ToArray();
        return fixedEffects.Select(evaluator.FixedEffect).Select(f => (f.Name, f.Groups.Subset(rowArray), f.Slopes.Count > 0)).ToArray();
    }

    private static int CountEntities(PanelData panel, IReadOnlyList<int> rows)
    {
        var seen = new bool[panel.Entities.LevelCount];
        var ec = panel.Entities.Codes;
        int count = 0;
        foreach (var r in rows)
            if (!seen[ec[r]]) { seen[ec[r]] = true; count++; }
        return count;
    }

    private static bool[] Mask(IReadOnlyList<int> rows, int total)
    {
        var mask = new bool[total];
        foreach (var r in rows) mask[r] = true;
        return mask;
    }

    private static double[] Filtered(double[] indicator, bool[] mask)
    {
        var v = new double[indicator.Length];
        for (int r = 0; r < v.Length; r++) v[r] = mask[r] ? indicator[r] : double.NaN;
        return v;
    }

    private static double[] Indicator(double[][] columns, int total)
    {
        if (columns.Length == 1) return columns[0];
        var v = new double[total];
        foreach (var c in columns)
            for (int r = 0; r < total; r++)
                if (!double.IsFinite(c[r])) v[r] = double.NaN;
        return v;
    }

    private static double[] Gather(double[] source, int[]? rows)
    {
        var r = GC.AllocateUninitializedArray<double>(rows?.Length ?? source.Length);
        GatherInto(source, rows, r);
        return r;
    }

    /// <summary>
    /// Copies the design rows of a column block by block and takes each block's extremes and sum while it is in
    /// cache (the column statistics of the estimator without another pass over the column).
    /// </summary>
    private static (double Min, double Max, double Sum) GatherAndSummarise(double[] source, int[]? rows, Span<double> target)
    {
        const int block = 1 << 14;
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        for (int start = 0; start < target.Length; start += block)
        {
            int len = Math.Min(block, target.Length - start);
            var part = target.Slice(start, len);
            if (rows is null) source.AsSpan(start, len).CopyTo(part);
            else for (int i = 0; i < len; i++) part[i] = source[rows[start + i]];
            var (bMin, bMax, bSum) = ColumnStatistics.MinMaxSum(part);
            min = Math.Min(min, bMin);
            max = Math.Max(max, bMax);
            sum += bSum;
        }
        return (min, max, sum);
    }

    private static void GatherInto(double[] source, int[]? rows, Span<double> target)
    {
        if (rows is null)
        {
            source.CopyTo(target);
            return;
        }
        for (int i = 0; i < rows.Length; i++) target[i] = source[rows[i]];
    }
}
