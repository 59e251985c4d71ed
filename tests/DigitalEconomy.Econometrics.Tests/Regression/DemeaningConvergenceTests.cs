using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Regression;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Regression;

/// <summary><see cref="DemeaningReport.Converged"/> reports what alternating projections really did.</summary>
public sealed class DemeaningConvergenceTests
{
    // Unbalanced two-way design (40 entities × 15 periods, 30 % of cells missing, rows shuffled), with the exact
    // two-way solver switched off so alternating projections run: one sweep cannot reach a 1e-12 tolerance.
    private static PanelData HardTwoWayPanel()
    {
        var rng = new Random(11);
        var ids = new List<int>();
        var years = new List<int>();
        var x = new List<double>();
        var y = new List<double>();
        for (int i = 0; i < 40; i++)
            for (int t = 0; t < 15; t++)
            {
                if (rng.NextDouble() < 0.3) continue;
                ids.Add(i);
                years.Add(t);
                double xi = rng.NextDouble() + 0.05 * i + 0.1 * t;
                x.Add(xi);
                y.Add(2 * xi + 0.3 * i - 0.2 * t + rng.NextDouble());
            }
        return PanelData.Create("id", ids.ToArray(), "t", years.ToArray(),
            [new KeyValuePair<string, double[]>("y", y.ToArray()), new KeyValuePair<string, double[]>("x", x.ToArray())]);
    }

    private static PanelRegressionOptions Options(DemeaningOptions demeaning) =>
        PanelRegressionOptions.FromFormula("y ~ x | id + t") with { Demeaning = demeaning };

    [Fact]
    public void One_sweep_on_a_hard_two_way_problem_is_reported_as_not_converged()
    {
        var fit = PanelRegression.Fit(HardTwoWayPanel(),
            Options(new DemeaningOptions(Tolerance: 1e-12, MaxIterations: 1, ExactTwoWayMaxLevels: 0, RequireConvergence: false)));
        // The one sweep allowed stalls, so conjugate gradient is tried (with its own cap of one step) before giving up.
        fit.Convergence.Method.Should().Be(DemeaningMethod.ConjugateGradient);
        fit.Convergence.Converged.Should().BeFalse();
        fit.Convergence.Iterations.Should().Be(2);
        fit.Convergence.AchievedTolerance.Should().BeGreaterThan(1e-12);
        fit.Notes.Should().Contain(n => n.Contains("did NOT converge"));
        fit.Convergence.ToString().Should().Contain("NOT converged");
    }

    [Fact]
    public void By_default_not_converging_is_an_error()
    {
        var act = () => PanelRegression.Fit(HardTwoWayPanel(), Options(new DemeaningOptions(Tolerance: 1e-12, MaxIterations: 1, ExactTwoWayMaxLevels: 0)));
        act.Should().Throw<SpecificationException>().WithMessage("*did not converge in 1 iterations*");
    }

    [Fact]
    public void Enough_sweeps_converge_and_say_so()
    {
        var fit = PanelRegression.Fit(HardTwoWayPanel(), Options(new DemeaningOptions(Tolerance: 1e-12, ExactTwoWayMaxLevels: 0, RequireConvergence: false)));
        fit.Convergence.Converged.Should().BeTrue();
        fit.Convergence.Iterations.Should().BeGreaterThan(1);
        fit.Notes.Should().NotContain(n => n.Contains("converge"));
        // The converged alternating-projection fit equals the exact two-way solution (tolerance 1e-8 relative:
        // the projections stop at 1e-12 × RMS of each column).
        var exact = PanelRegression.Fit(HardTwoWayPanel(), "y ~ x | id + t");
        exact.Convergence.Method.Should().Be(DemeaningMethod.ExactTwoWay);
        fit["x"].Estimate.Should().BeApproximately(exact["x"].Estimate, 1e-8 * Math.Abs(exact["x"].Estimate));
    }
}
