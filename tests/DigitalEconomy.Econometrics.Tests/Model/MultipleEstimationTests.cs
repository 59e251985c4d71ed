using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Reporting;
using FluentAssertions;
using Xunit.Abstractions;

namespace DigitalEconomy.Econometrics.Tests.Model;

/// <summary>
/// Multiple estimation equals the models fitted one by one (same solver and sample, so to 1e-12), split samples
/// equal fits on the subset panel, and post-estimation identities hold: ŷ = Xβ̂ + Σ α̂ to 1e-10 (the fixed
/// effects are solved by alternating projections to 1e-14 relative).
/// </summary>
public class MultipleEstimationTests(ITestOutputHelper output)
{
    private static double MaxDifference(PanelRegressionResult a, PanelRegressionResult b)
    {
        a.Coefficients.Select(c => c.Name).Should().Equal(b.Coefficients.Select(c => c.Name));
        a.Observations.Should().Be(b.Observations);
        return a.Coefficients.Zip(b.Coefficients)
            .Max(p => Math.Max(Math.Abs(p.First.Estimate - p.Second.Estimate), Math.Abs(p.First.StdError - p.Second.StdError)));
    }

    [Fact]
    public void Stepwise_and_several_outcomes_equal_separate_fits()
    {
        var p = FormulaEquivalenceTests.Panel();
        var many = PanelRegression.FitMany(p, "c(y, pos) ~ x1 + csw0(x2, z) | id + year", new MultipleEstimationOptions { Vcov = Vcov.Cluster("id") });
        string[] expected =
        [
            "y ~ x1 | id + year", "y ~ x1 + x2 | id + year", "y ~ x1 + x2 + z | id + year",
            "pos ~ x1 | id + year", "pos ~ x1 + x2 | id + year", "pos ~ x1 + x2 + z | id + year",
        ];
        many.Select((m, i) => many.Formulas[i].ToString()).Should().Equal(expected);
        double max = 0;
        for (int i = 0; i < expected.Length; i++)
            max = Math.Max(max, MaxDifference(many[i], PanelRegression.Fit(p, expected[i], Vcov.Cluster("id"))));
        output.WriteLine($"max difference {max:E2}");
        max.Should().BeLessThan(1e-12);
    }

    [Fact]
    public void Split_samples_equal_fits_on_the_subset_and_fsplit_adds_the_full_sample_first()
    {
        var p = FormulaEquivalenceTests.Panel();
        var many = PanelRegression.FitMany(p, "y ~ x1 + x2 | id + year",
            new MultipleEstimationOptions { Split = "region", IncludeFullSample = true, Vcov = Vcov.Robust });
        many.Samples.Select(s => s.ToString()).Should().Equal("Full sample", "region = Centre", "region = East", "region = West");
        many[1].Label.Should().Be("region = Centre");
        double max = MaxDifference(many[0], PanelRegression.Fit(p, "y ~ x1 + x2 | id + year", Vcov.Robust));
        foreach (var (level, i) in new[] { ("Centre", 1), ("East", 2), ("West", 3) })
            max = Math.Max(max, MaxDifference(many[i], PanelRegression.Fit(p.WhereGroup("region", level), "y ~ x1 + x2 | id + year", Vcov.Robust)));
        output.WriteLine($"max difference {max:E2}");
        max.Should().BeLessThan(1e-12);
        var act = () => PanelRegression.FitMany(p, "y ~ x1", new MultipleEstimationOptions { Split = "regio" });
        act.Should().Throw<SpecificationException>().WithMessage("*Did you mean 'region'?*");
    }

    [Fact]
    public void Fitted_values_equal_the_linear_predictor_plus_the_recovered_fixed_effects()
    {
        var p = FormulaEquivalenceTests.Panel();
        var fit = PanelRegression.Fit(p, "y ~ x1 + log(pos) + l(x2) | id + year");
        var fe = fit.RecoverFixedEffects();
        fe["year"].Values[0].Should().Be(0, "the first level of every effect but the first is the reference");
        fe.Normalisation.Should().Contain("year = 2002");
        var xb = fit.LinearPredictor();
        var fitted = fit.Predictions();
        var rows = fit.EstimationRows;
        double max = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            int r = rows[i];
            double sum = xb[i] + fe["id"][p.Entities.LabelOf(r)] + fe["year"][p.Times.LabelOf(r)];
            max = Math.Max(max, Math.Abs(fitted[i] - sum));
        }
        var resid = fit.Residuals();
        var y = p.CopyColumn("y");
        for (int i = 0; i < rows.Count; i++) max = Math.Max(max, Math.Abs(y[rows[i]] - fitted[i] - resid[i]));
        output.WriteLine($"max |fitted - (Xb + FE)| {max:E2}");
        max.Should().BeLessThan(1e-10);
    }

    [Fact]
    public void Summary_prints_the_fixest_layout()
    {
        var p = FormulaEquivalenceTests.Panel();
        var text = PanelRegression.Fit(p, "y ~ x1 + i(region, x2) | id + year", Vcov.Cluster("id")).Summary();
        output.WriteLine(text);
        var lines = text.Split('\n');
        lines[0].Should().Be("OLS estimation, Dep. Var.: y");
        lines[1].Should().StartWith("Observations: ");
        lines[2].Should().Be("Fixed-effects: id: 24,  year: 8");
        lines[3].Should().Be("Standard-errors: Clustered (id)");
        lines[4].Should().MatchRegex(@"^\s+Estimate\s+Std\. Error\s+t value\s+Pr\(>\|t\|\)$");
        lines[5].Should().StartWith("x1 ");
        lines[6].Should().StartWith("region::Centre:x2 ");
        text.Should().Contain("Signif. codes:").And.Contain("Within R2:");
    }
}
