using System.Globalization;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Results;

namespace DigitalEconomy.Econometrics.Did;

/// <summary>
/// Sun and Abraham (2021) interaction-weighted event study: the TWFE regression
/// y_it = α_i + λ_t + Σ_g Σ_{e ≠ r} δ_{g,e}·1{G_i = g}·1{t − g = e} + x_it′γ + ε_it saturated in cohort × event time
/// (reference r = −1), with never-treated units as the control cohort — or, when there are none, the last-treated
/// cohort, whose periods from its adoption on are dropped (as fixest's <c>sunab</c>). Event-time effects are
/// β_e = Σ_g w_{g,e} δ_{g,e} with w_{g,e} the share of cohort g among the observations at event time e, and
/// Var(β_e) = w′V_δw with the clustered variance of the δ's. The overall ATT weights the post-adoption cells
/// (e ≥ 0) by their observation counts.
/// </summary>
public static class SunAbraham
{
    /// <summary>Regressor name of the interaction of cohort g and event time e.</summary>
    public static string InteractionName(long g, int e) => string.Create(CultureInfo.InvariantCulture, $"g{g}:e{e}");

    /// <summary>Fits the interaction-weighted event study; <see cref="EventStudyOptions.Leads"/>/<see cref="EventStudyOptions.Lags"/> choose the event times reported.</summary>
    public static SunAbrahamResult Fit(PanelData panel, EventStudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(options);
        var cohorts = CohortAssignment.Read(panel, options.Cohort);
        var treated = cohorts.TreatedCohorts.Where(g => g > cohorts.Periods[0] && g <= cohorts.Periods[^1]).ToArray();
        bool hasNever = cohorts.CohortOfUnit.Any(g => g == 0 || g > cohorts.Periods[^1]);
        long? controlCohort = null;
        var notes = new List<string>();
        if (!hasNever)
        {
            if (treated.Length < 2)
                throw new SpecificationException($"Sun–Abraham needs never-treated units or at least two cohorts in '{options.Cohort}'.");
            controlCohort = treated[^1];
            treated = treated[..^1];
            notes.Add($"No never-treated units: cohort {controlCohort} is the control cohort; periods from {controlCohort} on are dropped.");
        }
        int n = panel.RowCount;
        var keep = new bool[n];
        var cell = new (long G, int E)?[n];
        for (int r = 0; r < n; r++)
        {
            long g = cohorts.CohortOfUnit[cohorts.UnitOfRow[r]];
            long t = cohorts.Periods[cohorts.PeriodOfRow[r]];
            keep[r] = controlCohort is null || t < controlCohort;
            if (g <= cohorts.Periods[0] && g != 0) keep[r] = false; // always treated: no pre-period, not a valid control
            if (keep[r] && Array.IndexOf(treated, g) >= 0 && t - g != options.ReferencePeriod) cell[r] = (g, (int)(t - g));
        }
        var cells = Enumerable.Range(0, n).Where(r => keep[r] && cell[r] is not null).Select(r => cell[r]!.Value)
            .GroupBy(c => c).OrderBy(c => c.Key.G).ThenBy(c => c.Key.E).Select(c => (c.Key.G, c.Key.E, Count: c.Count())).ToArray();
        var work = panel;
        foreach (var (g, e, _) in cells)
        {
            var col = new double[n];
            for (int r = 0; r < n; r++) col[r] = cell[r] == (g, e) ? 1 : 0;
            work = work.WithColumn(InteractionName(g, e), col);
        }
        if (keep.Any(k => !k)) work = work.Where(r => keep[r]);
        var names = cells.Select(c => InteractionName(c.G, c.E)).ToArray();
        var regression = PanelRegression.Fit(work, TwoWayDid.RegressionOptions(panel, options, [.. names, .. options.Controls]));
        var estimated = cells.Where(c => regression.HasCoefficient(InteractionName(c.G, c.E))).ToArray();

        double df = regression.Variance.DegreesOfFreedom;
        double q = Distributions.StudentQuantile(0.5 + options.ConfidenceLevel / 2, df);
        var effects = new List<EventTimeEffect>();
        var aggregated = new List<(int E, double[] W)>();
        foreach (var grp in estimated.GroupBy(c => c.E).OrderBy(g => g.Key))
        {
            int e = grp.Key;
            var w = new double[estimated.Length];
            double total = grp.Sum(c => c.Count);
            foreach (var c in grp) w[Array.IndexOf(estimated, c)] = c.Count / total;
            aggregated.Add((e, w));
        }
        var coefNames = estimated.Select(c => InteractionName(c.G, c.E)).ToArray();
        (double Est, double Var) Combine(double[] w)
        {
            double est = 0, v = 0;
            for (int a = 0; a < w.Length; a++)
            {
                if (w[a] == 0) continue;
                est += w[a] * regression[coefNames[a]].Estimate;
                for (int b = 0; b < w.Length; b++)
                    if (w[b] != 0) v += w[a] * w[b] * regression.Covariance(coefNames[a], coefNames[b]);
            }
            return (est, v);
        }
        foreach (var (e, w) in aggregated.Where(a => a.E >= -options.Leads && a.E <= options.Lags))
        {
            var (est, v) = Combine(w);
            double se = Math.Sqrt(v);
            effects.Add(new EventTimeEffect(e, est, se, est - q * se, est + q * se));
        }
        effects.Add(new EventTimeEffect(options.ReferencePeriod, 0, 0, 0, 0, IsReference: true));
        effects.Sort((a, b) => a.EventTime.CompareTo(b.EventTime));

        var postW = new double[estimated.Length];
        double postTotal = estimated.Where(c => c.E >= 0).Sum(c => c.Count);
        for (int a = 0; a < estimated.Length; a++) if (estimated[a].E >= 0) postW[a] = estimated[a].Count / postTotal;
        var (att, attVar) = Combine(postW);
        var attCoef = Coefficient.FromEstimate("ATT (IW, e ≥ 0)", att, Math.Sqrt(attVar), df, options.ConfidenceLevel);

        var leads = aggregated.Where(a => a.E < 0 && a.E >= -options.Leads).ToArray();
        PretrendTest? pretrend = null;
        if (leads.Length > 0)
        {
            var b = leads.Select(l => Combine(l.W).Est).ToArray();
            var v = new double[leads.Length, leads.Length];
            for (int i = 0; i < leads.Length; i++)
                for (int j = 0; j < leads.Length; j++)
                {
                    double s = 0;
                    for (int a = 0; a < estimated.Length; a++)
                        for (int c = 0; c < estimated.Length; c++)
                            if (leads[i].W[a] != 0 && leads[j].W[c] != 0) s += leads[i].W[a] * leads[j].W[c] * regression.Covariance(coefNames[a], coefNames[c]);
                    v[i, j] = s;
                }
            pretrend = EventStudy.WaldTest(b, v, df);
        }
        var iw = estimated.Select((c, a) => new InteractionWeight(c.G, c.E, c.Count,
            aggregated.First(x => x.E == c.E).W[a], regression[coefNames[a]].Estimate)).ToArray();
        return new SunAbrahamResult(regression, effects, iw, attCoef, pretrend, treated, controlCohort, notes);
    }
}

/// <summary>One cohort × event-time coefficient δ_{g,e} and its weight in β_e.</summary>
/// <param name="Cohort">g.</param>
/// <param name="EventTime">e.</param>
/// <param name="Observations">Observations in the cell.</param>
/// <param name="Weight">w_{g,e}: the cell's share of the observations at event time e.</param>
/// <param name="Estimate">δ_{g,e}.</param>
public sealed record InteractionWeight(long Cohort, int EventTime, int Observations, double Weight, double Estimate);

/// <summary>Result of <see cref="SunAbraham"/>.</summary>
public sealed class SunAbrahamResult : IEstimationResult
{
    internal SunAbrahamResult(PanelRegressionResult regression, IReadOnlyList<EventTimeEffect> effects, IReadOnlyList<InteractionWeight> weights,
        Coefficient att, PretrendTest? pretrend, IReadOnlyList<long> cohorts, long? controlCohort, IReadOnlyList<string> notes)
    {
        Regression = regression;
        Effects = effects;
        Weights = weights;
        Att = att;
        Pretrend = pretrend;
        Cohorts = cohorts;
        ControlCohort = controlCohort;
        Notes = [.. notes, .. regression.Notes];
    }

    /// <summary>The saturated cohort × event-time regression.</summary>
    public PanelRegressionResult Regression { get; }
    /// <summary>Interaction-weighted event-time effects (reference included at 0).</summary>
    public IReadOnlyList<EventTimeEffect> Effects { get; }
    /// <summary>Every δ_{g,e} with its IW weight.</summary>
    public IReadOnlyList<InteractionWeight> Weights { get; }
    /// <summary>Overall post-adoption ATT.</summary>
    public Coefficient Att { get; }
    /// <summary>Joint Wald test of the aggregated leads.</summary>
    public PretrendTest? Pretrend { get; }
    /// <summary>Treated cohorts with interactions.</summary>
    public IReadOnlyList<long> Cohorts { get; }
    /// <summary>Cohort used as control when there are no never-treated units.</summary>
    public long? ControlCohort { get; }

    /// <inheritdoc />
    public string Model => "Sun–Abraham";
    /// <inheritdoc />
    public string? Label => Regression.Label;
    /// <inheritdoc />
    public string Dependent => Regression.Dependent;
    /// <inheritdoc />
    public IReadOnlyList<Coefficient> Coefficients => [Att];
    /// <inheritdoc />
    public int Observations => Regression.Observations;
    /// <inheritdoc />
    public VarianceSummary? Variance => Regression.Variance;
    /// <inheritdoc />
    public IReadOnlyList<FitStatistic> FitStatistics => [new("n_interactions", "Cohort × event-time cells", Weights.Count, IsCount: true)];
    /// <inheritdoc />
    public IReadOnlyList<string> AbsorbedEffects => Regression.FixedEffects.Select(f => f.Name).ToArray();
    /// <inheritdoc />
    public IReadOnlyList<string> Notes { get; }
}
