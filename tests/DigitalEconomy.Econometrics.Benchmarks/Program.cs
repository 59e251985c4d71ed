using BenchmarkDotNet.Running;

// Run on demand: dotnet run -c Release --project tests/DigitalEconomy.Econometrics.Benchmarks -- --filter '*'
if (args.Length > 1 && args[0] == "probe-general") return DigitalEconomy.Econometrics.Benchmarks.FastCsvProbe.Run(args[1], general: true);
if (args.Length > 1 && args[0] == "probe") return DigitalEconomy.Econometrics.Benchmarks.FastCsvProbe.Run(args[1]);
if (args.Length > 1 && args[0] == "parquet") return DigitalEconomy.Econometrics.Benchmarks.ParquetProbe.Run(args[1]);
if (args.Length > 2 && args[0] == "parquet-write") return DigitalEconomy.Econometrics.Benchmarks.ParquetProbe.WriteLayouts(args[1], args[2]);
if (args.Length > 0 && args[0] == "alloc") return DigitalEconomy.Econometrics.Benchmarks.ParquetProbe.Allocate();
if (args.Length > 2 && args[0] == "parquet-compare") return DigitalEconomy.Econometrics.Benchmarks.ParquetProbe.Compare(args[1..]);
if (args.Length > 1 && args[0] == "fit") return DigitalEconomy.Econometrics.Benchmarks.FitProbe.Run(args[1]);
if (args.Length > 0 && args[0] == "large") return DigitalEconomy.Econometrics.Benchmarks.LargePanelFigures.Run(args);
BenchmarkSwitcher.FromAssembly(typeof(DigitalEconomy.Econometrics.Benchmarks.BenchmarkMarker).Assembly).Run(args);
return 0;

namespace DigitalEconomy.Econometrics.Benchmarks
{
    /// <summary>Anchor type for benchmark discovery.</summary>
    public static class BenchmarkMarker;
}
