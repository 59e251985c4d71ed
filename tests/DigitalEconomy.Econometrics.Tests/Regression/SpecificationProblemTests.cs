using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Regression;
using FluentAssertions;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Model;

namespace DigitalEconomy.Econometrics.Tests.Regression;

/// <summary>Bad or degenerate specifications give a note or a one-line SpecificationException, never a silent NaN.</summary>
public class SpecificationProblemTests
{
    private static PanelData Panel(Func<PanelData, PanelData>? edit = null)
    {
        var p = UnbalancedPanelTests.RandomPanel(5, 10, 6, 0.0);
        return edit is null ? p : edit(p);
    }

    private static PanelData With(PanelData p, string name, Func<int, double> value) =>
        p.WithColumn(name, Enumerable.Range(0, p.RowCount).Select(value).ToArray());

    [Fact]
    public void Collinear_regressor_is_dropped_with_a_note_and_the_rest_is_unchanged()
    {
        var p = Panel(q => With(q, "x4", r => 2 * q.Column("x1")[r] - q.Column("x3")[r]));
        var fit = PanelRegression.Fit(p, "y ~ x1 + x2 + x3 + x4 | id + t", Vcov.Cluster("id"));
        fit.Dropped.Should().ContainSingle().Which.Should().Be(new DroppedVariable("x4", DropReason.Collinear));
        fit.Notes.Should().Contain(n => n.Contains("x4 dropped: collinear"));
        fit.HasCoefficient("x4").Should().BeFalse();
        var act = () => fit["x4"];
        act.Should().Throw<SpecificationException>().WithMessage("x4 dropped*");
        var without = PanelRegression.Fit(p, "y ~ x1 + x2 + x3 | id + t", Vcov.Cluster("id"));
        // Identical model after the drop (the K count is the same), so the numbers agree to rounding.
        fit["x1"].Estimate.Should().BeApproximately(without["x1"].Estimate, 1e-12);
        fit["x1"].StdError.Should().BeApproximately(without["x1"].StdError, 1e-12);
        fit.Coefficients.Should().OnlyContain(c => double.IsFinite(c.StdError) && double.IsFinite(c.PValue));
    }

    [Fact]
    public void Constant_regressor_is_dropped_in_pooled_and_fe_models()
    {
        var p = Panel(q => With(q, "one", _ => 3.0));
        PanelRegression.Fit(p, "y ~ x1 + one").Dropped.Should().ContainSingle()
            .Which.Should().Be(new DroppedVariable("one", DropReason.Constant));
        PanelRegression.Fit(p, "y ~ x1 + one | id").Dropped.Should().ContainSingle()
            .Which.Reason.Should().Be(DropReason.Constant);
    }

    [Fact]
    public void Regressor_constant_within_entities_is_absorbed_by_the_entity_fe()
    {
        var p = Panel(q => With(q, "province_size", r => q.Entities.Codes[r] * 1.7 + 0.1));
        var fit = PanelRegression.Fit(p, "y ~ x1 + province_size | id + t");
        fit.Dropped.Should().ContainSingle().Which.Should().Be(new DroppedVariable("province_size", DropReason.AbsorbedByFixedEffects));
        fit.Notes.Should().Contain(n => n.Contains("absorbed"));
        // With only time FE it is identified.
        PanelRegression.Fit(p, "y ~ x1 + province_size | t").HasCoefficient("province_size").Should().BeTrue();
    }

    [Fact]
    public void Fewer_than_two_clusters_is_an_error()
    {
        var p = Panel(q => q.WithCategorical("country", Factor.FromStrings(Enumerable.Repeat("CN", q.RowCount).ToArray())));
        var act = () => PanelRegression.Fit(p, "y ~ x1 + x2 | id", Vcov.Cluster("country"));
        act.Should().Throw<SpecificationException>().WithMessage("*at least 2 clusters*'country' has 1*");
    }

    [Fact]
    public void Perfect_fit_is_an_error_not_zero_standard_errors()
    {
        var p = Panel(q => With(q, "yy", r => 2 * q.Column("x1")[r] + q.Entities.Codes[r]));
        var act = () => PanelRegression.Fit(p, "yy ~ x1 + x2 | id");
        act.Should().Throw<SpecificationException>().WithMessage("Perfect fit*");
    }

    [Fact]
    public void Outcome_constant_within_groups_is_an_error()
    {
        var p = Panel(q => With(q, "yy", r => q.Entities.Codes[r]));
        var act = () => PanelRegression.Fit(p, "yy ~ x1 | id");
        act.Should().Throw<SpecificationException>().WithMessage("*constant within the fixed-effect groups*");
    }

    [Fact]
    public void All_regressors_dropped_is_an_error_naming_them()
    {
        var p = Panel(q => With(q, "c", _ => 1.0));
        var act = () => PanelRegression.Fit(p, "y ~ c | id");
        act.Should().Throw<SpecificationException>().WithMessage("No regressor can be estimated: c dropped: it is constant*");
    }

    [Theory]
    [InlineData("y ~ x1 + nope | id", "Term \"nope\": No column named 'nope'*")]
    [InlineData("y x1", "*expected '~' or an operator (at position 3*")]
    [InlineData("y ~ x1 | id | t", "*a second '|'*position 13*")]
    [InlineData("y ~ x1 |", "*expected fixed effects after '|'*")]
    [InlineData("y ~ log(x1)", "Term \"log(x1)\": log() needs positive values, but 'x1' is -0.728216 at id 100, t 2000 (and 34 more rows)*")]
    [InlineData("y ~ x1 + y", "*both the outcome and a regressor*")]
    [InlineData("y ~ x1 | x1", "*both a regressor and a fixed effect*")]
    public void Malformed_or_unknown_formulas_give_one_line_messages(string formula, string message)
    {
        var act = () => PanelRegression.Fit(Panel(), formula);
        act.Should().Throw<SpecificationException>().WithMessage(message);
    }

    [Fact]
    public void Formula_parsing_handles_intercept_removal_and_fixed_effects()
    {
        var f = RegressionFormula.Parse(" gap ~ dei + gov - 1 ");
        f.Intercept.Should().BeFalse();
        f.Regressors.Should().Equal("dei", "gov");
        RegressionFormula.Parse("gap ~ dei + 0").Intercept.Should().BeFalse();
        var g = RegressionFormula.Parse("gap~dei|city+year");
        g.FixedEffects.Should().Equal("city", "year");
        g.ToString().Should().Be("gap ~ dei | city + year");
    }

    [Fact]
    public void Singletons_are_counted_kept_by_default_and_dropped_on_request()
    {
        // Entity 999 appears once: a singleton for the entity FE.
        var p = Panel();
        var lone = PanelData.Create("id", [999], "t", [2000],
            [new("y", [1.0]), new("x1", [0.5]), new("x2", [0.1]), new("x3", [0.3])], [new("grp", Factor.FromStrings(["g0"]))]);
        var rows = Enumerable.Range(0, p.RowCount);
        var combined = PanelData.Create("id",
            rows.Select(r => int.Parse(p.Entities.LabelOf(r))).Append(999).ToArray(), "t",
            rows.Select(r => int.Parse(p.Times.LabelOf(r))).Append(2000).ToArray(),
            new[] { "y", "x1", "x2", "x3" }.Select(c => new KeyValuePair<string, double[]>(c, p.CopyColumn(c).Append(lone.Column(c)[0]).ToArray())));
        var kept = PanelRegression.Fit(combined, "y ~ x1 + x2 | id", Vcov.Cluster("id"));
        kept.SingletonCount.Should().Be(1);
        kept.SingletonsDropped.Should().BeFalse();
        kept.Observations.Should().Be(p.RowCount + 1);
        var options = PanelRegressionOptions.FromFormula("y ~ x1 + x2 | id") with { Vcov = Vcov.Cluster("id"), DropSingletons = true };
        var dropped = PanelRegression.Fit(combined, options);
        dropped.SingletonsDropped.Should().BeTrue();
        dropped.Observations.Should().Be(p.RowCount);
        dropped.EstimationRows.Should().NotContain(combined.RowCount - 1);
        // A singleton does not move the slopes (it is fitted exactly by its own dummy): 1e-12 rounding.
        dropped["x1"].Estimate.Should().BeApproximately(kept["x1"].Estimate, 1e-12);
        // …but it changes N, G and hence the Stata cluster factor.
        dropped["x1"].StdError.Should().NotBe(kept["x1"].StdError);
    }

    [Fact]
    public void Hc2_with_two_fixed_effects_is_refused_with_a_reason()
    {
        var act = () => PanelRegression.Fit(Panel(), "y ~ x1 | id + t", Vcov.HC2);
        act.Should().Throw<SpecificationException>().WithMessage("HC2/HC3 need observation leverages*");
    }
}
