namespace DigitalEconomy.Econometrics.Did;

/// <summary>
/// One point of an event study: the effect at event time e = t − g (periods since adoption), with its standard
/// error, pointwise confidence interval and, when available, the uniform (simultaneous, sup-t) band.
/// </summary>
/// <param name="EventTime">e = t − g; negative values are leads (pre-adoption).</param>
/// <param name="Estimate">Point estimate (0 for the reference period).</param>
/// <param name="StdError">Standard error (0 for the reference period).</param>
/// <param name="ConfLow">Lower end of the pointwise interval.</param>
/// <param name="ConfHigh">Upper end of the pointwise interval.</param>
/// <param name="IsReference">True for the normalised reference period.</param>
public sealed record EventTimeEffect(int EventTime, double Estimate, double StdError, double ConfLow, double ConfHigh, bool IsReference = false)
{
    /// <summary>Lower end of the uniform band (null when no band was computed).</summary>
    public double? BandLow { get; init; }

    /// <summary>Upper end of the uniform band (null when no band was computed).</summary>
    public double? BandHigh { get; init; }
}

/// <summary>A joint Wald test that all pre-adoption effects are zero.</summary>
/// <param name="Statistic">F = b′V⁻¹b / q over the q lead coefficients (or χ²/q for z-based tests).</param>
/// <param name="NumeratorDf">q, the number of leads tested.</param>
/// <param name="DenominatorDf">Denominator degrees of freedom (G − 1 with clustering; ∞ for a χ² test).</param>
/// <param name="PValue">Upper-tail p-value.</param>
public sealed record PretrendTest(double Statistic, int NumeratorDf, double DenominatorDf, double PValue);
