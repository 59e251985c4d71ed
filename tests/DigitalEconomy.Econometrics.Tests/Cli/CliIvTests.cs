using System.Text.Json;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Iv;
using DigitalEconomy.Econometrics.Tests.Iv;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>The <c>iv</c> command: its JSON document is pinned field by field and its numbers are the library's.</summary>
public sealed class CliIvTests
{
    private const string Formula = "y ~ w | city + year | d1 + d2 ~ z1 + z2 + z3";

    private static string[] Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void Iv_json_document_has_the_documented_shape_and_the_library_numbers()
    {
        using var dir = new TempDirectory();
        var panel = IvTestData.Panel(5, 20, 6, unbalanced: true);
        var path = dir.Path("iv.csv");
        PanelCsv.Write(panel, path);
        var run = CliHarness.Run("iv", "--data", path, "--formula", Formula, "--vcov", "cluster:city", "--estimator", "liml", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var json = run.Json();
        Keys(json).Should().Equal("model", "estimator", "nobs", "vcov", "small", "coefficients", "first_stage", "weak_identification",
            "overidentification", "endogeneity", "anderson_rubin", "missing");
        json.GetProperty("model").GetString().Should().Be("iv");
        json.GetProperty("estimator").GetString().Should().Be("liml");
        Keys(json.GetProperty("first_stage")[0]).Should().Equal("endogenous", "f", "sw_f", "ap_f", "partial_r2", "df1", "df2", "coefficients");
        Keys(json.GetProperty("weak_identification")).Should().Equal("cragg_donald_f", "kp_wald_f", "kp_lm", "kp_lm_df", "kp_lm_p",
            "stock_yogo", "underidentification", "stock_yogo_source");
        Keys(json.GetProperty("overidentification")).Should().Equal("name", "statistic", "df", "p_value");
        Keys(json.GetProperty("endogeneity")).Should().Equal("name", "statistic", "df", "p_value");
        Keys(json.GetProperty("anderson_rubin")).Should().Equal("f", "p_value", "df1", "df2", "level", "conf_set", "description");
        json.GetProperty("anderson_rubin").GetProperty("conf_set").ValueKind.Should().Be(JsonValueKind.Null, "two endogenous regressors");
        Keys(json.GetProperty("missing")).Should().Equal("rows_dropped", "entities_dropped", "by_column");
        Keys(json.GetProperty("coefficients")[0]).Should().Equal("name", "estimate", "std_error", "t", "p_value", "conf_low", "conf_high");

        var fit = IvRegression.Fit(PanelCsv.Read(path, "city", "year"), Formula, new IvOptions { Estimator = IvEstimator.Liml, Vcov = Vcov.Cluster("city") });
        json.GetProperty("nobs").GetInt32().Should().Be(fit.Observations);
        var d1 = json.GetProperty("coefficients")[0];
        d1.GetProperty("name").GetString().Should().Be("d1");
        d1.GetProperty("estimate").GetDouble().Should().Be(fit["d1"].Estimate);
        d1.GetProperty("std_error").GetDouble().Should().Be(fit["d1"].StdError);
        json.GetProperty("weak_identification").GetProperty("kp_wald_f").GetDouble().Should().Be(fit.WeakIdentification.KleibergenPaapWaldF!.Value);
        json.GetProperty("overidentification").GetProperty("name").GetString().Should().Be("hansen_j");
        json.GetProperty("weak_identification").GetProperty("stock_yogo").GetProperty("liml_size").GetProperty("size_10pct").GetDouble()
            .Should().Be(StockYogoTables.Lookup("liml_size", 2, 3).Single(v => v.Threshold == "size_10pct").Value);
    }

    [Fact]
    public void One_endogenous_regressor_reports_the_Anderson_Rubin_set_and_text_tables()
    {
        using var dir = new TempDirectory();
        var path = dir.Path("iv.csv");
        PanelCsv.Write(IvTestData.SingleEndogenous(6, 20, 6), path);
        var run = CliHarness.Run("iv", "--data", path, "--formula", "y ~ w | city + year | d1 ~ z1 + z2", "--vcov", "classical", "--no-small", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var json = run.Json();
        json.GetProperty("small").GetBoolean().Should().BeFalse();
        json.GetProperty("anderson_rubin").GetProperty("conf_set").GetArrayLength().Should().BeGreaterThan(0);
        json.GetProperty("overidentification").GetProperty("name").GetString().Should().Be("sargan");
        json.GetProperty("weak_identification").GetProperty("kp_wald_f").ValueKind.Should().Be(JsonValueKind.Null);
        var text = CliHarness.Run("iv", "--data", path, "--formula", "y ~ w | city + year | d1 ~ z1 + z2");
        text.ExitCode.Should().Be(0, text.ToString());
        text.Stdout.Should().Contain("Reduced form").And.Contain("First stage").And.Contain("Cragg–Donald").And.Contain("Stock and Yogo (2005)");
    }

    [Theory]
    [InlineData("--estimator", "3sls")]
    [InlineData("--estimator", "fuller:-1")]
    [InlineData("--formula", "y ~ w | city")]
    public void Bad_options_exit_2_with_one_line(string option, string value)
    {
        using var dir = new TempDirectory();
        var path = dir.Path("iv.csv");
        PanelCsv.Write(IvTestData.Panel(7, 5, 4, unbalanced: false), path);
        var args = new List<string> { "iv", "--data", path, "--formula", "y ~ w | d1 ~ z1" };
        int at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value; else args.AddRange([option, value]);
        var run = CliHarness.Run(args.ToArray());
        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Trim().Split('\n').Should().ContainSingle();
    }
    [Fact]
    public void Wild_bootstrap_adds_the_wre_test_of_the_endogenous_coefficient()
    {
        using var dir = new TempDirectory();
        var panel = IvTestData.SingleEndogenous(seed: 9, cities: 12, years: 6);
        var path = dir.Path("iv.csv");
        PanelCsv.Write(panel, path);
        string[] args = ["iv", "--data", path, "--formula", "y ~ w | city + year | d1 ~ z1 + z2", "--vcov", "cluster:city",
            "--wild-bootstrap", "999", "--wild-null", "1.5", "--wild-weights", "webb", "--seed", "3", "--format", "json"];
        var run = CliHarness.Run(args);
        run.ExitCode.Should().Be(0, run.ToString());
        var json = run.Json();
        Keys(json).Last().Should().Be("wild_bootstrap");
        var w = json.GetProperty("wild_bootstrap");
        Keys(w).Should().Equal("test", "null", "t", "p_value", "conf_set", "reps", "weights", "type", "ptype", "enumerated", "clusters",
            "bootstrap_cluster", "level");
        w.GetProperty("type").GetString().Should().Be("wre");
        w.GetProperty("test").GetString().Should().Be("d1");
        w.GetProperty("reps").GetInt32().Should().Be(999);
        w.GetProperty("clusters").GetInt32().Should().Be(12);
        w.GetProperty("conf_set").GetArrayLength().Should().Be(0);
        var library = IvWildBootstrap.Test(panel, "y ~ w | city + year | d1 ~ z1 + z2", new IvOptions { Vcov = Vcov.Cluster("city") },
            new DigitalEconomy.Econometrics.Regression.WildBootstrapOptions
            {
                Null = 1.5, Replications = 999, Weights = DigitalEconomy.Econometrics.Regression.WildWeights.Webb, Seed = 3,
            });
        w.GetProperty("t").GetDouble().Should().Be(library.Statistic);
        w.GetProperty("p_value").GetDouble().Should().Be(library.PValue);
        CliHarness.Run(args).Stdout.Should().Be(run.Stdout);

        var liml = CliHarness.Run([.. args.Take(args.Length - 2), "--estimator", "liml"]);
        liml.ExitCode.Should().Be(2);
        liml.Stderr.Trim().Should().Be("error: --wild-bootstrap tests 2SLS estimates: use --estimator 2sls (the default).");
    }
}
