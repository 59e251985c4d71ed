using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Resampling;

namespace DigitalEconomy.Econometrics.Mediation;

/// <summary>
/// The cluster-bootstrap statistic for any panel and any set of absorbed fixed effects (unbalanced panels,
/// extra factors such as province): each replication stacks the drawn entities' rows, gives draw d the new
/// entity code d (a city drawn twice is two entities for its fixed effect), removes the fixed effects with the
/// regression module's <see cref="FixedEffectsProjector"/> once for all model variables, and solves every
/// equation from the resulting cross-product (<see cref="MediationEquations"/>).
/// </summary>
internal sealed class GeneralMediationBootstrap
{
    private readonly double[][] _columns;
    private readonly int[] _blockStart;
    private readonly int[] _blockSize;
    private readonly FixedEffectColumn[] _fixedEffects;
    private readonly bool _centre;
    private readonly DemeaningOptions _demeaning;
    private readonly MediationEquations _equations;

    private sealed record FixedEffectColumn(string Name, int[]? Codes, int LevelCount);

    /// <param name="sample">The common estimation sample (no missing values in <paramref name="variables"/>).</param>
    /// <param name="variables">Outcome, treatment, mediators, controls.</param>
    /// <param name="fixedEffects">Absorbed fixed-effect names (the entity key is re-coded per draw).</param>
    /// <param name="intercept">With no fixed effects, centre the variables (an intercept).</param>
    /// <param name="demeaning">Convergence settings of the projector.</param>
    /// <param name="layout">Statistic slots.</param>
    public GeneralMediationBootstrap(PanelData sample, IReadOnlyList<string> variables, IReadOnlyList<string> fixedEffects, bool intercept,
        DemeaningOptions demeaning, MediationStatistics layout)
    {
        _columns = variables.Select(v => sample.Column(v).ToArray()).ToArray();
        _blockSize = sample.Entities.LevelSizes();
        _blockStart = new int[_blockSize.Length];
        for (int g = 1; g < _blockSize.Length; g++) _blockStart[g] = _blockStart[g - 1] + _blockSize[g - 1];
        _fixedEffects = fixedEffects.Select(fe =>
        {
            if (fe == sample.EntityName) return new FixedEffectColumn(fe, null, 0);
            var factor = sample.Grouping(fe);
            return new FixedEffectColumn(fe, factor.Codes.ToArray(), factor.LevelCount);
        }).ToArray();
        _centre = fixedEffects.Count == 0 && intercept;
        _demeaning = demeaning;
        _equations = new MediationEquations(layout, variables.Count);
    }

    /// <summary>Number of entities resampled.</summary>
    public int EntityCount => _blockSize.Length;

    /// <summary>A statistic evaluator with its own scratch (one per worker thread).</summary>
    public ClusterStatistic CreateWorker()
    {
        int p = _columns.Length, k = _equations.MaxRegressors;
        var crossProduct = new double[p * p];
        var coefficients = new double[k];
        var solveScratch = new double[k * k];
        return (clusters, result) =>
        {
            int rows = 0;
            foreach (var c in clusters) rows += _blockSize[c];
            var x = new ColumnMajorMatrix(rows, p);
            for (int j = 0; j < p; j++) RowGather.Blocks<double>(_columns[j], clusters, _blockStart, _blockSize, x.Column(j));
            var factors = new List<GroupCodes>(_fixedEffects.Length + 1);
            foreach (var fe in _fixedEffects)
            {
                var codes = new int[rows];
                if (fe.Codes is not null) RowGather.Blocks<int>(fe.Codes, clusters, _blockStart, _blockSize, codes);
                else
                    for (int d = 0, r = 0; d < clusters.Length; r += _blockSize[clusters[d]], d++)
                        codes.AsSpan(r, _blockSize[clusters[d]]).Fill(d); // each draw is its own cluster
                factors.Add(new GroupCodes(fe.Name, codes, fe.Codes is null ? clusters.Length : fe.LevelCount));
            }
            if (_centre) factors.Add(new GroupCodes("(intercept)", new int[rows], 1));
            var totalVariation = new double[p];
            for (int j = 0; j < p; j++) totalVariation[j] = CentredSumOfSquares(x.Column(j));
            if (factors.Count > 0) new FixedEffectsProjector(factors, _demeaning.ToSettings()).DemeanInPlace(x);
            var gram = CrossProducts.Gram(x);
            for (int a = 0; a < p; a++)
                for (int b = 0; b < p; b++) crossProduct[a * p + b] = gram[a, b];
            // A variable the fixed effects absorb in this resample (e.g. one city drawn for every slot) keeps only
            // rounding noise after demeaning, and a pivot test relative to that noise would accept it. Judge it
            // against the variable's variation before demeaning instead and zero it, so that the solve reports a
            // failed replication (NaN) exactly as the cross-product path does.
            for (int j = 0; j < p; j++)
            {
                if (gram[j, j] > AbsorbedTolerance * totalVariation[j]) continue;
                for (int b = 0; b < p; b++)
                {
                    crossProduct[j * p + b] = 0;
                    crossProduct[b * p + j] = 0;
                }
            }
            _equations.Solve(crossProduct, result, coefficients, solveScratch);
        };
    }

    // The regression module's rule: within variation at or below this share of the total is absorbed.
    private const double AbsorbedTolerance = Regression.LinearPanelEstimator.AbsorbedTolerance;

    private static double CentredSumOfSquares(ReadOnlySpan<double> values) =>
        VectorKernels.SumOfSquaredDeviations(values, VectorKernels.Sum(values) / Math.Max(values.Length, 1));
}
