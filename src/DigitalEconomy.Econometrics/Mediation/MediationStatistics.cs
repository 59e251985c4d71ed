namespace DigitalEconomy.Econometrics.Mediation;

/// <summary>
/// The slots of the statistic vector a mediation bootstrap replicates: the total effect c, and per mediator
/// the paths a and b, the indirect effect a·b and the direct effect c' — from the mediator's own model
/// (separate design) and from the model with all mediators (parallel design) — plus the total indirect
/// effect and the direct effect of the parallel model. One place for the layout so the fast kernel, the
/// general path and the result object agree.
/// </summary>
internal sealed class MediationStatistics
{
    public MediationStatistics(IReadOnlyList<string> mediators, bool parallel = true)
    {
        Mediators = mediators;
        int m = mediators.Count;
        HasParallel = parallel && m > 1;
        var names = new List<string> { "c" };
        foreach (var name in mediators) names.AddRange([$"a[{name}]", $"b[{name}]", $"ab[{name}]", $"c'[{name}]"]);
        if (HasParallel)
        {
            foreach (var name in mediators) names.AddRange([$"b[{name}|parallel]", $"ab[{name}|parallel]"]);
            names.AddRange(["ab[total|parallel]", "c'[parallel]"]);
        }
        Names = names;
    }

    public IReadOnlyList<string> Mediators { get; }

    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    public bool HasParallel { get; }

    public const int Total = 0;

    public static int A(int j) => 1 + 4 * j;

    public static int B(int j) => 2 + 4 * j;

    public static int Indirect(int j) => 3 + 4 * j;

    public static int Direct(int j) => 4 + 4 * j;

    public int ParallelB(int j) => 1 + 4 * Mediators.Count + 2 * j;

    public int ParallelIndirect(int j) => 2 + 4 * Mediators.Count + 2 * j;

    public int ParallelTotalIndirect => 1 + 6 * Mediators.Count;

    public int ParallelDirect => 2 + 6 * Mediators.Count;

    /// <summary>
    /// Fills the derived slots (a·b, totals) once c, a_j, b_j, c'_j (and the parallel b_j, c') are set.
    /// </summary>
    public void Complete(Span<double> s)
    {
        int m = Mediators.Count;
        for (int j = 0; j < m; j++) s[Indirect(j)] = s[A(j)] * s[B(j)];
        if (!HasParallel) return;
        double total = 0;
        for (int j = 0; j < m; j++)
        {
            s[ParallelIndirect(j)] = s[A(j)] * s[ParallelB(j)];
            total += s[ParallelIndirect(j)];
        }
        s[ParallelTotalIndirect] = total;
    }
}
