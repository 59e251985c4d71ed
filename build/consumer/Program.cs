// A consumer of the DigitalEconomy.Econometrics NuGet package, run by build/check-package.sh against the
// freshly packed .nupkg. It fits the Grunfeld firm fixed-effects model and checks the numbers a Stata or R
// user would compare with; it exits non-zero if anything differs.
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;

var failures = 0;
void Check(string what, double actual, double expected, double relativeTolerance)
{
    var ok = Math.Abs(actual - expected) <= relativeTolerance * Math.Abs(expected);
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual:R} (expected {expected:R})");
    if (!ok) failures++;
}

var csv = Path.Combine(AppContext.BaseDirectory, "grunfeld.csv");
var panel = PanelCsv.Read(csv, entityColumn: "firm", timeColumn: "year");
Console.WriteLine($"{typeof(PanelData).Assembly.GetName().Name} {typeof(PanelData).Assembly.GetName().Version} on {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
Console.WriteLine(panel.Structure);
if (panel.Structure.EntityCount != 10 || panel.Structure.PeriodCount != 20 || !panel.Structure.IsBalanced) failures++;

// inv ~ value + capital with firm fixed effects (within estimator), through the package's numerics module.
var x = ColumnMajorMatrix.FromColumns([panel.CopyColumn("value"), panel.CopyColumn("capital")]);
var y = panel.CopyColumn("inv");
var firms = panel.Entities;
WithinTransform.DemeanColumnsInPlace(x, firms.Codes, firms.LevelCount);
WithinTransform.DemeanInPlace(y, firms.Codes, firms.LevelCount, new double[firms.LevelCount], new int[firms.LevelCount]);
var beta = new CholeskySolver(CrossProducts.Gram(x)).Solve(CrossProducts.XtY(x, y));

// R plm::plm(inv ~ value + capital, model = "within") and Stata xtreg, fe; 1e-8 relative: exact linear algebra
// on 200 rows loses at most a few ulps per operation.
Check("beta(value)", beta[0], 0.11012380412071858, 1e-8);
Check("beta(capital)", beta[1], 0.31006534130013924, 1e-8);

Console.WriteLine(failures == 0 ? "consumer check passed" : $"consumer check: {failures} failure(s)");
return failures == 0 ? 0 : 1;
