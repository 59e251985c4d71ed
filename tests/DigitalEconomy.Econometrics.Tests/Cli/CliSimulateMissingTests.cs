using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary><c>simulate --missing</c> writes a panel with empty cells, and the whole study runs on it listwise.</summary>
public sealed class CliSimulateMissingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Replicate_runs_end_to_end_on_a_simulated_panel_with_empty_cells()
    {
        var data = _dir.Path("holes.csv");
        var sim = CliHarness.Run("simulate", "--missing", "0.05", "--out", data);
        sim.ExitCode.Should().Be(0, sim.ToString());
        File.ReadAllText(data).Should().Contain(",NA,"); // PanelCsv writes missing cells as NA
        var run = CliHarness.Run("replicate", "--data", data, "--out", _dir.Path("results"), "--bootstrap", "0", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var baseline = run.Json().GetProperty("baseline").EnumerateArray().Last();
        baseline.GetProperty("missing").GetProperty("rows_dropped").GetInt32().Should().BeGreaterThan(0);
        File.Exists(_dir.Path(Path.Combine("results", "report.md"))).Should().BeTrue();
    }

    [Fact]
    public void A_share_outside_zero_to_one_is_a_one_line_error()
    {
        var run = CliHarness.Run("simulate", "--missing", "1.5");
        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("--missing 1.5 is out of range");
    }
}
