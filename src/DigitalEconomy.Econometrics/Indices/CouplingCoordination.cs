using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Econometrics.Indices;

/// <summary>One of the ten coordination classes of a coupling coordination degree D (0.1 wide, lower bound inclusive).</summary>
/// <param name="Level">1 (extreme imbalance) … 10 (high-quality coordination).</param>
/// <param name="Label">English label, e.g. "barely coordinated".</param>
/// <param name="ChineseLabel">The usual Chinese label, e.g. 勉强协调.</param>
/// <param name="Lower">Lower bound of D in the class (inclusive).</param>
/// <param name="Upper">Upper bound of D in the class (exclusive, except 1 for the top class).</param>
public sealed record CoordinationClass(int Level, string Label, string ChineseLabel, double Lower, double Upper);

/// <summary>Coupling degree C, comprehensive development index T and coupling coordination degree D = √(C·T) of one unit.</summary>
/// <param name="Coupling">C = n·[Π U_i / (Σ U_i)ⁿ]^(1/n), the ratio of the geometric to the arithmetic mean of the scores, in [0, 1].</param>
/// <param name="Development">T = Σ α_i U_i.</param>
/// <param name="Degree">D = √(C·T).</param>
public readonly record struct CouplingCoordinationValue(double Coupling, double Development, double Degree);

/// <summary>Settings of <see cref="CouplingCoordination.Compute(PanelData, IReadOnlyList{string}, CouplingCoordinationOptions?)"/>.</summary>
public sealed record CouplingCoordinationOptions
{
    /// <summary>Contribution weights α_i of the subsystems in T (non-negative, summing to 1); null (default) gives α_i = 1/n.</summary>
    public IReadOnlyList<double>? Weights { get; init; }

    /// <summary>
    /// Rescale each subsystem's scores (pooled over all rows) to [0.01, 0.99] by min-max before computing C, T and D,
    /// as some software does silently so that no score is exactly 0. Default false; the choice is recorded in the result.
    /// </summary>
    public bool Rescale { get; init; }

    /// <summary>
    /// The relative development type calls the subsystems balanced when max U − min U is at most this (default 0.1,
    /// the usual convention); otherwise the subsystem with the lowest score lags.
    /// </summary>
    public double BalanceTolerance { get; init; } = 0.1;

    /// <summary>Grouping column (e.g. "region") for the summaries by group and period; null summarises all units only.</summary>
    public string? GroupColumn { get; init; }
}

/// <summary>The coupling coordination of one entity-period.</summary>
/// <param name="Entity">Entity label.</param>
/// <param name="Time">Period label.</param>
/// <param name="Scores">Subsystem scores U_i used (after rescaling, when enabled), in the order of the systems.</param>
/// <param name="Value">C, T and D.</param>
/// <param name="Class">The coordination class of D.</param>
/// <param name="Lagging">Name of the lagging subsystem (lowest score), or null when the subsystems are balanced.</param>
public sealed record CouplingCoordinationRow(string Entity, string Time, IReadOnlyList<double> Scores, CouplingCoordinationValue Value,
    CoordinationClass Class, string? Lagging);

/// <summary>Mean coupling coordination of a group in a period.</summary>
/// <param name="Time">Period label.</param>
/// <param name="Group">Group label; "All" for every unit of the period.</param>
/// <param name="Count">Units.</param>
/// <param name="MeanCoupling">Mean C.</param>
/// <param name="MeanDevelopment">Mean T.</param>
/// <param name="MeanDegree">Mean D.</param>
public sealed record CouplingCoordinationSummary(string Time, string Group, int Count, double MeanCoupling, double MeanDevelopment, double MeanDegree);

/// <summary>Coupling coordination of every entity-period (<see cref="CouplingCoordination"/>).</summary>
/// <param name="Systems">Subsystem columns, in order.</param>
/// <param name="Weights">α_i used in T.</param>
/// <param name="Rescaled">Whether the scores were rescaled to [0.01, 0.99] first.</param>
/// <param name="GroupColumn">Grouping column of the summaries, or null.</param>
/// <param name="Rows">One row per complete entity-period, in panel order.</param>
/// <param name="Summary">Per period: all units ("All"), then each group in level order.</param>
/// <param name="Missing">Rows dropped because a subsystem score was missing.</param>
public sealed record CouplingCoordinationResult(IReadOnlyList<string> Systems, IReadOnlyList<double> Weights, bool Rescaled, string? GroupColumn,
    IReadOnlyList<CouplingCoordinationRow> Rows, IReadOnlyList<CouplingCoordinationSummary> Summary, MissingValueReport Missing);

/// <summary>
/// Coupling coordination degree model of n ≥ 2 subsystems with scores U_i ∈ [0, 1]:
/// C = n·[Π U_i / (Σ U_i)ⁿ]^(1/n), T = Σ α_i U_i, D = √(C·T) (Liao 1999; Wang, Li and Fang 2021 discuss the forms in
/// use). The factor n makes C reach 1 when the scores are equal; the widely copied form without it is bounded by 1/n.
/// D is classified in ten 0.1-wide classes from extreme imbalance (极度失调) to high-quality coordination (优质协调).
/// </summary>
public static class CouplingCoordination
{
    private static readonly CoordinationClass[] Classes =
    [
        new(1, "extreme imbalance", "极度失调", 0.0, 0.1),
        new(2, "serious imbalance", "严重失调", 0.1, 0.2),
        new(3, "moderate imbalance", "中度失调", 0.2, 0.3),
        new(4, "mild imbalance", "轻度失调", 0.3, 0.4),
        new(5, "on the verge of imbalance", "濒临失调", 0.4, 0.5),
        new(6, "barely coordinated", "勉强协调", 0.5, 0.6),
        new(7, "primary coordination", "初级协调", 0.6, 0.7),
        new(8, "intermediate coordination", "中级协调", 0.7, 0.8),
        new(9, "good coordination", "良好协调", 0.8, 0.9),
        new(10, "high-quality coordination", "优质协调", 0.9, 1.0),
    ];

    /// <summary>The ten classes, from level 1 to level 10.</summary>
    public static IReadOnlyList<CoordinationClass> AllClasses => Classes;

    /// <summary>
    /// The class of D: level = ⌊10·D⌋ + 1 (lower bounds inclusive), with D = 1 in level 10. A D within 10⁻⁹ below a
    /// boundary counts as on it, so that 0.3 computed as 0.29999999999999998 is level 4.
    /// </summary>
    /// <exception cref="SpecificationException">D outside [0, 1] or missing.</exception>
    public static CoordinationClass Classify(double degree)
    {
        if (!(degree >= 0 && degree <= 1 + 1e-12))
            throw new SpecificationException($"A coupling coordination degree must lie in [0, 1]; got {degree}.");
        int level = (int)Math.Floor(10 * degree + 1e-9) + 1;
        return Classes[Math.Clamp(level, 1, 10) - 1];
    }

    /// <summary>C, T and D of one unit's scores with weights α (null: 1/n). C = 0 when some U_i = 0 (including all zero).</summary>
    /// <exception cref="SpecificationException">Fewer than two scores, a score outside [0, 1], or weights of the wrong length / not summing to 1.</exception>
    public static CouplingCoordinationValue Compute(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights = default)
    {
        int n = scores.Length;
        if (n < 2) throw new SpecificationException($"Coupling coordination needs at least two subsystem scores; got {n}.");
        if (!weights.IsEmpty) CheckWeights(weights, n);
        foreach (var u in scores)
            if (!(u >= 0 && u <= 1))
                throw new SpecificationException($"Coupling coordination needs subsystem scores in [0, 1]; got {u}. Normalise the scores first (or enable rescaling).");
        return Evaluate(scores, weights);
    }

    private static CouplingCoordinationValue Evaluate(ReadOnlySpan<double> scores, ReadOnlySpan<double> weights)
    {
        int n = scores.Length;
        double sum = 0, logSum = 0, t = 0;
        bool zero = false;
        for (int i = 0; i < n; i++)
        {
            double u = scores[i];
            sum += u;
            t += (weights.IsEmpty ? 1.0 / n : weights[i]) * u;
            if (u == 0) zero = true; else logSum += Math.Log(u);
        }
        // n·[Π U / (Σ U)ⁿ]^(1/n) = geometric mean / arithmetic mean; the log form avoids underflow of the product.
        double c = zero ? 0 : Math.Min(1, Math.Exp(logSum / n) / (sum / n));
        return new CouplingCoordinationValue(c, t, Math.Sqrt(c * t));
    }

    private static void CheckWeights(ReadOnlySpan<double> weights, int n)
    {
        if (weights.Length != n)
            throw new SpecificationException($"Coupling coordination weights: {weights.Length} given for {n} subsystems; give one weight per subsystem.");
        double total = 0;
        foreach (var w in weights)
        {
            if (!(w >= 0)) throw new SpecificationException($"Coupling coordination weights must be non-negative; got {w}.");
            total += w;
        }
        if (Math.Abs(total - 1) > 1e-6)
            throw new SpecificationException($"Coupling coordination weights must sum to 1; they sum to {total:G6}.");
    }

    /// <summary>
    /// C, T, D, the class and the relative development type for every entity-period of <paramref name="panel"/> whose
    /// subsystem columns <paramref name="systems"/> are all present (rows with a missing score are dropped and reported),
    /// with the mean by period and, when <see cref="CouplingCoordinationOptions.GroupColumn"/> is set, by group and period.
    /// </summary>
    /// <exception cref="SpecificationException">Fewer than two systems, an unknown column, a score outside [0, 1], bad weights.</exception>
    public static CouplingCoordinationResult Compute(PanelData panel, IReadOnlyList<string> systems, CouplingCoordinationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(systems);
        options ??= new CouplingCoordinationOptions();
        int n = systems.Count;
        if (n < 2) throw new SpecificationException($"Coupling coordination needs at least two subsystem columns; got {n}.");
        if (systems.Distinct(StringComparer.Ordinal).Count() != n)
            throw new SpecificationException("Coupling coordination: a subsystem column is listed twice.");
        foreach (var s in systems)
            if (!panel.HasNumeric(s)) throw panel.UnknownColumn(s);
        var weights = options.Weights?.ToArray() ?? Enumerable.Repeat(1.0 / n, n).ToArray();
        CheckWeights(weights, n);
        if (!(options.BalanceTolerance >= 0))
            throw new SpecificationException($"The balance tolerance must be non-negative; got {options.BalanceTolerance}.");

        var sample = panel.DropMissing(systems, out var missing);
        int rows = sample.RowCount;
        if (rows == 0) throw new SpecificationException($"Coupling coordination: no row has all of {string.Join(", ", systems)}.");
        var columns = systems.Select(s => sample.CopyColumn(s)).ToArray();
        if (options.Rescale)
            foreach (var col in columns) RescaleInPlace(col);
        for (int j = 0; j < n; j++)
            for (int r = 0; r < rows; r++)
                if (!(columns[j][r] >= 0 && columns[j][r] <= 1))
                    throw new SpecificationException(
                        $"Coupling coordination needs scores in [0, 1], but '{systems[j]}' at {sample.Describe(r)} is {columns[j][r]}. Normalise the subsystem first (or enable rescaling).");

        var result = new CouplingCoordinationRow[rows];
        var u = new double[n];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < n; j++) u[j] = columns[j][r];
            var value = Evaluate(u, weights);
            int lo = 0, hi = 0;
            for (int j = 1; j < n; j++)
            {
                if (u[j] < u[lo]) lo = j;
                if (u[j] > u[hi]) hi = j;
            }
            string? lagging = u[hi] - u[lo] > options.BalanceTolerance ? systems[lo] : null;
            result[r] = new CouplingCoordinationRow(sample.Entities.LabelOf(r), sample.Times.LabelOf(r), (double[])u.Clone(), value, Classify(value.Degree), lagging);
        }
        return new CouplingCoordinationResult(systems.ToArray(), weights, options.Rescale, options.GroupColumn, result,
            Summarise(sample, result, options.GroupColumn), missing);
    }

    /// <summary>x → 0.01 + 0.98·(x − min)/(max − min), pooled over the column.</summary>
    private static void RescaleInPlace(double[] x)
    {
        double min = x.Min(), max = x.Max();
        if (!(max > min))
            throw new SpecificationException($"Rescaling to [0.01, 0.99] needs variation, but every score equals {min}.");
        for (int i = 0; i < x.Length; i++) x[i] = 0.01 + 0.98 * (x[i] - min) / (max - min);
    }

    private static CouplingCoordinationSummary[] Summarise(PanelData sample, CouplingCoordinationRow[] rows, string? groupColumn)
    {
        var times = sample.Times;
        Factor? groups = groupColumn is null ? null : sample.Grouping(groupColumn);
        int g = groups?.LevelCount ?? 0;
        int cells = times.LevelCount * (g + 1);
        var count = new int[cells];
        var sums = new double[cells * 3];
        for (int r = 0; r < rows.Length; r++)
        {
            int t = times.Codes[r];
            Add(t * (g + 1));
            if (groups is not null) Add(t * (g + 1) + 1 + groups.Codes[r]);

            void Add(int cell)
            {
                count[cell]++;
                sums[3 * cell] += rows[r].Value.Coupling;
                sums[3 * cell + 1] += rows[r].Value.Development;
                sums[3 * cell + 2] += rows[r].Value.Degree;
            }
        }
        var order = Enumerable.Range(0, times.LevelCount).OrderBy(t => sample.LevelOrdinals[t]);
        var summary = new List<CouplingCoordinationSummary>();
        foreach (int t in order)
            for (int k = 0; k <= g; k++)
            {
                int cell = t * (g + 1) + k;
                if (count[cell] == 0) continue;
                double m = count[cell];
                summary.Add(new CouplingCoordinationSummary(times.Levels[t], k == 0 ? "All" : groups!.Levels[k - 1], count[cell],
                    sums[3 * cell] / m, sums[3 * cell + 1] / m, sums[3 * cell + 2] / m));
            }
        return summary.ToArray();
    }
}
