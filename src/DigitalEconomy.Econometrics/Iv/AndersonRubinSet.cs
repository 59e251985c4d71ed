using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Iv;

/// <summary>
/// Inverts the Anderson–Rubin test for one endogenous regressor exactly. For a hypothesised β the excluded
/// instruments' coefficients in the regression of y − βx are d(β) = π_y − βπ_x with variance
/// V(β) = V₀ + βV₁ + β²V₂ (classical, robust or clustered alike, because the residuals are linear in β).
/// β is accepted when d'V⁻¹d ≤ q. As V(β) is positive definite, d'V⁻¹d = q exactly where
/// det(V(β) − d d'/q) = 0, a polynomial of degree 2L₁ whose real roots are the eigenvalues of the
/// companion linearisation of the quadratic matrix polynomial M₀ + βM₁ + β²M₂. The set is the union of the
/// accepted segments between consecutive roots, so it may be a bounded interval, two half-lines, the whole
/// line, several disjoint pieces or empty (Dufour 1997; Mikusheva 2010).
/// </summary>
internal static class AndersonRubinSet
{
    public static IReadOnlyList<ConfidenceInterval> Invert(Vector<double> piy, Vector<double> pix,
        Matrix<double> v0, Matrix<double> v1, Matrix<double> v2, double q)
    {
        var m0 = v0 - piy.OuterProduct(piy) / q;
        var m1 = v1 + (piy.OuterProduct(pix) + pix.OuterProduct(piy)) / q;
        var m2 = v2 - pix.OuterProduct(pix) / q;
        bool Accept(double beta)
        {
            var d = piy - pix * beta;
            var v = v0 + v1 * beta + v2 * (beta * beta);
            return d.DotProduct(v.Solve(d)) <= q;
        }
        var roots = Roots(m0, m1, m2).OrderBy(r => r).ToList();
        var unique = new List<double>();
        foreach (var r in roots)
            if (unique.Count == 0 || Math.Abs(r - unique[^1]) > 1e-9 * (1 + Math.Abs(r))) unique.Add(r);

        var pieces = new List<ConfidenceInterval>();
        if (unique.Count == 0)
        {
            if (Accept(0)) pieces.Add(new ConfidenceInterval(double.NegativeInfinity, double.PositiveInfinity));
            return pieces;
        }
        var bounds = new List<double> { double.NegativeInfinity };
        bounds.AddRange(unique);
        bounds.Add(double.PositiveInfinity);
        for (int s = 0; s + 1 < bounds.Count; s++)
        {
            double lo = bounds[s], hi = bounds[s + 1];
            double probe = double.IsNegativeInfinity(lo) ? hi - (1 + Math.Abs(hi))
                : double.IsPositiveInfinity(hi) ? lo + (1 + Math.Abs(lo)) : 0.5 * (lo + hi);
            if (!Accept(probe)) continue;
            if (pieces.Count > 0 && pieces[^1].High == lo) pieces[^1] = pieces[^1] with { High = hi };
            else pieces.Add(new ConfidenceInterval(lo, hi));
        }
        return pieces;
    }

    /// <summary>Real roots of det(M₀ + βM₁ + β²M₂) = 0.</summary>
    private static IEnumerable<double> Roots(Matrix<double> m0, Matrix<double> m1, Matrix<double> m2)
    {
        // Linearise with the better-conditioned leading matrix; with M₀ leading, the roots are reciprocals.
        bool reversed = m2.ConditionNumber() > m0.ConditionNumber();
        var lead = reversed ? m0 : m2;
        var tail = reversed ? m2 : m0;
        int l = m0.RowCount;
        var c = Matrix<double>.Build.Dense(2 * l, 2 * l);
        c.SetSubMatrix(0, l, Matrix<double>.Build.DenseIdentity(l));
        c.SetSubMatrix(l, 0, -lead.Solve(tail));
        c.SetSubMatrix(l, l, -lead.Solve(m1));
        foreach (var e in c.Evd().EigenValues)
        {
            if (Math.Abs(e.Imaginary) > 1e-8 * (1 + Math.Abs(e.Real))) continue;
            if (!reversed) yield return e.Real;
            else if (e.Real != 0) yield return 1 / e.Real;
        }
    }
}
