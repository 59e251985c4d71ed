using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Replication;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Iv;
using DigitalEconomy.Econometrics.Inference;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>
/// The replicate chapter on endogeneity, run directly on the bundled panel: the 2SLS estimate of the DEI
/// differs from OLS (the generator's endogeneity channel biases OLS upwards) and the chapter skips with a
/// reason on a panel without the instruments.
/// </summary>
public sealed class EndogeneityChapterTests
{
    private static ReplicationContext Context(PanelData panel, TempDirectory dir) =>
        new(new CliConsole(new StringWriter(), new StringWriter()),
            new CommonSettings(CliHarness.BundledPanel, "city", "year", OutputFormat.Text, null, null, false),
            new ReplicationOptions(), panel, dir.PathName);

    [Fact]
    public void Writes_the_endogeneity_table_with_ols_reduced_form_first_stage_2sls_and_liml()
    {
        using var dir = new TempDirectory();
        var panel = PanelCsv.Read(CliHarness.BundledPanel, "city", "year");
        var ctx = Context(panel, dir);
        EndogeneityChapter.Run(ctx);
        ctx.Summary.Skipped.Should().BeEmpty();
        var section = ctx.Sections.Single();
        section.TableMarkdown.Should().Contain("Reduced form").And.Contain("LIML").And.Contain("Kleibergen–Paap");
        section.Interpretation.Should().Contain("2SLS gives").And.Contain("Anderson–Rubin");
        File.Exists(Path.Combine(dir.PathName, "table13_endogeneity.md")).Should().BeTrue();
        // data/README.md: OLS ≈ −0.099 (biased up by the shock), 2SLS ≈ −0.316.
        var iv = IvRegression.Compare(panel, "gap ~ gov + open + hum + fin + ind_struct + urb | city + year | dei ~ post_x_net + tel_x_net",
            new IvOptions { Vcov = Vcov.Cluster("city") });
        iv.Ols["dei"].Estimate.Should().BeApproximately(-0.099, 0.005);
        iv.Iv["dei"].Estimate.Should().BeApproximately(-0.316, 0.005);
    }

    [Fact]
    public void Skips_with_a_reason_when_the_instruments_are_absent()
    {
        using var dir = new TempDirectory();
        var panel = PanelCsv.Read(CliHarness.BundledPanel, "city", "year").WithoutColumns("post_x_net", "tel_x_net");
        var ctx = Context(panel, dir);
        EndogeneityChapter.Run(ctx);
        ctx.Summary.Skipped.Should().ContainSingle().Which.Should().Contain("post_x_net");
        ctx.Sections.Single().Interpretation.Should().StartWith("Not run");
    }
}
