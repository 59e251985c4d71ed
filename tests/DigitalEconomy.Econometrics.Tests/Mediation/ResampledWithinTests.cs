using DigitalEconomy.Econometrics.Numerics;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Mediation;

public class ResampledWithinTests
{
    // A small panel: 3 variables (y, x, z) over 9 entities × 5 periods, optionally with rows missing.
    private const int Entities = 9, Periods = 5;

    private sealed record SmallPanel(double[][] Columns, int[] EntityCodes, int[] PeriodCodes);

    private static SmallPanel Create(int seed, bool unbalanced)
    {
        var rng = new Random(seed);
        var cols = Enumerable.Range(0, 3).Select(_ => new List<double>()).ToArray();
        var ent = new List<int>();
        var per = new List<int>();
        for (int i = 0; i < Entities; i++)
        {
            double fe = rng.NextDouble() * 10;
            for (int t = 0; t < Periods; t++)
            {
                // Entity i misses period (i mod 5) for odd i: several patterns, every period still present.
                if (unbalanced && i % 2 == 1 && t == i % Periods) continue;
                double x = fe + t + rng.NextDouble(), z = rng.NextDouble() - fe / 3;
                cols[1].Add(x);
                cols[2].Add(z);
                cols[0].Add(0.7 * x - 0.4 * z + 3 * fe + 0.5 * t * t + rng.NextDouble());
                ent.Add(i);
                per.Add(t);
            }
        }
        return new SmallPanel(cols.Select(c => c.ToArray()).ToArray(), ent.ToArray(), per.ToArray());
    }

    /// <summary>
    /// Slopes of y on (x, z) by explicit dummy-variable OLS on the stacked resample, where draw d is a new
    /// entity: the textbook least-squares dummy-variable estimator, independent of any within algebra.
    /// </summary>
    private static int[] Multiplicity(int[] draws)
    {
        var multiplicity = new int[Entities];
        foreach (var d in draws) multiplicity[d]++;
        return multiplicity;
    }

    private static void SlopesShouldEqualDummyVariableOls(ResampledWithinCrossProducts cross, int[] multiplicity,
        SmallPanel panel, int[] draws, bool entityEffects, bool timeEffects)
    {
        var w = new double[9];
        cross.Accumulate(multiplicity, w, new double[cross.ScratchLength]).Should().BeTrue();
        var beta = new double[2];
        ResampledWithinCrossProducts.SolveNormalEquations(w, 3, [1, 2], 0, beta, new double[4]).Should().BeTrue();
        var expected = DummyVariableSlopes(panel, draws, entityEffects, timeEffects);
        // 1e-9 relative: two exact least-squares routes on ~45 rows; the dummy route solves a ~15×15
        // system whose conditioning costs a few digits.
        beta[0].Should().BeApproximately(expected[0], 1e-9 * Math.Max(1, Math.Abs(expected[0])));
        beta[1].Should().BeApproximately(expected[1], 1e-9 * Math.Max(1, Math.Abs(expected[1])));
    }

    private static double[] DummyVariableSlopes(SmallPanel panel, int[] draws, bool entityEffects, bool timeEffects)
    {
        var rows = new List<(int Draw, int Row)>();
        for (int d = 0; d < draws.Length; d++)
            for (int r = 0; r < panel.EntityCodes.Length; r++)
                if (panel.EntityCodes[r] == draws[d]) rows.Add((d, r));
        int n = rows.Count;
        double[] Stack(double[] c) => rows.Select(x => c[x.Row]).ToArray();
        var regressors = new List<double[]> { Stack(panel.Columns[1]), Stack(panel.Columns[2]) };
        if (entityEffects)
            for (int d = 0; d < draws.Length; d++)
                regressors.Add(rows.Select(x => x.Draw == d ? 1.0 : 0.0).ToArray());
        if (timeEffects)
            for (int t = entityEffects ? 1 : 0; t < Periods; t++)
                regressors.Add(rows.Select(x => panel.PeriodCodes[x.Row] == t ? 1.0 : 0.0).ToArray());
        if (!entityEffects && !timeEffects) regressors.Add(Enumerable.Repeat(1.0, n).ToArray());
        var x = ColumnMajorMatrix.FromColumns(regressors);
        var beta = new CholeskySolver(CrossProducts.Gram(x)).Solve(CrossProducts.XtY(x, Stack(panel.Columns[0])));
        return [beta[0], beta[1]];
    }

    [Theory]
    [InlineData(true, true, false)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, false)]
    [InlineData(true, true, true)]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    [InlineData(false, false, true)]
    public void Slopes_from_the_resampled_cross_product_equal_dummy_variable_OLS_on_the_stacked_resample(bool entityEffects, bool timeEffects, bool unbalanced)
    {
        var panel = Create(3, unbalanced);
        var cross = new ResampledWithinCrossProducts(panel.Columns, panel.EntityCodes, panel.PeriodCodes, Entities, Periods, entityEffects, timeEffects);
        cross.IsBalanced.Should().Be(!unbalanced);
        var rng = new Random(11);
        for (int rep = 0; rep < 5; rep++)
        {
            // Repeated entities are the point: each copy must count as its own entity.
            var draws = Enumerable.Range(0, Entities).Select(_ => rng.Next(Entities)).ToArray();
            var multiplicity = Multiplicity(draws);
            SlopesShouldEqualDummyVariableOls(cross, multiplicity, panel, draws, entityEffects, timeEffects);
        }
    }

    [Fact]
    public void Two_way_cross_product_equals_the_closed_form_within_transform_of_the_stacked_resample()
    {
        var cols = Create(5, false).Columns;
        var cross = new ResampledWithinCrossProducts(cols, Entities, Periods, true, true);
        int[] draws = [0, 0, 0, 4, 4, 8, 1, 2, 2];
        var multiplicity = Multiplicity(draws);
        var w = new double[9];
        cross.Accumulate(multiplicity, w, new double[cross.ScratchLength]);

        int g = draws.Length;
        var demeaned = new double[3][];
        for (int j = 0; j < 3; j++)
        {
            var s = new double[g * Periods];
            for (int d = 0; d < g; d++)
                for (int t = 0; t < Periods; t++) s[d * Periods + t] = cols[j][draws[d] * Periods + t];
            double grand = s.Average();
            var rowMean = Enumerable.Range(0, g).Select(d => s.Skip(d * Periods).Take(Periods).Average()).ToArray();
            var colMean = Enumerable.Range(0, Periods).Select(t => Enumerable.Range(0, g).Average(d => s[d * Periods + t])).ToArray();
            demeaned[j] = new double[s.Length];
            for (int d = 0; d < g; d++)
                for (int t = 0; t < Periods; t++) demeaned[j][d * Periods + t] = s[d * Periods + t] - rowMean[d] - colMean[t] + grand;
        }
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
            {
                double expected = demeaned[a].Zip(demeaned[b], (u, v) => u * v).Sum();
                // 1e-10 relative to the diagonal scale: both are sums of ~45 products of O(1) numbers.
                w[a * 3 + b].Should().BeApproximately(expected, 1e-10 * Math.Sqrt(w[a * 3 + a] * w[b * 3 + b]));
            }
    }

    [Fact]
    public void A_resample_missing_a_whole_period_still_solves_exactly()
    {
        // Only entities missing period 1 or 3 are drawn... plus one complete entity: period coverage is uneven.
        var panel = Create(7, true);
        var cross = new ResampledWithinCrossProducts(panel.Columns, panel.EntityCodes, panel.PeriodCodes, Entities, Periods, true, true);
        int[] draws = [1, 1, 3, 3, 3, 0];
        var multiplicity = Multiplicity(draws);
        SlopesShouldEqualDummyVariableOls(cross, multiplicity, panel, draws, true, true);
    }

    [Fact]
    public void A_collinear_resample_reports_failure_with_NaN_coefficients()
    {
        // z = 2x exactly: the 2×2 system is singular.
        double[] x = Enumerable.Range(0, Entities * Periods).Select(i => Math.Sin(i)).ToArray();
        double[] z = x.Select(v => 2 * v).ToArray();
        double[] y = x.Select(v => v + 1).ToArray();
        var cross = new ResampledWithinCrossProducts([y, x, z], Entities, Periods, true, true);
        var w = new double[9];
        cross.Accumulate(Enumerable.Repeat(1, Entities).ToArray(), w, new double[cross.ScratchLength]);
        var beta = new double[2];
        ResampledWithinCrossProducts.SolveNormalEquations(w, 3, [1, 2], 0, beta, new double[4]).Should().BeFalse();
        beta.Should().OnlyContain(v => double.IsNaN(v));
    }

    [Fact]
    public void Duplicate_keys_and_unsorted_rows_are_rejected()
    {
        double[][] cols = [[1.0, 2, 3], [1.0, 0, 1]];
        var dup = () => new ResampledWithinCrossProducts(cols, [0, 0, 1], [0, 0, 0], 2, 1, true, false);
        dup.Should().Throw<ArgumentException>().WithMessage("*two rows in period*");
        var unsorted = () => new ResampledWithinCrossProducts(cols, [1, 0, 1], [0, 0, 1], 2, 2, true, false);
        unsorted.Should().Throw<ArgumentException>().WithMessage("*sorted*");
    }
}
