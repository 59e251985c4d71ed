using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Results;

namespace DigitalEconomy.Econometrics.Did;

/// <summary>Kinds of 2×2 comparison in the Goodman-Bacon decomposition.</summary>
public enum BaconComparisonType
{
    /// <summary>A cohort against never-treated units, over all periods.</summary>
    TreatedVsUntreated,
    /// <summary>An earlier cohort against a later one, before the later one adopts.</summary>
    EarlierVsLaterTreated,
    /// <summary>A later cohort against an earlier, already treated one, after the earlier one adopts (the "forbidden" comparison).</summary>
    LaterVsEarlierTreated,
    /// <summary>A cohort against units treated in every period.</summary>
    LaterVsAlwaysTreated,
}

/// <summary>One 2×2 comparison: its DID estimate and its weight in the TWFE coefficient.</summary>
/// <param name="Type">Comparison type.</param>
/// <param name="Treated">Cohort whose adoption is the treatment in this comparison.</param>
/// <param name="Control">Cohort serving as control (0 = never treated).</param>
/// <param name="Weight">s, the weight in β_TWFE = Σ s·β₂ₓ₂ (the weights sum to 1).</param>
/// <param name="Estimate">β₂ₓ₂, the difference in mean changes between the two cohorts over the comparison's window.</param>
public sealed record BaconComparison(BaconComparisonType Type, long Treated, long Control, double Weight, double Estimate);

/// <summary>
/// Goodman-Bacon (2021) decomposition of the two-way fixed-effects DID coefficient on a balanced panel without
/// controls: β_TWFE = Σ_{k,l} s_kl β_kl over every pair of timing groups (treated vs never treated, earlier vs later,
/// later vs earlier, later vs always treated). With group shares n_k, treated-period shares D̄_k and V the variance of
/// the two-way demeaned treatment, the earlier (k) vs later (l) weight is
/// ((n_k + n_l)(1 − D̄_l))² n_kl(1 − n_kl) (D̄_k − D̄_l)/(1 − D̄_l) · (1 − D̄_k)/(1 − D̄_l) / V and the later vs
/// earlier weight ((n_k + n_l)D̄_k)² n_kl(1 − n_kl) (D̄_l/D̄_k)(D̄_k − D̄_l)/D̄_k / V, n_kl = n_k/(n_k + n_l); never
/// treated units are a group with D̄ = 0 and always treated ones a group with D̄ = 1.
/// </summary>
public static class BaconDecomposition
{
    /// <summary>Decomposes the TWFE DID of <paramref name="options"/> (controls are not allowed).</summary>
    public static BaconDecompositionResult Fit(PanelData panel, DidOptions options)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Controls.Count > 0)
            throw new SpecificationException("The Goodman-Bacon decomposition is defined for the TWFE DID without controls; remove the controls.");
        if (!panel.Structure.IsBalanced)
            throw new SpecificationException($"The Goodman-Bacon decomposition needs a balanced panel; {panel.Structure.IncompleteEntities} unit(s) of '{panel.EntityName}' miss periods (balance it first, e.g. PanelData.Balance()).");
        var y = panel.Column(options.Outcome);
        for (int r = 0; r < y.Length; r++)
            if (!double.IsFinite(y[r]))
                throw new SpecificationException($"The Goodman-Bacon decomposition needs '{options.Outcome}' in every row of a balanced panel; row {panel.Describe(r)} is missing.");
        var cohorts = CohortAssignment.Read(panel, options.Cohort);
        var periods = cohorts.Periods;
        int T = periods.Length, N = panel.Entities.LevelCount;
        // Timing groups: cohort values after the last period are never treated, at or before the first always treated.
        long Normalise(long g) => g == 0 || g > periods[^1] ? 0 : g;
        var groupOfUnit = cohorts.CohortOfUnit.Select(Normalise).ToArray();
        var groups = groupOfUnit.Distinct().Order().ToArray();
        var idx = groups.Select((g, i) => (g, i)).ToDictionary(p => p.g, p => p.i);
        int G = groups.Length;
        var size = new double[G];
        var mean = new double[G * T];
        foreach (var g in groupOfUnit) size[idx[g]]++;
        for (int r = 0; r < y.Length; r++)
            mean[idx[groupOfUnit[cohorts.UnitOfRow[r]]] * T + cohorts.PeriodOfRow[r]] += y[r];
        for (int k = 0; k < G; k++) for (int t = 0; t < T; t++) mean[k * T + t] /= size[k];
        var dbar = groups.Select(g => g == 0 ? 0.0 : periods.Count(p => p >= g) / (double)T).ToArray();
        var share = size.Select(s => s / N).ToArray();

        // V: mean square of the two-way demeaned treatment (balanced, so the within transformation is explicit).
        var dPeriod = new double[T];
        for (int k = 0; k < G; k++)
            for (int t = 0; t < T; t++) dPeriod[t] += share[k] * (groups[k] != 0 && periods[t] >= groups[k] ? 1 : 0);
        double dAll = dPeriod.Average(), v = 0;
        for (int k = 0; k < G; k++)
            for (int t = 0; t < T; t++)
            {
                double d = groups[k] != 0 && periods[t] >= groups[k] ? 1 : 0;
                double e = d - dbar[k] - dPeriod[t] + dAll;
                v += share[k] * e * e / T;
            }
        if (!(v > 1e-14))
            throw new SpecificationException($"Treatment from '{options.Cohort}' has no variation left after unit and period fixed effects.");

        double Mean(int k, Func<long, bool> window)
        {
            double s = 0; int c = 0;
            for (int t = 0; t < T; t++) if (window(periods[t])) { s += mean[k * T + t]; c++; }
            return s / c;
        }

        var comparisons = new List<BaconComparison>();
        for (int a = 0; a < G; a++)
            for (int b = 0; b < G; b++)
            {
                if (a == b || !(dbar[a] > dbar[b])) continue;
                // a adopts earlier (or is always treated); b later (or never).
                long ga = groups[a], gb = groups[b];
                double nab = share[a] / (share[a] + share[b]), pair = share[a] + share[b];
                if (dbar[a] < 1)
                {
                    double s = Math.Pow(pair * (1 - dbar[b]), 2) * nab * (1 - nab) * (dbar[a] - dbar[b]) / (1 - dbar[b]) * (1 - dbar[a]) / (1 - dbar[b]) / v;
                    bool Window(long t) => gb == 0 || t < gb;
                    double est = (Mean(a, t => Window(t) && t >= ga) - Mean(a, t => Window(t) && t < ga))
                               - (Mean(b, t => Window(t) && t >= ga) - Mean(b, t => Window(t) && t < ga));
                    comparisons.Add(new BaconComparison(gb == 0 ? BaconComparisonType.TreatedVsUntreated : BaconComparisonType.EarlierVsLaterTreated, ga, gb, s, est));
                }
                if (dbar[b] > 0)
                {
                    double s = Math.Pow(pair * dbar[a], 2) * nab * (1 - nab) * (dbar[b] / dbar[a]) * (dbar[a] - dbar[b]) / dbar[a] / v;
                    bool always = dbar[a] >= 1;
                    bool Window(long t) => always || t >= ga;
                    double est = (Mean(b, t => Window(t) && t >= gb) - Mean(b, t => Window(t) && t < gb))
                               - (Mean(a, t => Window(t) && t >= gb) - Mean(a, t => Window(t) && t < gb));
                    comparisons.Add(new BaconComparison(always ? BaconComparisonType.LaterVsAlwaysTreated : BaconComparisonType.LaterVsEarlierTreated, gb, ga, s, est));
                }
            }
        var twfe = TwoWayDid.Fit(panel, options, cohorts);
        return new BaconDecompositionResult(comparisons, twfe);
    }
}

/// <summary>Result of <see cref="BaconDecomposition"/>.</summary>
public sealed class BaconDecompositionResult : IEstimationResult
{
    internal BaconDecompositionResult(IReadOnlyList<BaconComparison> comparisons, TwoWayDidResult twfe)
    {
        Comparisons = comparisons;
        Twfe = twfe;
    }

    /// <summary>Every 2×2 comparison with its weight and estimate.</summary>
    public IReadOnlyList<BaconComparison> Comparisons { get; }

    /// <summary>The TWFE DID being decomposed.</summary>
    public TwoWayDidResult Twfe { get; }

    /// <summary>Σ s·β₂ₓ₂, equal to the TWFE coefficient.</summary>
    public double WeightedSum => Comparisons.Sum(c => c.Weight * c.Estimate);

    /// <summary>Total weight and weighted mean estimate by comparison type.</summary>
    public IReadOnlyList<(BaconComparisonType Type, double Weight, double Estimate)> ByType() =>
        Comparisons.GroupBy(c => c.Type).OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Sum(c => c.Weight), g.Sum(c => c.Weight * c.Estimate) / g.Sum(c => c.Weight))).ToArray();

    /// <inheritdoc />
    public string Model => "Goodman-Bacon decomposition";
    /// <inheritdoc />
    public string? Label => Twfe.Label;
    /// <inheritdoc />
    public string Dependent => Twfe.Dependent;
    /// <inheritdoc />
    public IReadOnlyList<Coefficient> Coefficients => [Twfe.Att];
    /// <inheritdoc />
    public int Observations => Twfe.Observations;
    /// <inheritdoc />
    public VarianceSummary? Variance => Twfe.Variance;
    /// <inheritdoc />
    public IReadOnlyList<FitStatistic> FitStatistics => [new("n_comparisons", "2×2 comparisons", Comparisons.Count, IsCount: true)];
    /// <inheritdoc />
    public IReadOnlyList<string> AbsorbedEffects => Twfe.AbsorbedEffects;
    /// <inheritdoc />
    public IReadOnlyList<string> Notes => Twfe.Notes;
}
