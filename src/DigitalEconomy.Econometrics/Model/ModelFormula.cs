using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Econometrics.Model;

/// <summary>How the right-hand side of a multiple-estimation formula varies across models (fixest's stepwise functions).</summary>
public enum StepwiseKind
{
    /// <summary>No stepwise function: one right-hand side.</summary>
    None,
    /// <summary><c>sw(a, b)</c>: one model per argument (a; b).</summary>
    Stepwise,
    /// <summary><c>csw(a, b)</c>: arguments added cumulatively (a; a + b).</summary>
    Cumulative,
    /// <summary><c>csw0(a, b)</c>: as <see cref="Cumulative"/>, starting from none of them (∅; a; a + b).</summary>
    CumulativeFromNone,
}

/// <summary>
/// A parsed formula in fixest's syntax, possibly describing several models:
/// <c>c(y1, y2) ~ x + csw(z1, z2) | fe1 + fe2</c>. <see cref="Expand"/> lists the single models in fixest's order
/// (outcomes outer, right-hand sides inner).
/// </summary>
/// <remarks>
/// Grammar (R precedence: <c>^</c> &gt; unary minus &gt; <c>:</c> &gt; <c>* /</c> &gt; <c>+ −</c>):
/// terms are columns, <c>log() exp() sqrt() abs()</c>, <c>I(arithmetic)</c>, <c>poly(x, k)</c>,
/// <c>i(f)</c>, <c>i(f, x)</c>, <c>i(f, ref = v)</c>, <c>factor(f)</c>, panel operators <c>l(x, k)</c>,
/// <c>f(x, k)</c>, <c>d(x, k)</c> (k an integer or a range a:b), interactions <c>a:b</c> and crossings
/// <c>a*b</c> = a + b + a:b; <c>0</c> or <c>- 1</c> removes the intercept. Fixed effects after <c>|</c> are
/// columns, interactions <c>a^b</c> and varying slopes <c>g[x]</c> (effects and slopes) or <c>g[[x]]</c>
/// (slopes only). Reference: Bergé (2018), "Efficient estimation of maximum likelihood models with
/// multiple fixed-effects: the R package FENmlm", and the fixest documentation.
/// </remarks>
public sealed class ModelFormula
{
    /// <summary>Functions usable as regressor terms.</summary>
    internal static readonly string[] TermFunctions = ["log", "exp", "sqrt", "abs", "I", "poly", "i", "factor", "l", "f", "d"];

    private ModelFormula(string text, IReadOnlyList<string> outcomes, IReadOnlyList<string> before, IReadOnlyList<string> after,
        StepwiseKind kind, IReadOnlyList<IReadOnlyList<string>> steps, IReadOnlyList<string> fixedEffects, bool intercept)
    {
        Text = text;
        Outcomes = outcomes;
        _before = before;
        _after = after;
        Stepwise = kind;
        Steps = steps;
        FixedEffects = fixedEffects;
        Intercept = intercept;
    }

    private readonly IReadOnlyList<string> _before, _after;

    /// <summary>The formula as given.</summary>
    public string Text { get; }

    /// <summary>Outcomes (more than one with <c>c(y1, y2) ~ …</c>).</summary>
    public IReadOnlyList<string> Outcomes { get; }

    /// <summary>Regressor terms common to every model, in canonical form (the stepwise terms sit where <c>sw()</c> was written).</summary>
    public IReadOnlyList<string> CommonRegressors => [.. _before, .. _after];

    /// <summary>The stepwise function used, if any.</summary>
    public StepwiseKind Stepwise { get; }

    /// <summary>The arguments of the stepwise function, each a list of terms.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Steps { get; }

    /// <summary>Fixed-effect terms in canonical form, e.g. <c>city</c>, <c>province^year</c>, <c>city[trend]</c>.</summary>
    public IReadOnlyList<string> FixedEffects { get; }

    /// <summary>False when the formula removed the intercept (<c>+ 0</c> or <c>- 1</c>).</summary>
    public bool Intercept { get; }

    /// <summary>True when the formula describes more than one model.</summary>
    public bool IsMultiple => Outcomes.Count > 1 || Stepwise != StepwiseKind.None;

    /// <summary>Parses a formula.</summary>
    /// <exception cref="SpecificationException">The formula is malformed: the message gives the position and what was expected.</exception>
    public static ModelFormula Parse(string formula)
    {
        if (string.IsNullOrWhiteSpace(formula))
            throw new SpecificationException("The model formula is empty; expected e.g. \"gap ~ dei + gov | city + year\".");
        var (lhs, rhs, fe, parser) = FormulaParser.ParseFormula(formula);
        var outcomes = ParseOutcomes(lhs, parser);
        bool intercept = true;
        var before = new List<string>();
        var after = new List<string>();
        var kind = StepwiseKind.None;
        var steps = new List<IReadOnlyList<string>>();
        foreach (var (node, negated) in FlattenSum(rhs!))
        {
            if (node is NumberNode num)
            {
                if (num.Value == 0 && !negated) { intercept = false; continue; }
                if (num.Value == 1) { intercept &= !negated; continue; }
                throw parser.Error(num.Position, $"the number {num.Literal} is not a term; only 0 and 1 (intercept) may appear on their own");
            }
            if (negated)
                throw parser.Error(node.Position, $"only '- 1' may be subtracted; remove '- {node.Text}'");
            if (node is CallNode { Function: "sw" or "csw" or "csw0" } call)
            {
                if (kind != StepwiseKind.None)
                    throw parser.Error(call.Position, "only one stepwise function (sw, csw, csw0) may appear in a formula");
                if (call.Arguments.Count == 0 || call.Named.Count > 0)
                    throw parser.Error(call.Position, $"{call.Function}() needs one or more terms, e.g. {call.Function}(gov, open)");
                kind = call.Function switch { "sw" => StepwiseKind.Stepwise, "csw" => StepwiseKind.Cumulative, _ => StepwiseKind.CumulativeFromNone };
                foreach (var arg in call.Arguments)
                {
                    var terms = new List<string>();
                    foreach (var (inner, neg) in FlattenSum(arg))
                    {
                        if (neg || inner is NumberNode) throw parser.Error(inner.Position, $"expected a regressor term inside {call.Function}()");
                        AddTerms(terms, inner, parser);
                    }
                    steps.Add(terms);
                }
                continue;
            }
            AddTerms(kind == StepwiseKind.None ? before : after, node, parser);
        }
        var fixedEffects = new List<string>();
        if (fe is not null)
            foreach (var (node, negated) in FlattenSum(fe))
            {
                if (negated || node is NumberNode)
                    throw parser.Error(node.Position, "after '|' list fixed effects joined by '+', e.g. \"| city + year\"");
                var text = FixedEffectText(node, parser);
                if (!fixedEffects.Contains(text)) fixedEffects.Add(text);
            }
        var all = before.Concat(after).Concat(steps.SelectMany(s => s)).ToList();
        var dup = all.GroupBy(t => t).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new SpecificationException($"Formula \"{formula}\": regressor '{dup.Key}' appears twice.");
        foreach (var y in outcomes)
            if (all.Contains(y))
                throw new SpecificationException($"Formula \"{formula}\": '{y}' is both the outcome and a regressor.");
        return new ModelFormula(formula, outcomes, before, after, kind, steps, fixedEffects, intercept);
    }

    /// <summary>The single models this formula describes, outcomes outer and stepwise right-hand sides inner (fixest's order).</summary>
    public IReadOnlyList<RegressionFormula> Expand()
    {
        var rhs = new List<IReadOnlyList<string>>();
        switch (Stepwise)
        {
            case StepwiseKind.None:
                rhs.Add([.. _before, .. _after]);
                break;
            case StepwiseKind.Stepwise:
                foreach (var s in Steps) rhs.Add([.. _before, .. s, .. _after]);
                break;
            default:
                if (Stepwise == StepwiseKind.CumulativeFromNone) rhs.Add([.. _before, .. _after]);
                for (int k = 1; k <= Steps.Count; k++) rhs.Add([.. _before, .. Steps.Take(k).SelectMany(s => s), .. _after]);
                break;
        }
        return Outcomes.SelectMany(y => rhs.Select(r => new RegressionFormula(y, r, FixedEffects, Intercept))).ToArray();
    }

    /// <summary>The formula as given.</summary>
    public override string ToString() => Text;

    private static List<string> ParseOutcomes(FormulaNode lhs, FormulaParser parser)
    {
        var nodes = lhs is CallNode { Function: "c" } c ? c.Arguments : [lhs];
        if (nodes.Count == 0) throw parser.Error(lhs.Position, "c() needs at least one outcome");
        var result = new List<string>();
        foreach (var n in nodes)
        {
            if (n is not (NameNode or CallNode))
                throw parser.Error(n.Position, "the left of '~' must be one outcome (a column or a function of one, e.g. log(gdp)) or c(y1, y2)");
            var terms = new List<string>();
            AddTerms(terms, n, parser);
            if (result.Contains(terms[0])) throw parser.Error(n.Position, $"outcome '{terms[0]}' is listed twice");
            result.Add(terms[0]);
        }
        return result;
    }

    /// <summary>Splits a top-level sum into its summands with their signs (parentheses around sums are transparent, as in R).</summary>
    internal static IEnumerable<(FormulaNode Node, bool Negated)> FlattenSum(FormulaNode node, bool negated = false)
    {
        switch (node)
        {
            case BinaryNode { Operator: '+' or '-' } b:
                foreach (var t in FlattenSum(b.Left, negated)) yield return t;
                foreach (var t in FlattenSum(b.Right, negated ^ (b.Operator == '-'))) yield return t;
                break;
            case ParenNode p when p.Inner is BinaryNode { Operator: '+' or '-' }:
                foreach (var t in FlattenSum(p.Inner, negated)) yield return t;
                break;
            case UnaryNode u:
                foreach (var t in FlattenSum(u.Operand, !negated)) yield return t;
                break;
            default:
                yield return (node, negated);
                break;
        }
    }

    private static void AddTerms(List<string> terms, FormulaNode node, FormulaParser parser)
    {
        foreach (var factors in Crossings(node, parser))
        {
            // a:b and b:a are the same term (R's rule); the first spelling is kept.
            var key = string.Join("\u0001", factors.Select(f => f.Text).Order(StringComparer.Ordinal));
            if (terms.Any(t => TermKey(t) == key)) continue;
            terms.Add(string.Join(":", factors.Select(f => f.Text)));
        }
    }

    /// <summary>Order-free identity of a term: its factors sorted (the ':' inside function calls such as l(x, 0:2) are not separators).</summary>
    private static string TermKey(string term)
    {
        var factors = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < term.Length; i++)
        {
            if (term[i] is '(' or '[') depth++;
            else if (term[i] is ')' or ']') depth--;
            else if (term[i] == ':' && depth == 0)
            {
                factors.Add(term[start..i]);
                start = i + 1;
            }
        }
        factors.Add(term[start..]);
        return string.Join("\u0001", factors.Order(StringComparer.Ordinal));
    }

    /// <summary>Expands * and : into interaction terms, each a list of factor nodes (R's crossing rules).</summary>
    private static List<List<FormulaNode>> Crossings(FormulaNode node, FormulaParser parser)
    {
        switch (node)
        {
            case BinaryNode { Operator: '*' } b:
            {
                var a = Crossings(b.Left, parser);
                var c = Crossings(b.Right, parser);
                var result = new List<List<FormulaNode>>(a);
                result.AddRange(c);
                foreach (var x in a)
                    foreach (var y in c) result.Add([.. x, .. y]);
                return result;
            }
            case BinaryNode { Operator: ':' } b:
            {
                var a = Crossings(b.Left, parser);
                var c = Crossings(b.Right, parser);
                return a.SelectMany(x => c.Select(y => (List<FormulaNode>)[.. x, .. y])).ToList();
            }
            case BinaryNode { Operator: '+' or '-' }:
            case ParenNode:
            {
                var inner = node is ParenNode p ? p.Inner : node;
                if (inner is not BinaryNode { Operator: '+' or '-' or '*' or ':' } && inner is not (NameNode or CallNode))
                    throw parser.Error(node.Position, "parentheses in a formula may only group terms, e.g. (a + b):c; write arithmetic inside I(), e.g. I(a + b)");
                var result = new List<List<FormulaNode>>();
                foreach (var (t, negated) in FlattenSum(inner))
                {
                    if (negated) throw parser.Error(t.Position, "'-' inside parentheses is not supported; write arithmetic inside I()");
                    result.AddRange(Crossings(t, parser));
                }
                return result;
            }
            case BinaryNode { Operator: '^' } b:
                throw parser.Error(b.Position, $"'^' is not a power in a formula (R reads it as crossing); write I({b.Text}) for the power, or put interacted fixed effects after '|'");
            case BinaryNode { Operator: '/' } b:
                throw parser.Error(b.Position, $"'/' is not division in a formula; write I({b.Text}) for the ratio");
            case NumberNode n:
                throw parser.Error(n.Position, $"the number {n.Literal} cannot be part of an interaction");
            case StringNode s:
                throw parser.Error(s.Position, "text is not a term; quote reference levels only inside i(..., ref = \"...\")");
            case SlopeNode s:
                throw parser.Error(s.Position, "varying slopes g[x] belong to the fixed-effect part, after '|'");
            case CallNode call:
                if (call.Function is "sw" or "csw" or "csw0")
                    throw parser.Error(call.Position, $"{call.Function}() must stand on its own as a summand of the right-hand side");
                if (call.Function is "c")
                    throw parser.Error(call.Position, "c() lists several outcomes and belongs on the left of '~'");
                if (!TermFunctions.Contains(call.Function))
                    throw parser.Error(call.Position, UnknownFunction(call.Function, TermFunctions));
                return [[call]];
            default:
                return [[node]];
        }
    }

    internal static string UnknownFunction(string name, IReadOnlyList<string> known)
    {
        var close = known.Where(k => PanelData.EditDistance(k, name) <= 2).OrderBy(k => PanelData.EditDistance(k, name)).FirstOrDefault();
        return $"unknown function '{name}'{(close is null ? "" : $"; did you mean '{close}'?")} Known functions: {string.Join(", ", known)}";
    }

    private static string FixedEffectText(FormulaNode node, FormulaParser parser)
    {
        switch (node)
        {
            case NameNode n:
                return n.Name;
            case BinaryNode { Operator: '^' } b:
                return FixedEffectText(b.Left, parser) + "^" + FixedEffectText(b.Right, parser);
            case SlopeNode s:
                var group = FixedEffectText(s.Group, parser);
                if (group.Contains('[')) throw parser.Error(s.Position, "only one slope list per fixed effect");
                foreach (var slope in s.Slopes)
                    if (slope is not NameNode) throw parser.Error(slope.Position, "a varying slope must be a column name, e.g. city[trend]");
                return s.Text;
            case ParenNode p:
                return FixedEffectText(p.Inner, parser);
            case CallNode c:
                throw parser.Error(c.Position, $"functions are not allowed among the fixed effects; '{c.Function}(' found — write interacted effects as a^b and slopes as g[x]");
            case BinaryNode b:
                throw parser.Error(b.Position, b.Operator is ':' or '*'
                    ? $"'{b.Operator}' between fixed effects: write the interacted fixed effect as {b.Left.Text}^{b.Right.Text}"
                    : $"unexpected '{b.Operator}' among the fixed effects; join them with '+', interact them with '^'");
            default:
                throw parser.Error(node.Position, "expected a fixed-effect column, an interaction a^b or a varying slope g[x]");
        }
    }
}
