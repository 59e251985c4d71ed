namespace DigitalEconomy.Econometrics.Inference;

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
public sealed record Coefficient(string Name, double Estimate, double StdError, double T, double PValue, double ConfLow, double ConfHigh)
{
    /// <summary>
    /// The one way every estimator builds a coefficient from an estimate and its standard error:
    /// t = b/se; p = 2·P(T_df &gt; |t|) (the normal when <paramref name="df"/> is null or infinite, a z test);
    /// CI = b ± q·se with q the (1 + level)/2 quantile of the same distribution.
    /// </summary>
    /// <param name="name">Coefficient name.</param>
    /// <param name="estimate">Point estimate.</param>
    /// <param name="stdError">Standard error (NaN when not identified).</param>
    /// <param name="df">Degrees of freedom of the t reference, or null for a normal (z) reference.</param>
    /// <param name="level">Confidence level, e.g. 0.95.</param>
    public static Coefficient FromEstimate(string name, double estimate, double stdError, double? df, double level = 0.95)
    {
        double dof = df ?? double.PositiveInfinity;
        double q = Distributions.StudentQuantile(0.5 + level / 2, dof);
        double t = estimate / stdError;
        return new Coefficient(name, estimate, stdError, t, Distributions.StudentTwoSided(t, dof), estimate - q * stdError, estimate + q * stdError);
    }
}

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
    /// <see cref="Description"/> with the K and cluster-count values left as slots filled by the reporting layer,
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
