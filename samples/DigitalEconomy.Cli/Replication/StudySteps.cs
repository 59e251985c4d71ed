using DigitalEconomy.Cli.Commands;
using DigitalEconomy.Econometrics.Reporting;

namespace DigitalEconomy.Cli.Replication;

/// <summary>The steps of the study, in the paper's order. Each adds tables, figures and report sections.</summary>
internal static class StudySteps
{
    public static void Descriptives(ReplicationContext ctx)
    {
        var table = DescriptiveStatistics.Table(ctx.Panel, StudyColumns.DescriptiveColumns(ctx.Panel));
        ctx.Section("Descriptive statistics", "table01_descriptives", table,
            $"The panel has {NumberFormat.Count(ctx.Panel.RowCount)} city-years; the table lists the mean, standard deviation and range of every study variable.");
    }

    public static void DigitalEconomyIndex(ReplicationContext ctx) => throw Pending.Module("Indices");

    public static void Inequality(ReplicationContext ctx) => throw Pending.Module("Indices");

    public static void Baseline(ReplicationContext ctx) => throw Pending.Module("Regression");

    public static void Heterogeneity(ReplicationContext ctx) => throw Pending.Module("Regression");

    public static void Mechanisms(ReplicationContext ctx) => throw Pending.Module("Mediation");

    public static void Threshold(ReplicationContext ctx) => throw Pending.Module("Threshold");

    public static void Robustness(ReplicationContext ctx) => throw Pending.Module("Regression");
}
