using System.Diagnostics;
using DigitalEconomy.Cli;
using DigitalEconomy.Cli.Infrastructure;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>
/// Outputs never destroy data: an output that is the input through a symlink or a hard link is refused, an
/// existing column is replaced only on request, replicate's folder is replaced only by a complete run and one
/// run at a time, and every I/O failure is exit 2 with one line.
/// </summary>
public sealed class CliDataSafetyTests : IDisposable
{
    private const string GoodCsv = "city,year,gap,dei,gov\nA,2008,0.1,0.2,0.3\nA,2009,0.2,0.3,0.1\nB,2008,0.3,0.1,0.2\nB,2009,0.4,0.5,0.6\nC,2008,0.2,0.4,0.1\nC,2009,0.1,0.2,0.5\n";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void ShouldBeUserError(CliRun run, params string[] fragments)
    {
        run.ExitCode.Should().Be(CliApp.UserError, run.ToString());
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(1, "a user error is one line: " + run.Stderr);
        lines[0].Should().StartWith("error: ");
        foreach (var f in fragments) run.Stderr.Should().Contain(f);
    }

    private static void Link(string command, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(command) { UseShellExecute = false, RedirectStandardError = true }.With(args))!;
        p.WaitForExit();
        p.ExitCode.Should().Be(0, p.StandardError.ReadToEnd());
    }

    [Fact]
    public void Out_through_a_symlink_to_the_input_is_refused_and_the_input_kept()
    {
        var data = _dir.File("p.csv", GoodCsv);
        var link = _dir.Path("link.csv");
        File.CreateSymbolicLink(link, data);
        var run = CliHarness.Run("index", "--data", data, "--indicators", "dei,gov", "--out", link);
        ShouldBeUserError(run, "is the input", "link");
        File.ReadAllText(data).Should().Be(GoodCsv);
    }

    [Fact]
    public void Out_as_a_hard_link_to_the_input_is_refused_and_the_input_kept()
    {
        if (OperatingSystem.IsWindows()) return; // hard links are made with ln here; identity is checked by stat on Unix
        var data = _dir.File("p.csv", GoodCsv);
        var link = _dir.Path("hard.csv");
        Link("ln", data, link);
        FileIdentity.Same(data, link).Should().BeTrue("a hard link shares the inode");
        FileIdentity.Same(data, _dir.File("copy.csv", GoodCsv)).Should().BeFalse("a copy is another file");
        var run = CliHarness.Run("fe", "--data", data, "--y", "gap", "--x", "dei", "--out", link);
        ShouldBeUserError(run, "is the input data file");
        File.ReadAllText(data).Should().Be(GoodCsv);
    }

    [Fact]
    public void Index_name_of_an_existing_column_needs_replace()
    {
        var data = _dir.File("p.csv", GoodCsv);
        var out1 = _dir.Path("scored.csv");
        ShouldBeUserError(CliHarness.Run("index", "--data", data, "--indicators", "dei,gov", "--name", "gap", "--out", out1), "--name gap", "--replace");
        File.Exists(out1).Should().BeFalse();
        var ok = CliHarness.Run("index", "--data", data, "--indicators", "dei,gov", "--name", "gap", "--replace", "--out", out1);
        ok.ExitCode.Should().Be(0, ok.ToString());
        File.ReadAllLines(out1)[0].Should().Be("city,year,gap,dei,gov");
        ShouldBeUserError(CliHarness.Run("index", "--data", data, "--indicators", "dei,gov", "--name", "year", "--replace", "--out", out1), "time key");
    }

    [Theory]
    [InlineData("fe")]
    [InlineData("index")]
    public void Empty_out_is_a_user_error(string command)
    {
        var data = _dir.File("p.csv", GoodCsv);
        var args = command == "fe" ? new[] { "fe", "--data", data, "--y", "gap", "--x", "dei", "--out", "" } : ["index", "--data", data, "--indicators", "dei,gov", "--out", ""];
        ShouldBeUserError(CliHarness.Run(args), "--out is empty");
    }

    [Fact]
    public void Out_naming_a_directory_is_a_user_error()
    {
        var data = _dir.File("p.csv", GoodCsv);
        ShouldBeUserError(CliHarness.Run("fe", "--data", data, "--y", "gap", "--x", "dei", "--out", _dir.PathName), "is a directory");
    }

    [Fact]
    public void Disk_full_is_exit_2_with_one_line()
    {
        if (!File.Exists("/dev/full")) return; // Linux's always-full device
        var data = _dir.File("p.csv", GoodCsv);
        ShouldBeUserError(CliHarness.Run("fe", "--data", data, "--y", "gap", "--x", "dei", "--out", "/dev/full"), "/dev/full");
    }

    [Fact]
    public void Csv_outputs_escape_formula_cells()
    {
        var data = _dir.File("p.csv", "city,year,note,dei,gov\n\"=HYPERLINK(\"\"x\"\")\",2008,+cmd|' /C calc'!A0,0.2,0.3\n\"=HYPERLINK(\"\"x\"\")\",2009,@SUM(A1),-0.3,0.1\nB,2008,-2+3,0.1,0.2\nB,2009,ok,0.5,0.6\n");
        var out1 = _dir.Path("scored.csv");
        var run = CliHarness.Run("index", "--data", data, "--indicators", "dei,gov", "--out", out1);
        run.ExitCode.Should().Be(0, run.ToString());
        var text = File.ReadAllText(out1);
        text.Should().Contain("\"'=HYPERLINK(\"\"x\"\")\"").And.Contain("'+cmd|' /C calc'!A0").And.Contain("'@SUM(A1)").And.Contain("'-2+3");
        text.Should().Contain(",-0.3,", "a negative number is not a formula");
    }

    [Fact]
    public void Table_csv_escapes_formula_cells_but_not_signed_numbers()
    {
        var table = new Econometrics.Reporting.TableBuilder("t").Columns("", "=cmd", "(1)").Row("@SUM(A1)", "-0.123***", "-2+3+cmd|' /C calc'!A0").Build();
        var csv = table.Render(Econometrics.Reporting.TableFormat.Csv);
        csv.Should().Contain("'=cmd").And.Contain("'@SUM(A1)").And.Contain(",-0.123***,").And.Contain("'-2+3+cmd");
        Econometrics.Data.CsvCells.Escape("=1+1").Should().Be("'=1+1");
        Econometrics.Data.CsvCells.Escape("-0.123***").Should().Be("-0.123***");
        Econometrics.Data.CsvCells.Escape("-1.5e-3").Should().Be("-1.5e-3");
        Econometrics.Data.CsvCells.Escape("-2+3+cmd|' /C calc'!A0").Should().StartWith("'");
        Econometrics.Data.CsvCells.Escape("\tx").Should().Be("'\tx");
        Econometrics.Data.CsvCells.Escape("\rx").Should().Be("'\rx");
        Econometrics.Data.CsvCells.Escape("(0.012)").Should().Be("(0.012)");
    }

    private static CommonSettings Settings(string data) => new(data, "city", "year", OutputFormat.Text, null, null, false);

    [Fact]
    public void Results_folder_unfinished_run_leaves_previous_results_intact()
    {
        var data = _dir.File("p.csv", GoodCsv);
        var final = _dir.Path("results");
        using (var first = ResultsFolder.Begin(Settings(data), final))
        {
            File.WriteAllText(Path.Combine(first.Staging, "report.md"), "old report");
            first.Commit();
        }
        File.ReadAllText(Path.Combine(final, "report.md")).Should().Be("old report");
        using (var interrupted = ResultsFolder.Begin(Settings(data), final))
        {
            File.WriteAllText(Path.Combine(interrupted.Staging, "table01.md"), "half");
            // no Commit: the run stopped
        }
        Directory.GetFiles(final).Select(Path.GetFileName).Should().BeEquivalentTo(["report.md", ResultsFolder.MarkerFile]);
        File.ReadAllText(Path.Combine(final, "report.md")).Should().Be("old report");
        Directory.GetDirectories(_dir.PathName).Should().Equal([final], "no half-written folder is left behind");
        using (var second = ResultsFolder.Begin(Settings(data), final))
        {
            File.WriteAllText(Path.Combine(second.Staging, "report.md"), "new report");
            second.Commit();
        }
        File.ReadAllText(Path.Combine(final, "report.md")).Should().Be("new report");
    }

    [Fact]
    public void Results_folder_refuses_a_concurrent_run_a_user_folder_and_a_folder_holding_the_input()
    {
        var data = _dir.File("p.csv", GoodCsv);
        var final = _dir.Path("results");
        using (ResultsFolder.Begin(Settings(data), final))
        {
            var concurrent = () => ResultsFolder.Begin(Settings(data), final);
            concurrent.Should().Throw<SpecificationException>().WithMessage("*another replicate run is writing into this folder*");
        }
        var mine = _dir.Path("mine");
        Directory.CreateDirectory(mine);
        File.WriteAllText(Path.Combine(mine, "thesis.docx"), "precious");
        var userFolder = () => ResultsFolder.Begin(Settings(data), mine);
        userFolder.Should().Throw<SpecificationException>().WithMessage("*already holds files that replicate did not write*");
        var holding = () => ResultsFolder.Begin(Settings(data), _dir.PathName);
        holding.Should().Throw<SpecificationException>().WithMessage("*contains the input file*");
        File.ReadAllText(Path.Combine(mine, "thesis.docx")).Should().Be("precious");
    }

    [Fact]
    public void Replicate_out_holding_user_files_is_exit_2()
    {
        var mine = _dir.Path("mine");
        Directory.CreateDirectory(mine);
        File.WriteAllText(Path.Combine(mine, "notes.txt"), "x");
        ShouldBeUserError(CliHarness.Run("replicate", "--out", mine, "--bootstrap", "0"), "already holds files");
    }

    [Fact]
    public void Seed_that_is_not_a_number_says_what_was_expected()
    {
        var data = _dir.File("p.csv", GoodCsv);
        var run = CliHarness.Run("mediate", "--data", data, "--y", "gap", "--x", "dei", "--m", "gov", "--seed", "abc");
        ShouldBeUserError(run, "--seed \"abc\" is not a non-negative integer");
        run.Stderr.Should().NotContain("System.Nullable");
    }

    [Fact]
    public void Messages_name_cli_options_not_library_settings()
    {
        var semicolons = _dir.File("eu.csv", "city;year;gap;dei\nA;2008;0,1;0,2\nA;2009;0,2;0,3\n");
        var run = CliHarness.Run("fe", "--data", semicolons, "--delimiter", ",", "--y", "gap", "--x", "dei");
        ShouldBeUserError(run, "(--delimiter)");
        run.Stderr.Should().NotContain("library").And.NotContain("CsvReadOptions");
        var months = _dir.File("t.csv", "city,year,gap,dei\nA,spring,0.1,0.2\nA,summer,0.2,0.3\n");
        var text = CliHarness.Run("fe", "--data", months, "--y", "gap", "--x", "dei");
        ShouldBeUserError(text, "(--time-ordinal)");
        text.Stderr.Should().NotContain("OrdinalTime");
        // Auto-detection reads the same semicolon file without any option.
        var auto = CliHarness.Run("inequality", "--data", semicolons, "--var", "gap", "--format", "json");
        auto.ExitCode.Should().Be(0, auto.ToString());
    }

    [Fact]
    public void Directory_as_data_says_it_is_a_directory()
    {
        ShouldBeUserError(CliHarness.Run("fe", "--data", _dir.PathName, "--y", "gap", "--x", "dei"), "is a directory");
    }

    [Fact]
    public void Regressors_beyond_1e150_are_estimated_by_fe_and_refused_where_not_rescaled()
    {
        var data = _dir.File("big.csv", "city,year,gap,dei\nA,2008,0.1,2e200\nA,2009,0.2,3e200\nB,2008,0.3,1e200\nB,2009,0.4,5e200\nC,2008,0.2,4e200\nC,2009,0.1,2e200\n");
        var small = _dir.File("small.csv", "city,year,gap,dei\nA,2008,0.1,2\nA,2009,0.2,3\nB,2008,0.3,1\nB,2009,0.4,5\nC,2008,0.2,4\nC,2009,0.1,2\n");
        // fe scales its regressors: the same t statistic as in units 1e-200, and no collinearity note.
        var run = CliHarness.Run("fe", "--data", data, "--y", "gap", "--x", "dei", "--effects", "none", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Stderr.Should().NotContain("collinear");
        var unit = CliHarness.Run("fe", "--data", small, "--y", "gap", "--x", "dei", "--effects", "none", "--format", "json");
        double T(CliRun r) => System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement.GetProperty("coefficients")
            .EnumerateArray().First(c => c.GetProperty("name").GetString() == "dei").GetProperty("t").GetDouble();
        T(run).Should().BeApproximately(T(unit), 1e-9 * Math.Abs(T(unit)), "t does not depend on units (JSON rounding aside)");
        // The outcome is not rescaled, and the other estimators square their columns as given: still a clear error.
        var bigY = _dir.File("bigy.csv", "city,year,gap,dei\nA,2008,1e200,2\nA,2009,2e200,3\nB,2008,3e200,1\nB,2009,4e200,5\nC,2008,2e200,4\nC,2009,1e200,2\n");
        ShouldBeUserError(CliHarness.Run("fe", "--data", bigY, "--y", "gap", "--x", "dei", "--effects", "none"), "--y", "column 'gap'", "rescale");
        ShouldBeUserError(CliHarness.Run("re", "--data", data, "--y", "gap", "--x", "dei"), "--x", "column 'dei'", "rescale");
    }

    [Fact]
    public void Binary_file_as_data_is_one_short_line()
    {
        var path = _dir.Path("blob.csv");
        var bytes = new byte[40_000];
        new Random(1).NextBytes(bytes);
        bytes[10] = 0;
        File.WriteAllBytes(path, bytes);
        var run = CliHarness.Run("fe", "--data", path, "--y", "gap", "--x", "dei");
        ShouldBeUserError(run, "binary file");
        run.Stderr.Length.Should().BeLessThan(300);
    }
}

internal static class ProcessStartInfoExtensions
{
    public static ProcessStartInfo With(this ProcessStartInfo info, string[] args)
    {
        foreach (var a in args) info.ArgumentList.Add(a);
        return info;
    }
}

/// <summary>Missing values through the CLI: counted in every JSON document that drops rows, and `index --missing`.</summary>
public sealed class CliMissingValueTests : IDisposable
{
    private const string WithHoles = "city,year,gap,dei,gov\nA,2008,0.1,0.2,0.3\nA,2009,NA,0.3,0.1\nB,2008,0.3,,0.2\nB,2009,0.4,0.5,0.6\nC,2008,0.2,0.4,0.1\nC,2009,0.1,0.2,0.5\n";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Inequality_json_reports_dropped_rows()
    {
        var run = CliHarness.Run("inequality", "--data", _dir.File("p.csv", WithHoles), "--var", "gap", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var missing = run.Json().GetProperty("missing");
        missing.GetProperty("rows_dropped").GetInt32().Should().Be(1);
        missing.GetProperty("entities_dropped").GetInt32().Should().Be(0);
        missing.GetProperty("by_column").GetProperty("gap").GetInt32().Should().Be(1);
    }

    [Fact]
    public void Fe_and_mediate_json_report_dropped_rows()
    {
        var data = _dir.File("p.csv", WithHoles);
        var fe = CliHarness.Run("fe", "--data", data, "--y", "gap", "--x", "dei", "--effects", "none", "--vcov", "robust", "--format", "json");
        fe.ExitCode.Should().Be(0, fe.ToString());
        var missing = fe.Json().GetProperty("missing");
        missing.GetProperty("rows_dropped").GetInt32().Should().Be(2);
        missing.GetProperty("by_column").GetProperty("gap").GetInt32().Should().Be(1);
        missing.GetProperty("by_column").GetProperty("dei").GetInt32().Should().Be(1);
    }

    [Fact]
    public void Index_is_listwise_by_default_and_error_on_request()
    {
        var data = _dir.File("p.csv", WithHoles);
        var run = CliHarness.Run("index", "--data", data, "--indicators", "dei,gov", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        doc.GetProperty("missing").GetProperty("rows_dropped").GetInt32().Should().Be(1);
        doc.GetProperty("missing").GetProperty("by_column").GetProperty("dei").GetInt32().Should().Be(1);
        doc.GetProperty("rows").EnumerateArray().Count(r => r.GetProperty("score").ValueKind == System.Text.Json.JsonValueKind.Null).Should().Be(1);
        var error = CliHarness.Run("index", "--data", data, "--indicators", "dei,gov", "--missing", "error");
        error.ExitCode.Should().Be(CliApp.UserError, error.ToString());
        error.Stderr.Should().Contain("--missing listwise").And.NotContain("MissingValues");
    }
}
