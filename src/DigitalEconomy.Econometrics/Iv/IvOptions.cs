using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Iv;

/// <summary>The estimator of an IV model.</summary>
public enum IvEstimator
{
    /// <summary>Two-stage least squares: b = (X'P_Z X)⁻¹X'P_Z y (Theil 1953; Basmann 1957).</summary>
    TwoStageLeastSquares,
    /// <summary>Limited-information maximum likelihood: the k-class estimator with k = λ_min (Anderson and Rubin 1949).</summary>
    Liml,
    /// <summary>Fuller (1977): k = λ_min − α/(N − L), α from <see cref="IvOptions.FullerAlpha"/>.</summary>
    Fuller,
    /// <summary>
    /// Two-step efficient GMM (Hansen 1982): W = S⁻¹, S the robust or cluster-robust covariance of the moments
    /// evaluated at the 2SLS residuals. With classical variance it equals 2SLS.
    /// </summary>
    GmmTwoStep,
}

/// <summary>How an IV model is estimated and its inference computed.</summary>
public sealed record IvOptions
{
    /// <summary>Estimator (default 2SLS).</summary>
    public IvEstimator Estimator { get; init; } = IvEstimator.TwoStageLeastSquares;

    /// <summary>Fuller's α (default 1, which makes the estimator approximately unbiased); used with <see cref="IvEstimator.Fuller"/>.</summary>
    public double FullerAlpha { get; init; } = 1.0;

    /// <summary>
    /// Variance estimator: classical, robust (heteroskedasticity-robust), cluster or two-way cluster. HC2/HC3
    /// and Driscoll–Kraay are not offered for IV.
    /// </summary>
    public Vcov Vcov { get; init; } = Vcov.Classical;

    /// <summary>
    /// Small-sample rules (default true, as ivreghdfe/ivregress with <c>small</c> and AER::ivreg): σ² = RSS/(N − K),
    /// robust N/(N − K), cluster (N − 1)/(N − K)·G/(G − 1), t and F with N − K (G − 1 when clustered) degrees of
    /// freedom, where K counts the coefficients plus the absorbed fixed-effect parameters not nested in a
    /// cluster variable (at least one). False gives ivreg2's large-sample convention: σ² = RSS/N, no factors,
    /// z and χ² tests. The weak-identification and over-identification statistics do not depend on it.
    /// </summary>
    public bool Small { get; init; } = true;

    /// <summary>Confidence level of intervals and of the Anderson–Rubin confidence set (default 0.95).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Optional column label for tables.</summary>
    public string? Label { get; init; }
}
