using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Tests.Did;

/// <summary>
/// Test-side staggered-adoption panel: y_it = α_i + λ_t + γ·x_i·(t − t₀)/T + τ_g(t − g)·1{t ≥ g} + ε_it, with
/// cohorts 0 (never), and <see cref="Cohorts"/>; τ_g(e) = Slope_g·(e + 1) grows with exposure and differs by
/// cohort, which makes the TWFE DID coefficient a biased summary (later cohorts use earlier-treated units, whose
/// effects are still growing, as controls). With <c>selection</c> the covariate x is higher in treated cohorts and
/// drives a trend, so unconditional parallel trends fail but hold given x.
/// </summary>
internal sealed class StaggeredDgp
{
    public const int FirstYear = 2001;
    public int Units { get; init; } = 60;
    public int Periods { get; init; } = 8;
    public long[] Cohorts { get; init; } = [2004, 2006];
    public double[] Slopes { get; init; } = [1.0, 0.4];
    public double NeverShare { get; init; } = 0.3;
    public double Noise { get; init; } = 1.0;
    public double CovariateTrend { get; init; }
    public bool Selection { get; init; }
    public int Clusters { get; init; } = 10;

    public double Effect(long g, long t) => g == 0 || t < g ? 0 : Slopes[Array.IndexOf(Cohorts, g)] * (t - g + 1);

    public PanelData Build(ulong seed, double missingShare = 0)
    {
        var rng = SeededRandom.ForStream(seed, 1);
        int n = Units * Periods;
        var id = new List<int>(); var year = new List<int>();
        var y = new List<double>(); var cohort = new List<double>(); var x = new List<double>(); var cl = new List<double>();
        for (int i = 0; i < Units; i++)
        {
            long g = rng.NextDouble() < NeverShare ? 0 : Cohorts[rng.NextInt(Cohorts.Length)];
            double alpha = rng.NextGaussian();
            double xi = rng.NextGaussian() + (Selection && g != 0 ? 1.0 : 0.0);
            double cluster = i % Clusters;
            for (int p = 0; p < Periods; p++)
            {
                int t = FirstYear + p;
                double v = alpha + 0.3 * p + CovariateTrend * xi * p / Periods + Effect(g, t) + Noise * rng.NextGaussian();
                if (missingShare > 0 && rng.NextDouble() < missingShare) continue;
                id.Add(i + 1); year.Add(t); y.Add(v); cohort.Add(g); x.Add(xi); cl.Add(cluster);
            }
        }
        return PanelData.Create("id", id.ToArray(), "year", year.ToArray(),
            [new("y", y.ToArray()), new("g", cohort.ToArray()), new("x", x.ToArray()), new("cl", cl.ToArray())]);
    }

    /// <summary>Rows as (unit, year, y, cohort, x) for brute-force computations in tests.</summary>
    public static (int Id, int Year, double Y, long G, double X)[] Rows(PanelData panel)
    {
        var y = panel.Column("y"); var g = panel.Column("g"); var x = panel.Column("x");
        var rows = new (int, int, double, long, double)[panel.RowCount];
        for (int r = 0; r < rows.Length; r++)
            rows[r] = (int.Parse(panel.Entities.LabelOf(r)), int.Parse(panel.Times.LabelOf(r)), y[r], (long)g[r], x[r]);
        return rows;
    }
}
