using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Reporting;
using FluentAssertions;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Tests.Regression;

/// <summary>The esttab-style table: layout, stars, FE rows, SE notes, and the four renderings.</summary>
public class RegressionTableTests
{
    private static (PanelRegressionResult Pooled, PanelRegressionResult TwoWay) Models()
    {
        var p = UnbalancedPanelTests.RandomPanel(21, 25, 8, 0.1);
        var pooled = PanelRegression.Fit(p, "y ~ x1 + x2");
        var twoWay = PanelRegression.Fit(p, PanelRegressionOptions.FromFormula("y ~ x1 + x2 + x3 | id + t") with
        {
            Vcov = Vcov.Cluster("id"),
            Label = "Two-way FE",
        });
        return (pooled, twoWay);
    }

    [Fact]
    public void Side_by_side_table_has_coefficients_standard_errors_fe_rows_and_statistics()
    {
        var (pooled, fe) = Models();
        var table = RegressionTable.Create([pooled, fe], "Gap regressions").FixedEffectLabel("id", "City FE").Build();
        table.Headers.Should().Equal("", "(1) y", "(2) Two-way FE");
        var labels = table.Rows.Select(r => r.Label).ToList();
        labels.Should().ContainInOrder("x1", "", "x2", "", "x3", "", "Constant", "", "City FE", "T FE", "Observations", "R²", "Within R²", "SE type");
        var x1 = table.Rows[labels.IndexOf("x1")];
        x1.Cells[1].Should().Be(NumberFormat.Estimate(fe["x1"].Estimate, fe["x1"].PValue));
        table.Rows[labels.IndexOf("x1") + 1].Cells[1].Should().Be("(" + fe["x1"].StdError.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) + ")");
        table.Rows[labels.IndexOf("x3")].Cells[0].Should().BeEmpty("x3 is not in model 1");
        table.Rows[labels.IndexOf("City FE")].Cells.Should().Equal("No", "Yes");
        table.Rows[labels.IndexOf("Observations")].Cells.Should().Equal(NumberFormat.Count(pooled.Observations), NumberFormat.Count(fe.Observations));
        table.Rows[labels.IndexOf("SE type")].Cells.Should().Equal("Classical", "Cluster (id)");
        table.Rows[labels.IndexOf("City FE")].RuleBefore.Should().BeTrue();
        table.Notes.Should().Contain(n => n.Contains(NumberFormat.StarLegend));
        table.Notes.Should().Contain(n => n.StartsWith("Standard errors clustered by id (25 clusters)"));
    }

    [Fact]
    public void Renders_in_all_four_formats()
    {
        var (pooled, fe) = Models();
        var t = RegressionTable.Create([pooled, fe]).Keep("x1").Rename("x1", "Digital economy");
        var text = t.Render(TableFormat.Text);
        text.Should().Contain("Digital economy").And.Contain("Observations").And.NotContain("x2");
        t.Render(TableFormat.Markdown).Should().Contain("| Digital economy |");
        var latex = t.Render(TableFormat.Latex);
        latex.Should().Contain("\\toprule").And.Contain("\\midrule").And.Contain("Digital economy");
        if (fe["x1"].PValue < 0.01) latex.Should().Contain("$^{***}$");
        var csv = t.Render(TableFormat.Csv);
        csv.Split('\n')[0].Should().Be(",(1) y,(2) Two-way FE");
    }

    [Fact]
    public void Single_model_to_table_and_t_statistics_option()
    {
        var (_, fe) = Models();
        fe.ToTable().Title.Should().Be("Dependent variable: y");
        fe.ToString().Should().Contain("x1");
        var t = RegressionTable.Create([fe]).TStatistics().Build();
        t.Rows[1].Cells[0].Should().StartWith("[").And.EndWith("]");
        t.Notes[0].Should().StartWith("t statistics in brackets");
        var act = () => RegressionTable.Create([fe]).AddRow("Sample", "a", "b");
        act.Should().Throw<ArgumentException>();
    }

    private static PanelRegressionResult Clustered(PanelData p, string formula, Vcov? vcov = null) =>
        PanelRegression.Fit(p, PanelRegressionOptions.FromFormula(formula) with { Vcov = vcov ?? Vcov.Cluster("id") });

    private static string[] VarianceNotes(Table t) =>
        t.Notes.Where(n => n.StartsWith("Standard errors clustered", StringComparison.Ordinal) || n.StartsWith("Classical", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void Columns_that_differ_only_in_K_share_one_variance_note_listing_K_per_column()
    {
        var p = UnbalancedPanelTests.RandomPanel(21, 25, 8, 0.1);
        var models = new[] { Clustered(p, "y ~ x1 | id + t"), Clustered(p, "y ~ x1 + x2 | id + t"), Clustered(p, "y ~ x1 + x2 + x3 | id + t") };
        var ks = models.Select(m => m.Variance.K).ToArray();
        ks.Should().OnlyHaveUniqueItems("each column adds one regressor");
        var notes = VarianceNotes(RegressionTable.Create(models).Build());
        notes.Should().ContainSingle();
        notes[0].Should().Be($"Standard errors clustered by id (25 clusters); G/(G − 1) · (N − 1)/(N − K), K = {ks[0]}, {ks[1]}, {ks[2]} in columns (1)–(3) (Stata convention).");
        // Each model on its own still carries its full description.
        models[1].Variance.Description.Should().Contain($"K = {ks[1]} (Stata convention)");
    }

    [Fact]
    public void Identical_variance_descriptions_are_noted_once()
    {
        var p = UnbalancedPanelTests.RandomPanel(21, 25, 8, 0.1);
        var m = Clustered(p, "y ~ x1 + x2 | id + t");
        var notes = VarianceNotes(RegressionTable.Create([m, m, m]).Build());
        notes.Should().Equal(m.Variance.Description + ".");
    }

    [Fact]
    public void Cluster_counts_that_differ_by_column_are_listed_in_one_note()
    {
        var p = UnbalancedPanelTests.RandomPanel(21, 25, 8, 0.1);
        var entity = p.Entities.Codes.ToArray();
        var few = p.Where(r => entity[r] < 15);
        var models = new[] { Clustered(p, "y ~ x1 + x2 | id + t"), Clustered(few, "y ~ x1 + x2 | id + t") };
        var notes = VarianceNotes(RegressionTable.Create(models).Build());
        notes.Should().ContainSingle().Which.Should().StartWith("Standard errors clustered by id (25, 15 clusters in columns (1), (2)); ")
            .And.Contain("K = ");
    }

    [Fact]
    public void Different_variance_types_get_one_note_each_naming_their_columns()
    {
        var p = UnbalancedPanelTests.RandomPanel(21, 25, 8, 0.1);
        var models = new[]
        {
            Clustered(p, "y ~ x1 | id + t", Vcov.Classical), Clustered(p, "y ~ x1 | id + t"), Clustered(p, "y ~ x1 + x2 | id + t"),
        };
        var notes = VarianceNotes(RegressionTable.Create(models).Build());
        notes.Should().HaveCount(2);
        notes[0].Should().Be(models[0].Variance.Description + " (column (1)).");
        notes[1].Should().EndWith($"K = {models[1].Variance.K}, {models[2].Variance.K} in columns (2), (3) (Stata convention).");
    }
}

/// <summary>Driscoll–Kraay: with 0 lags the meat is the cluster-by-period meat (exact identity, 1e-12).</summary>
public class DriscollKraayTests
{
    [Fact]
    public void Zero_lags_equals_clustering_by_period_up_to_the_cluster_factor()
    {
        var p = UnbalancedPanelTests.RandomPanel(31, 20, 10, 0.1);
        var dk = PanelRegression.Fit(p, "y ~ x1 + x2 | id", Vcov.DriscollKraay(0), SmallSampleCorrection.Areg);
        var cl = PanelRegression.Fit(p, "y ~ x1 + x2 | id", Vcov.Cluster("t"), SmallSampleCorrection.Areg);
        int g = p.Times.LevelCount;
        dk.Variance.DegreesOfFreedom.Should().Be(g - 1);
        foreach (var name in new[] { "x1", "x2" })
            (dk[name].StdError * Math.Sqrt(g / (g - 1.0))).Should().BeApproximately(cl[name].StdError, 1e-12 * cl[name].StdError);
        var lagged = PanelRegression.Fit(p, "y ~ x1 + x2 | id", Vcov.DriscollKraay(2));
        lagged["x1"].StdError.Should().NotBe(dk["x1"].StdError);
        lagged.Variance.Description.Should().Contain("2 lags");
        var act = () => Vcov.DriscollKraay(-1);
        act.Should().Throw<SpecificationException>();
    }
}
