using System.Text.Json;
using DigitalEconomy.Econometrics.Simulation;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using FluentAssertions;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>
/// `fe`, `threshold` and `simulate` end to end, in-process: the JSON documents of issue 7 key by key, numbers
/// that must equal published or generator values, and every table format.
/// </summary>
public class CliModelCommandTests
{
    internal static readonly string[] CoefficientKeys = ["name", "estimate", "std_error", "t", "p_value", "conf_low", "conf_high"];
    private static readonly CityPanelParameters Truth = new CityPanelOptions().Parameters;

    internal static JsonElement Coefficient(JsonElement coefficients, string name) =>
        coefficients.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    [Fact]
    public void Fe_json_has_the_pinned_regression_shape()
    {
        var run = CliHarness.Run("fe", "--y", "gap", "--x", "dei,gov,open", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        CliJsonShapeTests.Keys(doc).Should().Equal("model", "effects", "vcov", "nobs", "n_entities", "r2_within", "rss", "coefficients", "missing");
        doc.GetProperty("model").GetString().Should().Be("fixed_effects");
        doc.GetProperty("effects").EnumerateArray().Select(e => e.GetString()).Should().Equal("city", "year");
        doc.GetProperty("vcov").GetProperty("type").GetString().Should().Be("cluster");
        doc.GetProperty("vcov").GetProperty("clusters").EnumerateArray().Select(e => e.GetString()).Should().Equal("city");
        doc.GetProperty("nobs").GetInt32().Should().Be(3420);
        doc.GetProperty("n_entities").GetInt32().Should().Be(285);
        var coefficients = doc.GetProperty("coefficients");
        coefficients.EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().Equal("dei", "gov", "open");
        foreach (var c in coefficients.EnumerateArray())
        {
            CliJsonShapeTests.Keys(c).Should().Equal(CoefficientKeys);
            // The CI brackets the estimate and t = estimate / SE (same doubles, 1e-12 relative for rounding).
            c.GetProperty("conf_low").GetDouble().Should().BeLessThan(c.GetProperty("estimate").GetDouble());
            c.GetProperty("conf_high").GetDouble().Should().BeGreaterThan(c.GetProperty("estimate").GetDouble());
            (c.GetProperty("estimate").GetDouble() / c.GetProperty("std_error").GetDouble())
                .Should().BeApproximately(c.GetProperty("t").GetDouble(), 1e-12 * Math.Abs(c.GetProperty("t").GetDouble()));
        }
    }

    [ReferenceFact("grunfeld.csv")]
    public void Fe_reproduces_statas_clustered_grunfeld_standard_errors()
    {
        var run = CliHarness.Run("fe", "--data", ReferenceData.PathOf("grunfeld.csv"), "--entity", "firm", "--y", "inv", "--x", "value,capital",
            "--effects", "entity", "--vcov", "cluster:firm", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var coefficients = run.Json().GetProperty("coefficients");
        // Stata's published SEs carry 6 significant digits: compare to 5e-7 absolute.
        Coefficient(coefficients, "value").GetProperty("std_error").GetDouble().Should().BeApproximately(0.0151945, 5e-7);
        Coefficient(coefficients, "capital").GetProperty("std_error").GetDouble().Should().BeApproximately(0.0527518, 5e-7);
    }

    [Theory]
    [InlineData("classical", "classical", 0)]
    [InlineData("robust", "robust", 0)]
    [InlineData("cluster:city+year", "cluster", 2)]
    public void Fe_records_the_variance_type(string vcov, string type, int clusters)
    {
        var run = CliHarness.Run("fe", "--y", "gap", "--x", "dei", "--vcov", vcov, "--effects", "entity", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var v = run.Json().GetProperty("vcov");
        v.GetProperty("type").GetString().Should().Be(type);
        v.GetProperty("clusters").GetArrayLength().Should().Be(clusters);
        run.Json().GetProperty("effects").EnumerateArray().Select(e => e.GetString()).Should().Equal("city");
    }

    [Theory]
    [InlineData("text", "Observations")]
    [InlineData("markdown", "| Observations |")]
    [InlineData("latex", "\\midrule")]
    [InlineData("csv", "Observations,")]
    public void Fe_renders_every_table_format(string format, string marker)
    {
        var run = CliHarness.Run("fe", "--y", "gap", "--x", "dei", "--format", format);
        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain(marker);
    }

    [Fact]
    public void Threshold_json_has_the_pinned_shape_and_recovers_the_generators_threshold()
    {
        var run = CliHarness.Run("threshold", "--y", "gap", "--regime-x", "dei", "--x", "gov,open,hum,fin,ind_struct,urb", "--q", "ln_gdppc",
            "--thresholds", "2", "--bootstrap", "20", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        CliJsonShapeTests.Keys(doc).Should().Equal("model", "nobs", "sse0", "models", "missing");
        doc.GetProperty("model").GetString().Should().Be("threshold");
        doc.GetProperty("nobs").GetInt32().Should().Be(3420);
        var models = doc.GetProperty("models").EnumerateArray().ToArray();
        models.Select(m => m.GetProperty("k").GetInt32()).Should().Equal(1, 2);
        foreach (var m in models)
        {
            CliJsonShapeTests.Keys(m).Should().Equal("k", "thresholds", "ci", "sse", "f_stat", "p_value", "crit", "coefficients", "lr_curve");
            CliJsonShapeTests.Keys(m.GetProperty("crit")).Should().Equal("10", "5", "1");
            m.GetProperty("ci").GetArrayLength().Should().Be(m.GetProperty("k").GetInt32());
            foreach (var c in m.GetProperty("coefficients").EnumerateArray())
                CliJsonShapeTests.Keys(c).Should().Equal(CoefficientKeys);
        }
        var single = models[0];
        // The grid holds sample values of q, so γ̂ is the nearest candidate to the true 10.8: within 0.01 (grid spacing near 10.8 is ~0.003).
        single.GetProperty("thresholds")[0].GetDouble().Should().BeApproximately(Truth.Threshold, 0.01);
        // With 20 replications the smallest attainable p-value is 0; the effect is strong (F in the thousands).
        single.GetProperty("p_value").GetDouble().Should().BeLessThan(0.05);
        var coefficients = single.GetProperty("coefficients");
        var below = Coefficient(coefficients, "dei_regime1");
        var above = Coefficient(coefficients, "dei_regime2");
        below.GetProperty("conf_low").GetDouble().Should().BeLessThanOrEqualTo(Truth.DeiEffectBelowThreshold);
        below.GetProperty("conf_high").GetDouble().Should().BeGreaterThanOrEqualTo(Truth.DeiEffectBelowThreshold);
        above.GetProperty("conf_low").GetDouble().Should().BeLessThanOrEqualTo(Truth.DeiEffectAboveThreshold);
        above.GetProperty("conf_high").GetDouble().Should().BeGreaterThanOrEqualTo(Truth.DeiEffectAboveThreshold);
    }

    [Fact]
    public void Out_sends_the_document_to_the_file_and_a_note_to_stderr()
    {
        using var dir = new TempDirectory();
        var path = dir.Path("sub/fe.json");
        var run = CliHarness.Run("fe", "--y", "gap", "--x", "dei", "--format", "json", "--out", path);
        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().BeEmpty();
        run.Stderr.Should().Contain("Wrote").And.Contain("fe.json");
        JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("nobs").GetInt32().Should().Be(3420);
    }

    [Fact]
    public void Threshold_is_reproducible_for_a_seed()
    {
        string[] args = ["threshold", "--y", "gap", "--regime-x", "dei", "--q", "ln_gdppc", "--bootstrap", "10", "--seed", "7", "--format", "json"];
        CliHarness.Run(args).Stdout.Should().Be(CliHarness.Run(args).Stdout);
    }

    [Fact]
    public void Simulate_with_the_default_seed_reproduces_the_bundled_panel_byte_for_byte()
    {
        var run = CliHarness.Run("simulate");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.ReplaceLineEndings("\n").Should().Be(File.ReadAllText(CliHarness.BundledPanel).ReplaceLineEndings("\n"));
    }
}

/// <summary>`mediate` end to end: the pinned JSON shape, the OLS identity c = c′ + a·b, and reproducibility.</summary>
public class CliMediateCommandTests
{
    private static readonly string[] Args =
        ["mediate", "--y", "gap", "--x", "dei", "--m", "agg,innov", "--controls", "gov,open,hum,fin,ind_struct,urb", "--bootstrap", "40", "--seed", "11", "--format", "json"];

    [Fact]
    public void Mediate_json_has_the_pinned_shape_and_the_stepwise_identity_holds()
    {
        var run = CliHarness.Run(Args);
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        CliJsonShapeTests.Keys(doc).Should().Equal("mediators", "missing", "parallel");
        var parallel = doc.GetProperty("parallel");
        CliJsonShapeTests.Keys(parallel).Should().Equal("c_prime", "specific", "total_indirect", "total_indirect_bootstrap");
        parallel.GetProperty("specific").EnumerateArray().Select(e => e.GetProperty("name").GetString()).Should().Equal("agg", "innov");
        // Parallel model: the specific effects add up to the total indirect effect.
        parallel.GetProperty("specific").EnumerateArray().Sum(e => e.GetProperty("indirect").GetDouble())
            .Should().BeApproximately(parallel.GetProperty("total_indirect").GetDouble(), 1e-12);
        var mediators = doc.GetProperty("mediators").EnumerateArray().ToArray();
        mediators.Select(m => m.GetProperty("name").GetString()).Should().Equal("agg", "innov");
        foreach (var m in mediators)
        {
            CliJsonShapeTests.Keys(m).Should().Equal("name", "a", "b", "c", "c_prime", "indirect", "sobel", "bootstrap");
            foreach (var path in new[] { "a", "b", "c", "c_prime" })
                CliJsonShapeTests.Keys(m.GetProperty(path)).Should().Equal(CliModelCommandTests.CoefficientKeys);
            CliJsonShapeTests.Keys(m.GetProperty("sobel")).Should().Equal("se", "z", "p_value");
            CliJsonShapeTests.Keys(m.GetProperty("bootstrap")).Should().Equal("reps", "percentile", "bc", "bca");
            m.GetProperty("bootstrap").GetProperty("percentile").GetArrayLength().Should().Be(2);
            double a = m.GetProperty("a").GetProperty("estimate").GetDouble(), b = m.GetProperty("b").GetProperty("estimate").GetDouble();
            m.GetProperty("indirect").GetDouble().Should().BeApproximately(a * b, 1e-12 * Math.Abs(a * b));
            // Same sample, same FE and controls: c = c′ + a·b is an OLS identity (1e-10 for accumulated rounding).
            (m.GetProperty("c_prime").GetProperty("estimate").GetDouble() + a * b)
                .Should().BeApproximately(m.GetProperty("c").GetProperty("estimate").GetDouble(), 1e-10);
        }
    }

    [Fact]
    public void Mediate_is_reproducible_for_a_seed() =>
        CliHarness.Run(Args).Stdout.Should().Be(CliHarness.Run(Args).Stdout);

    [Fact]
    public void Mediate_without_bootstrap_writes_null()
    {
        var run = CliHarness.Run("mediate", "--y", "gap", "--x", "dei", "--m", "agg", "--bootstrap", "0", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Json().GetProperty("mediators")[0].GetProperty("bootstrap").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public void Mediate_unknown_mediator_is_a_user_error()
    {
        var run = CliHarness.Run("mediate", "--y", "gap", "--x", "dei", "--m", "agg,patents");
        run.ExitCode.Should().Be(DigitalEconomy.Cli.CliApp.UserError, run.ToString());
        run.Stderr.Should().Contain("--m").And.Contain("'patents'");
    }
}
