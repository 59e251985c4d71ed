using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Regression;

namespace DigitalEconomy.Econometrics.Iv;

/// <summary>
/// The wild restricted efficient (WRE) cluster bootstrap of the 2SLS t test of the endogenous coefficient
/// (Davidson and MacKinnon 2010; Finlay and Magnusson 2009; Roodman, MacKinnon, Nielsen and Webb 2019, §5): a
/// few-cluster test for IV models that, unlike the analytic cluster-robust t, stays close to its nominal size when
/// clusters are few or the instruments weak. See docs/methods/wild-bootstrap.md.
/// </summary>
/// <remarks>
/// With y = βY + Xγ + u, Y = Zπ + Xδ + v and H₀: β = β₀, all variables with the fixed effects partialled out:
/// (1) the restricted structural residuals ũ₁ = M_X(y − β₀Y) and γ̃ from OLS of y − β₀Y on X;
/// (2) the efficient reduced form: OLS of Y on Z, X and ũ₁, giving π̃, δ̃ and ũ₂ = Y − Zπ̃ − Xδ̃ (the residual
/// keeps the part of Y correlated with ũ₁);
/// (3) for each replication, with one weight v*_g per bootstrap cluster, Y* = Zπ̃ + Xδ̃ + v*ũ₂ and
/// y* = β₀Y* + Xγ̃ + v*ũ₁ (the same v* multiplies both residuals of an observation);
/// (4) 2SLS of y* on Y* and X with instruments Z and X, and t* = (β̂* − β₀)/se*, se* the cluster-robust standard
/// error with the same small-sample factor as the original t. The p-value compares t with the t* exactly as the
/// linear wild bootstrap does (strict inequalities; symmetric by default). Fixed effects nested in the bootstrap
/// clusters need nothing more (the weights are constant within them); others (e.g. year effects with city clusters)
/// are partialled out of v*ũ₁ and v*ũ₂ in every replication, which is what re-estimating with the dummies would do.
/// Residuals are not rescaled. A replication costs O(N·L) (L instruments and exogenous regressors), so the
/// bootstrap suits study-size panels; the confidence set is not computed for IV models.
/// </remarks>
public static class IvWildBootstrap
{
    private const ulong WeightStream = 0x57_52_45_57; // "WREW": apart from the linear wild bootstrap's stream

    /// <summary>WRE test of a model written as <c>"y ~ exogenous | fixed effects | endogenous ~ instruments"</c>.</summary>
    /// <exception cref="SpecificationException">Not a 2SLS model with one endogenous regressor and clustered SEs, or a bad option.</exception>
    public static WildBootstrapResult Test(PanelData panel, string formula, IvOptions options, WildBootstrapOptions wild) =>
        Test(panel, IvSpecification.Parse(formula), options, wild);

    /// <summary>WRE test of the typed model; <paramref name="wild"/> gives the null, replications, weights, p-value type and seed.</summary>
    /// <exception cref="SpecificationException">Not a 2SLS model with one endogenous regressor and clustered SEs, or a bad option.</exception>
    public static WildBootstrapResult Test(PanelData panel, IvSpecification specification, IvOptions options, WildBootstrapOptions wild)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(specification);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(wild);
        Validate(specification, options, wild);
        string tested = specification.Endogenous[0];
        var run = IvEstimation.Run(panel, specification, options, comparisons: false);
        var coefficient = run.Iv[tested];
        double t = (coefficient.Estimate - wild.Null) / coefficient.StdError;

        var data = run.Data!;
        string bootName = wild.BootstrapCluster ?? options.Vcov.ClusterBy[0];
        var boot = data.Design.Grouping(bootName);
        var problem = new WreProblem(data, wild.Null, boot);

        // The factor that turns the raw sandwich into the reported variance; t* uses the same one.
        var (estimate, rawVariance) = problem.Statistic(data.Y, problem.EndogenousColumn, problem.CreateScratch());
        if (!(Math.Abs(estimate - coefficient.Estimate) <= 1e-8 * (1 + Math.Abs(coefficient.Estimate))))
            throw new InvalidOperationException($"WRE: the bootstrap's 2SLS estimate {estimate} differs from the fit's {coefficient.Estimate}.");
        double factor = coefficient.StdError * coefficient.StdError / rawVariance;

        int levels = boot.LevelCount;
        int reps = WildClusterBootstrap.ReplicationCount(wild, levels, out bool enumerate);
        var stats = new double[reps];
        WildClusterBootstrap.Replicate(wild, levels, reps, enumerate, WeightStream, problem.CreateScratch, (scratch, v, b) =>
        {
            problem.Draw(v, scratch);
            var (bStar, vStar) = problem.Statistic(scratch.Y1, scratch.Y2, scratch);
            stats[b] = (bStar - wild.Null) / Math.Sqrt(factor * vStar);
        });

        double p = WildClusterBootstrap.PValue(t, stats, wild.PValueType);
        return new WildBootstrapResult(tested, wild.Null, t, p, [], reps, wild.Weights, WildBootstrapType.Restricted, wild.PValueType,
            enumerate, boot.NonEmptyLevelCount, bootName, wild.Seed, wild.ConfidenceLevel)
        {
            BootstrapStatistics = stats,
        };
    }

    private static void Validate(IvSpecification spec, IvOptions options, WildBootstrapOptions wild)
    {
        if (options.Estimator != IvEstimator.TwoStageLeastSquares)
            throw new SpecificationException($"The IV wild bootstrap (WRE) tests 2SLS estimates; the model uses {options.Estimator}.");
        if (options.Vcov.Kind != VcovKind.Cluster)
            throw new SpecificationException($"The IV wild bootstrap (WRE) needs one-way clustered standard errors; the model uses {options.Vcov}.");
        if (spec.Endogenous.Count != 1)
            throw new SpecificationException($"The IV wild bootstrap (WRE) handles one endogenous regressor; the model has {spec.Endogenous.Count} ({string.Join(", ", spec.Endogenous)}).");
        if (wild.JointTest is { Count: > 0 })
            throw new SpecificationException("The IV wild bootstrap (WRE) tests one coefficient; joint tests are not available for IV models.");
        if (wild.Test is { } name && name != spec.Endogenous[0])
            throw new SpecificationException($"The IV wild bootstrap (WRE) tests the endogenous coefficient '{spec.Endogenous[0]}'; got '{name}'.");
        if (wild.Type != WildBootstrapType.Restricted)
            throw new SpecificationException("The IV wild bootstrap is the restricted efficient one (WRE); the unrestricted type is not available for IV models.");
        WildClusterBootstrap.ValidateCommon(wild);
    }
}

/// <summary>
/// The fixed parts of a WRE bootstrap on partialled-out data: the instruments A = [Z, X], (A'A)⁻¹, A'X, the bootstrap
/// DGP's fitted parts and residuals, and the clusterings; <see cref="Statistic"/> is 2SLS with its raw cluster sandwich.
/// </summary>
internal sealed class WreProblem
{
    private readonly int _n, _kx, _l, _g;
    private readonly double[][] _a;          // instrument columns [Z..., X...]
    private readonly double[][] _x;          // exogenous columns
    private readonly double[] _aaInverse;    // (A'A)⁻¹, L × L row-major
    private readonly double[] _ax;           // A'X, L × kx row-major
    private readonly double[] _fittedY, _u2, _u1, _restrictedMean; // Zπ̃ + Xδ̃, ũ₂, ũ₁, Xγ̃
    private readonly int[] _clusterOf, _bootOf;
    private readonly FixedEffectsProjector? _projector; // non-null when some effect is not nested in the bootstrap clusters
    private readonly double _null;

    public double[] EndogenousColumn { get; }

    public WreProblem(IvEstimation.PreparedData data, double nullValue, GroupCodes boot)
    {
        _null = nullValue;
        _n = data.Rows;
        _kx = data.K2;
        int l1 = data.L1;
        _l = l1 + _kx;
        EndogenousColumn = data.W.Column(0).ToArray();
        _x = Enumerable.Range(0, _kx).Select(j => data.W.Column(1 + j).ToArray()).ToArray();
        var z = Enumerable.Range(0, l1).Select(j => data.W.Column(1 + _kx + j).ToArray()).ToArray();
        _a = [.. z, .. _x];
        _aaInverse = Inverse(Gram(_a, _a), _l);
        _ax = Gram(_a, _x);
        var se = data.Clusters[0];
        _g = se.LevelCount;
        _clusterOf = se.Codes.ToArray();
        _bootOf = boot.Codes.ToArray();
        bool nested = data.Pooled || data.Design.FixedEffects.All(f => f.IsNestedIn(boot));
        _projector = nested ? null : data.Projector;

        // (1) restricted structural equation: OLS of y − β₀Y on X.
        var r = new double[_n];
        for (int i = 0; i < _n; i++) r[i] = data.Y[i] - nullValue * EndogenousColumn[i];
        var gamma = _kx == 0 ? [] : Solve(Gram(_x, _x), Cross(_x, r), _kx);
        _restrictedMean = Combine(_x, gamma);
        _u1 = new double[_n];
        for (int i = 0; i < _n; i++) _u1[i] = r[i] - _restrictedMean[i];

        // (2) efficient reduced form: OLS of Y on [Z, X, ũ₁]; the bootstrap keeps Zπ̃ + Xδ̃ and ũ₂ = Y − Zπ̃ − Xδ̃.
        double[][] f = [.. _a, _u1];
        var coef = Solve(Gram(f, f), Cross(f, EndogenousColumn), _l + 1);
        _fittedY = Combine(_a, coef.AsSpan(0, _l).ToArray());
        _u2 = new double[_n];
        for (int i = 0; i < _n; i++) _u2[i] = EndogenousColumn[i] - _fittedY[i];
    }

    /// <summary>Per-thread buffers, so a replication allocates nothing.</summary>
    internal sealed class Scratch(int n, int l, int k, int g, FixedEffectsProjector.Scratch? projection)
    {
        public readonly double[] Y1 = new double[n], Y2 = new double[n];
        public readonly double[] ClusterScores = new double[g * l];
        public readonly double[] Ay1 = new double[l], Ay2 = new double[l], Weight = new double[l];
        public readonly double[] B = new double[l * k], P = new double[l * k];
        public readonly double[] H = new double[k * k], Lower = new double[k * k], HInverse = new double[k * k];
        public readonly double[] Rhs = new double[k], Beta = new double[k];
        public readonly FixedEffectsProjector.Scratch? Projection = projection;
    }

    public Scratch CreateScratch() => new(_n, _l, 1 + _kx, _g, _projector?.CreateScratch());

    /// <summary>Builds y* and Y* of one replication into the scratch buffers from the bootstrap-cluster weights <paramref name="v"/>.</summary>
    public void Draw(ReadOnlySpan<double> v, Scratch s)
    {
        for (int i = 0; i < _n; i++)
        {
            double w = v[_bootOf[i]];
            s.Y2[i] = _u2[i] * w;
            s.Y1[i] = _u1[i] * w;
        }
        if (_projector is not null)
        {
            _projector.DemeanInPlace(s.Y2, s.Projection!);
            _projector.DemeanInPlace(s.Y1, s.Projection!);
        }
        for (int i = 0; i < _n; i++)
        {
            s.Y2[i] += _fittedY[i];
            s.Y1[i] += _null * s.Y2[i] + _restrictedMean[i];
        }
    }

    /// <summary>
    /// 2SLS of <paramref name="y1"/> on [<paramref name="y2"/>, X] with instruments A = [Z, X]: the endogenous coefficient
    /// and its raw cluster sandwich variance (m'Σ_h e_h e_h' m with e_h = Σ_{i∈h} a_i û_i and m the first row of
    /// (X̂'X̂)⁻¹X'A(A'A)⁻¹), before any small-sample factor.
    /// </summary>
    public (double Estimate, double Variance) Statistic(double[] y1, double[] y2, Scratch s)
    {
        int k = 1 + _kx, l = _l;
        for (int j = 0; j < l; j++)
        {
            s.Ay2[j] = VectorKernels.Dot(_a[j], y2);
            s.Ay1[j] = VectorKernels.Dot(_a[j], y1);
        }
        // B = A'X* (L × k) with X* = [y2, X]; P = (A'A)⁻¹B; H = B'P; the estimate solves H b = P'A'y1.
        var bMat = s.B;
        for (int j = 0; j < l; j++)
        {
            bMat[j * k] = s.Ay2[j];
            for (int c = 0; c < _kx; c++) bMat[j * k + 1 + c] = _ax[j * _kx + c];
        }
        Multiply(_aaInverse, l, l, bMat, k, s.P);
        var p = s.P;
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
            {
                double sum = 0;
                for (int j = 0; j < l; j++) sum += bMat[j * k + a] * p[j * k + b];
                s.H[a * k + b] = sum;
            }
        // A draw whose X̂'X̂ is numerically singular has no statistic (NaN is counted on neither side of t).
        if (!SmallCholesky.TryFactor(s.H, s.H, 1e-11, k, s.Lower)) return (double.NaN, double.NaN);
        SmallCholesky.Invert(s.Lower, k, s.HInverse);
        var hInverse = s.HInverse;
        for (int a = 0; a < k; a++)
        {
            double sum = 0;
            for (int j = 0; j < l; j++) sum += p[j * k + a] * s.Ay1[j];
            s.Rhs[a] = sum;
        }
        var beta = s.Beta;
        for (int a = 0; a < k; a++)
        {
            double sum = 0;
            for (int b = 0; b < k; b++) sum += hInverse[a * k + b] * s.Rhs[b];
            beta[a] = sum;
        }
        // m = first row of H⁻¹P' (1 × L): the estimate's linear weight on A'û.
        var m = s.Weight;
        for (int j = 0; j < l; j++)
        {
            double sum = 0;
            for (int b = 0; b < k; b++) sum += hInverse[b] * p[j * k + b];
            m[j] = sum;
        }
        // One pass: the residual û_i and its contribution a_i·û_i to its cluster's score e_h.
        var scores = s.ClusterScores;
        Array.Clear(scores);
        for (int i = 0; i < _n; i++)
        {
            double e = y1[i] - beta[0] * y2[i];
            for (int c = 0; c < _kx; c++) e -= beta[1 + c] * _x[c][i];
            int row = _clusterOf[i] * l;
            for (int j = 0; j < l; j++) scores[row + j] += _a[j][i] * e;
        }
        double variance = 0;
        for (int g = 0; g < _g; g++)
        {
            double score = 0;
            for (int j = 0; j < l; j++) score += m[j] * scores[g * l + j];
            variance += score * score;
        }
        return (beta[0], variance);
    }

    private static double[] Gram(double[][] left, double[][] right)
    {
        var g = new double[left.Length * right.Length];
        for (int a = 0; a < left.Length; a++)
            for (int b = 0; b < right.Length; b++) g[a * right.Length + b] = VectorKernels.Dot(left[a], right[b]);
        return g;
    }

    private static double[] Cross(double[][] columns, double[] y) => columns.Select(c => VectorKernels.Dot(c, y)).ToArray();

    private double[] Combine(double[][] columns, double[] coefficients)
    {
        int n = _n;
        var result = new double[n];
        for (int j = 0; j < columns.Length; j++)
            for (int i = 0; i < n; i++) result[i] += coefficients[j] * columns[j][i];
        return result;
    }

    private static void Multiply(double[] left, int rows, int inner, double[] right, int columns, double[] result)
    {
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                double sum = 0;
                for (int j = 0; j < inner; j++) sum += left[r * inner + j] * right[j * columns + c];
                result[r * columns + c] = sum;
            }
    }

    private static double[] Inverse(double[] a, int n)
    {
        var inverse = SymmetricInverse.Invert(a, n, out bool generalized);
        if (generalized)
            throw new SpecificationException("The IV wild bootstrap met a singular instrument or regressor matrix (collinear or absorbed columns).");
        return inverse;
    }

    private static double[] Solve(double[] gram, double[] rhs, int n)
    {
        var x = new double[n];
        Multiply(Inverse(gram, n), n, n, rhs, 1, x);
        return x;
    }
}
