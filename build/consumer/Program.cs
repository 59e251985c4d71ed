// A consumer of the DigitalEconomy.Econometrics NuGet package, run by build/check-package.sh against the
// freshly packed .nupkg (for net10.0 and net8.0). It fits the Grunfeld firm fixed-effects model a Stata or R user
// would compare with, checks the published numbers, and exits non-zero if anything differs.
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Inference;

var failures = 0;
void Check(string what, double actual, double expected, double relativeTolerance)
{
    var ok = Math.Abs(actual - expected) <= relativeTolerance * Math.Abs(expected);
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual:R} (expected {expected:R})");
    if (!ok) failures++;
}

var assembly = typeof(PanelData).Assembly.GetName();
Console.WriteLine($"{assembly.Name} {assembly.Version} on {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");

var panel = PanelCsv.Read(Path.Combine(AppContext.BaseDirectory, "grunfeld.csv"), entityColumn: "firm", timeColumn: "year");
Console.WriteLine(panel.Structure);
if (panel.Structure.EntityCount != 10 || panel.Structure.PeriodCount != 20 || !panel.Structure.IsBalanced) failures++;

// Stata: xtreg inv value capital, fe vce(cluster firm)    R: plm(inv ~ value + capital, model = "within")
var fe = PanelRegression.Fit(panel, "inv ~ value + capital | firm", Vcov.Cluster("firm"));
Console.WriteLine(fe.ToTable().Render(TableFormat.Text));

// Coefficients: R plm and Stata agree to 1e-15; 1e-8 relative leaves room for a different summation order.
Check("beta(value)", fe["value"].Estimate, 0.11012380412071858, 1e-8);
Check("beta(capital)", fe["capital"].Estimate, 0.31006534130013924, 1e-8);
// Cluster-robust SEs with Stata's small-sample factor G/(G-1)·(N-1)/(N-K), K = k + 1: Stata prints 0.0151945 and
// 0.0527518 (6 significant digits), so compare at 1e-5 relative.
Check("se(value), Stata cluster", fe["value"].StdError, 0.0151945, 1e-5);
Check("se(capital), Stata cluster", fe["capital"].StdError, 0.0527518, 1e-5);

Console.WriteLine(failures == 0 ? "consumer check passed" : $"consumer check: {failures} failure(s)");
return failures == 0 ? 0 : 1;
