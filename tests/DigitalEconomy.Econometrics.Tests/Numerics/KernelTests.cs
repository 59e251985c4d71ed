using DigitalEconomy.Econometrics.Numerics;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Numerics;

/// <summary>SIMD kernels and sandwich meats against naive loops (1e-12 relative: only summation order differs).</summary>
public class KernelTests
{
    private static ColumnMajorMatrix RandomMatrix(int n, int k, int seed)
    {
        var rng = new Random(seed);
        var m = new ColumnMajorMatrix(n, k);
        for (int i = 0; i < m.Data.Length; i++) m.Data[i] = rng.NextDouble() - 0.3;
        return m;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1001)]
    public void Weighted_dot_and_add_scalar_match_loops(int n)
    {
        var x = RandomMatrix(n, 3, n);
        double naive = 0;
        for (int r = 0; r < n; r++) naive += x[r, 0] * x[r, 1] * x[r, 2];
        VectorKernels.WeightedDot(x.Column(0), x.Column(1), x.Column(2)).Should().BeApproximately(naive, 1e-12 * n);
        var c = x.Column(0).ToArray();
        VectorKernels.AddScalar(c, 2.5);
        for (int r = 0; r < n; r++) c[r].Should().Be(x[r, 0] + 2.5);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(11, 2)]
    [InlineData(4097, 5)]
    [InlineData(9001, 6)]
    [InlineData(8193, 11)]
    public void Augmented_gram_matches_naive_loops_for_odd_and_even_widths(int n, int k)
    {
        // Tiles of 2×2 columns (odd widths end with a single row of pairs), lengths off the vector width, several blocks.
        var x = RandomMatrix(n, k, n + k);
        var y = Enumerable.Range(0, n).Select(r => Math.Sin(r) * 3).ToArray();
        var gram = CrossProducts.GramWithOutcome(x, y, out var xty, out double yty);
        double Col(int j, int r) => j < k ? x[r, j] : y[r];
        for (int i = 0; i <= k; i++)
            for (int j = 0; j <= i; j++)
            {
                double naive = 0, scale = 0;
                for (int r = 0; r < n; r++)
                {
                    naive += Col(i, r) * Col(j, r);
                    scale += Math.Abs(Col(i, r) * Col(j, r));
                }
                double got = i < k ? gram[i, j] : j < k ? xty[j] : yty;
                got.Should().BeApproximately(naive, 1e-13 * scale, $"pair ({i}, {j})");
                if (i < k) gram[j, i].Should().Be(gram[i, j]);
            }
        var (ac, ad, bc, bd) = VectorKernels.Dot2x2(x.Column(0), y, y, x.Column(0));
        ac.Should().BeApproximately(VectorKernels.Dot(x.Column(0), y), 1e-12 * n);
        bc.Should().BeApproximately(VectorKernels.Dot(y, y), 1e-12 * n * 9);
        ad.Should().BeApproximately(VectorKernels.Dot(x.Column(0), x.Column(0)), 1e-12 * n);
        bd.Should().Be(ac);
    }

    [Fact]
    public void Cluster_meat_matches_naive_sum_of_score_outer_products_sorted_or_not()
    {
        var x = RandomMatrix(500, 4, 1);
        var rng = new Random(3);
        var e = Enumerable.Range(0, 500).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var sortedCodes = Enumerable.Range(0, 500).Select(r => r / 17).ToArray();
        var shuffledCodes = sortedCodes.OrderBy(_ => rng.Next()).ToArray();
        foreach (var codes in new[] { sortedCodes, shuffledCodes })
        {
            var g = new GroupCodes("g", codes, codes.Max() + 1);
            var meat = SandwichMeat.Cluster(x, e, g);
            var naive = new double[4, 4];
            for (int c = 0; c < g.LevelCount; c++)
            {
                var s = new double[4];
                for (int r = 0; r < 500; r++)
                    if (codes[r] == c)
                        for (int j = 0; j < 4; j++) s[j] += x[r, j] * e[r];
                for (int i = 0; i < 4; i++)
                    for (int j = 0; j < 4; j++) naive[i, j] += s[i] * s[j];
            }
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++) meat[i, j].Should().BeApproximately(naive[i, j], 1e-12 * (1 + Math.Abs(naive[i, j])));
        }
        // Every row its own cluster: the cluster meat is the HC0 meat.
        var hc = SandwichMeat.Heteroskedastic(x, e);
        var own = SandwichMeat.Cluster(x, e, new GroupCodes("r", Enumerable.Range(0, 500).ToArray(), 500));
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) own[i, j].Should().BeApproximately(hc[i, j], 1e-12);
    }

    [Fact]
    public void Eigenvalue_clipping_makes_an_indefinite_matrix_psd_and_leaves_psd_alone()
    {
        var v = new double[,] { { 1, 2 }, { 2, 1 } }; // eigenvalues 3 and −1
        SandwichMeat.ClipNegativeEigenvalues(v).Should().BeTrue();
        // Clipped: 3·uu' with u = (1, 1)/√2 → all entries 1.5.
        foreach (var x in v) x.Should().BeApproximately(1.5, 1e-12);
        var psd = new double[,] { { 2, 1 }, { 1, 2 } };
        SandwichMeat.ClipNegativeEigenvalues(psd).Should().BeFalse();
        psd[0, 1].Should().Be(1);
    }

    [Fact]
    public void Nesting_and_intersection_of_groupings()
    {
        var city = new GroupCodes("city", [0, 0, 1, 1, 2, 2], 3);
        var province = new GroupCodes("prov", [0, 0, 0, 0, 1, 1], 2);
        city.IsNestedIn(province).Should().BeTrue();
        province.IsNestedIn(city).Should().BeFalse();
        var year = new GroupCodes("year", [0, 1, 0, 1, 0, 1], 2);
        GroupCodes.Intersect(city, year).NonEmptyLevelCount.Should().Be(6);
        GroupCodes.Intersect(province, year).NonEmptyLevelCount.Should().Be(4);
        // Sparse cells (2000 × 2000 levels, 4 rows): the hashed path gives the same codes as the dense one.
        var wideA = new GroupCodes("a", [1999, 5, 1999, 5], 2000);
        var wideB = new GroupCodes("b", [7, 7, 7, 1999], 2000);
        GroupCodes.Intersect(wideA, wideB).Codes.ToArray().Should().Equal(0, 1, 0, 2);
        GroupCodes.Intersect(city, year).Codes.ToArray().Should().Equal(0, 1, 2, 3, 4, 5);
    }
}
