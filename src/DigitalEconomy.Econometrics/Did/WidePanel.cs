using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Econometrics.Did;

/// <summary>
/// A balanced unit × period layout of one outcome and its covariates for the 2×2 comparisons of
/// Callaway–Sant'Anna: units missing the outcome or a covariate in any period are dropped (R did's default for
/// panels, <c>allow_unbalanced_panel = FALSE</c>), and so are units already treated in the first period. Cohorts
/// after the last period count as never treated.
/// </summary>
internal sealed class WidePanel
{
    public int Units { get; private init; }
    public int T { get; private init; }
    public long[] Periods { get; private init; } = [];
    /// <summary>Cohort of each kept unit (0 = never treated).</summary>
    public long[] Cohort { get; private init; } = [];
    /// <summary>Outcome, unit-major: Y[u·T + t].</summary>
    public double[] Y { get; private init; } = [];
    /// <summary>Covariates, one unit-major array per covariate.</summary>
    public double[][] X { get; private init; } = [];
    /// <summary>Cluster code of each kept unit (dense 0…Clusters−1), or null for unit-level clustering.</summary>
    public int[]? ClusterOfUnit { get; private init; }
    public int Clusters { get; private init; }
    public int RowsBefore { get; private init; }
    public int UnitsBefore { get; private init; }
    public int UnitsDroppedUnbalanced { get; private init; }
    public int UnitsDroppedAlreadyTreated { get; private init; }
    /// <summary>Entity labels of the kept units.</summary>
    public string[] UnitLabels { get; private init; } = [];

    public static WidePanel Build(PanelData panel, DidOptions options, bool clusterAboveUnit)
    {
        var cohorts = CohortAssignment.Read(panel, options.Cohort);
        var periods = cohorts.Periods;
        int T = periods.Length;
        int unitsAll = panel.Entities.LevelCount;
        var y = panel.Column(options.Outcome);
        var xs = options.Controls.Select(c => panel.CopyColumn(c)).ToArray();
        var present = new int[unitsAll];
        var slot = new int[unitsAll * T];
        Array.Fill(slot, -1);
        for (int r = 0; r < panel.RowCount; r++)
        {
            bool ok = double.IsFinite(y[r]);
            foreach (var x in xs) ok &= double.IsFinite(x[r]);
            if (!ok) continue;
            int u = cohorts.UnitOfRow[r];
            slot[u * T + cohorts.PeriodOfRow[r]] = r;
            present[u]++;
        }
        long first = periods[0], last = periods[^1];
        var keep = new List<int>();
        int unbalanced = 0, alreadyTreated = 0;
        for (int u = 0; u < unitsAll; u++)
        {
            long g = cohorts.CohortOfUnit[u];
            if (g != 0 && g <= first) { alreadyTreated++; continue; }
            if (present[u] < T) { unbalanced++; continue; }
            keep.Add(u);
        }
        int n = keep.Count;
        var Y = new double[n * T];
        var X = xs.Select(_ => new double[n * T]).ToArray();
        var cohort = new long[n];
        for (int i = 0; i < n; i++)
        {
            int u = keep[i];
            long g = cohorts.CohortOfUnit[u];
            cohort[i] = g > last ? 0 : g;
            for (int t = 0; t < T; t++)
            {
                int r = slot[u * T + t];
                Y[i * T + t] = y[r];
                for (int j = 0; j < xs.Length; j++) X[j][i * T + t] = xs[j][r];
            }
        }
        int[]? clusterOfUnit = null;
        int clusters = n;
        if (clusterAboveUnit && options.Cluster is not null && options.Cluster != panel.EntityName)
        {
            var f = panel.Grouping(options.Cluster);
            var firstRow = new int[unitsAll];
            Array.Fill(firstRow, -1);
            for (int r = 0; r < panel.RowCount; r++)
            {
                int u = cohorts.UnitOfRow[r];
                if (firstRow[u] < 0) firstRow[u] = r;
                else if (f.Codes[r] != f.Codes[firstRow[u]])
                    throw new SpecificationException($"Cluster variable '{options.Cluster}' varies within unit '{panel.Entities.Levels[u]}'; the multiplier bootstrap clusters units, so the cluster must be constant within a unit.");
            }
            var map = new Dictionary<int, int>();
            clusterOfUnit = new int[n];
            for (int i = 0; i < n; i++)
            {
                int code = f.Codes[firstRow[keep[i]]];
                if (!map.TryGetValue(code, out int c)) map[code] = c = map.Count;
                clusterOfUnit[i] = c;
            }
            clusters = map.Count;
        }
        if (n == 0)
            throw new SpecificationException($"No unit of '{panel.EntityName}' is observed with '{options.Outcome}'{(xs.Length > 0 ? " and its controls" : "")} in all {T} periods.");
        return new WidePanel
        {
            Units = n, T = T, Periods = periods, Cohort = cohort, Y = Y, X = X,
            ClusterOfUnit = clusterOfUnit, Clusters = clusters,
            RowsBefore = panel.RowCount, UnitsBefore = unitsAll,
            UnitsDroppedUnbalanced = unbalanced, UnitsDroppedAlreadyTreated = alreadyTreated,
            UnitLabels = keep.Select(u => panel.Entities.Levels[u]).ToArray(),
        };
    }
}
