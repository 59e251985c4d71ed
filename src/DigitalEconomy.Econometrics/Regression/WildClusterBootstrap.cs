using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Model;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Resampling;

namespace DigitalEconomy.Econometrics.Regression;

/// <summary>Distribution of the cluster-level weights v_g of the wild bootstrap.</summary>
public enum WildWeights
{
    /// <summary>±1 with probability 1/2 each (the default; enumerated exactly when 2^G ≤ B).</summary>
    Rademacher,
    /// <summary>Webb (2014) six-point: ±√(1/2), ±1, ±√(3/2), each with probability 1/6 (better with very few clusters).</summary>
    Webb,
    /// <summary>Mammen (1993) two-point: −(√5 − 1)/2 with probability (√5 + 1)/(2√5), else (√5 + 1)/2.</summary>
    Mammen,
    /// <summary>Standard normal.</summary>
    Normal,
}

/// <summary>Whether the bootstrap data-generating process imposes the null hypothesis.</summary>
public enum WildBootstrapType
{
    /// <summary>WCR: bootstrap from the fit restricted by the null (the default; better size, Cameron, Gelbach and Miller 2008).</summary>
    Restricted,
    /// <summary>WCU: bootstrap from the unrestricted fit; t* is centred at the estimate.</summary>
    Unrestricted,
}

/// <summary>How the bootstrap p-value compares t* with t.</summary>
public enum WildPValueType
{
    /// <summary>P(|t*| &gt; |t|) (the default, boottest's symmetric test).</summary>
    Symmetric,
    /// <summary>2·min(P(t* &gt; t), P(t* &lt; t)).</summary>
    EqualTailed,
    /// <summary>P(t* &gt; t): the alternative β &gt; r.</summary>
    Greater,
    /// <summary>P(t* &lt; t): the alternative β &lt; r.</summary>
    Lower,
}

/// <summary>
/// Options of the wild cluster bootstrap test of one coefficient (or a joint Wald test of several).
/// </summary>
public sealed record WildBootstrapOptions
{
    /// <summary>The coefficient tested (H₀: β = <see cref="Null"/>). Required unless <see cref="JointTest"/> is given.</summary>
    public string? Test { get; init; }

    /// <summary>The value under the null. Default 0.</summary>
    public double Null { get; init; }

    /// <summary>Coefficients tested jointly (H₀: each equals 0): a bootstrap Wald test W/q; no confidence set.</summary>
    public IReadOnlyList<string>? JointTest { get; init; }

    /// <summary>Replications B. Default 9,999. With Rademacher weights and 2^G ≤ B every sign vector is used once instead (exact, deterministic).</summary>
    public int Replications { get; init; } = 9_999;

    /// <summary>Weight distribution. Default Rademacher.</summary>
    public WildWeights Weights { get; init; } = WildWeights.Rademacher;

    /// <summary>Restricted (WCR, default) or unrestricted (WCU).</summary>
    public WildBootstrapType Type { get; init; } = WildBootstrapType.Restricted;

    /// <summary>p-value type. Default symmetric.</summary>
    public WildPValueType PValueType { get; init; } = WildPValueType.Symmetric;

    /// <summary>
    /// Variable whose levels are the bootstrap clusters. Default: the variance's cluster variable (two-way clustering:
    /// the intersection of both, as boottest does). A coarser variable (e.g. province when SEs cluster by city) is allowed
    /// when the SE clusters are nested in it; heteroskedasticity-robust variances bootstrap each observation.
    /// </summary>
    public string? BootstrapCluster { get; init; }

    /// <summary>Seed; the same seed gives bit-identical results whatever the thread count. Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Confidence level of the test-inversion confidence set. Default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Whether to compute the confidence set by test inversion (single-coefficient tests only). Default true.</summary>
    public bool ConfidenceSet { get; init; } = true;

    /// <summary>Maximum worker threads (null: all cores). Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}

/// <summary>One piece of a (possibly disjoint or unbounded) confidence set; infinite bounds mean the set is unbounded.</summary>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound.</param>
public sealed record ConfidencePiece(double Low, double High);

/// <summary>Result of a wild cluster bootstrap test.</summary>
/// <param name="Test">Tested coefficient(s), comma-separated for a joint test.</param>
/// <param name="Null">Value under the null (0 for joint tests).</param>
/// <param name="Statistic">Original statistic: the cluster-robust t (or W/q for a joint test) with the model's small-sample factor.</param>
/// <param name="PValue">Bootstrap p-value.</param>
/// <param name="ConfidenceSet">Pieces of the confidence set {r : p(r) ≥ 1 − level}; empty when not computed.</param>
/// <param name="Replications">Replications used (2^G when enumerated).</param>
/// <param name="Weights">Weight distribution.</param>
/// <param name="Type">WCR or WCU.</param>
/// <param name="PValueType">p-value type.</param>
/// <param name="Enumerated">True when every Rademacher sign vector was used (the p-value is then exact and does not depend on the seed).</param>
/// <param name="Clusters">Number of bootstrap clusters G.</param>
/// <param name="BootstrapCluster">What the bootstrap clusters are.</param>
/// <param name="Seed">Seed used.</param>
/// <param name="ConfidenceLevel">Level of <see cref="ConfidenceSet"/>.</param>
public sealed record WildBootstrapResult(
    string Test, double Null, double Statistic, double PValue, IReadOnlyList<ConfidencePiece> ConfidenceSet, int Replications,
    WildWeights Weights, WildBootstrapType Type, WildPValueType PValueType, bool Enumerated, int Clusters, string BootstrapCluster,
    ulong Seed, double ConfidenceLevel)
{
    /// <summary>The bootstrap statistics t*_b (at the null), in replication order.</summary>
    public IReadOnlyList<double> BootstrapStatistics { get; init; } = [];
}

/// <summary>
/// The wild cluster bootstrap (Cameron, Gelbach and Miller 2008) of cluster-robust t and Wald tests in linear panel
/// models, computed with the algebra of Roodman, MacKinnon, Nielsen and Webb (2019) so that a replication costs
/// O(G·k) after one pass over the data. See docs/methods/wild-bootstrap.md.
/// </summary>
/// <remarks>
/// The bootstrap starts from the fit: its regressors and outcome with every fixed effect partialled out (Frisch–Waugh–Lovell)
/// and its residuals. Fixed effects nested in the bootstrap clusters (e.g. city effects with province clusters) need nothing
/// more, because the weights are constant within them; for the others (e.g. year effects) the kernel projects them out of
/// every bootstrap error ü∘v, which is what the dummy-variable regression does implicitly. Both give the statistics of the
/// dummy-variable model exactly. t* uses the same small-sample factor as the model's own cluster-robust t.
/// </remarks>
public static class WildClusterBootstrap
{
    private const ulong WeightStream = 0x57_49_4C_44; // "WILD": keeps these draws apart from other bootstrap streams

    /// <summary>Fits <paramref name="model"/> on <paramref name="panel"/> and runs the test on that fit.</summary>
    /// <exception cref="SpecificationException">The variance is not clustered or robust, the tested coefficient is not in the model, or the options are invalid.</exception>
    public static WildBootstrapResult Test(PanelData panel, PanelRegressionOptions model, WildBootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        CheckVariance(model.Vcov);
        return Test(PanelRegression.Fit(panel, model), options);
    }

    /// <summary>
    /// Runs the test on an existing fit, without refitting: the bootstrap reuses the fit's within-transformed design, its
    /// residuals and (X̃'X̃)⁻¹, and clusters as the fit's variance does (or by <see cref="WildBootstrapOptions.BootstrapCluster"/>).
    /// </summary>
    /// <exception cref="SpecificationException">The variance is not clustered or robust, the tested coefficient is not in the model, or the options are invalid.</exception>
    public static WildBootstrapResult Test(PanelRegressionResult fit, WildBootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var context = fit.Context ?? throw new SpecificationException("This fit kept no design for the wild bootstrap; fit the model with PanelRegression.Fit.");
        var input = context.Variance;
        var vcov = input.Options.Vcov;
        CheckVariance(vcov);
        if (input.Design.Slopes is not null)
            throw new SpecificationException("The wild bootstrap does not support fixed effects with varying slopes (g[x]); enter the slope interactions as regressors instead.");

        var tested = options.JointTest is { Count: > 0 } joint ? joint.ToArray() : [options.Test!];
        var names = context.Names;
        foreach (var name in tested)
            if (!fit.HasCoefficient(name))
                throw new SpecificationException($"The wild bootstrap tests '{name}', which is not a coefficient of the model (it has: {string.Join(", ", fit.Coefficients.Select(c => c.Name))}).");
        int n = input.N, k = names.Length;
        var (boot, bootName) = BootstrapClusters(context, vcov, options, n);
        var clusterings = VarianceClusterings(input.Design, vcov, n, boot, options.BootstrapCluster is null);

        // Fixed effects nested in the cells drop out of the bootstrap algebra; the others are projected out of ü∘v.
        var cells = WildClusterKernel.Cells(boot, clusterings);
        var nested = new List<GroupCodes>();
        var other = new List<GroupCodes>();
        foreach (var fe in input.FixedEffects) (fe.IsNestedIn(cells) ? nested : other).Add(fe);
        var partialled = other.Count > 0 ? PartialledEffects.Create(nested, other, input.Options.Demeaning.ToSettings()) : null;

        var inverse = new double[k * k];
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++) inverse[a * k + b] = input.Bread[input.Kept[a], input.Kept[b]];
        var restriction = new double[tested.Length * k];
        for (int t = 0; t < tested.Length; t++) restriction[t * k + Array.IndexOf(names, tested[t])] = 1;
        var kernel = new WildClusterKernel(input.X, input.Kept, inverse, context.Estimates, input.Residuals, restriction, boot, cells, clusterings,
            partialled, fit.Variance.Factor);
        int bootLevels = boot.LevelCount;

        int reps = ReplicationCount(options, bootLevels, out bool enumerate);
        bool restricted = options.Type == WildBootstrapType.Restricted;
        double nullValue = tested.Length == 1 ? options.Null : 0;
        var nulls = Enumerable.Repeat(nullValue, tested.Length).ToArray();
        var stats = new double[reps];
        double original = kernel.OriginalStatistic(nulls);
        IReadOnlyList<ConfidencePiece> set = [];
        double p;
        if (tested.Length == 1)
        {
            // Five numbers per replication give t*_b at every null value (test inversion needs no further pass over the weights).
            const int width = WildClusterKernel.LinearCoefficientCount;
            var coefficients = new double[(long)reps * width];
            Replicate(options, bootLevels, reps, enumerate, WeightStream, kernel.CreateScratch, (scratch, v, b) => kernel.LinearCoefficients(v, scratch, coefficients.AsSpan(b * width, width)));
            LinearStatistics(kernel, coefficients, restricted ? kernel.Estimate[0] - nullValue : 0, stats);
            p = PValue(original, stats, options.PValueType);
            if (options.ConfidenceSet)
            {
                var coefficient = fit[tested[0]];
                set = Invert(kernel, coefficients, restricted, options, coefficient.Estimate, coefficient.StdError);
            }
        }
        else
        {
            var pieces = kernel.AtNull(nulls, restricted);
            Replicate(options, bootLevels, reps, enumerate, WeightStream, kernel.CreateScratch, (scratch, v, b) => stats[b] = kernel.WaldStatistic(v, pieces, scratch));
            p = PValue(original, stats, WildPValueType.Greater);
        }
        return new WildBootstrapResult(string.Join(",", tested), nullValue, original, p, set, reps, options.Weights, options.Type,
            options.PValueType, enumerate, bootLevels, bootName, options.Seed, options.ConfidenceLevel)
        {
            BootstrapStatistics = stats,
        };
    }

    /// <summary>
    /// The replication loop, through the library's resampling engine: replication b draws its G weights from
    /// <see cref="SeededRandom.ForReplication"/>(seed, "WILD", b) (or takes the b-th sign pattern when enumerating) and
    /// writes only its own results, so the output is bit-identical whatever the thread count.
    /// </summary>
    /// <summary>
    /// B, or 2^G when the weights are Rademacher and 2^G ≤ B: every sign vector is then used once (full enumeration), and
    /// <paramref name="enumerate"/> is true.
    /// </summary>
    internal static int ReplicationCount(WildBootstrapOptions options, int clusters, out bool enumerate)
    {
        enumerate = options.Weights == WildWeights.Rademacher && clusters < 31 && (1L << clusters) <= options.Replications;
        return enumerate ? 1 << clusters : options.Replications;
    }

    /// <summary>
    /// The replication loop of every wild bootstrap, through the library's resampling engine: replication b draws its G
    /// weights from <see cref="SeededRandom.ForReplication"/>(seed, <paramref name="stream"/>, b) (or takes the b-th sign
    /// pattern when enumerating) and writes only its own results, so the output is bit-identical whatever the thread count.
    /// </summary>
    internal static void Replicate<TState>(WildBootstrapOptions options, int clusters, int reps, bool enumerate, ulong stream,
        Func<TState> createState, Action<TState, double[], int> body)
    {
        var progress = new ResamplingEngine.ProgressCounter(null, reps);
        if (enumerate)
            ResamplingEngine.ForEach(reps, options.MaxDegreeOfParallelism, () => (State: createState(), Signs: new double[clusters]), (state, b) =>
            {
                for (int c = 0; c < clusters; c++) state.Signs[c] = ((b >> c) & 1) == 0 ? 1 : -1;
                body(state.State, state.Signs, b);
            }, progress, CancellationToken.None);
        else
            ResamplingEngine.Replicate(new WildWeightsScheme(clusters, Distribution(options.Weights)), reps, options.Seed, stream,
                options.MaxDegreeOfParallelism, createState, body, progress, CancellationToken.None);
    }

    private static WildWeightsScheme.Distribution Distribution(WildWeights w) => w switch
    {
        WildWeights.Rademacher => WildWeightsScheme.Distribution.Rademacher,
        WildWeights.Webb => WildWeightsScheme.Distribution.Webb,
        WildWeights.Mammen => WildWeightsScheme.Distribution.Mammen,
        _ => WildWeightsScheme.Distribution.Normal,
    };

    private static void LinearStatistics(WildClusterKernel kernel, double[] coefficients, double d, double[] stats)
    {
        const int width = WildClusterKernel.LinearCoefficientCount;
        for (int b = 0; b < stats.Length; b++) stats[b] = kernel.LinearStatistic(coefficients.AsSpan(b * width, width), d);
    }

    private static void CheckVariance(Vcov vcov)
    {
        if (vcov.Kind is not (VcovKind.Cluster or VcovKind.TwoWayCluster or VcovKind.HC0 or VcovKind.HC1))
            throw new SpecificationException($"The wild bootstrap needs a clustered or heteroskedasticity-robust variance; the model uses {vcov}.");
    }

    /// <summary>
    /// The bootstrap p-value of <paramref name="t"/> against the bootstrap statistics with strict inequalities (as boottest
    /// and fwildclusterboot): a t* equal to t is not counted. Equality is judged to a relative 1e-10, because some draws
    /// reproduce t exactly in exact arithmetic (under WCR the all-ones weight vector gives t* = t) and rounding must not
    /// decide on which side they fall.
    /// </summary>
    internal static double PValue(double t, IReadOnlyList<double> bootstrap, WildPValueType type)
    {
        int above = 0, below = 0, absAbove = 0;
        double at = Math.Abs(t);
        double tie = 1e-10 * Math.Max(1, at);
        foreach (var s in bootstrap)
        {
            if (s > t + tie) above++;
            if (s < t - tie) below++;
            if (Math.Abs(s) > at + tie) absAbove++;
        }
        double b = bootstrap.Count;
        return type switch
        {
            WildPValueType.Symmetric => absAbove / b,
            WildPValueType.EqualTailed => Math.Min(1, 2 * Math.Min(above, below) / b),
            WildPValueType.Greater => above / b,
            _ => below / b,
        };
    }

    private static void Validate(WildBootstrapOptions o)
    {
        if (o.JointTest is not { Count: > 0 } && string.IsNullOrWhiteSpace(o.Test))
            throw new SpecificationException("The wild bootstrap needs the coefficient to test (Test), or JointTest for several.");
        ValidateCommon(o);
    }

    /// <summary>The checks every wild bootstrap (linear or IV) makes of its options.</summary>
    internal static void ValidateCommon(WildBootstrapOptions o)
    {
        if (o.MaxDegreeOfParallelism is < 1)
            throw new SpecificationException($"MaxDegreeOfParallelism must be at least 1 (or null for all cores); got {o.MaxDegreeOfParallelism}.");
        if (o.Replications < 9)
            throw new SpecificationException($"The wild bootstrap needs at least 9 replications; got {o.Replications}.");
        if (!double.IsFinite(o.Null)) throw new SpecificationException($"The null value must be a finite number; got {o.Null}.");
        if (!(o.ConfidenceLevel > 0 && o.ConfidenceLevel < 1))
            throw new SpecificationException($"The confidence level must lie strictly between 0 and 1; got {o.ConfidenceLevel}.");
    }

    private static (GroupCodes Codes, string Name) BootstrapClusters(FitContext context, Vcov vcov, WildBootstrapOptions options, int n)
    {
        var design = context.Variance.Design;
        if (options.BootstrapCluster is { } name)
        {
            GroupCodes g;
            if (design.Has(name)) g = design.Grouping(name);
            else
            {
                var panel = context.Source ?? throw new SpecificationException(
                    $"Bootstrap cluster '{name}' is not a grouping of the fit, and the fit was made from arrays; refit with '{name}' as a cluster variable.");
                if (!panel.HasColumn(name))
                    throw new SpecificationException($"Bootstrap cluster '{name}' must be a cluster variable or a fixed effect of the model, or a column of the panel; it is not known here.");
                var factor = panel.Grouping(name);
                g = RegressionDesign.Codes(name, context.Rows is null ? factor : factor.Subset(context.Rows));
                if (g.Count != n) throw new SpecificationException($"Bootstrap cluster '{name}' has missing values in the estimation sample.");
            }
            if (vcov.Kind == VcovKind.Cluster)
                foreach (var se in vcov.ClusterBy)
                    if (!design.Grouping(se).IsNestedIn(g))
                        throw new SpecificationException($"The variance clusters '{se}' are not nested in the bootstrap clusters '{name}'; bootstrap by '{se}' or a variable that contains it.");
            return (Compact(g), name);
        }
        return vcov.Kind switch
        {
            VcovKind.Cluster => (Compact(design.Grouping(vcov.ClusterBy[0])), vcov.ClusterBy[0]),
            VcovKind.TwoWayCluster => (Compact(GroupCodes.Intersect(design.Grouping(vcov.ClusterBy[0]), design.Grouping(vcov.ClusterBy[1]))),
                $"{vcov.ClusterBy[0]} × {vcov.ClusterBy[1]}"),
            _ => (Observations(n), "observation"),
        };
    }

    private static GroupCodes Observations(int n) => new("observation", Enumerable.Range(0, n).ToArray(), n);

    /// <summary>Renumbers the levels 0..G−1 in order of first appearance, dropping empty ones (G is the number of weights).</summary>
    private static GroupCodes Compact(GroupCodes g)
    {
        var map = new int[g.LevelCount];
        var codes = g.Codes;
        var result = new int[codes.Length];
        int next = 0;
        for (int i = 0; i < codes.Length; i++)
        {
            ref int slot = ref map[codes[i]];
            if (slot == 0) slot = ++next;
            result[i] = slot - 1;
        }
        return new GroupCodes(g.Name, result, next);
    }

    /// <summary>The variance clusterings, compacted; <paramref name="boot"/> is reused when it is the one-way clustering itself.</summary>
    private static List<(GroupCodes Codes, double Sign)> VarianceClusterings(VarianceGroupings design, Vcov vcov, int n, GroupCodes boot, bool bootIsDefault)
    {
        switch (vcov.Kind)
        {
            case VcovKind.Cluster:
                return [(bootIsDefault ? boot : Compact(design.Grouping(vcov.ClusterBy[0])), 1.0)];
            case VcovKind.TwoWayCluster:
                {
                    var a = design.Grouping(vcov.ClusterBy[0]);
                    var b = design.Grouping(vcov.ClusterBy[1]);
                    return [(Compact(a), 1.0), (Compact(b), 1.0), (Compact(GroupCodes.Intersect(a, b)), -1.0)];
                }
            default:
                return [(bootIsDefault ? boot : Observations(n), 1.0)];
        }
    }

    /// <summary>
    /// {r : p(r) ≥ α} by test inversion: p on a grid around the estimate (widened until the ends reject, up to
    /// ±1,000 analytic SEs), then bisection on every crossing; unbounded ends are reported as infinite bounds.
    /// </summary>
    private static IReadOnlyList<ConfidencePiece> Invert(WildClusterKernel kernel, double[] coefficients, bool restricted,
        WildBootstrapOptions options, double estimate, double se)
    {
        double alpha = 1 - options.ConfidenceLevel;
        var stats = new double[coefficients.Length / WildClusterKernel.LinearCoefficientCount];
        double[]? fixedStats = null;
        if (!restricted)
        {
            fixedStats = new double[stats.Length];
            LinearStatistics(kernel, coefficients, 0, fixedStats);
        }
        double P(double r)
        {
            double t = kernel.OriginalStatistic([r]);
            if (fixedStats is not null) return PValue(t, fixedStats, options.PValueType);
            LinearStatistics(kernel, coefficients, kernel.Estimate[0] - r, stats);
            return PValue(t, stats, options.PValueType);
        }
        if (!(se > 0) || !double.IsFinite(se)) return [];
        double half = 4 * se;
        const int points = 25;
        double[] grid = [], pv = [];
        for (int attempt = 0; attempt < 6; attempt++, half *= 4)
        {
            grid = Enumerable.Range(0, points).Select(i => estimate - half + 2 * half * i / (points - 1)).ToArray();
            pv = grid.Select(P).ToArray();
            if (pv[0] < alpha && pv[^1] < alpha) break;
        }
        var pieces = new List<ConfidencePiece>();
        double? low = pv[0] >= alpha ? double.NegativeInfinity : null;
        for (int i = 1; i < points; i++)
        {
            bool inPrev = pv[i - 1] >= alpha, inHere = pv[i] >= alpha;
            if (inPrev == inHere) continue;
            double a = grid[i - 1], b = grid[i];
            for (int it = 0; it < 40 && b - a > 1e-6 * se; it++)
            {
                double m = 0.5 * (a + b);
                if ((P(m) >= alpha) == inPrev) a = m; else b = m;
            }
            double crossing = 0.5 * (a + b);
            if (!inPrev) low = crossing;
            else
            {
                pieces.Add(new ConfidencePiece(low ?? double.NegativeInfinity, crossing));
                low = null;
            }
        }
        if (low is not null) pieces.Add(new ConfidencePiece(low.Value, double.PositiveInfinity));
        return pieces;
    }
}
