using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Econometrics.Spatial;

/// <summary>
/// A balanced panel rearranged period-major (index t·N + i, entities in the panel's sorted order), as the
/// spatial models need: within one period the N values line up with the rows of W.
/// </summary>
internal sealed class SpatialPanelLayout
{
    private SpatialPanelLayout(int n, int t, int[] rowOf, IReadOnlyList<string> periods)
    {
        N = n;
        T = t;
        RowOf = rowOf;
        Periods = periods;
    }

    public int N { get; }
    public int T { get; }

    /// <summary>Panel row of position t·N + i.</summary>
    public int[] RowOf { get; }

    public IReadOnlyList<string> Periods { get; }

    /// <summary>
    /// The layout of a balanced panel whose <paramref name="columns"/> are all observed; otherwise an error naming
    /// the first missing (entity, period) pairs, as xsmle requires a strongly balanced panel.
    /// </summary>
    public static SpatialPanelLayout Create(PanelData panel, IReadOnlyList<string> columns)
    {
        int n = panel.Entities.LevelCount, t = panel.Times.LevelCount;
        var rowOf = new int[n * t];
        Array.Fill(rowOf, -1);
        var ec = panel.Entities.Codes;
        var tc = panel.Times.Codes;
        var cols = columns.Select(c => panel.HasNumeric(c) ? panel.CopyColumn(c) : throw panel.UnknownColumn(c)).ToArray();
        for (int r = 0; r < panel.RowCount; r++)
        {
            bool ok = true;
            foreach (var c in cols) ok &= double.IsFinite(c[r]);
            if (ok) rowOf[tc[r] * n + ec[r]] = r;
        }
        var missing = new List<string>();
        int count = 0;
        for (int p = 0; p < n * t; p++)
            if (rowOf[p] < 0)
            {
                count++;
                if (missing.Count < 5) missing.Add($"({panel.Entities.Levels[p % n]}, {panel.Times.Levels[p / n]})");
            }
        if (count > 0)
            throw new SpecificationException(
                $"Spatial models need a balanced panel with every variable observed: {count} of {n * t} entity-periods are missing or incomplete ({string.Join(", ", missing)}{(count > 5 ? ", …" : "")}); "
                + $"drop those entities or periods, or impute ({string.Join(", ", columns)}).");
        return new SpatialPanelLayout(n, t, rowOf, panel.Times.Levels);
    }

    /// <summary>A column in period-major order.</summary>
    public double[] Gather(PanelData panel, string column)
    {
        var c = panel.Column(column);
        var v = new double[RowOf.Length];
        for (int p = 0; p < v.Length; p++) v[p] = c[RowOf[p]];
        return v;
    }

    /// <summary>The cross-sections of one variable, one per period (values in entity order).</summary>
    public static List<(string Period, double[] Values)> CrossSections(PanelData panel, string variable)
    {
        var layout = Create(panel, [variable]);
        var all = layout.Gather(panel, variable);
        var result = new List<(string, double[])>(layout.T);
        for (int t = 0; t < layout.T; t++) result.Add((layout.Periods[t], all.AsSpan(t * layout.N, layout.N).ToArray()));
        return result;
    }

    /// <summary>Removes entity means (over time), period means (over entities) or both, in place (balanced panel).</summary>
    public void Demean(double[] v, SpatialEffects effects)
    {
        if (effects is SpatialEffects.Entity or SpatialEffects.TwoWay)
        {
            var m = new double[N];
            for (int t = 0; t < T; t++)
                for (int i = 0; i < N; i++) m[i] += v[t * N + i];
            for (int i = 0; i < N; i++) m[i] /= T;
            for (int t = 0; t < T; t++)
                for (int i = 0; i < N; i++) v[t * N + i] -= m[i];
        }
        if (effects is SpatialEffects.Time or SpatialEffects.TwoWay)
            DemeanPeriods(v);
    }

    /// <summary>Removes the mean of every period's cross-section.</summary>
    public void DemeanPeriods(double[] v)
    {
        for (int t = 0; t < T; t++)
        {
            double s = 0;
            for (int i = 0; i < N; i++) s += v[t * N + i];
            s /= N;
            for (int i = 0; i < N; i++) v[t * N + i] -= s;
        }
    }
}
