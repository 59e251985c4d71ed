using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Simulation;
using FluentAssertions;
using Col = DigitalEconomy.Econometrics.Simulation.CityPanelColumns;

namespace DigitalEconomy.Econometrics.Tests.Simulation;

/// <summary>
/// The documented truths of the panel's later chapters (policy pilots, instruments and the endogeneity channel,
/// coordinates), checked with brute-force estimators written here, independent of the library's estimators.
/// </summary>
public class CityPanelChapterTruthTests
{
    private const int Cities = 285, Years = 12, FirstYear = 2008;
    private static readonly Lazy<SimulatedCityPanel> Sim = new(() => CityPanelGenerator.Generate());
    private static PanelData Panel => Sim.Value.Panel;

    [Fact]
    public void Pilots_are_three_batches_of_about_110_cities_leaning_east()
    {
        Sim.Value.PilotBatchSizes.Should().Equal(44, 32, 34, 175); // quoted in data/README.md
        var pilotYear = Panel.Column(Col.PilotYear).ToArray();
        var region = Panel.Grouping(Col.Region);
        double ShareTreated(string name)
        {
            var rows = Enumerable.Range(0, Cities).Select(i => i * Years).Where(r => region.Levels[region.Codes[r]] == name).ToArray();
            return rows.Count(r => pilotYear[r] > 0) / (double)rows.Length;
        }
        ShareTreated("East").Should().BeGreaterThan(ShareTreated("Central") + 0.1);
        ShareTreated("East").Should().BeGreaterThan(ShareTreated("West") + 0.1);
        // pilot switches on in the adoption year and stays on (absorbing treatment).
        var pilot = Panel.Column(Col.Pilot).ToArray();
        for (int r = 0; r < pilot.Length; r++)
            pilot[r].Should().Be(pilotYear[r] > 0 && FirstYear + r % Years >= pilotYear[r] ? 1 : 0);
    }

    [Fact]
    public void Documented_pilot_effects_on_the_dei_follow_the_formula()
    {
        var sim = Sim.Value;
        var p = sim.Options.Parameters;
        sim.DeiPerLatentUnit.Should().BeApproximately(0.888, 0.0005); // quoted in data/README.md
        foreach (var effect in sim.PilotEffects)
        {
            int batch = effect.Cohort - 2014;
            int e = effect.Year - effect.Cohort;
            double expected = e < 0 ? 0 : sim.DeiPerLatentUnit * p.PilotEffectPerYear * p.PilotBatchScale[batch] * (1 + e);
            effect.AttDei.Should().BeApproximately(expected, 1e-15);
        }
    }

    /// <summary>
    /// Each ATT(g, t) on the DEI by the four-means 2×2 comparison (batch g against never-treated cities, year t against
    /// g − 1) lies within 3.5 two-sample standard errors of the documented effect: the design's only departure from
    /// parallel trends is the regional composition of the batches, small against these errors.
    /// </summary>
    [Fact]
    public void Two_by_two_means_recover_the_documented_pilot_effects()
    {
        var dei = Panel.Column(Col.Dei).ToArray();
        var pilotYear = Panel.Column(Col.PilotYear).ToArray();
        foreach (var effect in Sim.Value.PilotEffects.Where(e => e.Year >= e.Cohort))
        {
            int t = effect.Year - FirstYear, b = effect.Cohort - 1 - FirstYear;
            var treated = Changes(dei, pilotYear, effect.Cohort, t, b);
            var never = Changes(dei, pilotYear, 0, t, b);
            double att = treated.Average() - never.Average();
            double se = Math.Sqrt(Variance(treated) / treated.Length + Variance(never) / never.Length);
            att.Should().BeApproximately(effect.AttDei, 3.5 * se, $"cohort {effect.Cohort}, year {effect.Year}");
        }
        // And the effects are large: the 2014 batch gains about 0.096 DEI by 2019.
        Sim.Value.PilotEffects.Single(e => e.Cohort == 2014 && e.Year == 2019).AttDei.Should().BeGreaterThan(0.09);
    }

    [Fact]
    public void Instruments_are_relevant_and_time_invariant_where_documented()
    {
        var post = Panel.Column(Col.Post1984).ToArray();
        var tel = Panel.Column(Col.Tel1984).ToArray();
        var users = Panel.Column(Col.InternetUsers).ToArray();
        var postX = Panel.Column(Col.PostXNet).ToArray();
        for (int i = 0; i < Cities; i++)
            for (int t = 1; t < Years; t++)
            {
                int r = i * Years + t;
                post[r].Should().Be(post[i * Years]);
                tel[r].Should().Be(tel[i * Years]);
                users[r].Should().Be(users[t]);
                postX[r].Should().BeApproximately(post[r] * users[r - 1] / 100, 5.1e-7); // lagged national series
            }

        // First stage with city and year effects: both instruments strongly predict the DEI.
        var y = WithinOls.TwoWay(Panel.Column(Col.Dei), Cities, Years);
        var z = new[] { Col.PostXNet, Col.TelXNet }.Concat(Col.Controls).Select(c => WithinOls.TwoWay(Panel.Column(c), Cities, Years)).ToArray();
        var fs = WithinOls.Ols(y, z, Cities, Years, absorbed: Years);
        (fs.Beta[0] / fs.StdError[0]).Should().BeGreaterThan(5);
    }

    /// <summary>
    /// The endogeneity channel: regenerating the same panel with λ = 0 changes only the gap. Two-way FE OLS moves by
    /// more than 0.01 toward zero-or-positive (the bias λ·Cov(DEI, η)/Var(DEI) &gt; 0), while the 2SLS estimate with the two
    /// historical instruments barely moves (|Δ| &lt; 0.01), because the instruments are independent of η.
    /// </summary>
    [Fact]
    public void Ols_is_biased_by_the_unobserved_shock_and_iv_is_not()
    {
        var exogenous = CityPanelGenerator.Generate(new CityPanelOptions
        {
            Parameters = new CityPanelParameters { EndogeneityLoading = 0 },
        }).Panel;
        exogenous.Column(Col.Dei).ToArray().Should().Equal(Panel.Column(Col.Dei).ToArray());
        double olsBias = Ols(Panel) - Ols(exogenous);
        double ivShift = Iv(Panel) - Iv(exogenous);
        olsBias.Should().BeGreaterThan(0.01);
        Math.Abs(ivShift).Should().BeLessThan(0.01);
    }

    [Fact]
    public void Coordinates_lie_inside_each_province()
    {
        var lat = Panel.Column(Col.Latitude).ToArray();
        var lon = Panel.Column(Col.Longitude).ToArray();
        var province = Panel.Grouping(Col.Province);
        for (int r = 0; r < lat.Length; r += Years)
        {
            int index = ChineseProvinces.All.Select(p => p.Name).ToList().IndexOf(province.Levels[province.Codes[r]]);
            var box = ProvinceExtents.All[index];
            lat[r].Should().BeInRange(box.LatitudeMin, box.LatitudeMax);
            lon[r].Should().BeInRange(box.LongitudeMin, box.LongitudeMax);
        }
    }

    private static double Ols(PanelData panel)
    {
        var y = WithinOls.TwoWay(panel.Column(Col.Gap), Cities, Years);
        var x = new[] { Col.Dei }.Concat(Col.Controls).Select(c => WithinOls.TwoWay(panel.Column(c), Cities, Years)).ToArray();
        return WithinOls.Ols(y, x, Cities, Years, absorbed: Years).Beta[0];
    }

    /// <summary>2SLS by hand: project the within DEI on the within instruments and controls, then regress.</summary>
    private static double Iv(PanelData panel)
    {
        var controls = Col.Controls.Select(c => WithinOls.TwoWay(panel.Column(c), Cities, Years)).ToArray();
        var dei = WithinOls.TwoWay(panel.Column(Col.Dei), Cities, Years);
        var exogenous = new[] { Col.PostXNet, Col.TelXNet }.Select(c => WithinOls.TwoWay(panel.Column(c), Cities, Years)).Concat(controls).ToArray();
        var fs = WithinOls.Ols(dei, exogenous, Cities, Years, absorbed: Years);
        var fitted = new double[dei.Length];
        for (int a = 0; a < exogenous.Length; a++)
            for (int r = 0; r < fitted.Length; r++) fitted[r] += fs.Beta[a] * exogenous[a][r];
        var y = WithinOls.TwoWay(panel.Column(Col.Gap), Cities, Years);
        return WithinOls.Ols(y, new[] { fitted }.Concat(controls).ToArray(), Cities, Years, absorbed: Years).Beta[0];
    }

    private static double[] Changes(double[] y, double[] cohort, double g, int t, int b) =>
        Enumerable.Range(0, Cities).Where(i => cohort[i * Years] == g).Select(i => y[i * Years + t] - y[i * Years + b]).ToArray();

    private static double Variance(double[] x)
    {
        double m = x.Average();
        return x.Sum(v => (v - m) * (v - m)) / (x.Length - 1);
    }
}

/// <summary><c>MissingShare</c> blanks yearbook cells at random and leaves every other value as in the complete panel.</summary>
public class CityPanelMissingCellsTests
{
    [Fact]
    public void Missing_share_blanks_about_that_share_of_yearbook_cells_and_nothing_else()
    {
        var complete = CityPanelGenerator.Generate().Panel;
        var holed = CityPanelGenerator.Generate(new CityPanelOptions { MissingShare = 0.05 }).Panel;
        int blank = 0, cells = 0;
        foreach (var name in complete.NumericColumnNames)
        {
            var a = complete.Column(name).ToArray();
            var b = holed.Column(name).ToArray();
            bool design = name is Col.Latitude or Col.Longitude or Col.PilotYear or Col.Pilot or Col.InternetUsers or Col.Post1984 or Col.Tel1984;
            for (int r = 0; r < a.Length; r++)
            {
                if (double.IsNaN(b[r])) { blank++; design.Should().BeFalse(name); }
                else b[r].Should().Be(a[r], name);
                if (!design) cells++;
            }
        }
        // 5% of the yearbook cells, within 4 binomial standard errors.
        ((double)blank / cells).Should().BeApproximately(0.05, 4 * Math.Sqrt(0.05 * 0.95 / cells));
        var act = () => CityPanelGenerator.Generate(new CityPanelOptions { MissingShare = 1 });
        act.Should().Throw<SpecificationException>().WithMessage("*MissingShare*");
    }
}
