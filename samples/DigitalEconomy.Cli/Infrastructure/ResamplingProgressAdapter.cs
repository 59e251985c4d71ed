using DigitalEconomy.Econometrics.Resampling;

namespace DigitalEconomy.Cli.Infrastructure;

/// <summary>Passes the library's resampling progress to a (completed, total) callback synchronously.</summary>
internal sealed class ResamplingProgressAdapter(Action<int, int> callback) : IProgress<ResamplingProgress>
{
    /// <summary>The adapter, or null when there is no callback.</summary>
    public static IProgress<ResamplingProgress>? From(Action<int, int>? callback) =>
        callback is null ? null : new ResamplingProgressAdapter(callback);

    public void Report(ResamplingProgress value) => callback(value.Completed, value.Total);
}
