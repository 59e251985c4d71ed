using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Resampling;

namespace DigitalEconomy.Econometrics.Mediation;

/// <summary>
/// A mediation model: outcome Y, treatment X, one or more mediators M, controls Z and absorbed fixed effects,
/// plus the estimation settings every equation shares (variance estimator, small-sample convention,
/// confidence level — inherited from <see cref="EstimationOptions"/>) and the bootstrap settings.
/// </summary>
/// <remarks>
/// The equations (Baron &amp; Kenny 1986, panel form as in the study's mechanism tests):
/// total  Y = c·X + Z + FE;  path a  M = a·X + Z + FE;  paths b, c'  Y = c'·X + b·M + Z + FE.
/// With several mediators each is estimated separately (the usual design in the literature) and, when
/// <see cref="ParallelModel"/>, also jointly: Y = c'·X + Σ_j b_j M_j + Z + FE (Preacher &amp; Hayes 2008).
/// </remarks>
/// <param name="Outcome">Outcome column Y (e.g. the development gap).</param>
/// <param name="Treatment">Treatment column X (e.g. the digital economy index).</param>
/// <param name="Mediators">Mediator columns M (e.g. industrial agglomeration, innovation diffusion).</param>
public sealed record MediationOptions(string Outcome, string Treatment, IReadOnlyList<string> Mediators) : EstimationOptions
{
    /// <summary>Control variables Z entering every equation.</summary>
    public IReadOnlyList<string> Controls { get; init; } = [];

    /// <summary>Absorbed fixed effects in every equation, e.g. ["city", "year"]; empty for pooled OLS.</summary>
    public IReadOnlyList<string> FixedEffects { get; init; } = [];

    /// <summary>Cluster-bootstrap settings for the indirect effects (entities resampled); null = no bootstrap.</summary>
    public BootstrapOptions? Bootstrap { get; init; } = new();

    /// <summary>With two or more mediators, also estimate the parallel model with all of them (default true).</summary>
    public bool ParallelModel { get; init; } = true;

    /// <summary>
    /// Builds the model from the baseline formula <c>"Y ~ X + Z1 + Z2 | fe1 + fe2"</c> (the first regressor is
    /// the treatment, the rest are controls) and the mediator names.
    /// </summary>
    /// <exception cref="SpecificationException">The formula has no regressor, or no mediator is given.</exception>
    public static MediationOptions FromFormula(string formula, params string[] mediators)
    {
        var f = RegressionFormula.Parse(formula);
        if (f.Regressors.Count == 0)
            throw new SpecificationException($"The mediation formula \"{formula}\" needs the treatment as its first regressor, e.g. \"gap ~ dei + gov | city + year\".");
        return new MediationOptions(f.Dependent, f.Regressors[0], mediators)
        {
            Controls = f.Regressors.Skip(1).ToArray(),
            FixedEffects = f.FixedEffects,
            Intercept = f.Intercept,
        };
    }

    /// <summary>Every variable the model uses: outcome, treatment, mediators, controls (the listwise-deletion set).</summary>
    public IReadOnlyList<string> Variables => [Outcome, Treatment, .. Mediators, .. Controls];

    /// <summary>Checks names: at least one mediator, no variable used twice.</summary>
    /// <exception cref="SpecificationException">What is wrong and how to fix it.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Outcome) || string.IsNullOrWhiteSpace(Treatment))
            throw new SpecificationException("A mediation model needs an outcome and a treatment column.");
        if (Mediators is null || Mediators.Count == 0)
            throw new SpecificationException("A mediation model needs at least one mediator column (e.g. --m agglomeration,innovation).");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in Variables)
            if (!seen.Add(v))
                throw new SpecificationException($"Column '{v}' is used twice in the mediation model (outcome, treatment, mediators and controls must be distinct).");
        foreach (var fe in FixedEffects)
            if (seen.Contains(fe))
                throw new SpecificationException($"Column '{fe}' is both a variable and a fixed effect of the mediation model.");
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
            throw new SpecificationException($"The confidence level must lie strictly between 0 and 1; got {ConfidenceLevel}.");
        Bootstrap?.Validate();
    }

    /// <summary>The regression of <paramref name="dependent"/> on <paramref name="regressors"/> with this model's fixed effects and settings.</summary>
    internal PanelRegressionOptions Equation(string dependent, IReadOnlyList<string> regressors, string label) =>
        new(dependent, regressors)
        {
            FixedEffects = FixedEffects,
            Vcov = Vcov,
            SmallSample = SmallSample,
            ConfidenceLevel = ConfidenceLevel,
            Intercept = Intercept,
            DropSingletons = DropSingletons,
            Demeaning = Demeaning,
            Label = label,
        };
}
