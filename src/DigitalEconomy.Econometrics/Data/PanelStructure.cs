namespace DigitalEconomy.Econometrics.Data;

/// <summary>Shape of a panel: sizes, balance and gaps (what Stata's <c>xtset</c> and <c>xtdescribe</c> report).</summary>
/// <param name="Observations">Number of rows.</param>
/// <param name="EntityCount">Number of distinct entities.</param>
/// <param name="PeriodCount">Number of distinct periods.</param>
/// <param name="MinPeriodsPerEntity">Fewest periods any entity has.</param>
/// <param name="MaxPeriodsPerEntity">Most periods any entity has.</param>
/// <param name="EntitiesWithGaps">Entities with a missing period between their first and last.</param>
/// <param name="IncompleteEntities">Entities not observed in every period.</param>
public sealed record PanelStructure(
    int Observations, int EntityCount, int PeriodCount,
    int MinPeriodsPerEntity, int MaxPeriodsPerEntity, int EntitiesWithGaps, int IncompleteEntities)
{
    /// <summary>True when every entity is observed in every period.</summary>
    public bool IsBalanced => IncompleteEntities == 0;

    /// <summary>True when some entity misses a period between its first and last (a lag across it is missing).</summary>
    public bool HasGaps => EntitiesWithGaps > 0;

    /// <param name="panel">The panel.</param>
    /// <param name="entitySizes">Rows of each entity level when already counted (else counted here).</param>
    internal static PanelStructure Describe(PanelData panel, int[]? entitySizes = null)
    {
        int n = panel.RowCount;
        int g = panel.Entities.LevelCount, t = panel.Times.LevelCount;
        if (n == 0) return new PanelStructure(0, 0, 0, 0, 0, 0, 0);
        var ent = panel.Entities.Codes;
        var ordinals = panel.LevelOrdinals;
        var times = panel.Times.Codes;
        long step = panel.TimeStep;
        // Rows are sorted by entity then time, so a gap is a jump of more than one step between neighbours.
        // Ordinals (not level codes) are used so that a year absent from the whole panel is a gap too,
        // exactly as Lag sees it. The entity sizes, when not given, are counted in the same pass.
        bool count = entitySizes is null;
        var sizes = entitySizes ?? new int[g];
        var hasGap = new bool[g];
        if (count) sizes[ent[0]]++;
        for (int r = 1; r < n; r++)
        {
            if (count) sizes[ent[r]]++;
            if (ent[r] == ent[r - 1] && ordinals[times[r]] - ordinals[times[r - 1]] > step)
                hasGap[ent[r]] = true;
        }
        int gaps = hasGap.Count(x => x);
        return new PanelStructure(n, g, t, sizes.Min(), sizes.Max(), gaps, sizes.Count(s => s < t));
    }

    /// <summary>One line such as "285 entities × 12 periods, 3,420 observations, balanced".</summary>
    public override string ToString() =>
        $"{EntityCount:N0} entities × {PeriodCount:N0} periods, {Observations:N0} observations, " +
        (IsBalanced ? "balanced" : $"unbalanced ({IncompleteEntities:N0} entities incomplete, {EntitiesWithGaps:N0} with gaps; {MinPeriodsPerEntity}–{MaxPeriodsPerEntity} periods per entity)");
}

/// <summary>What listwise deletion removed.</summary>
/// <param name="RowsBefore">Rows before deletion.</param>
/// <param name="RowsDropped">Rows removed because at least one listed column was missing.</param>
/// <param name="EntitiesDropped">Entities that lost all their rows.</param>
/// <param name="MissingByColumn">For each column with missing values, how many rows were missing in it.</param>
public sealed record MissingValueReport(int RowsBefore, int RowsDropped, int EntitiesDropped, IReadOnlyList<KeyValuePair<string, int>> MissingByColumn)
{
    /// <summary>Labels of the entities that lost all their rows (their count is <see cref="EntitiesDropped"/>).</summary>
    public IReadOnlyList<string> DroppedEntities { get; init; } = [];

    /// <summary>Rows kept.</summary>
    public int RowsKept => RowsBefore - RowsDropped;

    /// <summary>E.g. "12 of 3,420 rows dropped for missing values (gap: 5, fdi: 9); 1 entity dropped entirely".</summary>
    public override string ToString() =>
        RowsDropped == 0
            ? "No rows dropped for missing values."
            : $"{RowsDropped:N0} of {RowsBefore:N0} rows dropped for missing values ({string.Join(", ", MissingByColumn.Select(kv => $"{kv.Key}: {kv.Value:N0}"))})" +
              (EntitiesDropped > 0 ? $"; {EntitiesDropped:N0} entit{(EntitiesDropped == 1 ? "y" : "ies")} dropped entirely." : ".");
}
