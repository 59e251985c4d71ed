using DigitalEconomy.Cli;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>
/// Messages raised by the library name its settings (MinimumRegimeShare, GapForm, DropSingletons, …); from the
/// command line they name the option instead, in one line with exit 2 for errors.
/// </summary>
public sealed class CliLibrarySettingNamesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void ShouldBeOneLineError(CliRun run, string[] contains, string[] library)
    {
        run.ExitCode.Should().Be(CliApp.UserError, run.ToString());
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(1, "a user error is one line: " + run.Stderr);
        lines[0].Should().StartWith("error: ");
        foreach (var f in contains) lines[0].Should().Contain(f);
        foreach (var f in library) lines[0].Should().NotContain(f);
    }

    [Fact]
    public void Threshold_without_admissible_candidates_names_trim_and_thresholds()
    {
        // Trimming 45% around each threshold leaves no room for a second one: the search has no admissible candidate.
        var run = CliHarness.Run("threshold", "--y", "gap", "--regime-x", "dei", "--q", "ln_gdppc",
            "--thresholds", "3", "--trim", "0.45,0.45,0.45", "--bootstrap", "0", "--grid", "20");
        ShouldBeOneLineError(run, ["--trim", "--thresholds"], ["MinimumRegimeShare", "MaxThresholds", "trimming,"]);
    }

    [Fact]
    public void Log_gap_of_a_non_positive_column_names_the_form_option()
    {
        var data = _dir.File("neg.csv", "city,year,gdp\nA,2008,1\nA,2009,2\nB,2008,-1\nB,2009,3\n");
        var run = CliHarness.Run("gap", "--data", data, "--var", "gdp");
        ShouldBeOneLineError(run, ["--form relative"], ["GapForm"]);
    }

    [Fact]
    public void Singleton_note_names_the_drop_singletons_option()
    {
        var data = _dir.File("single.csv", "city,year,gap,dei\nA,2008,0.1,0.2\nA,2009,0.2,0.5\nA,2010,0.4,0.1\nB,2008,0.3,0.1\nB,2009,0.4,0.5\nB,2010,0.2,0.3\nC,2008,0.2,0.4\n");
        var run = CliHarness.Run("fe", "--data", data, "--y", "gap", "--x", "dei", "--effects", "entity");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Stderr.Should().Contain("--drop-singletons").And.NotContain("DropSingletons");
    }

    [Fact]
    public void Every_mapped_library_phrase_still_occurs_in_the_library()
    {
        // A mapping whose library text was reworded would silently stop translating; each must match a message.
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText).ToArray();
        foreach (var phrase in new[]
                 {
                     "reduce the trimming, MinimumRegimeShare or MaxThresholds.", "set DropSingletons to drop them as reghdfe does",
                     "Use GapForm.RelativeDeviation or a positive measure.", "raise DemeaningOptions.MaxIterations or check for",
                     "; raise DemeaningOptions.MaxIterations.", "; fit it with PanelRegression.FitMany.",
                 })
            sources.Should().Contain(s => s.Contains(phrase), $"'{phrase}' is translated for the CLI");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "src"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
