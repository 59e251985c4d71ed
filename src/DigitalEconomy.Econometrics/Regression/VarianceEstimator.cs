using System.Globalization;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Model;

namespace DigitalEconomy.Econometrics.Regression;

/// <summary>The groupings a variance may cluster on (fixed effects, cluster variables, the time key), by name.</summary>
internal sealed record VarianceGroupings(IReadOnlyList<GroupCodes> All, GroupCodes? Periods)
{
    /// <summary>The groupings of a design.</summary>
    public static VarianceGroupings Of(RegressionDesign design) =>
        new(design.FixedEffects.Concat(design.Groupings).ToArray(), design.Periods) { Slopes = design.Slopes };

    /// <summary>Varying slopes of the fixed effects (by fixed-effect index), or null when there are none.</summary>
    public IReadOnlyList<VaryingSlopes?>? Slopes { get; init; }

    /// <summary>True when a grouping (or the time key) has that name.</summary>
    public bool Has(string name) => All.Any(g => g.Name == name) || Periods?.Name == name;

    /// <summary>These groupings plus <paramref name="extra"/>.</summary>
    public VarianceGroupings With(GroupCodes extra) => this with { All = [.. All, extra] };

    /// <summary>Finds a grouping (fixed effect, cluster variable or the time key) by name.</summary>
    /// <exception cref="SpecificationException">No grouping has that name.</exception>
    public GroupCodes Grouping(string name) =>
        All.Append(Periods).FirstOrDefault(g => g is not null && g.Name == name)
        ?? throw new SpecificationException(
            $"No grouping named '{name}' in the design; available: {string.Join(", ", All.Select(g => g.Name))}.");
}

/// <summary>Everything the variance step needs from a fitted model.</summary>
internal sealed record VarianceInput(
    VarianceGroupings Design, EstimationOptions Options, ColumnMajorMatrix X, double[] Residuals, double[,] Bread,
    int[] Kept, int N, int CoefficientCount, int KAll, double Rss, IReadOnlyList<GroupCodes> FixedEffects, bool Intercept)
{
    /// <summary>
    /// Cluster scores Σ_{r∈g} x_r e_r for one grouping, when the fit formed them with the residuals (one pass instead
    /// of two); used by the one-way cluster variance for that same grouping object, ignored otherwise.
    /// </summary>
    public (GroupCodes Grouping, ColumnMajorMatrix Scores)? KnownScores { get; init; }
}

/// <summary>The variance matrix over the kept coefficients, its description and the nested fixed effects.</summary>
internal sealed record VarianceOutput(double[,] Matrix, VarianceSummary Summary, IReadOnlySet<string> NestedFixedEffects);

/// <summary>
/// Sandwich and classical variances with the small-sample conventions of <see cref="SmallSampleCorrection"/>
/// (docs/methods.md, "Variance conventions"). Meats come from <see cref="SandwichMeat"/>; this class only chooses K, the factors and the df.
/// </summary>
internal static class VarianceEstimator
{
    public static VarianceOutput Compute(VarianceInput input)
    {
        var o = input.Options;
        var c = o.SmallSample;
        int n = input.N;
        var none = (IReadOnlySet<string>)new HashSet<string>();
        switch (o.Vcov.Kind)
        {
            case VcovKind.Classical:
            {
                double s2 = input.Rss / (n - input.KAll);
                var v = Scale(input.Bread, s2);
                return Output(input, v, Summary(VcovKind.Classical, c, 1, input.KAll, [], [], n - input.KAll, false,
                    "Classical standard errors, s² = SSR/(N − K), K = {K}"), none);
            }
            case VcovKind.HC0:
            case VcovKind.HC1:
            {
                var meat = SandwichMeat.Heteroskedastic(input.X, input.Residuals);
                int kHc = ParameterCount(c.ParameterCount, input, []);
                bool adjust = o.Vcov.Kind == VcovKind.HC1 && c.ObservationFactor != ClusterObservationFactor.None;
                double factor = adjust ? (double)n / (n - kHc) : 1;
                var kind = adjust ? VcovKind.HC1 : VcovKind.HC0;
                var text = adjust
                    ? $"Heteroskedasticity-robust (HC1) standard errors, N/(N − K), K = {VarianceNoteTemplate.K} ({c.Name} convention)"
                    : "Heteroskedasticity-robust (HC0) standard errors, no small-sample factor";
                return Output(input, SandwichMeat.Sandwich(input.Bread, meat, factor),
                    Summary(kind, c, factor, adjust ? kHc : 0, [], [], n - input.KAll, false, text), none);
            }
            case VcovKind.HC2:
            case VcovKind.HC3:
            {
                var h = Leverage(input);
                var w = new double[n];
                double power = o.Vcov.Kind == VcovKind.HC2 ? 1 : 2;
                for (int r = 0; r < n; r++)
                {
                    double oneMinus = 1 - h[r];
                    if (oneMinus <= 1e-10)
                        throw new SpecificationException(
                            $"{o.Vcov.Kind} is undefined: observation {r + 1} of the estimation sample has leverage 1 (it is fitted exactly, e.g. a singleton); use HC1 or drop singletons.");
                    w[r] = input.Residuals[r] * input.Residuals[r] / Math.Pow(oneMinus, power);
                }
                var meat = SandwichMeat.Weighted(input.X, w);
                return Output(input, SandwichMeat.Sandwich(input.Bread, meat),
                    Summary(o.Vcov.Kind, c, 1, 0, [], [], n - input.KAll, false,
                        $"Heteroskedasticity-robust ({o.Vcov.Kind}) standard errors, e²/(1 − h){(power == 1 ? "" : "²")}"), none);
            }
            case VcovKind.Cluster:
            {
                var g = ClusterGrouping(input, o.Vcov.ClusterBy[0]);
                int groups = g.NonEmptyLevelCount;
                var nested = Nested(input, [g]);
                int kCl = ParameterCount(c.ParameterCount, input, nested);
                double factor = c.ClusterScale(groups, n, kCl);
                var meat = input.KnownScores is { } known && ReferenceEquals(known.Grouping, g)
                    ? CrossProducts.Gram(known.Scores)
                    : SandwichMeat.Cluster(input.X, input.Residuals, g);
                double df = c.ClusterDf == ClusterDegreesOfFreedom.ClustersMinusOne ? groups - 1 : n - input.KAll;
                return Output(input, SandwichMeat.Sandwich(input.Bread, meat, factor),
                    Summary(VcovKind.Cluster, c, factor, kCl, [g.Name], [groups], df, false,
                        $"Standard errors clustered by {g.Name} ({VarianceNoteTemplate.ClusterCountWithNoun(0)}); {FactorText(c)}"), NamesOf(nested));
            }
            case VcovKind.TwoWayCluster:
            {
                var g1 = ClusterGrouping(input, o.Vcov.ClusterBy[0]);
                var g2 = ClusterGrouping(input, o.Vcov.ClusterBy[1]);
                var g12 = GroupCodes.Intersect(g1, g2);
                int gMin = Math.Min(g1.NonEmptyLevelCount, g2.NonEmptyLevelCount);
                var nested = Nested(input, [g1, g2]);
                int kCl = ParameterCount(c.ParameterCount, input, nested);
                double factor = c.ClusterScale(gMin, n, kCl);
                var m1 = SandwichMeat.Cluster(input.X, input.Residuals, g1);
                var m2 = SandwichMeat.Cluster(input.X, input.Residuals, g2);
                var m12 = g12.NonEmptyLevelCount == n
                    ? SandwichMeat.Heteroskedastic(input.X, input.Residuals)
                    : SandwichMeat.Cluster(input.X, input.Residuals, g12);
                int k = m1.GetLength(0);
                var meat = new double[k, k];
                for (int i = 0; i < k; i++)
                    for (int j = 0; j < k; j++) meat[i, j] = m1[i, j] + m2[i, j] - m12[i, j];
                var full = SandwichMeat.Sandwich(input.Bread, meat, factor);
                var v = Restrict(full, input.Kept);
                bool fix = SandwichMeat.ClipNegativeEigenvalues(v);
                double df = c.ClusterDf == ClusterDegreesOfFreedom.ClustersMinusOne ? gMin - 1 : n - input.KAll;
                return new VarianceOutput(v, Summary(VcovKind.TwoWayCluster, c, factor, kCl, [g1.Name, g2.Name],
                    [g1.NonEmptyLevelCount, g2.NonEmptyLevelCount], df, fix,
                    $"Standard errors two-way clustered by {g1.Name} ({VarianceNoteTemplate.ClusterCount(0)}) and {g2.Name} ({VarianceNoteTemplate.ClusterCount(1)}) (Cameron–Gelbach–Miller); {FactorText(c, "G_min")}"),
                    NamesOf(nested));
            }
            case VcovKind.DriscollKraay:
            {
                var periods = input.Design.Periods
                    ?? throw new SpecificationException("Driscoll–Kraay standard errors need the time periods; fit from a PanelData or give RegressionDesign a periods grouping.");
                int t = periods.NonEmptyLevelCount;
                if (t < 2) throw new SpecificationException($"Driscoll–Kraay standard errors need at least 2 periods; the sample has {t}.");
                var meat = SandwichMeat.DriscollKraay(input.X, input.Residuals, periods, o.Vcov.Lags);
                int kDk = ParameterCount(c.ParameterCount, input, []);
                // Regress-style (N − 1)/(N − K) and t with T − 1 df; xtscc's exact small-sample factor is not verified here.
                double factor = c.ObservationFactor == ClusterObservationFactor.None ? 1 : (n - 1.0) / (n - kDk);
                return Output(input, SandwichMeat.Sandwich(input.Bread, meat, factor),
                    Summary(VcovKind.DriscollKraay, c, factor, kDk, [periods.Name], [t], t - 1, false,
                        $"Driscoll–Kraay standard errors, {o.Vcov.Lags} lag{(o.Vcov.Lags == 1 ? "" : "s")} (Bartlett), (N − 1)/(N − K), K = {VarianceNoteTemplate.K}"), none);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(input));
        }
    }

    /// <summary>
    /// The summary with its description filled in from <paramref name="note"/>, a <see cref="VarianceNoteTemplate"/>
    /// template whose K and cluster-count slots the table can later merge across columns.
    /// </summary>
    private static VarianceSummary Summary(VcovKind kind, SmallSampleCorrection c, double factor, int k,
        IReadOnlyList<string> clusterVariables, IReadOnlyList<int> clusterCounts, double df, bool fix, string note) =>
        new(kind, c, factor, k, clusterVariables, clusterCounts, df, fix, VarianceNoteTemplate.Fill(note, k, clusterCounts)) { NoteTemplate = note };

    private static VarianceOutput Output(VarianceInput input, double[,] full, VarianceSummary summary, IReadOnlySet<string> nested) =>
        new(Restrict(full, input.Kept), summary, nested);

    private static IReadOnlySet<string> NamesOf(IEnumerable<GroupCodes> groups) => groups.Select(g => g.Name).ToHashSet();

    private static double[,] Scale(double[,] m, double s)
    {
        var r = (double[,])m.Clone();
        for (int i = 0; i < r.GetLength(0); i++)
            for (int j = 0; j < r.GetLength(1); j++) r[i, j] *= s;
        return r;
    }

    private static double[,] Restrict(double[,] full, int[] kept)
    {
        var v = new double[kept.Length, kept.Length];
        for (int a = 0; a < kept.Length; a++)
            for (int b = 0; b < kept.Length; b++) v[a, b] = full[kept[a], kept[b]];
        return v;
    }

    private static GroupCodes ClusterGrouping(VarianceInput input, string name)
    {
        var g = input.Design.Grouping(name);
        if (g.NonEmptyLevelCount < 2)
            throw new SpecificationException(
                $"Cluster-robust standard errors need at least 2 clusters; '{name}' has {g.NonEmptyLevelCount} in the estimation sample.");
        return g;
    }

    /// <summary>Fixed effects nested in any of the cluster groupings.</summary>
    // A slopes-only effect g[[x]] absorbs no level dummies, so it has no levels to exclude (fixest's rule).
    private static GroupCodes[] Nested(VarianceInput input, GroupCodes[] clusters) =>
        input.FixedEffects.Where((f, i) => input.Design.Slopes?[i] is not { SlopesOnly: true } && clusters.Any(f.IsNestedIn)).ToArray();

    /// <summary>K per the convention; <paramref name="nested"/> lists the fixed effects nested in the clusters.</summary>
    private static int ParameterCount(ParameterCountRule rule, VarianceInput input, IReadOnlyList<GroupCodes> nested)
    {
        int nestedLevels = nested.Sum(f => f.NonEmptyLevelCount - 1);
        return rule switch
        {
            ParameterCountRule.StataNestedExcluded => input.KAll - nestedLevels,
            ParameterCountRule.FixestNestedExcluded => input.KAll - nestedLevels - (nested.Count > 0 ? 1 : 0),
            ParameterCountRule.CoefficientsOnly => input.CoefficientCount,
            _ => input.KAll,
        };
    }

    private static string FactorText(SmallSampleCorrection c, string g = "G")
    {
        var parts = new List<string>();
        if (c.ClusterFactor) parts.Add($"{g}/({g} − 1)");
        switch (c.ObservationFactor)
        {
            case ClusterObservationFactor.NMinusOneOverNMinusK: parts.Add("(N − 1)/(N − K)"); break;
            case ClusterObservationFactor.NOverNMinusK: parts.Add("N/(N − K)"); break;
        }
        var kText = c.ObservationFactor == ClusterObservationFactor.None ? "" : $", K = {VarianceNoteTemplate.K}";
        return parts.Count == 0 ? $"no small-sample factor ({c.Name} convention)" : $"{string.Join(" · ", parts)}{kText} ({c.Name} convention)";
    }

    /// <summary>
    /// Leverage h_r of the full (LSDV) model: x̃_r'Bx̃_r plus the fixed-effect part, which is 1/n_g for one
    /// factor. With two or more factors the fixed-effect leverage has no closed form, so HC2/HC3 are refused.
    /// </summary>
    private static double[] Leverage(VarianceInput input)
    {
        if (input.Design.Slopes is not null)
            throw new SpecificationException("HC2/HC3 need observation leverages, which are not available with varying slopes (g[x]); use HC1 or clustered standard errors.");
        if (input.FixedEffects.Count > 1)
            throw new SpecificationException("HC2/HC3 need observation leverages, available for pooled OLS and one-way fixed effects only; use HC1 or clustered standard errors with several fixed effects.");
        int n = input.N;
        var h = new double[n];
        var b = input.Bread;
        var x = input.X;
        var t = new double[n];
        foreach (int i in input.Kept)
        {
            Array.Clear(t);
            foreach (int j in input.Kept) VectorKernels.Axpy(b[i, j], x.Column(j), t);
            var xi = x.Column(i);
            for (int r = 0; r < n; r++) h[r] += xi[r] * t[r];
        }
        if (input.FixedEffects.Count == 1)
        {
            var f = input.FixedEffects[0];
            var codes = f.Codes;
            var sizes = f.Sizes;
            for (int r = 0; r < n; r++) h[r] += 1.0 / sizes[codes[r]];
        }
        return h;
    }
}
