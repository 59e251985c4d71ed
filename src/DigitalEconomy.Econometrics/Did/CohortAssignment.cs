using System.Globalization;
using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Econometrics.Did;

/// <summary>
/// The adoption cohort of every unit read from a cohort column: the first treated period, 0 (or empty) for
/// never-treated units. Treatment is absorbing, so a cohort that differs between two rows of one unit is an error.
/// </summary>
internal sealed class CohortAssignment
{
    private CohortAssignment(long[] periods, long[] cohortOfUnit, int[] unitOfRow, int[] periodOfRow)
    {
        Periods = periods;
        CohortOfUnit = cohortOfUnit;
        UnitOfRow = unitOfRow;
        PeriodOfRow = periodOfRow;
    }

    /// <summary>Distinct periods of the panel, ascending.</summary>
    public long[] Periods { get; }

    /// <summary>Cohort (first treated period) of each unit by entity code; 0 = never treated.</summary>
    public long[] CohortOfUnit { get; }

    /// <summary>Entity code of each row.</summary>
    public int[] UnitOfRow { get; }

    /// <summary>Index into <see cref="Periods"/> of each row.</summary>
    public int[] PeriodOfRow { get; }

    /// <summary>Distinct treated cohorts, ascending.</summary>
    public long[] TreatedCohorts => CohortOfUnit.Where(c => c != 0).Distinct().Order().ToArray();

    /// <summary>1 when row r is treated (its unit's cohort is set and the period is on or after it).</summary>
    public bool IsTreated(int row)
    {
        long g = CohortOfUnit[UnitOfRow[row]];
        return g != 0 && Periods[PeriodOfRow[row]] >= g;
    }

    public static CohortAssignment Read(PanelData panel, string cohortColumn)
    {
        ArgumentNullException.ThrowIfNull(panel);
        if (!panel.HasIntegerTimes)
            throw new SpecificationException($"Difference-in-differences needs integer periods (years) in '{panel.TimeName}' so that cohorts can be compared with them.");
        var values = panel.Column(cohortColumn);
        var units = panel.Entities;
        var ordinals = panel.TimeOrdinals;
        var periods = ordinals.ToArray().Distinct().Order().ToArray();
        var periodIndex = new Dictionary<long, int>(periods.Length);
        for (int i = 0; i < periods.Length; i++) periodIndex[periods[i]] = i;

        var cohort = new long[units.LevelCount];
        var seen = new bool[units.LevelCount];
        var unitOfRow = units.Codes.ToArray();
        var periodOfRow = new int[panel.RowCount];
        for (int r = 0; r < panel.RowCount; r++)
        {
            periodOfRow[r] = periodIndex[ordinals[r]];
            double v = values[r];
            long g;
            if (double.IsNaN(v) || v == 0) g = 0;
            else if (double.IsInfinity(v) || v != Math.Round(v) || v < 0)
                throw new SpecificationException($"Cohort column '{cohortColumn}' must hold the first treated period (an integer) or 0/empty for never treated; row {panel.Describe(r)} has {v.ToString(CultureInfo.InvariantCulture)}.");
            else g = (long)v;
            int u = unitOfRow[r];
            if (!seen[u]) { seen[u] = true; cohort[u] = g; }
            else if (cohort[u] != g)
                throw new SpecificationException($"Cohort column '{cohortColumn}' varies within unit '{units.Levels[u]}' ({cohort[u]} and {g}); treatment must be absorbing, with one first treated period per unit.");
        }
        return new CohortAssignment(periods, cohort, unitOfRow, periodOfRow);
    }
}
