using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Inference;

/// <summary>
/// One linear restriction Σ_j w_j β_j = value on named coefficients, e.g. β_dei = 0 or β_east − β_west = 0.
/// </summary>
/// <param name="Weights">Weight of each coefficient named in the restriction (coefficients not named have weight 0).</param>
/// <param name="Value">Right-hand side r.</param>
public sealed record LinearRestriction(IReadOnlyDictionary<string, double> Weights, double Value = 0)
{
    /// <summary>β_name = value.</summary>
    public static LinearRestriction Is(string name, double value) => new(new Dictionary<string, double> { [name] = 1 }, value);

    /// <summary>β_name = 0.</summary>
    public static LinearRestriction Zero(string name) => Is(name, 0);

    /// <summary>β_a = β_b.</summary>
    public static LinearRestriction Equal(string a, string b) =>
        a == b
            ? throw new SpecificationException($"The restriction β_{a} = β_{b} compares a coefficient with itself.")
            : new(new Dictionary<string, double> { [a] = 1, [b] = -1 }, 0);

    /// <summary>E.g. "dei − gov = 0".</summary>
    public override string ToString() =>
        string.Join(" ", Weights.Select((w, i) => (i == 0 ? (w.Value < 0 ? "−" : "") : (w.Value < 0 ? "− " : "+ ")) + (Math.Abs(w.Value) == 1 ? "" : Math.Abs(w.Value).ToString("G6", System.Globalization.CultureInfo.InvariantCulture) + "·") + w.Key))
        + " = " + Value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A Wald test of q linear restrictions R β = r: W = (Rβ̂ − r)' (R V̂ R')⁻¹ (Rβ̂ − r), reported as χ²(q) = W and as
/// F = W/q referred to F(q, df) with the result's inference degrees of freedom (residual df, or G − 1 under
/// clustering, as Stata's <c>test</c>); with infinite df (z inference) the F form equals χ²(q)/q.
/// </summary>
/// <param name="Restrictions">The restrictions tested, as text.</param>
/// <param name="ChiSquared">W.</param>
/// <param name="F">W / q.</param>
/// <param name="NumeratorDf">q.</param>
/// <param name="DenominatorDf">df of the F reference (∞ for z inference).</param>
/// <param name="PValueChiSquared">P(χ²(q) &gt; W).</param>
/// <param name="PValueF">P(F(q, df) &gt; F).</param>
public sealed record WaldTestResult(IReadOnlyList<string> Restrictions, double ChiSquared, double F, int NumeratorDf, double DenominatorDf,
    double PValueChiSquared, double PValueF);

/// <summary>Wald tests of linear restrictions from estimates and their variance matrix (Greene 2018, §5.3; Wooldridge 2010, §7.6).</summary>
public static class WaldTest
{
    /// <summary>Tests R β = r given β̂ and V̂ (q × K restriction matrix R, q-vector r).</summary>
    /// <param name="estimates">β̂ (K).</param>
    /// <param name="variance">V̂ (K × K).</param>
    /// <param name="r">Restriction matrix R (q × K).</param>
    /// <param name="value">Right-hand side r (q).</param>
    /// <param name="denominatorDf">df of the F reference; <see cref="double.PositiveInfinity"/> for z inference.</param>
    /// <param name="labels">Text of each restriction (optional).</param>
    /// <exception cref="SpecificationException">Dimensions disagree, or R V̂ R' is singular (redundant or untestable restrictions).</exception>
    public static WaldTestResult Compute(IReadOnlyList<double> estimates, double[,] variance, double[,] r, IReadOnlyList<double> value,
        double denominatorDf, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        ArgumentNullException.ThrowIfNull(variance);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(value);
        int k = estimates.Count, q = r.GetLength(0);
        if (q == 0) throw new SpecificationException("A Wald test needs at least one restriction.");
        if (variance.GetLength(0) != k || variance.GetLength(1) != k || r.GetLength(1) != k || value.Count != q)
            throw new SpecificationException($"Wald test dimensions disagree: {k} estimates, a {variance.GetLength(0)} × {variance.GetLength(1)} variance, R is {q} × {r.GetLength(1)} and r has {value.Count} values.");
        var d = new double[q];
        for (int a = 0; a < q; a++)
        {
            double s = -value[a];
            for (int j = 0; j < k; j++) s += r[a, j] * estimates[j];
            d[a] = s;
        }
        // R V R' without forming V R' twice.
        var rv = new double[q, k];
        for (int a = 0; a < q; a++)
            for (int j = 0; j < k; j++)
            {
                double s = 0;
                for (int l = 0; l < k; l++) s += r[a, l] * variance[l, j];
                rv[a, j] = s;
            }
        var middle = new double[q, q];
        for (int a = 0; a < q; a++)
            for (int b = 0; b < q; b++)
            {
                double s = 0;
                for (int j = 0; j < k; j++) s += rv[a, j] * r[b, j];
                middle[a, b] = s;
            }
        var chol = new CholeskySolver(middle, 1e-12);
        if (chol.Rank < q)
            throw new SpecificationException($"The {q} restrictions cannot be tested jointly: R V R' has rank {chol.Rank} < {q} (a restriction is redundant, or the variance estimate has too few clusters).");
        var w = chol.Solve(d);
        double wald = 0;
        for (int a = 0; a < q; a++) wald += d[a] * w[a];
        double f = wald / q;
        return new WaldTestResult(labels ?? Enumerable.Range(1, q).Select(i => $"restriction {i}").ToArray(), wald, f, q, denominatorDf,
            Distributions.ChiSquaredUpper(wald, q), Distributions.FUpper(f, q, denominatorDf));
    }

    /// <summary>Tests named restrictions against estimates and a labelled variance matrix.</summary>
    /// <param name="estimates">β̂ in the order of <paramref name="variance"/>.</param>
    /// <param name="variance">V̂ with coefficient names.</param>
    /// <param name="restrictions">The restrictions (at least one).</param>
    /// <param name="denominatorDf">df of the F reference; <see cref="double.PositiveInfinity"/> for z inference.</param>
    /// <exception cref="SpecificationException">Unknown coefficient names, or untestable restrictions.</exception>
    public static WaldTestResult Compute(IReadOnlyList<double> estimates, VarianceMatrix variance, IReadOnlyList<LinearRestriction> restrictions, double denominatorDf)
    {
        ArgumentNullException.ThrowIfNull(variance);
        ArgumentNullException.ThrowIfNull(restrictions);
        var r = new double[restrictions.Count, variance.Count];
        var value = new double[restrictions.Count];
        for (int a = 0; a < restrictions.Count; a++)
        {
            foreach (var (name, weight) in restrictions[a].Weights) r[a, variance.IndexOf(name)] += weight;
            value[a] = restrictions[a].Value;
        }
        return Compute(estimates, variance.ToArray(), r, value, denominatorDf, restrictions.Select(x => x.ToString()).ToArray());
    }
}
