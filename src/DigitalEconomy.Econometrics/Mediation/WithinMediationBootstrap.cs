using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Resampling;

namespace DigitalEconomy.Econometrics.Mediation;

/// <summary>
/// Solves every equation of the mediation model from one within cross-product W of (outcome, treatment,
/// mediators, controls) — by Frisch–Waugh–Lovell each equation's fixed-effects slopes are the sub-solve
/// W[R,R]β = W[R,y] — and fills the statistic slots of <see cref="MediationStatistics"/>. Shared by the fast
/// balanced path and the general path so both compute the same statistics the same way.
/// </summary>
internal sealed class MediationEquations
{
    private readonly MediationStatistics _layout;
    private readonly int[] _totalRegressors;
    private readonly int[][] _directRegressors;
    private readonly int[] _parallelRegressors;

    public MediationEquations(MediationStatistics layout, int variableCount)
    {
        _layout = layout;
        int m = layout.Mediators.Count;
        Variables = variableCount;
        var controls = Enumerable.Range(2 + m, variableCount - 2 - m).ToArray();
        _totalRegressors = [1, .. controls];
        _directRegressors = Enumerable.Range(0, m).Select(j => (int[])[1, 2 + j, .. controls]).ToArray();
        _parallelRegressors = [1, .. Enumerable.Range(2, m), .. controls];
    }

    public int Variables { get; }

    /// <summary>Largest number of regressors in one equation (sizes the scratch).</summary>
    public int MaxRegressors => _parallelRegressors.Length;

    /// <summary>Fills <paramref name="result"/> from W (p×p row-major); a singular equation yields NaN in its slots.</summary>
    public void Solve(ReadOnlySpan<double> crossProduct, Span<double> result, Span<double> coefficients, Span<double> solveScratch)
    {
        int p = Variables, m = _layout.Mediators.Count;
        var total = coefficients[.._totalRegressors.Length];
        ResampledWithinCrossProducts.SolveNormalEquations(crossProduct, p, _totalRegressors, 0, total, solveScratch);
        result[MediationStatistics.Total] = total[0];
        for (int j = 0; j < m; j++)
        {
            ResampledWithinCrossProducts.SolveNormalEquations(crossProduct, p, _totalRegressors, 2 + j, total, solveScratch);
            result[MediationStatistics.A(j)] = total[0];
            var direct = coefficients[.._directRegressors[j].Length];
            ResampledWithinCrossProducts.SolveNormalEquations(crossProduct, p, _directRegressors[j], 0, direct, solveScratch);
            result[MediationStatistics.Direct(j)] = direct[0];
            result[MediationStatistics.B(j)] = direct[1];
        }
        if (_layout.HasParallel)
        {
            var parallel = coefficients[.._parallelRegressors.Length];
            ResampledWithinCrossProducts.SolveNormalEquations(crossProduct, p, _parallelRegressors, 0, parallel, solveScratch);
            result[_layout.ParallelDirect] = parallel[0];
            for (int j = 0; j < m; j++) result[_layout.ParallelB(j)] = parallel[1 + j];
        }
        _layout.Complete(result);
    }
}

/// <summary>
/// The fast cluster-bootstrap statistic when the fixed effects are the entity and/or period keys (balanced or
/// unbalanced panel): every equation of the mediation model is a sub-solve of one resampled within
/// cross-product (<see cref="ResampledWithinCrossProducts"/>), so a replication never touches the rows.
/// Variable order in the cross-product: outcome, treatment, mediators, controls.
/// </summary>
internal sealed class WithinMediationBootstrap
{
    private readonly ResampledWithinCrossProducts _cross;
    private readonly MediationEquations _equations;

    /// <param name="sample">The estimation sample (rows sorted by entity then period, no missing values in <paramref name="variables"/>).</param>
    /// <param name="variables">Outcome, treatment, mediators, controls.</param>
    /// <param name="entityEffects">Absorb entity effects.</param>
    /// <param name="timeEffects">Absorb period effects.</param>
    /// <param name="layout">Statistic slots (fixes the number of mediators).</param>
    public WithinMediationBootstrap(PanelData sample, IReadOnlyList<string> variables, bool entityEffects, bool timeEffects, MediationStatistics layout)
    {
        _cross = new ResampledWithinCrossProducts(variables.Select(v => sample.Column(v).ToArray()).ToArray(),
            sample.Entities.Codes, sample.Times.Codes, sample.Entities.LevelCount, sample.Times.LevelCount, entityEffects, timeEffects);
        _equations = new MediationEquations(layout, variables.Count);
    }

    /// <summary>True when the dense per-entity blocks of this sample fit in <see cref="ResampledWithinCrossProducts.MaxDenseValues"/>.</summary>
    public static bool Fits(PanelData sample, int variables) =>
        (long)sample.Entities.LevelCount * sample.Times.LevelCount * variables <= ResampledWithinCrossProducts.MaxDenseValues;

    /// <summary>True when the resampled panels are balanced (closed form) rather than solved with the exact period projection.</summary>
    public bool IsBalanced => _cross.IsBalanced;

    /// <summary>A statistic evaluator with its own scratch (one per worker thread).</summary>
    public ClusterStatistic CreateWorker()
    {
        int p = _cross.Variables, k = _equations.MaxRegressors;
        var multiplicity = new int[_cross.EntityCount];
        var crossProduct = new double[p * p];
        var scratch = new double[_cross.ScratchLength];
        var coefficients = new double[k];
        var solveScratch = new double[k * k];
        return (clusters, result) =>
        {
            Array.Clear(multiplicity);
            foreach (var c in clusters) multiplicity[c]++;
            // A resample whose period effects are not identified leaves W as NaN, so every slot becomes NaN (a failed replication).
            _cross.Accumulate(multiplicity, crossProduct, scratch);
            _equations.Solve(crossProduct, result, coefficients, solveScratch);
        };
    }
}
