using System.Globalization;
using System.Text.Json;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Iv;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Iv;

/// <summary>
/// Stata ivreg2 on the ivreg2r fixture (1,000 rows, 50 clusters): <c>ivreg2 y x1 (endo1 = z1 z2), first
/// cluster(cluster_id) endog(endo1)</c> with and without <c>small</c>. Stata held the data in single precision,
/// so the CSV values are cast to float and back: that reproduces the runs to ≤ 4.1e-9 relative (hence 1e-8)
/// and the blocks computed on the re-imported CSV to ~1e-14 (hence 1e-12). P-values below 1e-4 were written
/// with 12 digits only, so they are checked at 1e-6 relative.
/// </summary>
public sealed class IvReferenceTests
{
    private const string Formula = "y ~ x1 | endo1 ~ z1 + z2";

    internal static PanelData FixturePanel()
    {
        var lines = File.ReadAllLines(ReferenceData.PathOf("round2/iv/sim_cluster_data.csv"));
        var header = lines[0].Split(',');
        var columns = header.ToDictionary(h => h, _ => new List<double>());
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            for (int c = 0; c < header.Length; c++)
                columns[header[c]].Add((float)double.Parse(cells[c], CultureInfo.InvariantCulture));
        }
        var cluster = columns["cluster_id"].Select(v => (int)v).ToArray();
        var seen = new Dictionary<int, int>();
        var period = cluster.Select(c => seen[c] = seen.GetValueOrDefault(c) + 1).ToArray();
        var builder = new PanelDataBuilder("cluster_id", "t").Keys(cluster, period);
        foreach (var name in new[] { "y", "x1", "endo1", "z1", "z2" }) builder.Numeric(name, columns[name].ToArray());
        return builder.Build();
    }

    private static JsonElement Run(string name) => ReferenceData.Json("round2/iv/iv_expected.json").GetProperty("runs").GetProperty(name);

    private static void Close(double actual, double expected, double tolerance, string what) =>
        Math.Abs(actual - expected).Should().BeLessThanOrEqualTo(tolerance * Math.Abs(expected), what);

    [ReferenceTheory]
    [InlineData("cluster", false)]
    [InlineData("cluster_small", true)]
    public void Reproduces_ivreg2_clustered_2sls(string run, bool small)
    {
        var expected = Run(run);
        var fit = IvRegression.Fit(FixturePanel(), Formula, new IvOptions { Vcov = Vcov.Cluster("cluster_id"), Small = small });
        string[] terms = ["endo1", "x1", "_cons"];
        string Ours(string t) => t == "_cons" ? "(Intercept)" : t;
        foreach (var t in terms)
        {
            var c = expected.GetProperty("coefficients").GetProperty(t);
            Close(fit[Ours(t)].Estimate, c.GetProperty("b").GetDouble(), 1e-8, $"b {t}");
            Close(fit[Ours(t)].StdError, c.GetProperty("se").GetDouble(), 1e-8, $"se {t}");
        }
        var vcov = expected.GetProperty("vcov");
        var v = fit.Covariance;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Close(v[i, j], vcov[i][j].GetDouble(), 1e-8, $"vcov[{i},{j}]");
        var e = expected.GetProperty("e");
        double E(string key) => e.GetProperty(key).GetDouble();
        fit.Observations.Should().Be(1000);
        Close(fit.Rss, E("rss"), 1e-8, "rss");
        Close(fit.Sigma, E("rmse"), 1e-8, "rmse");
        Close(fit.WeakIdentification.CraggDonaldF, E("cdf"), 1e-8, "cdf");
        Close(fit.WeakIdentification.KleibergenPaapWaldF!.Value, E("widstat"), 1e-8, "widstat");
        fit.WeakIdentification.Underidentification.Name.Should().Be("kleibergen_paap_rk_lm");
        Close(fit.WeakIdentification.Underidentification.Statistic, E("idstat"), 1e-8, "idstat");
        fit.WeakIdentification.Underidentification.Df.Should().Be((int)E("iddf"));
        Close(fit.WeakIdentification.Underidentification.PValue, E("idp"), 1e-6, "idp");
        fit.Overidentification!.Name.Should().Be("hansen_j");
        Close(fit.Overidentification.Statistic, E("j"), 1e-8, "J");
        Close(fit.Overidentification.PValue, E("jp"), 1e-6, "J p");
        fit.Overidentification.Df.Should().Be((int)E("jdf"));
        Close(fit.AndersonRubin.F.Statistic, E("arf"), 1e-8, "AR F");
        fit.AndersonRubin.F.DenominatorDf.Should().Be(E("ardf_r"));
        Close(fit.AndersonRubin.F.PValue, E("arfp"), 1e-6, "AR p");
        Close(fit.AndersonRubin.ChiSquared.Statistic, E("archi2"), 1e-8, "AR chi2");
        Close(fit.Endogeneity!.Statistic, E("estat"), 1e-8, "C");
        Close(fit.Endogeneity.PValue, E("estatp"), 1e-6, "C p");

        var fs = expected.GetProperty("first_stage_endo1");
        double F(string key) => fs.GetProperty(key).GetDouble();
        var first = fit.FirstStages.Single();
        Close(first.F.Statistic, F("F"), 1e-8, "first-stage F");
        first.F.DenominatorDf.Should().Be(F("df_r"));
        Close(first.F.PValue, F("pvalue"), 1e-6, "first-stage F p");
        Close(first.SandersonWindmeijerF.Statistic, F("SWF"), 1e-8, "SW F");
        Close(first.AngristPischkeF.Statistic, F("APF"), 1e-8, "AP F");
        Close(first.PartialR2, F("pr2"), 1e-8, "partial R2");
        Close(first.SheaPartialR2, F("sheapr2"), 1e-8, "Shea partial R2");
        Close(first.Rmse, F("rmse"), 1e-8, "first-stage rmse");
    }

    [ReferenceFact]
    public void Reproduces_saved_reduced_form_and_first_stage()
    {
        var expected = ReferenceData.Json("round2/iv/iv_expected.json").GetProperty("on_reimported_csv").GetProperty("cluster");
        var cmp = IvRegression.Compare(FixturePanel(), Formula, new IvOptions { Vcov = Vcov.Cluster("cluster_id"), Small = false });
        string Ours(string t) => t == "_cons" ? "(Intercept)" : t;
        var rf = expected.GetProperty("reduced_form_y");
        foreach (var p in rf.GetProperty("coefficients").EnumerateObject())
        {
            Close(cmp.ReducedForm[Ours(p.Name)].Estimate, p.Value.GetProperty("b").GetDouble(), 1e-12, "rf b " + p.Name);
            Close(cmp.ReducedForm[Ours(p.Name)].StdError, p.Value.GetProperty("se").GetDouble(), 1e-12, "rf se " + p.Name);
        }
        Close(cmp.ReducedForm.ExcludedInstrumentsF!.Statistic, rf.GetProperty("F_excluded").GetDouble(), 1e-12, "rf F");
        var fs = cmp.Iv.FirstStages.Single().Regression;
        foreach (var p in expected.GetProperty("first_stage_endo1").EnumerateObject())
        {
            Close(fs[Ours(p.Name)].Estimate, p.Value.GetProperty("b").GetDouble(), 1e-12, "fs b " + p.Name);
            Close(fs[Ours(p.Name)].StdError, p.Value.GetProperty("se").GetDouble(), 1e-12, "fs se " + p.Name);
        }
    }
}
