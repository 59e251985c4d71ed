namespace DigitalEconomy.Econometrics;

/// <summary>
/// A mistake in what the user supplied (data, column names, model specification). Front ends print
/// <see cref="Exception.Message"/> as one line and exit with a user-error code; any other exception type
/// signals a bug in the library.
/// </summary>
public class EconometricsException : Exception
{
    /// <summary>Creates a user-error exception with a message that says what was expected.</summary>
    public EconometricsException(string message) : base(message) { }

    /// <summary>Creates a user-error exception that wraps the low-level cause.</summary>
    public EconometricsException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// Bad content in an input file. The message reads <c>file:line, column 'name': what was wrong</c>,
/// e.g. <c>city_panel.csv:118, column 'fdi': "1,2e" is not a number</c>.
/// </summary>
public sealed class DataFormatException : EconometricsException
{
    /// <summary>Creates the exception and formats its one-line message.</summary>
    /// <param name="file">File name as the user gave it (or a description such as "input").</param>
    /// <param name="line">1-based physical line number, or 0 when the problem is not tied to one line.</param>
    /// <param name="column">Column name, or null when the problem concerns a whole row or the file.</param>
    /// <param name="problem">What was wrong and what was expected.</param>
    public DataFormatException(string file, int line, string? column, string problem)
        : base(Format(file, line, column, problem))
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file that holds the bad content.</summary>
    public string File { get; }

    /// <summary>1-based line number, 0 if not tied to a line.</summary>
    public int Line { get; }

    /// <summary>Column name, if the problem is in one column.</summary>
    public string? Column { get; }

    /// <summary>The problem without the location prefix.</summary>
    public string Problem { get; }

    private static string Format(string file, int line, string? column, string problem)
    {
        var where = line > 0 ? $"{file}:{line}" : file;
        return column is null ? $"{where}: {problem}" : $"{where}, column '{column}': {problem}";
    }
}

/// <summary>
/// A model or transformation that cannot be computed as specified: unknown column, too few clusters, a
/// singular design, an empty threshold regime, a non-positive value under a logarithm, and so on.
/// </summary>
public sealed class SpecificationException : EconometricsException
{
    /// <summary>Creates the exception with a message that says what is wrong and how to fix it.</summary>
    public SpecificationException(string message) : base(message) { }
}
