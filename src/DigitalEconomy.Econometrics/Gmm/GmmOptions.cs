namespace DigitalEconomy.Econometrics.Gmm;

/// <summary>Which equations are estimated.</summary>
public enum GmmMethod
{
    /// <summary>Arellano and Bond (1991): the first-differenced equation, levels as instruments.</summary>
    Difference,
    /// <summary>Arellano and Bover (1995) / Blundell and Bond (1998): differenced and levels equations stacked, lagged differences instrumenting levels.</summary>
    System,
}

/// <summary>One-step or two-step GMM.</summary>
public enum GmmSteps
{
    /// <summary>Weighting matrix (Σ Z<sub>i</sub>'HZ<sub>i</sub>)⁻¹ with a fixed H.</summary>
    OneStep,
    /// <summary>Weighting matrix (Σ Z<sub>i</sub>'ê<sub>i</sub>ê<sub>i</sub>'Z<sub>i</sub>)⁻¹ from one-step residuals (Hansen 1982).</summary>
    TwoStep,
}

/// <summary>The one-step weighting matrix H of the per-group moment covariance.</summary>
public enum FirstStepWeight
{
    /// <summary>
    /// Default. Difference GMM: H tridiagonal with 2 on the diagonal and −1 beside it (the covariance of Δε under
    /// iid ε, up to σ²). System GMM: the covariance of the stacked (Δε, ε) under iid ε: [[H<sub>Δ</sub>, C], [C', I]]
    /// with C<sub>ts</sub> = 1 if s = t, −1 if s = t − 1 (plm's <c>fsm = "full"</c>, plm's system default).
    /// </summary>
    Standard,
    /// <summary>System GMM only: block-diagonal [[H<sub>Δ</sub>, 0], [0, I]] (plm's <c>fsm = "GI"</c>; what DPD for Ox and xtabond2's <c>h(2)</c> use).</summary>
    BlockDiagonal,
    /// <summary>H = I for every equation (plm's <c>fsm = "I"</c>, xtabond2's <c>h(1)</c>).</summary>
    Identity,
}

/// <summary>Options of <see cref="DynamicPanelGmm.Fit"/>; defaults follow plm::pgmm (one-step difference GMM, robust SEs).</summary>
public sealed record GmmOptions
{
    /// <summary>Difference (default) or system GMM.</summary>
    public GmmMethod Method { get; init; } = GmmMethod.Difference;

    /// <summary>One-step (default) or two-step.</summary>
    public GmmSteps Steps { get; init; } = GmmSteps.OneStep;

    /// <summary>
    /// Robust standard errors (default): one-step, the sandwich robust to heteroskedasticity and serial correlation
    /// within groups; two-step, Windmeijer's (2005) finite-sample corrected variance. False: one-step σ̂²B₁
    /// (difference GMM with the standard H only) or the uncorrected two-step (X'ZWZ'X)⁻¹.
    /// </summary>
    public bool Robust { get; init; } = true;

    /// <summary>Collapse every GMM-style instrument set (Roodman 2009); a set can also be collapsed on its own.</summary>
    public bool Collapse { get; init; }

    /// <summary>
    /// Period effects. Difference GMM: differenced period dummies for the estimation periods, as regressors and
    /// instruments (plm's <c>effect = "twoways"</c>). System GMM: period dummies for every levels-equation period but the
    /// first, entering both equations (differenced in the differenced one) and instrumenting the levels equation.
    /// </summary>
    public bool TimeEffects { get; init; }

    /// <summary>The one-step weighting matrix H (see <see cref="FirstStepWeight"/>).</summary>
    public FirstStepWeight FirstStepWeight { get; init; } = FirstStepWeight.Standard;

    /// <summary>Highest order of the Arellano–Bond serial-correlation tests (default 2).</summary>
    public int ArOrders { get; init; } = 2;

    /// <summary>Confidence level of the coefficient intervals (default 0.95).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Column label for tables.</summary>
    public string? Label { get; init; }
}
