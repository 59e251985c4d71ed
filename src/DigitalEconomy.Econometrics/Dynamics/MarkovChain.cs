using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Spatial;

namespace DigitalEconomy.Econometrics.Dynamics;

/// <summary>Settings of <see cref="MarkovChain.Fit"/>.</summary>
public sealed record MarkovChainOptions
{
    /// <summary>Number of classes k from pooled quantiles (default 4, quartiles); ignored when <see cref="Cuts"/> is given.</summary>
    public int Classes { get; init; } = 4;

    /// <summary>User cut-points c_1 &lt; … &lt; c_{k−1} (k = count + 1); null (default) for pooled quantiles.</summary>
    public IReadOnlyList<double>? Cuts { get; init; }

    /// <summary>Classify the relative level y_it / mean_t y (default true) rather than y itself.</summary>
    public bool Relative { get; init; } = true;

    /// <summary>Transitions from period t to period t + h (h in observed periods; default 1).</summary>
    public int Horizon { get; init; } = 1;

    /// <summary>Cut-points of the spatial lag's classes; null (default) for pooled quantiles of the lag with the same k.</summary>
    public IReadOnlyList<double>? LagCuts { get; init; }
}

/// <summary>Homogeneity test of the spatial Markov chain: are the lag-conditional matrices equal to the pooled one?</summary>
/// <param name="LikelihoodRatio">LR = 2 Σ_l Σ_i Σ_j n_ij(l) ln[p_ij(l) / p_ij] over cells with n_ij(l) &gt; 0.</param>
/// <param name="Q">Q = Σ_l Σ_i Σ_{j: p_ij &gt; 0} n_i(l) [p_ij(l) − p_ij]² / p_ij over rows with n_i(l) &gt; 0.</param>
/// <param name="DegreesOfFreedom">Σ_i (a_i − 1)(b_i − 1): a_i lag classes with transitions from class i, b_i classes j with p_ij &gt; 0.</param>
/// <param name="PValueLr">χ² upper tail of LR (NaN when df = 0).</param>
/// <param name="PValueQ">χ² upper tail of Q (NaN when df = 0).</param>
public sealed record MarkovHomogeneityTest(double LikelihoodRatio, double Q, int DegreesOfFreedom, double PValueLr, double PValueQ);

/// <summary>The spatial Markov chain: transitions conditioned on the class of the spatial lag at the start of the period.</summary>
/// <param name="LagCuts">Cut-points of the lag classes.</param>
/// <param name="Conditional">One matrix per lag class l = 0..k−1.</param>
/// <param name="Pooled">Σ_l of the conditional counts (the transitions whose start has a defined lag).</param>
/// <param name="Homogeneity">LR and Q tests of equal conditional matrices.</param>
/// <param name="TransitionsWithoutLag">Transitions left out because the start had no observed neighbour.</param>
public sealed record SpatialMarkovResult(IReadOnlyList<double> LagCuts, IReadOnlyList<TransitionMatrix> Conditional, TransitionMatrix Pooled,
    MarkovHomogeneityTest Homogeneity, long TransitionsWithoutLag);

/// <summary>Share of units in each class in one period.</summary>
/// <param name="Time">Period label.</param>
/// <param name="Shares">Shares by class (sum 1).</param>
public sealed record MarkovClassShares(string Time, IReadOnlyList<double> Shares);

/// <summary>A fitted Markov chain of (relative) levels (<see cref="MarkovChain"/>).</summary>
/// <param name="Variable">Classified column.</param>
/// <param name="Relative">Whether y_it / mean_t y was classified.</param>
/// <param name="Horizon">h of the t → t + h transitions.</param>
/// <param name="Cuts">Cut-points c_1 … c_{k−1}; class i holds c_i &lt; x ≤ c_{i+1} (c_0 = −∞, c_k = ∞).</param>
/// <param name="CutsFromQuantiles">True when the cuts are pooled quantiles i/k (type 7), false when given.</param>
/// <param name="Transitions">The transition matrix.</param>
/// <param name="ClassShares">Per period, the share of units in each class.</param>
/// <param name="Spatial">The spatial Markov chain, when a spatial lag was given.</param>
/// <param name="Missing">Rows left out because the variable was missing.</param>
public sealed record MarkovChainResult(string Variable, bool Relative, int Horizon, IReadOnlyList<double> Cuts, bool CutsFromQuantiles,
    TransitionMatrix Transitions, IReadOnlyList<MarkovClassShares> ClassShares, SpatialMarkovResult? Spatial, MissingValueReport Missing)
{
    /// <summary>Number of classes k.</summary>
    public int Classes => Cuts.Count + 1;
}

/// <summary>
/// Discrete Markov chains of units' (relative) levels, the standard tool of distribution dynamics (Quah 1993, "Empirical
/// cross-section dynamics in economic growth", <i>European Economic Review</i> 37) and its spatial version (Rey 2001,
/// "Spatial empirics for economic growth and convergence", <i>Geographical Analysis</i> 33): each unit-period is put in
/// one of k classes, transitions t → t + h are counted, and the matrix, its ergodic distribution and first-passage times
/// are reported. The spatial chain conditions on the class of the spatial lag at the start of the period and tests
/// homogeneity by LR and Q statistics (Bickenbach and Bode 2003, "Evaluating the Markov property in studies of economic
/// convergence", <i>International Regional Science Review</i> 26).
/// </summary>
public static class MarkovChain
{
    /// <summary>
    /// Fits the chain of <paramref name="variable"/>; with <paramref name="weights"/>, also the spatial chain. The spatial
    /// lag of unit i in period t is the weighted mean of its neighbours observed in t, Σ_j w_ij x_jt / Σ_j w_ij over those
    /// j (so W is row-standardised over the observed neighbours whatever its <see cref="SpatialWeights.Style"/>; on a
    /// balanced panel with row-standardised W this is (Wx)_i). Units of the panel without a row in W, or without an
    /// observed neighbour, have no lag; their transitions are counted in <see cref="SpatialMarkovResult.TransitionsWithoutLag"/>.
    /// </summary>
    /// <exception cref="SpecificationException">Bad options (fewer than 2 classes, unsorted cuts, h &lt; 1), coinciding quantile
    /// cuts, a non-positive period mean for relative levels, an unknown column, no transition at all, or weights sharing no unit with the panel.</exception>
    public static MarkovChainResult Fit(PanelData panel, string variable, MarkovChainOptions? options = null, SpatialWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        options ??= new MarkovChainOptions();
        if (!panel.HasNumeric(variable)) throw panel.UnknownColumn(variable);
        if (options.Horizon < 1) throw new SpecificationException($"The transition horizon must be at least 1 period; got {options.Horizon}.");
        if (options.Cuts is null && options.Classes < 2) throw new SpecificationException($"A Markov chain needs at least 2 classes; got {options.Classes}.");
        if (options.Cuts is not null) CheckCuts(options.Cuts, "cut-points");
        if (options.LagCuts is not null) CheckCuts(options.LagCuts, "lag cut-points");

        var sample = CompleteSample(panel, variable, out var missing);
        int n = sample.RowCount;
        var x = sample.CopyColumn(variable);
        var times = sample.Times.Codes;
        int periods = sample.Times.LevelCount;
        if (options.Relative) ToRelative(sample, variable, x, times, periods);

        int k = options.Cuts?.Count + 1 ?? options.Classes;
        var cuts = options.Cuts?.ToArray() ?? QuantileCuts(x, k, "level");
        var cls = new int[n];
        for (int r = 0; r < n; r++) cls[r] = ClassOf(x[r], cuts);

        // Dense entity × period-rank grid of rows (−1 when unobserved).
        var rank = new int[periods];
        var order = Enumerable.Range(0, periods).OrderBy(t => sample.LevelOrdinals[t]).ToArray();
        for (int q = 0; q < periods; q++) rank[order[q]] = q;
        int entities = sample.Entities.LevelCount;
        var grid = new int[entities * periods];
        Array.Fill(grid, -1);
        var ent = sample.Entities.Codes;
        for (int r = 0; r < n; r++) grid[ent[r] * periods + rank[times[r]]] = r;

        int h = options.Horizon;
        var counts = NewCounts(k);
        for (int e = 0; e < entities; e++)
        {
            int baseIndex = e * periods;
            for (int q = 0; q + h < periods; q++)
            {
                int r0 = grid[baseIndex + q], r1 = grid[baseIndex + q + h];
                if (r0 >= 0 && r1 >= 0) counts[cls[r0]][cls[r1]]++;
            }
        }
        var transitions = TransitionMatrix.FromOwnedCounts(counts);
        if (transitions.Total == 0)
            throw new SpecificationException($"No unit is observed in two periods {h} apart, so there is no transition of '{variable}' to count.");

        var shares = new List<MarkovClassShares>(periods);
        var perPeriod = new long[periods * k];
        var inPeriod = new long[periods];
        for (int r = 0; r < n; r++) { perPeriod[times[r] * k + cls[r]]++; inPeriod[times[r]]++; }
        foreach (int t in order)
            shares.Add(new MarkovClassShares(sample.Times.Levels[t], Enumerable.Range(0, k).Select(c => (double)perPeriod[t * k + c] / inPeriod[t]).ToArray()));

        var spatial = weights is null ? null : Spatial(sample, x, cls, grid, periods, k, h, options.LagCuts, weights);
        return new MarkovChainResult(variable, options.Relative, h, cuts, options.Cuts is null, transitions, shares, spatial, missing);
    }

    private static SpatialMarkovResult Spatial(PanelData sample, double[] x, int[] cls, int[] grid, int periods, int k, int h,
        IReadOnlyList<double>? lagCuts, SpatialWeights weights)
    {
        int n = x.Length, entities = sample.Entities.LevelCount;
        // Position of each panel entity in W (−1 when W has no row for it) and, back, the entity of each unit of W.
        var unitOf = new int[entities];
        var entityOf = new int[weights.Count];
        Array.Fill(entityOf, -1);
        for (int e = 0; e < entities; e++)
        {
            unitOf[e] = weights.IndexOf(sample.Entities.Levels[e]);
            if (unitOf[e] >= 0) entityOf[unitOf[e]] = e;
        }
        if (unitOf.All(u => u < 0))
            throw new SpecificationException($"The spatial weights ({weights.Description}) share no unit key with the panel's entities; check the weights' i and j columns.");
        var lag = new double[n];
        Array.Fill(lag, double.NaN);
        var links = weights.Links.ToArray();
        var rowStart = new int[weights.Count + 1];
        foreach (var link in links) rowStart[link.From + 1]++;
        for (int i = 0; i < weights.Count; i++) rowStart[i + 1] += rowStart[i];
        for (int q = 0; q < periods; q++)
            for (int e = 0; e < entities; e++)
            {
                int r = grid[e * periods + q], u = unitOf[e];
                if (r < 0 || u < 0) continue;
                double sum = 0, weight = 0;
                for (int l = rowStart[u]; l < rowStart[u + 1]; l++)
                {
                    int j = entityOf[links[l].To];
                    if (j < 0) continue;
                    int rj = grid[j * periods + q];
                    if (rj < 0) continue;
                    sum += links[l].Weight * x[rj];
                    weight += links[l].Weight;
                }
                if (weight > 0) lag[r] = sum / weight;
            }
        var finite = lag.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) throw new SpecificationException("No unit has an observed neighbour, so the spatial Markov chain is empty; check the spatial weights' entity keys.");
        var cutsOfLag = lagCuts?.ToArray() ?? QuantileCuts(finite, k, "spatial lag");
        int m = cutsOfLag.Length + 1;
        var conditional = new long[m][][];
        for (int l = 0; l < m; l++) conditional[l] = NewCounts(k);
        long withoutLag = 0;
        for (int e = 0; e < entities; e++)
            for (int q = 0; q + h < periods; q++)
            {
                int r0 = grid[e * periods + q], r1 = grid[e * periods + q + h];
                if (r0 < 0 || r1 < 0) continue;
                if (!double.IsFinite(lag[r0])) { withoutLag++; continue; }
                conditional[ClassOf(lag[r0], cutsOfLag)][cls[r0]][cls[r1]]++;
            }
        var pooled = NewCounts(k);
        for (int l = 0; l < m; l++)
            for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++) pooled[i][j] += conditional[l][i][j];
        var matrices = conditional.Select(TransitionMatrix.FromOwnedCounts).ToArray();
        var pooledMatrix = TransitionMatrix.FromOwnedCounts(pooled);
        return new SpatialMarkovResult(cutsOfLag, matrices, pooledMatrix, Homogeneity(matrices, pooledMatrix), withoutLag);
    }

    /// <summary>LR and Q of Bickenbach and Bode (2003) for conditional matrices against the pooled one.</summary>
    public static MarkovHomogeneityTest Homogeneity(IReadOnlyList<TransitionMatrix> conditional, TransitionMatrix pooled)
    {
        ArgumentNullException.ThrowIfNull(conditional);
        ArgumentNullException.ThrowIfNull(pooled);
        int k = pooled.Classes;
        double lr = 0, q = 0;
        int df = 0;
        for (int i = 0; i < k; i++)
        {
            int a = 0, b = 0;
            for (int j = 0; j < k; j++) if (pooled.Counts[i][j] > 0) b++;
            foreach (var c in conditional)
            {
                long ni = c.RowTotals[i];
                if (ni == 0) continue;
                a++;
                for (int j = 0; j < k; j++)
                {
                    long nij = c.Counts[i][j];
                    double pij = pooled.Probabilities[i][j], pl = (double)nij / ni;
                    if (nij > 0) lr += 2 * nij * Math.Log(pl / pij);
                    if (pooled.Counts[i][j] > 0) q += ni * (pl - pij) * (pl - pij) / pij;
                }
            }
            if (a > 0 && b > 0) df += (a - 1) * (b - 1);
        }
        return new MarkovHomogeneityTest(lr, q, df,
            df > 0 ? Distributions.ChiSquaredUpper(lr, df) : double.NaN,
            df > 0 ? Distributions.ChiSquaredUpper(q, df) : double.NaN);
    }

    /// <summary>The class of x: the number of cuts strictly below x (so a value equal to a cut belongs to the lower class).</summary>
    internal static int ClassOf(double x, double[] cuts)
    {
        int lo = 0, hi = cuts.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (cuts[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>The rows with a finite value; skips the listwise-deletion copy when nothing is missing (the common case on large panels).</summary>
    internal static PanelData CompleteSample(PanelData panel, string variable, out MissingValueReport missing)
    {
        foreach (var v in panel.Column(variable))
            if (!double.IsFinite(v)) return panel.DropMissing([variable], out missing);
        missing = new MissingValueReport(panel.RowCount, 0, 0, []);
        return panel;
    }

    private static long[][] NewCounts(int k) => Enumerable.Range(0, k).Select(_ => new long[k]).ToArray();

    private static void ToRelative(PanelData sample, string variable, double[] x, ReadOnlySpan<int> times, int periods)
    {
        var sum = new double[periods];
        var count = new int[periods];
        for (int r = 0; r < x.Length; r++) { sum[times[r]] += x[r]; count[times[r]]++; }
        for (int t = 0; t < periods; t++)
            if (count[t] > 0 && !(sum[t] > 0))
                throw new SpecificationException($"Relative levels divide by the period mean, but the mean of '{variable}' in {sample.Times.Levels[t]} is {sum[t] / count[t]:G4}; use absolute levels or a positive variable.");
        for (int r = 0; r < x.Length; r++) x[r] /= sum[times[r]] / count[times[r]];
    }

    private static double[] QuantileCuts(double[] values, int k, string what)
    {
        var ps = new double[k - 1];
        for (int i = 1; i < k; i++) ps[i - 1] = (double)i / k;
        var cuts = SortedQuantile.Type7Unsorted((double[])values.Clone(), ps);
        for (int i = 1; i < cuts.Length; i++)
            if (!(cuts[i] > cuts[i - 1]))
                throw new SpecificationException($"The pooled {k}-quantiles of the {what} coincide ({cuts[i]:G6}): too many ties for {k} classes; use fewer classes or give cut-points.");
        return cuts;
    }

    private static void CheckCuts(IReadOnlyList<double> cuts, string what)
    {
        if (cuts.Count < 1) throw new SpecificationException($"Markov {what}: give at least one cut-point (two classes).");
        for (int i = 0; i < cuts.Count; i++)
        {
            if (!double.IsFinite(cuts[i])) throw new SpecificationException($"Markov {what} must be finite numbers; got {cuts[i]}.");
            if (i > 0 && !(cuts[i] > cuts[i - 1])) throw new SpecificationException($"Markov {what} must increase strictly; {cuts[i]} follows {cuts[i - 1]}.");
        }
    }
}
