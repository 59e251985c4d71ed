using DigitalEconomy.Econometrics.Spatial;
using FluentAssertions;
using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Tests.Spatial;

/// <summary>
/// log|I − ρW| and the traces of G = W(I − ρW)⁻¹ from eigenvalues against dense LU determinants and inverses written
/// here; the Monte Carlo trace approximation against the same (looser: it is an approximation).
/// </summary>
public class SpatialOperatorTests
{
    public static TheoryData<string> Kinds() => new() { "knn", "band", "idw" };

    private static SpatialWeights Make(string kind)
    {
        var keys = Enumerable.Range(0, 40).Select(i => $"k{i:D2}").ToArray();
        var rng = new DigitalEconomy.Econometrics.Numerics.SeededRandom(42);
        var c = SpatialCoordinates.Planar(keys, keys.Select(_ => rng.NextDouble() * 10).ToArray(), keys.Select(_ => rng.NextDouble() * 10).ToArray());
        return kind switch
        {
            "knn" => SpatialWeights.NearestNeighbours(c, 4),
            "band" => SpatialWeights.DistanceBand(c, 4),
            _ => SpatialWeights.InverseDistance(c),
        } switch { var w => w.Standardise(WeightStyle.Row) };
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Eigenvalue_functions_match_dense_determinants_and_inverses(string kind)
    {
        var w = Make(kind);
        var op = SpatialOperator.Create(w, 1000);
        op.IsExact.Should().BeTrue();
        int n = w.Count;
        var wm = Matrix<double>.Build.Dense(n, n, (i, j) => w.Weight(i, j));
        foreach (var rho in new[] { -0.6, 0.1, 0.45, 0.85 })
        {
            var a = Matrix<double>.Build.DenseIdentity(n) - rho * wm;
            var g = wm * a.Inverse();
            // 1e-10: eigen-decomposition vs LU in double precision for N = 40
            op.LogDet(rho).Should().BeApproximately(Math.Log(Math.Abs(a.Determinant())), 1e-10, $"{kind} ρ = {rho}");
            op.TraceG(rho).Should().BeApproximately(g.Trace(), 1e-10);
            op.TraceG2(rho).Should().BeApproximately((g * g).Trace(), 1e-10);
            op.TraceGtG(rho).Should().BeApproximately((g.Transpose() * g).Trace(), 1e-9);
            op.TraceInverse(rho).Should().BeApproximately(a.Inverse().Trace(), 1e-10);
        }
    }

    [Fact]
    public void Tridiagonal_ql_eigenvalues_match_the_full_symmetric_decomposition()
    {
        var rng = new DigitalEconomy.Econometrics.Numerics.SeededRandom(9);
        foreach (int n in new[] { 1, 2, 3, 57 })
        {
            var a = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j <= i; j++) a[i, j] = a[j, i] = rng.NextGaussian();
            var expected = Matrix<double>.Build.DenseOfArray(a).Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).Order().ToArray();
            var actual = DigitalEconomy.Econometrics.Numerics.Eigenvalues.SymmetricValues(a);
            // two backward-stable algorithms on an O(1)-norm matrix: 1e-12 absolute
            for (int k = 0; k < n; k++) actual[k].Should().BeApproximately(expected[k], 1e-12, $"n = {n}, k = {k}");
        }
    }

    [Fact]
    public void Monte_carlo_traces_approximate_the_log_determinant()
    {
        var w = Make("knn");
        var exact = SpatialOperator.Create(w, 1000);
        var approx = SpatialOperator.Create(w, 0);
        approx.IsExact.Should().BeFalse();
        foreach (var rho in new[] { -0.5, 0.3, 0.6 })
            // 40 probes on N = 40: the trace estimates carry a few per cent error; log-det within 0.05·N·ρ²
            approx.LogDet(rho).Should().BeApproximately(exact.LogDet(rho), 0.05 * 40 * rho * rho);
    }
}
