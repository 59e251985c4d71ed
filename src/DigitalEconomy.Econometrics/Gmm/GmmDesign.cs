using System.Globalization;
using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Econometrics.Gmm;

/// <summary>
/// The stacked per-group arrays of a dynamic panel GMM model: for every group its differenced rows (then, for
/// system GMM, its levels rows), with y, the K regressors and the L instrument columns dense per row. Rows are laid
/// out on the panel's full time grid (periods step by <see cref="PanelData.TimeStep"/>), so lags and differences
/// respect gaps: a row whose value or lag is missing is left out, and a missing instrument value is zero.
/// </summary>
internal sealed class GmmDesign
{
    public required int K { get; init; }
    public required int L { get; init; }
    public required string[] Names { get; init; }
    /// <summary>Indices of coefficients tested by the Wald test (not the constant or period dummies).</summary>
    public required int[] SlopeIndices { get; init; }
    public required string[] InstrumentNames { get; init; }
    /// <summary>Instrument subsets for difference-in-Hansen tests: label and column indices.</summary>
    public required (string Label, int[] Columns)[] Subsets { get; init; }
    /// <summary>Row offsets per group (length groups + 1).</summary>
    public required int[] GroupStart { get; init; }
    public required double[] Y { get; init; }
    /// <summary>Row-major rows × K.</summary>
    public required double[] X { get; init; }
    /// <summary>Row-major rows × L.</summary>
    public required double[] Z { get; init; }
    /// <summary>Grid period of each row.</summary>
    public required int[] Period { get; init; }
    /// <summary>True for a levels-equation row.</summary>
    public required bool[] IsLevel { get; init; }
    public required int DifferencedRows { get; init; }
    public required int LevelRows { get; init; }
    public required int DroppedInstrumentColumns { get; init; }

    public int Groups => GroupStart.Length - 1;
    public int Rows => Y.Length;

    private enum ColumnKind { GmmDiff, GmmDiffCollapsed, GmmLevel, GmmLevelCollapsed, IvDiff, IvLevel, Constant, TimeDiff, TimeLevel }

    private readonly record struct Column(ColumnKind Kind, int Variable, int Lag, int Period, int Subset, string Name);

    public static GmmDesign Build(PanelData panel, GmmSpecification spec, GmmOptions options)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        bool system = options.Method == GmmMethod.System;
        if (spec.Regressors.Count == 0) throw new SpecificationException("GMM needs at least one regressor.");
        if (spec.GmmInstruments.Count == 0)
            throw new SpecificationException("GMM needs at least one GMM-style instrument set, e.g. GmmInstrument(\"y\", 2, null) for gmm(y, lag(2 .)).");
        var ivs = spec.EffectiveIvInstruments;

        // Variables: dependent first, then in order of first use.
        var variables = new List<string> { spec.Dependent };
        int VariableIndex(string name)
        {
            int i = variables.IndexOf(name);
            if (i >= 0) return i;
            if (!panel.HasNumeric(name)) throw panel.UnknownColumn(name);
            variables.Add(name);
            return variables.Count - 1;
        }
        if (!panel.HasNumeric(spec.Dependent)) throw panel.UnknownColumn(spec.Dependent);

        var regressors = new List<(int Variable, int Lag, string Name)>();
        foreach (var r in spec.Regressors)
        {
            if (r.LagList.Count == 0) throw new SpecificationException($"Regressor '{r.Variable}' lists no lags.");
            int v = VariableIndex(r.Variable);
            foreach (int lag in r.LagList)
            {
                if (lag < 0) throw new SpecificationException($"Regressor '{r.Variable}' has negative lag {lag}: leads are not supported.");
                if (v == 0 && lag == 0) throw new SpecificationException($"The dependent variable '{spec.Dependent}' cannot be its own regressor at lag 0.");
                string name = GmmRegressor.NameOf(r.Variable, lag);
                if (regressors.Any(x => x.Name == name)) throw new SpecificationException($"Regressor {name} is listed twice.");
                regressors.Add((v, lag, name));
            }
        }
        var gmm = spec.GmmInstruments.Select(g =>
        {
            if (g.MinLag < 1) throw new SpecificationException($"{g.Label}: the shallowest lag must be at least 1 (2 for the lagged dependent variable).");
            if (g.MaxLag is int b && b < g.MinLag) throw new SpecificationException($"{g.Label}: the deepest lag is below the shallowest.");
            return (Variable: VariableIndex(g.Variable), g.MinLag, MaxLag: g.MaxLag ?? int.MaxValue, Collapse: g.Collapse || options.Collapse, g.Label);
        }).ToArray();
        var iv = ivs.Select(z =>
        {
            if (z.Lag < 0) throw new SpecificationException($"{z.Label}: negative lag.");
            return (Variable: VariableIndex(z.Variable), z.Lag, z.Label);
        }).ToArray();

        // Time grid.
        var ordinals = panel.TimeOrdinals;
        long step = panel.TimeStep;
        long minOrd = long.MaxValue, maxOrd = long.MinValue;
        for (int r = 0; r < ordinals.Length; r++) { minOrd = Math.Min(minOrd, ordinals[r]); maxOrd = Math.Max(maxOrd, ordinals[r]); }
        if (panel.RowCount == 0) throw new SpecificationException("The panel has no rows.");
        int T = checked((int)((maxOrd - minOrd) / step) + 1);
        var periodLabel = new string[T];
        for (int p = 0; p < T; p++) periodLabel[p] = (minOrd + p * step).ToString(CultureInfo.InvariantCulture);
        for (int r = 0; r < ordinals.Length; r++) periodLabel[(int)((ordinals[r] - minOrd) / step)] = panel.Times.LabelOf(r);

        var entityCodes = panel.Entities.Codes;
        int nEntities = panel.Entities.LevelCount;
        int nVar = variables.Count;
        // grid[(v * nEntities + i) * T + p]
        var grid = new double[nVar * nEntities * T];
        Array.Fill(grid, double.NaN);
        for (int v = 0; v < nVar; v++)
        {
            var column = panel.Column(variables[v]);
            for (int r = 0; r < column.Length; r++)
            {
                int p = (int)((ordinals[r] - minOrd) / step);
                grid[((long)v * nEntities + entityCodes[r]) * T + p] = column[r];
            }
        }
        double Value(int v, int i, int p) => p < 0 || p >= T ? double.NaN : grid[((long)v * nEntities + i) * T + p];
        double Diff(int v, int i, int p) => Value(v, i, p) - Value(v, i, p - 1);

        int maxLag = regressors.Max(x => x.Lag);
        int minGmmLag = gmm.Min(g => g.MinLag);
        // First differenced period and first levels period on the grid (plm's TL1 and TL2): the differenced
        // equation needs every regressor's lag and its predecessor, and at least one GMM instrument.
        int firstDiff = Math.Max(maxLag + 1, minGmmLag);
        int firstLevel = Math.Max(maxLag, minGmmLag - 1);
        if (firstDiff > T - 1)
            throw new SpecificationException($"Too few periods: the panel spans {T} periods but the lags need {firstDiff + 1} for one differenced equation.");

        // Rows per entity.
        var groupStart = new List<int> { 0 };
        var rowEntity = new List<int>();
        var rowPeriod = new List<int>();
        var rowLevel = new List<bool>();
        int diffRows = 0, levelRows = 0;
        bool RowComplete(int i, int p, bool level)
        {
            if (level ? double.IsNaN(Value(0, i, p)) : double.IsNaN(Diff(0, i, p))) return false;
            foreach (var x in regressors)
                if (level ? double.IsNaN(Value(x.Variable, i, p - x.Lag)) : double.IsNaN(Diff(x.Variable, i, p - x.Lag))) return false;
            return true;
        }
        for (int i = 0; i < nEntities; i++)
        {
            int before = rowEntity.Count;
            for (int p = firstDiff; p < T; p++)
                if (RowComplete(i, p, false)) { rowEntity.Add(i); rowPeriod.Add(p); rowLevel.Add(false); diffRows++; }
            if (system)
                for (int p = firstLevel; p < T; p++)
                    if (RowComplete(i, p, true)) { rowEntity.Add(i); rowPeriod.Add(p); rowLevel.Add(true); levelRows++; }
            if (rowEntity.Count > before) groupStart.Add(rowEntity.Count);
        }
        if (diffRows == 0) throw new SpecificationException("No differenced observation has the dependent variable and every regressor (with its lags) present.");

        // Period dummies for the periods that have rows in the equation that carries them.
        var timePeriods = new List<int>();
        if (options.TimeEffects)
        {
            var present = new bool[T];
            for (int r = 0; r < rowPeriod.Count; r++) if (rowLevel[r] == system) present[rowPeriod[r]] = true;
            for (int p = system ? firstLevel + 1 : firstDiff; p < T; p++) if (present[p]) timePeriods.Add(p);
        }

        // Regressor names and instruments.
        var names = regressors.Select(x => x.Name).ToList();
        var slopes = Enumerable.Range(0, regressors.Count).ToArray();
        if (system) names.Add("(Intercept)");
        foreach (int p in timePeriods) names.Add(panel.TimeName + periodLabel[p]);
        int K = names.Count;

        var columns = new List<Column>();
        var subsetLabels = new List<string>();
        for (int g = 0; g < gmm.Length; g++)
        {
            var set = gmm[g];
            string vname = variables[set.Variable];
            int diffSubset = subsetLabels.Count;
            subsetLabels.Add(system ? set.Label + " differences" : set.Label);
            if (set.Collapse)
            {
                for (int lag = set.MinLag; lag <= Math.Min(set.MaxLag, T - 1); lag++)
                    columns.Add(new(ColumnKind.GmmDiffCollapsed, set.Variable, lag, -1, diffSubset, $"{GmmRegressor.NameOf(vname, lag)} (collapsed)"));
            }
            else
            {
                for (int p = firstDiff; p < T; p++)
                    for (int lag = set.MinLag; lag <= Math.Min(set.MaxLag, p); lag++)
                        columns.Add(new(ColumnKind.GmmDiff, set.Variable, lag, p, diffSubset, $"{GmmRegressor.NameOf(vname, lag)} @ {periodLabel[p]}"));
            }
            if (system)
            {
                int levelSubset = subsetLabels.Count;
                subsetLabels.Add(set.Label + " levels");
                int dlag = set.MinLag - 1;
                string dname = "D." + GmmRegressor.NameOf(vname, dlag);
                if (set.Collapse) columns.Add(new(ColumnKind.GmmLevelCollapsed, set.Variable, dlag, -1, levelSubset, $"{dname} (levels eq., collapsed)"));
                else
                    for (int p = Math.Max(firstLevel, dlag + 1); p < T; p++)
                        columns.Add(new(ColumnKind.GmmLevel, set.Variable, dlag, p, levelSubset, $"{dname} @ {periodLabel[p]} (levels eq.)"));
            }
        }
        for (int j = 0; j < iv.Length; j++)
        {
            int subset = subsetLabels.Count;
            subsetLabels.Add(iv[j].Label);
            string zname = GmmRegressor.NameOf(variables[iv[j].Variable], iv[j].Lag);
            columns.Add(new(ColumnKind.IvDiff, iv[j].Variable, iv[j].Lag, -1, subset, "D." + zname));
            if (system) columns.Add(new(ColumnKind.IvLevel, iv[j].Variable, iv[j].Lag, -1, subset, zname + " (levels eq.)"));
        }
        if (system) columns.Add(new(ColumnKind.Constant, -1, 0, -1, -1, "(Intercept) (levels eq.)"));
        foreach (int p in timePeriods)
            columns.Add(new(system ? ColumnKind.TimeLevel : ColumnKind.TimeDiff, -1, 0, p, -1,
                system ? $"{panel.TimeName}{periodLabel[p]} (levels eq.)" : $"D.{panel.TimeName}{periodLabel[p]}"));

        int rows = rowEntity.Count;
        int Lall = columns.Count;
        var diffColumns = new List<int>[T];
        var levelColumns = new List<int>[T];
        for (int p = 0; p < T; p++) { diffColumns[p] = []; levelColumns[p] = []; }
        for (int c = 0; c < Lall; c++)
        {
            var col = columns[c];
            bool levelEq = col.Kind is ColumnKind.GmmLevel or ColumnKind.GmmLevelCollapsed or ColumnKind.IvLevel or ColumnKind.Constant or ColumnKind.TimeLevel;
            var target = levelEq ? levelColumns : diffColumns;
            bool periodSpecific = col.Kind is ColumnKind.GmmDiff or ColumnKind.GmmLevel or ColumnKind.TimeLevel;
            if (periodSpecific) target[col.Period].Add(c);
            else if (col.Kind == ColumnKind.TimeDiff)
            {
                target[col.Period].Add(c);
                if (col.Period + 1 < T) target[col.Period + 1].Add(c);
            }
            else for (int p = 0; p < T; p++) target[p].Add(c);
        }
        var y = new double[rows];
        var x = new double[rows * K];
        var zAll = new double[rows * Lall];
        for (int r = 0; r < rows; r++)
        {
            int i = rowEntity[r], p = rowPeriod[r];
            bool level = rowLevel[r];
            y[r] = level ? Value(0, i, p) : Diff(0, i, p);
            int k = 0;
            foreach (var reg in regressors)
                x[r * K + k++] = level ? Value(reg.Variable, i, p - reg.Lag) : Diff(reg.Variable, i, p - reg.Lag);
            if (system) x[r * K + k++] = level ? 1 : 0;
            foreach (int q in timePeriods)
                x[r * K + k++] = level ? (p == q ? 1 : 0) : (p == q ? 1 : 0) - (p - 1 == q ? 1 : 0);
            // Only the columns that can be non-zero in this row: the period-specific ones of its period and the
            // equation's period-free ones (non-collapsed instrument sets are mostly zeros).
            var candidates = level ? levelColumns[p] : diffColumns[p];
            foreach (int c in candidates)
            {
                var col = columns[c];
                double v = col.Kind switch
                {
                    ColumnKind.GmmDiff or ColumnKind.GmmDiffCollapsed => Value(col.Variable, i, p - col.Lag),
                    ColumnKind.GmmLevel or ColumnKind.GmmLevelCollapsed or ColumnKind.IvDiff => Diff(col.Variable, i, p - col.Lag),
                    ColumnKind.IvLevel => Value(col.Variable, i, p - col.Lag),
                    ColumnKind.Constant => 1,
                    ColumnKind.TimeDiff => (p == col.Period ? 1 : 0) - (p - 1 == col.Period ? 1 : 0),
                    ColumnKind.TimeLevel => p == col.Period ? 1 : 0,
                    _ => 0,
                };
                zAll[r * Lall + c] = double.IsNaN(v) ? 0 : v;
            }
        }

        // Columns that are zero for every row carry no moment: drop them (plm would leave Z'HZ singular).
        var keep = new List<int>();
        for (int c = 0; c < Lall; c++)
        {
            bool any = false;
            for (int r = 0; r < rows && !any; r++) any = zAll[r * Lall + c] != 0;
            if (any) keep.Add(c);
        }
        int L = keep.Count;
        var z = new double[rows * L];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < L; c++) z[r * L + c] = zAll[r * Lall + keep[c]];

        var subsets = new List<(string, int[])>();
        for (int s = 0; s < subsetLabels.Count; s++)
        {
            var cols = Enumerable.Range(0, L).Where(c => columns[keep[c]].Subset == s).ToArray();
            if (cols.Length > 0) subsets.Add((subsetLabels[s], cols));
        }
        if (system && gmm.Length > 1)
        {
            var levelCols = Enumerable.Range(0, L)
                .Where(c => columns[keep[c]].Kind is ColumnKind.GmmLevel or ColumnKind.GmmLevelCollapsed).ToArray();
            if (levelCols.Length > 0) subsets.Add(("all GMM-style levels-equation instruments", levelCols));
        }

        return new GmmDesign
        {
            K = K,
            L = L,
            Names = names.ToArray(),
            SlopeIndices = slopes,
            InstrumentNames = keep.Select(c => columns[c].Name).ToArray(),
            Subsets = subsets.ToArray(),
            GroupStart = groupStart.ToArray(),
            Y = y,
            X = x,
            Z = z,
            Period = rowPeriod.ToArray(),
            IsLevel = rowLevel.ToArray(),
            DifferencedRows = diffRows,
            LevelRows = levelRows,
            DroppedInstrumentColumns = Lall - L,
        };
    }
}
