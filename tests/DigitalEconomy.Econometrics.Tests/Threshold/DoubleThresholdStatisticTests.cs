using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Threshold;
using FluentAssertions;
using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Tests.Threshold;

/// <summary>
/// The double-threshold statistic follows Hansen (1999, §4): F2 = (S1 − S2)/(S2/ty) with S2 the minimum of the
/// second-stage search given the first-stage γ̂1, not the SSE after the refinement step. On Hansen's own data
/// the refinement does not move γ̂1, so the two definitions coincide there; this panel is one where it does move.
/// </summary>
public sealed class DoubleThresholdStatisticTests
{
    // Thresholds 0.3 and 0.7 with slopes 0, 1, 2: the single-threshold search settles between the two true
    // thresholds (γ̂1 ≈ 0.575), γ̂2 | γ̂1 finds the lower one, and the refinement moves γ1 up to ≈ 0.72.
    private static (PanelData Panel, ThresholdResult Result) Fit()
    {
        var panel = SimulatedThresholdPanel.Create(100, 5, [0.3, 0.7], [[0.0], [1.0], [2.0]], 1.0, seed: 2);
        var result = PanelThresholdRegression.Estimate(panel, new ThresholdSpecification("y", ["x1"], ["z"], "q"),
            new ThresholdOptions { MaxThresholds = 2, BootstrapReplications = 0, GridPoints = 100 });
        return (panel, result);
    }

    [Fact]
    public void Refinement_moves_gamma1_on_this_panel()
    {
        var (_, r) = Fit();
        var d = r.Double!;
        double firstStage = r.Single.Thresholds[0], refined = d.Searches[1].Estimate;
        refined.Should().NotBe(firstStage);
        Math.Abs(refined - firstStage).Should().BeGreaterThan(0.05, "the refinement moves γ1 from between the true thresholds to the upper one");
        d.Fit.Sse.Should().BeLessThan(d.Searches[0].MinimumSse, "the refined model fits better than the first-stage pair");
    }

    [Fact]
    public void F2_uses_S2_from_the_second_stage_search_before_refinement()
    {
        var (panel, r) = Fit();
        var d = r.Double!;
        double s1 = r.Single.Searches[0].MinimumSse, s2 = d.Searches[0].MinimumSse;
        d.Test.RestrictedSse.Should().Be(s1);
        d.Test.UnrestrictedSse.Should().Be(s2);
        d.Test.UnrestrictedSse.Should().NotBe(d.Fit.Sse);
        // Exact arithmetic on the same doubles.
        d.Test.F.Should().Be((s1 - s2) / (s2 / r.VarianceDenominator));

        // S2 checked independently: the within regression with regime dummies at (first-stage γ̂1, γ̂2 | γ̂1),
        // solved by QR here. Tolerance 1e-9 relative: two least-squares solutions of a well-conditioned 500 × 4 problem.
        double[] gammas = [Math.Min(r.Single.Thresholds[0], d.Searches[0].Estimate), Math.Max(r.Single.Thresholds[0], d.Searches[0].Estimate)];
        double bruteForce = WithinSse(panel, gammas);
        Math.Abs(s2 - bruteForce).Should().BeLessThan(1e-9 * bruteForce);
        Math.Abs(d.Fit.Sse - WithinSse(panel, [.. d.Thresholds])).Should().BeLessThan(1e-9 * d.Fit.Sse);
    }

    /// <summary>SSE of y on z and x·1(regime j), j = 1..m+1, after demeaning every column by entity.</summary>
    private static double WithinSse(PanelData panel, double[] thresholds)
    {
        var y = panel.CopyColumn("y");
        var q = panel.CopyColumn("q");
        var x = panel.CopyColumn("x1");
        var columns = new List<double[]> { panel.CopyColumn("z") };
        for (int j = 0; j <= thresholds.Length; j++)
        {
            double lo = j == 0 ? double.NegativeInfinity : thresholds[j - 1], hi = j == thresholds.Length ? double.PositiveInfinity : thresholds[j];
            columns.Add(q.Select((v, r) => v >= lo && v < hi ? x[r] : 0).ToArray());
        }
        var codes = panel.Entities.Codes.ToArray();
        double[] Demean(double[] v)
        {
            var sums = new double[panel.Entities.LevelCount];
            var counts = new int[sums.Length];
            for (int r = 0; r < v.Length; r++) { sums[codes[r]] += v[r]; counts[codes[r]]++; }
            return v.Select((value, r) => value - sums[codes[r]] / counts[codes[r]]).ToArray();
        }
        var design = Matrix<double>.Build.DenseOfColumnArrays(columns.Select(Demean));
        var outcome = Vector<double>.Build.DenseOfArray(Demean(y));
        var beta = design.QR().Solve(outcome);
        var e = outcome - design * beta;
        return e.DotProduct(e);
    }
}
