using System.Text.Json;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>Pins the `did` JSON document on the bundled panel (Broadband China pilots) and its bad-input handling.</summary>
public class CliDidTests
{
    private static readonly string[] TopLevel =
        ["model", "estimator", "nobs", "n_units", "cohorts", "att_gt", "aggregate", "event_study", "pretrend", "bacon", "placebo", "coefficients", "missing"];

    private static JsonElement Run(params string[] extra)
    {
        var run = CliHarness.Run(["did", "--data", CliHarness.BundledPanel, "--y", "dei", "--cohort", "pilot_year", "--format", "json", .. extra]);
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        CliJsonShapeTests.Keys(doc).Should().Equal(TopLevel);
        doc.GetProperty("model").GetString().Should().Be("did");
        doc.GetProperty("cohorts").EnumerateArray().Select(c => c.GetInt64()).Should().Equal(2014L, 2015L, 2016L);
        CliJsonShapeTests.Keys(doc.GetProperty("missing")).Should().Equal("rows_dropped", "units_dropped");
        return doc;
    }

    [Fact]
    public void Callaway_santanna_document()
    {
        var doc = Run("--estimator", "cs", "--bootstrap", "99", "--seed", "3");
        doc.GetProperty("estimator").GetString().Should().Be("cs");
        doc.GetProperty("n_units").GetInt32().Should().Be(285);
        CliJsonShapeTests.Keys(doc.GetProperty("att_gt")[0]).Should().Equal("group", "time", "att", "se");
        var agg = doc.GetProperty("aggregate");
        CliJsonShapeTests.Keys(agg).Should().Equal("simple", "dynamic", "group", "calendar");
        CliJsonShapeTests.Keys(agg.GetProperty("simple")).Should().Equal("att", "se", "conf_low", "conf_high");
        CliJsonShapeTests.Keys(agg.GetProperty("dynamic")[0]).Should().Equal("e", "att", "se", "conf_low", "conf_high", "band_low", "band_high");
        agg.GetProperty("dynamic")[0].GetProperty("band_low").ValueKind.Should().Be(JsonValueKind.Number);
        CliJsonShapeTests.Keys(agg.GetProperty("group")[0]).Should().Equal("group", "att", "se", "conf_low", "conf_high", "band_low", "band_high");
        CliJsonShapeTests.Keys(agg.GetProperty("calendar")[0]).Should().Equal("time", "att", "se", "conf_low", "conf_high", "band_low", "band_high");
        doc.GetProperty("event_study").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Event_study_bacon_and_placebo_documents()
    {
        var ev = Run("--estimator", "event", "--leads", "3", "--lags", "3");
        CliJsonShapeTests.Keys(ev.GetProperty("event_study")[0]).Should().Equal("e", "estimate", "std_error", "conf_low", "conf_high");
        ev.GetProperty("event_study").GetArrayLength().Should().Be(7);
        CliJsonShapeTests.Keys(ev.GetProperty("pretrend")).Should().Equal("statistic", "df", "df_denominator", "p_value");
        var bacon = Run("--estimator", "bacon");
        CliJsonShapeTests.Keys(bacon.GetProperty("bacon")[0]).Should().Equal("type", "treated", "control", "weight", "estimate");
        bacon.GetProperty("bacon").EnumerateArray().Sum(b => b.GetProperty("weight").GetDouble()).Should().BeApproximately(1, 1e-10);
        var placebo = Run("--estimator", "placebo", "--reps", "50");
        CliJsonShapeTests.Keys(placebo.GetProperty("placebo")).Should().Equal("reps", "p_value", "quantiles");
        CliJsonShapeTests.Keys(placebo.GetProperty("placebo").GetProperty("quantiles")).Should().Equal("2.5", "5", "50", "95", "97.5");
    }

    [Theory]
    [InlineData("--estimator", "nope")]
    [InlineData("--cohort", "no_such_column")]
    [InlineData("--bootstrap", "-1")]
    public void Bad_options_exit_2_with_one_line(string option, string value)
    {
        var args = new List<string> { "did", "--data", CliHarness.BundledPanel, "--y", "dei", "--cohort", "pilot_year" };
        int i = args.IndexOf(option);
        if (i >= 0) args[i + 1] = value; else args.AddRange([option, value]);
        var run = CliHarness.Run([.. args]);
        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Trim().Split('\n').Should().HaveCount(1);
    }
}

/// <summary>The replicate chapter on policy evaluation skips, with its reason, on a panel without the pilot column.</summary>
public class PolicyEvaluationChapterTests
{
    [Fact]
    public void Skips_with_a_reason_when_pilot_year_is_absent()
    {
        using var dir = new TempDirectory();
        var panel = new Tests.Did.StaggeredDgp().Build(1);
        var ctx = new DigitalEconomy.Cli.Replication.ReplicationContext(
            new DigitalEconomy.Cli.Infrastructure.CliConsole(new StringWriter(), new StringWriter()),
            new DigitalEconomy.Cli.Infrastructure.CommonSettings("", "id", "year", DigitalEconomy.Cli.Infrastructure.OutputFormat.Text, null, null, false),
            new DigitalEconomy.Cli.Replication.ReplicationOptions(), panel, dir.PathName);
        DigitalEconomy.Cli.Replication.PolicyEvaluationChapter.Run(ctx);
        ctx.Summary.Skipped.Should().ContainSingle().Which.Should().Contain("pilot_year");
        ctx.Sections.Single().Interpretation.Should().StartWith("Not run:");
        ctx.Files.Should().BeEmpty();
    }
}
