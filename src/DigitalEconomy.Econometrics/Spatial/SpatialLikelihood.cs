using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Spatial;

/// <summary>Parameters of a fitted spatial model: θ = (β, [ρ], [λ]) with its covariance, σ² and ℓ.</summary>
internal sealed record SpatialFit(double[] Theta, double[,] Covariance, double? Rho, double? Lambda, double Sigma2, double LogLikelihood, bool AtBoundary);

/// <summary>The concentrated likelihoods of the SAR/SDM, SEM and SAC and their information matrices.</summary>
internal static class SpatialLikelihood
{
    private const double Margin = 1e-8;

    /// <summary>
    /// SAR/SDM: e(ρ) = e₀ − ρe_L with e₀, e_L the residuals of y and Wy on X, so
    /// ℓ(ρ) = −(n/2)(log(2π e'e/n) + 1) + T_e log|I − ρW|; score n e'e_L/e'e − T_e tr(G).
    /// Information matrix (Anselin 1988, eq. 6.5) for (β, ρ, σ²): X'X/σ²; X'GXβ/σ²;
    /// T_e[tr(G²) + tr(G'G)] + ‖GXβ‖²/σ²; T_e tr(G)/σ²; n/(2σ⁴).
    /// </summary>
    public static SpatialFit FitLag(SpatialProblem p, List<double[]> xs, bool covariance = true)
    {
        var x = ColumnMajorMatrix.FromColumns(xs);
        var s0 = LeastSquares.Solve(x, p.Y);
        var sl = LeastSquares.Solve(x, p.Wy);
        var e0 = Residuals(x, p.Y, s0.Coefficients);
        var el = Residuals(x, p.Wy, sl.Coefficients);
        double a = Dot(e0, e0), b = Dot(e0, el), c = Dot(el, el);
        double n = p.NEff;
        double Ssr(double r) => a - 2 * r * b + r * r * c;
        double LogLik(double r) => -n / 2 * (Math.Log(2 * Math.PI * Ssr(r) / n) + 1) + p.LogDet(r);
        double Score(double r) => n * (b - r * c) / Ssr(r) - p.Mult * p.TrG(r);
        var (rho, boundary) = Maximise(LogLik, Score, p.Operator.Lower, p.Operator.Upper);
        int k = xs.Count;
        var beta = new double[k];
        for (int j = 0; j < k; j++) beta[j] = s0.Coefficients[j] - rho * sl.Coefficients[j];
        double sigma2 = Ssr(rho) / n;
        var theta = beta.Append(rho).ToArray();
        // a restricted model refitted only for a likelihood-ratio test needs no information matrix
        if (!covariance) return new SpatialFit(theta, new double[0, 0], rho, null, sigma2, LogLik(rho), boundary);

        var xb = Fitted(x, beta);
        var gxb = p.ApplyG(rho, xb);
        var info = new double[k + 2, k + 2];
        var gram = CrossProducts.Gram(x);
        var xg = CrossProducts.XtYParallel(x, gxb);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++) info[i, j] = gram[i, j] / sigma2;
            info[i, k] = info[k, i] = xg[i] / sigma2;
        }
        info[k, k] = p.Mult * (p.TrG2(rho) + p.TrGtG(rho)) + Dot(gxb, gxb) / sigma2;
        info[k, k + 1] = info[k + 1, k] = p.Mult * p.TrG(rho) / sigma2;
        info[k + 1, k + 1] = n / (2 * sigma2 * sigma2);
        var v = Eigenvalues.InverseSymmetric(info);
        return new SpatialFit(theta, Block(v, k + 1), rho, null, sigma2, LogLik(rho), boundary);
    }

    /// <summary>
    /// SEM: with y*(λ) = y − λWy and X*(λ) = X − λWX (W applied before the within transformation),
    /// ℓ(λ) = −(n/2)(log(2π e*'e*/n) + 1) + T_e log|I − λW| with β(λ) the OLS of y* on X*; score n e*'(We)/e*'e* − T_e tr(G(λ)).
    /// Information: X*'X*/σ² for β (block-diagonal), and for (λ, σ²): T_e[tr(G²) + tr(G'G)], T_e tr(G)/σ², n/(2σ⁴).
    /// </summary>
    public static SpatialFit FitError(SpatialProblem p, List<double[]> xs, bool covariance = true)
    {
        int k = xs.Count;
        var wxs = WLagged(p, xs);
        double n = p.NEff;
        (double Ssr, double[] Beta, double[] E, double[] We, ColumnMajorMatrix Xs) Concentrate(double l)
        {
            var ys = Combine(p.Y, p.Wy, l);
            var cols = new List<double[]>(k);
            for (int j = 0; j < k; j++) cols.Add(Combine(xs[j], wxs[j], l));
            var xm = ColumnMajorMatrix.FromColumns(cols);
            var sol = LeastSquares.Solve(xm, ys);
            var beta = sol.Coefficients.ToArray();
            var es = Residuals(xm, ys, beta);
            // We = Wy − WXβ (the lag of the untransformed residual)
            var we = (double[])p.Wy.Clone();
            for (int j = 0; j < k; j++)
            {
                var col = wxs[j];
                for (int i = 0; i < we.Length; i++) we[i] -= beta[j] * col[i];
            }
            return (Dot(es, es), beta, es, we, xm);
        }
        double LogLik(double l) => -n / 2 * (Math.Log(2 * Math.PI * Concentrate(l).Ssr / n) + 1) + p.LogDet(l);
        double Score(double l)
        {
            var c = Concentrate(l);
            return n * Dot(c.E, c.We) / c.Ssr - p.Mult * p.TrG(l);
        }
        var (lambda, boundary) = Maximise(LogLik, Score, p.Operator.Lower, p.Operator.Upper);
        var fit = Concentrate(lambda);
        double sigma2 = fit.Ssr / n;
        if (!covariance) return new SpatialFit(fit.Beta.Append(lambda).ToArray(), new double[0, 0], null, lambda, sigma2, LogLik(lambda), boundary);
        var gram = CrossProducts.Gram(fit.Xs);
        var bb = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) bb[i, j] = gram[i, j] / sigma2;
        var vb = Eigenvalues.InverseSymmetric(bb);
        var small = new double[2, 2];
        small[0, 0] = p.Mult * (p.TrG2(lambda) + p.TrGtG(lambda));
        small[0, 1] = small[1, 0] = p.Mult * p.TrG(lambda) / sigma2;
        small[1, 1] = n / (2 * sigma2 * sigma2);
        var vs = Eigenvalues.InverseSymmetric(small);
        var v = new double[k + 1, k + 1];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) v[i, j] = vb[i, j];
        v[k, k] = vs[0, 0];
        return new SpatialFit(fit.Beta.Append(lambda).ToArray(), v, null, lambda, sigma2, LogLik(lambda), boundary);
    }

    /// <summary>
    /// SAC: for each λ the model in (I − λW)-transformed data is a SAR in ρ with e(ρ) = e₀ − ρe_L; the profile
    /// likelihood in λ is maximised by golden section (nested in the exact ρ step). Standard errors from the
    /// numerical Hessian of the full log-likelihood in (β, ρ, λ, σ²).
    /// </summary>
    public static SpatialFit FitSac(SpatialProblem p, List<double[]> xs)
    {
        int k = xs.Count;
        var wxs = WLagged(p, xs);
        double n = p.NEff;
        (double Rho, double Ll, double[] Beta, double Sigma2) Inner(double l)
        {
            var ys = Combine(p.Y, p.Wy, l);
            var ls = Combine(p.Wy, p.WWy, l);
            var cols = new List<double[]>(k);
            for (int j = 0; j < k; j++) cols.Add(Combine(xs[j], wxs[j], l));
            var xm = ColumnMajorMatrix.FromColumns(cols);
            var s0 = LeastSquares.Solve(xm, ys);
            var sl = LeastSquares.Solve(xm, ls);
            var e0 = Residuals(xm, ys, s0.Coefficients);
            var el = Residuals(xm, ls, sl.Coefficients);
            double a = Dot(e0, e0), b = Dot(e0, el), c = Dot(el, el);
            double Ssr(double r) => a - 2 * r * b + r * r * c;
            double ldl = p.LogDet(l);
            double LogLik(double r) => -n / 2 * (Math.Log(2 * Math.PI * Ssr(r) / n) + 1) + p.LogDet(r) + ldl;
            double Score(double r) => n * (b - r * c) / Ssr(r) - p.Mult * p.TrG(r);
            var (rho, _) = Maximise(LogLik, Score, p.Operator.Lower, p.Operator.Upper);
            var beta = new double[k];
            for (int j = 0; j < k; j++) beta[j] = s0.Coefficients[j] - rho * sl.Coefficients[j];
            return (rho, LogLik(rho), beta, Ssr(rho) / n);
        }
        var (lambda, boundary) = Maximise(l => Inner(l).Ll, null, p.Operator.Lower, p.Operator.Upper);
        var best = Inner(lambda);

        // full log-likelihood for the numerical Hessian
        double Full(double[] th)
        {
            double r = th[k], l = th[k + 1], s2 = th[k + 2];
            if (!(s2 > 0)) return double.NegativeInfinity;
            var ys = Combine(p.Y, p.Wy, l);
            var ls = Combine(p.Wy, p.WWy, l);
            double ssr = 0;
            for (int i = 0; i < ys.Length; i++)
            {
                double e = ys[i] - r * ls[i];
                for (int j = 0; j < k; j++) e -= th[j] * (xs[j][i] - l * wxs[j][i]);
                ssr += e * e;
            }
            return -n / 2 * Math.Log(2 * Math.PI * s2) - ssr / (2 * s2) + p.LogDet(r) + p.LogDet(l);
        }
        var theta = best.Beta.Append(best.Rho).Append(lambda).Append(best.Sigma2).ToArray();
        var h = NumericalHessian(Full, theta);
        for (int i = 0; i < h.GetLength(0); i++)
            for (int j = 0; j < h.GetLength(1); j++) h[i, j] = -h[i, j];
        var v = Eigenvalues.InverseSymmetric(h);
        return new SpatialFit(theta.Take(k + 2).ToArray(), Block(v, k + 2), best.Rho, lambda, best.Sigma2, best.Ll, boundary);
    }

    private static List<double[]> WLagged(SpatialProblem p, List<double[]> xs)
    {
        // the W-lag of each column of X, matched by identity with the problem's columns (W:x columns of the SDM have no stored lag)
        var result = new List<double[]>(xs.Count);
        foreach (var col in xs)
        {
            int idx = p.X.IndexOf(col);
            result.Add(idx >= 0 ? p.WX[idx] : throw new InvalidOperationException("W-lag of a derived column is not stored."));
        }
        return result;
    }

    private static double[] Combine(double[] a, double[] b, double l)
    {
        var r = new double[a.Length];
        for (int i = 0; i < r.Length; i++) r[i] = a[i] - l * b[i];
        return r;
    }

    internal static double[] Residuals(ColumnMajorMatrix x, double[] y, IReadOnlyList<double> beta)
    {
        var e = (double[])y.Clone();
        for (int j = 0; j < x.Columns; j++)
        {
            var col = x.Column(j);
            double bj = beta[j];
            for (int i = 0; i < e.Length; i++) e[i] -= bj * col[i];
        }
        return e;
    }

    internal static double[] Fitted(ColumnMajorMatrix x, IReadOnlyList<double> beta)
    {
        var f = new double[x.Rows];
        for (int j = 0; j < x.Columns; j++)
        {
            var col = x.Column(j);
            double bj = beta[j];
            for (int i = 0; i < f.Length; i++) f[i] += bj * col[i];
        }
        return f;
    }

    internal static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static double[,] Block(double[,] v, int size)
    {
        var r = new double[size, size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++) r[i, j] = v[i, j];
        return r;
    }

    private static double[,] NumericalHessian(Func<double[], double> f, double[] x)
    {
        int m = x.Length;
        var h = new double[m, m];
        var step = x.Select(v => 1e-4 * Math.Max(Math.Abs(v), 1e-2)).ToArray();
        double F(int i, double di, int j, double dj)
        {
            var y = (double[])x.Clone();
            y[i] += di;
            y[j] += dj;
            return f(y);
        }
        for (int i = 0; i < m; i++)
            for (int j = i; j < m; j++)
            {
                double hi = step[i], hj = step[j];
                double v = (F(i, hi, j, hj) - F(i, hi, j, -hj) - F(i, -hi, j, hj) + F(i, -hi, j, -hj)) / (4 * hi * hj);
                h[i, j] = h[j, i] = v;
            }
        return h;
    }

    /// <summary>
    /// Maximises f on (lo, hi): a 64-point grid, golden section in the best grid cell, then Brent's root finder on
    /// the analytic score (when given) for the exact stationary point.
    /// </summary>
    internal static (double X, bool AtBoundary) Maximise(Func<double, double> f, Func<double, double>? score, double lo, double hi)
    {
        double width = hi - lo;
        lo += Margin * width;
        hi -= Margin * width;
        const int grid = 64;
        int best = 0;
        double bestValue = double.NegativeInfinity;
        var xsGrid = new double[grid + 1];
        for (int g = 0; g <= grid; g++)
        {
            xsGrid[g] = lo + (hi - lo) * g / grid;
            double v = f(xsGrid[g]);
            if (v > bestValue)
            {
                bestValue = v;
                best = g;
            }
        }
        double a = xsGrid[Math.Max(0, best - 1)], b = xsGrid[Math.Min(grid, best + 1)];
        double x = Golden(f, a, b);
        bool boundary = x - lo < 1e-6 * width || hi - x < 1e-6 * width;
        if (score is not null && !boundary)
        {
            double d = Math.Max(1e-7 * width, 1e-9);
            double l = Math.Max(lo, x - d), r = Math.Min(hi, x + d);
            double sl = score(l), sr = score(r);
            for (int expand = 0; expand < 40 && Math.Sign(sl) == Math.Sign(sr); expand++)
            {
                d *= 4;
                l = Math.Max(lo, x - d);
                r = Math.Min(hi, x + d);
                sl = score(l);
                sr = score(r);
            }
            if (Math.Sign(sl) != Math.Sign(sr)) x = BrentRoot(score, l, r, sl, sr);
        }
        return (x, boundary);
    }

    private static double Golden(Func<double, double> f, double a, double b)
    {
        double gr = (Math.Sqrt(5) - 1) / 2;
        double c = b - gr * (b - a), d = a + gr * (b - a);
        double fc = f(c), fd = f(d);
        for (int it = 0; it < 200 && b - a > 1e-13 * Math.Max(1, Math.Abs(a) + Math.Abs(b)); it++)
        {
            if (fc > fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - gr * (b - a);
                fc = f(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + gr * (b - a);
                fd = f(d);
            }
        }
        return (a + b) / 2;
    }

    /// <summary>Brent (1973) root finder on a sign-changing bracket, to full double precision.</summary>
    private static double BrentRoot(Func<double, double> f, double a, double b, double fa, double fb)
    {
        double c = a, fc = fa, d = b - a, e = d;
        for (int it = 0; it < 200; it++)
        {
            if (Math.Sign(fb) == Math.Sign(fc))
            {
                c = a;
                fc = fa;
                d = e = b - a;
            }
            if (Math.Abs(fc) < Math.Abs(fb))
            {
                a = b; b = c; c = a;
                fa = fb; fb = fc; fc = fa;
            }
            double tol = 2 * 1e-16 * Math.Abs(b) + 1e-300;
            double m = 0.5 * (c - b);
            if (Math.Abs(m) <= tol || fb == 0) return b;
            if (Math.Abs(e) >= tol && Math.Abs(fa) > Math.Abs(fb))
            {
                double s = fb / fa, pp, q;
                if (a == c)
                {
                    pp = 2 * m * s;
                    q = 1 - s;
                }
                else
                {
                    double qq = fa / fc, r = fb / fc;
                    pp = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
                    q = (qq - 1) * (r - 1) * (s - 1);
                }
                if (pp > 0) q = -q;
                else pp = -pp;
                if (2 * pp < Math.Min(3 * m * q - Math.Abs(tol * q), Math.Abs(e * q)))
                {
                    e = d;
                    d = pp / q;
                }
                else
                {
                    d = m;
                    e = m;
                }
            }
            else
            {
                d = m;
                e = m;
            }
            a = b;
            fa = fb;
            b += Math.Abs(d) > tol ? d : (m > 0 ? tol : -tol);
            fb = f(b);
        }
        return b;
    }
}
