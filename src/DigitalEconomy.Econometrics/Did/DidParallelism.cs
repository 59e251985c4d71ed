namespace DigitalEconomy.Econometrics.Did;

/// <summary>
/// Degree of parallelism of the replication loops (bootstrap, permutations) in the current asynchronous context;
/// tests lower it to show that results do not depend on the thread count.
/// </summary>
internal static class DidParallelism
{
    private static readonly AsyncLocal<int?> Current = new();

    public static ParallelOptions Options => new() { MaxDegreeOfParallelism = Current.Value ?? -1 };

    public static IDisposable Limit(int threads)
    {
        var previous = Current.Value;
        Current.Value = threads;
        return new Restore(previous);
    }

    private sealed class Restore(int? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
