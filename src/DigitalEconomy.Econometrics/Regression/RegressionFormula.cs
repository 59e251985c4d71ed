namespace DigitalEconomy.Econometrics.Regression;

/// <summary>
/// A parsed model formula in fixest style: <c>y ~ x1 + x2 | fe1 + fe2</c>. Without a <c>|</c> part the model
/// is pooled OLS with an intercept; <c>+ 0</c> or <c>- 1</c> on the right removes the intercept.
/// </summary>
/// <param name="Dependent">Left-hand side.</param>
/// <param name="Regressors">Slope regressors in order.</param>
/// <param name="FixedEffects">Absorbed factors in order.</param>
/// <param name="Intercept">False when the formula asked for no intercept.</param>
public sealed record RegressionFormula(string Dependent, IReadOnlyList<string> Regressors, IReadOnlyList<string> FixedEffects, bool Intercept)
{
    /// <summary>Parses a formula.</summary>
    /// <exception cref="SpecificationException">The formula is malformed; the message shows the expected shape.</exception>
    public static RegressionFormula Parse(string formula)
    {
        if (string.IsNullOrWhiteSpace(formula))
            throw new SpecificationException("The model formula is empty; expected e.g. \"gap ~ dei + gov | city + year\".");
        var sides = formula.Split('~');
        if (sides.Length != 2)
            throw new SpecificationException($"Formula \"{formula}\" must contain exactly one '~', as in \"gap ~ dei + gov | city + year\".");
        var dependent = sides[0].Trim();
        if (!IsName(dependent))
            throw new SpecificationException($"Formula \"{formula}\": the left of '~' must be one column name; got \"{dependent}\".");
        var parts = sides[1].Split('|');
        if (parts.Length > 2)
            throw new SpecificationException($"Formula \"{formula}\" has more than one '|'; list all fixed effects after one '|', joined by '+'.");
        bool intercept = true;
        var regressors = new List<string>();
        foreach (var (term, negated) in Terms(parts[0], formula))
        {
            if (term is "0" || (term is "1" && negated)) { intercept = false; continue; }
            if (term is "1") continue;
            if (negated)
                throw new SpecificationException($"Formula \"{formula}\": only '- 1' may be subtracted; remove '- {term}'.");
            if (regressors.Contains(term))
                throw new SpecificationException($"Formula \"{formula}\": regressor '{term}' appears twice.");
            regressors.Add(term);
        }
        var fixedEffects = new List<string>();
        if (parts.Length == 2)
        {
            foreach (var (term, negated) in Terms(parts[1], formula))
            {
                if (negated || term is "0" or "1")
                    throw new SpecificationException($"Formula \"{formula}\": after '|' list fixed-effect columns joined by '+'.");
                if (!fixedEffects.Contains(term)) fixedEffects.Add(term);
            }
            if (fixedEffects.Count == 0)
                throw new SpecificationException($"Formula \"{formula}\": nothing after '|'; name the fixed effects, e.g. \"| city + year\".");
        }
        if (regressors.Contains(dependent))
            throw new SpecificationException($"Formula \"{formula}\": '{dependent}' is both the outcome and a regressor.");
        return new RegressionFormula(dependent, regressors, fixedEffects, intercept);
    }

    private static IEnumerable<(string Term, bool Negated)> Terms(string side, string formula)
    {
        var text = side.Replace("-", "+-");
        foreach (var raw in text.Split('+'))
        {
            var t = raw.Trim();
            if (t.Length == 0) continue; // leading "-" or doubled "+" leave empty pieces
            bool negated = t.StartsWith('-');
            if (negated) t = t[1..].Trim();
            if (!IsName(t) && t is not ("0" or "1"))
                throw new SpecificationException($"Formula \"{formula}\": \"{t}\" is not a column name (create transformed columns first, e.g. with PanelTransforms).");
            yield return (t, negated);
        }
    }

    private static bool IsName(string s) =>
        s.Length > 0 && !char.IsDigit(s[0]) && s.All(c => char.IsLetterOrDigit(c) || c is '_' or '.');

    /// <summary>The formula in canonical form.</summary>
    public override string ToString() =>
        $"{Dependent} ~ {(Regressors.Count == 0 ? "1" : string.Join(" + ", Regressors))}{(Intercept || FixedEffects.Count > 0 ? "" : " + 0")}" +
        (FixedEffects.Count > 0 ? " | " + string.Join(" + ", FixedEffects) : "");
}
