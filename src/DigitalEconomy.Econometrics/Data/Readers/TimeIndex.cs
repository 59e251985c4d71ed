using System.Globalization;
using System.Text.RegularExpressions;

namespace DigitalEconomy.Econometrics.Data.Readers;

/// <summary>
/// Turns the time-key cells of a file into a time factor with a chronological order and a calendar step:
/// <list type="bullet">
/// <item>numbers: one period per value, so <c>2008</c> and <c>2008.0</c> are the same year (labelled 2008);</item>
/// <item>dates <c>2019-01-31</c> (or <c>2019/01/31</c>): monthly periods when every date is a month end or all
/// share one day of the month (what yearbooks and Stata's monthly dates look like), daily otherwise;</item>
/// <item>months <c>2019-1</c>, <c>2019-01</c>, <c>2019m1</c>, <c>2019M01</c> (labelled 2019-01);</item>
/// <item>quarters <c>2019Q1</c>, <c>2019q1</c>, <c>2019-Q1</c> (labelled 2019Q1).</item>
/// </list>
/// Lags then look one calendar unit back (one month for monthly data), like Stata's <c>tsset</c> with a
/// formatted time variable. Any other text is refused unless the caller declares the periods ordinal, in
/// which case they are ordered as sorted text and one step is one rank.
/// </summary>
internal static partial class TimeIndex
{
    private enum Kind { Number, Date, Month, Quarter, Other }

    /// <summary>Builds the time factor of <paramref name="labels"/> (one per row, already trimmed).</summary>
    /// <param name="labels">The time cell of every row.</param>
    /// <param name="declaredOrdinal">Text periods that are none of the recognised forms are accepted, in text order.</param>
    /// <param name="source">File name for messages.</param>
    /// <param name="column">Time column name for messages.</param>
    /// <param name="lineOf">Physical line of a row for messages (null: row number).</param>
    public static Factor Parse(IReadOnlyList<string> labels, bool declaredOrdinal, string source, string column, Func<int, int>? lineOf = null)
    {
        // Declared ordinal: the labels are taken as they are (numbers in numeric order, text in text order).
        if (declaredOrdinal) return Factor.FromStrings(labels);
        var distinct = new Dictionary<string, int>(StringComparer.Ordinal);
        var codes = new int[labels.Count];
        for (int r = 0; r < labels.Count; r++)
        {
            if (!distinct.TryGetValue(labels[r], out int id))
            {
                id = distinct.Count;
                distinct.Add(labels[r], id);
            }
            codes[r] = id;
        }
        return Parse(codes, distinct.Keys.ToArray(), false, source, column, lineOf);
    }

    /// <summary>
    /// <see cref="Parse(IReadOnlyList{string}, bool, string, string, Func{int, int}?)"/> on interned labels:
    /// <paramref name="codes"/> index <paramref name="raw"/>, the distinct labels in order of first appearance.
    /// The codes array is taken over (re-numbered in place).
    /// </summary>
    public static Factor Parse(int[] codes, string[] raw, bool declaredOrdinal, string source, string column, Func<int, int>? lineOf = null)
    {
        if (declaredOrdinal) return Factor.FromInterned(codes, raw);
        // Row of each label's first appearance, for messages only.
        var firstRow = new int[raw.Length];
        Array.Fill(firstRow, -1);
        for (int r = 0, found = 0; r < codes.Length && found < raw.Length; r++)
            if (firstRow[codes[r]] < 0) { firstRow[codes[r]] = r; found++; }

        var kinds = new Kind[raw.Length];
        for (int i = 0; i < raw.Length; i++) kinds[i] = Classify(raw[i]);
        var kind = kinds.Length == 0 ? Kind.Number : kinds[0];
        int odd = Array.FindIndex(kinds, k => k != kind);
        if (kind == Kind.Other || odd >= 0)
        {
            int bad = kind == Kind.Other ? 0 : odd;
            int line = lineOf is null ? firstRow[bad] + 1 : lineOf(firstRow[bad]);
            string what = kinds[bad] == Kind.Other
                ? $"\"{raw[bad]}\" is not a year, a date (2019-01-31), a month (2019-01, 2019m1) or a quarter (2019Q1)"
                : $"\"{raw[bad]}\" is a {Describe(kinds[bad])} but \"{raw[0]}\" is a {Describe(kind)}; every period must be written the same way";
            throw new DataFormatException(source, line, column,
                $"{what}. To use text periods as ordered labels (sorted as text, one step per label), declare the time key ordinal (CLI: --time-ordinal; library: OrdinalTime = true).");
        }

        // Canonical label and ordinal per distinct raw label.
        var canonical = new string[raw.Length];
        var ordinal = new long[raw.Length];
        var numbers = new double[raw.Length];
        switch (kind)
        {
            case Kind.Number:
                for (int i = 0; i < raw.Length; i++)
                {
                    numbers[i] = double.Parse(raw[i], NumberStyles.Float, CultureInfo.InvariantCulture);
                    canonical[i] = numbers[i] == Math.Floor(numbers[i]) && Math.Abs(numbers[i]) < 1e15
                        ? ((long)numbers[i]).ToString(CultureInfo.InvariantCulture)
                        : numbers[i].ToString("R", CultureInfo.InvariantCulture);
                }
                if (canonical.SequenceEqual(raw, StringComparer.Ordinal)) return Factor.FromInterned(codes, raw);
                return Remap(codes, canonical);
            case Kind.Date:
                var dates = raw.Select(l => ParseDate(l, source, column)).ToArray();
                bool monthly = dates.All(d => d.Day == DateTime.DaysInMonth(d.Year, d.Month)) || dates.Select(d => d.Day).Distinct().Count() == 1;
                // A panel of dates on one day of the month (or month ends) is monthly: 31 January and 28 February
                // are one month apart, not 28 days.
                if (monthly && dates.Select(d => (d.Year, d.Month)).Distinct().Count() != dates.Length) monthly = false;
                for (int i = 0; i < raw.Length; i++)
                {
                    canonical[i] = dates[i].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    ordinal[i] = monthly ? dates[i].Year * 12L + dates[i].Month - 1 : dates[i].DayNumber;
                }
                break;
            case Kind.Month:
                for (int i = 0; i < raw.Length; i++)
                {
                    var (year, month) = ParsePeriod(raw[i], MonthPattern(), 12, raw[i], source, column);
                    canonical[i] = $"{year:D4}-{month:D2}";
                    ordinal[i] = year * 12L + month - 1;
                }
                break;
            case Kind.Quarter:
                for (int i = 0; i < raw.Length; i++)
                {
                    var (year, quarter) = ParsePeriod(raw[i], QuarterPattern(), 4, raw[i], source, column);
                    canonical[i] = $"{year:D4}Q{quarter}";
                    ordinal[i] = year * 4L + quarter - 1;
                }
                break;
        }
        return Calendar(codes, canonical, ordinal);
    }

    private static string Describe(Kind kind) => kind switch
    {
        Kind.Number => "number",
        Kind.Date => "date",
        Kind.Month => "month",
        Kind.Quarter => "quarter",
        _ => "text label",
    };

    private static Kind Classify(string label)
    {
        if (double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return Kind.Number;
        if (DatePattern().IsMatch(label)) return Kind.Date;
        if (MonthPattern().IsMatch(label)) return Kind.Month;
        if (QuarterPattern().IsMatch(label)) return Kind.Quarter;
        return Kind.Other;
    }

    private static DateOnly ParseDate(string label, string source, string column)
    {
        var m = DatePattern().Match(label);
        int y = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        int mo = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        int d = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        if (mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo))
            throw new DataFormatException(source, 0, column, $"\"{label}\" is not a valid date (year-month-day).");
        return new DateOnly(y, mo, d);
    }

    private static (int Year, int Sub) ParsePeriod(string label, Regex pattern, int perYear, string raw, string source, string column)
    {
        var m = pattern.Match(label);
        int year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        int sub = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        if (sub < 1 || sub > perYear)
            throw new DataFormatException(source, 0, column, $"\"{raw}\" has {(perYear == 12 ? "month" : "quarter")} {sub}; expected 1–{perYear}.");
        return (year, sub);
    }

    /// <summary>Numbers: merge labels that denote the same value, keep the numeric ordering.</summary>
    private static Factor Remap(int[] codes, string[] canonical)
    {
        var merged = new Dictionary<string, int>(StringComparer.Ordinal);
        var map = new int[canonical.Length];
        for (int i = 0; i < canonical.Length; i++)
        {
            if (!merged.TryGetValue(canonical[i], out int id))
            {
                id = merged.Count;
                merged.Add(canonical[i], id);
            }
            map[i] = id;
        }
        Factor.Renumber(codes, map);
        return Factor.FromInterned(codes, merged.Keys.ToArray());
    }

    private static Factor Calendar(int[] codes, string[] canonical, long[] ordinal)
    {
        // Distinct canonical periods in chronological order.
        var byOrdinal = new SortedDictionary<long, string>();
        for (int i = 0; i < canonical.Length; i++)
        {
            if (byOrdinal.TryGetValue(ordinal[i], out var existing) && existing != canonical[i])
                // Two different dates in one month of a monthly axis cannot happen (checked above); keep the first.
                continue;
            byOrdinal[ordinal[i]] = canonical[i];
        }
        var ordinals = byOrdinal.Keys.ToArray();
        var levels = byOrdinal.Values.ToArray();
        var codeOfOrdinal = new Dictionary<long, int>(ordinals.Length);
        for (int c = 0; c < ordinals.Length; c++) codeOfOrdinal[ordinals[c]] = c;
        var map = new int[canonical.Length];
        for (int i = 0; i < canonical.Length; i++) map[i] = codeOfOrdinal[ordinal[i]];
        Factor.Renumber(codes, map);
        return Factor.FromCalendar(codes, levels, ordinals);
    }

    [GeneratedRegex(@"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(\d{4})(?:[-/]|[-]?[mM])(\d{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^(\d{4})[-\s]?[qQ]([1-4])$", RegexOptions.CultureInvariant)]
    private static partial Regex QuarterPattern();
}
