using System.Globalization;
using System.Text;

namespace DigitalEconomy.Econometrics.Reporting;

/// <summary>
/// Terminal columns a string occupies: East Asian wide and fullwidth characters (Unicode UAX #11: CJK ideographs,
/// kana, Hangul, fullwidth forms) take two, combining marks none, everything else one — so text tables with
/// Chinese labels stay aligned in a terminal.
/// </summary>
internal static class DisplayWidth
{
    public static int Of(string s)
    {
        int width = 0;
        foreach (var rune in s.EnumerateRunes()) width += Of(rune);
        return width;
    }

    /// <summary>True when <paramref name="s"/> has a wide (CJK) character.</summary>
    public static bool HasWide(string s)
    {
        foreach (var rune in s.EnumerateRunes())
            if (Of(rune) == 2) return true;
        return false;
    }

    private static int Of(Rune r)
    {
        var category = Rune.GetUnicodeCategory(r);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format) return 0;
        int v = r.Value;
        bool wide = v is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0x303E or >= 0x3041 and <= 0x33FF
            or >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF or >= 0xA000 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3
            or >= 0xF900 and <= 0xFAFF or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6
            or >= 0x1F300 and <= 0x1F64F or >= 0x20000 and <= 0x3FFFD;
        return wide ? 2 : 1;
    }
}
