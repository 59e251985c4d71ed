namespace DigitalEconomy.Econometrics.Tests.Simulation;

/// <summary>
/// A deliberately tiny, independent least-squares helper for the generator's sanity tests (the library's Regression
/// module is tested separately): two-way within transformation of a balanced panel (x − x̄_i − x̄_t + x̄), OLS by
/// Gauss–Jordan inversion, and Stata-style city-clustered standard errors
/// (G/(G−1)·(n−1)/(n−K)·B·Σ_g X_g′e_g e_g′X_g·B, K = k + T for two-way FE).
/// </summary>
internal static class WithinOls
{
    /// <summary>Result of one fit: coefficients and their clustered standard errors.</summary>
    public sealed record Fit(double[] Beta, double[] StdError, double Ssr);

    /// <summary>Two-way demeaning of a balanced panel stored entity-major (row = i·T + t).</summary>
    public static double[] TwoWay(ReadOnlySpan<double> x, int entities, int periods)
    {
        var entityMean = new double[entities];
        var periodMean = new double[periods];
        double grand = 0;
        for (int i = 0; i < entities; i++)
            for (int t = 0; t < periods; t++)
            {
                double v = x[i * periods + t];
                entityMean[i] += v / periods;
                periodMean[t] += v / entities;
                grand += v;
            }
        grand /= x.Length;
        var y = new double[x.Length];
        for (int i = 0; i < entities; i++)
            for (int t = 0; t < periods; t++)
                y[i * periods + t] = x[i * periods + t] - entityMean[i] - periodMean[t] + grand;
        return y;
    }

    /// <summary>One-way (entity) demeaning of a balanced panel.</summary>
    public static double[] OneWay(ReadOnlySpan<double> x, int entities, int periods)
    {
        var y = new double[x.Length];
        for (int i = 0; i < entities; i++)
        {
            double m = 0;
            for (int t = 0; t < periods; t++) m += x[i * periods + t];
            m /= periods;
            for (int t = 0; t < periods; t++) y[i * periods + t] = x[i * periods + t] - m;
        }
        return y;
    }

    /// <summary>OLS of demeaned y on demeaned regressors with SEs clustered by entity; <paramref name="absorbed"/> is the FE count added to K.</summary>
    public static Fit Ols(double[] y, IReadOnlyList<double[]> x, int entities, int periods, int absorbed)
    {
        int k = x.Count, n = y.Length;
        var xtx = new double[k, k];
        var xty = new double[k];
        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b < k; b++)
                for (int r = 0; r < n; r++) xtx[a, b] += x[a][r] * x[b][r];
            for (int r = 0; r < n; r++) xty[a] += x[a][r] * y[r];
        }
        var inv = Invert(xtx);
        var beta = new double[k];
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++) beta[a] += inv[a, b] * xty[b];
        var e = new double[n];
        double ssr = 0;
        for (int r = 0; r < n; r++)
        {
            e[r] = y[r];
            for (int a = 0; a < k; a++) e[r] -= beta[a] * x[a][r];
            ssr += e[r] * e[r];
        }
        var meat = new double[k, k];
        var score = new double[k];
        for (int i = 0; i < entities; i++)
        {
            Array.Clear(score);
            for (int t = 0; t < periods; t++)
            {
                int r = i * periods + t;
                for (int a = 0; a < k; a++) score[a] += x[a][r] * e[r];
            }
            for (int a = 0; a < k; a++)
                for (int b = 0; b < k; b++) meat[a, b] += score[a] * score[b];
        }
        double scale = (double)entities / (entities - 1) * (n - 1.0) / (n - k - absorbed);
        var se = new double[k];
        for (int j = 0; j < k; j++)
        {
            double v = 0;
            for (int a = 0; a < k; a++)
                for (int b = 0; b < k; b++) v += inv[j, a] * meat[a, b] * inv[b, j];
            se[j] = Math.Sqrt(scale * v);
        }
        return new Fit(beta, se, ssr);
    }

    private static double[,] Invert(double[,] a)
    {
        int k = a.GetLength(0);
        var m = new double[k, 2 * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++) m[i, j] = a[i, j];
            m[i, k + i] = 1;
        }
        for (int c = 0; c < k; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < k; r++)
                if (Math.Abs(m[r, c]) > Math.Abs(m[pivot, c])) pivot = r;
            if (pivot != c)
                for (int j = 0; j < 2 * k; j++) (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
            double p = m[c, c];
            for (int j = 0; j < 2 * k; j++) m[c, j] /= p;
            for (int r = 0; r < k; r++)
            {
                if (r == c) continue;
                double f = m[r, c];
                if (f == 0) continue;
                for (int j = 0; j < 2 * k; j++) m[r, j] -= f * m[c, j];
            }
        }
        var inv = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) inv[i, j] = m[i, k + j];
        return inv;
    }
}
