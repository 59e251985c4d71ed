using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>
/// <c>re</c> and <c>hausman</c> on Grunfeld against the values published for Stata <c>xtreg, re</c> / plm
/// (value 0.109781 with SE 0.010493, σ_u = 84.20095, σ_e = 52.76797, θ = 0.8612; Hausman χ²(2) = 2.3304,
/// p = 0.3119), to half a unit in the last printed digit, and the shape of both JSON documents.
/// </summary>
public sealed class CliRandomEffectsTests
{
    private static string Grunfeld => Path.Combine(Infrastructure.ReferenceData.RepositoryRoot, "build", "consumer", "grunfeld.csv");

    private static JsonElement Coefficient(JsonElement doc, string name) =>
        doc.GetProperty("coefficients").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    [Fact]
    public void Re_reproduces_xtreg_re_on_grunfeld()
    {
        var run = CliHarness.Run("re", "--data", Grunfeld, "--entity", "firm", "--time", "year", "--y", "inv", "--x", "value,capital", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        doc.GetProperty("model").GetString().Should().Be("random_effects");
        doc.GetProperty("vcov").GetProperty("type").GetString().Should().Be("classical");
        doc.GetProperty("nobs").GetInt32().Should().Be(200);
        doc.GetProperty("n_entities").GetInt32().Should().Be(10);
        Coefficient(doc, "value").GetProperty("estimate").GetDouble().Should().BeApproximately(0.109781, 5e-7);
        Coefficient(doc, "value").GetProperty("std_error").GetDouble().Should().BeApproximately(0.010493, 5e-7);
        var c = doc.GetProperty("random_effects");
        c.GetProperty("sigma_u").GetDouble().Should().BeApproximately(84.20095, 5e-6);
        c.GetProperty("sigma_e").GetDouble().Should().BeApproximately(52.76797, 5e-6);
        c.GetProperty("theta_min").GetDouble().Should().BeApproximately(0.8612, 5e-5);
        c.GetProperty("theta_max").GetDouble().Should().Be(c.GetProperty("theta_min").GetDouble());
        doc.TryGetProperty("fit", out _).Should().BeFalse();
        doc.GetProperty("missing").GetProperty("rows_dropped").GetInt32().Should().Be(0);
    }

    [Fact]
    public void Hausman_reproduces_phtest_on_grunfeld()
    {
        var run = CliHarness.Run("hausman", "--data", Grunfeld, "--entity", "firm", "--time", "year", "--y", "inv", "--x", "value,capital", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        doc.GetProperty("statistic").GetDouble().Should().BeApproximately(2.3304, 5e-5);
        doc.GetProperty("df").GetInt32().Should().Be(2);
        doc.GetProperty("p_value").GetDouble().Should().BeApproximately(0.3119, 5e-5);
        doc.GetProperty("coefficients").EnumerateArray().Select(e => e.GetString()).Should().Equal("value", "capital");
        doc.GetProperty("fixed_effects").GetProperty("model").GetString().Should().Be("fixed_effects");
        doc.GetProperty("random_effects").GetProperty("model").GetString().Should().Be("random_effects");
    }

    [Fact]
    public void Hausman_text_output_states_the_null()
    {
        var run = CliHarness.Run("hausman", "--data", Grunfeld, "--entity", "firm", "--time", "year", "--y", "inv", "--x", "value,capital");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain("Hausman").And.Contain("2.3304");
    }

    [Fact]
    public void Re_rejects_two_way_clustering_with_one_line()
    {
        var run = CliHarness.Run("re", "--data", Grunfeld, "--entity", "firm", "--time", "year", "--y", "inv", "--x", "value", "--vcov", "cluster:firm+year");
        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("one cluster column");
    }
}
