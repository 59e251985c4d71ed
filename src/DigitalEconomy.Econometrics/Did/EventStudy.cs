using System.Globalization;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Results;

namespace DigitalEconomy.Econometrics.Did;

/// <summary>
/// The TWFE event study y_it = α_i + λ_t + Σ_{e ≠ r} β_e·1{t − G_i = e} + x_it′γ + ε_it over event times
/// e = −Leads … Lags (r the reference period, default −1); never-treated units are 0 on every dummy; endpoints are
/// binned by default (e ≤ −Leads shares one dummy, e ≥ Lags another). The pre-trend test is the joint Wald F test
/// of the leads with the clustered variance. Under heterogeneous effects the leads and lags are contaminated by
/// other periods' effects (Sun and Abraham 2021); <see cref="SunAbraham"/> and <see cref="ImputationDid"/> are the robust versions.
/// </summary>
public static class EventStudy
{
    /// <summary>Regressor name of the dummy for event time e ("e-2", "e0", "e3").</summary>
    public static string DummyName(int e) => "e" + e.ToString(CultureInfo.InvariantCulture);

    /// <summary>Fits the event study.</summary>
    public static EventStudyResult Fit(PanelData panel, EventStudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Leads < 0 || options.Lags < 0)
            throw new SpecificationException($"Leads and lags must be non-negative; got leads = {options.Leads}, lags = {options.Lags}.");
        if (options.ReferencePeriod < -options.Leads || options.ReferencePeriod > options.Lags)
            throw new SpecificationException($"The reference period {options.ReferencePeriod} lies outside the event window −{options.Leads} … {options.Lags}.");
        var cohorts = CohortAssignment.Read(panel, options.Cohort);
        int n = panel.RowCount;
        var eventTime = new int?[n];
        var keep = new bool[n];
        for (int r = 0; r < n; r++)
        {
            keep[r] = true;
            long g = cohorts.CohortOfUnit[cohorts.UnitOfRow[r]];
            if (g == 0) continue;
            long e = cohorts.Periods[cohorts.PeriodOfRow[r]] - g;
            if (options.BinEndpoints) e = Math.Clamp(e, -options.Leads, options.Lags);
            else if (e < -options.Leads || e > options.Lags) { keep[r] = false; continue; }
            eventTime[r] = (int)e;
        }
        var events = Enumerable.Range(-options.Leads, options.Leads + options.Lags + 1)
            .Where(e => e != options.ReferencePeriod && eventTime.Any(v => v == e)).ToArray();
        if (events.Length == 0)
            throw new SpecificationException($"No treated observation falls in the event window −{options.Leads} … {options.Lags} of cohort column '{options.Cohort}'.");
        var work = panel;
        foreach (var e in events)
        {
            var col = new double[n];
            for (int r = 0; r < n; r++) col[r] = eventTime[r] == e ? 1 : 0;
            work = work.WithColumn(DummyName(e), col);
        }
        if (keep.Any(k => !k)) work = work.Where(r => keep[r]);
        var names = events.Select(DummyName).ToArray();
        var regression = PanelRegression.Fit(work, TwoWayDid.RegressionOptions(panel, options, [.. names, .. options.Controls]));

        double level = options.ConfidenceLevel;
        double df = regression.Variance.DegreesOfFreedom;
        double q = Distributions.StudentQuantile(0.5 + level / 2, df);
        var points = new List<EventTimeEffect>();
        foreach (var e in events.Append(options.ReferencePeriod).Order())
        {
            if (e == options.ReferencePeriod) { points.Add(new EventTimeEffect(e, 0, 0, 0, 0, IsReference: true)); continue; }
            if (!regression.HasCoefficient(DummyName(e))) continue;
            var c = regression[DummyName(e)];
            points.Add(new EventTimeEffect(e, c.Estimate, c.StdError, c.Estimate - q * c.StdError, c.Estimate + q * c.StdError));
        }
        var leads = events.Where(e => e < 0 && regression.HasCoefficient(DummyName(e))).Select(DummyName).ToArray();
        var pretrend = leads.Length == 0 ? null : WaldTest(regression, leads);
        return new EventStudyResult(regression, points, pretrend, options.ReferencePeriod, cohorts.TreatedCohorts);
    }

    /// <summary>Joint Wald F test that the named coefficients are zero, F = b′V⁻¹b/q with the model's variance and df.</summary>
    internal static PretrendTest WaldTest(PanelRegressionResult regression, IReadOnlyList<string> names)
    {
        int q = names.Count;
        var v = new double[q, q];
        var b = new double[q];
        for (int i = 0; i < q; i++)
        {
            b[i] = regression[names[i]].Estimate;
            for (int j = 0; j < q; j++) v[i, j] = regression.Covariance(names[i], names[j]);
        }
        return WaldTest(b, v, regression.Variance.DegreesOfFreedom);
    }

    internal static PretrendTest WaldTest(double[] b, double[,] v, double denominatorDf)
    {
        int q = b.Length;
        var solver = new CholeskySolver(v);
        if (solver.Rank < q)
            return new PretrendTest(double.NaN, q, denominatorDf, double.NaN);
        var x = solver.Solve(b);
        double w = 0;
        for (int i = 0; i < q; i++) w += b[i] * x[i];
        double f = w / q;
        return new PretrendTest(f, q, denominatorDf, Distributions.FUpper(f, q, denominatorDf));
    }
}

/// <summary>Result of <see cref="EventStudy"/>.</summary>
public sealed class EventStudyResult : IEstimationResult
{
    internal EventStudyResult(PanelRegressionResult regression, IReadOnlyList<EventTimeEffect> effects, PretrendTest? pretrend, int reference, IReadOnlyList<long> cohorts)
    {
        Regression = regression;
        Effects = effects;
        Pretrend = pretrend;
        ReferencePeriod = reference;
        Cohorts = cohorts;
    }

    /// <summary>The fixed-effects regression with the event-time dummies.</summary>
    public PanelRegressionResult Regression { get; }

    /// <summary>Event-time effects in event-time order, the reference period included at 0.</summary>
    public IReadOnlyList<EventTimeEffect> Effects { get; }

    /// <summary>Joint F test of the leads (null when no lead is estimated).</summary>
    public PretrendTest? Pretrend { get; }

    /// <summary>The omitted event time.</summary>
    public int ReferencePeriod { get; }

    /// <summary>Treated cohorts.</summary>
    public IReadOnlyList<long> Cohorts { get; }

    /// <inheritdoc />
    public string Model => "TWFE event study";
    /// <inheritdoc />
    public string? Label => Regression.Label;
    /// <inheritdoc />
    public string Dependent => Regression.Dependent;
    /// <inheritdoc />
    public IReadOnlyList<Coefficient> Coefficients => Regression.Coefficients;
    /// <inheritdoc />
    public int Observations => Regression.Observations;
    /// <inheritdoc />
    public VarianceSummary? Variance => Regression.Variance;
    /// <inheritdoc />
    public IReadOnlyList<FitStatistic> FitStatistics =>
        Pretrend is null ? [] : [new("pretrend_f", "Pre-trend F", Pretrend.Statistic), new("pretrend_p", "Pre-trend p-value", Pretrend.PValue)];
    /// <inheritdoc />
    public IReadOnlyList<string> AbsorbedEffects => Regression.FixedEffects.Select(f => f.Name).ToArray();
    /// <inheritdoc />
    public IReadOnlyList<string> Notes => Regression.Notes;
}
