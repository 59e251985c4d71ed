using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Model;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Regression;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Numerics;

/// <summary>
/// Demeaning straight from the source columns (two passes, cross-products formed on the way) against copying the
/// design, demeaning it in place and forming X'X afterwards. The element arithmetic is the same, so columns and
/// cross-products must be equal bit for bit; the fitted models then agree exactly in coefficients and standard
/// errors, and in R² to rounding (their sums of squares are added in another order).
/// </summary>
public class DemeanFromSourceTests
{
    /// <summary>A sorted unbalanced panel: entity a (blocks), period b, k + 1 source columns, some rows left out.</summary>
    private static (GroupCodes A, GroupCodes B, double[][] Sources, int[]? Rows) Problem(int seed, int entities, int periods, int k, bool subset)
    {
        var rng = new Random(seed);
        var a = new List<int>();
        var b = new List<int>();
        for (int i = 0; i < entities; i++)
            for (int t = 0; t < periods; t++)
                if (t == 0 || rng.NextDouble() >= 0.25) { a.Add(i); b.Add(t); }
        int n = a.Count;
        var sources = Enumerable.Range(0, k + 1).Select(_ => Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 8 - 3 + rng.Next(3)).ToArray()).ToArray();
        int[]? rows = subset ? Enumerable.Range(0, n).Where(r => r % 7 != 3).ToArray() : null;
        int[] Take(List<int> codes) => rows is null ? codes.ToArray() : rows.Select(r => codes[r]).ToArray();
        return (new GroupCodes("a", Take(a), entities), new GroupCodes("b", Take(b), periods), sources, rows);
    }

    [Theory]
    [InlineData(1, false, 2)]
    [InlineData(2, true, 2)]
    [InlineData(3, false, 1)]
    [InlineData(4, true, 1)]
    public void Columns_and_cross_products_equal_copy_then_demean_in_place(int seed, bool subset, int factors)
    {
        // 1,500 entities × 12 periods: several 4,096-row blocks, with entities straddling block boundaries.
        var (a, b, sources, rows) = Problem(seed, 1500, 12, 3, subset);
        var fe = factors == 2 ? new[] { a, b } : [a];
        var projector = new FixedEffectsProjector(fe);
        projector.CanDemeanFromSource.Should().BeTrue();
        int n = a.Count, k = 3;

        var x = new ColumnMajorMatrix(n, k);
        var y = new double[n];
        var plan = projector.SummariseSource(sources, rows);
        var packed = projector.WriteDemeaned(plan, x, y, new bool[k + 1]);
        var gram = CrossProducts.FromPackedWithOutcome(packed, k, out var xty, out double yty);

        var copy = new ColumnMajorMatrix(n, k);
        var yCopy = new double[n];
        for (int r = 0; r < n; r++)
        {
            int s = rows?[r] ?? r;
            for (int j = 0; j < k; j++) copy[r, j] = sources[j][s];
            yCopy[r] = sources[k][s];
        }
        for (int j = 0; j <= k; j++)
        {
            var column = j < k ? copy.Column(j).ToArray() : yCopy;
            plan.Summaries[j].Min.Should().Be(column.Min());
            plan.Summaries[j].Max.Should().Be(column.Max());
            double mean = column.Average(), css = column.Sum(v => (v - mean) * (v - mean));
            plan.Summaries[j].CenteredSs.Should().BeApproximately(css, 1e-10 * css, "the centred SS is merged from block means");
        }
        projector.DemeanInPlace(copy, yCopy);
        var gramCopy = CrossProducts.GramWithOutcome(copy, yCopy, out var xtyCopy, out double ytyCopy);

        x.Data.ToArray().Should().Equal(copy.Data.ToArray());
        y.Should().Equal(yCopy);
        gram.Cast<double>().Should().Equal(gramCopy.Cast<double>());
        xty.Should().Equal(xtyCopy);
        yty.Should().Be(ytyCopy);
    }

    [Fact]
    public void Columns_marked_zero_are_written_as_zeros_and_drop_out_of_the_cross_products()
    {
        var (a, b, sources, rows) = Problem(5, 400, 10, 2, subset: false);
        var projector = new FixedEffectsProjector([a, b]);
        var x = new ColumnMajorMatrix(a.Count, 2);
        x.Data.Fill(double.NaN); // unfilled memory must not leak through
        var y = new double[a.Count];
        var packed = projector.WriteDemeaned(projector.SummariseSource(sources, rows), x, y, [false, true, false]);
        x.Column(1).ToArray().Should().OnlyContain(v => v == 0);
        var gram = CrossProducts.FromPackedWithOutcome(packed, 2, out var xty, out _);
        gram[1, 1].Should().Be(0);
        gram[0, 1].Should().Be(0);
        xty[1].Should().Be(0);
        x.Column(0).ToArray().Should().OnlyContain(v => double.IsFinite(v));
    }

    [Fact]
    public void Residuals_and_cluster_scores_in_one_pass_equal_the_two_separate_passes()
    {
        var (a, _, sources, _) = Problem(7, 900, 11, 4, subset: false);
        int n = a.Count;
        var x = new ColumnMajorMatrix(n, 4);
        for (int j = 0; j < 4; j++) sources[j].AsSpan(0, n).CopyTo(x.Column(j));
        double[] beta = [0.7, 0, -1.3, 2.25]; // a zero coefficient is skipped by both
        var y1 = (double[])sources[4].Clone();
        var y2 = (double[])sources[4].Clone();
        var scores = SandwichMeat.ResidualsAndClusterScores(x, beta, y1, a);
        CrossProducts.SubtractProduct(x, beta, y2);
        var separate = SandwichMeat.ClusterScores(x, y2, a);
        y1.Should().Equal(y2);
        scores.Data.ToArray().Should().Equal(separate.Data.ToArray());
    }

    [Fact]
    public void Unsorted_or_iterative_designs_are_not_offered_the_source_route()
    {
        var (a, b, _, _) = Problem(6, 50, 8, 1, subset: false);
        new FixedEffectsProjector([b]).CanDemeanFromSource.Should().BeFalse("periods are not contiguous in an entity-sorted panel");
        new FixedEffectsProjector([b, a]).CanDemeanFromSource.Should().BeTrue("the large factor (entities) is the blocked one whatever the order");
        new FixedEffectsProjector([a, b], new ProjectionSettings(ExactTwoWayMaxLevels: 0)).CanDemeanFromSource.Should().BeFalse();
    }

    [Theory]
    [InlineData("y ~ x1 + x2 + z | id + t", "id")]
    [InlineData("y ~ x1 + x2 + z | id", "id")]
    [InlineData("y ~ x1 + x2 + c + z | id + t", "t")]
    public void A_fitted_model_is_the_same_by_both_routes(string formula, string cluster)
    {
        var rng = new Random(11);
        var ids = new List<int>();
        var times = new List<int>();
        for (int i = 0; i < 600; i++)
            for (int t = 0; t < 9; t++)
                if (rng.NextDouble() > 0.2) { ids.Add(i); times.Add(2000 + t); }
        int n = ids.Count;
        var z = ids.Select(i => (double)(i % 17)).ToArray(); // constant within entity: absorbed by id
        var x1 = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var x2 = Enumerable.Range(0, n).Select(r => r % 13 == 0 ? double.NaN : rng.NextDouble() * 3).ToArray(); // listwise deletion
        var c = Enumerable.Repeat(4.0, n).ToArray(); // constant
        var y = Enumerable.Range(0, n).Select(r => 0.5 * x1[r] - 0.2 * (double.IsNaN(x2[r]) ? 0 : x2[r]) + ids[r] % 5 + rng.NextDouble()).ToArray();
        var panel = PanelData.Create("id", ids.ToArray(), "t", times.ToArray(),
            [new("y", y), new("x1", x1), new("x2", x2), new("z", z), new("c", c)]);
        var options = PanelRegressionOptions.FromFormula(formula, Vcov.Cluster(cluster), null);

        var fromSource = PanelRegression.Fit(panel, options);
        var frame = PanelRegression.Frame(panel, options); // filled: the copy-and-demean route
        frame.Design.Pending.Should().BeNull();
        var copied = LinearPanelEstimator.Fit(frame.Design, options, overwrite: true, frame.Missing, frame.Rows, frame.OriginalY, panel);

        fromSource.Coefficients.Select(q => q.Name).Should().Equal(copied.Coefficients.Select(q => q.Name));
        fromSource.Coefficients.Select(q => q.Estimate).Should().Equal(copied.Coefficients.Select(q => q.Estimate));
        fromSource.Coefficients.Select(q => q.StdError).Should().Equal(copied.Coefficients.Select(q => q.StdError));
        fromSource.Dropped.Should().Equal(copied.Dropped);
        fromSource.Dropped.Select(d => d.Name).Should().Contain("z");
        fromSource.Observations.Should().Be(copied.Observations);
        fromSource.RSquaredWithin.Should().BeApproximately(copied.RSquaredWithin, 1e-14);
        fromSource.RSquared.Should().BeApproximately(copied.RSquared, 1e-14);
    }
}
