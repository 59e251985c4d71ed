using DigitalEconomy.Econometrics.Inference;
using System.Text.Json;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using DigitalEconomy.Econometrics.Threshold;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Threshold;

/// <summary>
/// Exactness against <c>hansen1999_expected.json</c> (R implementation of Hansen's code, cross-checked
/// with numpy and ptm.R). Tolerances: SSEs and F statistics 1e-9 relative — the reference SSEs agree with
/// ptm.R's lm() to ~1e-15 and ours come from a QR-based FWL update whose rounding is ~1e-13, so 1e-9 leaves
/// room for summation order without hiding a wrong formula (a one-row or one-df error moves them by
/// &gt;1e-5). Thresholds are grid values and must be identical. Coefficients and SEs 1e-8 relative: the
/// design has q, q², q³ (q up to 112, cond ≈ 1e7), so ε·cond(X) ≈ 1e-9 bounds the reachable agreement
/// between two QR solvers.
/// </summary>
public class HansenReferenceTests
{
    private const double SseTolerance = 1e-9;
    private const double CoefficientTolerance = 1e-8;

    private static JsonElement Expected => ReferenceData.Json("hansen1999_expected.json");

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    private static void ShouldBeRelativelyClose(double actual, double expected, double tolerance, string what)
    {
        double scale = Math.Max(Math.Abs(expected), 1e-300);
        (Math.Abs(actual - expected) / scale).Should().BeLessThan(tolerance, $"{what}: actual {actual:R}, expected {expected:R}");
    }

    private static void CurveShouldMatch(ThresholdSearch search, JsonElement candidates, JsonElement sse, string what)
    {
        search.Candidates.Should().Equal(Doubles(candidates), $"{what}: the searched candidates are exactly the reference set");
        var expected = Doubles(sse);
        search.Sse.Should().HaveCount(expected.Length);
        for (int c = 0; c < expected.Length; c++)
            ShouldBeRelativelyClose(search.Sse[c], expected[c], SseTolerance, $"{what} SSE at candidate {c}");
    }

    private static void FitShouldMatch(ThresholdModelFit fit, JsonElement expected, string what)
    {
        var order = expected.GetProperty("regressor_order").EnumerateArray().Select(x => x.GetString()!).ToArray();
        fit.Names.Should().Equal(order, $"{what}: regressor order");
        fit.Thresholds.Should().Equal(Doubles(expected.GetProperty("thresholds")), $"{what}: thresholds");
        ShouldBeRelativelyClose(fit.Sse, expected.GetProperty("sse").GetDouble(), SseTolerance, $"{what} SSE");
        fit.ResidualDegreesOfFreedom.Should().Be(expected.GetProperty("df_for_se_homoskedastic").GetInt32());
        for (int j = 0; j < order.Length; j++)
        {
            ShouldBeRelativelyClose(fit.Coefficients[j].Estimate, expected.GetProperty("coef").GetProperty(order[j]).GetDouble(), CoefficientTolerance, $"{what} coef {order[j]}");
            ShouldBeRelativelyClose(fit.WithVcov(Vcov.Classical).Coefficients[j].StdError, expected.GetProperty("se_homoskedastic").GetProperty(order[j]).GetDouble(), CoefficientTolerance, $"{what} SE {order[j]}");
            ShouldBeRelativelyClose(fit.WithVcov(Vcov.HC0).Coefficients[j].StdError, expected.GetProperty("se_white").GetProperty(order[j]).GetDouble(), CoefficientTolerance, $"{what} White SE {order[j]}");
        }
    }

    private static void SetShouldMatch(ThresholdConfidenceSet set, JsonElement expected, string what)
    {
        set.Lower.Should().Be(expected.GetProperty("lower").GetDouble(), what);
        set.Upper.Should().Be(expected.GetProperty("upper").GetDouble(), what);
        set.PointsInside.Should().Be(expected.GetProperty("n_grid_points_inside").GetInt32(), what);
        set.IsContiguous.Should().Be(expected.GetProperty("contiguous").GetBoolean(), what);
    }

    [ReferenceFact]
    public void Quantile_grid_is_hansens_393_points()
    {
        var r = HansenInvestment.HansenOriginal;
        r.Grid.Should().Equal(Doubles(Expected.GetProperty("grid").GetProperty("candidates")));
        r.Sample.EntityCount.Should().Be(565);
        r.Sample.PeriodCount.Should().Be(14);
        r.LeastSquaresRows.Should().Be(7345);
        r.VarianceDenominator.Should().Be(7345);
    }

    [ReferenceFact]
    public void Hansen_transformation_reproduces_every_sse_curve()
    {
        var r = HansenInvestment.HansenOriginal;
        var grid = Expected.GetProperty("grid");
        var curves = grid.GetProperty("sse_over_candidates");
        CurveShouldMatch(r.Single.Searches[0], grid.GetProperty("candidates"), curves.GetProperty("single"), "single");
        CurveShouldMatch(r.Double!.Searches[0], grid.GetProperty("candidates_double"), curves.GetProperty("double_gamma2_given_gamma1"), "double");
        CurveShouldMatch(r.Double!.Searches[1], curves.GetProperty("candidates_refine"), curves.GetProperty("refine_gamma1_given_gamma2"), "refine");
        CurveShouldMatch(r.Triple!.Searches[0], grid.GetProperty("candidates_triple"), curves.GetProperty("triple_gamma3_given_gamma1_gamma2"), "triple");
    }

    [ReferenceFact]
    public void Hansen_transformation_reproduces_thresholds_sses_and_f()
    {
        var r = HansenInvestment.HansenOriginal;
        var e = Expected;
        ShouldBeRelativelyClose(r.Linear.Sse, e.GetProperty("SSE0_linear").GetDouble(), SseTolerance, "SSE0");
        ShouldBeRelativelyClose(r.Linear.Sse, 16.591220, 1e-7, "published SSE0 (7 digits)");

        r.Single.Thresholds.Should().Equal([0.0157]);
        ShouldBeRelativelyClose(r.Single.Test.UnrestrictedSse, e.GetProperty("single").GetProperty("SSE1").GetDouble(), SseTolerance, "SSE1");

        var d = e.GetProperty("double");
        r.Double!.Searches[0].Estimate.Should().Be(d.GetProperty("gamma2_given_gamma1").GetDouble());
        r.Double.Searches[1].Estimate.Should().Be(d.GetProperty("gamma1_refined_given_gamma2").GetDouble());
        r.Double.Thresholds.Should().Equal([0.0157, 0.53616]);
        ShouldBeRelativelyClose(r.Double.Searches[0].MinimumSse, d.GetProperty("SSE2_first_iteration").GetDouble(), SseTolerance, "SSE2 first iteration");
        ShouldBeRelativelyClose(r.Double.Test.UnrestrictedSse, d.GetProperty("SSE2").GetDouble(), SseTolerance, "SSE2");

        var t = e.GetProperty("triple");
        r.Triple!.Searches[0].FixedThresholds.Should().Equal(Doubles(t.GetProperty("fixed")));
        r.Triple.Thresholds.Should().Equal(Doubles(t.GetProperty("thresholds")));
        ShouldBeRelativelyClose(r.Triple.Test.RestrictedSse, t.GetProperty("SSE2_at_fixed").GetDouble(), SseTolerance, "S2 at fixed");
        ShouldBeRelativelyClose(r.Triple.Test.UnrestrictedSse, t.GetProperty("SSE3").GetDouble(), SseTolerance, "SSE3");

        var f = e.GetProperty("F_statistics").GetProperty("ty7345_Hansen_N_times_T_minus_1");
        ShouldBeRelativelyClose(r.Single.Test.F, f.GetProperty("F1").GetDouble(), SseTolerance, "F1");
        ShouldBeRelativelyClose(r.Double.Test.F, f.GetProperty("F2").GetDouble(), SseTolerance, "F2");
        ShouldBeRelativelyClose(r.Triple.Test.F, f.GetProperty("F3").GetDouble(), SseTolerance, "F3");
        Math.Round(r.Single.Test.F, 3).Should().Be(32.650);
        Math.Round(r.Double.Test.F, 3).Should().Be(25.799);
    }

    [ReferenceFact]
    public void Hansen_transformation_reproduces_confidence_sets()
    {
        var r = HansenInvestment.HansenOriginal;
        var e = Expected;
        SetShouldMatch(r.Single.Estimates[0].Search.ConfidenceSet, e.GetProperty("single").GetProperty("CI95_LR_ty7345"), "single γ1");
        SetShouldMatch(r.Double!.Estimates[0].Search.ConfidenceSet, e.GetProperty("double").GetProperty("CI95_gamma1_refined_LR_ty7345"), "double γ1 (refined)");
        SetShouldMatch(r.Double.Estimates[1].Search.ConfidenceSet, e.GetProperty("double").GetProperty("CI95_gamma2_LR_ty7345"), "double γ2");
        SetShouldMatch(r.Triple!.Estimates[0].Search.ConfidenceSet, e.GetProperty("triple").GetProperty("CI95_gamma3_LR_ty7345"), "triple γ3");
        // c = −2 ln(1 − √0.95), to the last bit of the reference.
        r.Single.Estimates[0].Search.ConfidenceSet.CriticalValue.Should().BeApproximately(e.GetProperty("specification").GetProperty("critical_value_c").GetDouble(), 1e-12);
    }

    [ReferenceFact]
    public void Hansen_transformation_reproduces_regime_coefficients_and_standard_errors()
    {
        var r = HansenInvestment.HansenOriginal;
        var e = Expected;
        FitShouldMatch(r.Linear, e.GetProperty("linear_fit"), "linear");
        FitShouldMatch(r.Single.Fit, e.GetProperty("single").GetProperty("fit"), "single");
        FitShouldMatch(r.Double!.Fit, e.GetProperty("double").GetProperty("fit"), "double");
        FitShouldMatch(r.Triple!.Fit, e.GetProperty("triple").GetProperty("fit"), "triple");
    }

    [ReferenceFact]
    public void Ptm_denominator_n_times_t_gives_ptm_f_and_confidence_sets()
    {
        var options = HansenInvestment.Options(ThresholdTransformation.HansenOriginal) with { VarianceDenominator = ThresholdVarianceDenominator.NTimesT };
        var r = PanelThresholdRegression.Estimate(HansenInvestment.Panel, HansenInvestment.Specification, options);
        var e = Expected;
        r.VarianceDenominator.Should().Be(7910);
        var f = e.GetProperty("F_statistics").GetProperty("ty7910_ptmR_N_times_T");
        ShouldBeRelativelyClose(r.Single.Test.F, f.GetProperty("F1").GetDouble(), SseTolerance, "F1 (N·T)");
        ShouldBeRelativelyClose(r.Double!.Test.F, f.GetProperty("F2").GetDouble(), SseTolerance, "F2 (N·T)");
        ShouldBeRelativelyClose(r.Triple!.Test.F, f.GetProperty("F3").GetDouble(), SseTolerance, "F3 (N·T)");
        SetShouldMatch(r.Single.Estimates[0].Search.ConfidenceSet, e.GetProperty("single").GetProperty("CI95_LR_ty7910"), "single γ1");
        SetShouldMatch(r.Double.Estimates[0].Search.ConfidenceSet, e.GetProperty("double").GetProperty("CI95_gamma1_refined_LR_ty7910"), "double γ1");
        SetShouldMatch(r.Double.Estimates[1].Search.ConfidenceSet, e.GetProperty("double").GetProperty("CI95_gamma2_LR_ty7910"), "double γ2");
        SetShouldMatch(r.Triple.Estimates[0].Search.ConfidenceSet, e.GetProperty("triple").GetProperty("CI95_gamma3_LR_ty7910"), "triple γ3");
    }

    [ReferenceFact]
    public void Standard_within_default_reproduces_the_variant_block()
    {
        var r = HansenInvestment.StandardWithin;
        var v = Expected.GetProperty("variant_standard_within_all_periods");
        r.Options.Transformation.Should().Be(new ThresholdOptions().Transformation, "the standard within transformation is the default");
        r.LeastSquaresRows.Should().Be(v.GetProperty("rows_used_in_OLS").GetInt32());
        ShouldBeRelativelyClose(r.Linear.Sse, v.GetProperty("SSE0_linear").GetDouble(), SseTolerance, "variant SSE0");

        var s = v.GetProperty("single");
        r.Single.Thresholds.Should().Equal([s.GetProperty("gamma").GetDouble()]);
        ShouldBeRelativelyClose(r.Single.Test.UnrestrictedSse, s.GetProperty("SSE1").GetDouble(), SseTolerance, "variant SSE1");
        SetShouldMatch(r.Single.Estimates[0].Search.ConfidenceSet, s.GetProperty("CI95_LR_ty7345"), "variant single γ1");

        var d = v.GetProperty("double");
        r.Double!.Searches[0].Estimate.Should().Be(d.GetProperty("gamma2_given_gamma1").GetDouble());
        r.Double.Searches[1].Estimate.Should().Be(d.GetProperty("gamma1_refined_given_gamma2").GetDouble());
        r.Double.Thresholds.Should().Equal(Doubles(d.GetProperty("thresholds")));
        ShouldBeRelativelyClose(r.Double.Searches[0].MinimumSse, d.GetProperty("SSE2_first_iteration").GetDouble(), SseTolerance, "variant SSE2 first");
        ShouldBeRelativelyClose(r.Double.Test.UnrestrictedSse, d.GetProperty("SSE2").GetDouble(), SseTolerance, "variant SSE2");
        SetShouldMatch(r.Double.Estimates[0].Search.ConfidenceSet, d.GetProperty("CI95_gamma1_refined_LR_ty7345"), "variant double γ1");
        SetShouldMatch(r.Double.Estimates[1].Search.ConfidenceSet, d.GetProperty("CI95_gamma2_LR_ty7345"), "variant double γ2");

        var t = v.GetProperty("triple");
        r.Triple!.Searches[0].FixedThresholds.Should().Equal(Doubles(t.GetProperty("fixed")));
        r.Triple.Thresholds.Should().Equal(Doubles(t.GetProperty("thresholds")));
        ShouldBeRelativelyClose(r.Triple.Test.RestrictedSse, t.GetProperty("SSE2_at_fixed").GetDouble(), SseTolerance, "variant S2 at fixed");
        ShouldBeRelativelyClose(r.Triple.Test.UnrestrictedSse, t.GetProperty("SSE3").GetDouble(), SseTolerance, "variant SSE3");
        SetShouldMatch(r.Triple.Estimates[0].Search.ConfidenceSet, t.GetProperty("CI95_gamma3_LR_ty7345"), "variant triple γ3");

        var f = v.GetProperty("F_statistics").GetProperty("ty7345_Hansen_N_times_T_minus_1");
        ShouldBeRelativelyClose(r.Single.Test.F, f.GetProperty("F1").GetDouble(), SseTolerance, "variant F1");
        ShouldBeRelativelyClose(r.Double.Test.F, f.GetProperty("F2").GetDouble(), SseTolerance, "variant F2");
        ShouldBeRelativelyClose(r.Triple.Test.F, f.GetProperty("F3").GetDouble(), SseTolerance, "variant F3");

        FitShouldMatch(r.Linear, v.GetProperty("linear_fit"), "variant linear");
        FitShouldMatch(r.Single.Fit, s.GetProperty("fit"), "variant single");
        FitShouldMatch(r.Double.Fit, d.GetProperty("fit"), "variant double");
        FitShouldMatch(r.Triple.Fit, t.GetProperty("fit"), "variant triple");
    }

    [ReferenceFact]
    public void Standard_within_with_ptm_denominator_reproduces_variant_f_and_sets()
    {
        var options = HansenInvestment.Options(ThresholdTransformation.StandardWithin) with { VarianceDenominator = ThresholdVarianceDenominator.NTimesT };
        var r = PanelThresholdRegression.Estimate(HansenInvestment.Panel, HansenInvestment.Specification, options);
        var v = Expected.GetProperty("variant_standard_within_all_periods");
        var f = v.GetProperty("F_statistics").GetProperty("ty7910_ptmR_N_times_T");
        ShouldBeRelativelyClose(r.Single.Test.F, f.GetProperty("F1").GetDouble(), SseTolerance, "variant F1 (N·T)");
        ShouldBeRelativelyClose(r.Double!.Test.F, f.GetProperty("F2").GetDouble(), SseTolerance, "variant F2 (N·T)");
        ShouldBeRelativelyClose(r.Triple!.Test.F, f.GetProperty("F3").GetDouble(), SseTolerance, "variant F3 (N·T)");
        SetShouldMatch(r.Single.Estimates[0].Search.ConfidenceSet, v.GetProperty("single").GetProperty("CI95_LR_ty7910"), "variant single γ1");
        SetShouldMatch(r.Double.Estimates[0].Search.ConfidenceSet, v.GetProperty("double").GetProperty("CI95_gamma1_refined_LR_ty7910"), "variant double γ1");
        SetShouldMatch(r.Double.Estimates[1].Search.ConfidenceSet, v.GetProperty("double").GetProperty("CI95_gamma2_LR_ty7910"), "variant double γ2");
        SetShouldMatch(r.Triple.Estimates[0].Search.ConfidenceSet, v.GetProperty("triple").GetProperty("CI95_gamma3_LR_ty7910"), "variant triple γ3");
    }
}
