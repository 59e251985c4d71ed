using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Mediation;

/// <summary>
/// The fast cluster-bootstrap statistic for a balanced panel with entity and/or period fixed effects: every
/// equation of the mediation model is a sub-solve of one resampled within cross-product
/// (<see cref="ResampledWithinCrossProducts"/>), so a replication never touches the rows.
/// Variable order in the cross-product: outcome, treatment, mediators, controls.
/// </summary>
internal sealed class BalancedMediationBootstrap
{
    private readonly ResampledWithinCrossProducts _cross;
    private readonly MediationStatistics _layout;
    private readonly int[] _totalRegressors;
    private readonly int[][] _directRegressors;
    private readonly int[] _parallelRegressors;

    /// <param name="columns">Outcome, treatment, mediators, controls — each over the balanced sample in (entity, period) order.</param>
    /// <param name="entityCount">Entities N.</param>
    /// <param name="periodCount">Periods T.</param>
    /// <param name="entityEffects">Absorb entity effects.</param>
    /// <param name="timeEffects">Absorb period effects.</param>
    /// <param name="layout">Statistic slots (fixes the number of mediators).</param>
    public BalancedMediationBootstrap(IReadOnlyList<double[]> columns, int entityCount, int periodCount, bool entityEffects, bool timeEffects,
        MediationStatistics layout)
    {
        _layout = layout;
        _cross = new ResampledWithinCrossProducts(columns, entityCount, periodCount, entityEffects, timeEffects);
        int m = layout.Mediators.Count;
        var controls = Enumerable.Range(2 + m, columns.Count - 2 - m).ToArray();
        _totalRegressors = [1, .. controls];
        _directRegressors = Enumerable.Range(0, m).Select(j => (int[])[1, 2 + j, .. controls]).ToArray();
        _parallelRegressors = [1, .. Enumerable.Range(2, m), .. controls];
    }

    /// <summary>Number of entities resampled.</summary>
    public int EntityCount => _cross.EntityCount;

    /// <summary>A statistic evaluator with its own scratch (one per worker thread).</summary>
    public ClusterStatistic CreateWorker()
    {
        int p = _cross.Variables, m = _layout.Mediators.Count;
        var multiplicity = new int[_cross.EntityCount];
        var crossProduct = new double[p * p];
        var scratch = new double[_cross.ScratchLength];
        int kMax = _parallelRegressors.Length;
        var coefficients = new double[kMax];
        var solveScratch = new double[kMax * kMax];
        return (clusters, result) =>
        {
            Array.Clear(multiplicity);
            foreach (var c in clusters) multiplicity[c]++;
            _cross.Accumulate(multiplicity, crossProduct, scratch);

            var total = coefficients.AsSpan(0, _totalRegressors.Length);
            ResampledWithinCrossProducts.SolveNormalEquations(crossProduct, p, _totalRegressors, 0, total, solveScratch);
            result[MediationStatistics.Total] = total[0];
            for (int j = 0; j < m; j++)
            {
                ResampledWithinCrossProducts.SolveNormalEquations(crossProduct, p, _totalRegressors, 2 + j, total, solveScratch);
                result[MediationStatistics.A(j)] = total[0];
                var direct = coefficients.AsSpan(0, _directRegressors[j].Length);
                ResampledWithinCrossProducts.SolveNormalEquations(crossProduct, p, _directRegressors[j], 0, direct, solveScratch);
                result[MediationStatistics.Direct(j)] = direct[0];
                result[MediationStatistics.B(j)] = direct[1];
            }
            if (_layout.HasParallel)
            {
                var parallel = coefficients.AsSpan(0, _parallelRegressors.Length);
                ResampledWithinCrossProducts.SolveNormalEquations(crossProduct, p, _parallelRegressors, 0, parallel, solveScratch);
                result[_layout.ParallelDirect] = parallel[0];
                for (int j = 0; j < m; j++) result[_layout.ParallelB(j)] = parallel[1 + j];
            }
            _layout.Complete(result);
        };
    }
}
