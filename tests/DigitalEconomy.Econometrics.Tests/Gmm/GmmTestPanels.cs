using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Tests.Gmm;

/// <summary>Simulated dynamic panels with known truth for the GMM tests and benchmarks.</summary>
internal static class GmmTestPanels
{
    /// <summary>
    /// y_it = ρ y_i,t−1 + β x_it + α_i + ε_it with α_i ~ N(0, 1), x_it ~ N(0, 1) (strictly exogenous and
    /// uncorrelated with the fixed effect, so it instruments the levels equation too), ε_it ~ N(0, 1); 50 burn-in periods so that y is mean-stationary (the
    /// Blundell–Bond levels moments then hold). Years 2001 … 2000 + periods.
    /// </summary>
    public static PanelData Ar1(ulong seed, int groups, int periods, double rho, double beta)
    {
        var rng = SeededRandom.ForStream(seed, 1);
        const int burn = 50;
        int rows = groups * periods;
        var ids = new int[rows];
        var years = new int[rows];
        var y = new double[rows];
        var x = new double[rows];
        int r = 0;
        for (int i = 0; i < groups; i++)
        {
            double alpha = rng.NextGaussian();
            double prev = alpha / (1 - rho);
            for (int t = -burn; t < periods; t++)
            {
                double xt = rng.NextGaussian();
                double yt = rho * prev + beta * xt + alpha + rng.NextGaussian();
                prev = yt;
                if (t < 0) continue;
                ids[r] = i + 1;
                years[r] = 2001 + t;
                y[r] = yt;
                x[r] = xt;
                r++;
            }
        }
        return PanelData.Create("id", ids, "year", years, [new("y", y), new("x", x)]);
    }
}
