namespace DigitalEconomy.Econometrics.Threshold;

/// <summary>
/// The panel threshold model of Hansen (1999):
/// y_it = β1'x_it·1(q_it &lt; γ1) + β2'x_it·1(γ1 ≤ q_it &lt; γ2) + … + δ'z_it + μ_i + e_it,
/// with regime-dependent regressors x, regime-independent regressors z, threshold variable q and entity
/// fixed effects μ_i. Names refer to numeric columns of the panel.
/// </summary>
/// <param name="Dependent">y.</param>
/// <param name="RegimeDependent">x: regressors whose coefficients change across regimes (at least one).</param>
/// <param name="RegimeIndependent">z: control regressors with one coefficient (may be empty).</param>
/// <param name="ThresholdVariable">q: the variable that splits the sample into regimes.</param>
public sealed record ThresholdSpecification(
    string Dependent,
    IReadOnlyList<string> RegimeDependent,
    IReadOnlyList<string> RegimeIndependent,
    string ThresholdVariable)
{
    /// <summary>Every column the model reads, without duplicates.</summary>
    public IReadOnlyList<string> AllColumns =>
        new[] { Dependent }.Concat(RegimeDependent).Concat(RegimeIndependent).Append(ThresholdVariable).Distinct(StringComparer.Ordinal).ToArray();
}
