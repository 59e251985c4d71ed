using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Reporting;

namespace DigitalEconomy.Cli.Infrastructure;

/// <summary>
/// Emits a command's result in the chosen format: the JSON document, or the tables rendered by the
/// Reporting renderers, to stdout or to --out. Renders lazily so JSON runs never build tables.
/// </summary>
internal static class ResultWriter
{
    public static void Emit(CliConsole console, CommonSettings settings, Func<IReadOnlyList<Table>> tables, Func<object> json)
    {
        var text = settings.Format == OutputFormat.Json
            ? CliJson.Serialize(json())
            : string.Join(Environment.NewLine + Environment.NewLine, tables().Select(t => t.Render(settings.TableFormat).TrimEnd()));
        if (settings.Out is null)
        {
            console.Out.WriteLine(text);
            return;
        }
        OutputFiles.WriteText(settings, settings.Out, text + Environment.NewLine);
        console.Note($"Wrote {Path.GetFullPath(settings.Out)}");
    }
}

/// <summary>
/// File output with user-error semantics: an unwritable path is the user's mistake (exit 2), and the input
/// data file is never overwritten (nothing the user gave is modified on disk) — whether the output
/// names it directly, through a symbolic link or as a hard link (see <see cref="FileIdentity"/>).
/// </summary>
internal static class OutputFiles
{
    public static void WriteText(CommonSettings settings, string path, string content) =>
        Write(settings, path, p => File.WriteAllText(p, content));

    public static void Write(CommonSettings settings, string path, Action<string> write)
    {
        var full = CheckTarget(settings, path, "--out");
        try
        {
            var dir = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            write(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException($"cannot write {path}: {e.Message}", e);
        }
        catch (EconometricsException e) when (e.InnerException is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException(e.Message, e);
        }
    }

    /// <summary>
    /// Checks an output file path before anything is written: not empty, not a directory, and not the input
    /// (by file identity). Returns the full path.
    /// </summary>
    public static string CheckTarget(CommonSettings settings, string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new SpecificationException($"{option} is empty; expected a file path.");
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new SpecificationException($"{option} \"{path}\" is not a valid path ({e.Message}).");
        }
        if (Directory.Exists(full))
            throw new SpecificationException($"{option} {path} is a directory; expected a file path.");
        foreach (var input in settings.Inputs)
            if (SamePath(full, input))
                throw new SpecificationException($"{option} {path} is the input file {input}{(PathsEqual(full, input) ? "" : " (through a link)")}; choose another path so the input is not overwritten.");
        return full;
    }

    /// <summary>True when two paths name the same file: same path, or the same file through symbolic or hard links.</summary>
    public static bool SamePath(string a, string b) => PathsEqual(a, b) || FileIdentity.Same(a, b);

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A result could not be written (disk full, read-only folder, …): a user-facing error (exit 2) that a
/// replication step must not mistake for "this step does not apply to the data".
/// </summary>
internal sealed class OutputWriteException(string message, Exception inner) : EconometricsException(message, inner);
