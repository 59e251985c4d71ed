using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Spatial;

/// <summary>LeSage–Pace direct, indirect and total effects with simulated and delta-method standard errors.</summary>
internal static class SpatialImpacts
{
    private const ulong Stream = 0x1A9AC7UL;

    public static IReadOnlyList<SpatialImpact> Compute(SpatialProblem p, SpatialFit fit, List<string> names, SpatialRegressionOptions options)
    {
        var op = p.Operator;
        int n = p.N;
        int k = names.Count;
        int rhoIdx = k;
        var vars = new List<(string Name, int Beta, int Theta)>();
        for (int j = 0; j < k; j++)
        {
            if (names[j] == "(Intercept)" || names[j].StartsWith("W:", StringComparison.Ordinal)) continue;
            vars.Add((names[j], j, names.IndexOf("W:" + names[j])));
        }
        bool rowStd = op.IsRowStandardised;
        var w1 = new double[n];
        op.W.Multiply(Enumerable.Repeat(1.0, n).ToArray(), w1);
        // per-unit-β pieces at ρ: direct = β·tr(A)/N + θ·tr(WA)/N; total = β·mean(A1) + θ·mean(AW1), A = (I − ρW)⁻¹
        (double Dx, double Dw, double Tx, double Tw) Pieces(double rho)
        {
            double dx = op.TraceInverse(rho) / n, dw = op.TraceG(rho) / n;
            if (rowStd) return (dx, dw, 1 / (1 - rho), 1 / (1 - rho));
            double tx = op.SolveIterative(rho, Enumerable.Repeat(1.0, n).ToArray()).Average();
            double tw = op.SolveIterative(rho, w1).Average();
            return (dx, dw, tx, tw);
        }
        (double D, double I, double T) Effects(double b, double th, double rho)
        {
            var q = Pieces(rho);
            double d = b * q.Dx + th * q.Dw, t = b * q.Tx + th * q.Tw;
            return (d, t - d, t);
        }
        double rhoHat = fit.Theta[rhoIdx];
        var v = fit.Covariance;
        var point = vars.Select(x => Effects(fit.Theta[x.Beta], x.Theta >= 0 ? fit.Theta[x.Theta] : 0, rhoHat)).ToList();

        // delta method: gradient in (β_r, θ_r, ρ); ρ derivative by central differences
        double h = 1e-6 * Math.Max(1, Math.Abs(rhoHat));
        var plus = Pieces(rhoHat + h);
        var minus = Pieces(rhoHat - h);
        var at = Pieces(rhoHat);
        var delta = new List<(double D, double I, double T)>();
        foreach (var x in vars)
        {
            double b = fit.Theta[x.Beta], th = x.Theta >= 0 ? fit.Theta[x.Theta] : 0;
            double dD = (b * (plus.Dx - minus.Dx) + th * (plus.Dw - minus.Dw)) / (2 * h);
            double dT = (b * (plus.Tx - minus.Tx) + th * (plus.Tw - minus.Tw)) / (2 * h);
            var idx = new List<int> { x.Beta, rhoIdx };
            var gD = new List<double> { at.Dx, dD };
            var gT = new List<double> { at.Tx, dT };
            if (x.Theta >= 0)
            {
                idx.Add(x.Theta);
                gD.Add(at.Dw);
                gT.Add(at.Tw);
            }
            var gI = gT.Zip(gD, (a, c) => a - c).ToList();
            delta.Add((Math.Sqrt(Quad(gD, idx, v)), Math.Sqrt(Quad(gI, idx, v)), Math.Sqrt(Quad(gT, idx, v))));
        }

        var sims = new double[vars.Count, 3];
        for (int a = 0; a < vars.Count; a++) for (int c = 0; c < 3; c++) sims[a, c] = double.NaN;
        int draws = options.Simulations;
        if (draws > 1)
        {
            int m = k + 1; // β block and ρ
            var sub = new double[m, m];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < m; j++) sub[i, j] = v[i, j];
            var l = Eigenvalues.CholeskyLower(sub);
            var results = new double[draws, vars.Count, 3];
            Parallel.For(0, draws, d =>
            {
                var rng = SeededRandom.ForReplication(options.Seed, Stream, (ulong)d);
                var z = new double[m];
                for (int i = 0; i < m; i++) z[i] = rng.NextGaussian();
                var th = new double[m];
                for (int i = 0; i < m; i++)
                {
                    double s = fit.Theta[i];
                    for (int j = 0; j <= i; j++) s += l[i, j] * z[j];
                    th[i] = s;
                }
                var q = Pieces(th[rhoIdx]);
                for (int a = 0; a < vars.Count; a++)
                {
                    double b = th[vars[a].Beta], t = vars[a].Theta >= 0 ? th[vars[a].Theta] : 0;
                    double de = b * q.Dx + t * q.Dw, te = b * q.Tx + t * q.Tw;
                    results[d, a, 0] = de;
                    results[d, a, 1] = te - de;
                    results[d, a, 2] = te;
                }
            });
            for (int a = 0; a < vars.Count; a++)
                for (int c = 0; c < 3; c++)
                {
                    double mean = 0;
                    for (int d = 0; d < draws; d++) mean += results[d, a, c];
                    mean /= draws;
                    double ss = 0;
                    for (int d = 0; d < draws; d++) ss += (results[d, a, c] - mean) * (results[d, a, c] - mean);
                    sims[a, c] = Math.Sqrt(ss / (draws - 1));
                }
        }
        var list = new List<SpatialImpact>();
        for (int a = 0; a < vars.Count; a++)
            list.Add(new SpatialImpact(vars[a].Name, point[a].D, point[a].I, point[a].T, sims[a, 0], sims[a, 1], sims[a, 2], delta[a].D, delta[a].I, delta[a].T));
        return list;
    }

    private static double Quad(List<double> g, List<int> idx, double[,] v)
    {
        double s = 0;
        for (int i = 0; i < g.Count; i++)
            for (int j = 0; j < g.Count; j++) s += g[i] * v[idx[i], idx[j]] * g[j];
        return s;
    }
}
