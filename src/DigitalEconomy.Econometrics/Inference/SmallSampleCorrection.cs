namespace DigitalEconomy.Econometrics.Inference;

/// <summary>Which parameter count K enters the N − K of robust and cluster small-sample factors.</summary>
public enum ParameterCountRule
{
    /// <summary>
    /// Stata (<c>xtreg, fe</c>, reghdfe): K = k + 1 + Σ (levels − 1) over absorbed fixed effects not nested in
    /// the cluster variable — the 1 is the intercept Stata reports. Without clustering this is K_all.
    /// </summary>
    StataNestedExcluded,
    /// <summary>fixest (<c>ssc(fixef.K = "nested")</c>): K_all minus the parameters of fixed effects nested in the cluster (no intercept counted when one is nested).</summary>
    FixestNestedExcluded,
    /// <summary>plm: K = number of reported coefficients (slopes; plus the intercept in pooled OLS).</summary>
    CoefficientsOnly,
    /// <summary>lm with explicit dummies / Stata <c>areg</c>: K = K_all, every absorbed parameter counted.</summary>
    AllParameters,
}

/// <summary>The observation factor of a cluster-robust variance.</summary>
public enum ClusterObservationFactor
{
    /// <summary>(N − 1)/(N − K) (Stata, fixest, plm "sss").</summary>
    NMinusOneOverNMinusK,
    /// <summary>N/(N − K) (plm <c>vcovHC(type = "HC1", method = "arellano")</c>).</summary>
    NOverNMinusK,
    /// <summary>No observation factor (with <see cref="SmallSampleCorrection.ClusterFactor"/> false: cluster "HC0").</summary>
    None,
}

/// <summary>Degrees of freedom of the t (and F) reference distribution for cluster-robust inference.</summary>
public enum ClusterDegreesOfFreedom
{
    /// <summary>G − 1 (Stata, fixest; for two-way clustering G = the smaller dimension).</summary>
    ClustersMinusOne,
    /// <summary>The residual degrees of freedom N − K_all (plm's <c>coeftest</c> default).</summary>
    Residual,
}

/// <summary>
/// Small-sample conventions for robust and cluster-robust variances. Notation: N observations, k slopes,
/// G clusters, K_all = k + all absorbed fixed-effect parameters (intercept included).
/// <list type="bullet">
/// <item>Classical: s² = SSR/(N − K_all) in every convention.</item>
/// <item>HC1: N/(N − K_HC) with K_HC from <see cref="ParameterCount"/> when nothing is nested (Stata, fixest, areg: K_all; plm: k).</item>
/// <item>Cluster: [G/(G − 1)] · observation factor with K from <see cref="ParameterCount"/>.</item>
/// </list>
/// The default, <see cref="Stata"/>, reproduces Stata <c>xtreg, fe vce(cluster id)</c> / reghdfe.
/// </summary>
/// <param name="Name">Short name recorded in results, e.g. "Stata".</param>
/// <param name="ParameterCount">Rule for K.</param>
/// <param name="ObservationFactor">Observation factor of cluster variances (and, when <see cref="ClusterObservationFactor.None"/>, HC1 becomes HC0).</param>
/// <param name="ClusterFactor">Whether cluster variances are multiplied by G/(G − 1).</param>
/// <param name="ClusterDf">Reference distribution degrees of freedom under clustering.</param>
public sealed record SmallSampleCorrection(
    string Name,
    ParameterCountRule ParameterCount,
    ClusterObservationFactor ObservationFactor,
    bool ClusterFactor,
    ClusterDegreesOfFreedom ClusterDf)
{
    /// <summary>
    /// Stata/reghdfe (default): HC1 N/(N − K_all); cluster G/(G−1)·(N−1)/(N−K), K = k + 1 + Σ(levels − 1) of FE
    /// not nested in the cluster; t with G − 1 df. Grunfeld firm FE clustered by firm: SE(value) = 0.0151945.
    /// </summary>
    public static SmallSampleCorrection Stata { get; } =
        new("Stata", ParameterCountRule.StataNestedExcluded, ClusterObservationFactor.NMinusOneOverNMinusK, true, ClusterDegreesOfFreedom.ClustersMinusOne);

    /// <summary>fixest default <c>ssc()</c>: as Stata but K excludes the intercept when a fixed effect is nested in the cluster.</summary>
    public static SmallSampleCorrection Fixest { get; } =
        new("fixest", ParameterCountRule.FixestNestedExcluded, ClusterObservationFactor.NMinusOneOverNMinusK, true, ClusterDegreesOfFreedom.ClustersMinusOne);

    /// <summary>plm <c>vcovHC(type = "sss")</c>: G/(G−1)·(N−1)/(N−k), k = reported coefficients; HC1 = N/(N−k) ("white1").</summary>
    public static SmallSampleCorrection PlmSss { get; } =
        new("plm sss", ParameterCountRule.CoefficientsOnly, ClusterObservationFactor.NMinusOneOverNMinusK, true, ClusterDegreesOfFreedom.Residual);

    /// <summary>plm <c>vcovHC(type = "HC1", method = "arellano")</c>: N/(N−k), no G/(G−1); HC1 = N/(N−k).</summary>
    public static SmallSampleCorrection PlmHC1 { get; } =
        new("plm HC1", ParameterCountRule.CoefficientsOnly, ClusterObservationFactor.NOverNMinusK, false, ClusterDegreesOfFreedom.Residual);

    /// <summary>Stata <c>areg</c> / lm with explicit dummies + sandwich::vcovCL: G/(G−1)·(N−1)/(N−K_all).</summary>
    public static SmallSampleCorrection Areg { get; } =
        new("areg", ParameterCountRule.AllParameters, ClusterObservationFactor.NMinusOneOverNMinusK, true, ClusterDegreesOfFreedom.ClustersMinusOne);

    /// <summary>No factor at all (cluster "HC0"; HC1 becomes HC0).</summary>
    public static SmallSampleCorrection None { get; } =
        new("none", ParameterCountRule.AllParameters, ClusterObservationFactor.None, false, ClusterDegreesOfFreedom.ClustersMinusOne);

    /// <summary>
    /// The scalar multiplying a cluster sandwich under this convention: [G/(G − 1)] · observation factor, with
    /// <paramref name="k"/> the K this convention counts (the caller applies <see cref="ParameterCount"/>).
    /// </summary>
    internal double ClusterScale(int groups, int observations, int k)
    {
        double f = ClusterFactor ? groups / (groups - 1.0) : 1.0;
        return f * ObservationFactor switch
        {
            ClusterObservationFactor.NMinusOneOverNMinusK => (observations - 1.0) / (observations - k),
            ClusterObservationFactor.NOverNMinusK => (double)observations / (observations - k),
            _ => 1.0,
        };
    }
}
