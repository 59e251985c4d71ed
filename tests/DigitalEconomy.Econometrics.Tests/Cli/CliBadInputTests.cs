using DigitalEconomy.Cli;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>
/// SPEC §6 through the CLI: every user mistake gives exit code 2 and one clear line on stderr that names
/// the file, line, column or option and what was expected — never a stack trace, never output on stdout.
/// </summary>
public sealed class CliBadInputTests : IDisposable
{
    private const string GoodCsv = "city,year,gap,dei,gov\nA,2008,0.1,0.2,0.3\nA,2009,0.2,0.3,0.1\nB,2008,0.3,0.1,0.2\nB,2009,0.4,0.5,0.6\nC,2008,0.2,0.4,0.1\nC,2009,0.1,0.2,0.5\n";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void ShouldBeUserError(CliRun run, params string[] fragments)
    {
        run.ExitCode.Should().Be(CliApp.UserError, run.ToString());
        run.Stdout.Should().BeEmpty(run.ToString());
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(1, "a user error is one line: " + run.Stderr);
        lines[0].Should().StartWith("error: ");
        run.Stderr.Should().NotContain("   at ", "no stack trace for a user mistake");
        foreach (var f in fragments)
            run.Stderr.Should().Contain(f);
    }

    [Fact]
    public void Missing_data_file_names_the_file()
    {
        var missing = _dir.Path("nope.csv");
        ShouldBeUserError(CliHarness.Run("fe", "--data", missing, "--y", "gap", "--x", "dei"), "nope.csv", "file not found");
    }

    [Fact]
    public void Unknown_column_names_option_and_lists_columns()
    {
        var data = _dir.File("p.csv", GoodCsv);
        ShouldBeUserError(CliHarness.Run("fe", "--data", data, "--y", "gap", "--x", "dei,fdi"),
            "--x", "No column named 'fdi'", "Available columns: city, year, gap, dei, gov");
    }

    [Fact]
    public void Unknown_key_column_is_a_user_error()
    {
        var data = _dir.File("p.csv", GoodCsv);
        ShouldBeUserError(CliHarness.Run("fe", "--data", data, "--entity", "firm", "--y", "gap", "--x", "dei"), "p.csv", "firm");
    }

    [Fact]
    public void Malformed_csv_line_names_file_and_line()
    {
        var data = _dir.File("bad.csv", "city,year,gap,dei\nA,2008,0.1,0.2\nA,2009,0.2\n");
        ShouldBeUserError(CliHarness.Run("fe", "--data", data, "--y", "gap", "--x", "dei"), "bad.csv:3", "3 fields", "header has 4");
    }

    [Fact]
    public void Non_numeric_cell_names_file_line_and_column()
    {
        var data = _dir.File("bad.csv", "city,year,gap,dei\nA,2008,0.1,0.2\nA,2009,0.2,abc\n");
        ShouldBeUserError(CliHarness.Run("inequality", "--data", data, "--var", "gap"), "bad.csv:3", "column 'dei'", "\"abc\" is not a number");
    }

    [Fact]
    public void Duplicate_keys_are_reported_with_their_lines()
    {
        var data = _dir.File("dup.csv", "city,year,gap,dei\nA,2008,0.1,0.2\nA,2009,0.2,0.3\nA,2008,0.3,0.4\n");
        ShouldBeUserError(CliHarness.Run("fe", "--data", data, "--y", "gap", "--x", "dei"), "dup.csv", "uplicate (city, year) keys", "A");
    }

    [Theory]
    [InlineData("cluster", "does not name the cluster column")]
    [InlineData("cluster:", "one or two cluster columns")]
    [InlineData("cluster:a+b+c", "one or two cluster columns")]
    [InlineData("cluster:city+city", "must differ")]
    [InlineData("hc7", "is not recognised")]
    public void Bad_vcov_syntax_says_what_is_expected(string vcov, string problem)
    {
        var data = _dir.File("p.csv", GoodCsv);
        ShouldBeUserError(CliHarness.Run("fe", "--data", data, "--y", "gap", "--x", "dei", "--vcov", vcov),
            $"--vcov \"{vcov}\"", problem, "cluster:COL1+COL2");
    }

    [Fact]
    public void Unknown_cluster_column_is_named()
    {
        var data = _dir.File("p.csv", GoodCsv);
        ShouldBeUserError(CliHarness.Run("fe", "--data", data, "--y", "gap", "--x", "dei", "--vcov", "cluster:province"), "--vcov", "'province'");
    }

    [Theory]
    [InlineData(new[] { "fe", "--y", "gap" }, "fe needs --x (the regressors) with --y, or --formula")]
    [InlineData(new[] { "fe", "--y", "gap", "--x", "dei", "--format", "xml" }, "'xml'")]
    [InlineData(new[] { "fe", "--y", "gap", "--x", "dei", "--effects", "threeway" }, "'threeway'")]
    [InlineData(new[] { "threshold", "--y", "gap", "--regime-x", "dei", "--q", "q", "--thresholds", "4" }, "'4'")]
    [InlineData(new[] { "nosuchcommand" }, "nosuchcommand")]
    [InlineData(new string[0], "Required command was not provided")]
    [InlineData(new[] { "simulate", "--seed", "abc" }, "--seed \"abc\" is not a non-negative integer")]
    public void Parse_errors_exit_2_with_one_line(string[] args, string fragment) =>
        ShouldBeUserError(CliHarness.Run(args), fragment, "--help");

    [Fact]
    public void Bad_list_and_range_options_are_user_errors()
    {
        var data = _dir.File("p.csv", GoodCsv);
        ShouldBeUserError(CliHarness.Run("fe", "--data", data, "--y", "gap", "--x", "dei,,gov"), "--x", "empty entry");
        ShouldBeUserError(CliHarness.Run("fe", "--data", data, "--y", "gap", "--x", "dei,dei"), "--x", "twice");
        ShouldBeUserError(CliHarness.Run("threshold", "--data", data, "--y", "gap", "--regime-x", "dei", "--q", "gov", "--thresholds", "3", "--trim", "0.01,0.01"),
            "--trim", "--thresholds 3");
        ShouldBeUserError(CliHarness.Run("threshold", "--data", data, "--y", "gap", "--regime-x", "dei", "--q", "gov", "--trim", "0.01,0.7"), "--trim", "\"0.7\"");
        ShouldBeUserError(CliHarness.Run("index", "--data", data, "--indicators", "dei,-"), "--indicators", "sign without a column");
        ShouldBeUserError(CliHarness.Run("index", "--data", data, "--indicators", "dei,gov", "--shift", "-1"), "--shift");
        ShouldBeUserError(CliHarness.Run("simulate", "--seed", "-3"), "--seed \"-3\"", "non-negative");
        ShouldBeUserError(CliHarness.Run("mediate", "--data", data, "--y", "gap", "--x", "dei", "--m", "gov", "--bootstrap", "-5"), "--bootstrap -5");
    }

    [Fact]
    public void Output_never_overwrites_the_input_file()
    {
        var data = _dir.File("p.csv", GoodCsv);
        var run = CliHarness.Run("index", "--data", data, "--indicators", "dei,gov", "--out", data);
        ShouldBeUserError(run, "input data file");
        File.ReadAllText(data).Should().Be(GoodCsv, "nothing the user gave is modified on disk");
    }

    [Fact]
    public void Threshold_on_an_unbalanced_panel_says_how_to_balance_it()
    {
        var unbalanced = _dir.File("u.csv", string.Join('\n', GoodCsv.Split('\n').Where(l => !l.StartsWith("C,2009", StringComparison.Ordinal))));
        ShouldBeUserError(CliHarness.Run("threshold", "--data", unbalanced, "--y", "gap", "--regime-x", "dei", "--q", "gov"),
            "balanced panel", "1 of 3 entities", "--balance");
    }

    [Fact]
    public void Replicate_on_a_panel_without_the_study_columns_lists_what_is_missing()
    {
        // Without outcome and index nothing can run: one line naming both and the study file remedy.
        var bare = _dir.File("bare.csv", "city,year,x\nA,2008,1\nA,2009,2\n");
        ShouldBeUserError(CliHarness.Run("replicate", "--data", bare, "--out", _dir.Path("r0")), "bare.csv", "lacks the outcome 'gap'", "the index 'dei'", "--study");
        // With them, the chapters whose columns are absent are skipped with the reason.
        var data = _dir.File("p.csv", GoodCsv);
        var run = CliHarness.Run("replicate", "--data", data, "--out", _dir.Path("results"), "--bootstrap", "0");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Stderr.Should().Contain("note: skipped").And.Contain("internet").And.Contain("gdppc");
    }

    [Fact]
    public void Replicate_into_a_file_instead_of_a_directory_is_a_user_error()
    {
        var file = _dir.File("results.txt", "x");
        ShouldBeUserError(CliHarness.Run("replicate", "--out", file), "is a file", "directory");
    }

    [Fact]
    public void Help_exits_0_and_lists_every_command()
    {
        var run = CliHarness.Run("--help");
        run.ExitCode.Should().Be(0, run.ToString());
        foreach (var command in new[] { "simulate", "index", "inequality", "fe", "mediate", "threshold", "replicate" })
            run.Stdout.Should().Contain(command);
    }
}
