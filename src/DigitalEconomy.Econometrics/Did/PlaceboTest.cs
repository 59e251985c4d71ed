using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Model;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Results;

namespace DigitalEconomy.Econometrics.Did;

/// <summary>Options of the permutation (placebo) test of the TWFE DID.</summary>
public sealed record PlaceboOptions(string Outcome, string Cohort) : DidOptions(Outcome, Cohort)
{
    /// <summary>Number of random reassignments R (default 500).</summary>
    public int Replications { get; init; } = 500;

    /// <summary>Seed; replication r uses its own generator, so results do not depend on the thread count.</summary>
    public ulong Seed { get; init; } = 20260101;
}

/// <summary>
/// Randomisation inference for the TWFE DID: the units' adoption dates (cohorts, never-treated included) are
/// permuted across units R times, preserving the number of units in every cohort; each permutation re-estimates
/// β by Frisch–Waugh–Lovell (y and the controls are two-way demeaned once; only the placebo treatment is demeaned
/// again). The two-sided permutation p-value is (1 + #{|β_r| ≥ |β|}) / (R + 1) (Fisher 1935; Imbens and Rubin 2015,
/// ch. 5). <see cref="FakeTiming"/> is the complementary placebo: adoption shifted k periods earlier on the
/// pre-adoption sample, whose effect should be zero.
/// </summary>
public static class PlaceboTest
{
    /// <summary>Runs the permutation test.</summary>
    public static PlaceboResult Run(PanelData panel, PlaceboOptions options)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Replications < 1)
            throw new SpecificationException($"The placebo test needs at least one replication; got {options.Replications}.");
        var cohorts = CohortAssignment.Read(panel, options.Cohort);
        var actual = TwoWayDid.Fit(panel, options, cohorts);
        var rows = actual.Regression.EstimationRows.ToArray();
        int n = rows.Length;
        var unitCodes = RegressionDesign.Codes(panel.EntityName, panel.Entities.Subset(rows));
        var periodCodes = RegressionDesign.Codes(panel.TimeName, panel.Times.Subset(rows));
        var projector = new FixedEffectsProjector([unitCodes, periodCodes]);
        var yAll = panel.NumericArray(options.Outcome);
        var y = rows.Select(r => yAll[r]).ToArray();
        projector.DemeanInPlace(y);
        var controls = options.Controls.Select(c =>
        {
            var col = panel.NumericArray(c);
            var v = rows.Select(r => col[r]).ToArray();
            projector.DemeanInPlace(v);
            return v;
        }).ToArray();
        var partial = new ControlPartialler(controls);
        partial.Residualise(y);

        var unitOfRow = rows.Select(r => cohorts.UnitOfRow[r]).ToArray();
        var periodOfRow = rows.Select(r => cohorts.Periods[cohorts.PeriodOfRow[r]]).ToArray();
        double Beta(long[] cohortOfUnit)
        {
            var d = new double[n];
            for (int i = 0; i < n; i++)
            {
                long g = cohortOfUnit[unitOfRow[i]];
                d[i] = g != 0 && periodOfRow[i] >= g ? 1 : 0;
            }
            projector.DemeanInPlace(d);
            partial.Residualise(d);
            double dd = VectorKernels.Dot(d, d);
            return dd > 1e-12 * n ? VectorKernels.Dot(d, y) / dd : double.NaN;
        }
        double observed = Beta(cohorts.CohortOfUnit);
        var draws = new double[options.Replications];
        const ulong stream = 0x91AC_EB0;
        Parallel.For(0, options.Replications, DidParallelism.Options, r =>
        {
            var rng = SeededRandom.ForReplication(options.Seed, stream, (ulong)r);
            var perm = (long[])cohorts.CohortOfUnit.Clone();
            for (int i = perm.Length - 1; i > 0; i--)
            {
                int j = rng.NextInt(i + 1);
                (perm[i], perm[j]) = (perm[j], perm[i]);
            }
            draws[r] = Beta(perm);
        });
        var valid = draws.Where(double.IsFinite).ToArray();
        int extreme = valid.Count(b => Math.Abs(b) >= Math.Abs(observed) - 1e-12 * Math.Abs(observed));
        double p = (1.0 + extreme) / (valid.Length + 1);
        return new PlaceboResult(actual, observed, draws, p);
    }

    /// <summary>
    /// Fake-timing placebo: drops the observations on or after each unit's real adoption, pretends adoption
    /// happened <paramref name="periodsEarlier"/> periods earlier and fits the TWFE DID; under parallel pre-trends
    /// the coefficient is zero.
    /// </summary>
    public static TwoWayDidResult FakeTiming(PanelData panel, DidOptions options, int periodsEarlier)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(options);
        if (periodsEarlier < 1)
            throw new SpecificationException($"The fake-timing shift must be at least one period; got {periodsEarlier}.");
        var cohorts = CohortAssignment.Read(panel, options.Cohort);
        var keep = Enumerable.Range(0, panel.RowCount).Where(r => !cohorts.IsTreated(r)).ToArray();
        var fake = new double[panel.RowCount];
        for (int r = 0; r < fake.Length; r++)
        {
            long g = cohorts.CohortOfUnit[cohorts.UnitOfRow[r]];
            fake[r] = g == 0 ? 0 : g - periodsEarlier * panel.TimeStep;
        }
        const string column = "__fake_cohort";
        var sample = panel.WithColumn(column, fake).Subset(keep);
        return TwoWayDid.Fit(sample, options with { Cohort = column });
    }
}

/// <summary>Residualises columns on already demeaned controls: v − X̃(X̃′X̃)⁻¹X̃′v (Frisch–Waugh–Lovell).</summary>
internal sealed class ControlPartialler
{
    private readonly double[][] _x;
    private readonly CholeskySolver? _solver;

    public ControlPartialler(double[][] demeanedControls)
    {
        _x = demeanedControls;
        if (_x.Length == 0) return;
        int k = _x.Length;
        var a = new double[k, k];
        for (int p = 0; p < k; p++) for (int q = 0; q < k; q++) a[p, q] = VectorKernels.Dot(_x[p], _x[q]);
        _solver = new CholeskySolver(a);
    }

    public void Residualise(double[] v)
    {
        if (_solver is null) return;
        var rhs = _x.Select(c => VectorKernels.Dot(c, v)).ToArray();
        var b = _solver.Solve(rhs);
        for (int j = 0; j < _x.Length; j++) VectorKernels.Axpy(-b[j], _x[j], v);
    }
}

/// <summary>Result of <see cref="PlaceboTest.Run"/>.</summary>
public sealed class PlaceboResult : IEstimationResult
{
    private readonly double[] _draws;

    internal PlaceboResult(TwoWayDidResult actual, double observed, double[] draws, double pValue)
    {
        Actual = actual;
        Observed = observed;
        _draws = draws;
        PValue = pValue;
    }

    /// <summary>The TWFE DID on the real adoption dates.</summary>
    public TwoWayDidResult Actual { get; }
    /// <summary>β on the real adoption dates (equal to <see cref="TwoWayDidResult.Att"/>).</summary>
    public double Observed { get; }
    /// <summary>Permutation p-value (two-sided).</summary>
    public double PValue { get; }
    /// <summary>Replications.</summary>
    public int Replications => _draws.Length;
    /// <summary>The placebo coefficients, one per replication, in replication order.</summary>
    public IReadOnlyList<double> Distribution => _draws;

    /// <summary>Type-7 (linear interpolation) quantile of the placebo distribution.</summary>
    public double Quantile(double p)
    {
        var s = _draws.Where(double.IsFinite).Order().ToArray();
        if (s.Length == 0) return double.NaN;
        double h = (s.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, s.Length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    /// <inheritdoc />
    public string Model => "Placebo (permutation) test";
    /// <inheritdoc />
    public string? Label => Actual.Label;
    /// <inheritdoc />
    public string Dependent => Actual.Dependent;
    /// <inheritdoc />
    public IReadOnlyList<Coefficient> Coefficients => [Actual.Att];
    /// <inheritdoc />
    public int Observations => Actual.Observations;
    /// <inheritdoc />
    public VarianceSummary? Variance => Actual.Variance;
    /// <inheritdoc />
    public IReadOnlyList<FitStatistic> FitStatistics =>
        [new("placebo_p", "Permutation p-value", PValue), new("placebo_reps", "Permutations", Replications, IsCount: true)];
    /// <inheritdoc />
    public IReadOnlyList<string> AbsorbedEffects => Actual.AbsorbedEffects;
    /// <inheritdoc />
    public IReadOnlyList<string> Notes => Actual.Notes;
}
