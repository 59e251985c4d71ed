namespace DigitalEconomy.Econometrics.Plotting;

/// <summary>
/// Which installed font draws a figure's text. Latin text uses a clean sans-serif (DejaVu Sans, Liberation Sans,
/// Arial, …); text with CJK characters uses the first installed CJK family (Noto Sans CJK SC, Source Han Sans SC,
/// WenQuanYi Micro Hei / Zen Hei, Microsoft YaHei, PingFang SC, SimHei, …), which also covers Latin letters — so
/// Chinese titles, axis labels, legend entries and tick labels are drawn as glyphs instead of empty boxes.
/// On Debian/Ubuntu install <c>fonts-noto-cjk</c> or <c>fonts-wqy-microhei</c>.
/// </summary>
public static class FigureFonts
{
    private static readonly string[] CjkFamilies =
    [
        "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
        "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "SimHei", "Noto Sans CJK TC", "Noto Sans CJK JP", "Noto Serif CJK SC",
    ];

    private static readonly Lazy<string?> Cjk = new(() => FigureStyle.FindFont(CjkFamilies));

    /// <summary>The installed CJK family used for Chinese text, or null when none is installed.</summary>
    public static string? CjkFamily => Cjk.Value;

    /// <summary>True when <paramref name="text"/> has CJK ideographs, kana, Hangul or fullwidth forms.</summary>
    public static bool HasCjk(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var r in text.EnumerateRunes())
            if (r.Value is >= 0x2E80 and <= 0x9FFF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF or >= 0xFF00 and <= 0xFFEF or >= 0x20000 and <= 0x3FFFD)
                return true;
        return false;
    }

    /// <summary>
    /// The family for a figure whose texts are <paramref name="text"/>: <paramref name="requested"/> when given,
    /// else the CJK family when the text needs one and one is installed, else the sans-serif default (null when none is found).
    /// </summary>
    public static string? Resolve(string text, string? requested = null)
    {
        if (!string.IsNullOrWhiteSpace(requested)) return requested;
        return HasCjk(text) && CjkFamily is { } cjk ? cjk : FigureStyle.Sans;
    }
}
