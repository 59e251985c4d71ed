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
/// data file is never overwritten (nothing the user gave is modified on disk).
/// </summary>
internal static class OutputFiles
{
    public static void WriteText(CommonSettings settings, string path, string content) =>
        Write(settings, path, p => File.WriteAllText(p, content));

    public static void Write(CommonSettings settings, string path, Action<string> write)
    {
        var full = Path.GetFullPath(path);
        if (settings.DataPath.Length > 0 && SamePath(full, settings.DataPath))
            throw new EconometricsException($"--out {path} is the input data file; choose another path so the input is not overwritten.");
        try
        {
            var dir = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            write(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EconometricsException($"Cannot write {path}: {e.Message}", e);
        }
    }

    /// <summary>True when two paths name the same file (after resolving relative parts).</summary>
    public static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);

    /// <summary>Creates (if needed) and returns the full path of an output directory.</summary>
    public static string EnsureDirectory(string path)
    {
        try
        {
            if (File.Exists(path))
                throw new EconometricsException($"--out {path} is a file; replicate needs a directory to write its tables and figures into.");
            return Directory.CreateDirectory(path).FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EconometricsException($"Cannot create the output directory {path}: {e.Message}", e);
        }
    }
}
