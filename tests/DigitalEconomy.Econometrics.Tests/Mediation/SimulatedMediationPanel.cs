using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Econometrics.Tests.Mediation;

/// <summary>
/// A simulated panel with known mediation paths (test data only):
/// X_it = ξ_i + τ_t + v_it (X correlated with the entity effects, so pooled OLS would be biased);
/// M_jit = a_j X_it + g_j Z_it + μ^M_ji + λ^M_jt + u_jit;
/// Y_it = c' X_it + Σ_j b_j M_jit + d Z_it + μ_i + λ_t + e_it. Names: y, x, m1.., z.
/// </summary>
internal static class SimulatedMediationPanel
{
    public static PanelData Create(int seed, int entities, int periods, double[] a, double[] b, double cPrime,
        double noise = 1.0, bool unbalanced = false)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        int m = a.Length;
        var ids = new List<int>();
        var years = new List<int>();
        var x = new List<double>();
        var z = new List<double>();
        var y = new List<double>();
        var med = Enumerable.Range(0, m).Select(_ => new List<double>()).ToArray();
        var timeX = Enumerable.Range(0, periods).Select(_ => Normal()).ToArray();
        var timeY = Enumerable.Range(0, periods).Select(_ => Normal()).ToArray();
        var timeM = Enumerable.Range(0, m).Select(_ => Enumerable.Range(0, periods).Select(_ => Normal()).ToArray()).ToArray();
        for (int i = 0; i < entities; i++)
        {
            double xi = Normal(), mu = 2 * xi + Normal();
            var muM = Enumerable.Range(0, m).Select(_ => xi + Normal()).ToArray();
            for (int t = 0; t < periods; t++)
            {
                // Unbalanced: drop about 15% of rows, never the first period.
                if (unbalanced && t > 0 && rng.NextDouble() < 0.15) continue;
                double xv = xi + timeX[t] + Normal();
                double zv = 0.5 * xv + Normal();
                double yv = cPrime * xv + 0.3 * zv + mu + timeY[t] + noise * Normal();
                for (int j = 0; j < m; j++)
                {
                    double mv = a[j] * xv + 0.2 * zv + muM[j] + timeM[j][t] + noise * Normal();
                    med[j].Add(mv);
                    yv += b[j] * mv;
                }
                ids.Add(i + 1);
                years.Add(2008 + t);
                x.Add(xv);
                z.Add(zv);
                y.Add(yv);
            }
        }
        var columns = new List<KeyValuePair<string, double[]>>
        {
            new("y", y.ToArray()), new("x", x.ToArray()), new("z", z.ToArray()),
        };
        for (int j = 0; j < m; j++) columns.Add(new($"m{j + 1}", med[j].ToArray()));
        return PanelData.Create("city", ids.ToArray(), "year", years.ToArray(), columns);
    }
}
