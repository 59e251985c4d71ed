using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Econometrics.Tests.Iv;

/// <summary>
/// A simulated panel for IV tests: city and year effects, an unobserved shock u that moves both endogenous
/// regressors and the outcome (so OLS is biased), instruments z1..z3 and one exogenous regressor w:
/// d1 = 0.8 z1 + 0.3 z2 + 0.2 w + a_i + 0.7u + v1, d2 = 0.5 z2 + 0.6 z3 − 0.3 z1 + b_t + 0.5u + v2,
/// y = 1.5 d1 − 0.7 d2 + 0.4 w + α_i + γ_t + u. Rows are dropped at random when <c>unbalanced</c>.
/// </summary>
internal static class IvTestData
{
    public const double BetaD1 = 1.5, BetaD2 = -0.7, BetaW = 0.4;

    /// <summary>The panel with y replaced by y − β_d2·d2, so that d1 is the only endogenous regressor.</summary>
    public static PanelData SingleEndogenous(int seed, int cities, int years, double strength = 1.0)
    {
        var raw = Panel(seed, cities, years, unbalanced: false, strength: strength);
        var d2 = raw.Column("d2").ToArray();
        return raw.WithColumn("y", raw.Column("y").ToArray().Select((v, i) => v - BetaD2 * d2[i]).ToArray());
    }

    public static PanelData Panel(int seed, int cities, int years, bool unbalanced, double strength = 1.0, bool heteroskedastic = true)
    {
        var rng = new Random(seed);
        double N() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var alpha = Enumerable.Range(0, cities).Select(_ => N()).ToArray();
        var a = Enumerable.Range(0, cities).Select(_ => N()).ToArray();
        var gamma = Enumerable.Range(0, years).Select(_ => N()).ToArray();
        var city = new List<int>(); var year = new List<int>();
        var y = new List<double>(); var d1 = new List<double>(); var d2 = new List<double>(); var w = new List<double>();
        var z1 = new List<double>(); var z2 = new List<double>(); var z3 = new List<double>();
        for (int i = 0; i < cities; i++)
            for (int t = 0; t < years; t++)
            {
                double zz1 = N() + 0.5 * alpha[i], zz2 = N(), zz3 = N() + 0.3 * gamma[t], ww = N() + 0.4 * a[i];
                double u = N() * (heteroskedastic ? 0.5 + Math.Abs(zz1) * 0.5 : 1.0) + 0.3 * alpha[i];
                double dd1 = strength * (0.8 * zz1 + 0.3 * zz2) + 0.2 * ww + a[i] + 0.7 * u + N();
                double dd2 = strength * (0.5 * zz2 + 0.6 * zz3 - 0.3 * zz1) + gamma[t] + 0.5 * u + N();
                double yy = BetaD1 * dd1 + BetaD2 * dd2 + BetaW * ww + alpha[i] + gamma[t] + u;
                if (unbalanced && rng.NextDouble() < 0.15) continue;
                city.Add(i + 1); year.Add(2000 + t);
                y.Add(yy); d1.Add(dd1); d2.Add(dd2); w.Add(ww); z1.Add(zz1); z2.Add(zz2); z3.Add(zz3);
            }
        return new PanelDataBuilder("city", "year").Keys(city.ToArray(), year.ToArray())
            .Numeric("y", y.ToArray()).Numeric("d1", d1.ToArray()).Numeric("d2", d2.ToArray()).Numeric("w", w.ToArray())
            .Numeric("z1", z1.ToArray()).Numeric("z2", z2.ToArray()).Numeric("z3", z3.ToArray()).Build();
    }
}
