namespace DigitalEconomy.Econometrics.Regression;

/// <summary>
/// One estimated coefficient with its inference: t = estimate/SE, p two-sided from the reference distribution
/// (Student t with the result's degrees of freedom, or the normal for z statistics), and the confidence
/// interval estimate ± q·SE.
/// </summary>
/// <param name="Name">Regressor name ("(Intercept)" for the constant).</param>
/// <param name="Estimate">Point estimate.</param>
/// <param name="StdError">Standard error.</param>
/// <param name="T">Test statistic estimate/SE (a z statistic for random effects).</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="ConfLow">Lower confidence bound.</param>
/// <param name="ConfHigh">Upper confidence bound.</param>
public sealed record Coefficient(string Name, double Estimate, double StdError, double T, double PValue, double ConfLow, double ConfHigh);

/// <summary>Why a regressor is not in the estimated model.</summary>
public enum DropReason
{
    /// <summary>The regressor has the same value in every row.</summary>
    Constant,
    /// <summary>The regressor is constant within the levels of the fixed effects (absorbed by them).</summary>
    AbsorbedByFixedEffects,
    /// <summary>The regressor is a linear combination of earlier regressors.</summary>
    Collinear,
}

/// <summary>A regressor left out of the model, and why (Stata prints "omitted because of collinearity").</summary>
/// <param name="Name">Regressor name.</param>
/// <param name="Reason">Reason code.</param>
public sealed record DroppedVariable(string Name, DropReason Reason)
{
    /// <summary>A one-line note, e.g. "dei dropped: collinear with the other regressors".</summary>
    public override string ToString() => Reason switch
    {
        DropReason.Constant => $"{Name} dropped: it is constant",
        DropReason.AbsorbedByFixedEffects => $"{Name} dropped: it is constant within the fixed-effect groups (absorbed)",
        _ => $"{Name} dropped: collinear with the other regressors",
    };
}

/// <summary>An absorbed fixed effect as estimated.</summary>
/// <param name="Name">Factor name, e.g. "city".</param>
/// <param name="Levels">Number of levels present in the estimation sample.</param>
/// <param name="NestedInCluster">True when the factor is nested in a cluster variable (its levels then do not count in K).</param>
public sealed record FixedEffectSummary(string Name, int Levels, bool NestedInCluster);

/// <summary>What the variance estimate is and which small-sample convention produced it.</summary>
/// <param name="Kind">Estimator family.</param>
/// <param name="Correction">Small-sample convention.</param>
/// <param name="Factor">The scalar multiplying B M B (or s² for classical: the factor is 1).</param>
/// <param name="K">The parameter count K used in the factor (K_all for classical).</param>
/// <param name="ClusterVariables">Cluster variables (empty unless clustered).</param>
/// <param name="ClusterCounts">Number of clusters per cluster variable.</param>
/// <param name="DegreesOfFreedom">Degrees of freedom of the t and F reference distributions.</param>
/// <param name="EigenvalueFixApplied">True when a two-way cluster variance had negative eigenvalues set to 0.</param>
/// <param name="Description">Human-readable description for table notes.</param>
public sealed record VarianceSummary(
    VcovKind Kind, SmallSampleCorrection Correction, double Factor, int K,
    IReadOnlyList<string> ClusterVariables, IReadOnlyList<int> ClusterCounts, double DegreesOfFreedom,
    bool EigenvalueFixApplied, string Description)
{
    /// <summary>The description.</summary>
    public override string ToString() => Description;

    /// <summary>
    /// <see cref="Description"/> with the K and cluster-count values left as <see cref="Reporting.VarianceNote"/> slots,
    /// so a table can write one note for columns that differ only in those values. Null when not known.
    /// </summary>
    internal string? NoteTemplate { get; init; }
}

/// <summary>
/// Wald F test that all slopes are zero: F = β'V⁻¹β / q with the model's variance estimate (the test Stata
/// reports, robust or clustered when the variance is), referred to F(q, df2).
/// </summary>
/// <param name="Statistic">F statistic.</param>
/// <param name="NumeratorDf">q, the number of slopes tested.</param>
/// <param name="DenominatorDf">df2 (residual df, or G − 1 under clustering).</param>
/// <param name="PValue">P(F(q, df2) &gt; F).</param>
public sealed record FTestResult(double Statistic, int NumeratorDf, double DenominatorDf, double PValue);
