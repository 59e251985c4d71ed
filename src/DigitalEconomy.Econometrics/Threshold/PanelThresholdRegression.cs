using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Resampling;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Threshold;

/// <summary>
/// Hansen's (1999) fixed-effects panel threshold regression: single, double and triple thresholds by
/// sequential grid search minimising the within SSE (with Hansen's refinement of the first threshold in
/// the double model), F tests with bootstrap p-values, LR confidence sets and regime coefficients.
/// </summary>
/// <remarks>
/// Hansen, B. E. (1999), "Threshold effects in non-dynamic panels: Estimation, testing, and inference",
/// Journal of Econometrics 93, 345–368; his GAUSS code and its R port <c>ptm.R</c> (package pdR). Each
/// search costs one sorted pass over the data (see <c>Numerics/ThresholdSearchGeometry</c>) instead of one
/// regression per grid point, and bootstrap replications run in parallel with one random stream each.
/// </remarks>
/// <example>
/// <code>
/// var spec = new ThresholdSpecification("gap", ["dei"], ["fdi", "industry"], "lngdppc");
/// var result = PanelThresholdRegression.Estimate(panel, spec, new ThresholdOptions { MaxThresholds = 2, Seed = 42 });
/// Console.WriteLine(result.ToTable().Render(TableFormat.Markdown));
/// var lr = result.Single.Estimates[0].Search; // lr.Candidates, lr.LikelihoodRatio: Hansen's LR figure
/// </code>
/// </example>
public static class PanelThresholdRegression
{
    /// <summary>
    /// Estimates and tests up to <see cref="ThresholdOptions.MaxThresholds"/> thresholds. Rows with a
    /// missing value in any model column are dropped first; the panel must then be balanced (or
    /// <see cref="ThresholdOptions.BalancePanel"/> set).
    /// </summary>
    /// <exception cref="SpecificationException">Bad options, unknown columns, an unbalanced panel, collinear
    /// regressors or a threshold that leaves a regime empty.</exception>
    /// <param name="panel">The data.</param>
    /// <param name="specification">The model.</param>
    /// <param name="options">Settings; Hansen's defaults when null.</param>
    /// <param name="progress">Bootstrap progress (completed, total) over all tests, about a hundred reports per test.</param>
    /// <param name="cancellationToken">Cancels the bootstrap (throws <see cref="OperationCanceledException"/>).</param>
    public static ThresholdResult Estimate(PanelData panel, ThresholdSpecification specification, ThresholdOptions? options = null,
        IProgress<ResamplingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(specification);
        options ??= new ThresholdOptions();
        Validate(specification, options);
        ThresholdVariance.Validate(options.Vcov, panel.EntityName);
        foreach (var column in specification.AllColumns)
            if (!panel.HasNumeric(column)) throw panel.UnknownColumn(column);

        var used = panel.DropMissing(specification.AllColumns, out var missing);
        int droppedForBalance = 0;
        if (!used.Structure.IsBalanced)
        {
            if (!options.BalancePanel)
                throw new SpecificationException(
                    $"Hansen's threshold estimator needs a balanced panel, but {used.Structure.IncompleteEntities:N0} of " +
                    $"{used.Structure.EntityCount:N0} entities are not observed in all {used.Structure.PeriodCount} periods" +
                    (missing.RowsDropped > 0 ? " (after dropping rows with missing values)" : "") +
                    "; set ThresholdOptions.BalancePanel = true to keep only complete entities, or call PanelData.Balance() first.");
            int before = used.Structure.EntityCount;
            used = used.Balance();
            droppedForBalance = before - used.Structure.EntityCount;
        }
        if (used.Structure.PeriodCount < 2 || used.Structure.EntityCount < 2)
            throw new SpecificationException(
                $"A threshold panel needs at least 2 entities and 2 periods; after dropping missing values it has {used.Structure}.");

        var problem = new ThresholdProblem(used, specification, options);
        if (problem.Grid.Values.Length == 0)
            throw new SpecificationException(
                $"The threshold variable '{specification.ThresholdVariable}' has too few distinct values for a grid with trimming {options.Trimming[0]}.");
        return new Estimation(problem, progress, cancellationToken).Run(missing, droppedForBalance, used.Structure, used.EntityName);
    }

    private static void Validate(ThresholdSpecification spec, ThresholdOptions o)
    {
        if (spec.RegimeDependent.Count == 0)
            throw new SpecificationException("A threshold model needs at least one regime-dependent regressor (RegimeDependent is empty).");
        if (spec.RegimeDependent.Contains(spec.Dependent) || spec.RegimeIndependent.Contains(spec.Dependent))
            throw new SpecificationException($"The dependent variable '{spec.Dependent}' also appears among the regressors.");
        if (spec.RegimeDependent.Intersect(spec.RegimeIndependent).FirstOrDefault() is { } both)
            throw new SpecificationException($"Regressor '{both}' is listed as both regime-dependent and regime-independent.");
        if (o.MaxThresholds is < 1 or > 3)
            throw new SpecificationException($"MaxThresholds must be 1, 2 or 3; got {o.MaxThresholds}.");
        if (o.Trimming.Count < o.MaxThresholds)
            throw new SpecificationException($"Trimming needs one value per threshold ({o.MaxThresholds}); got {o.Trimming.Count}.");
        foreach (var t in o.Trimming)
            if (!(t > 0 && t < 0.5))
                throw new SpecificationException($"Each trimming share must lie in (0, 0.5); got {t}.");
        if (o.Grid == ThresholdGridKind.Quantile && o.GridPoints < 3)
            throw new SpecificationException($"GridPoints must be at least 3; got {o.GridPoints}.");
        if (o.BootstrapReplications < 0)
            throw new SpecificationException($"BootstrapReplications cannot be negative; got {o.BootstrapReplications}.");
        if (!(o.ConfidenceLevel > 0 && o.ConfidenceLevel < 1))
            throw new SpecificationException($"ConfidenceLevel must lie in (0, 1); got {o.ConfidenceLevel}.");
        if (!(o.MinimumRegimeShare >= 0 && o.MinimumRegimeShare < 0.5))
            throw new SpecificationException($"MinimumRegimeShare must lie in [0, 0.5); got {o.MinimumRegimeShare}.");
        if (o.MinimumRegimeObservations < 0)
            throw new SpecificationException($"MinimumRegimeObservations cannot be negative; got {o.MinimumRegimeObservations}.");
        if (o.MaxDegreeOfParallelism is < 1)
            throw new SpecificationException($"MaxDegreeOfParallelism must be at least 1 (or null for all cores); got {o.MaxDegreeOfParallelism}.");
    }

    /// <summary>The sequential estimation on one prepared problem.</summary>
    private sealed class Estimation(ThresholdProblem problem, IProgress<ResamplingProgress>? progress, CancellationToken cancellationToken)
    {
        private readonly ThresholdOptions _o = problem.Options;
        private readonly ResamplingEngine.ProgressCounter _progress =
            new(progress, problem.Options.BootstrapReplications * problem.Options.MaxThresholds);
        private readonly double _critical = Distributions.ThresholdLikelihoodRatioCritical(problem.Options.ConfidenceLevel);

        public ThresholdResult Run(MissingValueReport missing, int droppedForBalance, PanelStructure structure, string entityName)
        {
            var linear = Fit([]);
            var models = new List<ThresholdModel>();

            // Single threshold.
            var single = Search("γ1", [], _o.Trimming[0]);
            var single1 = new[] { single.Estimate };
            models.Add(new ThresholdModel(1, single1, [new ThresholdEstimate(single.Estimate, single)], [single],
                Test(1, linear.Sse, single.MinimumSse, [], _o.Trimming[0]), Fit(single1)));

            if (_o.MaxThresholds >= 2)
            {
                double g1 = single.Estimate;
                var second = Search("γ2 given γ1", [g1], _o.Trimming[1]);
                double g2 = second.Estimate;
                var refined = Search("γ1 refined given γ2", [g2], _o.Trimming[1]);
                double g1r = refined.Estimate;
                var thresholds = Sorted(g1r, g2);
                // Hansen (1999, §4): F2 = (S1 − S2)/(S2/ty) with S2 the minimum of the second-stage search given
                // γ̂1 — not the SSE after the refinement step, which only re-estimates γ1 for the reported model.
                // The bootstrap replications compute the same statistic (no refinement), so the two agree.
                models.Add(new ThresholdModel(2, thresholds,
                    [new ThresholdEstimate(g1r, refined), new ThresholdEstimate(g2, second)], [second, refined],
                    Test(2, single.MinimumSse, second.MinimumSse, [g1], _o.Trimming[1]), Fit(thresholds)));

                if (_o.MaxThresholds >= 3)
                {
                    // As ptm.R: the triple search holds the FIRST-STAGE γ1 and γ2 fixed; S2 is the SSE there.
                    var third = Search("γ3 given γ1, γ2", [g1, g2], _o.Trimming[2]);
                    var thresholds3 = Sorted(g1, g2, third.Estimate);
                    models.Add(new ThresholdModel(3, thresholds3, [new ThresholdEstimate(third.Estimate, third)], [third],
                        Test(3, second.MinimumSse, third.MinimumSse, [g1, g2], _o.Trimming[2]), Fit(thresholds3)));
                }
            }
            return new ThresholdResult(problem.Specification, _o, structure, missing, droppedForBalance,
                problem.Operator.LeastSquaresLength, problem.Ty, problem.Grid.Values, linear, models, entityName);
        }

        private static double[] Sorted(params double[] values)
        {
            var copy = (double[])values.Clone();
            Array.Sort(copy);
            return copy;
        }

        private ThresholdSearch Search(string name, double[] fixedThresholds, double trim)
        {
            var geometry = problem.Geometry(fixedThresholds, trim);
            if (geometry is null || !geometry.HasUsableCandidate)
                throw new SpecificationException(
                    $"No admissible candidate for {name}: with the thresholds fixed at {string.Join(", ", fixedThresholds)} every " +
                    $"candidate leaves a regime with fewer than {problem.MinimumRegimeSize} observations or without variation in the regime-dependent regressors; " +
                    "reduce the trimming, MinimumRegimeShare or MaxThresholds.");
            var scratch = new GeometryScratch(problem.Operator, geometry.CandidateCount);
            geometry.Evaluate(problem.Y, scratch.Sse, scratch);
            int best = geometry.ArgMin(scratch.Sse);
            double smin = scratch.Sse[best];
            var values = new List<double>();
            var sse = new List<double>();
            var lr = new List<double>();
            for (int c = 0; c < geometry.CandidateCount; c++)
            {
                if (!geometry.IsUsable(c)) continue;
                values.Add(problem.Grid.Values[c]);
                sse.Add(scratch.Sse[c]);
                lr.Add((scratch.Sse[c] / smin - 1) * problem.Ty); // Hansen's expression, so ties at c match his code
            }
            return new ThresholdSearch(name, fixedThresholds, values, sse, lr, problem.Grid.Values[best], smin, ConfidenceSet(values, lr));
        }

        private ThresholdConfidenceSet ConfidenceSet(List<double> values, List<double> lr)
        {
            int first = -1, last = -1, inside = 0;
            for (int c = 0; c < lr.Count; c++)
            {
                if (!(lr[c] < _critical)) continue;
                if (first < 0) first = c;
                last = c;
                inside++;
            }
            // The minimiser has LR = 0 < c, so the set is never empty.
            return new ThresholdConfidenceSet(values[first], values[last], inside, last - first + 1 == inside, _o.ConfidenceLevel, _critical);
        }

        private ThresholdTest Test(int k, double restricted, double unrestricted, double[] nullThresholds, double trim)
        {
            double f = (restricted - unrestricted) / (unrestricted / problem.Ty);
            var bootstrap = _o.BootstrapReplications > 0 ? Bootstrap(k, f, nullThresholds, trim) : null;
            return new ThresholdTest(k, restricted, unrestricted, f, bootstrap);
        }

        private ThresholdModelFit Fit(double[] sortedThresholds)
        {
            var counts = problem.RegimeCounts(sortedThresholds);
            for (int j = 0; j < counts.Length; j++)
                if (counts[j] == 0)
                    throw new SpecificationException(
                        $"Regime {j + 1} of the model with thresholds {string.Join(", ", sortedThresholds)} has no observations; choose thresholds inside the range of '{problem.Specification.ThresholdVariable}'.");
            var (columns, names) = problem.RegimeDesign(sortedThresholds);
            var basis = OrthonormalBasis.Empty(problem.Operator.LeastSquaresLength).Extend(columns, out int bad)
                ?? throw new SpecificationException(
                    $"Regressor '{names[bad]}' is collinear with the others in the model with thresholds {string.Join(", ", sortedThresholds)} " +
                    "(e.g. a regime where the regime-dependent regressor does not vary within entities).");
            var beta = basis.Solve(problem.Y);
            var e = new double[problem.Y.Length];
            basis.Residualize(problem.Y, e);
            double sse = VectorKernels.Dot(e, e);
            int k = basis.Columns, n = problem.Entities * problem.Periods, g = problem.Entities;
            int df = problem.Entities * (problem.Periods - 1) - k;
            var bread = QrSandwichCovariance.Bread(basis);
            var white = QrSandwichCovariance.White(basis, e);
            var codes = new int[e.Length];
            for (int r = 0; r < codes.Length; r++) codes[r] = r / problem.Operator.KeptPeriods;
            var cluster = QrSandwichCovariance.Cluster(basis, e, new GroupCodes("entity", codes, g));
            return new ThresholdModelFit(sortedThresholds, names, beta, bread, white, cluster, counts, sse, df, g, n,
                problem.Specification.Dependent, problem.EntityName, _o.Vcov, _o.SmallSample, _o.ConfidenceLevel);
        }

        /// <summary>
        /// Hansen's bootstrap of F_k: y* = ŷ₀ + e* with e* whole entities' residual vectors drawn with
        /// replacement from the (k−1)-threshold null model; on y* the searches are redone sequentially
        /// (single, then given γ1*, then given γ1*, γ2*), without refinement, as in his code.
        /// </summary>
        private ThresholdBootstrap Bootstrap(int k, double observedF, double[] nullThresholds, double trim)
        {
            int reps = _o.BootstrapReplications, n = problem.Y.Length, l = problem.Operator.KeptPeriods, entities = problem.Entities;
            var nullBasis = problem.BasisWith(nullThresholds)
                ?? throw new InvalidOperationException("The null model of the threshold test is collinear.");
            var residual = new double[n];
            nullBasis.Residualize(problem.Y, residual);
            var fitted = new double[n];
            for (int r = 0; r < n; r++) fitted[r] = problem.Y[r] - residual[r];
            var first = problem.Geometry([], _o.Trimming[0])!;
            var stats = new double[reps];
            // Stream k: each test's replications draw from their own streams under the one seed.
            ResamplingEngine.Replicate(new ResidualBlocksScheme(entities), reps, _o.Seed, (ulong)k, _o.MaxDegreeOfParallelism,
                () => new GeometryScratch(problem.Operator, first.CandidateCount),
                (scratch, source, b) =>
                {
                    var y = scratch.Y;
                    for (int i = 0; i < entities; i++)
                        for (int t = 0; t < l; t++) y[i * l + t] = fitted[i * l + t] + residual[source[i] * l + t];
                    stats[b] = ReplicationStatistic(k, y, first, trim, scratch);
                }, _progress, cancellationToken);
            var sorted = (double[])stats.Clone();
            Array.Sort(sorted);
            return new ThresholdBootstrap(reps, ResamplingEngine.UpperTailShare(stats, observedF),
                ResamplingEngine.OrderStatisticQuantile(sorted, 0.90), ResamplingEngine.OrderStatisticQuantile(sorted, 0.95),
                ResamplingEngine.OrderStatisticQuantile(sorted, 0.99), stats, _o.Seed);
        }

        private double ReplicationStatistic(int k, double[] y, ThresholdSearchGeometry first, double trim, GeometryScratch scratch)
        {
            double restricted = first.Evaluate(y, scratch.Sse, scratch);
            scratch.Residual.CopyTo(scratch.BaseResidual, 0);
            int best = first.ArgMin(scratch.Sse);
            double unrestricted = scratch.Sse[best];
            var found = new List<double> { problem.Grid.Values[best] };
            for (int step = 2; step <= k; step++)
            {
                var geometry = problem.Geometry(found, trim);
                int next = geometry is null ? -1 : EvaluateAndPick(geometry, scratch);
                if (next < 0) return 0; // no admissible candidate given the bootstrap's thresholds: no improvement
                restricted = unrestricted;
                unrestricted = scratch.Sse[next];
                found.Add(problem.Grid.Values[next]);
            }
            return (restricted - unrestricted) / (unrestricted / problem.Ty);
        }

        private static int EvaluateAndPick(ThresholdSearchGeometry geometry, GeometryScratch scratch)
        {
            geometry.EvaluateFromBaseResidual(scratch.BaseResidual, scratch.Sse, scratch);
            return geometry.ArgMin(scratch.Sse);
        }
    }
}
