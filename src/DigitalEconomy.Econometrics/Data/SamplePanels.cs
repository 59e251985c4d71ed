namespace DigitalEconomy.Econometrics.Data;

/// <summary>
/// Panels that ship inside the package, so that examples and notebooks run without any file: the bundled
/// synthetic city panel (285 cities × 2008–2019; codebook and data-generating process in the repository's
/// data/README.md).
/// </summary>
public static class SamplePanels
{
    private const string CityPanelResource = "DigitalEconomy.Econometrics.Data.city_panel.csv";

    /// <summary>
    /// The bundled synthetic city panel (entity key <c>city</c>, time key <c>year</c>), read from the copy embedded
    /// in the assembly — the same bytes as data/city_panel.csv.
    /// </summary>
    /// <exception cref="EconometricsException">The assembly was built without the embedded panel.</exception>
    public static PanelData CityPanel()
    {
        using var stream = typeof(SamplePanels).Assembly.GetManifestResourceStream(CityPanelResource)
            ?? throw new EconometricsException("This build of DigitalEconomy.Econometrics does not embed the sample city panel; read data/city_panel.csv with PanelReader.Read instead.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return PanelCsv.Read(reader, "city_panel.csv", "city", "year");
    }
}
