using DigitalEconomy.Cli;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Replication;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Plotting;
using DigitalEconomy.Econometrics.Tests.Plotting;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>
/// <c>--figure-format</c> and <c>--dpi</c>: bad values are one-line errors naming the option; a chapter of the study
/// run at 300 DPI writes PNGs of the scaled size with their resolution recorded. The SVG run of the whole study is
/// checked on the shared replicate run (<see cref="CliReplicateTests"/>).
/// </summary>
public sealed class CliFigureOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("--figure-format", "jpg")]
    [InlineData("--dpi", "5")]
    [InlineData("--dpi", "5000")]
    [InlineData("--dpi", "high")]
    public void Bad_figure_options_exit_2_with_one_line_naming_the_option(string option, string value)
    {
        var run = CliHarness.Run("replicate", "--out", _dir.Path("r"), option, value);
        run.ExitCode.Should().Be(2, run.ToString());
        var lines = run.Stderr.Trim().Split('\n');
        lines.Should().ContainSingle(run.ToString()).Which.Should().Contain(option);
        Directory.Exists(_dir.Path("r")).Should().BeFalse("nothing is written before the options are checked");
    }

    [Fact]
    public void Options_resolve_to_the_format_and_dpi_and_rename_the_files()
    {
        var figures = new FigureCliOptions();
        var command = new System.CommandLine.Command("x");
        figures.AddTo(command);
        var settings = figures.Resolve(command.Parse(["--figure-format", "SVG", "--dpi", "300"]));
        settings.Should().Be(new FigureSettings(FigureFormat.Svg, 300));
        settings.FileName("figure01_dei_by_region.png").Should().Be("figure01_dei_by_region.svg");
        settings.Apply(new FigureOptions { Title = "t", Width = 1000 }).Should().Be(new FigureOptions { Title = "t", Width = 1000, Format = FigureFormat.Svg, Dpi = 300 });
        figures.Resolve(command.Parse([])).Should().Be(FigureSettings.Default);
    }

    [Fact]
    public void A_chapter_at_300_dpi_writes_print_size_pngs_with_their_resolution()
    {
        var panel = PanelCsv.Read(CliHarness.BundledPanel, "city", "year");
        var settings = new CommonSettings(CliHarness.BundledPanel, "city", "year", OutputFormat.Text, null, _dir.PathName, false);
        var options = new ReplicationOptions { OutDirectory = _dir.PathName, Figures = new FigureSettings(FigureFormat.Png, 300) };
        var ctx = new ReplicationContext(new CliConsole(TextWriter.Null, TextWriter.Null), settings, options, panel, _dir.PathName);
        CoordinationChapter.Run(ctx);
        ctx.FigureFiles.Should().HaveCount(4).And.OnlyContain(f => f.EndsWith(".png", StringComparison.Ordinal));
        foreach (var file in ctx.FigureFiles)
        {
            // The chapter's figures keep the default 800×500 layout; at 300 DPI that is 800·300/96 × 500·300/96 pixels.
            PngChunks.Size(file).Should().Be(((int)Math.Round(800 * 300 / 96.0), (int)Math.Round(500 * 300 / 96.0)), file);
            PngChunks.Dpi(file).Should().BeApproximately(300, 0.01, file);
        }
    }
}
