using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Did;
using DigitalEconomy.Econometrics.Tests.Regression;
using FluentAssertions;
using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Tests.Did;

/// <summary>
/// TWFE DID and event study against OLS with explicit unit and year dummies (1e-9: two QR solutions of a
/// well-conditioned 300-row design), and the Goodman-Bacon identities (weights sum to 1, Σ s·β equals the TWFE
/// coefficient; 1e-10, both sides are sums of cohort means).
/// </summary>
public class TwfeAndBaconTests
{
    private static readonly StaggeredDgp Dgp = new() { Units = 40, Periods = 8, Cohorts = [2003, 2005, 2007], Slopes = [1.0, 0.6, 0.2] };

    private static (int[] Unit, int[] Year) Codes(PanelData panel) =>
        (panel.Entities.Codes.ToArray(), panel.Times.Codes.ToArray());

    [Fact]
    public void Twfe_did_equals_the_dummy_variable_regression_on_post_times_treated()
    {
        var panel = Dgp.Build(21);
        var rows = StaggeredDgp.Rows(panel);
        var d = rows.Select(r => r.G != 0 && r.Year >= r.G ? 1.0 : 0.0).ToArray();
        var (unit, year) = Codes(panel);
        var ols = new DummyVariableOls(rows.Select(r => r.Y).ToArray(), [d], [unit, year]);
        var fit = TwoWayDid.Fit(panel, new DidOptions("y", "g"));
        fit.Att.Estimate.Should().BeApproximately(ols.Beta[0], 1e-9);
        fit.Variance!.ClusterVariables.Should().Equal("id");
        fit.Cohorts.Should().Equal(2003L, 2005L, 2007L);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Event_study_equals_explicit_event_time_dummies(bool bin)
    {
        var panel = Dgp.Build(22);
        var options = new EventStudyOptions("y", "g") { Leads = 3, Lags = 2, BinEndpoints = bin };
        var fit = EventStudy.Fit(panel, options);
        var rows = StaggeredDgp.Rows(panel);
        var keep = Enumerable.Range(0, rows.Length).Where(r => bin || rows[r].G == 0 || (rows[r].Year - rows[r].G >= -3 && rows[r].Year - rows[r].G <= 2)).ToArray();
        var events = new[] { -3, -2, 0, 1, 2 };
        var dummies = events.Select(e => keep.Select(r =>
        {
            var (_, yr, _, g, _) = rows[r];
            if (g == 0) return 0.0;
            long k = Math.Clamp(yr - g, -3, 2);
            return k == e ? 1.0 : 0.0;
        }).ToArray()).ToArray();
        var unit = Factor.FromIntegers(keep.Select(r => rows[r].Id).ToArray()).Codes.ToArray();
        var year = Factor.FromIntegers(keep.Select(r => rows[r].Year).ToArray()).Codes.ToArray();
        var ols = new DummyVariableOls(keep.Select(r => rows[r].Y).ToArray(), dummies, [unit, year]);
        for (int j = 0; j < events.Length; j++)
            fit.Effects.Single(p => p.EventTime == events[j]).Estimate.Should().BeApproximately(ols.Beta[j], 1e-9, $"e = {events[j]}");
        fit.Effects.Single(p => p.EventTime == -1).IsReference.Should().BeTrue();
        fit.Observations.Should().Be(keep.Length);

        // Pre-trend: F = b′V⁻¹b/q over the leads with the clustered variance of the fit.
        var names = new[] { "e-3", "e-2" };
        var b = Vector<double>.Build.DenseOfEnumerable(names.Select(n => fit.Regression[n].Estimate));
        var v = Matrix<double>.Build.Dense(2, 2, (i, k) => fit.Regression.Covariance(names[i], names[k]));
        double f = b * v.Inverse() * b / 2;
        fit.Pretrend!.Statistic.Should().BeApproximately(f, 1e-9 * f);
        fit.Pretrend.NumeratorDf.Should().Be(2);
        fit.Pretrend.DenominatorDf.Should().Be(Dgp.Units - 1);
    }

    [Fact]
    public void Event_study_rejects_a_reference_period_outside_the_window()
    {
        var act = () => EventStudy.Fit(Dgp.Build(23), new EventStudyOptions("y", "g") { Leads = 2, Lags = 2, ReferencePeriod = -4 });
        act.Should().Throw<SpecificationException>().WithMessage("*reference period -4*");
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.0)]
    public void Bacon_weights_sum_to_one_and_reproduce_the_twfe_coefficient(double neverShare)
    {
        var dgp = new StaggeredDgp { Units = 60, Periods = 9, Cohorts = [2003, 2005, 2008], Slopes = [1.0, 0.5, 0.3], NeverShare = neverShare };
        var panel = dgp.Build(24);
        var bacon = BaconDecomposition.Fit(panel, new DidOptions("y", "g"));
        bacon.Comparisons.Sum(c => c.Weight).Should().BeApproximately(1, 1e-10);
        bacon.WeightedSum.Should().BeApproximately(bacon.Twfe.Att.Estimate, 1e-10);
        bacon.Comparisons.Should().OnlyContain(c => c.Weight > 0);
        var types = bacon.Comparisons.Select(c => c.Type).Distinct().ToArray();
        types.Should().Contain([BaconComparisonType.EarlierVsLaterTreated, BaconComparisonType.LaterVsEarlierTreated]);
        if (neverShare > 0) types.Should().Contain(BaconComparisonType.TreatedVsUntreated);
        bacon.Comparisons.Should().HaveCount(neverShare > 0 ? 9 : 6);
    }

    [Fact]
    public void Bacon_handles_always_treated_units()
    {
        var panel = Dgp.Build(25);
        var g = panel.CopyColumn("g");
        var ids = panel.Entities.Codes;
        for (int r = 0; r < g.Length; r++) if (ids[r] % 7 == 0) g[r] = 2001; // treated from the first period
        var bacon = BaconDecomposition.Fit(panel.WithColumn("g", g), new DidOptions("y", "g"));
        bacon.Comparisons.Should().Contain(c => c.Type == BaconComparisonType.LaterVsAlwaysTreated);
        bacon.Comparisons.Sum(c => c.Weight).Should().BeApproximately(1, 1e-10);
        bacon.WeightedSum.Should().BeApproximately(bacon.Twfe.Att.Estimate, 1e-10);
    }

    [Fact]
    public void Bacon_refuses_unbalanced_panels_and_controls()
    {
        var unbalanced = Dgp.Build(26, missingShare: 0.05);
        var act = () => BaconDecomposition.Fit(unbalanced, new DidOptions("y", "g"));
        act.Should().Throw<SpecificationException>().WithMessage("*balanced panel*");
        var withControls = () => BaconDecomposition.Fit(Dgp.Build(26), new DidOptions("y", "g") { Controls = ["x"] });
        withControls.Should().Throw<SpecificationException>().WithMessage("*without controls*");
    }
}
