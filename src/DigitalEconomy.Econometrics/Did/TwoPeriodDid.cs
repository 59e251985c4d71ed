using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Did;

/// <summary>
/// The panel 2×2 DID estimators with covariates that Callaway–Sant'Anna applies to every (g, t) comparison, each
/// with its influence function ψ_i (so that Var(ATT) ≈ Σψ_i²/n²): outcome regression (Heckman, Ichimura and Todd
/// 1997), normalised IPW (Abadie 2005) and the improved doubly robust estimator of Sant'Anna and Zhao (2020),
/// whose propensity score is fitted by inverse probability tilting (Graham, Pinto and Egel 2012) and outcome model
/// by weighted least squares, so that the estimation effects vanish from its influence function.
/// </summary>
internal static class TwoPeriodDid
{
    /// <summary>
    /// ATT and influence function. <paramref name="x"/> is row-major n × k and includes the intercept column.
    /// </summary>
    public static (double Att, double[] Influence) Estimate(DidMethod method, bool[] d, double[] dy, double[] x, int k) => method switch
    {
        DidMethod.Regression => OutcomeRegression(d, dy, x, k),
        DidMethod.Ipw => InverseProbabilityWeighting(d, dy, x, k),
        _ => ImprovedDoublyRobust(d, dy, x, k),
    };

    private static (double, double[]) OutcomeRegression(bool[] d, double[] dy, double[] x, int k)
    {
        int n = d.Length;
        var wc = new double[n];
        for (int i = 0; i < n; i++) wc[i] = d[i] ? 0 : 1;
        var (beta, xpxInv) = WeightedLeastSquares(x, k, dy, wc);
        double p1 = 0, sumT = 0, sumC = 0;
        var fit = new double[n];
        for (int i = 0; i < n; i++)
        {
            fit[i] = Dot(x, i, k, beta);
            if (!d[i]) continue;
            p1++;
            sumT += dy[i];
            sumC += fit[i];
        }
        p1 /= n;
        double etaT = sumT / n / p1, etaC = sumC / n / p1;
        // M1 = mean of D·x: the derivative of the control mean with respect to the regression coefficients.
        var m1 = new double[k];
        for (int i = 0; i < n; i++) if (d[i]) for (int j = 0; j < k; j++) m1[j] += x[i * k + j] / n;
        var h = Multiply(xpxInv, m1, k, n);
        var inf = new double[n];
        for (int i = 0; i < n; i++)
        {
            double di = d[i] ? 1 : 0;
            double infT = di * (dy[i] - etaT) / p1;
            double infC1 = di * (fit[i] - etaC);
            double infC2 = (1 - di) * (dy[i] - fit[i]) * Dot(x, i, k, h);
            inf[i] = infT - (infC1 + infC2) / p1;
        }
        return (etaT - etaC, inf);
    }

    private static (double, double[]) InverseProbabilityWeighting(bool[] d, double[] dy, double[] x, int k)
    {
        int n = d.Length;
        var (gamma, hessianInv) = Logit(d, x, k);
        var ps = new double[n];
        for (int i = 0; i < n; i++) ps[i] = Math.Min(Logistic(Dot(x, i, k, gamma)), 1 - 1e-6);
        double mT = 0, mC = 0, aT = 0, aC = 0;
        var wC = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (d[i]) { mT += 1; aT += dy[i]; }
            else if (ps[i] < TrimLevel) { wC[i] = ps[i] / (1 - ps[i]); mC += wC[i]; aC += wC[i] * dy[i]; }
        }
        double etaT = aT / mT, etaC = aC / mC;
        mT /= n; mC /= n;
        var m2 = new double[k];
        for (int i = 0; i < n; i++) if (!d[i]) for (int j = 0; j < k; j++) m2[j] += wC[i] * (dy[i] - etaC) * x[i * k + j] / n;
        // Asymptotic linear representation of the logit: score_i′ (n · Var(γ̂)).
        var h = Multiply(hessianInv, m2, k, n);
        var inf = new double[n];
        for (int i = 0; i < n; i++)
        {
            double di = d[i] ? 1 : 0;
            double infT = di * (dy[i] - etaT) / mT;
            double infC1 = wC[i] * (dy[i] - etaC);
            double infC2 = (di - ps[i]) * Dot(x, i, k, h);
            inf[i] = infT - (infC1 + infC2) / mC;
        }
        return (etaT - etaC, inf);
    }

    private static (double, double[]) ImprovedDoublyRobust(bool[] d, double[] dy, double[] x, int k)
    {
        int n = d.Length;
        var gamma = InverseProbabilityTilting(d, x, k);
        var wC = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (d[i]) continue;
            double ps = Math.Min(Logistic(Dot(x, i, k, gamma)), 1 - 1e-16);
            wC[i] = ps / (1 - ps);
        }
        var (beta, _) = WeightedLeastSquares(x, k, dy, wC);
        // ATT = mean[(D − (1 − D)·p/(1 − p))·(ΔY − x′β)] / mean(D); tilting and the weighted outcome fit make the
        // first-order estimation effects of both nuisance fits vanish, so ψ has no correction terms.
        double mT = 0, num = 0;
        var summand = new double[n];
        for (int i = 0; i < n; i++)
        {
            double r = dy[i] - Dot(x, i, k, beta);
            summand[i] = d[i] ? r : -wC[i] * r;
            num += summand[i];
            if (d[i]) mT++;
        }
        double att = num / mT;
        mT /= n;
        var inf = new double[n];
        for (int i = 0; i < n; i++) inf[i] = (summand[i] - (d[i] ? att : 0)) / mT;
        return (att, inf);
    }

    /// <summary>Controls with a fitted propensity score at or above this level get zero IPW weight (DRDID's <c>trim.level</c>).</summary>
    private const double TrimLevel = 0.995;

    private static double Logistic(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    private static double Dot(double[] x, int row, int k, double[] b)
    {
        double s = 0;
        for (int j = 0; j < k; j++) s += x[row * k + j] * b[j];
        return s;
    }

    // (A / n)⁻¹ v with A⁻¹ given: the n-scaled inverse used in the asymptotic linear representations.
    private static double[] Multiply(double[,] inverse, double[] v, int k, int n)
    {
        var r = new double[k];
        for (int a = 0; a < k; a++)
        {
            double s = 0;
            for (int b = 0; b < k; b++) s += inverse[a, b] * v[b];
            r[a] = s * n;
        }
        return r;
    }

    /// <summary>Weighted least squares b = (X′WX)⁻¹X′Wy; also returns (X′WX)⁻¹.</summary>
    private static (double[] Beta, double[,] Inverse) WeightedLeastSquares(double[] x, int k, double[] y, double[] w)
    {
        int n = y.Length;
        var a = new double[k, k];
        var rhs = new double[k];
        for (int i = 0; i < n; i++)
        {
            if (w[i] == 0) continue;
            for (int p = 0; p < k; p++)
            {
                double xp = w[i] * x[i * k + p];
                rhs[p] += xp * y[i];
                for (int q = 0; q <= p; q++) a[p, q] += xp * x[i * k + q];
            }
        }
        Symmetrize(a, k);
        var solver = Solver(a, "outcome regression on the comparison units");
        return (solver.Solve(rhs), solver.Inverse());
    }

    /// <summary>Logit by Newton–Raphson; returns γ̂ and the inverse information (X′ diag(p(1−p)) X)⁻¹.</summary>
    private static (double[] Gamma, double[,] Inverse) Logit(bool[] d, double[] x, int k)
    {
        int n = d.Length;
        var gamma = new double[k];
        double[,] info = new double[k, k];
        for (int iter = 0; iter < 100; iter++)
        {
            info = new double[k, k];
            var score = new double[k];
            for (int i = 0; i < n; i++)
            {
                double p = Logistic(Dot(x, i, k, gamma));
                double wgt = p * (1 - p);
                double r = (d[i] ? 1 : 0) - p;
                for (int a = 0; a < k; a++)
                {
                    score[a] += r * x[i * k + a];
                    for (int b = 0; b <= a; b++) info[a, b] += wgt * x[i * k + a] * x[i * k + b];
                }
            }
            Symmetrize(info, k);
            var step = Solver(info, "propensity-score logit").Solve(score);
            double max = 0;
            for (int a = 0; a < k; a++) { gamma[a] += step[a]; max = Math.Max(max, Math.Abs(step[a])); }
            if (max < 1e-12) break;
        }
        // Information at the final γ̂.
        info = new double[k, k];
        for (int i = 0; i < n; i++)
        {
            double p = Logistic(Dot(x, i, k, gamma));
            for (int a = 0; a < k; a++)
                for (int b = 0; b <= a; b++) info[a, b] += p * (1 - p) * x[i * k + a] * x[i * k + b];
        }
        Symmetrize(info, k);
        return (gamma, Solver(info, "propensity-score logit").Inverse());
    }

    /// <summary>
    /// Inverse probability tilting for the ATT: γ minimises −mean(D·x′γ − (1 − D)·exp(x′γ)), a strictly convex
    /// loss whose first-order condition Σ_{D=1} x_i = Σ_{D=0} exp(x_i′γ) x_i makes the reweighted controls match the
    /// treated covariate sums exactly. Newton steps from the logit estimate, halved while the loss does not fall.
    /// </summary>
    private static double[] InverseProbabilityTilting(bool[] d, double[] x, int k)
    {
        int n = d.Length;
        var gamma = Logit(d, x, k).Gamma;
        double Loss(double[] g)
        {
            double s = 0;
            for (int i = 0; i < n; i++) { double z = Dot(x, i, k, g); s += d[i] ? z : -Math.Exp(z); }
            return -s / n;
        }
        double loss = Loss(gamma);
        for (int iter = 0; iter < 200; iter++)
        {
            var grad = new double[k];
            var hess = new double[k, k];
            for (int i = 0; i < n; i++)
            {
                double z = Dot(x, i, k, gamma);
                double e = d[i] ? 1 : -Math.Exp(z);
                for (int a = 0; a < k; a++)
                {
                    grad[a] -= e * x[i * k + a] / n;
                    if (!d[i]) for (int b = 0; b <= a; b++) hess[a, b] += Math.Exp(z) * x[i * k + a] * x[i * k + b] / n;
                }
            }
            Symmetrize(hess, k);
            var step = Solver(hess, "inverse probability tilting").Solve(grad);
            double t = 1;
            double[] trial = new double[k];
            double newLoss;
            do
            {
                for (int a = 0; a < k; a++) trial[a] = gamma[a] - t * step[a];
                newLoss = Loss(trial);
                t /= 2;
            } while (!(newLoss <= loss) && t > 1e-10);
            double max = 0;
            for (int a = 0; a < k; a++) max = Math.Max(max, Math.Abs(trial[a] - gamma[a]));
            gamma = trial;
            loss = newLoss;
            if (max < 1e-12) break;
        }
        return gamma;
    }

    private static void Symmetrize(double[,] a, int k)
    {
        for (int p = 0; p < k; p++) for (int q = 0; q < p; q++) a[q, p] = a[p, q];
    }

    private static CholeskySolver Solver(double[,] a, string what)
    {
        var s = new CholeskySolver(a);
        if (s.Rank < a.GetLength(0))
            throw new SpecificationException($"The covariates are collinear in the {what} of a Callaway–Sant'Anna comparison; drop a control.");
        return s;
    }
}
