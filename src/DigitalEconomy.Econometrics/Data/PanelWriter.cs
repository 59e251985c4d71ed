namespace DigitalEconomy.Econometrics.Data;

/// <summary>
/// Writes a panel in the format its file name asks for: <c>.dta</c> → Stata format 118 (<see cref="StataDta"/>),
/// <c>.parquet</c> → Parquet (<see cref="PanelParquet"/>), anything else → UTF-8 CSV (<see cref="PanelCsv"/>).
/// Every writer goes through a temporary file, so a failure never leaves a half-written file.
/// </summary>
public static class PanelWriter
{
    /// <summary>Writes <paramref name="panel"/> to <paramref name="path"/>, choosing the format from the extension.</summary>
    /// <param name="panel">The panel.</param>
    /// <param name="path">Output file.</param>
    /// <param name="variableLabels">Variable labels written into a .dta file (ignored by the other formats).</param>
    public static void Write(PanelData panel, string path, IReadOnlyDictionary<string, string>? variableLabels = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(path);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".dta":
                StataDta.Write(panel, path, new StataWriteOptions { VariableLabels = variableLabels });
                break;
            case ".parquet":
                PanelParquet.Write(panel, path);
                break;
            case ".xlsx" or ".xls":
                throw new EconometricsException($"{Path.GetFileName(path)}: writing Excel workbooks is not supported; write .csv (Excel opens it), .dta or .parquet.");
            default:
                PanelCsv.Write(panel, path);
                break;
        }
    }
}
