using CsCheck;
using DigitalEconomy.Econometrics.Numerics;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Numerics;

/// <summary>
/// The within transformations: every method must return the residual of the column on the factors' dummies,
/// i.e. a vector orthogonal to every dummy (all group sums zero) that differs from the input by a sum of
/// group effects. Exact methods are checked to 1e-12 (relative to the column scale), alternating projections
/// to 1e-8 (tolerance 1e-10 on coefficient changes).
/// </summary>
public class FixedEffectsProjectorTests
{
    private static (GroupCodes A, GroupCodes B, double[] V) Random2Way(int seed, int la, int lb, double drop, bool shuffle)
    {
        var rng = new Random(seed);
        var a = new List<int>();
        var b = new List<int>();
        for (int i = 0; i < la; i++)
            for (int t = 0; t < lb; t++)
                if (t == 0 || rng.NextDouble() >= drop) { a.Add(i); b.Add(t); }
        var idx = Enumerable.Range(0, a.Count).ToArray();
        if (shuffle) rng.Shuffle(idx);
        var v = idx.Select(_ => rng.NextDouble() * 10 - 5).ToArray();
        return (new GroupCodes("a", idx.Select(i => a[i]).ToArray(), la), new GroupCodes("b", idx.Select(i => b[i]).ToArray(), lb), v);
    }

    private static void ShouldBeOrthogonal(double[] v, double tolerance, params GroupCodes[] factors)
    {
        foreach (var f in factors)
        {
            var sums = new double[f.LevelCount];
            for (int r = 0; r < v.Length; r++) sums[f.Codes[r]] += v[r];
            sums.Should().OnlyContain(s => Math.Abs(s) <= tolerance, $"group sums of {f.Name} vanish");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Exact_and_alternating_two_way_agree_and_are_orthogonal(bool shuffled)
    {
        var (a, b, v) = Random2Way(1, 40, 12, 0.3, shuffled);
        var exact = (double[])v.Clone();
        var iterative = (double[])v.Clone();
        var p1 = new FixedEffectsProjector([a, b]);
        p1.Method.Should().Be(FixedEffectsAlgorithm.ExactTwoWay);
        p1.DemeanInPlace(exact);
        var p2 = new FixedEffectsProjector([a, b], new ProjectionSettings(ExactTwoWayMaxLevels: 0));
        p2.Method.Should().Be(FixedEffectsAlgorithm.AlternatingProjections);
        var report = p2.DemeanInPlace(iterative);
        report.Converged.Should().BeTrue();
        ShouldBeOrthogonal(exact, 1e-11, a, b);
        ShouldBeOrthogonal(iterative, 1e-7, a, b);
        for (int r = 0; r < v.Length; r++) iterative[r].Should().BeApproximately(exact[r], 1e-8);
        p1.AbsorbedParameterCount.Should().Be(40 + 12 - 1);
    }

    [Fact]
    public void Balanced_closed_form_equals_the_textbook_formula()
    {
        var (a, b, v) = Random2Way(2, 15, 6, 0.0, shuffle: true);
        var p = new FixedEffectsProjector([a, b]);
        p.Method.Should().Be(FixedEffectsAlgorithm.BalancedTwoWay);
        var w = (double[])v.Clone();
        p.DemeanInPlace(w);
        double grand = v.Average();
        for (int r = 0; r < v.Length; r++)
        {
            int ai = a.Codes[r], bi = b.Codes[r];
            double ma = Enumerable.Range(0, v.Length).Where(q => a.Codes[q] == ai).Average(q => v[q]);
            double mb = Enumerable.Range(0, v.Length).Where(q => b.Codes[q] == bi).Average(q => v[q]);
            w[r].Should().BeApproximately(v[r] - ma - mb + grand, 1e-12);
        }
    }

    [Fact]
    public void One_way_sorted_and_scattered_paths_agree()
    {
        var (a, _, v) = Random2Way(3, 30, 7, 0.4, shuffle: false);
        a.IsSorted.Should().BeTrue();
        var sorted = (double[])v.Clone();
        new FixedEffectsProjector([a]).DemeanInPlace(sorted);
        // Same rows, reversed order: the factor is no longer sorted.
        var rev = Enumerable.Range(0, v.Length).Reverse().ToArray();
        var ar = new GroupCodes("a", rev.Select(i => a.Codes[i]).ToArray(), a.LevelCount);
        ar.IsSorted.Should().BeFalse();
        var scattered = rev.Select(i => v[i]).ToArray();
        new FixedEffectsProjector([ar]).DemeanInPlace(scattered);
        for (int k = 0; k < rev.Length; k++) scattered[k].Should().BeApproximately(sorted[rev[k]], 1e-12);
    }

    [Fact]
    public void Disconnected_design_counts_one_redundancy_per_component()
    {
        // Entities 0–1 only in periods 0–1, entities 2–3 only in periods 2–3: two components.
        int[] a = [0, 0, 1, 1, 2, 2, 3, 3];
        int[] b = [0, 1, 0, 1, 2, 3, 2, 3];
        var p = new FixedEffectsProjector([new GroupCodes("a", a, 4), new GroupCodes("b", b, 4)]);
        p.AbsorbedParameterCount.Should().Be(4 + 4 - 2);
        var v = new double[] { 1, 2, 4, 3, 5, 9, 2, 2 };
        p.DemeanInPlace(v);
        ShouldBeOrthogonal(v, 1e-12, new GroupCodes("a", a, 4), new GroupCodes("b", b, 4));
    }

    [Fact]
    public void Non_convergence_is_an_error_not_a_silent_result()
    {
        var (a, b, v) = Random2Way(5, 30, 10, 0.3, shuffle: true);
        var p = new FixedEffectsProjector([a, b], new ProjectionSettings(Tolerance: 1e-14, MaxIterations: 2, ExactTwoWayMaxLevels: 0));
        var act = () => p.DemeanInPlace(v);
        act.Should().Throw<SpecificationException>().WithMessage("*did not converge in 2 iterations*");
    }

    [Fact]
    public void Many_columns_in_parallel_equal_one_at_a_time_bit_for_bit()
    {
        var (a, b, _) = Random2Way(6, 300, 20, 0.2, shuffle: true);
        var rng = new Random(9);
        var m = new ColumnMajorMatrix(a.Count, 6);
        for (int i = 0; i < m.Data.Length; i++) m.Data[i] = rng.NextDouble();
        var copy = m.Clone();
        var p = new FixedEffectsProjector([a, b], new ProjectionSettings(ExactTwoWayMaxLevels: 0));
        p.DemeanInPlace(m);
        for (int j = 0; j < 6; j++)
        {
            var col = copy.Column(j).ToArray();
            p.DemeanInPlace(col);
            col.Should().Equal(m.Column(j).ToArray());
        }
    }

    [Fact]
    public void Random_designs_are_projected_orthogonally_by_every_method()
    {
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[2, 25], Gen.Int[2, 9], Gen.Double[0, 0.5], Gen.Bool)
            .Sample((seed, la, lb, drop, shuffle) =>
            {
                var (a, b, v) = Random2Way(seed, la, lb, drop, shuffle);
                foreach (var options in new[] { ProjectionSettings.Default, new ProjectionSettings(ExactTwoWayMaxLevels: 0) })
                {
                    var w = (double[])v.Clone();
                    new FixedEffectsProjector([a, b], options).DemeanInPlace(w);
                    ShouldBeOrthogonal(w, 1e-7, a, b);
                }
            }, iter: 60);
    }
}
