using System.Text.Json;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Regression;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>
/// <c>fe --formula</c> end to end: the single-model document (the fe keys plus dependent, formula and missing),
/// the <c>{"models": [...]}</c> document of a multiple estimation with --split/--fsplit, and the usage errors.
/// Numbers are compared with the library fitted on the same file (same code path, so to 1e-12).
/// </summary>
public class CliFormulaTests
{
    private static readonly string[] Head = ["model", "effects", "vcov", "nobs", "n_entities", "r2_within", "rss", "coefficients", "dependent", "formula"];

    private static readonly string[] Tail = ["r2", "adj_r2", "rmse", "small_sample", "vcov_description", "vcov_k", "vcov_factor", "df", "cluster_counts", "notes"];

    private static readonly string[] FormulaKeys = [.. Head, "missing", .. Tail];

    [Fact]
    public void A_formula_model_prints_the_fe_document_with_its_formula_and_missing_rows()
    {
        const string formula = "gap ~ dei + i(region, dei) + l(dei) | city + province^year";
        var run = CliHarness.Run("fe", "--formula", formula, "--vcov", "cluster:city", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        CliJsonShapeTests.Keys(doc).Should().Equal(FormulaKeys);
        doc.GetProperty("effects").EnumerateArray().Select(e => e.GetString()).Should().Equal("city", "province^year");
        doc.GetProperty("formula").GetString().Should().Be("gap ~ dei + i(region, dei) + l(dei) | city + province^year");
        doc.GetProperty("missing").GetProperty("rows_dropped").GetInt32().Should().Be(285, "one lagged year per city");
        doc.GetProperty("missing").GetProperty("by_term").GetProperty("l(dei)").GetInt32().Should().Be(285);

        var panel = PanelCsv.Read(CliHarness.BundledPanel, "city", "year");
        var fit = PanelRegression.Fit(panel, formula, Vcov.Cluster("city"));
        var coefficients = doc.GetProperty("coefficients").EnumerateArray().ToArray();
        coefficients.Select(c => c.GetProperty("name").GetString()).Should().Equal(fit.Coefficients.Select(c => c.Name));
        coefficients.Select(c => c.GetProperty("name").GetString()).Should().Contain(["dei", "l(dei, 1)"]);
        for (int i = 0; i < coefficients.Length; i++)
        {
            coefficients[i].GetProperty("estimate").GetDouble().Should().BeApproximately(fit.Coefficients[i].Estimate, 1e-12);
            coefficients[i].GetProperty("std_error").GetDouble().Should().BeApproximately(fit.Coefficients[i].StdError, 1e-12);
        }
        run.Stderr.Should().Contain("l(dei): 285");
    }

    [Fact]
    public void Multiple_estimation_with_fsplit_prints_one_document_per_model_in_order()
    {
        var run = CliHarness.Run("fe", "--formula", "c(gap, gap_rel) ~ csw(dei, gov) | city + year", "--fsplit", "region", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        CliJsonShapeTests.Keys(doc).Should().Equal("models");
        var models = doc.GetProperty("models").EnumerateArray().ToArray();
        models.Should().HaveCount(16, "4 samples × 2 outcomes × 2 cumulative right-hand sides");
        models.Take(4).Select(m => m.GetProperty("formula").GetString()).Should().Equal(
            "gap ~ dei | city + year", "gap ~ dei + gov | city + year", "gap_rel ~ dei | city + year", "gap_rel ~ dei + gov | city + year");
        models.Select(m => m.GetProperty("sample").GetString()).Distinct().Should().Equal(
            "Full sample", "region = Central", "region = East", "region = West");
        CliJsonShapeTests.Keys(models[5]).Should().Equal([.. Head, "sample", "missing", "label", .. Tail]);
        models[5].GetProperty("label").GetString().Should().Be("region = Central");
        models[0].GetProperty("nobs").GetInt32().Should().Be(3420);
        models.Skip(4).Where((_, i) => i % 4 == 0).Sum(m => m.GetProperty("nobs").GetInt32()).Should().Be(3420, "the regions partition the panel");
    }

    [Fact]
    public void Clusters_may_be_interactions_with_a_formula()
    {
        var run = CliHarness.Run("fe", "--formula", "gap ~ dei + gov | city + year", "--vcov", "cluster:province^year", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        doc.GetProperty("vcov").GetProperty("clusters").EnumerateArray().Select(e => e.GetString()).Should().Equal("province^year");
        var panel = PanelCsv.Read(CliHarness.BundledPanel, "city", "year");
        var provinces = panel.Grouping("province").LevelCount;
        doc.GetProperty("cluster_counts")[0].GetInt32().Should().Be(provinces * 12);
    }

    [Fact]
    public void Split_runs_print_a_table_with_one_column_per_model()
    {
        var run = CliHarness.Run("fe", "--formula", "gap ~ dei + gov | city + year", "--split", "region");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain("region = East").And.Contain("(3)");
    }

    [Theory]
    [InlineData("--split needs --formula", "fe", "--y", "gap", "--x", "dei", "--split", "region")]
    [InlineData("--formula replaces --y and --x", "fe", "--formula", "gap ~ dei", "--y", "gap")]
    [InlineData("--formula replaces --effects", "fe", "--formula", "gap ~ dei", "--effects", "entity")]
    [InlineData("--split and --fsplit cannot be combined", "fe", "--formula", "gap ~ dei", "--split", "region", "--fsplit", "region")]
    [InlineData("fe needs --y and --x, or --formula", "fe")]
    [InlineData("unknown function 'lg'; did you mean 'log'?", "fe", "--formula", "gap ~ dei + lg(gov) | city")]
    [InlineData("expected a term after '+' (at position 12, the end)", "fe", "--formula", "gap ~ dei +")]
    [InlineData("--split: No column named 'regoin'. Did you mean 'region'?", "fe", "--formula", "gap ~ dei", "--split", "regoin")]
    public void Usage_errors_exit_2_with_one_line(string message, params string[] args)
    {
        var run = CliHarness.Run(args);
        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain(message);
        run.Stderr.Trim().Split('\n').Should().HaveCount(1);
    }
}
