using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Did;

/// <summary>
/// What every staggered difference-in-differences estimator needs: the outcome, the cohort column (the first
/// treated period of each unit; 0 or empty = never treated; treatment is absorbing), optional time-varying or
/// fixed controls, the cluster variable and the confidence level.
/// </summary>
/// <param name="Outcome">Outcome column.</param>
/// <param name="Cohort">Cohort column: the period in which the unit is first treated, 0 or missing when never treated.</param>
public record DidOptions(string Outcome, string Cohort)
{
    /// <summary>Control variables (regressors in TWFE-type models, covariates of the propensity score and outcome models in Callaway–Sant'Anna).</summary>
    public IReadOnlyList<string> Controls { get; init; } = [];

    /// <summary>Cluster variable for standard errors; null clusters by the panel's entity (unit).</summary>
    public string? Cluster { get; init; }

    /// <summary>Confidence level of the intervals (default 0.95).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Optional label shown in tables.</summary>
    public string? Label { get; init; }
}

/// <summary>Options of the TWFE event study (leads and lags of adoption with unit and period fixed effects).</summary>
public sealed record EventStudyOptions(string Outcome, string Cohort) : DidOptions(Outcome, Cohort)
{
    /// <summary>Number of leads (pre-adoption event times −Leads … −1) estimated; default 5.</summary>
    public int Leads { get; init; } = 5;

    /// <summary>Number of lags (post-adoption event times 0 … Lags); default 5.</summary>
    public int Lags { get; init; } = 5;

    /// <summary>The omitted event time, normalised to zero (default −1, the period before adoption).</summary>
    public int ReferencePeriod { get; init; } = -1;

    /// <summary>
    /// True (default) bins the endpoints: every event time at or below −Leads shares the −Leads dummy and every
    /// event time at or above Lags the Lags dummy. False drops treated observations outside the window.
    /// </summary>
    public bool BinEndpoints { get; init; } = true;
}

/// <summary>Which units serve as controls in Callaway–Sant'Anna ATT(g,t).</summary>
public enum ControlGroup
{
    /// <summary>Never-treated units only (R did's default <c>"nevertreated"</c>).</summary>
    NeverTreated,
    /// <summary>Never-treated units and units first treated after max(t, base period), other than g itself (<c>"notyettreated"</c>).</summary>
    NotYetTreated,
}

/// <summary>Base period of Callaway–Sant'Anna pre-treatment cells.</summary>
public enum BasePeriod
{
    /// <summary>Pre-treatment cells compare t with t − 1 (R did's default); post-treatment cells use g − 1.</summary>
    Varying,
    /// <summary>Every cell compares with g − 1; the cell t = g − 1 is reported as 0.</summary>
    Universal,
}

/// <summary>How Callaway–Sant'Anna adjusts for covariates in each 2×2 comparison.</summary>
public enum DidMethod
{
    /// <summary>Outcome regression (Heckman, Ichimura and Todd 1997; DRDID's <c>reg_did_panel</c>).</summary>
    Regression,
    /// <summary>Normalised inverse probability weighting (Abadie 2005; DRDID's <c>std_ipw_did_panel</c>).</summary>
    Ipw,
    /// <summary>Improved doubly robust (Sant'Anna and Zhao 2020; DRDID's <c>drdid_imp_panel</c>).</summary>
    DoublyRobust,
}

/// <summary>Multiplier weights of the bootstrap.</summary>
public enum MultiplierWeights
{
    /// <summary>±1 with probability ½ each (R did's weights).</summary>
    Rademacher,
    /// <summary>Mammen's two-point weights: (1 − √5)/2 with probability (√5 + 1)/(2√5), else (1 + √5)/2.</summary>
    Mammen,
}

/// <summary>Options of the Callaway–Sant'Anna estimator.</summary>
public sealed record CallawaySantAnnaOptions(string Outcome, string Cohort) : DidOptions(Outcome, Cohort)
{
    /// <summary>Control group (default never-treated).</summary>
    public ControlGroup ControlGroup { get; init; } = ControlGroup.NeverTreated;

    /// <summary>Base period (default varying).</summary>
    public BasePeriod BasePeriod { get; init; } = BasePeriod.Varying;

    /// <summary>Covariate adjustment when <see cref="DidOptions.Controls"/> is non-empty (default doubly robust, as R did).</summary>
    public DidMethod Method { get; init; } = DidMethod.DoublyRobust;

    /// <summary>Multiplier-bootstrap replications; 0 (default) reports analytic influence-function standard errors.</summary>
    public int BootstrapReplications { get; init; }

    /// <summary>Multiplier weights (default Rademacher).</summary>
    public MultiplierWeights Weights { get; init; } = MultiplierWeights.Rademacher;

    /// <summary>Seed of the bootstrap.</summary>
    public ulong Seed { get; init; } = 20260101;

    /// <summary>Balance the dynamic aggregation in event time: keep only groups observed at least this many periods after adoption (R did's <c>balance_e</c>).</summary>
    public int? BalanceEventTime { get; init; }
}
