using DigitalEconomy.Cli;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Replication;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Dynamics;
using DigitalEconomy.Econometrics.Indices;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>The coordinated-development chapter of `replicate`, run alone on the bundled panel.</summary>
public sealed class CoordinationChapterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private ReplicationContext Context(PanelData panel)
    {
        var settings = new CommonSettings(CliHarness.BundledPanel, "city", "year", OutputFormat.Text, null, _dir.PathName, false);
        return new ReplicationContext(new CliConsole(TextWriter.Null, TextWriter.Null), settings, new ReplicationOptions { OutDirectory = _dir.PathName }, panel, _dir.PathName);
    }

    [Fact]
    public void Writes_its_sections_tables_and_figures_with_the_documented_findings()
    {
        var panel = PanelCsv.Read(CliHarness.BundledPanel, "city", "year");
        var ctx = Context(panel);
        CoordinationChapter.Run(ctx);
        ctx.Sections.Select(s => s.Heading).Should().Equal(
            "Coupling coordination of the digital economy and economic development",
            "Distribution dynamics of the development gap",
            "Markov chain of relative income",
            "Convergence of GDP per capita",
            "Spatial distribution dynamics and spatial β-convergence",
            "Spatial β-convergence");
        foreach (var f in ctx.Files) File.Exists(f).Should().BeTrue(f);
        ctx.Files.Count(f => f.EndsWith(".png", StringComparison.Ordinal)).Should().Be(4);

        // The documented qualitative findings on the synthetic panel (docs/methods/coordination.md).
        var coupling = CouplingCoordination.Compute(CoordinationChapter.WithEconomicScore(panel), ["dei", CoordinationChapter.EconColumn],
            new CouplingCoordinationOptions { GroupColumn = "region" });
        var all = coupling.Summary.Where(s => s.Group == "All").ToArray();
        all[^1].MeanDegree.Should().BeGreaterThan(all[0].MeanDegree, "coordination improves as the digital economy grows");
        var east = coupling.Summary.Where(s => s.Group == "East").Select(s => s.MeanDegree);
        var west = coupling.Summary.Where(s => s.Group == "West").Select(s => s.MeanDegree);
        var central = coupling.Summary.Where(s => s.Group == "Central").Select(s => s.MeanDegree);
        east.Zip(central).Should().OnlyContain(p => p.First > p.Second, "the East is better coordinated than the Central region every year");
        central.Zip(west).Should().OnlyContain(p => p.First > p.Second, "the Central region is better coordinated than the West every year");
        var convergence = Convergence.Analyse(panel, "gdppc");
        convergence.SigmaTrends[0].Slope.Should().BeNegative();
        convergence.Beta.Should().OnlyContain(b => b.Beta.Estimate < 0 && b.Beta.PValue < 0.01);
        MarkovChain.Fit(panel, "gdppc").Transitions.HasErgodicDistribution.Should().BeTrue();
        File.Exists(Path.Combine(_dir.PathName, "table18b_spatial_markov.md")).Should().BeTrue();
        File.Exists(Path.Combine(_dir.PathName, "table18c_spatial_convergence.md")).Should().BeTrue();
    }

    [Fact]
    public void Spatial_dynamics_are_skipped_with_a_reason_without_coordinates()
    {
        var panel = PanelCsv.Read(CliHarness.BundledPanel, "city", "year").WithoutColumns("lat", "lon");
        var ctx = Context(panel);
        CoordinationChapter.Run(ctx);
        var section = ctx.Sections.Single(s => s.Heading == "Spatial distribution dynamics and spatial β-convergence");
        section.Interpretation.Should().StartWith("Not run:").And.Contain("lat");
        ctx.Sections.Should().HaveCount(5);
    }

    [Fact]
    public void Skips_with_a_reason_when_its_columns_are_absent()
    {
        var panel = PanelCsv.Read(CliHarness.BundledPanel, "city", "year").WithoutColumns("gap");
        var run = () => CoordinationChapter.Run(Context(panel));
        run.Should().Throw<EconometricsException>().WithMessage("*gap*coordinated-development chapter*");
    }
}
