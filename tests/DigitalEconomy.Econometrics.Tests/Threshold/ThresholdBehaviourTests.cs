using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Resampling;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using DigitalEconomy.Econometrics.Threshold;
using FluentAssertions;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Tests.Threshold;

public class ThresholdBehaviourTests
{
    private static readonly ThresholdSpecification OneX = new("y", ["x1"], ["z"], "q");
    private static readonly ThresholdSpecification TwoX = new("y", ["x1", "x2"], ["z"], "q");

    /// <summary>
    /// Brute-force SSE and coefficients by explicit least squares: the regime columns are built, entity
    /// dummies (standard within, = LSDV) or Hansen's demean-then-drop-last rows are used, and the normal
    /// equations solved by Cholesky — an implementation independent of the sorted sweep and the QR.
    /// </summary>
    private static (double Sse, double[] Beta) BruteForce(PanelData panel, ThresholdSpecification spec, double[] thresholds,
        bool hansen, bool timeEffects)
    {
        int n = panel.RowCount, entities = panel.Entities.LevelCount, periods = panel.Times.LevelCount;
        var q = panel.Column(spec.ThresholdVariable).ToArray();
        var columns = spec.RegimeIndependent.Select(panel.CopyColumn).ToList();
        if (timeEffects)
            for (int p = 1; p < periods; p++)
            {
                int code = p;
                var codes = panel.Times.Codes.ToArray();
                columns.Add(codes.Select(c => c == code ? 1.0 : 0.0).ToArray());
            }
        var cuts = new[] { double.NegativeInfinity }.Concat(thresholds).Append(double.PositiveInfinity).ToArray();
        for (int j = 0; j + 1 < cuts.Length; j++)
            foreach (var name in spec.RegimeDependent)
            {
                var x = panel.Column(name).ToArray();
                columns.Add(x.Select((v, r) => q[r] >= cuts[j] && q[r] < cuts[j + 1] ? v : 0).ToArray());
            }
        int k = columns.Count;
        var y = panel.CopyColumn(spec.Dependent);
        var ent = panel.Entities.Codes.ToArray();
        List<int> rows;
        if (hansen)
        {
            var m = ColumnMajorMatrix.FromColumns([.. columns, y]);
            new FixedEffectsProjector([new GroupCodes("entity", ent, entities)]).DemeanInPlace(m);
            columns = Enumerable.Range(0, k).Select(j => m.Column(j).ToArray()).ToList();
            y = m.Column(k).ToArray();
            rows = Enumerable.Range(0, n).Where(r => r % periods != periods - 1).ToList();
        }
        else
        {
            for (int i = 0; i < entities; i++) columns.Add(ent.Select(e => e == i ? 1.0 : 0.0).ToArray());
            rows = Enumerable.Range(0, n).ToList();
        }
        var design = ColumnMajorMatrix.FromColumns(columns.Select(c => rows.Select(r => c[r]).ToArray()).ToArray());
        var yy = rows.Select(r => y[r]).ToArray();
        var solver = new CholeskySolver(CrossProducts.Gram(design));
        solver.Rank.Should().Be(design.Columns, "the brute-force design has full rank");
        var beta = solver.Solve(CrossProducts.XtY(design, yy));
        double sse = 0;
        for (int r = 0; r < yy.Length; r++)
        {
            double fit = 0;
            for (int j = 0; j < design.Columns; j++) fit += design[r, j] * beta[j];
            sse += (yy[r] - fit) * (yy[r] - fit);
        }
        return (sse, beta.Take(k).ToArray());
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Every_candidate_sse_and_the_fit_match_brute_force_least_squares(bool hansen, bool timeEffects)
    {
        var panel = SimulatedThresholdPanel.Create(15, 6, [0.5], [[1, 0.5], [-1, 0.2]], 0.5, seed: 7);
        var options = new ThresholdOptions
        {
            Transformation = hansen ? ThresholdTransformation.HansenOriginal : ThresholdTransformation.StandardWithin,
            Grid = ThresholdGridKind.AllUniqueValues,
            Trimming = [0.1, 0.1],
            MaxThresholds = 2,
            TimeEffects = timeEffects,
            BootstrapReplications = 0,
        };
        var result = PanelThresholdRegression.Estimate(panel, TwoX, options);
        // Normal equations on well-conditioned simulated data lose ~1e-12; 1e-8 relative separates a wrong
        // formula (which moves SSEs by >1e-3) from rounding.
        const double tolerance = 1e-8;
        result.Grid.Should().HaveCountGreaterThan(60, "all unique values between the 10% tails are candidates");
        var single = result.Single.Searches[0];
        for (int c = 0; c < single.Candidates.Count; c += 7)
        {
            var expected = BruteForce(panel, TwoX, [single.Candidates[c]], hansen, timeEffects).Sse;
            single.Sse[c].Should().BeApproximately(expected, tolerance * expected, $"single SSE at γ = {single.Candidates[c]}");
        }
        var second = result.Double!.Searches[0];
        for (int c = 0; c < second.Candidates.Count; c += 9)
        {
            var pair = new[] { result.Single.Thresholds[0], second.Candidates[c] }.Order().ToArray();
            var expected = BruteForce(panel, TwoX, pair, hansen, timeEffects).Sse;
            second.Sse[c].Should().BeApproximately(expected, tolerance * expected, $"double SSE at γ2 = {second.Candidates[c]}");
        }
        var (sse, beta) = BruteForce(panel, TwoX, [.. result.Double.Thresholds], hansen, timeEffects);
        result.Double.Fit.Sse.Should().BeApproximately(sse, tolerance * sse);
        for (int j = 0; j < beta.Length; j++)
            result.Double.Fit.Coefficients[j].Estimate.Should().BeApproximately(beta[j], tolerance * Math.Max(1, Math.Abs(beta[j])), result.Double.Fit.Names[j]);
        result.Double.Fit.RegimeObservations.Sum().Should().Be(15 * 6);
    }

    [Fact]
    public void Recovers_a_known_single_and_double_threshold()
    {
        var single = SimulatedThresholdPanel.Create(100, 8, [0.4], [[1], [-1]], 0.5, seed: 11);
        var r1 = PanelThresholdRegression.Estimate(single, OneX, new ThresholdOptions { MaxThresholds = 1, BootstrapReplications = 49, Seed = 3 });
        // With slopes 1 vs −1 and σ = 0.5 the threshold is estimated at the O(1/n) rate: 800 observations
        // put it within a few grid steps (0.0025) of 0.4; ±0.02 is loose, the wrong regime side is not.
        r1.Single.Thresholds[0].Should().BeApproximately(0.4, 0.02);
        r1.Single.Test.Bootstrap!.PValue.Should().Be(0, "an F this large is never reached under the linear null");
        var ci = r1.Single.Estimates[0].Search.ConfidenceSet;
        ci.Lower.Should().BeLessThanOrEqualTo(r1.Single.Thresholds[0]);
        ci.Upper.Should().BeGreaterThanOrEqualTo(r1.Single.Thresholds[0]);
        var fit = r1.Single.Fit;
        // Coefficients within 5 SEs of the truth (a 1-in-a-million miss for a correct estimator).
        fit.Coefficient("x1_regime1").Should().BeApproximately(1, 5 * fit.WithVcov(Vcov.Classical).Coefficients[fit.IndexOf("x1_regime1")].StdError);
        fit.Coefficient("x1_regime2").Should().BeApproximately(-1, 5 * fit.WithVcov(Vcov.Classical).Coefficients[fit.IndexOf("x1_regime2")].StdError);
        fit.Coefficient("z").Should().BeApproximately(0.5, 5 * fit.WithVcov(Vcov.Classical).Coefficients[fit.IndexOf("z")].StdError);

        var two = SimulatedThresholdPanel.Create(100, 8, [0.3, 0.7], [[1], [0], [-1]], 0.4, seed: 12);
        var r2 = PanelThresholdRegression.Estimate(two, OneX, new ThresholdOptions { MaxThresholds = 2, BootstrapReplications = 0 });
        r2.Double!.Thresholds[0].Should().BeApproximately(0.3, 0.03);
        r2.Double.Thresholds[1].Should().BeApproximately(0.7, 0.03);
    }

    [Fact]
    public void Bootstrap_p_values_are_roughly_uniform_without_a_threshold_and_small_with_one()
    {
        var options = new ThresholdOptions { MaxThresholds = 1, GridPoints = 40, Trimming = [0.1], BootstrapReplications = 39, Seed = 5 };
        double[] PValues(double[][] slopes, int first) => Enumerable.Range(first, 40)
            .Select(s => PanelThresholdRegression.Estimate(SimulatedThresholdPanel.Create(30, 5, slopes.Length > 1 ? [0.5] : [], slopes, 1, s), OneX, options)
                .Single.Test.Bootstrap!.PValue)
            .ToArray();
        var nullP = PValues([[1]], 100);
        // 40 draws of a U(0,1) p-value: the mean has SD 0.046, so [0.3, 0.7] is > 4 SD wide; at most 12 of 40
        // below 0.1 (expected 4, binomial SD 1.9). A bootstrap that rejects too often or never fails.
        nullP.Average().Should().BeInRange(0.3, 0.7);
        nullP.Count(p => p <= 0.1).Should().BeLessThanOrEqualTo(12);
        nullP.Count(p => p <= 0.5).Should().BeInRange(10, 30);
        var altP = PValues([[1], [0]], 200);
        altP.Average().Should().BeLessThan(0.2, "a slope change from 1 to 0 is detected");
    }

    [Fact]
    public void Bootstrap_is_reproducible_whatever_the_thread_count_and_reports_progress()
    {
        var panel = SimulatedThresholdPanel.Create(40, 6, [0.5], [[1], [0.2]], 1, seed: 21);
        int calls = 0, last = 0;
        var options = new ThresholdOptions
        {
            GridPoints = 100, BootstrapReplications = 30, Seed = 99, MaxDegreeOfParallelism = 1,
        };
        var progress = new SynchronousProgress<ResamplingProgress>(p => { Interlocked.Increment(ref calls); p.Total.Should().Be(90); Interlocked.Exchange(ref last, Math.Max(last, p.Completed)); });
        var one = PanelThresholdRegression.Estimate(panel, OneX, options, progress);
        var many = PanelThresholdRegression.Estimate(panel, OneX, options with { MaxDegreeOfParallelism = 8 });
        // The one resampling engine reports per chunk of replications (about a hundred times per test), not per replication.
        calls.Should().BeInRange(3, 90);
        last.Should().Be(90);
        foreach (var (a, b) in one.Models.Zip(many.Models))
        {
            a.Test.Bootstrap!.Statistics.Should().Equal(b.Test.Bootstrap!.Statistics, "each replication owns a random stream derived from (seed, test, replication)");
            a.Test.Bootstrap.PValue.Should().Be(b.Test.Bootstrap.PValue);
            a.Test.Bootstrap.Critical5.Should().Be(b.Test.Bootstrap.Critical5);
        }
        var other = PanelThresholdRegression.Estimate(panel, OneX, options with { Seed = 100 });
        other.Single.Test.Bootstrap!.Statistics.Should().NotEqual(one.Single.Test.Bootstrap!.Statistics);
        var s = one.Single.Test.Bootstrap!;
        s.Critical10.Should().BeLessThanOrEqualTo(s.Critical5);
        s.Critical5.Should().BeLessThanOrEqualTo(s.Critical1);
        s.Statistics.Should().OnlyContain(f => f >= -1e-9 && double.IsFinite(f), "a nested search never raises the SSE");
    }

    [Fact]
    public void Unbalanced_panel_fails_with_the_number_of_incomplete_entities_or_is_balanced_on_request()
    {
        var panel = SimulatedThresholdPanel.Create(20, 5, [0.5], [[1], [-1]], 1, seed: 3);
        var holes = panel.Where(r => r != 7 && r != 31);
        var act = () => PanelThresholdRegression.Estimate(holes, OneX, new ThresholdOptions { MaxThresholds = 1, BootstrapReplications = 0 });
        act.Should().Throw<SpecificationException>().WithMessage("*balanced panel*2 of 20 entities*BalancePanel*");
        var balanced = PanelThresholdRegression.Estimate(holes, OneX, new ThresholdOptions { MaxThresholds = 1, BootstrapReplications = 0, BalancePanel = true });
        balanced.EntitiesDroppedForBalance.Should().Be(2);
        balanced.Sample.EntityCount.Should().Be(18);

        var missing = panel.WithColumn("z", panel.Column("z").ToArray().Select((v, r) => r == 12 ? double.NaN : v).ToArray());
        var act2 = () => PanelThresholdRegression.Estimate(missing, OneX, new ThresholdOptions { MaxThresholds = 1, BootstrapReplications = 0 });
        act2.Should().Throw<SpecificationException>().WithMessage("*1 of 20 entities*missing values*");
    }

    [Fact]
    public void Bad_specifications_fail_with_one_clear_message()
    {
        var panel = SimulatedThresholdPanel.Create(20, 5, [0.5], [[1], [-1]], 1, seed: 4);
        var none = new ThresholdOptions { BootstrapReplications = 0 };
        FluentActions.Invoking(() => PanelThresholdRegression.Estimate(panel, OneX with { ThresholdVariable = "gdp" }, none))
            .Should().Throw<SpecificationException>().WithMessage("*gdp*");
        FluentActions.Invoking(() => PanelThresholdRegression.Estimate(panel, OneX, none with { MaxThresholds = 4 }))
            .Should().Throw<SpecificationException>().WithMessage("MaxThresholds must be 1, 2 or 3*");
        FluentActions.Invoking(() => PanelThresholdRegression.Estimate(panel, OneX with { RegimeDependent = [] }, none))
            .Should().Throw<SpecificationException>().WithMessage("*at least one regime-dependent*");
        FluentActions.Invoking(() => PanelThresholdRegression.Estimate(panel, OneX, none with { Trimming = [0.01] }))
            .Should().Throw<SpecificationException>().WithMessage("Trimming needs one value per threshold*");

        // An entity-level constant is wiped out by the fixed effects.
        var ids = panel.Entities.Codes.ToArray().Select(c => (double)c).ToArray();
        var withConstant = panel.WithColumn("size", ids);
        FluentActions.Invoking(() => PanelThresholdRegression.Estimate(withConstant, OneX with { RegimeIndependent = ["z", "size"] }, none))
            .Should().Throw<SpecificationException>().WithMessage("Regressor 'size' is collinear*");

        // Regimes of at least 45% each leave no room for a second threshold.
        FluentActions.Invoking(() => PanelThresholdRegression.Estimate(panel, OneX, none with { MaxThresholds = 2, MinimumRegimeShare = 0.45, Trimming = [0.3, 0.3] }))
            .Should().Throw<SpecificationException>().WithMessage("No admissible candidate for γ2*");
    }

    [Fact]
    public void Tables_render_tests_and_regime_estimates_in_every_format()
    {
        var panel = SimulatedThresholdPanel.Create(30, 6, [0.5], [[1], [-1]], 0.5, seed: 8);
        var result = PanelThresholdRegression.Estimate(panel, OneX, new ThresholdOptions { MaxThresholds = 2, BootstrapReplications = 19 });
        var tests = result.ToTable();
        tests.Rows.Select(r => r.Label).Should().Contain(["Linear", "Single", "Double"]);
        tests.Render(TableFormat.Text).Should().Contain($"γ1 = {NumberFormat.Fixed(result.Single.Thresholds[0], 5)}");
        var estimates = result.WithVcov(Vcov.Cluster("id")).ToEstimatesTable();
        estimates.Rows.Select(r => r.Label).Should().Contain(["z", "x1", "x1_regime1", "x1_regime2", "x1_regime3", "Obs. per regime"]);
        estimates.Notes.Should().Contain(n => n.Contains("clustered by entity"));
        foreach (var format in Enum.GetValues<TableFormat>())
            foreach (var table in result.ToTables())
                table.Render(format).Should().NotBeNullOrWhiteSpace();
        result.ToText().Should().Contain("Threshold effect tests").And.Contain("Panel threshold regression");
    }
}
