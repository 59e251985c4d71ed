using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Gmm;

/// <summary>
/// Linear dynamic panel GMM: Arellano and Bond (1991) difference GMM and Arellano and Bover (1995) / Blundell and
/// Bond (1998) system GMM, one- or two-step, with Windmeijer's (2005) corrected two-step variance. With Z<sub>i</sub>,
/// X<sub>i</sub>, y<sub>i</sub> the instrument, regressor and outcome rows of group i (transformed equations stacked):
/// <code>
/// β̂ = (X'Z W Z'X)⁻¹ X'Z W Z'y,   W₁ = (Σ Z<sub>i</sub>'H Z<sub>i</sub>)⁻¹,   W₂ = (Σ Z<sub>i</sub>'ê₁<sub>i</sub>ê₁<sub>i</sub>'Z<sub>i</sub>)⁻¹
/// </code>
/// (Roodman 2009, "How to do xtabond2", Stata Journal 9(1), eqs. 10–13). Conventions follow plm::pgmm where the
/// two programs differ; see docs/methods/gmm.md.
/// </summary>
public static class DynamicPanelGmm
{
    /// <summary>Fits the model. Throws <see cref="SpecificationException"/> for an unusable specification.</summary>
    /// <param name="panel">The panel (rows need not be balanced; gaps are respected).</param>
    /// <param name="specification">Dependent variable, lagged regressors and instruments.</param>
    /// <param name="options">Method, steps, variance and instrument options (null for the defaults).</param>
    public static GmmResult Fit(PanelData panel, GmmSpecification specification, GmmOptions? options = null)
    {
        options ??= new GmmOptions();
        if (options.ArOrders < 0) throw new SpecificationException($"ArOrders must be non-negative; got {options.ArOrders}.");
        if (options.Method == GmmMethod.Difference && options.FirstStepWeight == FirstStepWeight.BlockDiagonal)
            options = options with { FirstStepWeight = FirstStepWeight.Standard };
        bool twoStep = options.Steps == GmmSteps.TwoStep;
        if (!twoStep && !options.Robust && (options.Method == GmmMethod.System || options.FirstStepWeight != FirstStepWeight.Standard))
            throw new SpecificationException("Non-robust one-step standard errors need difference GMM with the standard H (H ∝ Var(Δε) only then); use Robust = true or two steps.");

        var d = GmmDesign.Build(panel, specification, options);
        int K = d.K, L = d.L, N = d.Groups;
        var notes = new List<string>();
        if (L < K)
            throw new SpecificationException($"The model is under-identified: {L} instrument columns for {K} coefficients.");
        if (d.DroppedInstrumentColumns > 0)
            notes.Add($"{d.DroppedInstrumentColumns} instrument column(s) were zero for every observation and were dropped.");
        if (L > N)
            notes.Add($"Warning: {L} instruments exceed the {N} groups; the two-step weighting matrix is singular and the Hansen test is weakened (Roodman 2009, 'A note on the theme of too many instruments').");

        // Cross products.
        var zx = new double[L * K];
        var zy = new double[L];
        var zhz = new double[L * L];
        for (int g = 0; g < N; g++)
        {
            int start = d.GroupStart[g], n = d.GroupStart[g + 1] - start;
            var h = FirstStepH(d, start, n, options.FirstStepWeight);
            var hz = new double[n * L];
            for (int a = 0; a < n; a++)
                for (int b = 0; b < n; b++)
                {
                    double hab = h[a * n + b];
                    if (hab == 0) continue;
                    int zb = (start + b) * L;
                    for (int c = 0; c < L; c++) hz[a * L + c] += hab * d.Z[zb + c];
                }
            for (int a = 0; a < n; a++)
            {
                int za = (start + a) * L, xa = (start + a) * K;
                double ya = d.Y[start + a];
                for (int c = 0; c < L; c++)
                {
                    double zc = d.Z[za + c];
                    if (zc == 0) continue;
                    zy[c] += zc * ya;
                    for (int k = 0; k < K; k++) zx[c * K + k] += zc * d.X[xa + k];
                    for (int c2 = 0; c2 < L; c2++) zhz[c * L + c2] += zc * hz[a * L + c2];
                }
            }
        }

        var a1 = SymmetricInverse.Invert(zhz, L, out bool generalized1);
        if (generalized1) notes.Add("The one-step matrix Σ Z'HZ is singular; a generalized inverse was used.");
        var step1 = Estimate(zx, zy, a1, K, L);
        var e1 = Residuals(d, step1.Beta);
        var g1 = GroupMoments(d, e1);
        var s1 = OuterSum(g1, N, L);
        var a2 = SymmetricInverse.Invert(s1, L, out bool generalized2);
        if (generalized2) notes.Add("The moment covariance Σ Z'êê'Z is singular; a generalized inverse was used for the two-step weighting matrix.");
        var step2 = Estimate(zx, zy, a2, K, L);
        var e2 = Residuals(d, step2.Beta);
        var g2 = GroupMoments(d, e2);

        // One-step robust variance: M₁ S₁ M₁' (Arellano and Bond 1991; Roodman 2009 eq. 15).
        var v1Robust = Sandwich(step1.M, s1, K, L);

        double[] covariance;
        if (!twoStep)
        {
            if (options.Robust) covariance = v1Robust;
            else
            {
                double s2 = OneStepSigma2(d, e1, K);
                covariance = step1.B.Select(v => v * s2).ToArray();
            }
        }
        else covariance = options.Robust ? Windmeijer(d, step2, a2, g1, zy, zx, v1Robust, K, L) : step2.B;

        var chosen = twoStep ? step2 : step1;
        var residuals = twoStep ? e2 : e1;
        var moments = twoStep ? g2 : g1;

        var coefficients = new Coefficient[K];
        for (int k = 0; k < K; k++)
            coefficients[k] = Coefficient.FromEstimate(d.Names[k], chosen.Beta[k], Math.Sqrt(covariance[k * K + k]), null, options.ConfidenceLevel);

        // Specification tests.
        int overId = L - K;
        var z1 = MomentTotal(zx, zy, step1.Beta, K, L);
        var z2 = MomentTotal(zx, zy, step2.Beta, K, L);
        var hansen = ChiSquaredTest.Of("hansen", Quadratic(z2, a2, L), overId,
            "Hansen J: two-step moments weighted by the inverse of the one-step-residual moment covariance (robust).");
        ChiSquaredTest? hansenAtOneStep = twoStep ? null : ChiSquaredTest.Of("hansen_one_step", Quadratic(z1, a2, L), overId,
            "One-step moments weighted by the inverse of the one-step-residual moment covariance (plm's sargan() for a one-step model).");
        ChiSquaredTest? sargan = null;
        if (options.Method == GmmMethod.Difference && options.FirstStepWeight == FirstStepWeight.Standard)
        {
            double s2 = OneStepSigma2(d, e1, K);
            sargan = ChiSquaredTest.Of("sargan", Quadratic(z1, a1, L) / s2, overId,
                "Sargan: one-step moments weighted by (σ̂² Σ Z'HZ)⁻¹, σ̂² = Σê₁²/(2(n − K)); not robust to heteroskedasticity.");
        }
        else notes.Add("Sargan's (non-robust) statistic is not reported: with this H the one-step weight is not proportional to the moments' covariance even under homoskedasticity (in system GMM the levels errors contain the fixed effect).");

        var ar = new List<SerialCorrelationTest>();
        for (int order = 1; order <= options.ArOrders; order++)
        {
            double z = ArellanoBond(d, residuals, moments, chosen.M, covariance, order, K, L);
            ar.Add(new SerialCorrelationTest(order, z, Distributions.NormalTwoSided(z)));
        }

        var diffHansen = new List<DifferenceInHansenTest>();
        foreach (var (label, columns) in d.Subsets)
        {
            var kept = Enumerable.Range(0, L).Except(columns).ToArray();
            if (kept.Length < K) continue;
            int lk = kept.Length;
            var sub = new double[lk * lk];
            for (int a = 0; a < lk; a++)
                for (int b = 0; b < lk; b++) sub[a * lk + b] = s1[kept[a] * L + kept[b]];
            var zxk = new double[lk * K];
            var zyk = new double[lk];
            for (int a = 0; a < lk; a++)
            {
                zyk[a] = zy[kept[a]];
                for (int k = 0; k < K; k++) zxk[a * K + k] = zx[kept[a] * K + k];
            }
            var ak = SymmetricInverse.Invert(sub, lk, out _);
            var restricted = Estimate(zxk, zyk, ak, K, lk);
            double jr = Quadratic(MomentTotal(zxk, zyk, restricted.Beta, K, lk), ak, lk);
            double c = hansen.Statistic - jr;
            diffHansen.Add(new DifferenceInHansenTest(label, columns.Length, jr, lk - K, c, columns.Length,
                Distributions.ChiSquaredUpper(c, columns.Length)));
        }

        var slopes = d.SlopeIndices;
        var vs = new double[slopes.Length * slopes.Length];
        for (int a = 0; a < slopes.Length; a++)
            for (int b = 0; b < slopes.Length; b++) vs[a * slopes.Length + b] = covariance[slopes[a] * K + slopes[b]];
        var vsInv = SymmetricInverse.Invert(vs, slopes.Length, out _);
        var bs = slopes.Select(k => chosen.Beta[k]).ToArray();
        var wald = ChiSquaredTest.Of("wald", Quadratic(bs, vsInv, slopes.Length), slopes.Length,
            "Wald test that every coefficient but the constant and period dummies is zero, with the reported variance.");

        string vcovText = twoStep
            ? (options.Robust ? "Windmeijer (2005) corrected two-step" : "uncorrected two-step (X'ZW₂Z'X)⁻¹")
            : (options.Robust ? "one-step robust (clustered by " + panel.EntityName + ")" : "one-step σ̂²(X'ZW₁Z'X)⁻¹");
        var variance = new VarianceSummary(
            options.Robust ? VcovKind.Cluster : VcovKind.Classical, SmallSampleCorrection.None, 1, K,
            options.Robust ? [panel.EntityName] : [], options.Robust ? [N] : [], double.PositiveInfinity, false,
            $"GMM standard errors: {vcovText}; z tests.");

        return new GmmResult
        {
            Label = options.Label,
            Dependent = specification.Dependent,
            Method = options.Method,
            Steps = options.Steps,
            Robust = options.Robust,
            Coefficients = coefficients,
            Names = d.Names,
            Estimates = chosen.Beta,
            OneStepEstimates = step1.Beta,
            TwoStepEstimates = step2.Beta,
            Covariance = ToMatrix(covariance, K),
            Observations = options.Method == GmmMethod.System ? d.LevelRows : d.DifferencedRows,
            DifferencedObservations = d.DifferencedRows,
            LevelObservations = d.LevelRows,
            Groups = N,
            InstrumentCount = L,
            InstrumentNames = d.InstrumentNames,
            SerialCorrelation = ar,
            Sargan = sargan,
            Hansen = hansen,
            HansenAtOneStep = hansenAtOneStep,
            DifferenceInHansen = diffHansen,
            Wald = wald,
            Variance = variance,
            Notes = notes,
        };
    }

    private sealed record Step(double[] Beta, double[] B, double[] M);

    // H of one group's rows (differenced rows first, then levels rows, each by period).
    private static double[] FirstStepH(GmmDesign d, int start, int n, FirstStepWeight weight)
    {
        var h = new double[n * n];
        for (int a = 0; a < n; a++)
        {
            int pa = d.Period[start + a];
            bool la = d.IsLevel[start + a];
            for (int b = 0; b < n; b++)
            {
                int pb = d.Period[start + b];
                bool lb = d.IsLevel[start + b];
                double v;
                if (weight == FirstStepWeight.Identity) v = a == b ? 1 : 0;
                else if (!la && !lb) v = pa == pb ? 2 : Math.Abs(pa - pb) == 1 ? -1 : 0;
                else if (la && lb) v = pa == pb ? 1 : 0;
                else if (weight == FirstStepWeight.BlockDiagonal) v = 0;
                else
                {
                    // Cov(Δε_t, ε_s) = 1 if s = t, −1 if s = t − 1.
                    int pd = la ? pb : pa, pl = la ? pa : pb;
                    v = pl == pd ? 1 : pl == pd - 1 ? -1 : 0;
                }
                h[a * n + b] = v;
            }
        }
        return h;
    }

    // β = B X'Z A Z'y with B = (X'Z A Z'X)⁻¹; M = B X'Z A maps the moments to the estimate.
    private static Step Estimate(double[] zx, double[] zy, double[] a, int K, int L)
    {
        // AZx = A·Zx (L×K)
        var azx = new double[L * K];
        for (int i = 0; i < L; i++)
            for (int j = 0; j < L; j++)
            {
                double aij = a[i * L + j];
                if (aij == 0) continue;
                for (int k = 0; k < K; k++) azx[i * K + k] += aij * zx[j * K + k];
            }
        var xzazx = new double[K * K];
        for (int i = 0; i < L; i++)
            for (int k = 0; k < K; k++)
            {
                double v = zx[i * K + k];
                if (v == 0) continue;
                for (int c = 0; c < K; c++) xzazx[k * K + c] += v * azx[i * K + c];
            }
        var b = SymmetricInverse.Invert(xzazx, K, out bool generalized);
        if (generalized) throw new SpecificationException("The regressors are collinear given the instruments (X'ZWZ'X is singular): drop a regressor or add instruments.");
        var m = new double[K * L];
        for (int k = 0; k < K; k++)
            for (int i = 0; i < L; i++)
            {
                double v = 0;
                for (int q = 0; q < K; q++) v += b[k * K + q] * azx[i * K + q];
                m[k * L + i] = v;
            }
        var beta = new double[K];
        for (int k = 0; k < K; k++)
        {
            double v = 0;
            for (int i = 0; i < L; i++) v += m[k * L + i] * zy[i];
            beta[k] = v;
        }
        return new Step(beta, b, m);
    }

    private static double[] Residuals(GmmDesign d, double[] beta)
    {
        int K = d.K;
        var e = new double[d.Rows];
        for (int r = 0; r < d.Rows; r++)
        {
            double v = d.Y[r];
            for (int k = 0; k < K; k++) v -= d.X[r * K + k] * beta[k];
            e[r] = v;
        }
        return e;
    }

    // g_i = Z_i'e_i, groups × L.
    private static double[] GroupMoments(GmmDesign d, double[] e)
    {
        int L = d.L;
        var g = new double[d.Groups * L];
        for (int grp = 0; grp < d.Groups; grp++)
            for (int r = d.GroupStart[grp]; r < d.GroupStart[grp + 1]; r++)
            {
                double er = e[r];
                for (int c = 0; c < L; c++) g[grp * L + c] += d.Z[r * L + c] * er;
            }
        return g;
    }

    private static double[] OuterSum(double[] g, int n, int L)
    {
        var s = new double[L * L];
        for (int grp = 0; grp < n; grp++)
            for (int a = 0; a < L; a++)
            {
                double ga = g[grp * L + a];
                if (ga == 0) continue;
                for (int b = 0; b < L; b++) s[a * L + b] += ga * g[grp * L + b];
            }
        return s;
    }

    // Σ_i Z_i'(y_i − X_iβ) = Z'y − Z'Xβ.
    private static double[] MomentTotal(double[] zx, double[] zy, double[] beta, int K, int L)
    {
        var z = new double[L];
        for (int i = 0; i < L; i++)
        {
            double v = zy[i];
            for (int k = 0; k < K; k++) v -= zx[i * K + k] * beta[k];
            z[i] = v;
        }
        return z;
    }

    private static double Quadratic(double[] v, double[] a, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            double row = 0;
            for (int j = 0; j < n; j++) row += a[i * n + j] * v[j];
            s += v[i] * row;
        }
        return s;
    }

    // M S M' (K×K).
    private static double[] Sandwich(double[] m, double[] s, int K, int L)
    {
        var ms = new double[K * L];
        for (int k = 0; k < K; k++)
            for (int i = 0; i < L; i++)
            {
                double mki = m[k * L + i];
                if (mki == 0) continue;
                for (int j = 0; j < L; j++) ms[k * L + j] += mki * s[i * L + j];
            }
        var v = new double[K * K];
        for (int k = 0; k < K; k++)
            for (int q = 0; q < K; q++)
            {
                double sum = 0;
                for (int j = 0; j < L; j++) sum += ms[k * L + j] * m[q * L + j];
                v[k * K + q] = sum;
            }
        return v;
    }

    // σ̂² = Σ ê₁² / (2(n − K)) over the differenced residuals: Var(Δε) = 2σ² under iid errors.
    private static double OneStepSigma2(GmmDesign d, double[] e1, int K)
    {
        double ss = 0;
        for (int r = 0; r < d.Rows; r++) if (!d.IsLevel[r]) ss += e1[r] * e1[r];
        return ss / (2.0 * (d.DifferencedRows - K));
    }

    // Windmeijer (2005, eq. 3.3): V = B₂ + D B₂ + B₂ D' + D V₁ D', with column k of D
    // D_k = M₂ Σ_i [q_ik (g₁_i'u) + g₁_i (q_ik'u)], q_ik = Z_i'x_ik, g₁_i = Z_i'ê₁_i, u = W₂ Σ_i Z_i'ê₂_i.
    private static double[] Windmeijer(GmmDesign d, Step step2, double[] a2, double[] g1,
        double[] zy, double[] zx, double[] v1, int K, int L)
    {
        var z2 = MomentTotal(zx, zy, step2.Beta, K, L);
        var u = new double[L];
        for (int i = 0; i < L; i++)
        {
            double s = 0;
            for (int j = 0; j < L; j++) s += a2[i * L + j] * z2[j];
            u[i] = s;
        }
        var vk = new double[K * L]; // row k = v_k
        var q = new double[L * K];
        for (int grp = 0; grp < d.Groups; grp++)
        {
            Array.Clear(q);
            for (int r = d.GroupStart[grp]; r < d.GroupStart[grp + 1]; r++)
                for (int c = 0; c < L; c++)
                {
                    double zc = d.Z[r * L + c];
                    if (zc == 0) continue;
                    for (int k = 0; k < K; k++) q[c * K + k] += zc * d.X[r * K + k];
                }
            double gu = 0;
            for (int c = 0; c < L; c++) gu += g1[grp * L + c] * u[c];
            for (int k = 0; k < K; k++)
            {
                double qu = 0;
                for (int c = 0; c < L; c++) qu += q[c * K + k] * u[c];
                for (int c = 0; c < L; c++) vk[k * L + c] += q[c * K + k] * gu + g1[grp * L + c] * qu;
            }
        }
        var dm = new double[K * K]; // D[row, col k]
        for (int k = 0; k < K; k++)
            for (int row = 0; row < K; row++)
            {
                double s = 0;
                for (int c = 0; c < L; c++) s += step2.M[row * L + c] * vk[k * L + c];
                dm[row * K + k] = s;
            }
        var b2 = step2.B;
        var v = new double[K * K];
        var dv1 = new double[K * K];
        for (int i = 0; i < K; i++)
            for (int j = 0; j < K; j++)
            {
                double s = 0;
                for (int m = 0; m < K; m++) s += dm[i * K + m] * v1[m * K + j];
                dv1[i * K + j] = s;
            }
        for (int i = 0; i < K; i++)
            for (int j = 0; j < K; j++)
            {
                double db = 0, bd = 0, dvd = 0;
                for (int m = 0; m < K; m++)
                {
                    db += dm[i * K + m] * b2[m * K + j];
                    bd += b2[i * K + m] * dm[j * K + m];
                    dvd += dv1[i * K + m] * dm[j * K + m];
                }
                v[i * K + j] = b2[i * K + j] + db + bd + dvd;
            }
        return v;
    }

    // Arellano and Bond (1991) m_k on the differenced residuals:
    // z = Σ w_i / √(Σ w_i² − 2 a'M(Σ w_i g_i) + a'V a), w_i = ê_{i,−k}'ê_i, a = Σ_i X_i'ê_{i,−k} (differenced rows).
    private static double ArellanoBond(GmmDesign d, double[] e, double[] g, double[] m, double[] v, int order, int K, int L)
    {
        double num = 0, eve = 0;
        var zve = new double[L];
        var ex = new double[K];
        for (int grp = 0; grp < d.Groups; grp++)
        {
            int start = d.GroupStart[grp], end = d.GroupStart[grp + 1];
            double w = 0;
            for (int r = start; r < end; r++)
            {
                if (d.IsLevel[r]) continue;
                int target = d.Period[r] - order;
                for (int s = start; s < r; s++)
                {
                    if (d.IsLevel[s] || d.Period[s] != target) continue;
                    w += e[r] * e[s];
                    for (int k = 0; k < K; k++) ex[k] += d.X[r * K + k] * e[s];
                }
            }
            num += w;
            eve += w * w;
            if (w != 0) for (int c = 0; c < L; c++) zve[c] += w * g[grp * L + c];
        }
        double cross = 0;
        for (int k = 0; k < K; k++)
        {
            double mz = 0;
            for (int c = 0; c < L; c++) mz += m[k * L + c] * zve[c];
            cross += ex[k] * mz;
        }
        double quad = 0;
        for (int i = 0; i < K; i++)
            for (int j = 0; j < K; j++) quad += ex[i] * v[i * K + j] * ex[j];
        return num / Math.Sqrt(eve - 2 * cross + quad);
    }

    private static double[,] ToMatrix(double[] flat, int k)
    {
        var m = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) m[i, j] = flat[i * k + j];
        return m;
    }
}
