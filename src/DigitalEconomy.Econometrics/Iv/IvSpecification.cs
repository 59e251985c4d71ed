using DigitalEconomy.Econometrics.Model;
using DigitalEconomy.Econometrics.Regression;

namespace DigitalEconomy.Econometrics.Iv;

/// <summary>
/// Which variables enter a linear instrumental-variables model
/// y = X₁β₁ + X₂β₂ + fixed effects + u, with X₁ endogenous, X₂ exogenous and Z₁ the excluded instruments
/// (the instrument set is Z = [Z₁, X₂]). Written as a formula:
/// <c>y ~ x2a + x2b | fe1 + fe2 | x1 ~ z1 + z2</c> (the fixed-effect part is optional).
/// </summary>
/// <param name="Dependent">Outcome y.</param>
/// <param name="Exogenous">Included exogenous regressors X₂ (no constant column; see <paramref name="Intercept"/>).</param>
/// <param name="Endogenous">Endogenous regressors X₁ (at least one).</param>
/// <param name="Instruments">Excluded instruments Z₁ (at least as many as endogenous regressors).</param>
/// <param name="FixedEffects">Absorbed factors, removed from y, X and Z exactly.</param>
/// <param name="Intercept">Include a constant when no fixed effect is absorbed (default true).</param>
public sealed record IvSpecification(
    string Dependent, IReadOnlyList<string> Exogenous, IReadOnlyList<string> Endogenous, IReadOnlyList<string> Instruments,
    IReadOnlyList<string> FixedEffects, bool Intercept = true)
{
    /// <summary>
    /// Parses <c>"gap ~ gov + open | city + year | dei ~ post_x_net + tel_x_net"</c>: the parts are split on
    /// <c>|</c>; the last part is <c>endogenous ~ instruments</c>; a middle part, when present, lists the fixed
    /// effects. Term lists follow <see cref="RegressionFormula"/> (<c>+ 0</c> removes the constant).
    /// </summary>
    /// <exception cref="SpecificationException">The formula does not have that shape.</exception>
    public static IvSpecification Parse(string formula)
    {
        if (string.IsNullOrWhiteSpace(formula))
            throw new SpecificationException(
                "The IV formula is empty; expected e.g. \"gap ~ gov + open | city + year | dei ~ post_x_net + tel_x_net\".");
        var parts = formula.Split('|');
        if (parts.Length is < 2 or > 3 || !parts[^1].Contains('~'))
            throw new SpecificationException(
                $"IV formula \"{formula}\" must read \"y ~ exogenous [| fixed effects] | endogenous ~ instruments\", e.g. \"gap ~ gov | city + year | dei ~ post_x_net\".");
        // The outer model and the fixed effects reuse the regression formula parser.
        var outer = RegressionFormula.Parse(parts.Length == 3 ? parts[0] + "|" + parts[1] : parts[0]);
        var inner = parts[^1].Split('~');
        if (inner.Length != 2)
            throw new SpecificationException($"IV formula \"{formula}\": the last part must be \"endogenous ~ instruments\" with one '~'.");
        var endogenous = Terms(inner[0], formula, "endogenous regressors");
        var instruments = Terms(inner[1], formula, "excluded instruments");
        var spec = new IvSpecification(outer.Dependent, outer.Regressors, endogenous, instruments, outer.FixedEffects, outer.Intercept);
        spec.Validate();
        return spec;
    }

    /// <summary>Checks that the lists are non-empty where needed, disjoint, and that the order condition holds.</summary>
    /// <exception cref="SpecificationException">A violated condition, named.</exception>
    public void Validate()
    {
        if (Endogenous.Count == 0)
            throw new SpecificationException("The IV model names no endogenous regressor; write it left of the last '~', e.g. \"| dei ~ post_x_net\".");
        if (Instruments.Count < Endogenous.Count)
            throw new SpecificationException(
                $"The model is under-identified: {Endogenous.Count} endogenous regressor(s) ({string.Join(", ", Endogenous)}) but only {Instruments.Count} excluded instrument(s) ({string.Join(", ", Instruments)}).");
        var all = new[] { Dependent }.Concat(Exogenous).Concat(Endogenous).Concat(Instruments).ToArray();
        var dup = all.GroupBy(v => v).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw new SpecificationException($"Variable '{dup.Key}' appears more than once in the IV model (outcome, exogenous, endogenous and instrument lists must be disjoint).");
        foreach (var fe in FixedEffects)
            if (all.Contains(fe))
                throw new SpecificationException($"'{fe}' is both a variable of the model and a fixed effect.");
    }

    private static string[] Terms(string text, string formula, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new SpecificationException($"IV formula \"{formula}\": no {what} given.");
        // The term grammar is the regression formula's; a placeholder outcome lets it parse a bare list.
        var parsed = RegressionFormula.Parse("iv_terms_placeholder ~ " + text);
        if (!parsed.Intercept || parsed.Regressors.Count == 0)
            throw new SpecificationException($"IV formula \"{formula}\": list the {what} as column names joined by '+'.");
        return parsed.Regressors.ToArray();
    }

    /// <summary>The specification as a formula.</summary>
    public override string ToString() =>
        $"{Dependent} ~ {(Exogenous.Count == 0 ? "1" : string.Join(" + ", Exogenous))}{(Intercept || FixedEffects.Count > 0 ? "" : " + 0")}" +
        (FixedEffects.Count > 0 ? " | " + string.Join(" + ", FixedEffects) : "") +
        $" | {string.Join(" + ", Endogenous)} ~ {string.Join(" + ", Instruments)}";
}
