using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Indices;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Reporting;
using FluentAssertions;
using static DigitalEconomy.Econometrics.Tests.Indices.IndexTestSupport;

namespace DigitalEconomy.Econometrics.Tests.Indices;

public class EntropyWeightTests
{
    // 4 cities × 2 years; x3 is a cost indicator.
    private static readonly double[] X1 = [1.2, 3.4, 2.2, 5.0, 0.7, 4.1, 3.3, 2.9];
    private static readonly double[] X2 = [10, 12, 15, 11, 30, 28, 9, 14];
    private static readonly double[] X3 = [0.5, 0.3, 0.9, 0.2, 0.4, 0.45, 0.8, 0.1];
    private static readonly Indicator[] Indicators = [Indicator.Positive("x1"), Indicator.Positive("x2"), Indicator.Negative("x3")];

    private static PanelData SmallPanel() => Panel(4, 2, ["East", "West", "East", "West"], ("x1", X1), ("x2", X2), ("x3", X3));

    [Fact]
    public void Closed_form_with_zero_shift_and_a_zero_share()
    {
        // x1 = (0,0,1): p = (0,0,1), so e1 = 0 (0·ln0 = 0) and d1 = 1.
        // x2 = (0,1,2): x' = (0,½,1), p = (0,⅓,⅔), e2 = ln3 − ⅔ ln2 over ln3, so d2 = ⅔ ln2 / ln3.
        var data = ColumnMajorMatrix.FromColumns([[0, 0, 1], [0, 1, 2]]);
        var result = EntropyWeightMethod.Compute(data, [Indicator.Positive("x1"), Indicator.Positive("x2")], new EntropyWeightOptions { Shift = 0 });
        double d2 = 2.0 / 3.0 * Math.Log(2) / Math.Log(3);
        // 1e-14: closed form vs. one log per share; only rounding separates them.
        result.Entropies[0].Should().BeApproximately(0, 1e-14);
        result.Diversification[1].Should().BeApproximately(d2, 1e-14);
        result.Weights[0].Should().BeApproximately(1 / (1 + d2), 1e-14);
        result.Weights[1].Should().BeApproximately(d2 / (1 + d2), 1e-14);
        // Scores: row 0 is the worst on both (0), row 2 the best on both (Σw = 1), row 1 = ½ w2.
        result.Scores[0].Should().BeApproximately(0, 1e-14);
        result.Scores[1].Should().BeApproximately(0.5 * d2 / (1 + d2), 1e-14);
        result.Scores[2].Should().BeApproximately(1, 1e-14);
    }

    [Fact]
    public void Pooled_weights_and_scores_match_a_direct_implementation()
    {
        var result = EntropyWeightMethod.Compute(SmallPanel(), Indicators);
        var (w, e, xp, scores) = NaiveEntropy([X1, X2, X3], [false, false, true], 0.0001);
        // 1e-12 (brief): the library uses SIMD sums and vectorised logs; the reference plain loops.
        for (int j = 0; j < 3; j++)
        {
            result.Weights[j].Should().BeApproximately(w[j], 1e-12);
            result.Entropies[j].Should().BeApproximately(e[j], 1e-12);
            result.Diversification[j].Should().BeApproximately(1 - e[j], 1e-12);
            for (int i = 0; i < 8; i++) result.Normalised[i, j].Should().BeApproximately(xp[j][i], 1e-15);
        }
        for (int i = 0; i < 8; i++) result.Scores[i].Should().BeApproximately(scores[i], 1e-12);
        result.Weights.Sum().Should().BeApproximately(1, 1e-15);
        result.Blocks.Should().ContainSingle().Which.RowCount.Should().Be(8);
    }

    [Fact]
    public void Per_period_weights_equal_a_separate_computation_on_each_year()
    {
        var panel = SmallPanel();
        var result = EntropyWeightMethod.Compute(panel, Indicators, new EntropyWeightOptions { Scope = EntropyScope.PerPeriod });
        result.Blocks.Select(b => b.Label).Should().Equal("2000", "2001");
        for (int t = 0; t < 2; t++)
        {
            var rows = Enumerable.Range(0, 8).Where(r => r % 2 == t).ToArray();
            var (w, _, _, scores) = NaiveEntropy([.. new[] { X1, X2, X3 }.Select(c => rows.Select(r => c[r]).ToArray())], [false, false, true], 0.0001);
            // 1e-12 as above.
            for (int j = 0; j < 3; j++) result.Blocks[t].Weights[j].Should().BeApproximately(w[j], 1e-12);
            for (int k = 0; k < rows.Length; k++) result.Scores[rows[k]].Should().BeApproximately(scores[k], 1e-12);
        }
        var pooledOnly = () => result.Weights;
        pooledOnly.Should().Throw<EconometricsException>().WithMessage("*Blocks*");
    }

    [Fact]
    public void Per_group_weights_use_the_rows_of_each_group()
    {
        var result = EntropyWeightMethod.Compute(SmallPanel(), Indicators, new EntropyWeightOptions { Scope = EntropyScope.PerGroup, GroupColumn = "region" });
        result.Blocks.Select(b => b.Label).Should().Equal("East", "West");
        var east = new[] { 0, 1, 4, 5 }; // cities 1 and 3
        var (w, _, _, _) = NaiveEntropy([.. new[] { X1, X2, X3 }.Select(c => east.Select(r => c[r]).ToArray())], [false, false, true], 0.0001);
        // 1e-12 as above.
        for (int j = 0; j < 3; j++) result.Blocks[0].Weights[j].Should().BeApproximately(w[j], 1e-12);
        result.Blocks[0].RowCount.Should().Be(4);
    }

    [Fact]
    public void Score_is_added_as_a_panel_column_and_the_table_renders()
    {
        var panel = SmallPanel();
        var result = EntropyWeightMethod.Compute(panel, Indicators);
        var withScore = result.AddScoreTo(panel, "dei");
        withScore.Column("dei").ToArray().Should().Equal(result.Scores.ToArray());
        var table = result.ToTable();
        table.Rows.Should().HaveCount(3);
        table.Render(TableFormat.Markdown).Should().Contain("x3").And.Contain("−");
        EntropyWeightMethod.Compute(panel, Indicators, new EntropyWeightOptions { Scope = EntropyScope.PerPeriod })
            .ToTable().Headers.Should().Contain("2001");
    }

    [Fact]
    public void Shift_is_added_after_min_max_scaling()
    {
        var result = EntropyWeightMethod.Compute(SmallPanel(), Indicators, new EntropyWeightOptions { Shift = 0.01 });
        // Exact: min of a positive indicator maps to 0 + shift, max to 1 + shift; the cost indicator x3 the other way round.
        result.Normalised[Array.IndexOf(X1, X1.Min()), 0].Should().Be(0.01);
        result.Normalised[Array.IndexOf(X1, X1.Max()), 0].Should().Be(1.01);
        result.Normalised[Array.IndexOf(X3, X3.Max()), 2].Should().Be(0.01);
    }

    [Fact]
    public void Constant_indicator_is_named()
    {
        var panel = Panel(3, 1, ("a", [1.0, 2, 3]), ("flat", [2.0, 2, 2]));
        var act = () => EntropyWeightMethod.Compute(panel, [Indicator.Positive("a"), Indicator.Positive("flat")]);
        act.Should().Throw<SpecificationException>().WithMessage("Indicator 'flat' is constant (every value is 2)*max − min = 0*");
    }

    [Fact]
    public void Constant_indicator_within_one_period_names_the_period()
    {
        var panel = Panel(2, 2, ("a", [1.0, 5, 2, 5]));
        var act = () => EntropyWeightMethod.Compute(panel, [Indicator.Positive("a")], new EntropyWeightOptions { Scope = EntropyScope.PerPeriod });
        act.Should().Throw<SpecificationException>().WithMessage("Indicator 'a' is constant in 2001*");
    }

    [Fact]
    public void Fewer_than_two_rows_is_an_error()
    {
        var act = () => EntropyWeightMethod.Compute(ColumnMajorMatrix.FromColumns([[3.0]]), [Indicator.Positive("a")]);
        act.Should().Throw<SpecificationException>().WithMessage("The entropy weight method needs at least 2 rows; there is 1.");
    }

    [Fact]
    public void Missing_values_are_counted_per_indicator_and_can_be_dropped_listwise()
    {
        var x1 = (double[])X1.Clone();
        var x2 = (double[])X2.Clone();
        x1[3] = double.NaN;
        x2[3] = double.NaN;
        x2[6] = double.NaN;
        var panel = Panel(4, 2, ("x1", x1), ("x2", x2));
        var indicators = new[] { Indicator.Positive("x1"), Indicator.Positive("x2") };
        var act = () => EntropyWeightMethod.Compute(panel, indicators);
        act.Should().Throw<SpecificationException>()
            .WithMessage("Missing indicator values: 'x1' has 1 (first at (2, 2001)); 'x2' has 2 (first at (2, 2001))*Listwise*");

        var result = EntropyWeightMethod.Compute(panel, indicators, new EntropyWeightOptions { MissingValues = MissingIndicatorPolicy.Listwise });
        result.Missing.RowsDropped.Should().Be(2);
        double.IsNaN(result.Scores[3]).Should().BeTrue();
        double.IsNaN(result.Scores[6]).Should().BeTrue();
        var kept = new[] { 0, 1, 2, 4, 5, 7 };
        var (w, _, _, scores) = NaiveEntropy([kept.Select(r => X1[r]).ToArray(), kept.Select(r => X2[r]).ToArray()], [false, false], 0.0001);
        // 1e-12 as above.
        result.Weights[1].Should().BeApproximately(w[1], 1e-12);
        for (int k = 0; k < kept.Length; k++) result.Scores[kept[k]].Should().BeApproximately(scores[k], 1e-12);
        result.ToTable().Notes.Should().Contain(n => n.Contains("2 of 8 rows dropped"));
    }

    [Fact]
    public void Pre_normalised_negative_values_are_rejected_because_the_log_needs_them_non_negative()
    {
        var panel = Panel(3, 1, ("a", [0.2, -0.1, 0.5]));
        var act = () => EntropyWeightMethod.Compute(panel, [Indicator.Positive("a")], new EntropyWeightOptions { PreNormalised = true });
        act.Should().Throw<SpecificationException>().WithMessage("Indicator 'a' is declared pre-normalised but has a negative value (-0.1)*");
    }

    [Fact]
    public void Pre_normalised_values_are_used_as_given_plus_the_shift()
    {
        var panel = Panel(3, 1, ("a", [0.2, 0.1, 0.5]), ("b", [1.0, 2, 3]));
        var result = EntropyWeightMethod.Compute(panel, [Indicator.Positive("a"), Indicator.Positive("b")], new EntropyWeightOptions { PreNormalised = true, Shift = 0 });
        // Exact: no scaling at all.
        result.Normalised[1, 0].Should().Be(0.1);
        result.Normalised[2, 1].Should().Be(3);
    }

    [Theory]
    [InlineData(-0.001)]
    [InlineData(double.NaN)]
    public void Bad_shift_is_rejected(double shift)
    {
        var act = () => EntropyWeightMethod.Compute(SmallPanel(), Indicators, new EntropyWeightOptions { Shift = shift });
        act.Should().Throw<SpecificationException>().WithMessage("The entropy shift must be a finite number ≥ 0*");
    }

    [Fact]
    public void Unknown_and_repeated_indicators_are_rejected()
    {
        var unknown = () => EntropyWeightMethod.Compute(SmallPanel(), [Indicator.Positive("X1")]);
        unknown.Should().Throw<SpecificationException>().WithMessage("No column named 'X1'. Did you mean 'x1'?*");
        var twice = () => EntropyWeightMethod.Compute(SmallPanel(), [Indicator.Positive("x1"), Indicator.Negative("x1")]);
        twice.Should().Throw<SpecificationException>().WithMessage("Indicator 'x1' is listed twice*");
        var noGroup = () => EntropyWeightMethod.Compute(SmallPanel(), Indicators, new EntropyWeightOptions { Scope = EntropyScope.PerGroup });
        noGroup.Should().Throw<SpecificationException>().WithMessage("*GroupColumn*");
    }

    [Fact]
    public void Large_input_takes_the_parallel_path_and_agrees_with_the_direct_implementation()
    {
        // 40,000 × 6 crosses the parallel threshold; results must not depend on it.
        var rng = new Random(7);
        var columns = Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, 40_000).Select(_ => rng.NextDouble() * 100).ToArray()).ToArray();
        var negative = new[] { false, true, false, false, true, false };
        var result = EntropyWeightMethod.Compute(ColumnMajorMatrix.FromColumns(columns),
            negative.Select((neg, j) => new Indicator($"x{j}", neg ? IndicatorDirection.Negative : IndicatorDirection.Positive)).ToArray());
        var (w, _, _, scores) = NaiveEntropy(columns, negative, 0.0001);
        // 1e-12 absolute on weights (summation order differs over 40,000 terms; relative error ~1e-14).
        for (int j = 0; j < 6; j++) result.Weights[j].Should().BeApproximately(w[j], 1e-12);
        for (int i = 0; i < scores.Length; i += 997) result.Scores[i].Should().BeApproximately(scores[i], 1e-12);
    }
}
