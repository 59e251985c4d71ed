using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Spatial;

/// <summary>
/// Spatial panel models by concentrated maximum likelihood (Anselin 1988; Elhorst 2014, "Spatial Econometrics",
/// ch. 3; Lee and Yu 2010): SAR, SEM, SDM and SAC with no, entity, time or two-way fixed effects, removed by
/// demeaning y, Wy and X (the direct approach) or, with <see cref="SpatialRegressionOptions.LeeYu"/>, by the
/// orthonormal transformation of Lee and Yu (2010). The likelihood of the within data with n effective
/// observations and T_e periods of log-determinant is
/// ℓ = −(n/2)(log 2πσ² + 1) + T_e·log|I − ρW| (+ T_e·log|I − λW|) with σ² = e'e/n concentrated out.
/// The spatial parameter maximises the concentrated likelihood (a grid, then golden section) and is refined to the
/// root of the analytic score by Brent's method, so it is the exact MLE to machine precision.
/// </summary>
public static class SpatialRegression
{
    /// <summary>Fits the model to a balanced panel (or a single cross-section: one period).</summary>
    /// <param name="panel">Balanced panel; every entity must appear in every period with all variables observed.</param>
    /// <param name="weights">Weight matrix over the panel's entities (reordered to the panel's entity order).</param>
    /// <param name="options">Model and options.</param>
    public static SpatialRegressionResult Fit(PanelData panel, SpatialWeights weights, SpatialRegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Regressors.Count == 0 && options.Effects != SpatialEffects.None)
            throw new SpecificationException("Spatial models need at least one regressor.");
        var problem = SpatialProblem.Build(panel, weights, options);
        return problem.Estimate(options);
    }
}

/// <summary>The within-transformed data, W and likelihood constants of one spatial fit.</summary>
internal sealed class SpatialProblem
{
    private readonly SpatialPanelLayout _layout;
    private readonly SpatialOperator _op;
    private readonly SpatialEffects _effects;
    private readonly bool _drop;
    private readonly double _nEff;
    private readonly double _mult;

    private SpatialProblem(SpatialPanelLayout layout, SpatialOperator op, SpatialEffects effects, bool leeYu,
        double[] yRaw, List<double[]> xRaw, List<string> xNames, List<string> baseNames)
    {
        _layout = layout;
        _op = op;
        _effects = effects;
        LeeYu = leeYu && effects != SpatialEffects.None;
        int n = layout.N, t = layout.T;
        _drop = LeeYu && effects is SpatialEffects.Time or SpatialEffects.TwoWay && leeYu;
        _nEff = !LeeYu ? n * t : effects switch
        {
            SpatialEffects.Entity => n * (t - 1.0),
            SpatialEffects.Time => (n - 1.0) * t,
            _ => (n - 1.0) * (t - 1.0),
        };
        _mult = LeeYu && effects is SpatialEffects.Entity or SpatialEffects.TwoWay && leeYu ? t - 1 : t;
        Y = Demeaned(yRaw);
        Wy = Demeaned(Lag(yRaw));
        WWy = Demeaned(Lag(Lag(yRaw)));
        X = xRaw.Select(Demeaned).ToList();
        WX = xRaw.Select(c => Demeaned(Lag(c))).ToList();
        XNames = xNames;
        BaseNames = baseNames;
    }

    public bool LeeYu { get; }
    public double[] Y { get; }
    public double[] Wy { get; }
    public double[] WWy { get; }
    public List<double[]> X { get; }
    public List<double[]> WX { get; }
    public List<string> XNames { get; }
    public List<string> BaseNames { get; }
    public int N => _layout.N;
    public int T => _layout.T;
    public SpatialOperator Operator => _op;

    public static SpatialProblem Build(PanelData panel, SpatialWeights weights, SpatialRegressionOptions options)
    {
        var columns = new List<string> { options.Dependent };
        columns.AddRange(options.Regressors);
        var layout = SpatialPanelLayout.Create(panel, columns);
        if (options.Effects is SpatialEffects.Entity or SpatialEffects.TwoWay && layout.T < 2)
            throw new SpecificationException($"Entity fixed effects need at least two periods; the data have {layout.T}. Use effects 'none' (or 'time') for a cross-section.");
        var w = weights.AlignTo(panel.Entities.Levels);
        if (options.LeeYu && options.Effects is SpatialEffects.Time or SpatialEffects.TwoWay && !w.IsRowStandardised)
            throw new SpecificationException("The Lee–Yu transformation with time effects needs a row-standardised W (style 'row').");
        var op = SpatialOperator.Create(w, options.ExactLimit);
        var y = layout.Gather(panel, options.Dependent);
        var x = new List<double[]>();
        var names = new List<string>();
        if (options.Effects == SpatialEffects.None)
        {
            x.Add(Enumerable.Repeat(1.0, y.Length).ToArray());
            names.Add("(Intercept)");
        }
        foreach (var r in options.Regressors)
        {
            x.Add(layout.Gather(panel, r));
            names.Add(r);
        }
        var baseNames = new List<string>(names);
        return new SpatialProblem(layout, op, options.Effects, options.LeeYu, y, x, names, baseNames);
    }

    private double[] Lag(double[] v)
    {
        var r = new double[v.Length];
        _op.W.MultiplyBlocks(v, r, T);
        return r;
    }

    private double[] Demeaned(double[] v)
    {
        var r = (double[])v.Clone();
        _layout.Demean(r, _effects);
        return r;
    }

    // ---- log-determinant pieces with the Lee–Yu time transformation (which removes W's unit eigenvalue) ----
    public double LogDet(double r) => _mult * (_op.LogDet(r) - (_drop ? Math.Log(1 - r) : 0));
    public double TrG(double r) => _op.TraceG(r) - (_drop ? 1 / (1 - r) : 0);
    public double TrG2(double r) => _op.TraceG2(r) - (_drop ? 1 / ((1 - r) * (1 - r)) : 0);

    public double TrGtG(double r)
    {
        double s = _op.TraceGtG(r);
        if (!_drop) return s;
        // tr(PG'PG) = tr(G'G) − ‖G'1‖²/N for row-standardised W (P = I − 11'/N)
        var wt = _op.W.Transpose();
        int n = N;
        var one = Enumerable.Repeat(1.0, n).ToArray();
        var u = (double[])one.Clone();
        var tmp = new double[n];
        for (int it = 0; it < 100000; it++)
        {
            wt.Multiply(u, tmp);
            double change = 0;
            for (int i = 0; i < n; i++)
            {
                double next = 1 + r * tmp[i];
                change = Math.Max(change, Math.Abs(next - u[i]));
                u[i] = next;
            }
            if (change < 1e-15 * u.Max()) break;
        }
        wt.Multiply(u, tmp);
        return s - tmp.Sum(v => v * v) / n;
    }

    public double NEff => _nEff;
    public double Mult => _mult;

    /// <summary>G applied per period: W(I − ρW)⁻¹v (time-demeaned under the Lee–Yu time transformation).</summary>
    public double[] ApplyG(double r, double[] v)
    {
        int n = N;
        var result = new double[v.Length];
        for (int t = 0; t < T; t++)
        {
            var u = _op.Solve(r, v.AsSpan(t * n, n));
            _op.W.Multiply(u, result.AsSpan(t * n, n));
        }
        if (_drop) _layout.DemeanPeriods(result);
        return result;
    }

    public SpatialRegressionResult Estimate(SpatialRegressionOptions options)
    {
        var notes = new List<string>();
        var xs = new List<double[]>(X);
        var names = new List<string>(XNames);
        if (options.Kind == SpatialModelKind.Sdm)
        {
            for (int j = 0; j < X.Count; j++)
            {
                if (XNames[j] == "(Intercept)") continue;
                xs.Add(WX[j]);
                names.Add("W:" + XNames[j]);
            }
        }
        CheckRank(xs, names);
        SpatialFit fit = options.Kind switch
        {
            SpatialModelKind.Sar or SpatialModelKind.Sdm => SpatialLikelihood.FitLag(this, xs),
            SpatialModelKind.Sem => SpatialLikelihood.FitError(this, xs),
            _ => SpatialLikelihood.FitSac(this, xs),
        };
        if (fit.AtBoundary) notes.Add("The spatial parameter is at the boundary of its admissible interval; the maximum may not be interior.");
        if (!_op.IsExact) notes.Add($"log|I − ρW| and the traces are approximated ({_op.Method}) because N = {N} exceeds the exact limit {options.ExactLimit}.");
        if (LeeYu) notes.Add(_effects == SpatialEffects.Entity
            ? "Lee–Yu (2010): σ² is the transformation-approach estimate (direct σ² × T/(T − 1)); ρ and β are unchanged."
            : "Lee–Yu (2010) transformation approach: ρ, λ, β and σ² are bias-corrected for the time effects.");

        int k = names.Count;
        var allNames = new List<string>(names);
        if (fit.Rho is not null) allNames.Add("rho");
        if (fit.Lambda is not null) allNames.Add("lambda");
        var coefficients = new List<Coefficient>();
        for (int j = 0; j < allNames.Count; j++)
            coefficients.Add(Coefficient.FromEstimate(allNames[j], fit.Theta[j], Math.Sqrt(fit.Covariance[j, j]), null, options.Level));

        var impacts = options.Kind is SpatialModelKind.Sem ? [] : SpatialImpacts.Compute(this, fit, names, options);
        var lm = options.LmTests ? SpatialLmStatistics.Compute(this, X) : null;
        var tests = new List<SpatialTest>();
        if (options.Kind == SpatialModelKind.Sdm && options.DurbinTests)
            tests.AddRange(DurbinTests(fit, names, k));
        return new SpatialRegressionResult(options.Kind, _effects, LeeYu, options.Label, options.Dependent, coefficients, fit.Covariance,
            fit.Rho, fit.Lambda, fit.Sigma2, fit.LogLikelihood, N, T, impacts, lm, tests, _op.Method, notes);
    }

    private IEnumerable<SpatialTest> DurbinTests(SpatialFit sdm, List<string> names, int k)
    {
        // θ = the W:x block; β = the matching x block
        var thetaIdx = new List<int>();
        var betaIdx = new List<int>();
        for (int j = 0; j < names.Count; j++)
            if (names[j].StartsWith("W:", StringComparison.Ordinal))
            {
                thetaIdx.Add(j);
                betaIdx.Add(names.IndexOf(names[j][2..]));
            }
        int q = thetaIdx.Count;
        int rhoIdx = k;
        var v = sdm.Covariance;
        // Wald θ = 0
        var th = thetaIdx.Select(j => sdm.Theta[j]).ToArray();
        var vt = new double[q, q];
        for (int a = 0; a < q; a++)
            for (int b = 0; b < q; b++) vt[a, b] = v[thetaIdx[a], thetaIdx[b]];
        yield return SpatialTest.ChiSquared("wald_sdm_vs_sar", Quadratic(th, Eigenvalues.InverseSymmetric(vt)), q);
        var sar = SpatialLikelihood.FitLag(this, X, covariance: false);
        yield return SpatialTest.ChiSquared("lr_sdm_vs_sar", 2 * (sdm.LogLikelihood - sar.LogLikelihood), q);
        // Wald θ + ρβ = 0: Jacobian ∂g/∂θ = I, ∂g/∂β = ρI, ∂g/∂ρ = β
        double rho = sdm.Theta[rhoIdx];
        var g = new double[q];
        var jac = new double[q, sdm.Theta.Length];
        for (int a = 0; a < q; a++)
        {
            g[a] = sdm.Theta[thetaIdx[a]] + rho * sdm.Theta[betaIdx[a]];
            jac[a, thetaIdx[a]] = 1;
            jac[a, betaIdx[a]] = rho;
            jac[a, rhoIdx] = sdm.Theta[betaIdx[a]];
        }
        var vg = new double[q, q];
        int p = sdm.Theta.Length;
        for (int a = 0; a < q; a++)
            for (int b = 0; b < q; b++)
            {
                double s = 0;
                for (int i = 0; i < p; i++)
                    for (int j = 0; j < p; j++) s += jac[a, i] * v[i, j] * jac[b, j];
                vg[a, b] = s;
            }
        yield return SpatialTest.ChiSquared("wald_sdm_vs_sem", Quadratic(g, Eigenvalues.InverseSymmetric(vg)), q);
        var sem = SpatialLikelihood.FitError(this, X, covariance: false);
        yield return SpatialTest.ChiSquared("lr_sdm_vs_sem", 2 * (sdm.LogLikelihood - sem.LogLikelihood), q);
    }

    private static double Quadratic(double[] x, double[,] a)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
            for (int j = 0; j < x.Length; j++) s += x[i] * a[i, j] * x[j];
        return s;
    }

    private static void CheckRank(List<double[]> xs, List<string> names)
    {
        var sol = LeastSquares.Solve(ColumnMajorMatrix.FromColumns(xs), new double[xs[0].Length]);
        for (int j = 0; j < names.Count; j++)
            if (!sol.Kept[j])
                throw new SpecificationException($"Regressor '{names[j]}' is collinear with the others or absorbed by the fixed effects; drop it.");
    }
}
