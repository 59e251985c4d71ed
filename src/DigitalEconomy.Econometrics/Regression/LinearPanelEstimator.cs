using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Model;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Regression;

/// <summary>
/// The estimation engine behind <see cref="PanelRegression"/>: singletons, within transformation, rank
/// detection, least squares, variance and inference. Works on arrays; callers own the data-frame side.
/// </summary>
/// <summary>
/// What a linear fit keeps so that its inference can be recomputed under another variance estimator. The design,
/// <paramref name="Estimates"/> and the variance input are in the power-of-two scaled units of
/// <see cref="ColumnScaling"/>; <paramref name="Scales"/> (one per estimate) maps them back: β = sβ̃, V = S Ṽ S.
/// </summary>
internal sealed record FitContext(
    PanelEstimator Estimator, string? Label, string Dependent, string[] Names, double[] Estimates, VarianceInput Variance,
    MissingValueReport? Missing, int SingletonCount, bool SingletonsDropped, int Absorbed, double Tss, double TssWithin,
    IReadOnlyList<DroppedVariable> Dropped, DemeaningReport Convergence, LeastSquaresMethod Solver, IReadOnlyList<string> BaseNotes,
    double[] YOriginal, int[]? Rows, PanelData? Source, double[] Scales);

internal static class LinearPanelEstimator
{
    internal const string InterceptName = "(Intercept)";

    /// <summary>Within SS below this fraction of the centred SS marks a regressor as absorbed by the fixed effects.</summary>
    internal const double AbsorbedTolerance = 1e-12;

    /// <summary>RSS below this fraction of the within TSS is a perfect fit (inference undefined).</summary>
    private const double PerfectFitTolerance = 1e-20;

    /// <param name="design">The problem.</param>
    /// <param name="options">Settings.</param>
    /// <param name="overwrite">True when y and X may be overwritten (the caller built them for this fit).</param>
    /// <param name="missing">Listwise-deletion report to carry into the result.</param>
    /// <param name="rows">Input-row index of every design row (null: identity).</param>
    /// <param name="originalY">The untransformed outcome, when the caller already holds an immutable copy (saves one).</param>
    /// <param name="source">The panel the design was built from (lets <see cref="PanelRegressionResult.WithVcov"/> cluster on other columns).</param>
    public static PanelRegressionResult Fit(RegressionDesign design, EstimationOptions options, bool overwrite,
        MissingValueReport? missing = null, int[]? rows = null, double[]? originalY = null, PanelData? source = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.ConfidenceLevel is > 0 and < 1))
            throw new SpecificationException($"ConfidenceLevel must lie strictly between 0 and 1; got {options.ConfidenceLevel}.");
        var notes = new List<string>();
        if (missing is { RowsDropped: > 0 }) notes.Add(missing.ToString());
        if (design.Rows == 0)
            throw new SpecificationException("No observations are left to estimate the model (check missing values and the sample restriction).");

        // Singletons (alone in a level of some fixed effect), found iteratively as reghdfe does.
        var fixedEffects = design.FixedEffects;
        var singleton = SingletonMask(fixedEffects, out int singletonCount);
        bool dropSingletons = options.DropSingletons && singletonCount > 0;
        if (dropSingletons)
        {
            DesignBuilder.Fill(design);
            if (originalY is not null) originalY = Keep(originalY, singleton);
            design = Subset(design, singleton, ref rows);
            fixedEffects = design.FixedEffects;
            overwrite = true;
            notes.Add($"{NumberText(singletonCount)} singleton observation{(singletonCount == 1 ? "" : "s")} dropped (alone in a fixed-effect group).");
        }
        else if (singletonCount > 0)
            notes.Add($"{NumberText(singletonCount)} singleton observation{(singletonCount == 1 ? "" : "s")} kept (alone in a fixed-effect group; set DropSingletons to drop them as reghdfe does).");

        int n = design.Rows;
        bool pooled = fixedEffects.Count == 0;
        bool intercept = pooled && options.Intercept;
        var names = new List<string>();
        if (intercept) names.Add(InterceptName);
        names.AddRange(design.RegressorNames);
        int k = names.Count;

        // Varying slopes (g[z]) need their own exact projector; plain effects keep the fast kernels.
        var slopeProjector = design.Slopes is { } slopeSets ? new VaryingSlopeProjector(fixedEffects, slopeSets) : null;
        var projector = slopeProjector is null ? new FixedEffectsProjector(fixedEffects, options.Demeaning.ToSettings()) : null;
        var dropped = new DropReason?[k];
        var demeaned = !intercept && projector is { CanDemeanFromSource: true } && design.Pending is { } pending
            ? DemeanFromSource(design, pending, projector, dropped, originalY)
            : null;
        if (demeaned is null) DesignBuilder.Fill(design);
        var (x, y, yOriginal, columnStats, columnScales, convergence, gram, xty) = demeaned
            ?? CopyAndDemean(design, intercept, overwrite, pooled, originalY, projector, slopeProjector, dropped);
        if (!convergence.Converged)
            notes.Add($"Removing the fixed effects did NOT converge in {convergence.Iterations} iterations (tolerance {options.Demeaning.Tolerance:G3}): the estimates only approximate the within estimator; raise DemeaningOptions.MaxIterations.");
        var (tss, tssWithin) = demeaned?.Totals ?? Totals(yOriginal, y, pooled);
        if (!(tssWithin > 0))
            throw new SpecificationException(pooled
                ? $"The outcome '{design.Dependent}' is constant, so there is nothing to explain."
                : $"The outcome '{design.Dependent}' is constant within the fixed-effect groups ({string.Join(", ", fixedEffects.Select(f => f.Name))}), so nothing is left to explain.");

        if (!pooled)
        {
            void Absorbed(int j)
            {
                if (dropped[j] is not null) return;
                double within = gram?[j, j] ?? VectorKernels.Dot(x.Column(j), x.Column(j));
                if (within <= AbsorbedTolerance * columnStats[j].CenteredSs) dropped[j] = DropReason.AbsorbedByFixedEffects;
            }
            if ((long)n * k > 1_000_000 && gram is null) Parallel.For(0, k, Absorbed);
            else for (int j = 0; j < k; j++) Absorbed(j);
        }
        for (int j = 0; j < k; j++)
        {
            if (dropped[j] is null) continue;
            x.Column(j).Clear(); // a zero column is never kept by the solver
            if (gram is null) continue;
            for (int i = 0; i < k; i++) gram[i, j] = gram[j, i] = 0;
            xty![j] = 0;
        }
        if (gram is null) gram = CrossProducts.GramWithOutcome(x, y, out xty, out _);

        var ls = LeastSquares.Solve(x, y, gram, xty!);
        for (int j = 0; j < k; j++)
            if (dropped[j] is null && !ls.Kept[j]) dropped[j] = DropReason.Collinear;
        var keptIndex = Enumerable.Range(0, k).Where(j => dropped[j] is null).ToArray();
        var droppedList = Enumerable.Range(0, k).Where(j => dropped[j] is not null)
            .Select(j => new DroppedVariable(names[j], dropped[j]!.Value)).ToArray();
        foreach (var d in droppedList) notes.Add(d + ".");
        int slopes = keptIndex.Count(j => !(intercept && j == 0));
        if (slopes == 0)
            throw new SpecificationException(design.RegressorNames.Count == 0
                ? "The model has no regressors; add at least one to the right of '~'."
                : $"No regressor can be estimated: {string.Join("; ", droppedList.Select(d => d.ToString()))}.");
        if (ls.Method == LeastSquaresMethod.HouseholderQR)
            notes.Add($"Ill-conditioned design (condition number ≈ {ls.ConditionEstimate:G2} after scaling): solved by Householder QR instead of the normal equations.");

        // Residuals e = ỹ − X̃β, written over ỹ.
        var beta = ls.Coefficients;
        var groupings = VarianceGroupings.Of(design);
        // One-way clustering on contiguous clusters (e.g. entities of a sorted panel): residuals and scores in one pass.
        var clusterBy = options.Vcov.Kind == VcovKind.Cluster && groupings.Has(options.Vcov.ClusterBy[0]) ? groupings.Grouping(options.Vcov.ClusterBy[0]) : null;
        (GroupCodes, ColumnMajorMatrix)? knownScores = null;
        if (clusterBy is { IsSorted: true })
            knownScores = (clusterBy, SandwichMeat.ResidualsAndClusterScores(x, beta.ToArray(), y, clusterBy));
        else CrossProducts.SubtractProduct(x, beta.ToArray(), y);
        var residuals = y;
        double rss = VectorKernels.Dot(residuals, residuals);
        if (rss <= PerfectFitTolerance * tssWithin)
            throw new SpecificationException(
                $"Perfect fit: the regressors explain '{design.Dependent}' exactly (residual sum of squares {rss:G3}), so standard errors are zero and inference is undefined. Check for a regressor that duplicates the outcome.");

        int coefficientCount = keptIndex.Length;
        int absorbed = slopeProjector?.AbsorbedParameterCount ?? projector!.AbsorbedParameterCount;
        int kAll = coefficientCount + absorbed;
        if (n - kAll <= 0)
            throw new SpecificationException(
                $"Too few observations: {n} rows for {kAll} parameters ({coefficientCount} coefficients + {absorbed} absorbed fixed-effect levels); no residual degrees of freedom remain.");

        var context = new FitContext(
            pooled ? PanelEstimator.PooledOls : PanelEstimator.FixedEffects, options.Label, design.Dependent,
            keptIndex.Select(j => names[j]).ToArray(), keptIndex.Select(j => beta[j]).ToArray(),
            new VarianceInput(groupings, options, x, residuals, ls.Inverse, keptIndex, n, coefficientCount, kAll, rss, fixedEffects, intercept) { KnownScores = knownScores },
            missing, singletonCount, dropSingletons, absorbed, tss, tssWithin, droppedList, convergence, ls.Method, notes, yOriginal, rows, source,
            keptIndex.Select(j => columnScales[j]).ToArray());
        return Assemble(context);
    }

    /// <summary>
    /// The result of a fit from its context: the variance (from the context's options), coefficients with t tests,
    /// the Wald F test of all slopes and the notes. <see cref="PanelRegressionResult.WithVcov"/> calls it again with
    /// other variance options, so a result can be re-based without refitting.
    /// </summary>
    internal static PanelRegressionResult Assemble(FitContext context)
    {
        var input = context.Variance;
        var options = input.Options;
        var notes = new List<string>(context.BaseNotes);
        var variance = VarianceEstimator.Compute(input);
        if (variance.Summary.EigenvalueFixApplied)
            notes.Add("The two-way cluster variance was not positive semi-definite; negative eigenvalues were set to zero (Cameron, Gelbach and Miller 2011).");

        // Inference in the scaled units (t and the Wald F of whole coefficients do not depend on column scale),
        // then estimates, standard errors and intervals back in the data's units.
        var scaled = BuildCoefficients(context.Names, context.Estimates,
            variance.Matrix, variance.Summary.DegreesOfFreedom, options.ConfidenceLevel, useNormal: false);
        var fTest = WaldF(scaled, variance.Matrix, input.Intercept, variance.Summary.DegreesOfFreedom, notes);
        var coefficients = scaled;
        var vcov = variance.Matrix;
        if (!ColumnScaling.IsIdentity(context.Scales))
        {
            coefficients = scaled.Select((c, i) => Unscale(c, context.Scales[i], variance.Summary.DegreesOfFreedom, options.ConfidenceLevel)).ToArray();
            vcov = ColumnScaling.UnscaleCovariance(variance.Matrix, context.Scales);
        }
        var feSummaries = input.FixedEffects.Select(f => new FixedEffectSummary(f.Name, f.NonEmptyLevelCount,
            variance.NestedFixedEffects.Contains(f.Name))).ToArray();

        return new PanelRegressionResult(
            context.Estimator, context.Label, context.Dependent, coefficients,
            vcov, input.N, context.Missing, context.SingletonCount, context.SingletonsDropped, feSummaries, context.Absorbed, input.KAll,
            input.Rss, context.Tss, context.TssWithin, fTest, context.Dropped, context.Convergence, context.Solver, variance.Summary,
            options.ConfidenceLevel, notes, context.YOriginal, input.Residuals, context.Rows) { Context = context };
    }

    /// <summary>The same fit with another variance estimator (and optionally another small-sample convention).</summary>
    internal static PanelRegressionResult WithVcov(FitContext context, Vcov vcov, SmallSampleCorrection? correction)
    {
        var groupings = context.Variance.Design;
        foreach (var name in vcov.ClusterBy)
        {
            if (groupings.Has(name)) continue;
            if (context.Source is not { } panel)
                throw new SpecificationException(
                    $"The model was fitted from arrays without a '{name}' grouping, so it cannot be clustered by '{name}' afterwards; refit with Vcov.Cluster(\"{name}\").");
            var factor = panel.Grouping(name);
            groupings = groupings.With(RegressionDesign.Codes(name, context.Rows is null ? factor : factor.Subset(context.Rows)));
        }
        var options = context.Variance.Options with { Vcov = vcov, SmallSample = correction ?? context.Variance.Options.SmallSample };
        return Assemble(context with { Variance = context.Variance with { Design = groupings, Options = options } });
    }

    /// <summary>The within-transformed design and what the estimator needs from the pass that made it.</summary>
    private sealed record Demeaned(ColumnMajorMatrix X, double[] Y, double[] YOriginal, ColumnStat[] Stats, double[] Scales,
        DemeaningReport Convergence, double[,]? Gram, double[]? Xty)
    {
        /// <summary>Total and within sums of squares of y when the pass that made the design took them (else null).</summary>
        public (double Tss, double TssWithin)? Totals { get; init; }
    }

    /// <summary>
    /// The design filled straight from its source columns, already demeaned, with its cross-products formed on the way
    /// (two passes over the data instead of a copy, a statistics pass, the demeaning and a cross-product pass). Returns
    /// null, leaving the design untouched, when a column needs scaling (the general path scales before demeaning).
    /// </summary>
    private static Demeaned? DemeanFromSource(RegressionDesign design, PendingColumns pending, FixedEffectsProjector projector,
        DropReason?[] dropped, double[]? originalY)
    {
        int k = design.X.Columns;
        var plan = projector.SummariseSource([.. pending.Regressors, pending.Outcome], pending.Rows);
        var stats = new ColumnStat[k];
        var scales = new double[k];
        for (int j = 0; j < k; j++)
        {
            var c = plan.Summaries[j];
            stats[j] = new ColumnStat(c.Min, c.Max, c.CenteredSs);
            scales[j] = ColumnScaling.ScaleFor(Math.Max(Math.Abs(c.Min), Math.Abs(c.Max)));
        }
        if (!ColumnScaling.IsIdentity(scales)) return null;
        var zero = new bool[k + 1];
        for (int j = 0; j < k; j++)
            if (stats[j].Min == stats[j].Max)
            {
                dropped[j] = DropReason.Constant;
                zero[j] = true;
            }
        var packed = projector.WriteDemeaned(plan, design.X, design.Y, zero);
        var gram = CrossProducts.FromPackedWithOutcome(packed, k, out var xty, out double yty);
        var yOriginal = originalY ?? (pending.Rows is null ? pending.Outcome : Array.ConvertAll(pending.Rows, r => pending.Outcome[r]));
        var report = new ProjectionReport(projector.Method, 1, true);
        design.Pending = null;
        return new Demeaned(design.X, design.Y, yOriginal, stats, scales, DemeaningReport.From(report), gram, xty)
        {
            Totals = (plan.Summaries[k].CenteredSs, yty),
        };
    }

    /// <summary>Total sum of squares of the untransformed y and the within sum of squares of the demeaned ỹ.</summary>
    private static (double Tss, double TssWithin) Totals(double[] yOriginal, double[] y, bool pooled)
    {
        double yMean = VectorKernels.Sum(yOriginal) / yOriginal.Length;
        double tss = 0;
        foreach (var v in yOriginal) tss += (v - yMean) * (v - yMean);
        return (tss, pooled ? tss : VectorKernels.Dot(y, y));
    }

    /// <summary>Working copies of y and X (or the design itself when it may be overwritten), scaled where needed and demeaned in place.</summary>
    private static Demeaned CopyAndDemean(RegressionDesign design, bool intercept, bool overwrite, bool pooled, double[]? originalY,
        FixedEffectsProjector? projector, VaryingSlopeProjector? slopeProjector, DropReason?[] dropped)
    {
        int n = design.Rows, k = dropped.Length;
        // Working copies: X̃ and ỹ are demeaned in place; the original y is kept for fitted values.
        ColumnMajorMatrix x;
        if (intercept)
        {
            x = new ColumnMajorMatrix(n, k);
            x.Column(0).Fill(1.0);
            for (int j = 1; j < k; j++) design.X.Column(j - 1).CopyTo(x.Column(j));
        }
        else x = overwrite ? design.X : design.X.Clone();
        double[] yOriginal = originalY ?? (overwrite ? (double[])design.Y.Clone() : design.Y);
        double[] y = overwrite ? design.Y : (double[])design.Y.Clone();

        // A column with values beyond about 1e±77 is scaled exactly by a power of two (largest magnitude in [1, 2))
        // so that no square or cross-product below overflows or underflows; results do not depend on its units.
        // The column extremes come from the statistics pass, which is redone (on the scaled columns) only then.
        var columnStats = ColumnStatistics(x, intercept ? null : design.XSummaries);
        var columnScales = columnStats.Select(c => ColumnScaling.ScaleFor(Math.Max(Math.Abs(c.Min), Math.Abs(c.Max)))).ToArray();
        if (!ColumnScaling.IsIdentity(columnScales))
        {
            ColumnScaling.Apply(x, columnScales);
            columnStats = ColumnStatistics(x);
        }

        // Constant regressors, before any transformation.
        for (int j = intercept ? 1 : 0; j < k; j++)
            if (columnStats[j].Min == columnStats[j].Max && (intercept || !pooled)) dropped[j] = DropReason.Constant;
        var convergence = DemeaningReport.From(slopeProjector?.DemeanInPlace(x, y) ?? projector!.DemeanInPlace(x, y));
        return new Demeaned(x, y, yOriginal, columnStats, columnScales, convergence, null, null);
    }

    internal static string NumberText(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    private readonly record struct ColumnStat(double Min, double Max, double CenteredSs);

    /// <summary>
    /// Extremes and centred sum of squares of every column; with <paramref name="summaries"/> (the extremes and sums the
    /// design builder took while copying the columns) only the centred SS pass is left. The design is finite, so the
    /// vectorised extremes equal the sequential ones; the centred SS only serves the absorbed-regressor test.
    /// </summary>
    private static ColumnStat[] ColumnStatistics(ColumnMajorMatrix x, IReadOnlyList<(double Min, double Max, double Sum)>? summaries = null)
    {
        var stats = new ColumnStat[x.Columns];
        void One(int j)
        {
            var c = x.Column(j);
            if (c.IsEmpty)
            {
                stats[j] = new ColumnStat(double.PositiveInfinity, double.NegativeInfinity, 0);
                return;
            }
            var (min, max, sum) = summaries?[j] ?? Numerics.ColumnStatistics.MinMaxSum(c);
            stats[j] = new ColumnStat(min, max, VectorKernels.SumOfSquaredDeviations(c, sum / c.Length));
        }
        if ((long)x.Rows * x.Columns > 1_000_000) Parallel.For(0, x.Columns, One);
        else for (int j = 0; j < x.Columns; j++) One(j);
        return stats;
    }

    /// <summary>Rows alone in a level of some fixed effect, removed iteratively until none is left (true = singleton).</summary>
    internal static bool[] SingletonMask(IReadOnlyList<GroupCodes> fixedEffects, out int count)
    {
        count = 0;
        if (fixedEffects.Count == 0) return [];
        int n = fixedEffects[0].Count;
        // Removal starts only at a level with one row; when there is none, no row is ever removed (no pass over the rows).
        if (!fixedEffects.Any(f => f.Sizes.Contains(1))) return new bool[n];
        var removed = new bool[n];
        bool changed = true;
        var sizes = fixedEffects.Select(f => f.Sizes.ToArray()).ToArray();
        while (changed)
        {
            changed = false;
            for (int f = 0; f < fixedEffects.Count; f++)
            {
                var codes = fixedEffects[f].Codes;
                for (int r = 0; r < n; r++)
                {
                    if (removed[r] || sizes[f][codes[r]] != 1) continue;
                    removed[r] = true;
                    count++;
                    changed = fixedEffects.Count > 1;
                    for (int h = 0; h < fixedEffects.Count; h++) sizes[h][fixedEffects[h].Codes[r]]--;
                }
            }
        }
        return removed;
    }

    private static double[] Keep(double[] values, bool[] drop)
    {
        var kept = new List<double>(values.Length);
        for (int r = 0; r < values.Length; r++) if (!drop[r]) kept.Add(values[r]);
        return kept.ToArray();
    }

    private static RegressionDesign Subset(RegressionDesign design, bool[] drop, ref int[]? rows)
    {
        var keep = drop.Select(d => !d).ToArray();
        int m = keep.Count(b => b);
        var y = new double[m];
        var x = new ColumnMajorMatrix(m, design.X.Columns);
        RowGather.Compact<double>(design.Y, keep, y);
        for (int j = 0; j < x.Columns; j++) RowGather.Compact<double>(design.X.Column(j), keep, x.Column(j));
        var newRows = new int[m];
        if (rows is null)
            for (int r = 0, i = 0; r < keep.Length; r++)
            {
                if (keep[r]) newRows[i++] = r;
            }
        else RowGather.Compact<int>(rows, keep, newRows);
        rows = newRows;
        return new RegressionDesign(design.Dependent, y, design.RegressorNames, x,
            design.FixedEffects.Select(f => f.Subset(keep)).ToArray(),
            design.Groupings.Select(g => g.Subset(keep)).ToArray(),
            design.Periods?.Subset(keep))
        {
            Slopes = design.Slopes?.Select(s => s?.Subset(keep)).ToArray(),
        };
    }

    /// <summary>Coefficient records with t (or z) statistics, two-sided p-values and confidence intervals.</summary>
    internal static Coefficient[] BuildCoefficients(string[] names, double[] estimates, double[,] vcov, double df, double level, bool useNormal)
    {
        var result = new Coefficient[names.Length];
        for (int i = 0; i < names.Length; i++)
            result[i] = Coefficient.FromEstimate(names[i], estimates[i], Math.Sqrt(Math.Max(0, vcov[i, i])), useNormal ? null : df, level);
        return result;
    }

    /// <summary>
    /// A coefficient of a scaled column in the data's units: estimate and standard error times s (a power of
    /// two, so exact), t and p unchanged; the interval is recomputed from the unscaled pair.
    /// </summary>
    private static Coefficient Unscale(Coefficient c, double s, double df, double level)
    {
        if (s == 1.0) return c;
        var u = Coefficient.FromEstimate(c.Name, c.Estimate * s, c.StdError * s, df, level);
        // The unscaled pair gives the same t unless s·se left the normal range; keep the scaled (exact) test then.
        return u.T == c.T ? u : u with { T = c.T, PValue = c.PValue };
    }

    /// <summary>The Wald F test of all slopes (Stata's model F), null with a note when the variance is rank deficient.</summary>
    private static FTestResult? WaldF(Coefficient[] coefficients, double[,] vcov, bool intercept, double df2, List<string> notes)
    {
        var idx = Enumerable.Range(0, coefficients.Length).Where(i => !(intercept && coefficients[i].Name == InterceptName)).ToArray();
        int q = idx.Length;
        var r = new double[q, coefficients.Length];
        for (int a = 0; a < q; a++) r[a, idx[a]] = 1;
        try
        {
            var test = WaldTest.Compute(coefficients.Select(c => c.Estimate).ToArray(), vcov, r, new double[q], df2);
            return new FTestResult(test.F, q, df2, test.PValueF);
        }
        catch (SpecificationException)
        {
            var chol = new CholeskySolver(Restrict(vcov, idx), 1e-12);
            notes.Add($"F test of all slopes not computed: the variance matrix has rank {chol.Rank} < {q} slopes (e.g. fewer clusters than regressors).");
            return null;
        }
    }

    private static double[,] Restrict(double[,] m, int[] idx)
    {
        var v = new double[idx.Length, idx.Length];
        for (int a = 0; a < idx.Length; a++)
            for (int b = 0; b < idx.Length; b++) v[a, b] = m[idx[a], idx[b]];
        return v;
    }
}
