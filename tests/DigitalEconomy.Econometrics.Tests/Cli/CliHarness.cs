using System.Text.Json;
using DigitalEconomy.Cli;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>What one in-process CLI run produced.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout parsed as one JSON document (fails the test if it is not exactly one).</summary>
    public JsonElement Json()
    {
        using var doc = JsonDocument.Parse(Stdout);
        return doc.RootElement.Clone();
    }

    /// <summary>For assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs the CLI in-process with captured output, and makes small CSV files for bad-input cases.</summary>
public static class CliHarness
{
    public static CliRun Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The bundled panel in the repository (the CLI's default --data).</summary>
    public static string BundledPanel => Path.Combine(Infrastructure.ReferenceData.RepositoryRoot, "data", "city_panel.csv");
}

/// <summary>A fresh temporary directory, deleted after the test.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(PathName);

    public string PathName { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "de-econ-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="content"/> to a file in the directory and returns its path.</summary>
    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(PathName, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string Path(string name) => System.IO.Path.Combine(PathName, name);

    public void Dispose()
    {
        try { Directory.Delete(PathName, recursive: true); }
        catch (IOException) { /* best effort: a leftover temp folder must not fail a test */ }
    }
}
