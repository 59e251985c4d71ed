using CsCheck;
using DigitalEconomy.Econometrics.Indices;
using DigitalEconomy.Econometrics.Numerics;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Indices;

public class EntropyPropertyTests
{
    /// <summary>Matrices of 3–40 rows × 1–6 columns with no constant column; values on a 0.01 grid in [−1000, 1000], as indicator data are.</summary>
    private static readonly Gen<double[][]> Matrices =
        Gen.Int[3, 40].SelectMany(n => Gen.Int[-100_000, 100_000].Select(v => v / 100.0).Array[n].Array[1, 6])
            .Where(cols => cols.All(c => c.Max() > c.Min()));

    private static Indicator[] Positive(int m) => Enumerable.Range(0, m).Select(j => Indicator.Positive($"x{j}")).ToArray();

    private static EntropyIndexResult Compute(double[][] cols, Indicator[] indicators, double shift = 0.0001) =>
        EntropyWeightMethod.Compute(ColumnMajorMatrix.FromColumns(cols), indicators, new EntropyWeightOptions { Shift = shift });

    [Fact]
    public void Weights_sum_to_one_and_lie_in_the_unit_interval() =>
        Matrices.Select(Gen.Double[0, 0.01]).Sample((cols, shift) =>
        {
            var w = Compute(cols, Positive(cols.Length), shift).Weights;
            // 1e-14: a sum of ≤ 6 quotients d_j/Σd.
            w.Sum().Should().BeApproximately(1, 1e-14);
            w.Should().OnlyContain(x => x >= 0 && x <= 1);
        }, iter: 200);

    [Fact]
    public void Weights_and_scores_are_invariant_to_positive_rescaling_and_translation_of_an_indicator() =>
        Matrices.Select(Gen.Double[0.001, 1000], Gen.Double[-500, 500]).Sample((cols, scale, offset) =>
        {
            var before = Compute(cols, Positive(cols.Length));
            var changed = cols.Select(c => (double[])c.Clone()).ToArray();
            changed[0] = cols[0].Select(x => x * scale + offset).ToArray();
            var after = Compute(changed, Positive(cols.Length));
            // 1e-9: min-max scaling cancels a·x + b exactly in real arithmetic; in floating point (x·a + b − min)/(max − min)
            // loses up to |b|/(a·range) ulps, which the generator keeps well below 1e-9.
            for (int j = 0; j < cols.Length; j++) after.Weights[j].Should().BeApproximately(before.Weights[j], 1e-9);
            for (int i = 0; i < cols[0].Length; i++) after.Scores[i].Should().BeApproximately(before.Scores[i], 1e-9);
        }, iter: 200);

    [Fact]
    public void A_negative_indicator_equals_its_mirrored_positive() =>
        Matrices.Sample(cols =>
        {
            var asNegative = Positive(cols.Length);
            asNegative[0] = Indicator.Negative("x0");
            var a = Compute(cols, asNegative);
            var mirrored = cols.Select(c => (double[])c.Clone()).ToArray();
            mirrored[0] = cols[0].Select(x => -x).ToArray();
            var b = Compute(mirrored, Positive(cols.Length));
            // Exact: (max − x) and (−x) − (−max) are the same rounded difference.
            a.Weights.Should().Equal(b.Weights);
            a.Scores.ToArray().Should().Equal(b.Scores.ToArray());
        }, iter: 200);

    [Fact]
    public void Row_order_does_not_change_weights() =>
        Matrices.Sample(cols =>
        {
            var reversed = cols.Select(c => c.Reverse().ToArray()).ToArray();
            var a = Compute(cols, Positive(cols.Length));
            var b = Compute(reversed, Positive(cols.Length));
            // 1e-13: only the summation order of the shares differs.
            for (int j = 0; j < cols.Length; j++) b.Weights[j].Should().BeApproximately(a.Weights[j], 1e-13);
        }, iter: 100);
}
