using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Indices;
using DigitalEconomy.Econometrics.Reporting;

namespace DigitalEconomy.Cli.Commands;

/// <summary><c>index --method pca</c>: the principal-component composite index with its adequacy tests.</summary>
internal static class PcaIndex
{
    public static void Run(CliConsole console, CommonSettings settings, IndexArguments args)
    {
        var panel = PanelLoader.Load(settings);
        PanelLoader.RequireNumeric(panel, "--indicators", args.Indicators.Select(i => i.Column));
        var indicators = args.Indicators.Select(i => i.Positive ? Indicator.Positive(i.Column) : Indicator.Negative(i.Column)).ToArray();
        var result = PrincipalComponentIndex.Compute(panel, indicators, new PrincipalComponentOptions { Retention = args.Pca!.Value });
        if (result.Missing.RowsDropped > 0) console.Note("note: " + result.Missing);
        if (settings.Out is not null)
        {
            var scored = panel.WithColumn(args.Name, result.Scores.ToArray());
            OutputFiles.Write(settings, settings.Out, path => PanelCsv.Write(scored, path));
            console.Note($"Wrote {Path.GetFullPath(settings.Out)} (the input panel plus column '{args.Name}')");
        }
        ResultWriter.Emit(console, settings with { Out = null }, () => Tables(result), () => Json(panel, result));
    }

    internal static IReadOnlyList<Table> Tables(PrincipalComponentIndexResult result)
    {
        int p = result.Indicators.Count;
        var eigen = new TableBuilder("Principal components of the indicators' correlation matrix").Columns("Component", "Eigenvalue", "Variance share", "Cumulative");
        double cumulative = 0;
        for (int k = 0; k < p; k++)
        {
            cumulative += result.VarianceShares[k];
            eigen.Row($"PC{k + 1}", NumberFormat.Fixed(result.Eigenvalues[k], 4), NumberFormat.Fixed(result.VarianceShares[k], 4), NumberFormat.Fixed(cumulative, 4));
        }
        eigen.Note($"KMO = {NumberFormat.Fixed(result.Kmo.Overall, 4)}; Bartlett χ²({result.Bartlett.DegreesOfFreedom}) = {NumberFormat.Fixed(result.Bartlett.Statistic, 2)}, p = {NumberFormat.Fixed(result.Bartlett.PValue, 4)}.");
        eigen.Note(result.RetainedComponents == 1 ? "Index = first component score." : $"Index = Σ of the {result.RetainedComponents} components with eigenvalue > 1, weighted by λ_k / Σλ.");
        var loadings = new TableBuilder("Eigenvectors (loadings) and KMO per indicator").Columns(["Indicator", .. Enumerable.Range(1, result.RetainedComponents).Select(k => $"PC{k}"), "KMO"]);
        for (int j = 0; j < p; j++)
            loadings.Row(result.Indicators[j].ToString(), [.. Enumerable.Range(0, result.RetainedComponents).Select(k => NumberFormat.Fixed(result.Loading(j, k), 4)), NumberFormat.Fixed(result.Kmo.PerVariable[j], 4)]);
        if (result.Missing.RowsDropped > 0) loadings.Note(result.Missing.ToString());
        return [eigen.Build(), loadings.Build()];
    }

    internal static PcaIndexJson Json(PanelData panel, PrincipalComponentIndexResult result)
    {
        int p = result.Indicators.Count;
        var loadings = new List<PcaLoadingJson>();
        for (int k = 0; k < p; k++)
            for (int j = 0; j < p; j++)
                loadings.Add(new PcaLoadingJson(result.Indicators[j].Column, k + 1, result.Loading(j, k)));
        var rows = new List<IndexRowJson>(panel.RowCount);
        for (int r = 0; r < panel.RowCount; r++)
            if (double.IsFinite(result.Scores[r]))
                rows.Add(new IndexRowJson(panel.Entities.LabelOf(r), panel.Times.LabelOf(r), result.Scores[r]));
        return new PcaIndexJson("pca", result.Eigenvalues, result.VarianceShares, result.RetainedComponents, loadings,
            new KmoJson(result.Kmo.Overall, result.Indicators.Select((ind, j) => new KmoVariableJson(ind.Column, result.Kmo.PerVariable[j])).ToArray()),
            new BartlettJson(result.Bartlett.Statistic, result.Bartlett.DegreesOfFreedom, result.Bartlett.PValue),
            rows, MissingJson.From(result.Missing));
    }
}
