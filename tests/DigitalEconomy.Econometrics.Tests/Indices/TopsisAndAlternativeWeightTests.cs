using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Indices;
using DigitalEconomy.Econometrics.Reporting;
using FluentAssertions;
using static DigitalEconomy.Econometrics.Tests.Indices.IndexTestSupport;

namespace DigitalEconomy.Econometrics.Tests.Indices;

public class TopsisAndAlternativeWeightTests
{
    private static readonly double[] A = [3.0, 7, 1, 9, 4, 6];
    private static readonly double[] B = [20.0, 18, 25, 11, 30, 14];
    private static readonly double[] C = [0.9, 0.1, 0.5, 0.3, 0.8, 0.2];
    private static readonly Indicator[] Indicators = [Indicator.Positive("a"), Indicator.Negative("b"), Indicator.Positive("c")];
    private static readonly bool[] Negative = [false, true, false];

    private static PanelData Panel3() => Panel(3, 2, ("a", A), ("b", B), ("c", C));

    [Fact]
    public void Topsis_closeness_matches_the_textbook_steps()
    {
        var result = EntropyTopsis.Compute(Panel3(), Indicators);
        var (w, _, xp, _) = NaiveEntropy([A, B, C], Negative, 0.0001);
        for (int i = 0; i < 6; i++)
        {
            double plus = 0, minus = 0;
            for (int j = 0; j < 3; j++)
            {
                double v = w[j] * xp[j][i], best = w[j] * xp[j].Max(), worst = w[j] * xp[j].Min();
                plus += (v - best) * (v - best);
                minus += (v - worst) * (v - worst);
            }
            double c = Math.Sqrt(minus) / (Math.Sqrt(plus) + Math.Sqrt(minus));
            // 1e-12 (brief): same formulas, library sums in SIMD / chunked order.
            result.Closeness[i].Should().BeApproximately(c, 1e-12);
            result.DistanceToPositiveIdeal[i].Should().BeApproximately(Math.Sqrt(plus), 1e-12);
        }
        result.Entropy.Weights[1].Should().BeApproximately(w[1], 1e-12);
        result.AddClosenessTo(Panel3()).HasNumeric("dei_topsis").Should().BeTrue();
        result.ToTable().Render(TableFormat.Latex).Should().Contain("\\toprule");
    }

    [Fact]
    public void Topsis_closeness_is_one_for_a_row_that_is_best_on_every_indicator()
    {
        // Row 2 dominates (max a, min b, max c): it is the positive ideal, so D+ = 0 and C = 1 exactly.
        var panel = Panel(3, 1, ("a", [1.0, 2, 3]), ("b", [5.0, 4, 1]), ("c", [0.0, 0.5, 2]));
        var result = EntropyTopsis.Compute(panel, Indicators);
        result.Closeness[2].Should().Be(1);
        result.Closeness[0].Should().Be(0);
    }

    [Fact]
    public void Critic_weights_match_the_definition()
    {
        var result = AlternativeWeighting.Critic(Panel3(), Indicators);
        var (_, _, xp, _) = NaiveEntropy([A, B, C], Negative, 0.0001);
        double Sd(double[] x) => Math.Sqrt(x.Sum(v => (v - x.Average()) * (v - x.Average())) / (x.Length - 1));
        double Cor(double[] x, double[] y) => x.Zip(y, (u, v) => (u - x.Average()) * (v - y.Average())).Sum() / ((x.Length - 1) * Sd(x) * Sd(y));
        var info = Enumerable.Range(0, 3).Select(j => Sd(xp[j]) * Enumerable.Range(0, 3).Sum(k => 1 - Cor(xp[j], xp[k]))).ToArray();
        for (int j = 0; j < 3; j++)
        {
            // 1e-12: same formulas, different summation order.
            result.Information[j].Should().BeApproximately(info[j], 1e-12);
            result.Weights[j].Should().BeApproximately(info[j] / info.Sum(), 1e-12);
        }
        for (int i = 0; i < 6; i++)
            result.Scores[i].Should().BeApproximately(Enumerable.Range(0, 3).Sum(j => result.Weights[j] * xp[j][i]), 1e-12);
        result.ToTable().Title.Should().Be("CRITIC weights");
    }

    [Fact]
    public void Coefficient_of_variation_weights_use_raw_indicators()
    {
        var result = AlternativeWeighting.CoefficientOfVariation(Panel3(), Indicators);
        double Cv(double[] x) => Math.Sqrt(x.Sum(v => (v - x.Average()) * (v - x.Average())) / (x.Length - 1)) / x.Average();
        var cv = new[] { Cv(A), Cv(B), Cv(C) };
        // 1e-12: same formula, different summation order.
        for (int j = 0; j < 3; j++) result.Weights[j].Should().BeApproximately(cv[j] / cv.Sum(), 1e-12);
        result.Method.Should().Be(WeightingMethod.CoefficientOfVariation);
    }

    [Fact]
    public void Coefficient_of_variation_needs_a_positive_mean()
    {
        var panel = Panel(3, 1, ("a", [-1.0, -2, -3]), ("b", [1.0, 2, 4]));
        var act = () => AlternativeWeighting.CoefficientOfVariation(panel, [Indicator.Positive("a"), Indicator.Positive("b")]);
        act.Should().Throw<SpecificationException>().WithMessage("Indicator 'a' has mean -2; coefficient-of-variation weights need indicators with a positive mean.");
    }

    [Fact]
    public void Alternative_weights_are_pooled_only()
    {
        var act = () => AlternativeWeighting.Critic(Panel3(), Indicators, new EntropyWeightOptions { Scope = EntropyScope.PerPeriod });
        act.Should().Throw<SpecificationException>().WithMessage("*Scope = Pooled*");
    }
}
