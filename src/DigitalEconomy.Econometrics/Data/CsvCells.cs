namespace DigitalEconomy.Econometrics.Data;

/// <summary>
/// Protection against CSV (formula) injection for every CSV the library writes: a text cell that starts with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return would be run as a formula by Excel or
/// LibreOffice when the file is opened (e.g. <c>=HYPERLINK(...)</c>), so it is written with a leading
/// apostrophe, which spreadsheets show as "this cell is text" (OWASP, "CSV Injection").
/// </summary>
/// <remarks>
/// A cell that is a plain number (<c>-0.25</c>, <c>+3</c>, <c>-1.2e-5</c>), possibly followed by
/// significance stars or a percent sign as in regression tables (<c>-0.123***</c>), is not a formula and is
/// left as it is; anything else after a leading sign (<c>-2+3+cmd|' /C calc'!A0</c>) is escaped.
/// </remarks>
internal static class CsvCells
{
    /// <summary>The cell, prefixed with an apostrophe when a spreadsheet would read it as a formula.</summary>
    public static string Escape(string cell)
    {
        if (cell.Length == 0) return cell;
        char first = cell[0];
        if (first is '=' or '@' or '\t' or '\r') return "'" + cell;
        if (first is '+' or '-') return IsNumber(cell) ? cell : "'" + cell;
        return cell;
    }

    /// <summary>Undoes <see cref="Escape"/> when reading: "'=x" → "=x"; any other cell is returned as it is.</summary>
    public static string Unescape(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && Escape(cell[1..]).Length == cell.Length ? cell[1..] : cell;

    private static bool IsNumber(string cell)
    {
        var body = cell.AsSpan().TrimEnd('*').TrimEnd('%');
        return body.Length > 1 && double.TryParse(body, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
    }
}
