using BenchmarkDotNet.Attributes;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Simulation;

namespace DigitalEconomy.Econometrics.Benchmarks;

/// <summary>
/// Wild cluster bootstrap on the study's panel: gap on DEI and six controls with city and year effects, SEs clustered
/// by province (30 clusters), 9,999 Rademacher replications (WCR). Target: under 150 ms for the p-value.
/// </summary>
[MemoryDiagnoser]
public class WildBootstrapStudySizeBenchmark
{
    private PanelData? _panel;
    private PanelRegressionOptions? _model;

    [GlobalSetup]
    public void Setup()
    {
        _panel = CityPanelGenerator.Generate().Panel;
        _model = PanelRegressionOptions.FromFormula($"gap ~ dei + {string.Join(" + ", CityPanelColumns.Controls)} | city + year")
            with { Vcov = Vcov.Cluster("province") };
    }

    /// <summary>p-value only (model fit included).</summary>
    [Benchmark]
    public double PValue() => WildClusterBootstrap.Test(_panel!, _model!, new WildBootstrapOptions
    {
        Test = "dei", Replications = 9_999, ConfidenceSet = false,
    }).PValue;

    /// <summary>p-value and the 95% confidence set by test inversion.</summary>
    [Benchmark]
    public double WithConfidenceSet() => WildClusterBootstrap.Test(_panel!, _model!, new WildBootstrapOptions
    {
        Test = "dei", Replications = 9_999,
    }).ConfidenceSet[0].Low;
}

/// <summary>
/// 10,000,000 rows (1,000,000 entities × 10 periods), entity and period effects, 10 regressors, SEs clustered by 50
/// groups that contain the entities (the period effects are not nested in them); 9,999 replications. Target: under 3 s
/// after the fit. The fit is made once in the setup, outside the measured region; <see cref="AfterTheFit"/> is the
/// bootstrap alone (one pass over the rows, then replications whose cost does not depend on N).
/// </summary>
[MemoryDiagnoser]
public class WildBootstrapLargeBenchmark
{
    private PanelData? _panel;
    private PanelRegressionOptions? _model;
    private PanelRegressionResult? _fit;

    [GlobalSetup]
    public void Setup()
    {
        var (e, t, y, x) = RegressionBenchmarkData.TwoWay(1_000_000, 10, 10, 1.0, 3);
        var panel = RegressionBenchmarkData.Panel(e, t, y, x);
        _panel = panel.WithColumn("group", e.Select(id => (double)(id % 50)).ToArray());
        _model = PanelRegressionOptions.FromFormula(RegressionBenchmarkData.Formula(10)) with { Vcov = Vcov.Cluster("group") };
        _fit = PanelRegression.Fit(_panel, _model);
    }

    /// <summary>The wild bootstrap p-value from the existing fit (the target: under 3 s).</summary>
    [Benchmark]
    public double AfterTheFit() => WildClusterBootstrap.Test(_fit!, new WildBootstrapOptions
    {
        Test = "x1", Replications = 9_999, ConfidenceSet = false,
    }).PValue;

    /// <summary>The model fit alone, for reference.</summary>
    [Benchmark]
    public double FitOnly() => PanelRegression.Fit(_panel!, _model!)["x1"].StdError;
}
