using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Resampling;

namespace DigitalEconomy.Econometrics.Mediation;

/// <summary>
/// Stepwise (Baron &amp; Kenny 1986) panel mediation with Sobel/Aroian/Goodman tests and cluster-bootstrap
/// intervals for the indirect effects — the mechanism tests of the study (agglomeration and innovation-diffusion
/// channels). Every equation is fitted by <see cref="PanelRegression"/> with the same fixed effects, controls and
/// variance estimator on one common sample (listwise deletion over all model variables). Compare Stata
/// <c>sgmediation</c> / <c>medeff</c> and R <c>mediation</c>/<c>lavaan</c> bootstraps; here whole entities are
/// resampled (Cameron, Gelbach &amp; Miller 2008) so the intervals respect within-city dependence.
/// </summary>
public static class MediationAnalysis
{
    /// <summary>
    /// Fits the model: total effect c (Y on X), for each mediator path a (M on X) and paths b, c' (Y on X and
    /// M), the indirect effect a·b, the proportion mediated, the normal-theory tests and, unless
    /// <see cref="MediationOptions.Bootstrap"/> is null, cluster-bootstrap percentile, BC and BCa intervals; with
    /// several mediators also the parallel model.
    /// </summary>
    /// <param name="panel">The data.</param>
    /// <param name="options">Model and settings.</param>
    /// <returns>Everything a mechanism table needs.</returns>
    /// <exception cref="SpecificationException">Unknown columns, no rows left, a treatment or mediator dropped
    /// as collinear, too few entities for the bootstrap, or any error of the regressions.</exception>
    /// <param name="progress">Progress of the bootstrap (completed, total), about a hundred reports per run.</param>
    /// <param name="cancellationToken">Cancels the bootstrap (throws <see cref="OperationCanceledException"/>).</param>
    public static MediationResult Fit(PanelData panel, MediationOptions options, IProgress<ResamplingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        foreach (var fe in options.FixedEffects)
            if (!panel.HasColumn(fe)) throw panel.UnknownColumn(fe);

        var sample = panel.DropMissing(options.Variables, out var report);
        if (sample.RowCount == 0)
            throw new SpecificationException($"No row has all of {string.Join(", ", options.Variables)} observed; the mediation model cannot be estimated. {report}");

        string y = options.Outcome, x = options.Treatment;
        var controls = options.Controls;
        var total = Estimate(sample, options, y, [x, .. controls], $"(1) {y}", "total-effect equation");

        var mediatorModels = new PanelRegressionResult[options.Mediators.Count];
        var outcomeModels = new PanelRegressionResult[options.Mediators.Count];
        for (int j = 0; j < options.Mediators.Count; j++)
        {
            string m = options.Mediators[j];
            mediatorModels[j] = Estimate(sample, options, m, [x, .. controls], $"({2 + 2 * j}) {m}", $"path-a equation of '{m}'");
            outcomeModels[j] = Estimate(sample, options, y, [x, m, .. controls], $"({3 + 2 * j}) {y}", $"outcome equation with '{m}'");
            RequireEstimated(outcomeModels[j], m, $"outcome equation with '{m}'");
        }
        var layout = new MediationStatistics(options.Mediators, options.ParallelModel);
        PanelRegressionResult? parallelModel = null;
        if (layout.HasParallel)
        {
            parallelModel = Estimate(sample, options, y, [x, .. options.Mediators, .. controls], $"{y} (parallel)", "parallel outcome equation");
            foreach (var m in options.Mediators) RequireEstimated(parallelModel, m, "parallel outcome equation");
        }

        // The bootstrap runs last so that a specification error surfaces before the long part.
        var (distribution, method) = options.Bootstrap is { } bootstrapOptions
            ? Bootstrap(sample, options, total, layout, bootstrapOptions, progress, cancellationToken)
            : (null, null);

        var effects = new List<MediatorEffect>();
        for (int j = 0; j < options.Mediators.Count; j++)
            effects.Add(new MediatorEffect(options.Mediators[j], x, total[x].Estimate, mediatorModels[j], outcomeModels[j],
                distribution is null ? null : BootstrapSummary.From(distribution, MediationStatistics.Indirect(j))));

        ParallelMediation? parallel = null;
        if (parallelModel is not null)
        {
            var specific = new List<SpecificIndirectEffect>();
            for (int j = 0; j < options.Mediators.Count; j++)
            {
                var a = effects[j].A;
                var b = parallelModel[options.Mediators[j]];
                specific.Add(new SpecificIndirectEffect(options.Mediators[j], a, b, a.Estimate * b.Estimate,
                    IndirectEffectTest.Sobel(a.Estimate, a.StdError, b.Estimate, b.StdError),
                    distribution is null ? null : BootstrapSummary.From(distribution, layout.ParallelIndirect(j))));
            }
            parallel = new ParallelMediation(parallelModel, specific, specific.Sum(s => s.Estimate),
                distribution is null ? null : BootstrapSummary.From(distribution, layout.ParallelTotalIndirect), parallelModel[x]);
        }
        return new MediationResult(options, report, sample.EntityName, sample.Entities.LevelCount, total, effects, parallel, distribution, method);
    }

    /// <summary>Fits the model given as a baseline formula plus mediators (see <see cref="MediationOptions.FromFormula"/>).</summary>
    /// <param name="panel">The data.</param>
    /// <param name="formula">Baseline model <c>"Y ~ X + controls | fixed effects"</c>; the first regressor is the treatment.</param>
    /// <param name="mediators">Mediator columns.</param>
    /// <param name="vcov">Variance estimator of every equation (default classical; the study uses <c>Vcov.Cluster("city")</c>).</param>
    /// <param name="bootstrap">Bootstrap settings; null = the defaults (1,000 replications, fixed seed).</param>
    public static MediationResult Fit(PanelData panel, string formula, IReadOnlyList<string> mediators, Vcov? vcov = null, BootstrapOptions? bootstrap = null)
    {
        var options = MediationOptions.FromFormula(formula, [.. mediators]) with { Vcov = vcov ?? Vcov.Classical };
        if (bootstrap is not null) options = options with { Bootstrap = bootstrap };
        return Fit(panel, options);
    }

    private static (BootstrapDistribution?, string?) Bootstrap(PanelData sample, MediationOptions options, PanelRegressionResult total,
        MediationStatistics layout, BootstrapOptions bootstrapOptions, IProgress<ResamplingProgress>? progress, CancellationToken cancellationToken)
    {
        int entities = sample.Entities.LevelCount;
        if (entities < 2)
            throw new SpecificationException($"The cluster bootstrap resamples entities ('{sample.EntityName}') but the sample has only {entities}.");
        // Controls the regressions dropped (collinear or absorbed by the fixed effects) are left out here too,
        // or every resample would be singular; the slopes of the others are unchanged by that.
        var variables = new[] { options.Outcome, options.Treatment }.Concat(options.Mediators)
            .Concat(options.Controls.Where(total.HasCoefficient)).ToArray();
        Func<ClusterStatistic> worker;
        string method;
        if (CanUseWithinKernel(sample, options, variables.Length))
        {
            var kernel = new WithinMediationBootstrap(sample, variables,
                options.FixedEffects.Contains(sample.EntityName), options.FixedEffects.Contains(sample.TimeName), layout);
            worker = kernel.CreateWorker;
            method = kernel.IsBalanced
                ? "balanced panel: closed-form within cross-products of each resample"
                : "unbalanced panel: exact within cross-products of each resample (period effects by Frisch–Waugh–Lovell)";
        }
        else
        {
            var general = new GeneralMediationBootstrap(sample, variables, options.FixedEffects, options.Intercept, options.Demeaning, layout);
            worker = general.CreateWorker;
            method = "fixed effects removed by projection on each resample";
        }
        return (ClusterBootstrap.Run(entities, layout.Names, worker, bootstrapOptions, progress, cancellationToken), method);
    }

    /// <summary>
    /// The cross-product kernel applies when the fixed effects are (a subset of) the entity and time keys; other
    /// factors (e.g. province × year) go through the general projection path.
    /// </summary>
    private static bool CanUseWithinKernel(PanelData sample, MediationOptions options, int variables) =>
        WithinMediationBootstrap.Fits(sample, variables)
        && options.FixedEffects.All(fe => fe == sample.EntityName || fe == sample.TimeName)
        && options.FixedEffects.Distinct().Count() == options.FixedEffects.Count
        && (options.FixedEffects.Count > 0 || options.Intercept);

    private static PanelRegressionResult Estimate(PanelData sample, MediationOptions options, string dependent, string[] regressors,
        string label, string role)
    {
        var result = PanelRegression.Fit(sample, options.Equation(dependent, regressors, label));
        RequireEstimated(result, options.Treatment, role);
        return result;
    }

    private static void RequireEstimated(PanelRegressionResult model, string variable, string role)
    {
        if (model.HasCoefficient(variable)) return;
        var why = model.Dropped.FirstOrDefault(d => d.Name == variable)?.ToString() ?? $"{variable} was not estimated";
        throw new SpecificationException($"The mediation model cannot be estimated: in the {role}, {why}.");
    }
}
