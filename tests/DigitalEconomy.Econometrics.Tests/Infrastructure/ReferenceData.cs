using System.Text.Json;

namespace DigitalEconomy.Econometrics.Tests.Infrastructure;

/// <summary>
/// Locates reference files: first <c>../shared/reference</c> (beside the repository) or the folder named by the
/// <c>DE_SHARED_REFERENCE</c> environment variable, then the small public cases vendored in the test project's
/// <c>Reference/</c> folder (Grunfeld). Tests use <see cref="ReferenceFactAttribute"/>: they skip with a message when a
/// file is absent, except under <c>CI=true</c>, where they run and fail, so CI can never skip a reference comparison.
/// </summary>
public static class ReferenceData
{
    private static readonly Lazy<string?> Folder = new(Locate);

    /// <summary>The reference folder, or null when it is not available.</summary>
    public static string? Directory => Folder.Value;

    /// <summary>The reference files vendored with the tests (copied beside the test binaries).</summary>
    public static string VendoredDirectory => System.IO.Path.Combine(AppContext.BaseDirectory, "Reference");

    /// <summary>True under CI (the CI environment variable is "true"): reference tests must run there.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="file"/> is available from the shared folder or the vendored copies.</summary>
    public static bool Has(string file) => Resolve(file) is not null;

    /// <summary>Full path of a reference file (shared folder first, then the vendored copies).</summary>
    /// <exception cref="FileNotFoundException">The file is in neither place (under CI this fails the test by design).</exception>
    public static string PathOf(string file) =>
        Resolve(file) ?? throw new FileNotFoundException(
            $"Reference file '{file}' not found in ../shared/reference (or DE_SHARED_REFERENCE) nor in the vendored copies" +
            (IsCi ? "; under CI=true every reference test must run, so this is a failure." : "."), file);

    private static string? Resolve(string file)
    {
        if (Directory is { } shared && File.Exists(System.IO.Path.Combine(shared, file))) return System.IO.Path.Combine(shared, file);
        var vendored = System.IO.Path.Combine(VendoredDirectory, file);
        return File.Exists(vendored) ? vendored : null;
    }

    /// <summary>The skip reason for a test needing <paramref name="files"/> (the whole shared folder when none are named), or null to run it.</summary>
    internal static string? SkipReason(string[] files)
    {
        bool available = files.Length == 0 ? Directory is not null : files.All(Has);
        if (available || IsCi) return null;
        return files.Length == 0
            ? "needs ../shared/reference beside the repository (or DE_SHARED_REFERENCE); not found, so this reference comparison is skipped."
            : $"needs reference file(s) {string.Join(", ", files)}; not found, so this reference comparison is skipped.";
    }

    /// <summary>Parses a reference JSON file.</summary>
    public static JsonElement Json(string file)
    {
        using var stream = File.OpenRead(PathOf(file));
        using var doc = JsonDocument.Parse(stream);
        return doc.RootElement.Clone();
    }

    /// <summary>Root of the repository (folder holding the .sln), found by walking up from the test binaries.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "DigitalEconomy.Econometrics.sln")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
        }
    }

    private static string? Locate()
    {
        var env = Environment.GetEnvironmentVariable("DE_SHARED_REFERENCE");
        if (!string.IsNullOrEmpty(env) && System.IO.Directory.Exists(env)) return env;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "reference");
            if (File.Exists(System.IO.Path.Combine(candidate, "grunfeld.csv"))) return candidate;
            dir = dir.Parent;
        }
        return null;
    }
}

/// <summary>
/// A fact that needs reference files: the named ones (found in the shared folder or the vendored copies), or the whole
/// <c>../shared/reference</c> folder when none are named. Skipped with a clear message when absent — never under CI.
/// </summary>
public sealed class ReferenceFactAttribute : FactAttribute
{
    /// <param name="files">Reference files the test reads; empty means it needs the shared folder.</param>
    public ReferenceFactAttribute(params string[] files)
    {
        if (ReferenceData.SkipReason(files) is { } reason) Skip = reason;
    }
}

/// <summary>A theory that needs reference files; see <see cref="ReferenceFactAttribute"/>.</summary>
public sealed class ReferenceTheoryAttribute : TheoryAttribute
{
    /// <param name="files">Reference files the test reads; empty means it needs the shared folder.</param>
    public ReferenceTheoryAttribute(params string[] files)
    {
        if (ReferenceData.SkipReason(files) is { } reason) Skip = reason;
    }
}
