using System.Globalization;
using System.Text;
using System.Text.Json;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Tests.Gmm;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>
/// The <c>gmm</c> command: the full JSON document's keys are pinned, EmplUK column (b) comes through the CLI
/// with plm's numbers (1e-9 relative: the CSV round-trip writes shortest round-trip doubles), and bad options
/// exit with code 2 and one line.
/// </summary>
public sealed class CliGmmTests
{
    private static string Csv(PanelData panel, params string[] columns)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(',', new[] { panel.EntityName, panel.TimeName }.Concat(columns)));
        for (int r = 0; r < panel.RowCount; r++)
            sb.AppendLine(string.Join(',', new[] { panel.Entities.LabelOf(r), panel.Times.LabelOf(r) }
                .Concat(columns.Select(c => panel.Column(c)[r].ToString("R", CultureInfo.InvariantCulture)))));
        return sb.ToString();
    }

    [Fact]
    public void Json_document_has_the_documented_shape()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ar1.csv", Csv(GmmTestPanels.Ar1(21, 60, 6, 0.6, 1.0), "y", "x"));
        var run = CliHarness.Run("gmm", "--data", path, "--entity", "id", "--formula", "y ~ l(y, 1) + x", "--gmm", "y:2:.",
            "--method", "system", "--steps", "two", "--robust", "--collapse", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        CliJsonShapeTests.Keys(doc).Should().Equal("model", "method", "steps", "robust", "nobs", "n_groups", "n_instruments",
            "coefficients", "ar", "sargan", "hansen", "difference_hansen", "missing", "hansen_one_step", "wald", "nobs_differenced", "notes");
        doc.GetProperty("model").GetString().Should().Be("gmm");
        doc.GetProperty("method").GetString().Should().Be("system");
        doc.GetProperty("steps").GetString().Should().Be("two");
        doc.GetProperty("n_groups").GetInt32().Should().Be(60);
        // Collapsed: lags 2..5 of y for the differenced equation (4), Δy_{t−1} for levels (1), x in each equation (2), constant (1).
        doc.GetProperty("n_instruments").GetInt32().Should().Be(8);
        CliJsonShapeTests.Keys(doc.GetProperty("ar")[0]).Should().Equal("order", "z", "p_value");
        doc.GetProperty("sargan").ValueKind.Should().Be(JsonValueKind.Null);
        CliJsonShapeTests.Keys(doc.GetProperty("hansen")).Should().Equal("statistic", "df", "p_value");
        CliJsonShapeTests.Keys(doc.GetProperty("difference_hansen")[0]).Should().Equal("instruments", "statistic", "df", "p_value", "hansen_excluding", "hansen_excluding_df");
        CliJsonShapeTests.Keys(doc.GetProperty("missing")).Should().Equal("rows_dropped", "entities_dropped", "by_column");
        doc.GetProperty("coefficients").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().Equal("L.y", "x", "(Intercept)");
    }

    [ReferenceFact]
    public void EmplUK_column_b_through_the_cli_matches_plm()
    {
        using var dir = new TempDirectory();
        var path = dir.File("empluk.csv", Csv(ArellanoBondReferenceTests.EmplUk(), "lemp", "lwage", "lcap", "lout"));
        var run = CliHarness.Run("gmm", "--data", path, "--entity", "firm", "--time", "year",
            "--formula", "lemp ~ l(lemp, 1:2) + l(lwage, 0:1) + lcap + l(lout, 0:1)", "--gmm", "lemp:2:.",
            "--steps", "two", "--time-effects", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        var expected = ReferenceData.Json("round2/gmm/gmm_expected.json").GetProperty("cases").GetProperty("ab91_b_twostep");
        doc.GetProperty("nobs").GetInt32().Should().Be(611);
        doc.GetProperty("n_instruments").GetInt32().Should().Be(38);
        var lag1 = doc.GetProperty("coefficients")[0];
        lag1.GetProperty("name").GetString().Should().Be("L.lemp");
        var b = expected.GetProperty("coefficients").GetProperty("lag(log(emp), 1:2)1");
        lag1.GetProperty("estimate").GetDouble().Should().BeApproximately(b.GetProperty("b").GetDouble(), 1e-9 * 0.48);
        lag1.GetProperty("std_error").GetDouble().Should().BeApproximately(b.GetProperty("se_nonrobust").GetDouble(), 1e-9 * 0.09);
        doc.GetProperty("hansen").GetProperty("statistic").GetDouble().Should().BeApproximately(expected.GetProperty("sargan").GetProperty("stat").GetDouble(), 1e-8 * 30.2);
        doc.GetProperty("ar")[1].GetProperty("z").GetDouble().Should().BeApproximately(expected.GetProperty("ar2").GetProperty("z_nonrobust").GetDouble(), 1e-8);
    }

    [Theory]
    [InlineData("--formula", "y = x", "must read 'y ~ term + term'")]
    [InlineData("--gmm", "y:2", "expected column:first:last")]
    [InlineData("--formula", "y ~ l(y, 2:1) + x", "decreasing")]
    [InlineData("--formula", "y ~ l(y, 1) + nosuch", "nosuch")]
    public void Bad_options_exit_2_with_one_line(string option, string value, string message)
    {
        using var dir = new TempDirectory();
        var path = dir.File("ar1.csv", Csv(GmmTestPanels.Ar1(22, 20, 6, 0.6, 1.0), "y", "x"));
        var args = new Dictionary<string, string> { ["--formula"] = "y ~ l(y, 1) + x", ["--gmm"] = "y:2:." };
        args[option] = value;
        var run = CliHarness.Run("gmm", "--data", path, "--entity", "id", "--formula", args["--formula"], "--gmm", args["--gmm"]);
        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Trim().Split('\n').Should().ContainSingle();
        run.Stderr.Should().Contain(message);
    }
}
