using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Regression;
using FluentAssertions;
using Xunit.Abstractions;

namespace DigitalEconomy.Econometrics.Tests.Regression;

/// <summary>
/// Results do not depend on a regressor's units: multiplying x1 by c multiplies its estimate and standard error
/// by 1/c and leaves every t statistic, p-value, the other coefficients and the F test unchanged, even when c
/// puts the column far beyond the range where its squares are representable (|x| ≈ 1e±200).
/// </summary>
public class ColumnScaleInvarianceTests(ITestOutputHelper output)
{
    private double _max;

    public static TheoryData<string, string> Models => new()
    {
        { "y ~ x1 + x2 + x3", "classical" },
        { "y ~ x1 + x2 + x3", "hc1" },
        { "y ~ x1 + x2 + x3 | id", "cluster" },
        { "y ~ x1 + x2 + x3 | id + t", "cluster" },
        { "y ~ x1 + x2 + x3 | id", "twoway" },
        { "y ~ x1 + x2 + x3 | id + t", "dk" },
    };

    private static Vcov VcovOf(string kind) => kind switch
    {
        "classical" => Vcov.Classical,
        "hc1" => Vcov.HC1,
        "cluster" => Vcov.Cluster("id"),
        "twoway" => Vcov.Cluster("id", "t"),
        _ => Vcov.DriscollKraay(1),
    };

    private static PanelData Scaled(PanelData p, double c) =>
        p.WithColumn("x1", p.Column("x1").ToArray().Select(v => v * c).ToArray());

    /// <summary>
    /// Power-of-two factors scale exactly, so the comparison is to rounding of the estimator itself
    /// (1e-13 relative: two fits of the same digits; in practice the results are bit-identical).
    /// </summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void Power_of_two_scaling_changes_only_the_units_of_that_coefficient(string formula, string vcov)
    {
        var p = UnbalancedPanelTests.RandomPanel(11, 25, 8, 0.2);
        var reference = PanelRegression.Fit(p, formula, VcovOf(vcov));
        foreach (int e in new[] { 500, -500, 1000, -1000 })
        {
            double c = Math.ScaleB(1.0, e);
            var fit = PanelRegression.Fit(Scaled(p, c), formula, VcovOf(vcov));
            AssertInvariant(reference, fit, c, 1e-13);
        }
    }

    /// <summary>
    /// Decimal factors round each scaled value once (relative 1.1e-16), so the results agree to 1e-12 relative,
    /// the tolerance of the reference comparisons.
    /// </summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void Extreme_decimal_scaling_gives_the_same_inference(string formula, string vcov)
    {
        var p = UnbalancedPanelTests.RandomPanel(12, 25, 8, 0.2);
        var reference = PanelRegression.Fit(p, formula, VcovOf(vcov));
        foreach (double c in new[] { 1e200, 1e-200, 1e300, 1e-300 })
        {
            var fit = PanelRegression.Fit(Scaled(p, c), formula, VcovOf(vcov));
            AssertInvariant(reference, fit, c, 1e-12);
        }
    }

    [Fact]
    public void Every_column_extreme_at_once_still_fits()
    {
        var p = UnbalancedPanelTests.RandomPanel(13, 25, 8, 0.2);
        var reference = PanelRegression.Fit(p, "y ~ x1 + x2 + x3 | id + t", Vcov.Cluster("id"));
        var q = p.WithColumn("x2", p.Column("x2").ToArray().Select(v => v * 1e-250).ToArray())
                 .WithColumn("x3", p.Column("x3").ToArray().Select(v => v * 1e250).ToArray());
        var fit = PanelRegression.Fit(Scaled(q, 1e180), "y ~ x1 + x2 + x3 | id + t", Vcov.Cluster("id"));
        fit.Dropped.Should().BeEmpty();
        fit.Coefficients.Select(c => c.T).Should().Equal(reference.Coefficients.Select(c => c.T), (a, b) => Math.Abs(a - b) <= 1e-12 * Math.Abs(b));
        fit["x2"].Estimate.Should().BeApproximately(reference["x2"].Estimate * 1e250, 1e-12 * Math.Abs(reference["x2"].Estimate * 1e250));
    }

    [Fact]
    public void WithVcov_on_an_extreme_column_fit_matches_a_direct_fit()
    {
        var p = Scaled(UnbalancedPanelTests.RandomPanel(15, 25, 8, 0.2), 1e200);
        var direct = PanelRegression.Fit(p, "y ~ x1 + x2 | id + t", Vcov.Cluster("id"));
        var rebased = PanelRegression.Fit(p, "y ~ x1 + x2 | id + t").WithVcov(Vcov.Cluster("id"));
        // The same computation in the same order: identical numbers.
        rebased.Coefficients.Should().Equal(direct.Coefficients);
        rebased["x1"].StdError.Should().BeGreaterThan(0);
    }

    [Fact]
    public void A_genuinely_collinear_extreme_column_is_still_dropped()
    {
        var p = UnbalancedPanelTests.RandomPanel(14, 25, 8, 0.2);
        var x1 = p.Column("x1").ToArray();
        var x3 = p.Column("x3").ToArray();
        var q = p.WithColumn("x4", x1.Select((v, r) => (2 * v - x3[r]) * 1e200).ToArray());
        foreach (var formula in new[] { "y ~ x1 + x2 + x3 + x4", "y ~ x1 + x2 + x3 + x4 | id + t" })
        {
            var fit = PanelRegression.Fit(q, formula, Vcov.Cluster("id"));
            fit.Dropped.Should().ContainSingle().Which.Should().Be(new DroppedVariable("x4", DropReason.Collinear));
            fit.Coefficients.Should().OnlyContain(c => double.IsFinite(c.StdError) && c.StdError > 0);
        }
        // Constant within entities at 1e200: absorbed, as at unit scale.
        var absorbed = p.WithColumn("big", Enumerable.Range(0, p.RowCount).Select(r => (p.Entities.Codes[r] + 1.5) * 1e200).ToArray());
        PanelRegression.Fit(absorbed, "y ~ x1 + big | id").Dropped.Should().ContainSingle()
            .Which.Should().Be(new DroppedVariable("big", DropReason.AbsorbedByFixedEffects));
    }

    /// <summary>Estimates and SEs scaled by 1/c for x1 only; t, p, F and RSS unchanged; nothing dropped.</summary>
    private void AssertInvariant(PanelRegressionResult reference, PanelRegressionResult fit, double c, double tolerance)
    {
        // The eigenvalue fix of a non-PSD two-way variance depends on units by construction (in R and Stata too).
        reference.Notes.Should().NotContain(n => n.Contains("positive semi-definite"), "the design must not need the eigenvalue fix");
        fit.Dropped.Should().BeEmpty($"scaling x1 by {c:G3} must not make it look collinear or absorbed");
        fit.Notes.Should().NotContain(n => n.Contains("collinear") || n.Contains("absorbed"));
        fit.Coefficients.Select(k => k.Name).Should().Equal(reference.Coefficients.Select(k => k.Name));
        foreach (var r in reference.Coefficients)
        {
            var f = fit[r.Name];
            double unit = r.Name == "x1" ? 1 / c : 1;
            Relative(f.Estimate, r.Estimate * unit).Should().BeLessThanOrEqualTo(tolerance, $"{r.Name} estimate at c = {c:G3}");
            Relative(f.StdError, r.StdError * unit).Should().BeLessThanOrEqualTo(tolerance, $"{r.Name} SE at c = {c:G3}");
            Relative(f.T, r.T).Should().BeLessThanOrEqualTo(tolerance, $"{r.Name} t at c = {c:G3}");
            Relative(f.PValue, r.PValue).Should().BeLessThanOrEqualTo(1e3 * tolerance, $"{r.Name} p at c = {c:G3}");
            // An interval bound may sit near 0, so it is compared on the scale of the estimate and its SE.
            (Math.Abs(f.ConfLow - r.ConfLow * unit) / ((Math.Abs(r.Estimate) + r.StdError) * unit))
                .Should().BeLessThanOrEqualTo(10 * tolerance, $"{r.Name} CI at c = {c:G3}");
        }
        if (reference.FTest is { } rf) Relative(fit.FTest!.Statistic, rf.Statistic).Should().BeLessThanOrEqualTo(tolerance);
        Relative(fit.Rss, reference.Rss).Should().BeLessThanOrEqualTo(tolerance);
    }

    private double Relative(double a, double b)
    {
        double d = a == b ? 0 : Math.Abs(a - b) / Math.Max(Math.Abs(a), Math.Abs(b));
        if (d > _max) output.WriteLine($"max relative difference so far: {_max = d:G3}");
        return d;
    }
}
