using System.Globalization;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Tests.Regression;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Reporting;

/// <summary>Table options: statistic below the estimate, stars, keep/drop/order, labels everywhere, fit statistics, CJK text alignment, HTML.</summary>
public sealed class TableOptionsTests
{
    private static readonly PanelRegressionResult Fe = PanelRegression.Fit(UnbalancedPanelTests.RandomPanel(21, 25, 8, 0.1),
        PanelRegressionOptions.FromFormula("y ~ x1 + x2 + x3 | id + t") with { Vcov = Vcov.Cluster("id") });

    private static string F(double v, int d = 3) => v.ToString("F" + d, CultureInfo.InvariantCulture);

    [Fact]
    public void Statistic_below_the_estimate_is_se_t_p_or_ci()
    {
        var c = Fe["x1"];
        string Below(CellStatistic s) => RegressionTable.Create([Fe]).Keep("x1").Statistic(s).Build().Rows[1].Cells[0];
        Below(CellStatistic.StdError).Should().Be("(" + F(c.StdError) + ")");
        Below(CellStatistic.TStatistic).Should().Be("[" + F(c.T, 2) + "]");
        Below(CellStatistic.PValue).Should().Be("(" + F(c.PValue) + ")");
        Below(CellStatistic.ConfidenceInterval).Should().Be("[" + F(c.ConfLow) + ", " + F(c.ConfHigh) + "]");
        RegressionTable.Create([Fe]).Keep("x1").Statistic(CellStatistic.None).Build().Rows[1].Label.Should().NotBe("", "no statistic row");
        RegressionTable.Create([Fe]).Statistic(CellStatistic.PValue).Build().Notes[0].Should().StartWith("p-values in parentheses.");
    }

    [Fact]
    public void Stars_follow_the_chosen_thresholds_and_legend()
    {
        var p = Fe["x1"].PValue;
        var stars = SignificanceStars.Of(0.5, 0.2);
        var expected = p < 0.2 ? "**" : p < 0.5 ? "*" : "";
        var t = RegressionTable.Create([Fe]).Keep("x1").Stars(stars).Build();
        t.Rows[0].Cells[0].Should().Be(F(Fe["x1"].Estimate) + expected);
        t.Notes[0].Should().Be("Standard errors in parentheses. * p < 0.5, ** p < 0.2.");
        RegressionTable.Create([Fe]).Keep("x1").Stars(SignificanceStars.None).Build().Rows[0].Cells[0].Should().Be(F(Fe["x1"].Estimate));
        new SignificanceStars([0.1, 0.01], ["†", "‡"]).For(0.005).Should().Be("‡");
        var bad = () => SignificanceStars.Of(1.5);
        bad.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Keep_orders_drop_hides_and_prefix_patterns_match()
    {
        string[] Coefs(RegressionTable t) => t.Build().Rows.Where(r => r.Label.Length > 0 && r.Label.StartsWith('x')).Select(r => r.Label).ToArray();
        Coefs(RegressionTable.Create([Fe]).Keep("x3", "x1")).Should().Equal("x3", "x1");
        Coefs(RegressionTable.Create([Fe]).Drop("x2")).Should().Equal("x1", "x3");
        Coefs(RegressionTable.Create([Fe]).Keep("x*").Drop("x1")).Should().Equal("x2", "x3");
    }

    [Fact]
    public void Label_dictionary_reaches_variables_fe_rows_statistics_yes_no_and_notes()
    {
        var labels = new Dictionary<string, string>
        {
            ["x1"] = "数字经济", ["fe:id"] = "城市固定效应", ["T FE"] = "年份固定效应", ["n"] = "观测值", ["r2_within"] = "组内 R²",
            ["Yes"] = "是", ["SE type"] = "标准误", ["y"] = "差距", ["Standard errors in parentheses. * p < 0.1, ** p < 0.05, *** p < 0.01."] = "括号内为标准误。",
        };
        var t = RegressionTable.Create([Fe]).Labels(labels).FitStatistics("n", "r2_within", "clusters", "se_type", "log_likelihood").Build();
        var rows = t.Rows.Select(r => r.Label).ToList();
        rows.Should().Contain("数字经济").And.Contain("城市固定效应").And.Contain("年份固定效应");
        rows.Should().ContainInOrder("年份固定效应", "观测值", "组内 R²", "Clusters (id)", "标准误");
        rows.Should().NotContain("Log-likelihood", "no model here has one");
        t.Rows[rows.IndexOf("城市固定效应")].Cells[0].Should().Be("是");
        t.Rows[rows.IndexOf("Clusters (id)")].Cells[0].Should().Be(Fe.Variance.ClusterCounts[0].ToString(CultureInfo.InvariantCulture), "a count prints without decimals");
        t.Headers[1].Should().Be("(1) 差距");
        t.Notes[0].Should().Be("括号内为标准误。");
    }

    [Fact]
    public void Text_alignment_counts_east_asian_wide_characters_as_two_columns()
    {
        var t = new TableBuilder("t").Columns("", "(1)").Row("城市固定效应", "是").Row("Observations", "1,234").Build();
        var lines = t.Render(TableFormat.Text).Split('\n').Where(l => l.Contains("城市") || l.Contains("Observations")).ToArray();
        // 城市固定效应 is 12 columns wide like "Observations"; 是 is 2 columns, right-aligned under 1,234 (5).
        lines[0].Should().Be("城市固定效应     是");
        lines[1].Should().Be("Observations  1,234");
    }

    [Fact]
    public void Html_escapes_text_and_keeps_rules_and_notes()
    {
        var html = new TableBuilder("A <b> & 城市").Columns("", "(1)").Row("x<1", "0.1**").Rule().Row("N", "5").Note("* p < 0.1").Build().Render(TableFormat.Html);
        html.Should().Contain("<caption>A &lt;b&gt; &amp; 城市</caption>").And.Contain("<td style=\"text-align:left\">x&lt;1</td>")
            .And.Contain("border-top:1px solid").And.Contain("<tfoot>").And.Contain("* p &lt; 0.1");
    }

    [Fact]
    public void Csv_can_start_with_a_byte_order_mark_and_still_escapes_formulas()
    {
        var t = new TableBuilder("t").Columns("", "城市").Row("=cmd()", "-1").Build();
        var plain = t.Render(TableFormat.Csv);
        var bom = t.Render(TableFormat.Csv, new TableRenderOptions { CsvByteOrderMark = true });
        plain[0].Should().NotBe('\uFEFF');
        bom.Should().Be("\uFEFF" + plain);
        plain.Should().Contain("\n'=cmd(),-1", "formula-looking cells are escaped, numbers are not");
    }
}
