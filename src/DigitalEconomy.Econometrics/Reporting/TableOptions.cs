using System.Globalization;

namespace DigitalEconomy.Econometrics.Reporting;

/// <summary>What a coefficient table prints below each estimate (esttab's <c>se</c>, <c>t</c>, <c>p</c>, <c>ci</c>).</summary>
public enum CellStatistic
{
    /// <summary>Standard error in parentheses, "(0.045)".</summary>
    StdError,
    /// <summary>t (or z) statistic in brackets, "[2.73]".</summary>
    TStatistic,
    /// <summary>p-value in parentheses, "(0.006)".</summary>
    PValue,
    /// <summary>Confidence interval of the model's level in brackets, "[0.035, 0.211]".</summary>
    ConfidenceInterval,
    /// <summary>Nothing: estimates only.</summary>
    None,
}

/// <summary>
/// Significance stars: a star string for each p-value threshold, e.g. "*" for p &lt; 0.1, "**" for p &lt; 0.05,
/// "***" for p &lt; 0.01 (the default, as esttab and fixest's etable with <c>signif.code</c>).
/// </summary>
public sealed class SignificanceStars
{
    private readonly double[] _thresholds;
    private readonly string[] _symbols;

    /// <summary>Stars with the given thresholds and symbols (same length; any order, matched by threshold).</summary>
    /// <exception cref="ArgumentException">Lengths differ, or a threshold is not in (0, 1).</exception>
    public SignificanceStars(IReadOnlyList<double> thresholds, IReadOnlyList<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(symbols);
        if (thresholds.Count != symbols.Count)
            throw new ArgumentException($"{thresholds.Count} star thresholds but {symbols.Count} symbols.", nameof(symbols));
        foreach (var t in thresholds)
            if (!(t > 0 && t < 1)) throw new ArgumentException($"Star threshold {t.ToString(CultureInfo.InvariantCulture)} is not in (0, 1).", nameof(thresholds));
        var order = Enumerable.Range(0, thresholds.Count).OrderByDescending(i => thresholds[i]).ToArray();
        _thresholds = order.Select(i => thresholds[i]).ToArray();
        _symbols = order.Select(i => symbols[i]).ToArray();
    }

    /// <summary>Thresholds from the largest to the smallest, with one more star at each, e.g. (0.1, 0.05, 0.01) → *, **, ***.</summary>
    public static SignificanceStars Of(params double[] thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var sorted = thresholds.OrderByDescending(t => t).ToArray();
        return new SignificanceStars(sorted, sorted.Select((_, i) => new string('*', i + 1)).ToArray());
    }

    /// <summary>* p &lt; 0.1, ** p &lt; 0.05, *** p &lt; 0.01.</summary>
    public static SignificanceStars Default { get; } = Of(0.1, 0.05, 0.01);

    /// <summary>No stars (and no legend).</summary>
    public static SignificanceStars None { get; } = new([], []);

    /// <summary>Thresholds from the largest to the smallest.</summary>
    public IReadOnlyList<double> Thresholds => _thresholds;

    /// <summary>The symbol for <paramref name="pValue"/>: that of the smallest threshold it is below, or "".</summary>
    public string For(double pValue)
    {
        string s = "";
        for (int i = 0; i < _thresholds.Length; i++)
            if (pValue < _thresholds[i]) s = _symbols[i];
        return s;
    }

    /// <summary>The legend, e.g. "* p &lt; 0.1, ** p &lt; 0.05, *** p &lt; 0.01" ("" without stars).</summary>
    public string Legend => string.Join(", ", _thresholds.Select((t, i) => _symbols[i] + " p < " + t.ToString("0.####", CultureInfo.InvariantCulture)));
}
