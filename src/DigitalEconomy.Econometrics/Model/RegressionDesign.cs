using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Model;

/// <summary>
/// A regression problem in array form — the low-level entry for callers that already hold contiguous data
/// (bootstraps, simulations, very large panels): outcome y, slope regressors X (column-major, no constant
/// column), the absorbed fixed effects and any further groupings available for clustering. No missing values
/// are allowed here (listwise deletion happens in the <see cref="PanelData"/> entry).
/// </summary>
internal sealed class RegressionDesign
{
    /// <summary>Creates a design after checking shapes and finiteness.</summary>
    /// <param name="dependent">Name of y.</param>
    /// <param name="y">Outcome, one value per row.</param>
    /// <param name="regressorNames">Names of the columns of <paramref name="x"/>.</param>
    /// <param name="x">Slope regressors, rows × k, column-major.</param>
    /// <param name="fixedEffects">Absorbed factors (may be empty).</param>
    /// <param name="groupings">
    /// Further groupings that may be named as cluster variables (fixed effects can be named too). Also used to
    /// identify which fixed effects are nested in the clusters.
    /// </param>
    /// <param name="periods">Time period codes in chronological order (needed only for Driscoll–Kraay).</param>
    public RegressionDesign(string dependent, double[] y, IReadOnlyList<string> regressorNames, ColumnMajorMatrix x,
        IReadOnlyList<GroupCodes>? fixedEffects = null, IReadOnlyList<GroupCodes>? groupings = null, GroupCodes? periods = null)
    {
        ArgumentNullException.ThrowIfNull(dependent);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(regressorNames);
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rows != y.Length)
            throw new SpecificationException($"y has {y.Length} rows but the regressor matrix has {x.Rows}.");
        if (regressorNames.Count != x.Columns)
            throw new SpecificationException($"{regressorNames.Count} regressor names for a matrix with {x.Columns} columns.");
        if (regressorNames.Distinct().Count() != regressorNames.Count)
            throw new SpecificationException("Regressor names must be distinct.");
        Dependent = dependent;
        Y = y;
        RegressorNames = regressorNames.ToArray();
        X = x;
        FixedEffects = fixedEffects?.ToArray() ?? [];
        Groupings = groupings?.ToArray() ?? [];
        Periods = periods;
        foreach (var g in FixedEffects.Concat(Groupings).Append(periods))
            if (g is not null && g.Count != y.Length)
                throw new SpecificationException($"Grouping '{g.Name}' has {g.Count} rows; the design has {y.Length}.");
    }

    /// <summary>Name of the outcome.</summary>
    public string Dependent { get; }

    /// <summary>Outcome values.</summary>
    public double[] Y { get; }

    /// <summary>Slope regressor names.</summary>
    public IReadOnlyList<string> RegressorNames { get; }

    /// <summary>Slope regressors (column-major).</summary>
    public ColumnMajorMatrix X { get; }

    /// <summary>Absorbed fixed effects.</summary>
    public IReadOnlyList<GroupCodes> FixedEffects { get; }

    /// <summary>Other groupings usable as cluster variables.</summary>
    public IReadOnlyList<GroupCodes> Groupings { get; }

    /// <summary>Chronological period codes, for Driscoll–Kraay.</summary>
    public GroupCodes? Periods { get; }

    /// <summary>Number of rows.</summary>
    public int Rows => Y.Length;

    /// <summary>
    /// Varying slopes per fixed effect (same order as <see cref="FixedEffects"/>; null where the effect has none),
    /// or null when no fixed effect carries slopes.
    /// </summary>
    internal IReadOnlyList<VaryingSlopes?>? Slopes { get; init; }

    /// <summary>
    /// Smallest value, largest value and sum of every column of <see cref="X"/> as the design builder found them
    /// while copying the columns (null when not taken); spares the estimator a pass over the design.
    /// </summary>
    internal IReadOnlyList<(double Min, double Max, double Sum)>? XSummaries { get; set; }

    /// <summary>
    /// Set when the design builder left <see cref="Y"/> and <see cref="X"/> unfilled (allocated, not yet written): the
    /// source columns to gather them from. The estimator then either demeans straight from the sources or fills the
    /// arrays first (<see cref="DesignBuilder.Fill"/>); null once the arrays hold the data.
    /// </summary>
    internal PendingColumns? Pending { get; set; }

    /// <summary>Finds a grouping (fixed effect or extra grouping) by name.</summary>
    /// <exception cref="SpecificationException">No grouping has that name.</exception>
    public GroupCodes Grouping(string name) =>
        FixedEffects.Concat(Groupings).Append(Periods).FirstOrDefault(g => g is not null && g.Name == name)
        ?? throw new SpecificationException(
            $"No grouping named '{name}' in the design; available: {string.Join(", ", FixedEffects.Concat(Groupings).Select(g => g.Name))}.");

    /// <summary>Converts a <see cref="Factor"/> into kernel group codes (codes shared, not copied).</summary>
    public static GroupCodes Codes(string name, Factor factor)
    {
        ArgumentNullException.ThrowIfNull(factor);
        return factor.KernelCodes(name);
    }
}

/// <summary>Source columns of a design whose arrays are not yet filled (see <see cref="RegressionDesign.Pending"/>).</summary>
/// <param name="Outcome">The outcome's source column.</param>
/// <param name="Regressors">The regressors' source columns, in design order.</param>
/// <param name="Rows">Source row of every design row (null: all rows, in order).</param>
internal sealed record PendingColumns(double[] Outcome, IReadOnlyList<double[]> Regressors, int[]? Rows);
