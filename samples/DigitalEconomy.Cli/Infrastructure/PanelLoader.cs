using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Cli.Infrastructure;

/// <summary>Reads the panel named by the common options and checks the columns a command needs, up front.</summary>
internal static class PanelLoader
{
    public static PanelData Load(CommonSettings settings) =>
        PanelReader.Read(settings.DataPath, settings.Entity, settings.Time, settings.Read);

    /// <summary>
    /// Fails with one line naming the option and the column when a requested numeric column is absent, so
    /// the user learns which option is wrong before any estimation starts.
    /// </summary>
    public static void RequireNumeric(PanelData panel, string option, IEnumerable<string> columns)
    {
        foreach (var c in columns)
            if (!panel.HasNumeric(c))
                throw new SpecificationException($"{option}: {panel.UnknownColumn(c).Message}");
    }

    /// <summary>Like <see cref="RequireNumeric"/> for grouping columns (entity, time, text or numeric codes).</summary>
    public static void RequireColumn(PanelData panel, string option, IEnumerable<string> columns)
    {
        foreach (var c in columns)
            if (!panel.HasColumn(c))
                throw new SpecificationException($"{option}: {panel.UnknownColumn(c).Message}");
    }
}
