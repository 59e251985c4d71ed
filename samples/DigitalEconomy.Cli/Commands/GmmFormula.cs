using System.Globalization;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Gmm;

namespace DigitalEconomy.Cli.Commands;

/// <summary>
/// The small option languages of <c>gmm</c>: the formula <c>y ~ l(y, 1:2) + l(x, 0:1) + z</c> (a term is a column or
/// <c>l(column, a:b)</c> / <c>l(column, k)</c> for lags a…b or k), <c>--gmm y:2:.</c> (variable, shallowest lag, deepest
/// lag or <c>.</c> for all) and <c>--iv x,l(w, 0:1)</c>. Kept in one file so a general formula module can replace it.
/// </summary>
internal static class GmmFormula
{
    /// <summary>Parses the formula into the dependent variable and the lagged regressors.</summary>
    public static (string Dependent, GmmRegressor[] Regressors) Parse(string formula)
    {
        var sides = formula.Split('~');
        if (sides.Length != 2 || sides[0].Trim().Length == 0 || sides[1].Trim().Length == 0)
            throw new SpecificationException($"--formula \"{formula}\" must read 'y ~ term + term', e.g. \"lemp ~ l(lemp, 1:2) + lcap\".");
        var regressors = Terms("--formula", sides[1]).ToArray();
        return (sides[0].Trim(), regressors);
    }

    /// <summary>Parses <c>--iv</c>: a comma- or plus-separated list of columns and <c>l(column, a:b)</c> terms.</summary>
    public static IvInstrument[] Iv(string value) =>
        Terms("--iv", value.Replace(',', '+')).SelectMany(t => t.LagList.Select(l => new IvInstrument(t.Variable, l))).ToArray();

    /// <summary>Parses <c>--gmm</c>: comma-separated <c>column:a:b</c> items, b a lag or <c>.</c> for all available.</summary>
    public static GmmInstrument[] Gmm(string value)
    {
        var result = new List<GmmInstrument>();
        foreach (var item in value.Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(':', StringSplitOptions.TrimEntries);
            if (parts.Length != 3 || parts[0].Length == 0 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int a)
                || (parts[2] != "." && !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                throw new SpecificationException($"--gmm \"{item}\" is not recognised; expected column:first:last with last a lag or '.', e.g. lemp:2:.");
            int? b = parts[2] == "." ? null : int.Parse(parts[2], CultureInfo.InvariantCulture);
            result.Add(new GmmInstrument(parts[0], a, b));
        }
        return result.ToArray();
    }

    private static IEnumerable<GmmRegressor> Terms(string option, string rhs)
    {
        foreach (var raw in SplitTopLevel(rhs))
        {
            var term = raw.Trim();
            if (term.Length == 0) throw new SpecificationException($"{option} has an empty term in \"{rhs.Trim()}\".");
            if (!term.StartsWith("l(", StringComparison.Ordinal) && !term.StartsWith("L(", StringComparison.Ordinal))
            {
                if (term.IndexOfAny(['(', ')', ',', ':']) >= 0)
                    throw new SpecificationException($"{option} term \"{term}\" is not recognised; expected a column or l(column, a:b).");
                yield return GmmRegressor.Current(term);
                continue;
            }
            if (!term.EndsWith(')'))
                throw new SpecificationException($"{option} term \"{term}\" is missing its closing parenthesis.");
            var inner = term[2..^1].Split(',', StringSplitOptions.TrimEntries);
            if (inner.Length != 2 || inner[0].Length == 0)
                throw new SpecificationException($"{option} term \"{term}\" must read l(column, a:b) or l(column, k).");
            var range = inner[1].Split(':', StringSplitOptions.TrimEntries);
            if (range.Length is < 1 or > 2 || !range.All(r => int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                throw new SpecificationException($"{option} term \"{term}\": the lags must be non-negative integers, a:b or k.");
            int from = int.Parse(range[0], CultureInfo.InvariantCulture);
            int to = range.Length == 2 ? int.Parse(range[1], CultureInfo.InvariantCulture) : from;
            if (to < from) throw new SpecificationException($"{option} term \"{term}\": the lag range {from}:{to} is decreasing.");
            yield return GmmRegressor.Lags(inner[0], from, to);
        }
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == '+' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }
}
