using CsCheck;
using DigitalEconomy.Econometrics.Data;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Data;

/// <summary>Lag/lead on random gapped panels against a dictionary oracle keyed by (entity, year).</summary>
public class PanelLagPropertyTests
{
    private static readonly Gen<(int[] Ids, int[] Years, int K)> Cases =
        from entities in Gen.Int[1, 6]
        from cells in Gen.Bool.Array[entities * 12]
        from k in Gen.Int[-4, 4]
        from order in Gen.Int.Array[entities * 12]
        select Make(entities, cells, k, order);

    private static (int[], int[], int) Make(int entities, bool[] cells, int k, int[] order)
    {
        var rows = Enumerable.Range(0, entities * 12).Where(c => cells[c]).ToArray();
        if (rows.Length == 0) rows = [0];
        // Shuffle the input order: the panel must sort it.
        rows = rows.OrderBy(c => order[c]).ToArray();
        return (rows.Select(c => 100 + c / 12).ToArray(), rows.Select(c => 2000 + 2 * (c % 12)).ToArray(), k);
    }

    [Fact]
    public void Lag_equals_the_value_of_the_same_entity_k_steps_earlier_or_missing()
    {
        Cases.Sample(c =>
        {
            var x = c.Ids.Select((id, r) => id * 1000.0 + c.Years[r]).ToArray();
            var panel = new PanelDataBuilder("id", "year").Keys(c.Ids, c.Years).Numeric("x", x).Build();
            // Oracle: step = gcd of the gaps between the distinct years present (years are even, so ≥ 2).
            var distinct = c.Years.Distinct().OrderBy(y => y).ToArray();
            int step = 0;
            for (int i = 1; i < distinct.Length; i++) step = Gcd(step, distinct[i] - distinct[i - 1]);
            if (step == 0) step = 1;
            var value = new Dictionary<(int, int), double>();
            for (int r = 0; r < c.Ids.Length; r++) value[(c.Ids[r], c.Years[r])] = x[r];
            var lag = panel.Lag("x", c.K);
            var ids = panel.Entities;
            var years = panel.Times;
            for (int r = 0; r < panel.RowCount; r++)
            {
                var key = (int.Parse(ids.LabelOf(r)), int.Parse(years.LabelOf(r)) - c.K * step);
                double expected = value.TryGetValue(key, out var v) ? v : double.NaN;
                lag[r].Should().Be(expected, $"row {panel.Describe(r)}, k = {c.K}, step = {step}");
            }
        }, iter: 300);

        static int Gcd(int a, int b) { while (b != 0) (a, b) = (b, a % b); return Math.Abs(a); }
    }
}
