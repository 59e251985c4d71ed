using System.Diagnostics;
using System.Text;
using DigitalEconomy.Econometrics.Tests.Infrastructure;

namespace DigitalEconomy.Econometrics.Tests.Reporting;

/// <summary>
/// A fact that needs pdflatex (texlive-latex-base and texlive-latex-recommended, which CI installs). Without it the
/// test skips with the reason; under CI=true the reason says the installation in .ci/run failed, so the skip is never silent.
/// </summary>
public sealed class PdfLatexFactAttribute : FactAttribute
{
    /// <summary>Skips when pdflatex is not on the PATH.</summary>
    public PdfLatexFactAttribute()
    {
        if (PdfLatex.Executable is null)
            Skip = ReferenceData.IsCi
                ? "pdflatex not found although CI=true: the texlive installation in .ci/run failed (see its log); LaTeX compile check skipped."
                : "pdflatex not found (apt-get install texlive-latex-base texlive-latex-recommended); LaTeX compile check skipped.";
    }
}

/// <summary>Compiles LaTeX fragments with pdflatex in a minimal document (booktabs, graphicx).</summary>
public static class PdfLatex
{
    private static readonly Lazy<string?> Found = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "pdflatex")).FirstOrDefault(File.Exists));

    /// <summary>Full path of pdflatex, or null.</summary>
    public static string? Executable => Found.Value;

    /// <summary>The minimal document around the given table files (\input by name, in the same folder).</summary>
    public static string Document(IEnumerable<string> fragments)
    {
        var sb = new StringBuilder();
        sb.AppendLine("\\documentclass{article}");
        sb.AppendLine("\\usepackage{booktabs}");
        sb.AppendLine("\\usepackage{graphicx}");
        sb.AppendLine("\\begin{document}");
        foreach (var f in fragments) sb.Append("\\input{").Append(f).AppendLine("}\\clearpage");
        sb.AppendLine("\\end{document}");
        return sb.ToString();
    }

    /// <summary>Runs pdflatex on <paramref name="texFile"/> (non-stop, halting on the first error); returns exit code and log.</summary>
    public static (int ExitCode, string Log) Compile(string texFile)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(texFile))!;
        var psi = new ProcessStartInfo(Executable!, ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", Path.GetFileName(texFile)])
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000)) { p.Kill(); return (-1, "pdflatex timed out"); }
        var logPath = Path.ChangeExtension(Path.GetFullPath(texFile), ".log");
        return (p.ExitCode, File.Exists(logPath) ? File.ReadAllText(logPath) : stdout.Result + stderr.Result);
    }

    /// <summary>The first error of a pdflatex log ("! ..." and the two lines after it).</summary>
    public static string FirstError(string log)
    {
        var lines = log.Split('\n');
        int i = Array.FindIndex(lines, l => l.StartsWith('!'));
        return i < 0 ? "(no error line in the log)" : string.Join(" | ", lines.Skip(i).Take(3).Select(l => l.Trim()));
    }
}
