using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Cli.Replication;

/// <summary>
/// The study's variable names in the bundled panel (data/README.md is the codebook). A user's own data
/// with the same column names runs through the same replication.
/// </summary>
internal static class StudyColumns
{
    /// <summary>The numeric columns of the panel, in file order, for the descriptive table.</summary>
    public static IEnumerable<string> DescriptiveColumns(PanelData panel) => panel.NumericColumnNames;
}
