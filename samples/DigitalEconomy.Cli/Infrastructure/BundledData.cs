using DigitalEconomy.Econometrics;

namespace DigitalEconomy.Cli.Infrastructure;

/// <summary>
/// Finds the bundled synthetic panel: first next to the executable (the csproj copies data/city_panel.csv
/// into the output and the tool package), then in a data/ folder of the current directory or any parent
/// (running from a clone of the repository).
/// </summary>
internal static class BundledData
{
    public const string RelativePath = "data/city_panel.csv";

    /// <summary>The study file of the bundled panel.</summary>
    public const string StudyRelativePath = "data/study.toml";

    /// <summary>The bundled panel's study definition: data/study.toml when found, else the same roles built in.</summary>
    public static Replication.StudyDefinition LocateStudy()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, StudyRelativePath);
                if (File.Exists(candidate)) return Replication.StudyDefinition.Load(candidate) with { Source = null };
            }
        return Replication.StudyDefinition.Bundled;
    }

    public static string Locate()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RelativePath);
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new EconometricsException(
            $"The bundled panel {RelativePath} was not found next to the program or in the current directory's tree; pass --data FILE.");
    }
}
