namespace DigitalEconomy.Econometrics.Resampling;

/// <summary>
/// Evaluates a vector of statistics on one resample of clusters. <paramref name="clusters"/> lists the
/// original cluster (entity) indices in draw order; draw d is a new, distinct cluster, so an entity drawn twice
/// contributes two entities (two fixed effects). <paramref name="result"/> receives the statistics; write NaN
/// for a statistic that is undefined on this resample (e.g. a collinear design), which the distribution counts
/// as a failed replication.
/// </summary>
/// <param name="clusters">Drawn cluster indices (length G for a bootstrap draw, G − 1 for a jackknife sample).</param>
/// <param name="result">One slot per statistic.</param>
public delegate void ClusterStatistic(ReadOnlySpan<int> clusters, Span<double> result);

/// <summary>Settings of a cluster bootstrap.</summary>
public sealed record BootstrapOptions
{
    /// <summary>Number of bootstrap replications B (default 1,000, as Stata's <c>sgmediation</c>/<c>bootstrap</c> examples use).</summary>
    public int Replications { get; init; } = 1000;

    /// <summary>Seed; with it the replicates are bit-for-bit identical whatever the thread count.</summary>
    public ulong Seed { get; init; } = 20190101;

    /// <summary>Confidence level of the intervals, in (0, 1); default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Threads to use; null = all cores. Does not change the results.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Also compute the leave-one-cluster-out jackknife needed for BCa intervals (default true; costs G extra evaluations).</summary>
    public bool Jackknife { get; init; } = true;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="SpecificationException">Fewer than 2 replications, a level outside (0, 1), or a non-positive thread count.</exception>
    public void Validate()
    {
        if (Replications < 2)
            throw new SpecificationException($"A bootstrap needs at least 2 replications; got {Replications}. Use 1,000 or more for confidence intervals.");
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
            throw new SpecificationException($"The confidence level must lie strictly between 0 and 1 (e.g. 0.95); got {ConfidenceLevel}.");
        if (MaxDegreeOfParallelism is <= 0)
            throw new SpecificationException($"MaxDegreeOfParallelism must be positive or null (all cores); got {MaxDegreeOfParallelism}.");
    }
}

/// <summary>
/// The nonparametric cluster (block) bootstrap: each replication draws G clusters with replacement from the G
/// observed clusters and re-evaluates the statistics on the stacked sample (Cameron, Gelbach &amp; Miller 2008,
/// "pairs cluster bootstrap"; Stata <c>bootstrap, cluster(id) idcluster(newid)</c>). Replications run in parallel;
/// replication r uses its own random stream derived from (seed, r) and stores its result at index r, so the
/// output does not depend on the thread count.
/// </summary>
public static class ClusterBootstrap
{
    // Stream id of the cluster bootstrap in the shared per-replication generator ("CLUSTERB"), so that its draws
    // never coincide with another procedure's run under the same seed.
    private const ulong RandomStream = 0x434C555354455242UL;

    /// <summary>
    /// Runs the bootstrap (and the jackknife for BCa if <see cref="BootstrapOptions.Jackknife"/>).
    /// </summary>
    /// <param name="clusterCount">G, the number of observed clusters (≥ 2).</param>
    /// <param name="statisticNames">One name per statistic; fixes the dimension.</param>
    /// <param name="createWorker">Creates a statistic evaluator; called once per worker thread so evaluators may
    /// own scratch buffers (an evaluator is never used by two threads at once).</param>
    /// <param name="options">Replications, seed, level, threads; defaults when null.</param>
    /// <param name="progress">Receives (completed, total) about a hundred times, total = B plus G when the jackknife runs;
    /// never concurrently, with non-decreasing counts.</param>
    /// <param name="cancellationToken">Cancels the run (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The full-sample estimates, the replicates in replication order and the jackknife values.</returns>
    /// <exception cref="SpecificationException">Fewer than 2 clusters, or invalid options.</exception>
    public static BootstrapDistribution Run(int clusterCount, IReadOnlyList<string> statisticNames, Func<ClusterStatistic> createWorker,
        BootstrapOptions? options = null, IProgress<ResamplingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statisticNames);
        ArgumentNullException.ThrowIfNull(createWorker);
        options ??= new BootstrapOptions();
        options.Validate();
        if (clusterCount < 2)
            throw new SpecificationException($"A cluster bootstrap needs at least 2 clusters; the sample has {clusterCount}.");
        int dim = statisticNames.Count;
        if (dim == 0) throw new ArgumentException("At least one statistic is needed.", nameof(statisticNames));
        int g = clusterCount, reps = options.Replications;

        var estimates = new double[dim];
        var identity = new int[g];
        for (int c = 0; c < g; c++) identity[c] = c;
        createWorker()(identity, estimates);

        var counter = new ResamplingEngine.ProgressCounter(progress, reps + (options.Jackknife ? g : 0));
        var replicates = new double[(long)reps * dim is var len and <= int.MaxValue ? (int)len : throw new SpecificationException("Too many replications × statistics for one run.")];
        ResamplingEngine.Replicate(new ClusterPairsScheme(g), reps, options.Seed, RandomStream, options.MaxDegreeOfParallelism, createWorker,
            (statistic, draws, r) => statistic(draws, replicates.AsSpan(r * dim, dim)), counter, cancellationToken);

        double[]? jackknife = null;
        if (options.Jackknife)
        {
            jackknife = new double[g * dim];
            ResamplingEngine.ForEach(g, options.MaxDegreeOfParallelism, () => (Statistic: createWorker(), Draws: new int[g - 1]), (state, left) =>
            {
                for (int c = 0, d = 0; c < g; c++)
                    if (c != left) state.Draws[d++] = c;
                state.Statistic(state.Draws, jackknife.AsSpan(left * dim, dim));
            }, counter, cancellationToken);
        }
        return new BootstrapDistribution(statisticNames.ToArray(), estimates, replicates, reps, jackknife, g, options.Seed, options.ConfidenceLevel);
    }
}
