using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Model;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Results;
using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Iv;

/// <summary>
/// Linear instrumental-variables regression with absorbed fixed effects: 2SLS, LIML, Fuller and two-step
/// efficient GMM, with classical, robust and one- or two-way cluster-robust inference following Stata's
/// ivreg2/ivreghdfe (Baum, Schaffer and Stillman 2003, 2007; Correia 2016), first stages, weak-identification
/// statistics (Cragg–Donald, Kleibergen–Paap, Stock–Yogo), over-identification (Hansen J, Sargan), the
/// endogeneity C statistic and the Anderson–Rubin test with its confidence set.
/// </summary>
/// <example>
/// <code>
/// var iv = IvRegression.Fit(panel, "gap ~ gov + open | city + year | dei ~ post_x_net + tel_x_net",
///     new IvOptions { Vcov = Vcov.Cluster("city") });
/// Console.WriteLine(iv["dei"].Estimate + " " + iv.WeakIdentification.KleibergenPaapWaldF);
/// </code>
/// </example>
public static class IvRegression
{
    /// <summary>Fits a model written as <c>"y ~ exogenous | fixed effects | endogenous ~ instruments"</c>.</summary>
    /// <exception cref="SpecificationException">Malformed formula, unknown column, under-identification, collinear instruments, …</exception>
    public static IvResult Fit(PanelData panel, string formula, IvOptions? options = null) =>
        Fit(panel, IvSpecification.Parse(formula), options);

    /// <summary>Fits a model given in typed form.</summary>
    /// <exception cref="SpecificationException">Unknown column, under-identification, collinear instruments, too few clusters, …</exception>
    public static IvResult Fit(PanelData panel, IvSpecification specification, IvOptions? options = null) =>
        IvEstimation.Run(panel, specification, options ?? new IvOptions(), comparisons: false).Iv;

    /// <summary>
    /// Fits the IV model and, on the same sample, OLS of y on X and the reduced form of y on all instruments:
    /// the columns of the usual endogeneity table (OLS, reduced form, first stages, IV).
    /// </summary>
    public static IvComparison Compare(PanelData panel, string formula, IvOptions? options = null) =>
        Compare(panel, IvSpecification.Parse(formula), options);

    /// <summary>Typed form of <see cref="Compare(PanelData, string, IvOptions?)"/>.</summary>
    public static IvComparison Compare(PanelData panel, IvSpecification specification, IvOptions? options = null)
    {
        var run = IvEstimation.Run(panel, specification, options ?? new IvOptions(), comparisons: true);
        return new IvComparison(run.Ols!, run.ReducedForm!, run.Iv);
    }
}

/// <summary>The estimation engine behind <see cref="IvRegression"/>.</summary>
internal static class IvEstimation
{
    internal sealed record Output(IvResult Iv, IvAuxiliaryRegression? Ols, IvAuxiliaryRegression? ReducedForm)
    {
        /// <summary>The partialled-out data the fit was computed from (read by the WRE bootstrap; never modified).</summary>
        public PreparedData? Data { get; init; }
    }

    private static readonly MatrixBuilder<double> M = Matrix<double>.Build;

    public static Output Run(PanelData panel, IvSpecification spec, IvOptions options, bool comparisons)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        spec.Validate();
        if (!(options.ConfidenceLevel is > 0 and < 1))
            throw new SpecificationException($"ConfidenceLevel must lie strictly between 0 and 1; got {options.ConfidenceLevel}.");
        if (options.Estimator == IvEstimator.Fuller && !(options.FullerAlpha > 0))
            throw new SpecificationException($"Fuller's alpha must be positive; got {options.FullerAlpha}.");
        var kind = options.Vcov.Kind;
        if (kind is not (VcovKind.Classical or VcovKind.HC0 or VcovKind.HC1 or VcovKind.Cluster or VcovKind.TwoWayCluster))
            throw new SpecificationException($"IV models support classical, robust and (two-way) clustered variances; {options.Vcov} is not available.");

        var data = Prepare(panel, spec, options);
        var ctx = new Context(data.Moments, options, data.Sdof, data.Pooled ? 0 : data.Projector.AbsorbedParameterCount, data.Rows,
            data.Clusters, data.Design, data.Notes);
        return ctx.Estimate(spec, data.Names, data.InstrumentNames, data.TotalSumOfSquares, data.Missing, comparisons) with { Data = data };
    }

    /// <summary>
    /// The model's data after listwise deletion with every fixed effect partialled out: y and the columns
    /// [X1 (endogenous), X2 (exogenous, + constant when pooled), Z1 (excluded instruments)], their moments, the cluster
    /// groupings and the absorbed-parameter count of the small-sample rules.
    /// </summary>
    internal sealed record PreparedData(RegressionDesign Design, MissingValueReport Missing, List<string> Notes, int Rows, bool Pooled,
        double[] Y, ColumnMajorMatrix W, int K1, int K2, int L1, IvMoments Moments, string[] Names, string[] InstrumentNames,
        double TotalSumOfSquares, int Sdof, FixedEffectsProjector Projector, GroupCodes[] Clusters);

    internal static PreparedData Prepare(PanelData panel, IvSpecification spec, IvOptions options)
    {
        var kind = options.Vcov.Kind;
        // Listwise deletion and groupings: the regression module's design builder, over every model variable.
        var variables = spec.Endogenous.Concat(spec.Exogenous).Concat(spec.Instruments).ToArray();
        var (design, missing, _) = PanelRegression.BuildDesign(panel,
            new PanelRegressionOptions(spec.Dependent, variables) { FixedEffects = spec.FixedEffects, Vcov = options.Vcov });
        int n = design.Rows;
        var notes = new List<string>();
        if (missing is { RowsDropped: > 0 }) notes.Add(missing.ToString());
        bool pooled = design.FixedEffects.Count == 0;
        bool intercept = pooled && spec.Intercept;
        LinearPanelEstimator.SingletonMask(design.FixedEffects, out int singletons);
        if (singletons > 0)
            notes.Add($"{LinearPanelEstimator.NumberText(singletons)} singleton observation{(singletons == 1 ? "" : "s")} kept (alone in a fixed-effect group); ivreghdfe drops them by default, which changes N and the small-sample factors but not the estimates.");
        int k1 = spec.Endogenous.Count, l1 = spec.Instruments.Count, k2 = spec.Exogenous.Count + (intercept ? 1 : 0);
        if (n == 0) throw new SpecificationException("No observations are left to estimate the IV model (check missing values).");

        // Columns [X1, X2 (+ constant), Z1]; y and the design's matrix are fresh copies, so they are demeaned in place.
        var y = design.Y;
        double ySum = VectorKernels.Sum(y);
        double tss = VectorKernels.Dot(y, y) - ySum * ySum / n;
        ColumnMajorMatrix w;
        if (intercept)
        {
            w = ColumnMajorMatrix.Uninitialized(n, k1 + k2 + l1);
            for (int j = 0; j < k1 + k2 - 1; j++) design.X.Column(j).CopyTo(w.Column(j));
            w.Column(k1 + k2 - 1).Fill(1.0);
            for (int j = 0; j < l1; j++) design.X.Column(k1 + k2 - 1 + j).CopyTo(w.Column(k1 + k2 + j));
        }
        else w = design.X;
        var projector = new FixedEffectsProjector(design.FixedEffects);
        var convergence = projector.DemeanInPlace(w, y);
        if (!convergence.Converged) notes.Add($"Fixed effects not fully absorbed: {convergence}.");
        if (!pooled) tss = VectorKernels.Dot(y, y);

        // Clusters and the absorbed-parameter count of the small-sample rules.
        var clusters = ClusterGroupings(design, options.Vcov);
        int sdof = 0;
        if (!pooled)
        {
            int nestedLevels = clusters.Length == 0 ? 0
                : design.FixedEffects.Where(f => clusters.Take(kind == VcovKind.TwoWayCluster ? 2 : 1).Any(f.IsNestedIn)).Sum(f => f.NonEmptyLevelCount);
            sdof = Math.Max(1, projector.AbsorbedParameterCount - nestedLevels);
        }
        var m = new IvMoments(y, w, k1, k2, l1, kind, clusters);
        var names = spec.Endogenous.Concat(spec.Exogenous).Concat(intercept ? [LinearPanelEstimator.InterceptName] : Array.Empty<string>()).ToArray();
        var zNames = spec.Instruments.Concat(spec.Exogenous).Concat(intercept ? [LinearPanelEstimator.InterceptName] : Array.Empty<string>()).ToArray();
        RequireFullRank(m, m.X, names, "regressors");
        RequireFullRank(m, m.Z, zNames, "instruments");

        return new PreparedData(design, missing, notes, n, pooled, y, w, k1, k2, l1, m, names, zNames, tss, sdof, projector, clusters);
    }

    private static GroupCodes[] ClusterGroupings(RegressionDesign design, Vcov vcov)
    {
        GroupCodes One(string name)
        {
            var g = design.Grouping(name);
            if (g.NonEmptyLevelCount < 2)
                throw new SpecificationException($"Cluster-robust standard errors need at least 2 clusters; '{name}' has {g.NonEmptyLevelCount} in the estimation sample.");
            return g;
        }
        return vcov.Kind switch
        {
            VcovKind.Cluster => [One(vcov.ClusterBy[0])],
            VcovKind.TwoWayCluster => [One(vcov.ClusterBy[0]), One(vcov.ClusterBy[1]), GroupCodes.Intersect(One(vcov.ClusterBy[0]), One(vcov.ClusterBy[1]))],
            _ => [],
        };
    }

    private static void RequireFullRank(IvMoments m, int[] idx, string[] names, string what)
    {
        var gram = IvMoments.Sub(m.G, idx, idx).ToArray();
        var chol = new CholeskySolver(gram, 1e-10);
        if (chol.Rank == idx.Length) return;
        var bad = Enumerable.Range(0, idx.Length).Where(i => !chol.Kept[i]).Select(i => names[i]);
        throw new SpecificationException(
            $"The {what} are collinear (or absorbed by the fixed effects): {string.Join(", ", bad)} cannot be separated from the others; remove {(bad.Count() == 1 ? "it" : "them")}.");
    }

    /// <summary>State shared by the steps of one fit.</summary>
    private sealed class Context(IvMoments m, IvOptions options, int sdof, int absorbedAll, int n, GroupCodes[] clusters, RegressionDesign design, List<string> notes)
    {
        private int G => m.ClusterCount;

        /// <summary>ivreg2's scaling of a raw Wald statistic into the F form (times 1/df1).</summary>
        private double FScale => m.Clustered
            ? (n - m.L - sdof) / (n - 1.0) * (G - 1.0) / G
            : (n - m.L - sdof) / (double)n;

        private double FDenominatorDf => m.Clustered ? G - 1 : n - m.L - sdof;

        private IvFTest FTest(double wald, int df1)
        {
            double f = wald * FScale / df1;
            return new IvFTest(f, df1, FDenominatorDf, Distributions.FUpper(f, df1, FDenominatorDf));
        }

        public Output Estimate(IvSpecification spec, string[] names, string[] zNames, double tss, MissingValueReport missing, bool comparisons)
        {
            bool pooled = design.FixedEffects.Count == 0;
            var gm = m.G;
            var szz = IvMoments.Sub(gm, m.Z, m.Z);
            var szx = IvMoments.Sub(gm, m.Z, m.X);
            var sxx = IvMoments.Sub(gm, m.X, m.X);
            var szy = IvMoments.Sub(gm.Column(0), m.Z);
            var sxy = IvMoments.Sub(gm.Column(0), m.X);
            var pi = szz.Solve(szx);                 // L × K first-stage coefficients of X on Z
            var xpx = szx.TransposeThisAndMultiply(pi);
            var xpy = pi.TransposeThisAndMultiply(szy);
            int kFull = m.K + sdof;

            // Point estimate.
            double? kClass = null;
            Vector<double> b;
            Matrix<double> bread;                      // A⁻¹ of the estimating equations
            Matrix<double>? gmmOmega = null;
            double k = 1;
            if (options.Estimator is IvEstimator.Liml or IvEstimator.Fuller)
            {
                double lambda = LimlLambda();
                // Fuller's N − L counts every absorbed parameter, so the estimate does not depend on the variance chosen.
                k = options.Estimator == IvEstimator.Liml ? lambda : lambda - options.FullerAlpha / (n - m.L - absorbedAll);
            }
            var a = sxx * (1 - k) + xpx * k;
            b = a.Solve(sxy * (1 - k) + xpy * k);
            bread = Sym(a.Inverse());
            if (options.Estimator != IvEstimator.GmmTwoStep) kClass = k;
            else if (m.Classical)
                notes.Add("Two-step GMM with a classical (homoskedastic) weight matrix is 2SLS; reported as such.");
            else
            {
                var omega1 = m.Meat(ResidualCombo(0, m.X, b));
                gmmOmega = IvMoments.Sub(omega1, m.Z, m.Z);
                var wz = gmmOmega.Solve(szx);        // Ω⁻¹ Z'X
                var h = Sym(szx.TransposeThisAndMultiply(wz));
                b = h.Solve(wz.TransposeThisAndMultiply(szy));
                bread = Sym(h.Inverse());
            }

            var cE = ResidualCombo(0, m.X, b);
            double rss = Quad(cE, cE);
            double sigma2 = rss / (options.Small ? n - kFull : n);
            Matrix<double>? mainMeat = m.Classical ? null : m.Meat(cE);

            // Variance.
            Matrix<double> v;
            if (m.Classical) v = bread * sigma2;
            else if (gmmOmega is not null) v = bread * SandwichFactor(kFull, options.Small);
            else
            {
                var hBasis = m.Select(m.X) * (1 - k) + pi.TransposeThisAndMultiply(m.Select(m.Z)) * k;
                v = bread * (hBasis * mainMeat! * hBasis.Transpose()) * bread * SandwichFactor(kFull, options.Small);
            }
            bool fix = false;
            var vArr = Sym(v).ToArray();
            if (m.Kind == VcovKind.TwoWayCluster) fix = SandwichMeat.ClipNegativeEigenvalues(vArr);
            if (fix) notes.Add("The two-way cluster variance was not positive semi-definite; negative eigenvalues were set to zero (Cameron, Gelbach and Miller 2011).");
            double? df = options.Small ? (m.Clustered ? G - 1 : n - kFull) : null;
            var coefficients = Coefficients(names, b, vArr, df);
            var summary = Summary(kFull, options.Small, df, fix);

            // First stages, weak identification and Anderson–Rubin, all on the partialled-out variables.
            var tz = m.Partialled(m.Z1);
            var tx = m.Partialled(m.X1);
            var ty = m.Partialled([0]).Row(0);
            var gzz = tz * gm * tz.Transpose();
            var gzx = tz * gm * tx.Transpose();
            var gxx = tx * gm * tx.Transpose();
            var gzy = tz * gm * ty;
            var pihat = gzz.Solve(gzx);               // L1 × K1
            var bz = Sym(gzz.Inverse());
            var waldCombos = Enumerable.Range(0, m.K1).Select(j => tx.Row(j) - tz.TransposeThisAndMultiply(pihat.Column(j))).ToArray();
            var waldMeats = m.Classical ? null : m.Meats(waldCombos);

            var weak = WeakIdentification(tz, tx, gzz, gzx, gxx, pihat, waldMeats);
            var firstStages = FirstStages(spec, zNames, tz, tx, pihat, bz, waldCombos, waldMeats, sxx, xpx);

            var piy = bz * gzy;
            var cY = ty - tz.TransposeThisAndMultiply(piy);
            var arCombos = m.K1 == 1 ? new[] { cY, waldCombos[0] } : [cY];
            var arMeats = m.Classical ? null : m.Meats(arCombos);
            var ar = AndersonRubin(tz, bz, piy, cY, pihat, waldCombos, arMeats);

            // Over-identification and endogeneity.
            IvChiSquaredTest? overid = null;
            if (m.L1 > m.K1)
            {
                if (m.Classical)
                {
                    var ze = IvMoments.Sub(gm * cE, m.Z);
                    double sargan = ze.DotProduct(szz.Solve(ze)) / (rss / n);
                    overid = new IvChiSquaredTest("sargan", sargan, m.L1 - m.K1, Distributions.ChiSquaredUpper(sargan, m.L1 - m.K1));
                }
                else
                {
                    var omega = gmmOmega ?? IvMoments.Sub(mainMeat!, m.Z, m.Z);
                    double j = HansenJ(m.Z, omega);
                    overid = new IvChiSquaredTest("hansen_j", j, m.L1 - m.K1, Distributions.ChiSquaredUpper(j, m.L1 - m.K1));
                }
            }
            var bo = sxx.Solve(sxy);
            var cO = ResidualCombo(0, m.X, bo);
            double rssO = Quad(cO, cO);
            var olsMeat = m.Classical ? null : m.Meat(cO);
            var endogeneity = Endogeneity(cO, rssO, olsMeat);

            if (weak.KleibergenPaapWaldF is { } kpf && kpf < 10 || weak.KleibergenPaapWaldF is null && weak.CraggDonaldF < 10)
                notes.Add($"Weak instruments: the {(weak.KleibergenPaapWaldF is null ? "Cragg–Donald" : "Kleibergen–Paap")} F statistic is below 10; rely on the Anderson–Rubin test and set.");
            if (ar.ConfidenceSet is not null && (ar.IsUnbounded || ar.IsDisjoint)) notes.Add(ar.Describe());

            var fit = new List<FitStatistic>
            {
                new("nobs", "Observations", n, true),
                new("r2", pooled ? "R²" : "Within R²", 1 - rss / tss),
                new("rmse", "Root MSE", Math.Sqrt(sigma2)),
                new("cragg_donald_f", "Cragg–Donald F", weak.CraggDonaldF),
            };
            if (weak.KleibergenPaapWaldF is { } kp) fit.Add(new("kp_wald_f", "Kleibergen–Paap F", kp));
            if (overid is not null) fit.Add(new(overid.Name, overid.Name == "hansen_j" ? "Hansen J" : "Sargan", overid.Statistic));
            for (int c = 0; c < summary.ClusterVariables.Count; c++)
                fit.Add(new($"clusters_{summary.ClusterVariables[c]}", $"Clusters ({summary.ClusterVariables[c]})", summary.ClusterCounts[c], true));

            var iv = new IvResult(spec, options, coefficients, vArr, n, summary, fit, notes.ToArray(), kClass, rss, Math.Sqrt(sigma2),
                firstStages, weak, overid, endogeneity, ar, missing);
            if (!comparisons) return new Output(iv, null, null);

            var olsV = m.Classical ? Sym(sxx.Inverse()) * (rssO / (options.Small ? n - kFull : n))
                : AuxSandwich(sxx, m.X, olsMeat!, kFull, options.Small);
            var ols = Auxiliary("ols", spec.Dependent, names, bo, olsV, kFull, options.Small, rssO, null, tss);
            var bRf = szz.Solve(szy);
            double rssRf = Quad(cY, cY);
            var rfV = RegressionVariance(szz, m.Z, arMeats?[0, 0], rssRf);
            var rf = Auxiliary("reduced_form", spec.Dependent, zNames, bRf, rfV, m.L + sdof, true, rssRf, ar.F, tss);
            return new Output(iv, ols, rf);
        }

        private double LimlLambda()
        {
            int[] wIdx = [0, .. m.X1];
            var gww = IvMoments.Sub(m.G, wIdx, wIdx);
            var szw = IvMoments.Sub(m.G, m.Z, wIdx);
            var qww = Sym(gww - szw.TransposeThisAndMultiply(IvMoments.Sub(m.G, m.Z, m.Z).Solve(szw)));
            var qww1 = gww;
            if (m.K2 > 0)
            {
                var s2w = IvMoments.Sub(m.G, m.X2, wIdx);
                qww1 = Sym(gww - s2w.TransposeThisAndMultiply(IvMoments.Sub(m.G, m.X2, m.X2).Solve(s2w)));
            }
            // Smallest root of |QWW1 − λ QWW| = 0 via the Cholesky factor of QWW.
            var l = qww.Cholesky().Factor;
            var li = l.Inverse();
            var sym = Sym(li * qww1 * li.Transpose());
            return sym.Evd(Symmetricity.Symmetric).EigenValues.Real().Minimum();
        }

        private Vector<double> ResidualCombo(int dependent, int[] regressors, Vector<double> coefficients)
        {
            var c = IvMoments.Unit(m.Q, dependent);
            for (int j = 0; j < regressors.Length; j++) c[regressors[j]] -= coefficients[j];
            return c;
        }

        private double Quad(Vector<double> a, Vector<double> b) => a.DotProduct(m.G * b);

        /// <summary>The factor multiplying a robust or cluster sandwich: ivreghdfe's small-sample rules, or 1.</summary>
        private double SandwichFactor(int kCount, bool small)
        {
            if (!small) return 1;
            return m.Clustered ? (n - 1.0) / (n - kCount) * G / (G - 1.0) : (double)n / (n - kCount);
        }

        private VarianceSummary Summary(int kCount, bool small, double? df, bool fix)
        {
            var vcov = options.Vcov;
            var kindOut = m.Kind switch
            {
                VcovKind.HC0 or VcovKind.HC1 => small ? VcovKind.HC1 : VcovKind.HC0,
                _ => m.Kind,
            };
            double factor = m.Classical ? 1 : SandwichFactor(kCount, small);
            string kText = sdof > 0 ? $"K = {kCount} ({kCount - sdof} coefficients + {sdof} absorbed parameter{(sdof == 1 ? "" : "s")} not nested in a cluster variable)" : $"K = {kCount}";
            string text = (m.Kind, small) switch
            {
                (VcovKind.Classical, true) => $"Classical standard errors, σ² = RSS/(N − K), {kText}; t with N − K df",
                (VcovKind.Classical, false) => "Classical standard errors, σ² = RSS/N (large-sample convention); z tests",
                (VcovKind.Cluster or VcovKind.TwoWayCluster, true) => $"Standard errors clustered by {string.Join(" and ", vcov.ClusterBy)}, (N − 1)/(N − K)·G/(G − 1), {kText}; t with G − 1 df",
                (VcovKind.Cluster or VcovKind.TwoWayCluster, false) => $"Standard errors clustered by {string.Join(" and ", vcov.ClusterBy)}, no small-sample factor (large-sample convention); z tests",
                (_, true) => $"Heteroskedasticity-robust standard errors, N/(N − K), {kText}; t with N − K df",
                _ => "Heteroskedasticity-robust standard errors (HC0, large-sample convention); z tests",
            };
            var clusterNames = m.Clustered ? vcov.ClusterBy : [];
            var counts = m.Kind switch
            {
                VcovKind.Cluster => new[] { clusters[0].NonEmptyLevelCount },
                VcovKind.TwoWayCluster => [clusters[0].NonEmptyLevelCount, clusters[1].NonEmptyLevelCount],
                _ => [],
            };
            return new VarianceSummary(kindOut, small ? SmallSampleCorrection.Stata : SmallSampleCorrection.None, factor, kCount,
                clusterNames, counts, df ?? double.PositiveInfinity, fix, text);
        }

        private Coefficient[] Coefficients(string[] names, Vector<double> b, double[,] v, double? df) =>
            names.Select((name, i) => Coefficient.FromEstimate(name, b[i], Math.Sqrt(Math.Max(0, v[i, i])), df, options.ConfidenceLevel)).ToArray();

        /// <summary>OLS sandwich over the regressors <paramref name="idx"/> with the model's rules.</summary>
        private Matrix<double> AuxSandwich(Matrix<double> gram, int[] idx, Matrix<double> meat, int kCount, bool small)
        {
            var inv = Sym(gram.Inverse());
            return inv * IvMoments.Sub(meat, idx, idx) * inv * SandwichFactor(kCount, small);
        }

        /// <summary>Variance of a regression on all instruments as ivreg2 saves first stages and reduced forms: always small, K = L.</summary>
        private Matrix<double> RegressionVariance(Matrix<double> szz, int[] idx, Matrix<double>? meat, double rssValue) =>
            meat is null ? Sym(szz.Inverse()) * (rssValue / (n - m.L - sdof)) : AuxSandwich(szz, idx, meat, m.L + sdof, true);

        private IvAuxiliaryRegression Auxiliary(string model, string dependent, string[] names, Vector<double> b, Matrix<double> v,
            int kCount, bool small, double rssValue, IvFTest? excluded, double tssValue)
        {
            var arr = Sym(v).ToArray();
            double? df = small ? (m.Clustered ? G - 1 : n - kCount) : null;
            var fit = new List<FitStatistic>
            {
                new("nobs", "Observations", n, true),
                new("rmse", "Root MSE", Math.Sqrt(rssValue / (small ? n - kCount : n))),
            };
            if (tssValue > 0) fit.Insert(1, new("r2", design.FixedEffects.Count == 0 ? "R²" : "Within R²", 1 - rssValue / tssValue));
            if (excluded is not null) fit.Add(new("excluded_f", "F (excluded instruments)", excluded.Statistic));
            return new IvAuxiliaryRegression(model, model switch { "ols" => "OLS", "reduced_form" => "Reduced form", _ => "First stage" },
                dependent, Coefficients(names, b, arr, df), arr, n, Summary(kCount, small, df, false), fit,
                design.FixedEffects.Select(f => f.Name).ToArray(), [], excluded, rssValue);
        }

        private double HansenJ(int[] zIdx, Matrix<double> omega)
        {
            var sxz = IvMoments.Sub(m.G, m.X, zIdx);
            var szy = IvMoments.Sub(m.G.Column(0), zIdx);
            var wz = omega.Solve(sxz.Transpose());                  // Ω⁻¹ Z'X
            var h = Sym(sxz * wz);
            var bg = h.Solve(wz.TransposeThisAndMultiply(szy));
            var g = szy - sxz.TransposeThisAndMultiply(bg);
            return g.DotProduct(omega.Solve(g));
        }

        /// <summary>
        /// C statistic for the endogeneity of all of X₁ (difference-in-Sargan/Hansen): J of the model treating X₁
        /// as exogenous (instruments [Z, X₁]) minus J of the IV model, both with the restricted model's S.
        /// </summary>
        private IvChiSquaredTest? Endogeneity(Vector<double> cO, double rssO, Matrix<double>? olsMeat)
        {
            int[] zr = [.. m.Z, .. m.X1];
            var omega = olsMeat ?? m.G * (rssO / n);
            double jr = HansenJ(zr, IvMoments.Sub(omega, zr, zr));
            double jf = HansenJ(m.Z, IvMoments.Sub(omega, m.Z, m.Z));
            double c = jr - jf;
            return double.IsFinite(c) ? new IvChiSquaredTest("c_statistic", c, m.K1, Distributions.ChiSquaredUpper(c, m.K1)) : null;
        }

        private IvWeakIdentification WeakIdentification(Matrix<double> tz, Matrix<double> tx, Matrix<double> gzz, Matrix<double> gzx,
            Matrix<double> gxx, Matrix<double> pihat, Matrix<double>[,]? waldMeats)
        {
            int k1 = m.K1, l1 = m.L1;
            var rzz = (gzz / n).Cholesky().Factor.Transpose();        // upper: Qzz = R'R
            var ryy = (gxx / n).Cholesky().Factor.Transpose();
            var irzz = rzz.Inverse();
            var iryy = ryy.Inverse();
            var theta = rzz * pihat * iryy;
            var svd = theta.Svd(true);
            double evalMin = svd.S.Take(k1).Select(s => s * s).Min();
            double cd = evalMin / (1 - evalMin) * (n - m.L - sdof) / l1;
            int idDf = l1 - k1 + 1;
            var stockYogo = StockYogoTables.For(options.Estimator, k1, l1);
            if (m.Classical)
            {
                double anderson = n * evalMin;
                return new IvWeakIdentification(cd, null, new IvChiSquaredTest("anderson_lm", anderson, idDf, Distributions.ChiSquaredUpper(anderson, idDf)), stockYogo);
            }
            var lmMeats = m.Meats(Enumerable.Range(0, k1).Select(tx.Row).ToArray());
            var u = svd.U;
            var vMat = svd.VT.Transpose();
            double lm = KleibergenPaap.RankStatistic(theta, u, vMat, Kron(tz, lmMeats, iryy, irzz), n);
            double wald = KleibergenPaap.RankStatistic(theta, u, vMat, Kron(tz, waldMeats!, iryy, irzz), n);
            double kpF = wald * FScale / l1;
            return new IvWeakIdentification(cd, kpF, new IvChiSquaredTest("kleibergen_paap_rk_lm", lm, idDf, Distributions.ChiSquaredUpper(lm, idDf)), stockYogo);
        }

        /// <summary>(R_yy⁻ᵀ ⊗ R_zz⁻ᵀ) Ŝ (R_yy⁻ᵀ ⊗ R_zz⁻ᵀ)' with Ŝ the covariance of vec(Z̃'V)/N, blocks (j, k) = Z̃'Ω_jk Z̃/N.</summary>
        private Matrix<double> Kron(Matrix<double> tz, Matrix<double>[,] meats, Matrix<double> iryy, Matrix<double> irzz)
        {
            int k1 = m.K1, l1 = m.L1;
            var s = M.Dense(k1 * l1, k1 * l1);
            for (int j = 0; j < k1; j++)
                for (int k = 0; k < k1; k++)
                    s.SetSubMatrix(j * l1, k * l1, tz * meats[j, k] * tz.Transpose() / n);
            var t = iryy.Transpose().KroneckerProduct(irzz.Transpose());
            return Sym(t * Sym(s) * t.Transpose());
        }

        private IvFirstStage[] FirstStages(IvSpecification spec, string[] zNames, Matrix<double> tz, Matrix<double> tx, Matrix<double> pihat,
            Matrix<double> bz, Vector<double>[] waldCombos, Matrix<double>[,]? waldMeats, Matrix<double> sxx, Matrix<double> xpx)
        {
            var gm = m.G;
            var szz = IvMoments.Sub(gm, m.Z, m.Z);
            var sxxInv = sxx.Inverse();
            var xpxInv = xpx.Inverse();
            var result = new IvFirstStage[m.K1];
            for (int j = 0; j < m.K1; j++)
            {
                double rssJ = Quad(waldCombos[j], waldCombos[j]);
                var meat = waldMeats?[j, j];
                double wald = ExcludedWald(tz, bz, pihat.Column(j), meat, rssJ);
                var f = FTest(wald, m.L1);
                double partial = 1 - rssJ / Quad(tx.Row(j), tx.Row(j));
                double shea = sxxInv[j, j] / xpxInv[j, j];
                double rmse = Math.Sqrt(rssJ / (n - m.L - sdof));
                IvFTest sw = f, ap = f;
                if (m.K1 > 1) (sw, ap) = Conditional(j, tz, tx, pihat, bz);
                var bFull = szz.Solve(IvMoments.Sub(gm.Column(m.X1[j]), m.Z));
                var v = RegressionVariance(szz, m.Z, meat, rssJ);
                var reg = Auxiliary("first_stage", spec.Endogenous[j], zNames, bFull, v, m.L + sdof, true, rssJ, f,
                    Quad(IvMoments.Unit(m.Q, m.X1[j]), IvMoments.Unit(m.Q, m.X1[j])) - (design.FixedEffects.Count == 0 ? Square(SumOf(m.X1[j])) / n : 0));
                result[j] = new IvFirstStage(spec.Endogenous[j], reg, f, sw, ap, partial, shea, rmse);
            }
            return result;
        }

        private double SumOf(int column) => VectorKernels.Sum(m.Materialize(IvMoments.Unit(m.Q, column)));

        private static double Square(double x) => x * x;

        /// <summary>Raw Wald statistic that the excluded-instrument coefficients <paramref name="coef"/> are zero (σ² = RSS/N when classical).</summary>
        private double ExcludedWald(Matrix<double> tz, Matrix<double> bz, Vector<double> coef, Matrix<double>? meat, double rssValue)
        {
            var v = meat is null ? bz * (rssValue / n) : Sym(bz * (tz * meat * tz.Transpose()) * bz);
            return coef.DotProduct(v.Solve(coef));
        }

        /// <summary>
        /// Sanderson–Windmeijer and Angrist–Pischke conditional first-stage F for endogenous regressor j: x_j is
        /// regressed on the fitted values of the other endogenous regressors; the residual of x_j (SW: net of the
        /// others' actual values at those coefficients; AP: net of their fitted values) is regressed on the
        /// instruments, and the excluded instruments are tested with L₁ − K₁ + 1 degrees of freedom.
        /// </summary>
        private (IvFTest Sw, IvFTest Ap) Conditional(int j, Matrix<double> tz, Matrix<double> tx, Matrix<double> pihat, Matrix<double> bz)
        {
            var others = Enumerable.Range(0, m.K1).Where(c => c != j).ToArray();
            var fitted = M.DenseOfRowVectors(others.Select(c => tz.TransposeThisAndMultiply(pihat.Column(c))));
            var actual = M.DenseOfRowVectors(others.Select(tx.Row));
            var ff = fitted * m.G * fitted.Transpose();
            var b1 = ff.Solve(fitted * m.G * tx.Row(j));
            int df1 = m.L1 - m.K1 + 1;
            IvFTest One(Vector<double> e)
            {
                var b2 = bz * (tz * m.G * e);
                var res = e - tz.TransposeThisAndMultiply(b2);
                var meat = m.Classical ? null : m.Meat(res);
                return FTest(ExcludedWald(tz, bz, b2, meat, Quad(res, res)), df1);
            }
            return (One(tx.Row(j) - actual.TransposeThisAndMultiply(b1)), One(tx.Row(j) - fitted.TransposeThisAndMultiply(b1)));
        }

        private AndersonRubinTest AndersonRubin(Matrix<double> tz, Matrix<double> bz, Vector<double> piy, Vector<double> cY,
            Matrix<double> pihat, Vector<double>[] waldCombos, Matrix<double>[,]? meats)
        {
            double rssY = Quad(cY, cY);
            double wald0 = ExcludedWald(tz, bz, piy, meats?[0, 0], rssY);
            var f = FTest(wald0, m.L1);
            var chi = new IvChiSquaredTest("anderson_rubin_chi2", wald0, m.L1, Distributions.ChiSquaredUpper(wald0, m.L1));
            if (m.K1 != 1) return new AndersonRubinTest(f, chi, null, options.ConfidenceLevel);

            // V(β) = V0 + βV1 + β²V2 for the coefficients d(β) = π_y − βπ_x of y − βx on the instruments.
            var pix = pihat.Column(0);
            var cX = waldCombos[0];
            Matrix<double> v0, v1, v2;
            if (meats is null)
            {
                v0 = bz * (rssY / n);
                v1 = bz * (-2 * Quad(cY, cX) / n);
                v2 = bz * (Quad(cX, cX) / n);
            }
            else
            {
                Matrix<double> O(Matrix<double> meat) => tz * meat * tz.Transpose();
                v0 = Sym(bz * O(meats[0, 0]) * bz);
                v1 = Sym(bz * (O(meats[0, 1]) + O(meats[1, 0])) * bz) * -1;
                v2 = Sym(bz * O(meats[1, 1]) * bz);
            }
            double q = Distributions.FQuantile(options.ConfidenceLevel, m.L1, FDenominatorDf) * m.L1 / FScale;
            var set = AndersonRubinSet.Invert(piy, pix, v0, v1, v2, q);
            return new AndersonRubinTest(f, chi, set, options.ConfidenceLevel);
        }

        private static Matrix<double> Sym(Matrix<double> a) => (a + a.Transpose()) * 0.5;
    }
}
