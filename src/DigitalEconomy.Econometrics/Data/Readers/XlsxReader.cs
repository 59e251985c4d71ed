using System.Globalization;
using MiniExcelLibs;

namespace DigitalEconomy.Econometrics.Data.Readers;

/// <summary>
/// Excel .xlsx workbooks (through MiniExcel): the first row of the chosen sheet names the columns; a column is
/// numeric when its cells are numbers or missing (empty, or a missing token such as NA), text when none is a
/// number, and an error naming the cell when numbers and other text are mixed. Dates become ISO text.
/// </summary>
internal static class XlsxReader
{
    private static readonly HashSet<string> DefaultMissing = new(StringComparer.Ordinal) { "", "NA", ".", "NaN" };

    public static IReadOnlyList<RawColumn> Read(string path, PanelReadOptions options, out Func<int, int> rowNumber)
    {
        var name = Path.GetFileName(path);
        var missing = options.MissingTokens ?? DefaultMissing;
        List<object?[]> rows;
        var spreadsheetRow = new List<int>();
        try
        {
            using var stream = FileFormat.Open(path);
            var sheets = MiniExcel.GetSheetNames(stream);
            var sheet = ChooseSheet(name, sheets, options.Sheet);
            stream.Position = 0;
            rows = [];
            int index = 0;
            foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX))
            {
                index++;
                var cells = row.Values.ToArray();
                if (cells.All(c => c is null || (c is string s && s.Trim().Length == 0))) continue;
                rows.Add(cells);
                spreadsheetRow.Add(index);
            }
        }
        catch (Exception e) when (e is not EconometricsException and not OutOfMemoryException)
        {
            throw new DataFormatException(name, 0, null, $"not a readable .xlsx workbook ({e.GetType().Name}: {e.Message}).");
        }
        if (rows.Count == 0) throw new DataFormatException(name, 0, null, "the sheet is empty; expected a header row naming the columns.");
        var header = rows[0];
        int width = header.Length;
        while (width > 0 && header[width - 1] is null) width--;
        var names = new string[width];
        for (int j = 0; j < width; j++)
        {
            names[j] = Convert.ToString(header[j], CultureInfo.InvariantCulture)?.Trim() ?? "";
            if (names[j].Length == 0)
                throw new DataFormatException(name, spreadsheetRow[0], null, $"header cell {ColumnLetter(j)}{spreadsheetRow[0]} is empty; every column needs a name.");
        }
        int n = rows.Count - 1;
        var rowsOfData = spreadsheetRow.Skip(1).ToArray();
        rowNumber = r => rowsOfData[r];
        var text = new HashSet<string>(options.CategoricalColumns, StringComparer.Ordinal);
        var columns = new List<RawColumn>(width);
        for (int j = 0; j < width; j++)
        {
            var numbers = new double[n];
            var texts = new string[n];
            int firstText = -1, firstNumber = -1;
            for (int r = 0; r < n; r++)
            {
                var cell = j < rows[r + 1].Length ? rows[r + 1][j] : null;
                switch (cell)
                {
                    case null:
                        numbers[r] = double.NaN;
                        texts[r] = "";
                        break;
                    case DateTime d:
                        texts[r] = d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("s", CultureInfo.InvariantCulture);
                        numbers[r] = double.NaN;
                        if (firstText < 0) firstText = r;
                        break;
                    case bool b:
                        numbers[r] = b ? 1 : 0;
                        texts[r] = b ? "1" : "0";
                        if (firstNumber < 0) firstNumber = r;
                        break;
                    case string s:
                        var trimmed = s.Trim();
                        texts[r] = trimmed;
                        numbers[r] = double.NaN;
                        if (!missing.Contains(trimmed))
                        {
                            if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
                            {
                                numbers[r] = parsed;
                                if (firstNumber < 0) firstNumber = r;
                            }
                            else if (firstText < 0) firstText = r;
                        }
                        break;
                    case IConvertible c:
                        numbers[r] = c.ToDouble(CultureInfo.InvariantCulture);
                        texts[r] = ColumnTable.FormatNumber(numbers[r]);
                        if (firstNumber < 0) firstNumber = r;
                        break;
                    default:
                        texts[r] = Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "";
                        numbers[r] = double.NaN;
                        if (firstText < 0) firstText = r;
                        break;
                }
            }
            bool isText = text.Contains(names[j]) || firstNumber < 0 && firstText >= 0;
            if (!isText && firstText >= 0)
                throw new DataFormatException(name, rowsOfData[firstText], names[j],
                    $"cell {ColumnLetter(j)}{rowsOfData[firstText]} \"{texts[firstText]}\" is not a number, but the column holds numbers (e.g. {ColumnLetter(j)}{rowsOfData[firstNumber]}); " +
                    $"expected a number or a missing value ({string.Join(", ", missing.Select(t => t.Length == 0 ? "empty" : t))}); to read it as text, list it as a text column (--text-columns {names[j]}).");
            columns.Add(isText ? new RawColumn(names[j]) { Texts = texts } : new RawColumn(names[j]) { Numbers = numbers });
        }
        return columns;
    }

    private static string ChooseSheet(string file, IReadOnlyList<string> sheets, string? wanted)
    {
        if (sheets.Count == 0) throw new DataFormatException(file, 0, null, "the workbook has no worksheet.");
        if (wanted is null) return sheets[0];
        if (sheets.Contains(wanted)) return wanted;
        if (int.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k >= 1 && k <= sheets.Count) return sheets[k - 1];
        throw new EconometricsException($"{file}: no worksheet '{wanted}' (--sheet); the workbook has {string.Join(", ", sheets.Select(s => $"'{s}'"))}.");
    }

    private static string ColumnLetter(int j)
    {
        var s = "";
        for (j++; j > 0; j = (j - 1) / 26) s = (char)('A' + (j - 1) % 26) + s;
        return s;
    }
}
