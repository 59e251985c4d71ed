using System.Globalization;

namespace DigitalEconomy.Econometrics.Model;

/// <summary>A node of a parsed formula; <see cref="Position"/> is the 1-based character where it starts.</summary>
internal abstract record FormulaNode(int Position)
{
    /// <summary>The node written back in canonical form (R's deparse style: spaces around + − *, none around / ^ :).</summary>
    public abstract string Text { get; }
}

/// <summary>A column (or function-argument) name.</summary>
internal sealed record NameNode(string Name, int Position) : FormulaNode(Position)
{
    public override string Text => Name;
}

/// <summary>A numeric literal.</summary>
internal sealed record NumberNode(double Value, string Literal, int Position) : FormulaNode(Position)
{
    public override string Text => Literal;
}

/// <summary>A quoted text literal (reference levels, e.g. <c>ref = "East"</c>).</summary>
internal sealed record StringNode(string Value, int Position) : FormulaNode(Position)
{
    public override string Text => "\"" + Value + "\"";
}

/// <summary>A named argument <c>name = value</c> of a call.</summary>
internal sealed record NamedArgument(string Name, FormulaNode Value, int Position);

/// <summary>A function call such as <c>log(x)</c>, <c>i(region, dei, ref = "East")</c>, <c>l(x, 0:2)</c>.</summary>
internal sealed record CallNode(string Function, IReadOnlyList<FormulaNode> Arguments, IReadOnlyList<NamedArgument> Named, int Position)
    : FormulaNode(Position)
{
    public override string Text =>
        Function + "(" + string.Join(", ", Arguments.Select(a => a.Text).Concat(Named.Select(n => n.Name + " = " + n.Value.Text))) + ")";
}

/// <summary>A binary operator: + − * / ^ :.</summary>
internal sealed record BinaryNode(char Operator, FormulaNode Left, FormulaNode Right, int Position) : FormulaNode(Position)
{
    public override string Text => Operator is '^' or ':' or '/'
        ? Wrap(Left, true) + Operator + Wrap(Right, false)
        : Wrap(Left, true) + " " + Operator + " " + Wrap(Right, false);

    private string Wrap(FormulaNode child, bool left)
    {
        int mine = Precedence(Operator), theirs = child is BinaryNode b ? Precedence(b.Operator) : child is UnaryNode ? 4 : 9;
        // Left-associative operators need parentheses on the right for equal precedence; ^ is right-associative.
        bool paren = theirs < mine || (theirs == mine && (Operator == '^' ? left : !left));
        return paren ? "(" + child.Text + ")" : child.Text;
    }

    internal static int Precedence(char op) => op switch
    {
        '+' or '-' => 1,
        '*' or '/' => 2,
        ':' => 3,
        '^' => 5,
        _ => 0,
    };
}

/// <summary>Unary minus.</summary>
internal sealed record UnaryNode(FormulaNode Operand, int Position) : FormulaNode(Position)
{
    public override string Text => "-" + (Operand is BinaryNode ? "(" + Operand.Text + ")" : Operand.Text);
}

/// <summary>Parenthesised sub-expression (kept so that "(a + b):c" can be told apart in formulas).</summary>
internal sealed record ParenNode(FormulaNode Inner, int Position) : FormulaNode(Position)
{
    public override string Text => "(" + Inner.Text + ")";
}

/// <summary>A fixed effect with varying slopes: <c>city[trend]</c> (effects and slopes) or <c>city[[trend]]</c> (slopes only).</summary>
internal sealed record SlopeNode(FormulaNode Group, IReadOnlyList<FormulaNode> Slopes, bool SlopesOnly, int Position) : FormulaNode(Position)
{
    public override string Text => Group.Text + (SlopesOnly ? "[[" : "[") + string.Join(", ", Slopes.Select(s => s.Text)) + (SlopesOnly ? "]]" : "]");
}

/// <summary>
/// Tokeniser and recursive-descent parser for model formulas. Operator precedence follows R: <c>^</c> binds
/// tightest, then unary minus, then <c>:</c>, then <c>* /</c>, then <c>+ −</c>. Every error names the
/// character position and what was expected there.
/// </summary>
internal sealed class FormulaParser
{
    private enum Kind { Name, Number, String, Symbol, End }

    private readonly record struct Token(Kind Kind, string Text, int Position);

    private readonly string _formula;
    private readonly List<Token> _tokens;
    private int _next;

    private FormulaParser(string formula, string? context)
    {
        _formula = formula;
        Context = context ?? $"Formula \"{formula}\"";
        _tokens = Tokenise(formula);
    }

    /// <summary>Prefix of every error message, e.g. <c>Formula "y ~ x"</c>.</summary>
    public string Context { get; }

    /// <summary>Splits a formula into left side, right side and fixed-effect part (each null when absent).</summary>
    public static (FormulaNode Lhs, FormulaNode? Rhs, FormulaNode? FixedEffects, FormulaParser Parser) ParseFormula(string formula)
    {
        var p = new FormulaParser(formula, null);
        if (p.Peek.Kind == Kind.End)
            throw new SpecificationException("The model formula is empty; expected e.g. \"gap ~ dei + gov | city + year\".");
        if (p.IsSymbol("~"))
            throw p.Error(p.Peek, "expected the outcome before '~'");
        var lhs = p.Expression();
        if (!p.IsSymbol("~"))
            throw p.Error(p.Peek, p.Peek.Kind == Kind.End ? "expected '~' after the outcome, as in \"gap ~ dei + gov | city + year\"" : "expected '~' or an operator");
        p._next++;
        FormulaNode? rhs = null;
        if (!p.IsSymbol("|")) rhs = p.Expression();
        else throw p.Error(p.Peek, "expected regressors between '~' and '|' (write 1 for an intercept only)");
        FormulaNode? fe = null;
        if (p.IsSymbol("|"))
        {
            p._next++;
            if (p.Peek.Kind == Kind.End) throw p.Error(p.Peek, "expected fixed effects after '|', e.g. \"| city + year\"");
            fe = p.Expression();
            if (p.IsSymbol("|")) throw p.Error(p.Peek, "a second '|' (instrumental-variable parts are not supported here); list all fixed effects after one '|', joined by '+'");
        }
        if (p.Peek.Kind != Kind.End)
            throw p.Error(p.Peek, p.IsSymbol("~") ? "a second '~'; a formula has exactly one" : $"unexpected '{p.Peek.Text}'; expected an operator (+ - * : ^) or the end");
        return (lhs, rhs, fe, p);
    }

    /// <summary>Parses a lone term or expression (e.g. a regressor given in typed options).</summary>
    public static (FormulaNode Node, FormulaParser Parser) ParseTerm(string text, string context)
    {
        var p = new FormulaParser(text, context);
        if (p.Peek.Kind == Kind.End) throw new SpecificationException($"{context}: the term is empty.");
        var node = p.Expression();
        if (p.Peek.Kind != Kind.End)
            throw p.Error(p.Peek, $"unexpected '{p.Peek.Text}'; expected an operator or the end of the term");
        return (node, p);
    }

    /// <summary>An error at <paramref name="position"/> (1-based).</summary>
    public SpecificationException Error(int position, string problem) =>
        new($"{Context}: {problem} (at position {position}{(position > _formula.Length ? ", the end" : $", \"{Excerpt(position)}\"")}).");

    private SpecificationException Error(Token at, string problem) => Error(at.Position, problem);

    private string Excerpt(int position)
    {
        var s = _formula[(position - 1)..];
        return s.Length > 12 ? s[..12] + "…" : s;
    }

    private Token Peek => _tokens[_next];

    private bool IsSymbol(string s) => Peek.Kind == Kind.Symbol && Peek.Text == s;

    private Token Expect(string symbol, string what)
    {
        if (!IsSymbol(symbol)) throw Error(Peek, $"expected {what}");
        return _tokens[_next++];
    }

    // sum := product (('+' | '-') product)*
    private FormulaNode Expression()
    {
        var left = Product();
        while (IsSymbol("+") || IsSymbol("-"))
        {
            var op = _tokens[_next++];
            if (Peek.Kind == Kind.End || IsSymbol("|") || IsSymbol("~") || IsSymbol(")") || IsSymbol(","))
                throw Error(Peek, $"expected a term after '{op.Text}'");
            left = new BinaryNode(op.Text[0], left, Product(), op.Position);
        }
        return left;
    }

    // product := interaction (('*' | '/') interaction)*
    private FormulaNode Product()
    {
        var left = Interaction();
        while (IsSymbol("*") || IsSymbol("/"))
        {
            var op = _tokens[_next++];
            left = new BinaryNode(op.Text[0], left, Interaction(), op.Position);
        }
        return left;
    }

    // interaction := unary (':' unary)*
    private FormulaNode Interaction()
    {
        var left = Unary();
        while (IsSymbol(":"))
        {
            var op = _tokens[_next++];
            left = new BinaryNode(':', left, Unary(), op.Position);
        }
        return left;
    }

    // unary := '-' unary | power
    private FormulaNode Unary()
    {
        if (IsSymbol("-"))
        {
            var op = _tokens[_next++];
            return new UnaryNode(Unary(), op.Position);
        }
        return Power();
    }

    // power := postfix ('^' unary)?   (right-associative)
    private FormulaNode Power()
    {
        var left = Postfix();
        if (IsSymbol("^"))
        {
            var op = _tokens[_next++];
            return new BinaryNode('^', left, Unary(), op.Position);
        }
        return left;
    }

    // postfix := primary ('[' args ']' | '[[' args ']]')?
    private FormulaNode Postfix()
    {
        var primary = Primary();
        if (!IsSymbol("[")) return primary;
        var open = _tokens[_next++];
        bool twice = IsSymbol("[");
        if (twice) _next++;
        var slopes = new List<FormulaNode>();
        if (IsSymbol("]")) throw Error(Peek, "expected a slope variable inside the brackets, e.g. city[trend]");
        slopes.Add(Expression());
        while (IsSymbol(","))
        {
            _next++;
            slopes.Add(Expression());
        }
        Expect("]", twice ? "']]' closing the slope list" : "']' closing the slope list");
        if (twice) Expect("]", "']]' closing the slope list");
        return new SlopeNode(primary, slopes, twice, open.Position);
    }

    private FormulaNode Primary()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case Kind.Number:
                _next++;
                return new NumberNode(double.Parse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture), t.Text, t.Position);
            case Kind.String:
                _next++;
                return new StringNode(t.Text, t.Position);
            case Kind.Name:
                _next++;
                if (!IsSymbol("(")) return new NameNode(t.Text, t.Position);
                _next++;
                var args = new List<FormulaNode>();
                var named = new List<NamedArgument>();
                if (!IsSymbol(")"))
                {
                    do
                    {
                        if (IsSymbol(",")) _next++;
                        if (IsSymbol(")") || Peek.Kind == Kind.End) throw Error(Peek, $"expected an argument of {t.Text}()");
                        if (Peek.Kind == Kind.Name && _tokens[_next + 1] is { Kind: Kind.Symbol, Text: "=" })
                        {
                            var name = _tokens[_next];
                            _next += 2;
                            named.Add(new NamedArgument(name.Text, Expression(), name.Position));
                        }
                        else if (named.Count > 0)
                            throw Error(Peek, $"positional argument after a named one in {t.Text}()");
                        else args.Add(Expression());
                    }
                    while (IsSymbol(","));
                }
                if (!IsSymbol(")"))
                    throw Error(Peek, Peek.Kind == Kind.End ? $"expected ')' closing {t.Text}( opened at position {t.Position}" : $"expected ',' or ')' in {t.Text}()");
                _next++;
                return new CallNode(t.Text, args, named, t.Position);
            case Kind.Symbol when t.Text == "(":
                _next++;
                if (IsSymbol(")")) throw Error(Peek, "expected an expression inside the parentheses");
                var inner = Expression();
                if (!IsSymbol(")"))
                    throw Error(Peek, Peek.Kind == Kind.End ? $"expected ')' closing the '(' at position {t.Position}" : "expected ')'");
                _next++;
                return new ParenNode(inner, t.Position);
            case Kind.End:
                throw Error(t, "expected a term, but the formula ends here");
            default:
                throw Error(t, $"expected a variable, number or function, found '{t.Text}'");
        }
    }

    private List<Token> Tokenise(string s)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            int start = i;
            if (char.IsLetter(c) || c is '_' || (c is '.' && !(i + 1 < s.Length && char.IsDigit(s[i + 1]))))
            {
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] is '_' or '.')) i++;
                tokens.Add(new Token(Kind.Name, s[start..i], start + 1));
            }
            else if (char.IsDigit(c) || c is '.')
            {
                while (i < s.Length && (char.IsDigit(s[i]) || s[i] is '.')) i++;
                if (i < s.Length && s[i] is 'e' or 'E' && i + 1 < s.Length && (char.IsDigit(s[i + 1]) || (s[i + 1] is '+' or '-' && i + 2 < s.Length && char.IsDigit(s[i + 2]))))
                {
                    i += 2;
                    while (i < s.Length && char.IsDigit(s[i])) i++;
                }
                var text = s[start..i];
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    throw ErrorAt(start + 1, s, $"\"{text}\" is not a number");
                tokens.Add(new Token(Kind.Number, text, start + 1));
            }
            else if (c is '"' or '\'')
            {
                int close = s.IndexOf(c, i + 1);
                if (close < 0) throw ErrorAt(start + 1, s, $"expected a closing {c} for the text that starts here");
                tokens.Add(new Token(Kind.String, s[(i + 1)..close], start + 1));
                i = close + 1;
            }
            else if ("~|+-*/^:()[],=".Contains(c))
            {
                tokens.Add(new Token(Kind.Symbol, c.ToString(), start + 1));
                i++;
            }
            else if (c is '#')
                throw ErrorAt(start + 1, s, "'#' is Stata's interaction; write a:b (interaction only) or a*b (main effects and interaction), or i(f, x) for factor-specific slopes");
            else
                throw ErrorAt(start + 1, s, $"unexpected character '{c}'");
        }
        tokens.Add(new Token(Kind.End, "", s.Length + 1));
        return tokens;
    }

    private SpecificationException ErrorAt(int position, string s, string problem) =>
        new($"{Context}: {problem} (at position {position}, \"{(s.Length - position + 1 > 12 ? s[(position - 1)..(position + 11)] + "…" : s[(position - 1)..])}\").");
}
