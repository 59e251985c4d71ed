namespace DigitalEconomy.Econometrics.Indices;

/// <summary>Whether more of an indicator means a higher (positive) or lower (negative) composite score.</summary>
public enum IndicatorDirection
{
    /// <summary>Benefit indicator: normalised as (x − min)/(max − min).</summary>
    Positive,
    /// <summary>Cost indicator: normalised as (max − x)/(max − min).</summary>
    Negative,
}

/// <summary>One column of a composite index and its direction.</summary>
/// <param name="Column">Numeric panel column holding the indicator.</param>
/// <param name="Direction">Positive (benefit) or negative (cost) indicator.</param>
public sealed record Indicator(string Column, IndicatorDirection Direction = IndicatorDirection.Positive)
{
    /// <summary>A positive (benefit) indicator.</summary>
    public static Indicator Positive(string column) => new(column, IndicatorDirection.Positive);

    /// <summary>A negative (cost) indicator.</summary>
    public static Indicator Negative(string column) => new(column, IndicatorDirection.Negative);

    /// <summary>"name (+)" or "name (−)".</summary>
    public override string ToString() => Direction == IndicatorDirection.Positive ? $"{Column} (+)" : $"{Column} (−)";
}

/// <summary>Which rows share one set of entropy weights.</summary>
public enum EntropyScope
{
    /// <summary>
    /// "Global" entropy: one set of weights from all city-years at once, so scores are comparable over time.
    /// The default for panels.
    /// </summary>
    Pooled,
    /// <summary>Separate normalisation and weights within each period (a cross-section per year).</summary>
    PerPeriod,
    /// <summary>Separate normalisation and weights within each level of <see cref="EntropyWeightOptions.GroupColumn"/>.</summary>
    PerGroup,
}

/// <summary>What to do when an indicator has missing values.</summary>
public enum MissingIndicatorPolicy
{
    /// <summary>Stop with an error naming each indicator with missing values and how many.</summary>
    Error,
    /// <summary>Drop every row with any missing indicator (listwise); those rows get a missing score and the count is reported.</summary>
    Listwise,
}

/// <summary>Settings of the entropy weight method and the indices built on it.</summary>
public sealed record EntropyWeightOptions
{
    /// <summary>
    /// Added to every min-max normalised value: x'_ij = (x_ij − min_j)/(max_j − min_j) + Shift (positive
    /// indicators) or (max_j − x_ij)/(max_j − min_j) + Shift (negative), so x' lies in [Shift, 1 + Shift] and no
    /// share p_ij is 0. This is the translation ("平移") most Chinese regional studies apply after
    /// standardisation; the same x' enters p_ij and the score. Default 0.0001; 0 is allowed (then 0·ln 0 = 0).
    /// </summary>
    /// <remarks>
    /// Because Σ_j w_j = 1, the shift adds exactly Shift to every score; it changes the weights only slightly,
    /// through p_ij. Other published conventions differ and give slightly different weights: some MATLAB code
    /// rescales into [0.0001, 0.9999] (x' = 0.0001 + 0.9998·(x − min)/(max − min)), some R code keeps x' unshifted
    /// and adds a small ε inside the logarithm only. To reproduce the latter, set Shift = 0 (0·ln 0 = 0 is exact).
    /// </remarks>
    public double Shift { get; init; } = 0.0001;

    /// <summary>Pooled ("global", default), per period, or per group weights.</summary>
    public EntropyScope Scope { get; init; } = EntropyScope.Pooled;

    /// <summary>Grouping column for <see cref="EntropyScope.PerGroup"/> (e.g. "region").</summary>
    public string? GroupColumn { get; init; }

    /// <summary>Missing indicator values: an error (default) or listwise deletion with a report.</summary>
    public MissingIndicatorPolicy MissingValues { get; init; } = MissingIndicatorPolicy.Error;

    /// <summary>
    /// When true, indicators are taken as already normalised: x' = x + Shift, no min-max step and no direction
    /// flip. Values must then be non-negative because ln p_ij needs p_ij ≥ 0.
    /// </summary>
    public bool PreNormalised { get; init; }

    /// <summary>Checks the settings and throws a <see cref="SpecificationException"/> naming a bad one.</summary>
    internal void Validate()
    {
        if (!double.IsFinite(Shift) || Shift < 0)
            throw new SpecificationException($"The entropy shift must be a finite number ≥ 0 (commonly 0.0001); got {Shift}.");
        if (Scope == EntropyScope.PerGroup && string.IsNullOrWhiteSpace(GroupColumn))
            throw new SpecificationException("Per-group entropy weights need GroupColumn (e.g. \"region\").");
    }
}
