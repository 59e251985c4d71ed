using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Results;
using DigitalEconomy.Econometrics.Simulation;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Regression;

/// <summary>Re-basing a fit on another variance without refitting, and Wald tests of linear restrictions.</summary>
public sealed class WithVcovAndWaldTests
{
    private static readonly Lazy<PanelData> Panel = new(() => CityPanelGenerator.Generate(new CityPanelOptions { Cities = 80 }).Panel);
    private const string Formula = "gap ~ dei + gov + open | city + year";

    private static void ShouldEqual(PanelRegressionResult actual, PanelRegressionResult expected)
    {
        // Same arithmetic on the same stored design: equal to the last bit.
        actual.Coefficients.Should().Equal(expected.Coefficients);
        actual.Variance.Description.Should().Be(expected.Variance.Description);
        actual.Variance.DegreesOfFreedom.Should().Be(expected.Variance.DegreesOfFreedom);
        actual.FTest.Should().Be(expected.FTest);
        actual.VarianceMatrix().Should().BeEquivalentTo(expected.VarianceMatrix());
        actual.FixedEffects.Should().Equal(expected.FixedEffects);
        actual.Notes.Should().Equal(expected.Notes);
    }

    [Theory]
    [InlineData("city")]
    [InlineData("province")] // not a grouping of the classical fit: taken from the panel the model was fitted on
    public void WithVcov_equals_fitting_with_that_vcov(string cluster)
    {
        var classical = PanelRegression.Fit(Panel.Value, Formula);
        var rebased = classical.WithVcov(Vcov.Cluster(cluster));
        ShouldEqual(rebased, PanelRegression.Fit(Panel.Value, Formula, Vcov.Cluster(cluster)));
        classical.Variance.Kind.Should().Be(VcovKind.Classical, "the original result is immutable");
        rebased.Rss.Should().Be(classical.Rss);
    }

    [Fact]
    public void WithVcov_covers_two_way_clusters_robust_and_another_convention()
    {
        var fit = PanelRegression.Fit(Panel.Value, Formula, Vcov.Cluster("city"));
        ShouldEqual(fit.WithVcov(Vcov.Robust), PanelRegression.Fit(Panel.Value, Formula, Vcov.Robust));
        ShouldEqual(fit.WithVcov(Vcov.Cluster("city", "year")), PanelRegression.Fit(Panel.Value, Formula, Vcov.Cluster("city", "year")));
        ShouldEqual(fit.WithVcov(Vcov.Cluster("city"), SmallSampleCorrection.PlmSss),
            PanelRegression.Fit(Panel.Value, Formula, Vcov.Cluster("city"), SmallSampleCorrection.PlmSss));
        ShouldEqual(fit.WithVcov(Vcov.DriscollKraay(2)), PanelRegression.Fit(Panel.Value, Formula, Vcov.DriscollKraay(2)));
    }

    [Fact]
    public void WithVcov_refuses_unknown_columns()
    {
        var fit = PanelRegression.Fit(Panel.Value, Formula);
        var unknown = () => fit.WithVcov(Vcov.Cluster("nope"));
        unknown.Should().Throw<EconometricsException>();
    }

    [Fact]
    public void Wald_test_of_all_slopes_is_the_model_F()
    {
        var fit = PanelRegression.Fit(Panel.Value, Formula, Vcov.Cluster("city"));
        var wald = fit.WaldZero("dei", "gov", "open");
        wald.F.Should().BeApproximately(fit.FTest!.Statistic, 1e-12 * fit.FTest.Statistic);
        wald.PValueF.Should().BeApproximately(fit.FTest.PValue, 1e-14);
        wald.NumeratorDf.Should().Be(3);
        wald.DenominatorDf.Should().Be(fit.Variance.DegreesOfFreedom);
        wald.ChiSquared.Should().BeApproximately(3 * wald.F, 1e-12 * wald.ChiSquared);
    }

    [Fact]
    public void One_restriction_Wald_F_is_the_squared_t_and_matches_an_explicit_computation()
    {
        var fit = PanelRegression.Fit(Panel.Value, Formula, Vcov.Cluster("city"));
        var t = fit["dei"].T;
        var single = fit.Wald(LinearRestriction.Zero("dei"));
        single.F.Should().BeApproximately(t * t, 1e-10 * t * t);
        single.PValueF.Should().BeApproximately(fit["dei"].PValue, 1e-12);

        // β_dei − β_gov = 0.1 by hand: (d)² / (V11 + V22 − 2 V12).
        var v = fit.CoefficientVariance;
        double d = fit["dei"].Estimate - fit["gov"].Estimate - 0.1;
        double w = d * d / (v.Covariance("dei", "dei") + v.Covariance("gov", "gov") - 2 * v.Covariance("dei", "gov"));
        var test = fit.Wald(new LinearRestriction(new Dictionary<string, double> { ["dei"] = 1, ["gov"] = -1 }, 0.1));
        test.ChiSquared.Should().BeApproximately(w, 1e-10 * w);
        test.PValueChiSquared.Should().BeApproximately(Distributions.ChiSquaredUpper(w, 1), 1e-12);
    }

    [Fact]
    public void Redundant_restrictions_are_a_specification_error()
    {
        var fit = PanelRegression.Fit(Panel.Value, Formula);
        var act = () => fit.Wald(LinearRestriction.Zero("dei"), LinearRestriction.Zero("dei"));
        act.Should().Throw<SpecificationException>().WithMessage("*cannot be tested jointly*");
    }
}
