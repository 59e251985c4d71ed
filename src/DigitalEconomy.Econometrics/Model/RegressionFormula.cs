namespace DigitalEconomy.Econometrics.Model;

/// <summary>
/// One model in fixest's formula syntax: <c>y ~ x1 + log(x2) + i(region, dei) + l(x3) | fe1 + fe2^fe3</c>.
/// Without a <c>|</c> part the model is pooled OLS with an intercept; <c>+ 0</c> or <c>- 1</c> on the right
/// removes the intercept. Terms are kept in canonical text (<see cref="ModelFormula"/> describes the grammar);
/// they are turned into columns when the model is fitted on a panel.
/// </summary>
/// <param name="Dependent">Left-hand side (a column or a function of one, e.g. <c>log(gdp)</c>).</param>
/// <param name="Regressors">Regressor terms in order (one term may expand into several columns, e.g. <c>i(year)</c>).</param>
/// <param name="FixedEffects">Absorbed fixed-effect terms in order.</param>
/// <param name="Intercept">False when the formula asked for no intercept.</param>
public sealed record RegressionFormula(string Dependent, IReadOnlyList<string> Regressors, IReadOnlyList<string> FixedEffects, bool Intercept)
{
    /// <summary>Parses a formula that describes one model.</summary>
    /// <exception cref="SpecificationException">
    /// The formula is malformed (the message gives the position and what was expected), or it describes several
    /// models (<c>sw()</c>, <c>csw()</c>, <c>c(y1, y2)</c>) — parse those with <see cref="ModelFormula.Parse"/>.
    /// </exception>
    public static RegressionFormula Parse(string formula)
    {
        var parsed = ModelFormula.Parse(formula);
        if (parsed.IsMultiple)
            throw new SpecificationException(
                $"Formula \"{formula}\" describes {parsed.Expand().Count} models (sw/csw/csw0 or c() of outcomes); fit it with PanelRegression.FitMany.");
        return parsed.Expand()[0];
    }

    /// <summary>The formula in canonical form.</summary>
    public override string ToString() =>
        $"{Dependent} ~ {(Regressors.Count == 0 ? "1" : string.Join(" + ", Regressors))}{(Intercept || FixedEffects.Count > 0 ? "" : " + 0")}" +
        (FixedEffects.Count > 0 ? " | " + string.Join(" + ", FixedEffects) : "");
}
