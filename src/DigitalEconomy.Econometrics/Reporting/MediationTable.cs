using System.Globalization;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Mediation;
using DigitalEconomy.Econometrics.Resampling;

namespace DigitalEconomy.Econometrics.Reporting;

/// <summary>
/// Mechanism tables in the layout of the applied literature: the stepwise (Baron–Kenny) table with columns
/// (1) Y on X, (2) M on X, (3) Y on X and M — repeated as column pairs for several mediators — with
/// coefficients, SEs in parentheses, stars, fixed-effect and sample rows, and a block with the indirect
/// effect, Sobel z, bootstrap intervals and the proportion mediated; and the table of specific and total
/// indirect effects of the parallel model. Rendered through <see cref="Table"/> to text, Markdown, LaTeX or CSV.
/// </summary>
public static class MediationTable
{
    /// <summary>Decimals for coefficients, SEs and intervals.</summary>
    public const int Decimals = 3;

    /// <summary>The stepwise table for the given mediators of <paramref name="result"/>.</summary>
    public static Table Stepwise(MediationResult result, IReadOnlyList<MediatorEffect> mediators)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(mediators);
        var models = new List<PanelRegressionResult> { result.TotalModel };
        var headers = new List<string> { "", $"(1) {result.Outcome}" };
        foreach (var m in mediators)
        {
            models.Add(m.MediatorModel);
            models.Add(m.OutcomeModel);
            headers.Add($"({headers.Count}) {m.Mediator}");
            headers.Add($"({headers.Count}) {result.Outcome}");
        }
        string title = mediators.Count == 1
            ? $"Mechanism test: {mediators[0].Mediator} as a channel from {result.Treatment} to {result.Outcome}"
            : $"Mechanism tests: {string.Join(" and ", mediators.Select(m => m.Mediator))} as channels from {result.Treatment} to {result.Outcome}";
        var table = new TableBuilder(title).Columns([.. headers]);

        CoefficientRows.Add(table, models, result.Treatment, result.Treatment, Decimals);
        foreach (var m in mediators) CoefficientRows.Add(table, models, m.Mediator, m.Mediator, Decimals);

        table.Rule();
        if (result.Options.Controls.Count > 0) table.Row("Controls", Same(models.Count, "Yes"));
        foreach (var fe in result.Options.FixedEffects) table.Row($"{fe} FE", Same(models.Count, "Yes"));
        table.Row("Observations", models.Select(r => NumberFormat.Count(r.Observations)).ToArray());
        bool within = result.Options.FixedEffects.Count > 0;
        table.Row(within ? "Within R²" : "R²", models.Select(r => NumberFormat.Fixed(within ? r.RSquaredWithin : r.RSquared)).ToArray());

        table.Rule();
        IndirectRow(table, mediators, "Indirect effect a·b", m => NumberFormat.Fixed(m.IndirectEffect, Decimals));
        IndirectRow(table, mediators, "Sobel z", m => NumberFormat.Estimate(m.Sobel.Z, m.Sobel.PValue, 2));
        if (mediators.All(m => m.Bootstrap is not null))
        {
            string level = Percent(mediators[0].Bootstrap!.Percentile.Level);
            IndirectRow(table, mediators, $"Bootstrap {level} CI (percentile)", m => Interval(m.Bootstrap!.Percentile));
            IndirectRow(table, mediators, $"Bootstrap {level} CI (BC)", m => Interval(m.Bootstrap!.BiasCorrected));
            if (mediators.All(m => m.Bootstrap!.BiasCorrectedAccelerated is not null))
                IndirectRow(table, mediators, $"Bootstrap {level} CI (BCa)", m => Interval(m.Bootstrap!.BiasCorrectedAccelerated!));
        }
        IndirectRow(table, mediators, "Proportion mediated", m => Percent(m.ProportionMediated, 1));

        table.Note($"Standard errors in parentheses: {result.TotalModel.Variance.Description}. {NumberFormat.StarLegend}.");
        table.Note("Column (1): total effect c; (2): path a; (3): paths c' (direct) and b. Sobel z = a·b / sqrt(b²·SE(a)² + a²·SE(b)²).");
        BootstrapNote(table, result);
        if (result.Sample.RowsDropped > 0) table.Note("Common sample: " + result.Sample);
        return table.Build();
    }

    /// <summary>The stepwise table for all mediators: (1) total effect, then (M_j, Y) column pairs.</summary>
    /// <param name="result">The mediation analysis.</param>
    public static Table ToTable(this MediationResult result) => Stepwise(result, result.Mediators);

    /// <summary>The three-column stepwise table for one mediator: (1) Y on X, (2) M on X, (3) Y on X and M.</summary>
    /// <param name="result">The mediation analysis.</param>
    /// <param name="mediator">The mediator's name.</param>
    public static Table ToTable(this MediationResult result, string mediator) => Stepwise(result, [result[mediator]]);

    /// <summary>The table of specific and total indirect effects of the parallel model.</summary>
    /// <param name="result">The mediation analysis.</param>
    /// <exception cref="SpecificationException">No parallel model was estimated.</exception>
    public static Table ToParallelTable(this MediationResult result) => ParallelEffects(result);

    /// <summary>The stepwise table (and the parallel-effects table when there is a parallel model) as plain text.</summary>
    /// <param name="result">The mediation analysis.</param>
    public static string ToText(this MediationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.ToTable().Render(TableFormat.Text);
        return result.Parallel is null ? text : text + Environment.NewLine + result.ToParallelTable().Render(TableFormat.Text);
    }

    /// <summary>The specific, total indirect and direct effects of the parallel model with bootstrap intervals.</summary>
    /// <exception cref="SpecificationException">The result has no parallel model.</exception>
    public static Table ParallelEffects(MediationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var parallel = result.Parallel ?? throw new SpecificationException("No parallel model was estimated: it needs two or more mediators and MediationOptions.ParallelModel = true.");
        var boot = parallel.TotalIndirectBootstrap;
        string level = boot is null ? "" : Percent(boot.Percentile.Level) + " ";
        var headers = new List<string> { "Effect", "Estimate", "SE" };
        if (boot is not null) headers.AddRange([$"Percentile {level}CI", $"BC {level}CI"]);
        if (boot?.BiasCorrectedAccelerated is not null) headers.Add($"BCa {level}CI");
        var table = new TableBuilder($"Parallel mediation: {string.Join(", ", parallel.Specific.Select(s => s.Mediator))} (outcome {result.Outcome}, treatment {result.Treatment})")
            .Columns([.. headers]);

        string[] Cells(double estimate, double se, BootstrapSummary? summary)
        {
            var cells = new List<string> { NumberFormat.Fixed(estimate, Decimals), NumberFormat.Parenthesised(se, Decimals) };
            if (boot is not null) cells.AddRange([Interval(summary!.Percentile), Interval(summary.BiasCorrected)]);
            if (boot?.BiasCorrectedAccelerated is not null) cells.Add(Interval(summary!.BiasCorrectedAccelerated!));
            return [.. cells];
        }
        foreach (var s in parallel.Specific)
            table.Row($"Indirect via {s.Mediator}", Cells(s.Estimate, s.Bootstrap?.StandardError ?? s.Sobel.StandardError, s.Bootstrap));
        table.Row("Total indirect", Cells(parallel.TotalIndirect, boot?.StandardError ?? double.NaN, boot));
        var blank = Enumerable.Repeat("", headers.Count - 3).ToArray();
        table.Rule();
        foreach (var (label, effect) in new[] { ("Direct effect c'", parallel.DirectEffect), ("Total effect c", result.TotalEffect) })
        {
            var (estimate, error) = CoefficientRows.Cells(effect, Decimals);
            table.Row(label, [estimate, error, .. blank]);
        }
        table.Row("Observations", [NumberFormat.Count(result.Observations), "", .. blank]);
        table.Note(boot is null
            ? "SE of specific indirect effects: Sobel; the total indirect effect needs the bootstrap for an SE (shown as '.')."
            : "SE: cluster-bootstrap standard error.");
        table.Note($"Direct and total effects: {result.TotalModel.Variance.Description}. {NumberFormat.StarLegend}.");
        BootstrapNote(table, result);
        return table.Build();
    }

    private static void IndirectRow(TableBuilder table, IReadOnlyList<MediatorEffect> mediators, string label, Func<MediatorEffect, string> cell)
    {
        // The indirect-effect block fills the outcome column of each mediator's pair.
        var cells = new List<string> { "" };
        foreach (var m in mediators) cells.AddRange(["", cell(m)]);
        table.Row(label, [.. cells]);
    }

    private static void BootstrapNote(TableBuilder table, MediationResult result)
    {
        if (result.Distribution is not { } d) return;
        table.Note($"Bootstrap: {NumberFormat.Count(d.Replications)} replications resampling {NumberFormat.Count(d.ClusterCount)} {result.EntityName} units with replacement (seed {d.Seed.ToString(CultureInfo.InvariantCulture)}); BCa acceleration from the leave-one-{result.EntityName}-out jackknife.");
        var failed = Enumerable.Range(0, d.Names.Count).Max(d.FailedReplications);
        if (failed > 0) table.Note($"{failed} replications were singular and left out.");
    }

    private static string[] Same(int count, string value) => Enumerable.Repeat(value, count).ToArray();

    private static string Interval(BootstrapInterval ci) =>
        ci.IsDefined ? $"[{NumberFormat.Fixed(ci.Lower, Decimals)}, {NumberFormat.Fixed(ci.Upper, Decimals)}]" : ".";

    private static string Percent(double fraction, int decimals = 0) =>
        double.IsFinite(fraction) ? (fraction * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%" : ".";
}
