using System.Text;

namespace DigitalEconomy.Econometrics.Reporting;

/// <summary>How a LaTeX table deals with its width.</summary>
public enum LatexWidth
{
    /// <summary>The tabular at its natural width (needs only <c>booktabs</c>).</summary>
    Natural,
    /// <summary>
    /// Shrinks the tabular to <c>\linewidth</c> when, and only when, it is wider (<c>\resizebox</c>; the document
    /// must load <c>graphicx</c>, which every LaTeX installation has). Narrower tables keep their natural size.
    /// </summary>
    ShrinkToTextWidth,
}

/// <summary>
/// Text to LaTeX that compiles under pdflatex with the standard OT1/T1 text fonts: specials escaped, minus signs,
/// Greek letters and mathematical symbols in math mode, significance stars as superscripts, and characters the
/// 8-bit engine cannot typeset (CJK and other scripts) wrapped in <c>\DEunicode{…}</c>, which prints them under
/// xelatex/lualatex and a placeholder under pdflatex instead of stopping the run.
/// </summary>
internal static class LatexText
{
    /// <summary>Defines <c>\DEunicode</c> (once per document: <c>\providecommand</c>); emitted by tables that use it.</summary>
    public const string UnicodeMacro =
        "\\providecommand{\\DEunicode}[1]{\\ifdefined\\XeTeXrevision#1\\else\\ifdefined\\directlua#1\\else[?]\\fi\\fi}";

    private static readonly Dictionary<char, string> Math = new()
    {
        ['−'] = "-", ['×'] = "\\times", ['÷'] = "\\div", ['±'] = "\\pm", ['·'] = "\\cdot", ['∙'] = "\\cdot",
        ['≥'] = "\\geq", ['≤'] = "\\leq", ['≠'] = "\\neq", ['≈'] = "\\approx", ['∞'] = "\\infty", ['→'] = "\\rightarrow",
        ['←'] = "\\leftarrow", ['↔'] = "\\leftrightarrow", ['∑'] = "\\sum", ['∏'] = "\\prod", ['∂'] = "\\partial",
        ['∈'] = "\\in", ['√'] = "\\surd", ['°'] = "^{\\circ}", ['′'] = "'", ['<'] = "<", ['>'] = ">", ['|'] = "|",
        ['¹'] = "^{1}", ['²'] = "^{2}", ['³'] = "^{3}", ['⁰'] = "^{0}", ['⁴'] = "^{4}", ['₀'] = "_{0}", ['₁'] = "_{1}",
        ['₂'] = "_{2}", ['₃'] = "_{3}", ['ˆ'] = "\\hat{}",
        ['α'] = "\\alpha", ['β'] = "\\beta", ['γ'] = "\\gamma", ['δ'] = "\\delta", ['ε'] = "\\varepsilon",
        ['ϵ'] = "\\epsilon", ['ζ'] = "\\zeta", ['η'] = "\\eta", ['θ'] = "\\theta", ['ι'] = "\\iota", ['κ'] = "\\kappa",
        ['λ'] = "\\lambda", ['μ'] = "\\mu", ['µ'] = "\\mu", ['ν'] = "\\nu", ['ξ'] = "\\xi", ['π'] = "\\pi",
        ['ρ'] = "\\rho", ['σ'] = "\\sigma", ['ς'] = "\\varsigma", ['τ'] = "\\tau", ['υ'] = "\\upsilon",
        ['φ'] = "\\phi", ['ϕ'] = "\\phi", ['χ'] = "\\chi", ['ψ'] = "\\psi", ['ω'] = "\\omega",
        ['Γ'] = "\\Gamma", ['Δ'] = "\\Delta", ['Θ'] = "\\Theta", ['Λ'] = "\\Lambda", ['Ξ'] = "\\Xi", ['Π'] = "\\Pi",
        ['Σ'] = "\\Sigma", ['Υ'] = "\\Upsilon", ['Φ'] = "\\Phi", ['Ψ'] = "\\Psi", ['Ω'] = "\\Omega",
    };

    private static readonly Dictionary<char, string> Text = new()
    {
        ['\\'] = "\\textbackslash{}", ['&'] = "\\&", ['%'] = "\\%", ['$'] = "\\$", ['#'] = "\\#", ['_'] = "\\_",
        ['{'] = "\\{", ['}'] = "\\}", ['~'] = "\\textasciitilde{}", ['^'] = "\\textasciicircum{}",
        ['–'] = "--", ['—'] = "---", ['‘'] = "`", ['’'] = "'", ['“'] = "``", ['”'] = "''", ['…'] = "\\ldots{}",
        ['\u00A0'] = "~", ['"'] = "''", ['§'] = "\\S{}", ['¶'] = "\\P{}", ['†'] = "\\dag{}", ['‡'] = "\\ddag{}",
        ['‰'] = "\\textperthousand{}", ['□'] = "\\fbox{}",
    };

    /// <summary>True when <paramref name="s"/> has characters only a Unicode engine typesets.</summary>
    public static bool NeedsUnicodeEngine(string s) => s.Any(c => Classify(c) == Kind.Unicode);

    /// <summary>LaTeX for the plain text <paramref name="s"/>; trailing stars (1–3) become a superscript.</summary>
    public static string Escape(string s)
    {
        int stars = 0;
        while (stars < s.Length && stars < 4 && s[s.Length - 1 - stars] == '*') stars++;
        bool superscriptStars = stars is > 0 and <= 3 && stars < s.Length;
        var body = superscriptStars ? s[..^stars] : s;

        var w = new Writer();
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            switch (Classify(c))
            {
                case Kind.Ascii:
                    if (c == '-' && IsNumberMinus(body, i)) w.Math("-");
                    else if (Math.TryGetValue(c, out var m)) w.Math(m);
                    else if (Text.TryGetValue(c, out var t)) w.Text(t);
                    else w.Text(c.ToString());
                    break;
                case Kind.Mapped:
                    if (Math.TryGetValue(c, out var mm)) w.Math(mm);
                    else w.Text(Text[c]);
                    break;
                case Kind.Latin:
                    w.Text(c.ToString());
                    break;
                default:
                    int start = i;
                    // A run of characters for a Unicode engine, with the spaces and punctuation between them.
                    while (i + 1 < body.Length && (Classify(body[i + 1]) == Kind.Unicode ||
                           (body[i + 1] == ' ' && i + 2 < body.Length && Classify(body[i + 2]) == Kind.Unicode)))
                        i++;
                    w.Text("\\DEunicode{" + body[start..(i + 1)] + "}");
                    break;
            }
        }
        if (superscriptStars) w.Math("^{" + new string('*', stars) + "}");
        var result = w.ToString();
        // "\\" followed by "*" or "[" would be read as \\* or \\[length]: a cell must never start with either.
        return result.Length > 0 && (result[0] == '*' || result[0] == '[') ? "{}" + result : result;
    }

    /// <summary>True when the hyphen at <paramref name="i"/> is the sign of a number ("-0.12", "(-3", not "a-b"); shared with the Word renderer.</summary>
    internal static bool IsNumberMinus(string s, int i) =>
        i + 1 < s.Length && (char.IsAsciiDigit(s[i + 1]) || (s[i + 1] == '.' && i + 2 < s.Length && char.IsAsciiDigit(s[i + 2])))
        && (i == 0 || !char.IsAsciiLetterOrDigit(s[i - 1]));

    private enum Kind { Ascii, Mapped, Latin, Unicode }

    private static Kind Classify(char c)
    {
        if (c < 0x80) return Kind.Ascii;
        if (Math.ContainsKey(c) || Text.ContainsKey(c)) return Kind.Mapped;
        // Latin-1 and Latin Extended-A letters: LaTeX's default UTF-8 input maps them to accented glyphs.
        if (c is >= '\u00C0' and <= '\u017F' && c != '×' && c != '÷') return Kind.Latin;
        return Kind.Unicode;
    }

    /// <summary>Appends text and math pieces, merging adjacent math so "$-$$\gamma$" (display math!) never occurs.</summary>
    private sealed class Writer
    {
        private readonly StringBuilder _sb = new();
        private bool _inMath;

        public void Math(string m)
        {
            // Every math piece starts with "\\", "^", "_" or a symbol, so appending never fuses two command names.
            if (!_inMath) _sb.Append('$');
            _inMath = true;
            _sb.Append(m);
        }

        public void Text(string t)
        {
            if (_inMath) _sb.Append('$');
            _inMath = false;
            _sb.Append(t);
        }

        public override string ToString()
        {
            var s = _sb.ToString();
            return _inMath ? s + "$" : s;
        }
    }
}
