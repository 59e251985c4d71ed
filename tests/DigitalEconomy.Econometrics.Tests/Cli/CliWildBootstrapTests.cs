using System.Text.Json;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>The <c>fe --wild-bootstrap</c> document: its keys are a contract, its numbers reproducible for a seed.</summary>
public class CliWildBootstrapTests
{
    private static string[] Fe(params string[] extra) =>
        ["fe", "--data", CliHarness.BundledPanel, "--entity", "city", "--time", "year", "--y", "gap", "--x", "dei,gov,open",
            "--vcov", "cluster:province", .. extra];

    [Fact]
    public void Fe_json_gains_the_wild_bootstrap_block()
    {
        var run = CliHarness.Run(Fe("--wild-bootstrap", "999", "--wild-test", "dei", "--seed", "7", "--format", "json"));
        run.ExitCode.Should().Be(0, run.ToString());
        var wild = run.Json().GetProperty("wild_bootstrap");
        CliJsonShapeTests.Keys(wild).Should().Equal("test", "null", "t", "p_value", "conf_set", "reps", "weights", "type", "ptype",
            "enumerated", "clusters", "bootstrap_cluster", "level");
        wild.GetProperty("test").GetString().Should().Be("dei");
        wild.GetProperty("reps").GetInt32().Should().Be(999);
        wild.GetProperty("clusters").GetInt32().Should().Be(30);
        wild.GetProperty("enumerated").GetBoolean().Should().BeFalse();
        wild.GetProperty("weights").GetString().Should().Be("rademacher");
        wild.GetProperty("conf_set").EnumerateArray().Should().OnlyContain(p => p.GetArrayLength() == 2);
        // The t of the wild test is the document's own clustered t of dei.
        var dei = run.Json().GetProperty("coefficients").EnumerateArray().First(c => c.GetProperty("name").GetString() == "dei");
        wild.GetProperty("t").GetDouble().Should().BeApproximately(dei.GetProperty("t").GetDouble(), 1e-9);
        // Same seed, same document.
        CliHarness.Run(Fe("--wild-bootstrap", "999", "--wild-test", "dei", "--seed", "7", "--format", "json")).Stdout.Should().Be(run.Stdout);
    }

    [Fact]
    public void Without_the_option_the_document_is_unchanged()
    {
        var run = CliHarness.Run(Fe("--format", "json"));
        run.Json().TryGetProperty("wild_bootstrap", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("--wild-test", "foo", "*--wild-test 'foo' is not one of the regressors*")]
    [InlineData("--wild-weights", "gamma", "*'gamma' not recognized*rademacher*")]
    [InlineData("--wild-cluster", "nowhere", "*--wild-cluster 'nowhere' is not a column*")]
    public void Bad_wild_options_are_one_line_errors(string option, string value, string message)
    {
        var run = CliHarness.Run(Fe("--wild-bootstrap", "99", option, value));
        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Trim().Should().Match(message);
        run.Stderr.Trim().Split('\n').Should().HaveCount(1);
    }
}
