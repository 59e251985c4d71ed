using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Resampling;

/// <summary>How far a resampling run has got: replications (and jackknife evaluations) completed out of the total.</summary>
/// <param name="Completed">Evaluations finished.</param>
/// <param name="Total">Evaluations in the run.</param>
public readonly record struct ResamplingProgress(int Completed, int Total);

/// <summary>
/// What one replication draws, from its own random generator. Schemes differ in what the draw is and how a
/// statistic reads it: an index per cluster for the pairs cluster bootstrap and the residual-block bootstrap, a
/// weight per cluster for a wild bootstrap, a permutation for a permutation test.
/// </summary>
/// <typeparam name="TDraw">The draw buffer (allocated once per worker thread and overwritten by every replication).</typeparam>
internal interface IResamplingScheme<TDraw>
{
    /// <summary>A buffer for one draw.</summary>
    TDraw CreateBuffer();

    /// <summary>Fills <paramref name="buffer"/> with the draw of one replication from <paramref name="random"/>.</summary>
    void Draw(SeededRandom random, TDraw buffer);
}

/// <summary>
/// Pairs cluster bootstrap (Cameron, Gelbach and Miller 2008): G clusters drawn with replacement from G, each
/// draw bringing all the cluster's observations (y and regressors together); a cluster drawn twice counts as two.
/// </summary>
/// <param name="clusters">G.</param>
internal sealed class ClusterPairsScheme(int clusters) : IResamplingScheme<int[]>
{
    public int[] CreateBuffer() => new int[clusters];

    public void Draw(SeededRandom random, int[] buffer)
    {
        for (int d = 0; d < buffer.Length; d++) buffer[d] = random.NextInt(clusters);
    }
}

/// <summary>
/// Residual-block bootstrap with fixed regressors (Hansen 1999, §3.3): block i of the resample gets the residual
/// vector of block draw[i], drawn with replacement from the N blocks (entities), so y*_i = ŷ_i + ê_draw[i].
/// </summary>
/// <param name="blocks">N, the number of residual blocks.</param>
internal sealed class ResidualBlocksScheme(int blocks) : IResamplingScheme<int[]>
{
    public int[] CreateBuffer() => new int[blocks];

    public void Draw(SeededRandom random, int[] buffer)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = random.NextInt(blocks);
    }
}

/// <summary>
/// Wild bootstrap weights: one draw per cluster from a distribution with mean 0 and variance 1 — Rademacher ±1,
/// Webb's (2014) six points ±√(1/2), ±1, ±√(3/2), Mammen's (1993) two points, or the standard normal.
/// </summary>
/// <param name="clusters">G.</param>
/// <param name="distribution">The weight distribution.</param>
internal sealed class WildWeightsScheme(int clusters, WildWeightsScheme.Distribution distribution) : IResamplingScheme<double[]>
{
    /// <summary>The weight distributions.</summary>
    internal enum Distribution { Rademacher, Webb, Mammen, Normal }

    private static readonly double[] WebbPoints = [-Math.Sqrt(1.5), -1, -Math.Sqrt(0.5), Math.Sqrt(0.5), 1, Math.Sqrt(1.5)];
    private static readonly double MammenLow = -(Math.Sqrt(5) - 1) / 2, MammenHigh = (Math.Sqrt(5) + 1) / 2,
        MammenP = (Math.Sqrt(5) + 1) / (2 * Math.Sqrt(5));

    public double[] CreateBuffer() => new double[clusters];

    public void Draw(SeededRandom random, double[] buffer)
    {
        for (int c = 0; c < buffer.Length; c++)
            buffer[c] = distribution switch
            {
                Distribution.Rademacher => (random.NextUInt64() >> 63) == 0 ? 1 : -1,
                Distribution.Webb => WebbPoints[random.NextInt(6)],
                Distribution.Mammen => random.NextDouble() < MammenP ? MammenLow : MammenHigh,
                _ => random.NextGaussian(),
            };
    }
}

/// <summary>
/// The one replication loop of the library. Replication r draws from its own generator
/// <see cref="SeededRandom.ForReplication"/>(seed, stream, r) and writes its statistics into its own slot, so the
/// output is bit-for-bit the same whatever the number of threads or the scheduling. Work is split into chunks to
/// amortise scheduling; progress goes to an <see cref="IProgress{T}"/> about a hundred times per run, never
/// concurrently and with non-decreasing counts; a <see cref="CancellationToken"/> stops the run with
/// <see cref="OperationCanceledException"/>.
/// </summary>
internal static class ResamplingEngine
{
    private const int ProgressSteps = 100;

    /// <summary>Runs <paramref name="statistic"/> on the draw of every replication 0 … <paramref name="replications"/> − 1.</summary>
    /// <param name="scheme">What a replication draws.</param>
    /// <param name="replications">B.</param>
    /// <param name="seed">The user's seed.</param>
    /// <param name="stream">Stream id of the procedure, so two procedures never share draws under one seed.</param>
    /// <param name="maxThreads">Thread cap; null = all cores.</param>
    /// <param name="createState">Per-thread state (scratch buffers, a statistic evaluator).</param>
    /// <param name="statistic">(state, draw, replication index): evaluates and stores the replication's result.</param>
    /// <param name="progress">Shared progress counter of the run.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static void Replicate<TDraw, TState>(IResamplingScheme<TDraw> scheme, int replications, ulong seed, ulong stream, int? maxThreads,
        Func<TState> createState, Action<TState, TDraw, int> statistic, ProgressCounter progress, CancellationToken cancellationToken)
    {
        ForEach(replications, maxThreads, () => (State: createState(), Draw: scheme.CreateBuffer()), (s, r) =>
        {
            scheme.Draw(SeededRandom.ForReplication(seed, stream, (ulong)r), s.Draw);
            statistic(s.State, s.Draw, r);
        }, progress, cancellationToken);
    }

    /// <summary>Runs <paramref name="body"/> for every index in [0, <paramref name="count"/>) in parallel chunks (used for jackknives too).</summary>
    public static void ForEach<TState>(int count, int? maxThreads, Func<TState> init, Action<TState, int> body, ProgressCounter progress,
        CancellationToken cancellationToken)
    {
        int threads = maxThreads ?? Environment.ProcessorCount;
        // Chunks amortise scheduling; their size never affects results because each index has its own stream and slot.
        int chunk = Math.Clamp(count / (8 * Math.Max(1, threads)), 1, 256);
        int chunks = (count + chunk - 1) / chunk;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, chunks, parallel, init, (c, _, state) =>
            {
                int end = Math.Min(count, (c + 1) * chunk);
                for (int i = c * chunk; i < end; i++) body(state, i);
                progress.Add(end - c * chunk);
                return state;
            }, _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1 && e.InnerExceptions[0] is EconometricsException)
        {
            // A user mistake surfaced in a replication: report it as one clear message, not a wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>Counts completed evaluations across threads and reports them about a hundred times per run.</summary>
    internal sealed class ProgressCounter(IProgress<ResamplingProgress>? progress, int total)
    {
        private readonly object _gate = new();
        private int _done, _lastReported;

        public int Total => total;

        public void Add(int completed)
        {
            if (progress is null) return;
            lock (_gate)
            {
                _done += completed;
                if (_done < total && (_done - _lastReported) * ProgressSteps < total) return;
                _lastReported = _done;
                progress.Report(new ResamplingProgress(_done, total));
            }
        }
    }

    /// <summary>Share of replicates strictly above the observed statistic (the bootstrap p-value of an upper-tail test).</summary>
    public static double UpperTailShare(IReadOnlyList<double> replicates, double observed)
    {
        int above = 0;
        foreach (var v in replicates)
            if (v > observed) above++;
        return above / (double)replicates.Count;
    }

    /// <summary>The ⌈p·B⌉-th order statistic (1-based) of the replicates, Hansen's rule for bootstrap critical values.</summary>
    public static double OrderStatisticQuantile(double[] sorted, double p) =>
        sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length - 1e-9) - 1)];
}
