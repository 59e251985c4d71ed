using CsCheck;
using DigitalEconomy.Econometrics.Numerics;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Threshold;

/// <summary>Properties of the Numerics kernels the threshold sweep relies on.</summary>
public class ThresholdKernelPropertyTests
{
    /// <summary>
    /// (P u)'a = u'(P'a) for both transformations: the identity that lets r(γ) = D(γ)'e be accumulated
    /// observation by observation. Sums of ≤ 36 products of O(25) terms: 1e-10 absolute is ~1e4·ε·scale.
    /// </summary>
    [Fact]
    public void Within_operator_adjoint_identity_holds()
    {
        var gen =
            from n in Gen.Int[1, 6]
            from t in Gen.Int[2, 6]
            from drop in Gen.Bool
            from u in Gen.Double[-5, 5].Array[n * t]
            from a in Gen.Double[-5, 5].Array[n * (drop ? t - 1 : t)]
            select (n, t, drop, u, a);
        gen.Sample(x =>
        {
            var op = new BalancedWithinOperator(x.n, x.t, x.drop);
            var pu = op.Apply(x.u);
            var pa = new double[op.FullLength];
            op.ApplyAdjoint(x.a, pa);
            VectorKernels.Dot(pu, x.a).Should().BeApproximately(VectorKernels.Dot(x.u, pa), 1e-10);
        });
    }

    /// <summary>
    /// The Gram–Schmidt basis is orthonormal and its residual is orthogonal to every design column, even
    /// with columns scaled like q, q², q³ (the Hansen design). Tolerances: 1e-12 for Q'Q − I (ε·k·passes)
    /// and 1e-9 relative to ‖w‖‖y‖ for w'e.
    /// </summary>
    [Fact]
    public void Orthonormal_basis_residual_is_orthogonal_to_the_design()
    {
        var gen =
            from rows in Gen.Int[8, 40]
            from v in Gen.Double[0.1, 10].Array[rows]
            from y in Gen.Double[-1, 1].Array[rows]
            select (v, y);
        gen.Sample(x =>
        {
            var columns = new[] { x.v, x.v.Select(a => a * a).ToArray(), x.v.Select(a => a * a * a).ToArray() };
            var basis = OrthonormalBasis.Empty(x.v.Length).Extend(columns, out _);
            if (basis is null) return; // numerically collinear draw (e.g. nearly constant v): nothing to check
            for (int i = 0; i < basis.Columns; i++)
                for (int j = 0; j < basis.Columns; j++)
                    VectorKernels.Dot(basis.Q(i), basis.Q(j)).Should().BeApproximately(i == j ? 1 : 0, 1e-12);
            var e = new double[x.y.Length];
            basis.Residualize(x.y, e);
            foreach (var w in columns)
            {
                double scale = Math.Sqrt(VectorKernels.Dot(w, w) * VectorKernels.Dot(x.y, x.y));
                Math.Abs(VectorKernels.Dot(w, e)).Should().BeLessThan(1e-9 * scale);
            }
        });
    }
}
