namespace DigitalEconomy.Econometrics.Inference;

/// <summary>Family of variance–covariance estimator.</summary>
public enum VcovKind
{
    /// <summary>Homoskedastic: V = s² (X̃'X̃)⁻¹, s² = SSR/(N − K_all).</summary>
    Classical,
    /// <summary>White (1980) heteroskedasticity-robust, no small-sample factor: V = B (Σ x̃x̃'e²) B.</summary>
    HC0,
    /// <summary>HC0 × N/(N − K) (Stata <c>vce(robust)</c>); K per the <see cref="SmallSampleCorrection"/>.</summary>
    HC1,
    /// <summary>MacKinnon–White (1985) HC2: weights e²/(1 − h), h the leverage (pooled or one-way FE only).</summary>
    HC2,
    /// <summary>MacKinnon–White (1985) HC3: weights e²/(1 − h)² (pooled or one-way FE only).</summary>
    HC3,
    /// <summary>Cluster-robust by one variable (Liang–Zeger 1986; Arellano 1987).</summary>
    Cluster,
    /// <summary>Two-way cluster-robust (Cameron, Gelbach and Miller 2011): V₁ + V₂ − V₁₂.</summary>
    TwoWayCluster,
    /// <summary>Driscoll and Kraay (1998): Newey–West over period sums of scores; robust to cross-sectional dependence.</summary>
    DriscollKraay,
}

/// <summary>
/// Which variance estimator to use, e.g. <c>Vcov.Cluster("city")</c>. The small-sample convention is chosen
/// separately (<see cref="SmallSampleCorrection"/>; Stata's by default).
/// </summary>
public sealed record Vcov
{
    private Vcov(VcovKind kind, IReadOnlyList<string> clusterBy, int lags)
    {
        Kind = kind;
        ClusterBy = clusterBy;
        Lags = lags;
    }

    /// <summary>The estimator family.</summary>
    public VcovKind Kind { get; }

    /// <summary>Cluster variables (one for <see cref="VcovKind.Cluster"/>, two for <see cref="VcovKind.TwoWayCluster"/>), else empty.</summary>
    public IReadOnlyList<string> ClusterBy { get; }

    /// <summary>Bartlett-kernel lag length for Driscoll–Kraay, else 0.</summary>
    public int Lags { get; }

    /// <summary>Homoskedastic standard errors (Stata's default).</summary>
    public static Vcov Classical { get; } = new(VcovKind.Classical, [], 0);

    /// <summary>
    /// HC1, as <c>regress</c>/<c>areg</c>/<c>reghdfe</c> <c>vce(robust)</c>. Note that Stata's <c>xtreg, fe vce(robust)</c>
    /// is not HC1 but clustering by the panel variable: reproduce it with <see cref="Cluster(string)"/> on the entity.
    /// </summary>
    public static Vcov Robust { get; } = new(VcovKind.HC1, [], 0);

    /// <summary>HC0 (no small-sample factor).</summary>
    public static Vcov HC0 { get; } = new(VcovKind.HC0, [], 0);

    /// <summary>HC1 = HC0 × N/(N − K).</summary>
    public static Vcov HC1 { get; } = Robust;

    /// <summary>HC2 (leverage-adjusted).</summary>
    public static Vcov HC2 { get; } = new(VcovKind.HC2, [], 0);

    /// <summary>HC3 (jackknife-like).</summary>
    public static Vcov HC3 { get; } = new(VcovKind.HC3, [], 0);

    /// <summary>Cluster-robust by one variable (a column name, the entity or the time key).</summary>
    public static Vcov Cluster(string variable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variable);
        return new(VcovKind.Cluster, [variable], 0);
    }

    /// <summary>Two-way cluster-robust by two variables (Cameron–Gelbach–Miller).</summary>
    public static Vcov Cluster(string first, string second)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(first);
        ArgumentException.ThrowIfNullOrWhiteSpace(second);
        if (first == second) return Cluster(first);
        return new(VcovKind.TwoWayCluster, [first, second], 0);
    }

    /// <summary>Driscoll–Kraay with the given number of lags (a common choice is ⌊4(T/100)^(2/9)⌋).</summary>
    public static Vcov DriscollKraay(int lags)
    {
        if (lags < 0) throw new SpecificationException($"Driscoll–Kraay needs a non-negative lag length; got {lags}.");
        return new(VcovKind.DriscollKraay, [], lags);
    }

    /// <summary>Short label, e.g. "Clustered (city)".</summary>
    public override string ToString() => Kind switch
    {
        VcovKind.Classical => "Classical",
        VcovKind.Cluster => $"Clustered ({ClusterBy[0]})",
        VcovKind.TwoWayCluster => $"Two-way clustered ({ClusterBy[0]}, {ClusterBy[1]})",
        VcovKind.DriscollKraay => $"Driscoll–Kraay ({Lags} lags)",
        _ => $"Robust ({Kind})",
    };

    /// <summary>Equality by kind, cluster variables and lags.</summary>
    public bool Equals(Vcov? other) =>
        other is not null && Kind == other.Kind && Lags == other.Lags && ClusterBy.SequenceEqual(other.ClusterBy);

    /// <summary>Hash consistent with <see cref="Equals(Vcov)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Kind, Lags, string.Join("\u0001", ClusterBy));
}
