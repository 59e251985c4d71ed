using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Indices;
using DigitalEconomy.Econometrics.Reporting;
using FluentAssertions;
using static DigitalEconomy.Econometrics.Tests.Indices.IndexTestSupport;

namespace DigitalEconomy.Econometrics.Tests.Indices;

public class IndexDefinitionTests
{
    private static readonly double[][] Columns =
    [
        [1.0, 4, 2, 8, 5, 3, 7, 6],
        [10.0, 14, 11, 19, 12, 16, 13, 20],
        [0.5, 0.2, 0.9, 0.4, 0.7, 0.3, 0.6, 0.1],
        [100.0, 250, 180, 90, 300, 120, 210, 160],
        [3.0, 1, 4, 1, 5, 9, 2, 6],
        [0.01, 0.05, 0.02, 0.08, 0.03, 0.04, 0.07, 0.06],
        [7.0, 3, 5, 2, 8, 6, 4, 1],
        [12.0, 15, 11, 18, 13, 17, 14, 16],
    ];

    private static PanelData Panel8() => Panel(4, 2, Columns.Select((c, j) => ($"i{j}", c)).ToArray());

    private static IndexDefinition Dei(IndexAggregation aggregation) => IndexDefinition.DigitalIndustry(
        [Indicator.Positive("i0"), Indicator.Positive("i1")],
        [Indicator.Negative("i2"), Indicator.Positive("i3")],
        [Indicator.Positive("i4"), Indicator.Positive("i5")],
        [Indicator.Positive("i6"), Indicator.Negative("i7")],
        aggregation);

    [Fact]
    public void Single_level_overall_is_the_flat_entropy_index_and_dimensions_are_their_own_indices()
    {
        var result = Dei(IndexAggregation.SingleLevel).Build(Panel8());
        var negative = new[] { false, false, true, false, false, false, false, true };
        var (w, _, _, scores) = NaiveEntropy(Columns, negative, 0.0001);
        // 1e-12 (brief).
        for (int i = 0; i < 8; i++) result.Scores[i].Should().BeApproximately(scores[i], 1e-12);
        for (int j = 0; j < 8; j++) result.Upper.Weights[j].Should().BeApproximately(w[j], 1e-12);
        var (ws, _, _, service) = NaiveEntropy([Columns[2], Columns[3]], [true, false], 0.0001);
        var serviceScores = result.DimensionScores("digital_product_service");
        for (int i = 0; i < 8; i++) serviceScores[i].Should().BeApproximately(service[i], 1e-12);
        result.Dimensions[1].Weights[0].Should().BeApproximately(ws[0], 1e-12);
    }

    [Fact]
    public void Two_level_overall_weights_dimension_scores_by_their_entropy()
    {
        var result = Dei(IndexAggregation.TwoLevel).Build(Panel8());
        var negative = new[] { false, false, true, false, false, false, false, true };
        var dims = Enumerable.Range(0, 4).Select(d => NaiveEntropy([Columns[2 * d], Columns[2 * d + 1]], [negative[2 * d], negative[2 * d + 1]], 0.0001).Scores).ToArray();
        var (upper, _, _, _) = NaiveEntropy(dims, [false, false, false, false], 0.0001);
        // 1e-12 (brief).
        for (int d = 0; d < 4; d++) result.Upper.Weights[d].Should().BeApproximately(upper[d], 1e-12);
        for (int i = 0; i < 8; i++)
            result.Scores[i].Should().BeApproximately(Enumerable.Range(0, 4).Sum(d => upper[d] * dims[d][i]), 1e-12);
        var table = result.ToTable();
        // Overall indicator weights W_d · w_j|d sum to 1 (checked on the rendered 4-decimal table only loosely).
        table.Rows.Should().HaveCount(4 + 8);
        table.Render(TableFormat.Text).Should().Contain("digital_factor_driven");
    }

    [Fact]
    public void AddTo_adds_the_overall_index_and_every_dimension()
    {
        var panel = Dei(IndexAggregation.SingleLevel).Build(Panel8()).AddTo(Panel8());
        panel.HasNumeric("dei").Should().BeTrue();
        foreach (var name in IndexDefinition.DigitalIndustryDimensions) panel.HasNumeric(name).Should().BeTrue();
    }

    [Fact]
    public void Definition_mistakes_are_explained()
    {
        var twice = () => new IndexDefinition("x", [new IndexDimension("a", [Indicator.Positive("i0")]), new IndexDimension("b", [Indicator.Positive("i0")])]);
        twice.Should().Throw<SpecificationException>().WithMessage("Indicator 'i0' appears in dimensions 'a' and 'b'*");
        var empty = () => new IndexDefinition("x", [new IndexDimension("a", [])]);
        empty.Should().Throw<SpecificationException>().WithMessage("Dimension 'a' of index 'x' has no indicators.");
        var result = Dei(IndexAggregation.SingleLevel).Build(Panel8());
        var unknown = () => result.DimensionScores("nope").ToArray();
        unknown.Should().Throw<SpecificationException>().WithMessage("Index 'dei' has no dimension 'nope'*");
    }

    [Fact]
    public void Per_period_two_level_index_uses_each_period_s_weights()
    {
        var result = Dei(IndexAggregation.TwoLevel).Build(Panel8(), new EntropyWeightOptions { Scope = EntropyScope.PerPeriod });
        result.Upper.Blocks.Should().HaveCount(2);
        var dims = result.Dimensions.Select(d => d.ScoresArray()).ToArray();
        for (int r = 0; r < 8; r++)
        {
            var w = result.Upper.Blocks[r % 2].Weights;
            // 1e-15: identical arithmetic, Σ_d W_d s_d in dimension order.
            result.Scores[r].Should().BeApproximately(Enumerable.Range(0, 4).Sum(d => w[d] * dims[d][r]), 1e-15);
        }
    }
}
