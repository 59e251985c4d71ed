using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Dynamics;

/// <summary>
/// A k-class Markov transition matrix estimated by maximum likelihood from transition counts, p_ij = n_ij / n_i
/// (Anderson and Goodman 1957), with its ergodic (stationary) distribution π = πP and the mean first-passage
/// times of Kemeny and Snell (1976, <i>Finite Markov Chains</i>, §4.4): with Z = (I − P + 1π′)⁻¹,
/// m_ij = (z_jj − z_ij)/π_j for i ≠ j and m_ii = 1/π_i (the mean recurrence time).
/// </summary>
public sealed class TransitionMatrix
{
    private TransitionMatrix(long[][] counts)
    {
        int k = counts.Length;
        Classes = k;
        Counts = counts;
        var totals = new long[k];
        var p = new double[k][];
        for (int i = 0; i < k; i++)
        {
            totals[i] = counts[i].Sum();
            p[i] = new double[k];
            for (int j = 0; j < k; j++) p[i][j] = totals[i] > 0 ? (double)counts[i][j] / totals[i] : double.NaN;
        }
        RowTotals = totals;
        Total = totals.Sum();
        Probabilities = p;
        (Ergodic, FirstPassageTimes) = Stationary(p, k);
    }

    /// <summary>A matrix from a k×k table of counts n_ij (from class i to class j).</summary>
    /// <exception cref="SpecificationException">A non-square table or a negative count.</exception>
    public static TransitionMatrix FromCounts(IReadOnlyList<IReadOnlyList<long>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int k = counts.Count;
        if (k < 2) throw new SpecificationException($"A transition matrix needs at least two classes; got {k}.");
        var copy = new long[k][];
        for (int i = 0; i < k; i++)
        {
            if (counts[i].Count != k) throw new SpecificationException($"Transition counts must be square; row {i + 1} has {counts[i].Count} entries for {k} classes.");
            copy[i] = counts[i].ToArray();
            if (copy[i].Any(c => c < 0)) throw new SpecificationException($"Transition counts must be non-negative; row {i + 1} has a negative count.");
        }
        return new TransitionMatrix(copy);
    }

    internal static TransitionMatrix FromOwnedCounts(long[][] counts) => new(counts);

    /// <summary>Number of classes k.</summary>
    public int Classes { get; }

    /// <summary>n_ij: transitions from class i (start of the period) to class j (end).</summary>
    public IReadOnlyList<IReadOnlyList<long>> Counts { get; }

    /// <summary>p_ij = n_ij / n_i; a row with no transitions is NaN.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Probabilities { get; }

    /// <summary>n_i = Σ_j n_ij.</summary>
    public IReadOnlyList<long> RowTotals { get; }

    /// <summary>Σ_ij n_ij.</summary>
    public long Total { get; }

    /// <summary>The ergodic distribution π (πP = π, Σπ = 1); NaN when a row is empty or the chain has no unique stationary distribution.</summary>
    public IReadOnlyList<double> Ergodic { get; }

    /// <summary>Mean first-passage times m_ij (diagonal: mean recurrence times 1/π_i); NaN when π is undefined or some π_j = 0.</summary>
    public IReadOnlyList<IReadOnlyList<double>> FirstPassageTimes { get; }

    /// <summary>True when π and the first-passage times are defined.</summary>
    public bool HasErgodicDistribution => double.IsFinite(Ergodic[0]);

    private static (double[] Pi, double[][] M) Stationary(double[][] p, int k)
    {
        var nan = Enumerable.Repeat(double.NaN, k).ToArray();
        var nanM = Enumerable.Range(0, k).Select(_ => (double[])nan.Clone()).ToArray();
        if (p.Any(row => !double.IsFinite(row[0]))) return (nan, nanM);
        // (P′ − I) π = 0 with the last equation replaced by Σ π = 1.
        var a = new double[k * k];
        var b = new double[k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) a[i * k + j] = p[j][i] - (i == j ? 1 : 0);
        for (int j = 0; j < k; j++) a[(k - 1) * k + j] = 1;
        b[k - 1] = 1;
        if (!SmallLu.TrySolve(a, k, b, 1) || b.Any(v => !(v > 1e-14))) return (nan, nanM);
        var pi = b;
        var z = new double[k * k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) z[i * k + j] = (i == j ? 1 : 0) - p[i][j] + pi[j];
        var zi = SmallLu.TryInverse(z, k);
        if (zi is null) return (pi, nanM);
        var m = new double[k][];
        for (int i = 0; i < k; i++)
        {
            m[i] = new double[k];
            for (int j = 0; j < k; j++) m[i][j] = i == j ? 1 / pi[i] : (zi[j * k + j] - zi[i * k + j]) / pi[j];
        }
        return (pi, m);
    }
}
