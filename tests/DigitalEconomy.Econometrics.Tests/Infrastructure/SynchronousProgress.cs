namespace DigitalEconomy.Econometrics.Tests.Infrastructure;

/// <summary>An <see cref="IProgress{T}"/> that calls its handler on the reporting thread (System.Progress posts asynchronously).</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
