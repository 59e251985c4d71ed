using BenchmarkDotNet.Running;

// Run on demand: dotnet run -c Release --project tests/DigitalEconomy.Econometrics.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(DigitalEconomy.Econometrics.Benchmarks.BenchmarkMarker).Assembly).Run(args);

namespace DigitalEconomy.Econometrics.Benchmarks
{
    /// <summary>Anchor type for benchmark discovery.</summary>
    public static class BenchmarkMarker;
}
