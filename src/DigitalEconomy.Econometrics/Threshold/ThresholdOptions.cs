using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Threshold;

/// <summary>How entity fixed effects are removed before the least-squares step of a threshold search.</summary>
public enum ThresholdTransformation
{
    /// <summary>
    /// Standard within transformation over all T periods (ỹ_it = y_it − ȳ_i), as Stata <c>xtreg, fe</c>,
    /// <c>xthreg</c> and plm use; N·T rows in the least-squares step. The default.
    /// </summary>
    StandardWithin,

    /// <summary>
    /// Hansen's (1999) own convention (GAUSS code, <c>ptm.R</c> in pdR): demean every column by entity over
    /// all T periods, then delete each entity's last period; N·(T−1) rows. Not numerically the same as
    /// <see cref="StandardWithin"/>; the only one that reproduces his published estimates.
    /// </summary>
    HansenOriginal,
}

/// <summary>Which threshold candidates are searched.</summary>
public enum ThresholdGridKind
{
    /// <summary>
    /// Hansen's quantile grid: with dd the sorted unique values of q, qn grid points and trimming π,
    /// sq = seq(π, π + (qn − 2·qn·π)/qn, by = 1/qn) and candidates dd[⌊sq·|dd|⌋] (1-based), as in his code.
    /// </summary>
    Quantile,

    /// <summary>
    /// Every unique value v of q that leaves at least a share π of the observations on each side
    /// (#(q &lt; v) ≥ π·n and #(q ≥ v) ≥ π·n).
    /// </summary>
    AllUniqueValues,
}

/// <summary>Denominator of the F statistics and LR curves, σ̂² = S/ty.</summary>
public enum ThresholdVarianceDenominator
{
    /// <summary>ty = N·(T−1), Hansen (1999) — the default.</summary>
    NTimesTMinusOne,

    /// <summary>ty = N·T, what <c>ptm.R</c> (pdR) uses.</summary>
    NTimesT,
}

/// <summary>Options of <see cref="PanelThresholdRegression"/>. Defaults follow Hansen's (1999) application.</summary>
public sealed record ThresholdOptions
{
    /// <summary>How many thresholds to estimate and test sequentially (1, 2 or 3). Default 3.</summary>
    public int MaxThresholds { get; init; } = 3;

    /// <summary>Fixed-effects transformation; default <see cref="ThresholdTransformation.StandardWithin"/>.</summary>
    public ThresholdTransformation Transformation { get; init; } = ThresholdTransformation.StandardWithin;

    /// <summary>Candidate grid; default Hansen's quantile grid.</summary>
    public ThresholdGridKind Grid { get; init; } = ThresholdGridKind.Quantile;

    /// <summary>Number of quantiles qn of the quantile grid (Hansen: 400).</summary>
    public int GridPoints { get; init; } = 400;

    /// <summary>
    /// Trimming π per threshold (single, double, triple search): the grid uses the first; each search of
    /// the k-threshold model drops the candidates within qn·π grid positions of the fixed thresholds
    /// (Hansen: 0.01, 0.01, 0.05).
    /// </summary>
    public IReadOnlyList<double> Trimming { get; init; } = [0.01, 0.01, 0.05];

    /// <summary>
    /// Smallest share of all N·T observations every regime must hold for a candidate to be searched
    /// (default 0: only non-empty regimes; the trimming already keeps regimes away from the tails).
    /// </summary>
    public double MinimumRegimeShare { get; init; }

    /// <summary>
    /// Smallest number of observations every regime must hold for a candidate to be searched (default 1);
    /// the stricter of this and <see cref="MinimumRegimeShare"/> applies.
    /// </summary>
    public int MinimumRegimeObservations { get; init; } = 1;

    /// <summary>Bootstrap replications for each threshold test (Hansen: 300). 0 skips the bootstrap.</summary>
    public int BootstrapReplications { get; init; } = 300;

    /// <summary>Seed of the bootstrap; results are bit-for-bit reproducible with it whatever the thread count.</summary>
    public ulong Seed { get; init; } = 20_260_101;

    /// <summary>Maximum threads for the bootstrap; null uses all cores.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Denominator ty of the F statistics and LR curves; default N·(T−1) as in Hansen (1999).</summary>
    public ThresholdVarianceDenominator VarianceDenominator { get; init; } = ThresholdVarianceDenominator.NTimesTMinusOne;

    /// <summary>
    /// Variance of the regime coefficients: <see cref="Vcov.HC0"/> (White, as Hansen 1999 reports; the default),
    /// <see cref="Vcov.Classical"/>, or <c>Vcov.Cluster(entity)</c> by the panel's entity key. Any result can be
    /// re-based later with <c>WithVcov</c>.
    /// </summary>
    public Vcov Vcov { get; init; } = Vcov.HC0;

    /// <summary>Small-sample convention of the entity-clustered variance (default Stata's, K = k + 1).</summary>
    public SmallSampleCorrection SmallSample { get; init; } = SmallSampleCorrection.Stata;

    /// <summary>Confidence level of the threshold confidence sets and coefficient intervals (default 0.95).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Add period dummies to the regime-independent regressors (time effects).</summary>
    public bool TimeEffects { get; init; }

    /// <summary>
    /// Keep only the entities observed in every period (after dropping rows with missing values) instead of
    /// failing on an unbalanced panel.
    /// </summary>
    public bool BalancePanel { get; init; }
}
