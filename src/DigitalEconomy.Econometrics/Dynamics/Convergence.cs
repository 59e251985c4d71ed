using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Results;
using DigitalEconomy.Econometrics.Spatial;

namespace DigitalEconomy.Econometrics.Dynamics;

/// <summary>Which fixed effects the conditional β-convergence regression absorbs.</summary>
public enum ConvergenceEffects
{
    /// <summary>None (pooled OLS with an intercept).</summary>
    None,
    /// <summary>Entity effects.</summary>
    Entity,
    /// <summary>Period effects.</summary>
    Time,
    /// <summary>Entity and period effects (the default).</summary>
    TwoWay,
}

/// <summary>Settings of <see cref="Convergence.Analyse"/>.</summary>
public sealed record ConvergenceOptions
{
    /// <summary>Control variables of the conditional β regression (measured at the start of each interval); empty: conditional = absolute with fixed effects.</summary>
    public IReadOnlyList<string> Controls { get; init; } = [];

    /// <summary>Fixed effects of the conditional regression (default two-way).</summary>
    public ConvergenceEffects Effects { get; init; } = ConvergenceEffects.TwoWay;

    /// <summary>Length τ (in observed periods) of the growth intervals of the panel regressions (default 1, annual growth).</summary>
    public int Interval { get; init; } = 1;

    /// <summary>Cluster column of the standard errors; null (default) clusters by entity.</summary>
    public string? ClusterColumn { get; init; }

    /// <summary>
    /// Spatial weights over the entities; when given, spatial β-convergence is also estimated with
    /// <see cref="SpatialModel"/> (<see cref="ConvergenceResult.SpatialBeta"/>). Used as given (row-standardise first
    /// for the usual reading of ρ and λ). Null (default): no spatial regressions.
    /// </summary>
    public SpatialWeights? Weights { get; init; }

    /// <summary>Spatial model of the spatial β regressions (default SAR).</summary>
    public SpatialModelKind SpatialModel { get; init; } = SpatialModelKind.Sar;
}

/// <summary>Dispersion of ln y in one period.</summary>
/// <param name="Time">Period label.</param>
/// <param name="Count">Units.</param>
/// <param name="StandardDeviation">σ_t = SD of ln y (n − 1).</param>
/// <param name="CoefficientOfVariation">SD(y) / mean(y) of the level (n − 1): scale-free, unlike a CV of the log.</param>
public sealed record SigmaConvergencePoint(string Time, int Count, double StandardDeviation, double CoefficientOfVariation);

/// <summary>Linear trend s_t = a + b·t of a dispersion series (t = period ordinal), by OLS with classical standard errors.</summary>
/// <param name="Measure">"sd" or "cv".</param>
/// <param name="Slope">b: negative means σ-convergence.</param>
/// <param name="StdError">Standard error of b.</param>
/// <param name="PValue">Two-sided t test of b = 0 with T − 2 df.</param>
public sealed record SigmaTrend(string Measure, double Slope, double StdError, double PValue);

/// <summary>One β-convergence regression: growth ln y_{t+τ} − ln y_t on ln y_t.</summary>
/// <param name="Kind">"absolute" (pooled panel), "conditional" (fixed effects and controls) or "cross_section" (first to last period, one observation per unit, HC1).</param>
/// <param name="Interval">τ in periods (time ordinal units for the cross-section).</param>
/// <param name="Beta">The coefficient of ln y_t with its inference.</param>
/// <param name="Speed">λ = −ln(1 + β)/τ (NaN when β ≤ −1).</param>
/// <param name="HalfLife">ln 2 / λ (NaN when λ ≤ 0: no convergence).</param>
/// <param name="Regression">The underlying regression.</param>
public sealed record BetaConvergenceEstimate(string Kind, double Interval, Coefficient Beta, double Speed, double HalfLife, PanelRegressionResult Regression)
    : IEstimationResult
{
    /// <inheritdoc/>
    public string Model => "convergence";

    /// <inheritdoc/>
    public string? Label => Kind;

    /// <inheritdoc/>
    public string Dependent => Regression.Dependent;

    /// <inheritdoc/>
    public IReadOnlyList<Coefficient> Coefficients => Regression.Coefficients;

    /// <inheritdoc/>
    public int Observations => Regression.Observations;

    /// <inheritdoc/>
    public VarianceSummary? Variance => Regression.Variance;

    /// <inheritdoc/>
    public IReadOnlyList<FitStatistic> FitStatistics =>
    [
        new("nobs", "Observations", Regression.Observations, IsCount: true),
        new("speed", "Speed of convergence", Speed),
        new("half_life", "Half-life", HalfLife),
        new("interval", "Interval τ", Interval, IsCount: true),
        new("r2", "R²", Regression.RSquared),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<string> AbsorbedEffects => Regression.FixedEffects.Select(f => f.Name).ToArray();

    /// <inheritdoc/>
    public IReadOnlyList<string> Notes => Regression.Notes;
}

/// <summary>
/// One spatial β-convergence regression: growth on the initial ln y in a spatial model (Rey and Montouri 1999,
/// "US regional income convergence: a spatial econometric perspective", <i>Regional Studies</i> 33; Elhorst 2014, ch. 3).
/// </summary>
/// <param name="Kind">"spatial_sar", "spatial_sem", "spatial_sdm" or "spatial_sac".</param>
/// <param name="Scope">"cross_section" (ln(y_iT/y_i0) on ln y_i0, one period, intercept, no effects) or "panel"
/// (growth over τ periods on ln y_t with the controls and the fixed effects of the conditional regression).</param>
/// <param name="Interval">τ in periods (the first-to-last span for the cross-section).</param>
/// <param name="Beta">The coefficient of ln y_t (in the SDM the own-unit coefficient, not the W·ln y_t term).</param>
/// <param name="Speed">λ = −ln(1 + β)/τ (NaN when β ≤ −1).</param>
/// <param name="HalfLife">ln 2 / λ (NaN when λ ≤ 0).</param>
/// <param name="Regression">The underlying spatial regression (ρ, λ, effects, LM tests).</param>
public sealed record SpatialBetaConvergenceEstimate(string Kind, string Scope, double Interval, Coefficient Beta, double Speed, double HalfLife,
    SpatialRegressionResult Regression) : IEstimationResult
{
    /// <summary>Spatial lag parameter ρ (SAR, SDM, SAC); null otherwise.</summary>
    public double? Rho => Regression.Rho;

    /// <summary>Spatial error parameter λ (SEM, SAC); null otherwise.</summary>
    public double? Lambda => Regression.Lambda;

    /// <inheritdoc/>
    public string Model => "convergence";

    /// <inheritdoc/>
    public string? Label => Kind + " " + Scope;

    /// <inheritdoc/>
    public string Dependent => Regression.Dependent;

    /// <inheritdoc/>
    public IReadOnlyList<Coefficient> Coefficients => Regression.Coefficients;

    /// <inheritdoc/>
    public int Observations => Regression.Observations;

    /// <inheritdoc/>
    public VarianceSummary? Variance => Regression.Variance;

    /// <inheritdoc/>
    public IReadOnlyList<FitStatistic> FitStatistics =>
    [
        new("nobs", "Observations", Regression.Observations, IsCount: true),
        new("speed", "Speed of convergence", Speed),
        new("half_life", "Half-life", HalfLife),
        new("interval", "Interval τ", Interval, IsCount: true),
        .. Regression.FitStatistics.Where(f => f.Key != "nobs"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<string> AbsorbedEffects => Regression.AbsorbedEffects;

    /// <inheritdoc/>
    public IReadOnlyList<string> Notes => Regression.Notes;
}

/// <summary>σ- and β-convergence of a variable (<see cref="Convergence"/>).</summary>
/// <param name="Variable">The analysed column (positive).</param>
/// <param name="Sigma">Dispersion per period, in time order.</param>
/// <param name="SigmaTrends">Trend tests of the SD and of the CV.</param>
/// <param name="Beta">Absolute, conditional and cross-section β regressions.</param>
/// <param name="Missing">Rows left out for missing values of the variable.</param>
/// <param name="SpatialBeta">Spatial β regressions (cross-section, then panel) when weights were given; empty otherwise.</param>
public sealed record ConvergenceResult(string Variable, IReadOnlyList<SigmaConvergencePoint> Sigma, IReadOnlyList<SigmaTrend> SigmaTrends,
    IReadOnlyList<BetaConvergenceEstimate> Beta, MissingValueReport Missing, IReadOnlyList<SpatialBetaConvergenceEstimate> SpatialBeta);

/// <summary>
/// σ- and β-convergence (Barro and Sala-i-Martin 1992, "Convergence", <i>Journal of Political Economy</i> 100; Sala-i-Martin
/// 1996, <i>Economic Journal</i> 106). σ: the cross-sectional SD of ln y_t falls over time (tested by the slope of a linear
/// trend). β: in ln(y_{i,t+τ}/y_{i,t}) = α + β ln y_{i,t} (+ controls, fixed effects) + ε, β &lt; 0; the implied speed is
/// λ = −ln(1 + β)/τ and the half-life ln 2/λ. Absolute β is pooled OLS, conditional β adds controls and fixed effects
/// (Islam 1995, <i>Quarterly Journal of Economics</i> 110, for the panel form); standard errors are clustered by entity.
/// </summary>
public static class Convergence
{
    /// <summary>Runs the σ and β analyses of <paramref name="variable"/>.</summary>
    /// <exception cref="SpecificationException">A non-positive value, an unknown column, τ &lt; 1, or too few periods.</exception>
    public static ConvergenceResult Analyse(PanelData panel, string variable, ConvergenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        options ??= new ConvergenceOptions();
        if (!panel.HasNumeric(variable)) throw panel.UnknownColumn(variable);
        foreach (var c in options.Controls)
            if (!panel.HasNumeric(c)) throw panel.UnknownColumn(c);
        if (options.Interval < 1) throw new SpecificationException($"The growth interval must be at least 1 period; got {options.Interval}.");
        var sample = panel.DropMissing([variable], out var missing);
        var y = sample.Column(variable);
        for (int r = 0; r < y.Length; r++)
            if (!(y[r] > 0))
                throw new SpecificationException($"Convergence uses ln '{variable}', but row {sample.Describe(r)} is {y[r]}; the variable must be positive.");
        int periods = sample.Times.LevelCount;
        if (periods < 2) throw new SpecificationException("Convergence needs at least two periods.");
        var order = Enumerable.Range(0, periods).OrderBy(t => sample.LevelOrdinals[t]).ToArray();

        var (sigma, trends) = SigmaSeries(sample, y, order);
        var beta = new List<BetaConvergenceEstimate>();
        var growth = GrowthPanel(sample, variable, options, order);
        var cluster = Vcov.Cluster(options.ClusterColumn ?? sample.EntityName);
        var absolute = PanelRegression.Fit(growth, new PanelRegressionOptions(GrowthColumn, [InitialColumn]) { Vcov = cluster });
        beta.Add(Estimate("absolute", options.Interval, absolute));
        var fe = options.Effects switch
        {
            ConvergenceEffects.Entity => new[] { sample.EntityName },
            ConvergenceEffects.Time => [sample.TimeName],
            ConvergenceEffects.TwoWay => [sample.EntityName, sample.TimeName],
            _ => [],
        };
        var conditional = PanelRegression.Fit(growth, new PanelRegressionOptions(GrowthColumn, [InitialColumn, .. options.Controls]) { FixedEffects = fe, Vcov = cluster });
        beta.Add(Estimate("conditional", options.Interval, conditional));
        var cross = CrossSection(sample, y, order);
        if (cross is not null) beta.Add(cross.Value.Estimate);
        var spatial = new List<SpatialBetaConvergenceEstimate>();
        if (options.Weights is { } w)
        {
            if (cross is null) throw new SpecificationException("Spatial β-convergence needs at least three units observed in the first and the last period.");
            spatial.Add(SpatialEstimate(cross.Value.Panel, w, options.SpatialModel, "cross_section", cross.Value.Estimate.Interval, [], SpatialEffects.None));
            var effects = options.Effects switch
            {
                ConvergenceEffects.Entity => SpatialEffects.Entity,
                ConvergenceEffects.Time => SpatialEffects.Time,
                ConvergenceEffects.TwoWay => SpatialEffects.TwoWay,
                _ => SpatialEffects.None,
            };
            spatial.Add(SpatialEstimate(growth, w, options.SpatialModel, "panel", options.Interval, options.Controls, effects));
        }
        return new ConvergenceResult(variable, sigma, trends, beta, missing, spatial);
    }

    /// <summary>
    /// The spatial regression of <see cref="GrowthColumn"/> on <see cref="InitialColumn"/> (and controls) by
    /// <see cref="SpatialRegression.Fit"/>; the effects' standard errors by the delta method (no simulation draws).
    /// </summary>
    private static SpatialBetaConvergenceEstimate SpatialEstimate(PanelData growth, SpatialWeights weights, SpatialModelKind model, string scope,
        double tau, IReadOnlyList<string> controls, SpatialEffects effects)
    {
        var kind = "spatial_" + model.ToString().ToLowerInvariant();
        SpatialRegressionResult fit;
        try
        {
            fit = SpatialRegression.Fit(growth, weights, new SpatialRegressionOptions(GrowthColumn, [InitialColumn, .. controls])
            {
                Kind = model,
                Effects = effects,
                Simulations = 0,
                Label = kind,
            });
        }
        catch (SpecificationException e)
        {
            throw new SpecificationException($"Spatial β-convergence ({scope.Replace('_', '-')}): {e.Message}");
        }
        var b = fit.Coefficients.First(c => c.Name == InitialColumn);
        double speed = b.Estimate > -1 ? -Math.Log(1 + b.Estimate) / tau : double.NaN;
        double halfLife = speed > 0 ? Math.Log(2) / speed : double.NaN;
        return new SpatialBetaConvergenceEstimate(kind, scope, tau, b, speed, halfLife, fit);
    }

    /// <summary>Name of the growth column ln y_{t+τ} − ln y_t in the regressions.</summary>
    public const string GrowthColumn = "growth";

    /// <summary>Name of the initial-level column ln y_t in the regressions.</summary>
    public const string InitialColumn = "ln_initial";

    private static BetaConvergenceEstimate Estimate(string kind, double tau, PanelRegressionResult fit)
    {
        var b = fit[InitialColumn];
        double speed = b.Estimate > -1 ? -Math.Log(1 + b.Estimate) / tau : double.NaN;
        double halfLife = speed > 0 ? Math.Log(2) / speed : double.NaN;
        return new BetaConvergenceEstimate(kind, tau, b, speed, halfLife, fit);
    }

    private static (SigmaConvergencePoint[], SigmaTrend[]) SigmaSeries(PanelData sample, ReadOnlySpan<double> y, int[] order)
    {
        int periods = order.Length;
        var n = new int[periods];
        var sumLog = new double[periods];
        var sumLevel = new double[periods];
        var times = sample.Times.Codes;
        for (int r = 0; r < y.Length; r++) { n[times[r]]++; sumLog[times[r]] += Math.Log(y[r]); sumLevel[times[r]] += y[r]; }
        var ssLog = new double[periods];
        var ssLevel = new double[periods];
        for (int r = 0; r < y.Length; r++)
        {
            int t = times[r];
            double dl = Math.Log(y[r]) - sumLog[t] / n[t], dy = y[r] - sumLevel[t] / n[t];
            ssLog[t] += dl * dl;
            ssLevel[t] += dy * dy;
        }
        var points = order.Select(t => new SigmaConvergencePoint(sample.Times.Levels[t], n[t],
            n[t] > 1 ? Math.Sqrt(ssLog[t] / (n[t] - 1)) : double.NaN,
            n[t] > 1 ? Math.Sqrt(ssLevel[t] / (n[t] - 1)) / (sumLevel[t] / n[t]) : double.NaN)).ToArray();
        var ordinals = order.Select(t => (double)sample.LevelOrdinals[t]).ToArray();
        return (points, [Trend("sd", ordinals, points.Select(p => p.StandardDeviation).ToArray()), Trend("cv", ordinals, points.Select(p => p.CoefficientOfVariation).ToArray())]);
    }

    /// <summary>OLS slope of s on t with its classical SE and t test (T − 2 df); NaN with fewer than 3 periods.</summary>
    internal static SigmaTrend Trend(string measure, double[] t, double[] s)
    {
        var ok = Enumerable.Range(0, t.Length).Where(i => double.IsFinite(s[i])).ToArray();
        int m = ok.Length;
        if (m < 3) return new SigmaTrend(measure, double.NaN, double.NaN, double.NaN);
        double tm = ok.Average(i => t[i]), sm = ok.Average(i => s[i]);
        double stt = ok.Sum(i => (t[i] - tm) * (t[i] - tm)), sts = ok.Sum(i => (t[i] - tm) * (s[i] - sm));
        double b = sts / stt, a = sm - b * tm;
        double rss = ok.Sum(i => (s[i] - a - b * t[i]) * (s[i] - a - b * t[i]));
        double se = Math.Sqrt(rss / (m - 2) / stt);
        return new SigmaTrend(measure, b, se, se > 0 ? Distributions.StudentTwoSided(b / se, m - 2) : double.NaN);
    }

    /// <summary>Rows (i, t) with ln y_{t+τ} − ln y_t, ln y_t and the controls at t, for every unit observed at both ends.</summary>
    private static PanelData GrowthPanel(PanelData sample, string variable, ConvergenceOptions options, int[] order)
    {
        int periods = order.Length, entities = sample.Entities.LevelCount, tau = options.Interval;
        var rank = new int[periods];
        for (int q = 0; q < periods; q++) rank[order[q]] = q;
        var grid = new int[entities * periods];
        Array.Fill(grid, -1);
        var y = sample.Column(variable);
        for (int r = 0; r < y.Length; r++) grid[sample.Entities.Codes[r] * periods + rank[sample.Times.Codes[r]]] = r;
        var start = new List<int>();
        var growth = new List<double>();
        for (int e = 0; e < entities; e++)
            for (int q = 0; q + tau < periods; q++)
            {
                int r0 = grid[e * periods + q], r1 = grid[e * periods + q + tau];
                if (r0 < 0 || r1 < 0) continue;
                start.Add(r0);
                growth.Add(Math.Log(y[r1]) - Math.Log(y[r0]));
            }
        if (start.Count < 3)
            throw new SpecificationException($"β-convergence needs units observed {tau} period(s) apart; only {start.Count} growth observation(s) of '{variable}' exist.");
        var rows = start.ToArray();
        var columns = new List<KeyValuePair<string, double[]>>
        {
            new(GrowthColumn, growth.ToArray()),
            new(InitialColumn, Pick(y, rows, Math.Log)),
        };
        foreach (var c in options.Controls) columns.Add(new(c, Pick(sample.Column(c), rows, v => v)));
        var categorical = new List<KeyValuePair<string, Factor>>();
        if (options.ClusterColumn is { } cl && cl != sample.EntityName && cl != sample.TimeName)
            categorical.Add(new(cl, sample.Grouping(cl).Subset(rows)));
        return PanelData.Create(sample.EntityName, sample.Entities.Subset(rows), sample.TimeName, sample.Times.Subset(rows), columns, categorical);
    }

    private static double[] Pick(ReadOnlySpan<double> x, int[] rows, Func<double, double> f)
    {
        var result = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++) result[i] = f(x[rows[i]]);
        return result;
    }

    /// <summary>Classic cross-section: ln(y_iT / y_i0) on ln y_i0 for units observed in the first and last period, HC1 SEs.</summary>
    private static (BetaConvergenceEstimate Estimate, PanelData Panel)? CrossSection(PanelData sample, ReadOnlySpan<double> y, int[] order)
    {
        int first = order[0], last = order[^1];
        int entities = sample.Entities.LevelCount;
        var y0 = new double[entities];
        var y1 = new double[entities];
        Array.Fill(y0, double.NaN);
        Array.Fill(y1, double.NaN);
        for (int r = 0; r < y.Length; r++)
        {
            int t = sample.Times.Codes[r];
            if (t == first) y0[sample.Entities.Codes[r]] = y[r];
            else if (t == last) y1[sample.Entities.Codes[r]] = y[r];
        }
        var units = Enumerable.Range(0, entities).Where(e => double.IsFinite(y0[e]) && double.IsFinite(y1[e])).ToArray();
        if (units.Length < 3) return null;
        var panel = PanelData.Create(sample.EntityName, units.Select(e => sample.Entities.Levels[e]).ToArray(), sample.TimeName,
            units.Select(_ => sample.Times.Levels[first]).ToArray(),
            [new(GrowthColumn, units.Select(e => Math.Log(y1[e] / y0[e])).ToArray()), new(InitialColumn, units.Select(e => Math.Log(y0[e])).ToArray())]);
        var fit = PanelRegression.Fit(panel, new PanelRegressionOptions(GrowthColumn, [InitialColumn]) { Vcov = Vcov.Robust });
        double tau = sample.LevelOrdinals[last] - sample.LevelOrdinals[first];
        return (Estimate("cross_section", tau, fit), panel);
    }
}
