using DigitalEconomy.Cli;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Replication;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Plotting;
using DigitalEconomy.Econometrics.Tests.Plotting;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>
/// <c>--figure-format</c> and <c>--dpi</c>: bad values are one-line errors naming the option; the study context
/// at 300 DPI writes PNGs of the scaled size with their resolution recorded. The SVG run of the whole study is
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
    public void The_study_context_draws_print_size_pngs_at_300_dpi_with_their_resolution()
    {
        // Every chapter draws through ReplicationContext.Figure, passing its options on to the plotting call; that each
        // chapter does is shown by the whole-study SVG run, where a chapter that dropped them would write a PNG.
        var panel = PanelCsv.Read(CliHarness.BundledPanel, "city", "year");
        var settings = new CommonSettings(CliHarness.BundledPanel, "city", "year", OutputFormat.Text, null, _dir.PathName, false);
        var options = new ReplicationOptions { OutDirectory = _dir.PathName, Figures = new FigureSettings(FigureFormat.Png, 300) };
        var ctx = new ReplicationContext(new CliConsole(TextWriter.Null, TextWriter.Null), settings, options, panel, _dir.PathName);
        var name = ctx.Figure("figure99_check.png", new FigureOptions { Width = 400, Height = 250, Title = "Check" },
            (path, o) => Figures.LinePlot([new Series("a", [1, 2, 3], [1, 4, 9])], path, o));
        name.Should().Be("figure99_check.png");
        var file = ctx.FigureFiles.Should().ContainSingle().Subject;
        // The layout is 400×250 at 96 DPI; at 300 DPI the image has 400·300/96 × 250·300/96 pixels.
        PngChunks.Size(file).Should().Be(((int)Math.Round(400 * 300 / 96.0), (int)Math.Round(250 * 300 / 96.0)));
        PngChunks.Dpi(file).Should().BeApproximately(300, 0.01, "300 DPI = 11811 px/m, exact to the rounding of one pixel per metre");

        var svg = new ReplicationContext(new CliConsole(TextWriter.Null, TextWriter.Null), settings,
            options with { Figures = new FigureSettings(FigureFormat.Svg, 300) }, panel, _dir.PathName);
        svg.Figure("figure99_check.png", null, (path, o) => Figures.LinePlot([new Series("a", [1, 2, 3], [1, 4, 9])], path, o))
            .Should().Be("figure99_check.svg");
        System.Xml.Linq.XDocument.Load(svg.FigureFiles.Single()).Root!.Name.LocalName.Should().Be("svg");
    }
}
