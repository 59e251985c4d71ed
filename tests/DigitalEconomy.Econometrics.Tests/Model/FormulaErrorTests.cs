using DigitalEconomy.Econometrics.Model;
using DigitalEconomy.Econometrics.Regression;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Model;

/// <summary>Malformed formulas, unknown names and invalid values: one line saying where and what was expected.</summary>
public class FormulaErrorTests
{
    [Theory]
    [InlineData("y ~ x1 +", "*expected a term after '+' (at position 9, the end)*")]
    [InlineData("y ~ (x1 + x2", "*expected ')' closing the '(' at position 5*")]
    [InlineData("y ~ log(x1", "*expected ')' closing log( opened at position 5*")]
    [InlineData("y ~ x1 ~ x2", "*a second '~'*position 8*")]
    [InlineData("~ x1", "*expected the outcome before '~' (at position 1*")]
    [InlineData("y ~ x1 # x2", "*'#' is Stata's interaction; write a:b*position 8*")]
    [InlineData("y ~ x1 + x2^2", "*'^' is not a power in a formula*I(x2^2)*position 12*")]
    [InlineData("y ~ x1/x2", "*'/' is not division in a formula; write I(x1/x2)*")]
    [InlineData("y ~ x1 - x2", "*only '- 1' may be subtracted; remove '- x2'*position 10*")]
    [InlineData("y ~ x1 + 3", "*the number 3 is not a term*")]
    [InlineData("y ~ x1 | id:year", "*write the interacted fixed effect as id^year*")]
    [InlineData("y ~ x1 | id[]", "*expected a slope variable inside the brackets*")]
    [InlineData("y ~ x1 | log(id)", "*functions are not allowed among the fixed effects*")]
    [InlineData("y ~ lg(x1)", "*unknown function 'lg'; did you mean 'log'?*position 5*")]
    [InlineData("y ~ l(x1, 1.5)", "*the number of periods in l() must be a whole number*")]
    [InlineData("y ~ l(x1, 2:1)", "*the lag range 2:1 is empty*")]
    [InlineData("y ~ i(year, ref = 1999) | id", "*'1999' is not a level of year; its levels are 2001, 2002*")]
    [InlineData("y ~ i(region, x1, ref = \"North\")", "*'North' is not a level of region*")]
    [InlineData("y ~ i(region, x1, bin = 2)", "*unknown argument 'bin' of i()*")]
    [InlineData("y ~ x1 + sw(x2) + csw(z)", "*only one stepwise function*")]
    [InlineData("y ~ x1 + I(x1 / 0)", "*x1/0 is infinite at (100, 2001)*")]
    [InlineData("y ~ sqrt(x2)", "*sqrt() needs non-negative values, but 'x2' is*")]
    [InlineData("y ~ x1 + regoin", "*No column named 'regoin'. Did you mean 'region'?*")]
    [InlineData("y ~ log(psos)", "*No column named 'psos'. Did you mean 'pos'?*")]
    [InlineData("y ~ I(region + 1)", "*column 'region' holds text; use i(region)*")]
    [InlineData("y ~ x1 | id + provv^year", "*No column named 'provv'. Did you mean 'prov'?*")]
    public void Malformed_formulas_name_the_position_and_what_was_expected(string formula, string message)
    {
        var panel = FormulaEquivalenceTests.Panel();
        var act = () => PanelRegression.Fit(panel, formula);
        act.Should().Throw<SpecificationException>().WithMessage(message).Which.Message.Should().NotContain("\n");
    }

    [Fact]
    public void Typed_options_take_one_term_per_regressor()
    {
        var panel = FormulaEquivalenceTests.Panel();
        var fit = PanelRegression.Fit(panel, new PanelRegressionOptions("y", ["x1", "x1:x2", "log(pos)"]) { FixedEffects = ["id", "prov^year"] });
        fit.Coefficients.Select(c => c.Name).Should().Equal("x1", "x1:x2", "log(pos)");
        var act = () => PanelRegression.Fit(panel, new PanelRegressionOptions("y", ["x1*x2"]));
        act.Should().Throw<SpecificationException>().WithMessage("Term \"x1*x2\": one term is expected here, but '*' joins several*");
    }

    [Fact]
    public void Hc3_with_varying_slopes_is_refused_rather_than_computed_with_one_way_leverages()
    {
        var act = () => PanelRegression.Fit(FormulaEquivalenceTests.Panel(), "y ~ x1 | id[trend]", DigitalEconomy.Econometrics.Inference.Vcov.HC3);
        act.Should().Throw<SpecificationException>().WithMessage("HC2/HC3 need observation leverages, which are not available with varying slopes*");
    }

    [Fact]
    public void A_non_positive_value_under_log_names_the_column_the_row_and_the_value()
    {
        var p = FormulaEquivalenceTests.Panel();
        var x = p.CopyColumn("pos");
        x[5] = -2.5;
        var q = p.WithColumn("pos", x);
        var act = () => PanelRegression.Fit(q, "y ~ log(pos) | id");
        act.Should().Throw<SpecificationException>()
            .WithMessage($"Term \"log(pos)\": log() needs positive values, but 'pos' is -2.5 at id {p.Entities.LabelOf(5)}, year {p.Times.LabelOf(5)}; use log(x + c)*");
    }

    [Fact]
    public void Canonical_terms_and_multiple_estimation_expand_in_fixest_order()
    {
        var f = ModelFormula.Parse("c(y, y2) ~ x1*x2 + csw0(z, log(pos)) | id + prov^year + id[trend]");
        f.Outcomes.Should().Equal("y", "y2");
        f.CommonRegressors.Should().Equal("x1", "x2", "x1:x2");
        f.FixedEffects.Should().Equal("id", "prov^year", "id[trend]");
        var models = f.Expand();
        models.Select(m => m.ToString()).Should().Equal(
            "y ~ x1 + x2 + x1:x2 | id + prov^year + id[trend]",
            "y ~ x1 + x2 + x1:x2 + z | id + prov^year + id[trend]",
            "y ~ x1 + x2 + x1:x2 + z + log(pos) | id + prov^year + id[trend]",
            "y2 ~ x1 + x2 + x1:x2 | id + prov^year + id[trend]",
            "y2 ~ x1 + x2 + x1:x2 + z | id + prov^year + id[trend]",
            "y2 ~ x1 + x2 + x1:x2 + z + log(pos) | id + prov^year + id[trend]");
        ModelFormula.Parse("y ~ sw(a, b + c) + d").Expand().Select(m => string.Join(",", m.Regressors)).Should().Equal("a,d", "b,c,d");
        ModelFormula.Parse("y ~ csw(a, b)").Expand().Select(m => string.Join(",", m.Regressors)).Should().Equal("a", "a,b");
        ModelFormula.Parse("y ~ a:b + b:a + I(a^2)").CommonRegressors.Should().Equal("a:b", "I(a^2)");
        var act = () => RegressionFormula.Parse("y ~ sw(a, b)");
        act.Should().Throw<SpecificationException>().WithMessage("*describes 2 models*FitMany*");
    }
}
