using System.Globalization;
using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Econometrics.Model;

/// <summary>One design column produced by a formula term, over every row of the panel (NaN = missing).</summary>
internal sealed record TermColumn(string Name, double[] Values);

/// <summary>A fixed-effect term evaluated on the panel: its grouping and, for <c>g[x]</c>, the slope variables.</summary>
internal sealed record FixedEffectColumns(string Name, Factor Groups, IReadOnlyList<TermColumn> Slopes, bool SlopesOnly);

/// <summary>
/// Turns formula terms into columns over a <see cref="PanelData"/>: arithmetic and functions, factor dummies
/// with fixest's names, interactions, panel lags that respect gaps, and fixed-effect groupings.
/// </summary>
internal sealed class TermEvaluator
{
    private readonly PanelData _panel;
    private FormulaParser _parser = null!;
    private string _term = "";

    /// <param name="panel">The data.</param>
    /// <param name="intercept">
    /// True when the model has an intercept (pooled OLS): then factor terms on their own (<c>i(f)</c> without a
    /// reference, <c>factor(f)</c>, a text column) leave out their first level, as fixest and R do. With fixed
    /// effects every level is created and the collinear one is dropped by the solver.
    /// </param>
    public TermEvaluator(PanelData panel, bool intercept = false)
    {
        _panel = panel;
        _intercept = intercept;
    }

    private readonly bool _intercept;

    /// <summary>The columns of a regressor term (several for factors, poly() and lag ranges).</summary>
    public IReadOnlyList<TermColumn> Regressor(string term)
    {
        // A column whose name is not a valid term (e.g. "gdp-2"), or that looks like one, is used as it is.
        if (_panel.HasNumeric(term)) return [new TermColumn(term, _panel.NumericArray(term))];
        var node = Parse(term);
        var factors = SplitInteraction(node);
        var blocks = factors.Select(f => Block(f, alone: factors.Count == 1)).ToList();
        var result = blocks[0];
        for (int b = 1; b < blocks.Count; b++)
        {
            var next = new List<TermColumn>();
            foreach (var left in result)
                foreach (var right in blocks[b])
                {
                    var v = new double[left.Values.Length];
                    for (int r = 0; r < v.Length; r++) v[r] = left.Values[r] * right.Values[r];
                    next.Add(new TermColumn(left.Name + ":" + right.Name, v));
                }
            result = next;
        }
        return result;
    }

    /// <summary>The outcome column of a left-hand-side term.</summary>
    public TermColumn Outcome(string term)
    {
        var columns = Regressor(term);
        if (columns.Count != 1)
            throw new SpecificationException($"Outcome \"{term}\" expands into {columns.Count} columns; the outcome must be one variable.");
        return columns[0];
    }

    /// <summary>A fixed-effect term: a column, an interaction a^b, or varying slopes g[x] / g[[x]].</summary>
    public FixedEffectColumns FixedEffect(string term)
    {
        if (_panel.HasColumn(term)) return new FixedEffectColumns(term, _panel.Grouping(term), [], false);
        var node = Parse(term, "Fixed effect");
        if (node is SlopeNode s)
            return new FixedEffectColumns(term, Groups(s.Group), s.Slopes.Select(x => new TermColumn(x.Text, Arithmetic(x))).ToArray(), s.SlopesOnly);
        return new FixedEffectColumns(term, Groups(node), [], false);
    }

    /// <summary>A grouping (cluster variable): a column or an interaction a^b.</summary>
    public Factor Grouping(string term) => _panel.HasColumn(term) ? _panel.Grouping(term) : Groups(Parse(term, "Grouping"));

    private FormulaNode Parse(string term, string what = "Term")
    {
        _term = term;
        var (node, parser) = FormulaParser.ParseTerm(term, $"{what} \"{term}\"");
        _parser = parser;
        return node;
    }

    private SpecificationException Error(FormulaNode at, string problem) => _parser.Error(at.Position, problem);

    private static List<FormulaNode> SplitInteraction(FormulaNode node) => node is BinaryNode { Operator: ':' } b
        ? [.. SplitInteraction(b.Left), .. SplitInteraction(b.Right)]
        : [node];

    private Factor Groups(FormulaNode node)
    {
        switch (node)
        {
            case NameNode n:
                return ColumnAsFactor(n);
            case BinaryNode { Operator: '^' } b:
                return Factor.Interact(Groups(b.Left), Groups(b.Right));
            case ParenNode p:
                return Groups(p.Inner);
            default:
                throw Error(node, "expected a column or an interaction a^b");
        }
    }

    private Factor ColumnAsFactor(NameNode n)
    {
        if (!_panel.HasColumn(n.Name)) throw Unknown(n);
        try
        {
            return _panel.Grouping(n.Name);
        }
        catch (SpecificationException e)
        {
            throw new SpecificationException($"Term \"{_term}\": {e.Message}");
        }
    }

    private SpecificationException Unknown(NameNode n) =>
        new($"Term \"{_term}\": {_panel.UnknownColumn(n.Name).Message}");

    /// <summary>The columns of one factor of an interaction.</summary>
    private List<TermColumn> Block(FormulaNode node, bool alone)
    {
        switch (node)
        {
            case NameNode n when _panel.HasCategorical(n.Name):
                // A text column acts as a factor, named as R does (columnLevel); on its own the first level is the reference.
                return Dummies(_panel.Grouping(n.Name), n.Name, "", skipFirst: alone && _intercept, reference: null);
            case NameNode or ParenNode or UnaryNode or NumberNode:
                return [new TermColumn(node.Text, Arithmetic(node))];
            case CallNode c:
                return Call(c);
            case BinaryNode b when b.Operator is '*' or '+' or '-':
                throw Error(b, $"one term is expected here, but '{b.Operator}' joins several; list them as separate regressors (a*b is a, b and a:b), or write arithmetic inside I()");
            case BinaryNode b:
                throw Error(b, $"'{b.Operator}' is not allowed in a term; write I({b.Text}) for arithmetic");
            default:
                throw Error(node, "expected a variable or a function");
        }
    }

    private List<TermColumn> Call(CallNode c)
    {
        switch (c.Function)
        {
            case "log" or "exp" or "sqrt" or "abs" or "I":
                return [new TermColumn(c.Text, Arithmetic(c))];
            case "poly":
            {
                Arity(c, 2, 2);
                int degree = IntegerArgument(c.Arguments[1], c, "the degree");
                if (degree < 1) throw Error(c.Arguments[1], "poly() needs a degree of at least 1");
                var x = Arithmetic(c.Arguments[0]);
                var result = new List<TermColumn>();
                for (int p = 1; p <= degree; p++)
                {
                    var v = new double[x.Length];
                    for (int r = 0; r < v.Length; r++) v[r] = Power(x[r], p);
                    result.Add(new TermColumn(c.Text + p.ToString(CultureInfo.InvariantCulture), v));
                }
                return result;
            }
            case "factor":
            {
                Arity(c, 1, 1);
                if (c.Arguments[0] is not NameNode n) throw Error(c.Arguments[0], "factor() takes a column name");
                return Dummies(ColumnAsFactor(n), c.Text, "", skipFirst: _intercept, reference: null);
            }
            case "i":
            {
                if (c.Arguments.Count is < 1 or > 2) throw Error(c, "i() takes a factor and optionally a numeric variable: i(f), i(f, x), i(f, x, ref = level)");
                foreach (var a in c.Named)
                    if (a.Name is not "ref")
                        throw _parser.Error(a.Position, $"unknown argument '{a.Name}' of i(); expected ref = level");
                if (c.Arguments[0] is not NameNode n) throw Error(c.Arguments[0], "the first argument of i() must be a column");
                var f = ColumnAsFactor(n);
                var refNode = c.Named.FirstOrDefault(a => a.Name == "ref")?.Value;
                var reference = refNode is null ? null : ReferenceLevels(refNode, f, n.Name);
                if (c.Arguments.Count == 1) return Dummies(f, n.Name + "::", "", skipFirst: _intercept && reference is null, reference);
                var x = Arithmetic(c.Arguments[1]);
                var dummies = Dummies(f, n.Name + "::", ":" + c.Arguments[1].Text, skipFirst: false, reference);
                foreach (var d in dummies)
                    for (int r = 0; r < x.Length; r++) d.Values[r] *= x[r];
                return dummies;
            }
            case "l" or "f" or "d":
            {
                Arity(c, 1, 2);
                var kNode = c.Arguments.Count == 2 ? c.Arguments[1] : c.Named.FirstOrDefault(a => a.Name == "k")?.Value;
                var ks = kNode is null ? [1] : Lags(kNode, c);
                var x = Arithmetic(c.Arguments[0]);
                return ks.Select(k => PanelOperator(c.Function, c.Arguments[0], x, k, c)).ToList();
            }
            default:
                throw Error(c, ModelFormula.UnknownFunction(c.Function, ModelFormula.TermFunctions));
        }
    }

    private TermColumn PanelOperator(string function, FormulaNode argument, double[] x, int k, CallNode at)
    {
        string arg = argument.Text;
        if (function == "d")
        {
            if (k < 1) throw Error(at, "d() needs a positive difference order, e.g. d(x) or d(x, 2)");
            var lag = ShiftBack(x, k);
            for (int r = 0; r < lag.Length; r++) lag[r] = x[r] - lag[r];
            return new TermColumn($"d({arg}, {k})", lag);
        }
        int back = function == "l" ? k : -k;
        if (back == 0) return new TermColumn(arg, x);
        // fixest's names: l(x, 1), f(x, 2); a lag of 0 is x itself and a negative lag a lead.
        var name = back > 0 ? $"l({arg}, {back})" : $"f({arg}, {-back})";
        return new TermColumn(name, ShiftBack(x, back));
    }

    /// <summary>x_{i,t−k} over the panel's time index (missing across gaps), via <see cref="PanelTransforms.Lag"/>.</summary>
    private double[] ShiftBack(double[] x, int k)
    {
        const string scratch = "\u0001shift";
        return _panel.WithColumn(scratch, x).Lag(scratch, k);
    }

    private int[] Lags(FormulaNode node, CallNode at)
    {
        if (node is BinaryNode { Operator: ':' } range)
        {
            int from = IntegerArgument(range.Left, at, "the first lag"), to = IntegerArgument(range.Right, at, "the last lag");
            if (to < from) throw Error(node, $"the lag range {node.Text} is empty; write the smaller number first");
            return Enumerable.Range(from, to - from + 1).ToArray();
        }
        return [IntegerArgument(node, at, "the number of periods")];
    }

    private int IntegerArgument(FormulaNode node, CallNode at, string what)
    {
        double v = node switch
        {
            NumberNode n => n.Value,
            UnaryNode { Operand: NumberNode n } => -n.Value,
            _ => double.NaN,
        };
        if (!(v == Math.Floor(v)) || Math.Abs(v) > 1000)
            throw Error(node, $"{what} in {at.Function}() must be a whole number, e.g. {at.Function}(x, 2)");
        return (int)v;
    }

    private void Arity(CallNode c, int min, int max)
    {
        if (c.Arguments.Count < min || c.Arguments.Count > max)
            throw Error(c, c.Function switch
            {
                "poly" => "poly() takes a variable and a degree, e.g. poly(dei, 2)",
                "factor" => "factor() takes one column, e.g. factor(year)",
                "l" or "f" or "d" => $"{c.Function}() takes a variable and optionally the periods, e.g. {c.Function}(dei), {c.Function}(dei, 2) or {c.Function}(dei, 0:2)",
                _ => $"{c.Function}() takes exactly one argument",
            });
    }

    private HashSet<int> ReferenceLevels(FormulaNode node, Factor f, string column)
    {
        var values = node is CallNode { Function: "c" } list ? list.Arguments : [node];
        var codes = new HashSet<int>();
        foreach (var v in values)
        {
            string label = v switch
            {
                StringNode s => s.Value,
                NumberNode n => n.Value.ToString("R", CultureInfo.InvariantCulture),
                UnaryNode { Operand: NumberNode n } => (-n.Value).ToString("R", CultureInfo.InvariantCulture),
                NameNode n => n.Name,
                _ => throw Error(v, "a reference level must be a number or quoted text, e.g. ref = 2008 or ref = \"East\""),
            };
            int code = f.CodeOf(label);
            if (code < 0 && f.IsNumeric && double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out var num))
                for (int g = 0; g < f.LevelCount; g++)
                    if (f.NumericLevel(g) == num) code = g;
            if (code < 0)
                throw Error(v, $"'{label}' is not a level of {column}; its levels are {string.Join(", ", f.Levels.Take(20))}{(f.LevelCount > 20 ? ", …" : "")}");
            codes.Add(code);
        }
        return codes;
    }

    private static List<TermColumn> Dummies(Factor f, string prefix, string suffix, bool skipFirst, HashSet<int>? reference)
    {
        var codes = f.Codes;
        var result = new List<TermColumn>();
        var sizes = f.LevelSizes();
        for (int g = skipFirst ? 1 : 0; g < f.LevelCount; g++)
        {
            if (reference is not null && reference.Contains(g)) continue;
            if (sizes[g] == 0) continue;
            var v = new double[codes.Length];
            for (int r = 0; r < v.Length; r++) v[r] = codes[r] == g ? 1 : 0;
            result.Add(new TermColumn(prefix + f.Levels[g] + suffix, v));
        }
        return result;
    }

    /// <summary>Evaluates arithmetic (numbers, columns, + − * / ^, log/exp/sqrt/abs, I(), l/f/d with one period) row by row.</summary>
    private double[] Arithmetic(FormulaNode node)
    {
        int n = _panel.RowCount;
        switch (node)
        {
            case NumberNode num:
            {
                var v = new double[n];
                Array.Fill(v, num.Value);
                return v;
            }
            case NameNode name:
                return NumericColumn(name);
            case ParenNode p:
                return Arithmetic(p.Inner);
            case UnaryNode u:
            {
                var v = (double[])Arithmetic(u.Operand).Clone();
                for (int r = 0; r < n; r++) v[r] = -v[r];
                return v;
            }
            case BinaryNode b when b.Operator is '+' or '-' or '*' or '/' or '^':
            {
                var a = Arithmetic(b.Left);
                var c = Arithmetic(b.Right);
                var v = new double[n];
                for (int r = 0; r < n; r++)
                {
                    double x = a[r], y = c[r];
                    v[r] = b.Operator switch { '+' => x + y, '-' => x - y, '*' => x * y, '/' => x / y, _ => Power(x, y) };
                    if (double.IsFinite(x) && double.IsFinite(y) && !double.IsFinite(v[r]))
                        throw Error(b, $"{b.Text} is {(double.IsNaN(v[r]) ? "undefined" : "infinite")} at {_panel.Describe(r)} ({Format(x)} {b.Operator} {Format(y)})");
                }
                return v;
            }
            case BinaryNode b:
                throw Error(b, b.Operator == ':' ? "':' (interaction) cannot be used inside arithmetic; write a * b for the product" : $"unexpected '{b.Operator}'");
            case CallNode c when c.Function is "log" or "exp" or "sqrt" or "abs":
            {
                Arity(c, 1, 1);
                var x = Arithmetic(c.Arguments[0]);
                var v = new double[n];
                for (int r = 0; r < n; r++)
                {
                    double a = x[r];
                    if ((c.Function == "log" && a <= 0) || (c.Function == "sqrt" && a < 0))
                    {
                        int count = x.Count(z => c.Function == "log" ? z <= 0 : z < 0);
                        throw new SpecificationException(
                            $"Term \"{_term}\": {c.Function}() needs {(c.Function == "log" ? "positive" : "non-negative")} values, but '{c.Arguments[0].Text}' is {Format(a)} at {_panel.EntityName} {_panel.Entities.LabelOf(r)}, {_panel.TimeName} {_panel.Times.LabelOf(r)}" +
                            (count > 1 ? $" (and {count - 1} more row{(count == 2 ? "" : "s")})" : "") +
                            (c.Function == "log" ? "; use log(x + c) with a shift, or drop those rows first." : "."));
                    }
                    v[r] = c.Function switch { "log" => Math.Log(a), "exp" => Math.Exp(a), "sqrt" => Math.Sqrt(a), _ => Math.Abs(a) };
                    if (double.IsFinite(a) && !double.IsFinite(v[r]))
                        throw Error(c, $"{c.Text} overflows at {_panel.Describe(r)} ({c.Arguments[0].Text} = {Format(a)})");
                }
                return v;
            }
            case CallNode { Function: "I" } c:
                Arity(c, 1, 1);
                return Arithmetic(c.Arguments[0]);
            case CallNode { Function: "l" or "f" or "d" } c:
            {
                var columns = Call(c);
                if (columns.Count != 1) throw Error(c, $"{c.Text} gives {columns.Count} columns; inside arithmetic use a single period");
                return columns[0].Values;
            }
            case CallNode c when ModelFormula.TermFunctions.Contains(c.Function):
                throw Error(c, $"{c.Function}() makes several columns and cannot be used inside arithmetic");
            case CallNode c:
                throw Error(c, ModelFormula.UnknownFunction(c.Function, ["log", "exp", "sqrt", "abs", "I", "l", "f", "d"]));
            case StringNode s:
                throw Error(s, "text cannot be used in arithmetic");
            default:
                throw Error(node, "expected a number, a column or a function");
        }
    }

    private double[] NumericColumn(NameNode name)
    {
        if (_panel.HasNumeric(name.Name)) return _panel.NumericArray(name.Name);
        if (name.Name == _panel.TimeName || name.Name == _panel.EntityName)
        {
            var f = name.Name == _panel.TimeName ? _panel.Times : _panel.Entities;
            if (!f.IsNumeric)
                throw Error(name, $"the {(f == _panel.Times ? "time" : "entity")} key '{name.Name}' is text, so it has no numeric value; use i({name.Name}) for its dummies");
            var codes = f.Codes;
            var v = new double[codes.Length];
            for (int r = 0; r < v.Length; r++) v[r] = f.NumericLevel(codes[r]);
            return v;
        }
        if (_panel.HasCategorical(name.Name))
            throw Error(name, $"column '{name.Name}' holds text; use i({name.Name}) or factor({name.Name}) for its dummies");
        throw Unknown(name);
    }

    /// <summary>x^y; whole exponents by repeated multiplication (as R's R_pow_di), so I(x^2) is exactly x·x.</summary>
    private static double Power(double x, double y)
    {
        if (y != Math.Floor(y) || Math.Abs(y) > 64) return Math.Pow(x, y);
        int n = (int)Math.Abs(y);
        double result = 1, b = x;
        while (n > 0)
        {
            if ((n & 1) == 1) result *= b;
            b *= b;
            n >>= 1;
        }
        return y < 0 ? 1 / result : result;
    }

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
