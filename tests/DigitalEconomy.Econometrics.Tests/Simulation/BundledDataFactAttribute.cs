using DigitalEconomy.Econometrics.Tests.Infrastructure;

namespace DigitalEconomy.Econometrics.Tests.Simulation;

/// <summary>A fact that needs the repository's data/city_panel.csv; skipped with a message when it cannot be found.</summary>
public sealed class BundledDataFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when data/city_panel.csv is not found above the test binaries.</summary>
    public BundledDataFactAttribute()
    {
        if (BundledData.CityPanelPath is null)
            Skip = "data/city_panel.csv not found relative to the repository root.";
    }
}

/// <summary>Locates the bundled data folder.</summary>
public static class BundledData
{
    /// <summary>Full path of data/city_panel.csv, or null when the repository root or the file is absent.</summary>
    public static string? CityPanelPath
    {
        get
        {
            try
            {
                var path = Path.Combine(ReferenceData.RepositoryRoot, "data", "city_panel.csv");
                return File.Exists(path) ? path : null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }
}
