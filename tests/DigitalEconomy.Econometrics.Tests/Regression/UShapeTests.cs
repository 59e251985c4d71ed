using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Regression;
using PanelData = DigitalEconomy.Econometrics.Data.PanelData;
using Column = System.Collections.Generic.KeyValuePair<string, double[]>;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Regression;

public class UShapeTests
{
    // Hand-computed example (closed forms, values worked out independently of the library):
    // β1 = 2, β2 = −0.5, V11 = 0.04, V22 = 0.0025, V12 = −0.008 on [0, 4], normal critical values.
    // s(0) = 2, se = 0.2, t = 10; s(4) = −2, Var = 0.04 + 16(−0.008) + 64(0.0025) = 0.072, t = −7.453559925;
    // x* = 2, Var x* = (0.04 − 2(−4)(−0.008) + 16(0.0025))/(4·0.25) = 0.016.
    private static UShapeTest InvertedU() => UShapeTest.Compute(2, -0.5, 0.04, 0.0025, -0.008, 0, 4);

    [Fact]
    public void Inverted_U_slopes_t_values_and_overall_statistic_match_the_hand_computation()
    {
        var u = InvertedU();
        u.Shape.Should().Be(CurveShape.InvertedU);
        // 1e-12: a handful of exact arithmetic operations on O(1) numbers.
        u.SlopeAtMin.Should().BeApproximately(2, 1e-12);
        u.SlopeAtMinStandardError.Should().BeApproximately(0.2, 1e-12);
        u.TAtMin.Should().BeApproximately(10, 1e-12);
        u.SlopeAtMax.Should().BeApproximately(-2, 1e-12);
        u.SlopeAtMaxStandardError.Should().BeApproximately(Math.Sqrt(0.072), 1e-12);
        u.TAtMax.Should().BeApproximately(-7.453559924999299, 1e-12);
        u.T.Should().BeApproximately(7.453559924999299, 1e-12);
        // p = 1 − Φ(7.4536) ≈ 4.5e-14: only absolute accuracy is meaningful this far in the tail.
        u.PValue.Should().BeLessThan(1e-12);
        u.TurningPointInRange.Should().BeTrue();
    }

    [Fact]
    public void Turning_point_delta_and_Fieller_intervals_match_the_hand_computation()
    {
        var u = InvertedU();
        // 1e-12: closed forms above.
        u.TurningPoint.Should().BeApproximately(2, 1e-12);
        u.TurningPointStandardError.Should().BeApproximately(Math.Sqrt(0.016), 1e-12);
        // 1e-9: the normal quantile 1.959963984540054 comes from MathNet's inverse CDF (~1e-12 relative) and
        // enters the limits multiplied by O(1) factors.
        u.DeltaLower.Should().BeApproximately(1.7520819870781754, 1e-9);
        u.DeltaUpper.Should().BeApproximately(2.2479180129218244, 1e-9);
        u.Fieller.Kind.Should().Be(FiellerSetKind.Bounded);
        u.Fieller.Lower.Should().BeApproximately(1.762653605731999, 1e-9);
        u.Fieller.Upper.Should().BeApproximately(2.26930577113526, 1e-9);
    }

    [Fact]
    public void At_the_Fieller_limits_the_slope_t_value_equals_the_critical_value()
    {
        // Definition check independent of the quadratic: t(x) = s(x)/se(s(x)) = ±c at both limits.
        var u = UShapeTest.Compute(-1, 0.25, 0.09, 0.01, -0.02, 0, 5);
        const double c = 1.959963984540054;
        foreach (var x in new[] { u.Fieller.Lower, u.Fieller.Upper })
        {
            double s = -1 + 0.5 * x, se = Math.Sqrt(0.09 - 0.08 * x + 0.04 * x * x);
            // 1e-9: root of a quadratic evaluated back through a square root.
            Math.Abs(s / se).Should().BeApproximately(c, 1e-9);
        }
    }

    [Fact]
    public void U_shape_uses_the_mirrored_statistic_and_its_one_sided_p_value()
    {
        // β1 = −1, β2 = 0.25, V11 = 0.09, V22 = 0.01, V12 = −0.02 on [0, 5]: t_L = −1/0.3, t_H = 1.5/√0.69.
        var u = UShapeTest.Compute(-1, 0.25, 0.09, 0.01, -0.02, 0, 5);
        u.Shape.Should().Be(CurveShape.U);
        // 1e-12: closed forms.
        u.TAtMin.Should().BeApproximately(-10.0 / 3, 1e-12);
        u.TAtMax.Should().BeApproximately(1.805787796286538, 1e-12);
        u.T.Should().BeApproximately(1.805787796286538, 1e-12);
        // 1e-9: one-sided normal tail 1 − Φ(1.8058) = 0.0354757462 (MathNet's erfc, ~1e-12 relative).
        u.PValue.Should().BeApproximately(0.03547574621365279, 1e-9);
        u.TurningPoint.Should().BeApproximately(2, 1e-12);
        u.TurningPointStandardError.Should().BeApproximately(0.6, 1e-12);
        u.Fieller.Lower.Should().BeApproximately(1.1185626884026938, 1e-9);
        u.Fieller.Upper.Should().BeApproximately(6.071300830394358, 1e-9);
    }

    [Fact]
    public void An_insignificant_squared_term_gives_an_unbounded_Fieller_set()
    {
        // β2 = 0.1 with SE 0.1 (t = 1 < 1.96): the set is two rays around the excluded middle.
        var u = UShapeTest.Compute(-1, 0.1, 0.09, 0.01, -0.02, 0, 5);
        u.Fieller.Kind.Should().Be(FiellerSetKind.ComplementOfInterval);
        // 1e-9 as above; values from the closed-form roots.
        u.Fieller.Lower.Should().BeApproximately(-2.8413858537763756, 1e-9);
        u.Fieller.Upper.Should().BeApproximately(2.0259306581083534, 1e-9);
        u.Fieller.Contains(u.TurningPoint).Should().BeTrue();
        u.Fieller.Contains(0).Should().BeFalse();
    }

    [Fact]
    public void A_turning_point_outside_the_range_cannot_reject()
    {
        // x* = 2 but the range is [3, 5]: both slopes are negative, so an inverted U is not supported.
        var u = UShapeTest.Compute(2, -0.5, 0.04, 0.0025, -0.008, 3, 5);
        u.TurningPointInRange.Should().BeFalse();
        u.T.Should().BeNegative();
        u.PValue.Should().BeGreaterThan(0.5);
    }

    [Fact]
    public void Student_t_inference_is_more_conservative_than_normal()
    {
        var normal = UShapeTest.Compute(-1, 0.25, 0.09, 0.01, -0.02, 0, 5);
        var t = UShapeTest.Compute(-1, 0.25, 0.09, 0.01, -0.02, 0, 5, degreesOfFreedom: 10);
        t.PValue.Should().BeGreaterThan(normal.PValue);
        (t.DeltaUpper - t.DeltaLower).Should().BeGreaterThan(normal.DeltaUpper - normal.DeltaLower);
    }

    [Fact]
    public void No_curvature_is_a_clear_error()
    {
        var act = () => UShapeTest.Compute(1, 0, 0.1, 0.1, 0, 0, 1);
        act.Should().Throw<SpecificationException>().WithMessage("*squared term*0*");
    }
}

public class UShapeRegressionTests
{
    [Fact]
    public void From_a_fitted_regression_it_uses_the_fit_covariance_t_df_and_the_sample_range()
    {
        // y = 3x − 0.5x² + noise on x ∈ [0, 6]: an inverted U with turning point 3.
        var rng = new Random(4);
        int n = 200;
        var x = Enumerable.Range(0, n).Select(_ => 6 * rng.NextDouble()).ToArray();
        var y = x.Select(v => 3 * v - 0.5 * v * v + 0.5 * (rng.NextDouble() - 0.5)).ToArray();
        var panel = PanelData.Create("id", Enumerable.Range(1, n).ToArray(), "t", Enumerable.Repeat(1, n).ToArray(),
            new Column[] { new("y", y), new("x", x), new("x2", x.Select(v => v * v).ToArray()) });
        var fit = PanelRegression.Fit(panel, new PanelRegressionOptions("y", ["x", "x2"]));
        var u = UShapeTest.Compute(fit, panel, "x", "x2");
        var manual = UShapeTest.Compute(fit["x"].Estimate, fit["x2"].Estimate, fit.Covariance("x", "x"), fit.Covariance("x2", "x2"),
            fit.Covariance("x", "x2"), x.Min(), x.Max(), fit.Variance.DegreesOfFreedom);
        u.Should().BeEquivalentTo(manual);
        u.Shape.Should().Be(CurveShape.InvertedU);
        u.DegreesOfFreedom.Should().Be(n - 3);
        u.PValue.Should().BeLessThan(1e-6);
        // 0.05: the noise is small (uniform ±0.25), so x* is estimated to a few hundredths.
        u.TurningPoint.Should().BeApproximately(3, 0.05);
        u.Fieller.Contains(3).Should().BeTrue();
    }

    [Fact]
    public void A_missing_squared_term_is_a_clear_error()
    {
        var panel = PanelData.Create("id", new[] { 1, 2, 3, 4 }, "t", new[] { 1, 1, 1, 1 }, new Column[] { new("y", [1.0, 2, 4, 3]), new("x", [1.0, 2, 3, 5]) });
        var fit = PanelRegression.Fit(panel, new PanelRegressionOptions("y", ["x"]));
        var act = () => UShapeTest.Compute(fit, "x", "x2", 0, 1);
        act.Should().Throw<SpecificationException>().WithMessage("*'x2'*");
    }
}

public class UShapeTableTests
{
    [Fact]
    public void The_table_reports_both_ends_the_turning_point_and_both_intervals()
    {
        var u = UShapeTest.Compute(2, -0.5, 0.04, 0.0025, -0.008, 0, 4);
        var table = u.ToTable();
        table.Headers.Should().Equal("", "Lower bound", "Upper bound");
        table.Rows.Single(r => r.Label == "Slope").Cells.Should().Equal("2.0000", "-2.0000");
        table.Rows.Single(r => r.Label == "Turning point").Cells[0].Should().Be("2.0000");
        table.Rows.Single(r => r.Label.StartsWith("Fieller")).Cells[0].Should().Be("[1.7627, 2.2693]");
        table.Render(DigitalEconomy.Econometrics.Reporting.TableFormat.Latex).Should().Contain("inverse U");
    }
}
