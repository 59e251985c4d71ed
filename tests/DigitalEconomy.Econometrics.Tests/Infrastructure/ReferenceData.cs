using System.Text.Json;

namespace DigitalEconomy.Econometrics.Tests.Infrastructure;

/// <summary>
/// Locates <c>../shared/reference</c> (beside the repository) or the folder named by the
/// <c>DE_SHARED_REFERENCE</c> environment variable. Tests that need it use <see cref="ReferenceFactAttribute"/>
/// and are skipped with a message when it is absent, so a user's clone still passes.
/// </summary>
public static class ReferenceData
{
    private static readonly Lazy<string?> Folder = new(Locate);

    /// <summary>The reference folder, or null when it is not available.</summary>
    public static string? Directory => Folder.Value;

    /// <summary>Full path of a reference file; throws if the folder is absent (guarded by the attribute).</summary>
    public static string PathOf(string file) =>
        System.IO.Path.Combine(Directory ?? throw new InvalidOperationException("Reference folder not found."), file);

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

/// <summary>A fact that needs <c>../shared/reference</c>; skipped with a clear message when it is absent.</summary>
public sealed class ReferenceFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the reference folder cannot be found.</summary>
    public ReferenceFactAttribute()
    {
        if (ReferenceData.Directory is null)
            Skip = "../shared/reference not found (set DE_SHARED_REFERENCE to run the reference comparisons).";
    }
}

/// <summary>A theory that needs <c>../shared/reference</c>; skipped with a clear message when it is absent.</summary>
public sealed class ReferenceTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the reference folder cannot be found.</summary>
    public ReferenceTheoryAttribute()
    {
        if (ReferenceData.Directory is null)
            Skip = "../shared/reference not found (set DE_SHARED_REFERENCE to run the reference comparisons).";
    }
}
