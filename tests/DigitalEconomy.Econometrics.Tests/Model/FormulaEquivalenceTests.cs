using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Tests.Regression;
using FluentAssertions;
using Xunit.Abstractions;

namespace DigitalEconomy.Econometrics.Tests.Model;

/// <summary>
/// Every formula construct against the same model written with hand-built columns: coefficients and standard
/// errors must agree to 1e-10 (relative to max(1, |value|)). Both sides run the same solver on the same
/// numbers, so any difference beyond rounding means the formula built a different column or a different
/// sample. Interacted fixed effects and varying slopes are checked against explicit dummy-variable OLS
/// (MathNet QR on the full dummy design), where 1e-10 allows for the different factorisations.
/// </summary>
public class FormulaEquivalenceTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-10;

    /// <summary>
    /// 24 cities × 2001–2008 with gaps (about 15% of city-years missing, never the first year), a text region
    /// (East/West/Centre), a numeric province code nesting cities, a positive variable and a trend.
    /// </summary>
    internal static PanelData Panel(int seed = 7)
    {
        var rng = new Random(seed);
        var id = new List<int>();
        var year = new List<int>();
        var cols = new Dictionary<string, List<double>> { ["y"] = [], ["x1"] = [], ["x2"] = [], ["z"] = [], ["pos"] = [], ["prov"] = [], ["trend"] = [], ["grp"] = [] };
        var region = new List<string>();
        string[] regions = ["East", "West", "Centre"];
        for (int i = 0; i < 24; i++)
        {
            double a = rng.NextDouble() * 2 - 1, slope = rng.NextDouble() - 0.5;
            for (int t = 0; t < 8; t++)
            {
                if (t > 0 && rng.NextDouble() < 0.15) continue;
                double x1 = rng.NextDouble() + 0.3 * a, x2 = rng.NextDouble() - 0.5, z = rng.NextDouble() * 2;
                double pos = 0.5 + rng.NextDouble() * 3;
                id.Add(100 + i);
                year.Add(2001 + t);
                cols["x1"].Add(x1);
                cols["x2"].Add(x2);
                cols["z"].Add(z);
                cols["pos"].Add(pos);
                cols["prov"].Add(i % 4);
                cols["trend"].Add(t);
                cols["grp"].Add(rng.Next(3));
                region.Add(regions[i % 3]);
                cols["y"].Add(a + slope * t + 0.1 * t * (i % 4) + 0.8 * x1 - 0.4 * x2 + 0.3 * Math.Log(pos) + 0.2 * x1 * x1 + 0.5 * z * a
                              + (rng.NextDouble() - 0.5));
            }
        }
        return PanelData.Create("id", id.ToArray(), "year", year.ToArray(),
            cols.Select(kv => new KeyValuePair<string, double[]>(kv.Key, kv.Value.ToArray())),
            [new("region", Factor.FromStrings(region))]);
    }

    private double Compare(PanelRegressionResult formula, PanelRegressionResult manual, IReadOnlyDictionary<string, string> names)
    {
        double max = 0;
        formula.Coefficients.Select(c => c.Name).Should().BeEquivalentTo(names.Keys);
        foreach (var (f, m) in names)
        {
            var a = formula[f];
            var b = manual[m];
            max = Math.Max(max, Math.Abs(a.Estimate - b.Estimate) / Math.Max(1, Math.Abs(b.Estimate)));
            max = Math.Max(max, Math.Abs(a.StdError - b.StdError) / Math.Max(1, Math.Abs(b.StdError)));
        }
        formula.Observations.Should().Be(manual.Observations);
        output.WriteLine($"max relative difference {max:E2}");
        max.Should().BeLessThan(Tolerance);
        return max;
    }

    private static double[] Map(PanelData p, Func<int, double> f) => Enumerable.Range(0, p.RowCount).Select(f).ToArray();

    [Fact]
    public void Functions_and_arithmetic_equal_hand_built_columns()
    {
        var p = Panel();
        var x1 = p.CopyColumn("x1");
        var x2 = p.CopyColumn("x2");
        var pos = p.CopyColumn("pos");
        var q = p.WithColumn("m_log", Map(p, r => Math.Log(pos[r])))
            .WithColumn("m_sq", Map(p, r => x1[r] * x1[r]))
            .WithColumn("m_ratio", Map(p, r => x1[r] / pos[r]))
            .WithColumn("m_p2", Map(p, r => x2[r] * x2[r]))
            .WithColumn("m_sqrt", Map(p, r => Math.Sqrt(pos[r])))
            .WithColumn("m_abs", Map(p, r => Math.Abs(x2[r])))
            .WithColumn("m_exp", Map(p, r => Math.Exp(x2[r] - 1)))
            .WithColumn("m_arith", Map(p, r => (x1[r] + 2) * (pos[r] - x2[r]) / 3));
        var vcov = Vcov.Cluster("id");
        var f = PanelRegression.Fit(q, "y ~ log(pos) + I(x1^2) + I(x1/pos) + poly(x2, 2) + sqrt(pos) + abs(x2) + exp(x2 - 1) + I((x1 + 2) * (pos - x2) / 3) | id + year", vcov);
        var m = PanelRegression.Fit(q, "y ~ m_log + m_sq + m_ratio + x2 + m_p2 + m_sqrt + m_abs + m_exp + m_arith | id + year", vcov);
        Compare(f, m, new Dictionary<string, string>
        {
            ["log(pos)"] = "m_log", ["I(x1^2)"] = "m_sq", ["I(x1/pos)"] = "m_ratio", ["poly(x2, 2)1"] = "x2", ["poly(x2, 2)2"] = "m_p2",
            ["sqrt(pos)"] = "m_sqrt", ["abs(x2)"] = "m_abs", ["exp(x2 - 1)"] = "m_exp", ["I((x1 + 2) * (pos - x2)/3)"] = "m_arith",
        });
    }

    [Fact]
    public void Interactions_and_crossings_equal_products()
    {
        var p = Panel();
        var x1 = p.CopyColumn("x1");
        var x2 = p.CopyColumn("x2");
        var z = p.CopyColumn("z");
        var q = p.WithColumn("m_x1x2", Map(p, r => x1[r] * x2[r])).WithColumn("m_x1z", Map(p, r => x1[r] * z[r]));
        var f = PanelRegression.Fit(q, "y ~ x1*x2 + x1:z | id", Vcov.Robust);
        var m = PanelRegression.Fit(q, "y ~ x1 + x2 + m_x1x2 + m_x1z | id", Vcov.Robust);
        Compare(f, m, new Dictionary<string, string> { ["x1"] = "x1", ["x2"] = "x2", ["x1:x2"] = "m_x1x2", ["x1:z"] = "m_x1z" });
    }

    [Fact]
    public void Factor_dummies_with_reference_levels_equal_explicit_dummies()
    {
        var p = Panel();
        var years = p.Times;
        var q = p;
        foreach (var yv in new[] { 2001, 2002, 2004, 2005, 2006, 2007, 2008 })
            q = q.WithColumn($"m_y{yv}", Map(p, r => years.LabelOf(r) == yv.ToString() ? 1 : 0));
        var f = PanelRegression.Fit(q, "y ~ x1 + i(year, ref = 2003) | id", Vcov.Cluster("id"));
        var m = PanelRegression.Fit(q, "y ~ x1 + m_y2001 + m_y2002 + m_y2004 + m_y2005 + m_y2006 + m_y2007 + m_y2008 | id", Vcov.Cluster("id"));
        var names = new Dictionary<string, string> { ["x1"] = "x1" };
        foreach (var yv in new[] { 2001, 2002, 2004, 2005, 2006, 2007, 2008 }) names[$"year::{yv}"] = $"m_y{yv}";
        Compare(f, m, names);
    }

    [Fact]
    public void Factor_dummies_follow_fixest_reference_rules_with_and_without_an_intercept()
    {
        var p = Panel();
        var years = p.Times;
        var q = p;
        for (int yv = 2001; yv <= 2008; yv++)
        {
            var label = yv.ToString();
            q = q.WithColumn($"m_y{yv}", Map(p, r => years.LabelOf(r) == label ? 1 : 0));
        }
        // Intercept: i(year) starts at the second year. Fixed effects: every year is created and the solver drops
        // the last one as collinear, as fixest reports "year::2008 removed because of collinearity".
        var pooled = PanelRegression.Fit(q, "y ~ x1 + i(year)");
        var manual = PanelRegression.Fit(q, "y ~ x1 + m_y2002 + m_y2003 + m_y2004 + m_y2005 + m_y2006 + m_y2007 + m_y2008");
        var names = new Dictionary<string, string> { ["(Intercept)"] = "(Intercept)", ["x1"] = "x1" };
        for (int yv = 2002; yv <= 2008; yv++) names[$"year::{yv}"] = $"m_y{yv}";
        Compare(pooled, manual, names);
        var fe = PanelRegression.Fit(q, "y ~ x1 + i(year) | id");
        fe.Dropped.Should().ContainSingle(d => d.Name == "year::2008" && d.Reason == DropReason.Collinear);
        var feManual = PanelRegression.Fit(q, "y ~ x1 + m_y2001 + m_y2002 + m_y2003 + m_y2004 + m_y2005 + m_y2006 + m_y2007 | id");
        names = new Dictionary<string, string> { ["x1"] = "x1" };
        for (int yv = 2001; yv <= 2007; yv++) names[$"year::{yv}"] = $"m_y{yv}";
        Compare(fe, feManual, names);
    }

    [Fact]
    public void Factor_specific_slopes_and_text_factors_equal_explicit_products()
    {
        var p = Panel();
        var x1 = p.CopyColumn("x1");
        var x2 = p.CopyColumn("x2");
        var region = p.Grouping("region");
        var grp = p.CopyColumn("grp");
        var q = p.WithColumn("m_west_x1", Map(p, r => region.LabelOf(r) == "West" ? x1[r] : 0))
            .WithColumn("m_centre_x1", Map(p, r => region.LabelOf(r) == "Centre" ? x1[r] : 0))
            .WithColumn("m_g1", Map(p, r => grp[r] == 1 ? 1 : 0))
            .WithColumn("m_g2", Map(p, r => grp[r] == 2 ? 1 : 0))
            .WithColumn("m_east_x2", Map(p, r => region.LabelOf(r) == "East" ? x2[r] : 0))
            .WithColumn("m_westc_x2", Map(p, r => region.LabelOf(r) == "West" ? x2[r] : 0))
            .WithColumn("m_centrec_x2", Map(p, r => region.LabelOf(r) == "Centre" ? x2[r] : 0));
        // Pooled with an intercept: factor() leaves out its first level (R's treatment contrasts).
        var f = PanelRegression.Fit(q, "y ~ x1 + i(region, x1, ref = \"East\") + factor(grp) + region:x2", Vcov.Cluster("id"));
        var m = PanelRegression.Fit(q, "y ~ x1 + m_west_x1 + m_centre_x1 + m_g1 + m_g2 + m_east_x2 + m_westc_x2 + m_centrec_x2", Vcov.Cluster("id"));
        Compare(f, m, new Dictionary<string, string>
        {
            ["(Intercept)"] = "(Intercept)", ["x1"] = "x1", ["region::West:x1"] = "m_west_x1", ["region::Centre:x1"] = "m_centre_x1",
            ["factor(grp)1"] = "m_g1", ["factor(grp)2"] = "m_g2",
            ["regionEast:x2"] = "m_east_x2", ["regionWest:x2"] = "m_westc_x2", ["regionCentre:x2"] = "m_centrec_x2",
        });
    }

    [Fact]
    public void Lags_leads_and_differences_respect_gaps_and_are_deleted_listwise()
    {
        var p = Panel();
        // Hand-built lags by (entity, year) lookup: a lag across a missing year is missing.
        var at = new Dictionary<(string, int), int>();
        for (int r = 0; r < p.RowCount; r++) at[(p.Entities.LabelOf(r), int.Parse(p.Times.LabelOf(r)))] = r;
        double Shift(double[] v, int r, int k) =>
            at.TryGetValue((p.Entities.LabelOf(r), int.Parse(p.Times.LabelOf(r)) - k), out var s) ? v[s] : double.NaN;
        var x1 = p.CopyColumn("x1");
        var x2 = p.CopyColumn("x2");
        var z = p.CopyColumn("z");
        var q = p.WithColumn("m_l1", Map(p, r => Shift(x1, r, 1))).WithColumn("m_l2", Map(p, r => Shift(x1, r, 2)))
            .WithColumn("m_f1", Map(p, r => Shift(x2, r, -1))).WithColumn("m_d1", Map(p, r => z[r] - Shift(z, r, 1)));
        var f = PanelRegression.Fit(q, "y ~ l(x1, 0:2) + f(x2) + d(z) | id + year", Vcov.Cluster("id"));
        var m = PanelRegression.Fit(q, "y ~ x1 + m_l1 + m_l2 + m_f1 + m_d1 | id + year", Vcov.Cluster("id"));
        Compare(f, m, new Dictionary<string, string>
        {
            ["x1"] = "x1", ["l(x1, 1)"] = "m_l1", ["l(x1, 2)"] = "m_l2", ["f(x2, 1)"] = "m_f1", ["d(z, 1)"] = "m_d1",
        });
        // The gaps matter: a row-shift lag would have kept more rows.
        var l1 = q.CopyColumn("m_l1");
        var l2 = q.CopyColumn("m_l2");
        int missingLags = Enumerable.Range(0, q.RowCount).Count(r => double.IsNaN(l1[r]) || double.IsNaN(l2[r]));
        missingLags.Should().BeGreaterThan(24 * 2);
        f.MissingValues!.MissingByColumn.Should().Contain(kv => kv.Key == "l(x1, 0:2)" && kv.Value == missingLags);
        f.MissingValues.RowsDropped.Should().Be(m.MissingValues!.RowsDropped);
    }

    [Fact]
    public void Functions_of_the_outcome_and_non_ascii_names_equal_hand_built_columns()
    {
        var p = Panel();
        var pos = p.CopyColumn("pos");
        var at = new Dictionary<(string, string), int>();
        for (int r = 0; r < p.RowCount; r++) at[(p.Entities.LabelOf(r), p.Times.LabelOf(r))] = r;
        var y = p.CopyColumn("y");
        double Lead(int r) => at.TryGetValue((p.Entities.LabelOf(r), (int.Parse(p.Times.LabelOf(r)) + 1).ToString()), out var s) ? y[s] : double.NaN;
        var q = p.WithColumn("m_lpos", Map(p, r => Math.Log(pos[r]))).WithColumn("m_fy", Map(p, Lead)).WithColumn("数字经济", p.CopyColumn("x1"));
        var f = PanelRegression.Fit(q, "log(pos) ~ 数字经济 + x2 | id + year");
        var m = PanelRegression.Fit(q, "m_lpos ~ 数字经济 + x2 | id + year");
        f.Dependent.Should().Be("log(pos)");
        Compare(f, m, new Dictionary<string, string> { ["数字经济"] = "数字经济", ["x2"] = "x2" });
        var lead = PanelRegression.Fit(q, "f(y) ~ x1 + I(数字经济^2) | id");
        lead.Dependent.Should().Be("f(y, 1)");
        var leadManual = PanelRegression.Fit(q.WithColumn("m_sq", Map(p, r => x1Square(q, r))), "m_fy ~ x1 + m_sq | id");
        Compare(lead, leadManual, new Dictionary<string, string> { ["x1"] = "x1", ["I(数字经济^2)"] = "m_sq" });

        static double x1Square(PanelData d, int r) => d.Column("x1")[r] * d.Column("x1")[r];
    }

    [Fact]
    public void Interacted_fixed_effects_equal_explicit_dummy_ols()
    {
        var p = Panel();
        var f = PanelRegression.Fit(p, "y ~ x1 + x2 | id + prov^year");
        var cell = Factor.Interact(p.Grouping("prov"), p.Times);
        var ols = new DummyVariableOls(p.CopyColumn("y"), [p.CopyColumn("x1"), p.CopyColumn("x2")],
            [p.Entities.Codes.ToArray(), cell.Codes.ToArray()]);
        double s2 = ols.Rss / (ols.N - ols.Rank);
        double max = 0;
        for (int j = 0; j < 2; j++)
        {
            var c = f.Coefficients[j];
            max = Math.Max(max, Math.Abs(c.Estimate - ols.Beta[j]));
            max = Math.Max(max, Math.Abs(c.StdError - Math.Sqrt(s2 * ols.Bread[j, j])));
        }
        // HC1 (Stata): the dummy-OLS sandwich times N/(N − K_all).
        var robust = PanelRegression.Fit(p, "y ~ x1 + x2 | id + prov^year", Vcov.Robust);
        var hc = ols.HeteroskedasticSandwich();
        for (int j = 0; j < 2; j++)
            max = Math.Max(max, Math.Abs(robust.Coefficients[j].StdError - Math.Sqrt(hc[j, j] * ols.N / (ols.N - ols.Rank))));
        f.ParameterCount.Should().Be(ols.Rank);
        f.FixedEffects.Select(e => e.Name).Should().Equal("id", "prov^year");
        output.WriteLine($"max difference {max:E2}");
        max.Should().BeLessThan(Tolerance);
    }

    [Theory]
    [InlineData("y ~ x1 + x2 | id[z] + year", false, true)]
    [InlineData("y ~ x1 + x2 | id[trend]", false, false)]
    [InlineData("y ~ x1 + x2 | id + id[[z]] + year", true, true)]
    public void Varying_slopes_equal_explicit_interaction_dummies(string formula, bool slopesOnly, bool yearEffects)
    {
        var p = Panel();
        var fit = PanelRegression.Fit(p, formula);
        var slopeName = formula.Contains("trend") ? "trend" : "z";
        var s = p.CopyColumn(slopeName);
        var ent = p.Entities.Codes.ToArray();
        var regressors = new List<double[]> { p.CopyColumn("x1"), p.CopyColumn("x2") };
        // Entity × slope dummies enter as extra columns of the explicit design.
        for (int g = 0; g < p.Entities.LevelCount; g++)
            regressors.Add(Enumerable.Range(0, p.RowCount).Select(r => ent[r] == g ? s[r] : 0).ToArray());
        int[][] factors = yearEffects ? [ent, p.Times.Codes.ToArray()] : [ent];
        var ols = new DummyVariableOls(p.CopyColumn("y"), regressors.ToArray(), factors);
        double s2 = ols.Rss / (ols.N - ols.Rank);
        double max = 0;
        for (int j = 0; j < 2; j++)
        {
            var c = fit.Coefficients[j];
            max = Math.Max(max, Math.Abs(c.Estimate - ols.Beta[j]));
            max = Math.Max(max, Math.Abs(c.StdError - Math.Sqrt(s2 * ols.Bread[j, j])));
        }
        var robust = PanelRegression.Fit(p, formula, Vcov.Robust);
        var hc = ols.HeteroskedasticSandwich();
        for (int j = 0; j < 2; j++)
            max = Math.Max(max, Math.Abs(robust.Coefficients[j].StdError - Math.Sqrt(hc[j, j] * ols.N / (ols.N - ols.Rank))));
        // Clustered by id (Stata convention): G/(G − 1)·(N − 1)/(N − K), where K leaves out the id levels nested in
        // the clusters (levels − 1) but keeps the slope parameters, as fixest's nested rule does.
        var clustered = PanelRegression.Fit(p, formula, Vcov.Cluster("id"));
        var cs = ols.ClusterSandwich(ent);
        int groups = p.Entities.LevelCount, kNested = ols.Rank - (groups - 1);
        double scale = groups / (groups - 1.0) * (ols.N - 1.0) / (ols.N - kNested);
        for (int j = 0; j < 2; j++)
            max = Math.Max(max, Math.Abs(clustered.Coefficients[j].StdError - Math.Sqrt(cs[j, j] * scale)));
        clustered.Variance.K.Should().Be(kNested);
        fit.ParameterCount.Should().Be(ols.Rank, "the absorbed count is the exact rank of the dummy and slope columns");
        fit.Rss.Should().BeApproximately(ols.Rss, 1e-9 * ols.Rss);
        output.WriteLine($"{formula} (slopes only: {slopesOnly}): max difference {max:E2}");
        max.Should().BeLessThan(Tolerance);
    }
}
