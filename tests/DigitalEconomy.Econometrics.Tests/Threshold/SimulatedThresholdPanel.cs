using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Econometrics.Tests.Threshold;

/// <summary>
/// Simulated balanced panels y_it = Σ_a x_a,it·β_a(regime of q_it) + 0.5·z_it + μ_i + σ·e_it with
/// q ~ U(0, 1), x, z, e ~ N(0, 1) and μ_i ~ N(0, 1) correlated with x through the entity mean.
/// </summary>
internal static class SimulatedThresholdPanel
{
    /// <param name="entities">N.</param>
    /// <param name="periods">T.</param>
    /// <param name="thresholds">True thresholds (ascending), empty for no threshold effect.</param>
    /// <param name="slopes">slopes[regime][a]: coefficient of x_a in each regime.</param>
    /// <param name="sigma">Error standard deviation.</param>
    /// <param name="seed">Seed.</param>
    public static PanelData Create(int entities, int periods, double[] thresholds, double[][] slopes, double sigma, int seed)
    {
        var rng = new Random(seed);
        int n = entities * periods, kx = slopes[0].Length;
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var ids = new int[n];
        var years = new int[n];
        var y = new double[n];
        var q = new double[n];
        var z = new double[n];
        var x = Enumerable.Range(0, kx).Select(_ => new double[n]).ToArray();
        for (int i = 0; i < entities; i++)
        {
            double mu = Normal();
            for (int t = 0; t < periods; t++)
            {
                int r = i * periods + t;
                ids[r] = i + 1;
                years[r] = 2000 + t;
                q[r] = rng.NextDouble();
                z[r] = Normal() + 0.5 * mu;
                int regime = thresholds.Count(g => q[r] >= g);
                double value = mu + 0.5 * z[r] + 0.1 * t + sigma * Normal();
                for (int a = 0; a < kx; a++)
                {
                    x[a][r] = Normal() + 0.3 * mu;
                    value += slopes[regime][a] * x[a][r];
                }
                y[r] = value;
            }
        }
        var columns = new List<KeyValuePair<string, double[]>> { new("y", y), new("q", q), new("z", z) };
        for (int a = 0; a < kx; a++) columns.Add(new($"x{a + 1}", x[a]));
        return PanelData.Create("id", ids, "year", years, columns);
    }
}
