using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Regression;
using DigitalEconomy.Econometrics.Results;

namespace DigitalEconomy.Econometrics.Did;

/// <summary>
/// Borusyak, Jaravel and Spiess (2024) imputation estimator. (1) Fit y_it = α_i + λ_t + x_it′γ + ε_it by least squares on
/// the untreated observations only (never treated, and treated units before adoption); (2) impute Y_it(0) = α̂_i + λ̂_t +
/// x_it′γ̂ for every treated observation and τ̂_it = y_it − Ŷ_it(0); (3) average τ̂ over all treated observations
/// (overall ATT) or over those at event time e = 0 … Lags. Every estimate is Σ v_it y_it with weights w on treated
/// observations and v₀ = −Z₀(Z₀′Z₀)⁻Z₁′w on untreated ones; the variance is BJS's conservative
/// Σ_clusters (Σ v_it ε̃_it)², with ε̃ the untreated residuals and, for treated observations, τ̂_it minus its
/// cohort × event-time mean. The pre-trend test is a separate TWFE regression on the untreated observations with
/// lead dummies 1{t − G_i = e}, e = −Leads … −1, and the joint F test of those leads.
/// </summary>
public static class ImputationDid
{
    /// <summary>Fits the imputation estimator (event times 0 … <see cref="EventStudyOptions.Lags"/>; pre-trend test over <see cref="EventStudyOptions.Leads"/> leads).</summary>
    public static ImputationDidResult Fit(PanelData panel, EventStudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(options);
        var cohorts = CohortAssignment.Read(panel, options.Cohort);
        var yAll = panel.CopyColumn(options.Outcome);
        var xAll = options.Controls.Select(c => panel.CopyColumn(c)).ToArray();
        var clusterAll = panel.Grouping(options.Cluster ?? panel.EntityName).Codes.ToArray();
        var rows = new List<int>();
        for (int r = 0; r < panel.RowCount; r++)
        {
            bool ok = double.IsFinite(yAll[r]);
            foreach (var col in xAll) ok &= double.IsFinite(col[r]);
            if (ok) rows.Add(r);
        }
        var notes = new List<string>();
        // Treated observations whose unit or period has no untreated observation cannot be imputed.
        var unitHasUntreated = new bool[panel.Entities.LevelCount];
        var periodHasUntreated = new bool[cohorts.Periods.Length];
        foreach (var r in rows)
            if (!cohorts.IsTreated(r)) { unitHasUntreated[cohorts.UnitOfRow[r]] = true; periodHasUntreated[cohorts.PeriodOfRow[r]] = true; }
        int dropped = rows.RemoveAll(r => cohorts.IsTreated(r) && (!unitHasUntreated[cohorts.UnitOfRow[r]] || !periodHasUntreated[cohorts.PeriodOfRow[r]]));
        if (dropped > 0) notes.Add($"{dropped} treated observation(s) dropped: their unit or period has no untreated observation to impute from.");
        int n = rows.Count;
        var treated = rows.Select(cohorts.IsTreated).ToArray();
        if (!treated.Any(t => t)) throw new SpecificationException($"No treated observation can be imputed from cohort column '{options.Cohort}'.");
        var unit = Dense(rows.Select(r => cohorts.UnitOfRow[r]).ToArray(), out int units);
        var period = Dense(rows.Select(r => cohorts.PeriodOfRow[r]).ToArray(), out int periods);
        var cluster = Dense(rows.Select(r => clusterAll[r]).ToArray(), out _);
        var y = rows.Select(r => yAll[r]).ToArray();
        var x = xAll.Select(col => rows.Select(r => col[r]).ToArray()).ToArray();
        var system = new TwoWayNormalEquations(unit, units, period, periods, x, treated.Select(t => !t).ToArray());

        var beta = system.Solve(system.ZTransposeTimes(y, onFitRows: true));
        var fitted = system.ZTimes(beta);
        var tau = new double[n];
        var resid = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (treated[i]) tau[i] = y[i] - fitted[i];
            else resid[i] = y[i] - fitted[i];
        }
        var eventTime = rows.Select(r => (int)(cohorts.Periods[cohorts.PeriodOfRow[r]] - cohorts.CohortOfUnit[cohorts.UnitOfRow[r]])).ToArray();
        // ε̃ for treated observations: τ̂ minus its cohort × event-time mean.
        var cellMean = Enumerable.Range(0, n).Where(i => treated[i])
            .GroupBy(i => (cohorts.CohortOfUnit[cohorts.UnitOfRow[rows[i]]], eventTime[i]))
            .ToDictionary(g => g.Key, g => g.Average(i => tau[i]));
        for (int i = 0; i < n; i++)
            if (treated[i]) resid[i] = tau[i] - cellMean[(cohorts.CohortOfUnit[cohorts.UnitOfRow[rows[i]]], eventTime[i])];

        int clusters = cluster.Max() + 1;
        double level = options.ConfidenceLevel;
        double z = Distributions.NormalQuantile(0.5 + level / 2);
        (double Est, double Se) Estimate(Func<int, bool> include)
        {
            var w = new double[n];
            int count = 0;
            for (int i = 0; i < n; i++) if (treated[i] && include(i)) count++;
            if (count == 0) return (double.NaN, double.NaN);
            for (int i = 0; i < n; i++) if (treated[i] && include(i)) w[i] = 1.0 / count;
            double est = 0;
            for (int i = 0; i < n; i++) est += w[i] * tau[i];
            // v₀ = −Z₀ (Z₀′Z₀)⁻ Z₁′w: the imputation's weights on the untreated outcomes.
            var c = system.Solve(system.ZTransposeTimes(w, onFitRows: false));
            var zc = system.ZTimes(c);
            var byCluster = new double[clusters];
            for (int i = 0; i < n; i++)
            {
                double v = treated[i] ? w[i] : -zc[i];
                byCluster[cluster[i]] += v * resid[i];
            }
            return (est, Math.Sqrt(byCluster.Sum(s => s * s)));
        }
        var (att, attSe) = Estimate(_ => true);
        var effects = new List<EventTimeEffect>();
        for (int e = 0; e <= options.Lags; e++)
        {
            int ee = e;
            var (est, se) = Estimate(i => eventTime[i] == ee);
            if (double.IsNaN(est)) continue;
            effects.Add(new EventTimeEffect(e, est, se, est - z * se, est + z * se));
        }

        PretrendTest? pretrend = null;
        var leadEffects = new List<EventTimeEffect>();
        if (options.Leads > 0)
        {
            var untreatedRows = rows.Where(r => !cohorts.IsTreated(r)).ToArray();
            var work = panel.Subset(untreatedRows);
            var names = new List<string>();
            for (int e = -options.Leads; e <= -1; e++)
            {
                var col = untreatedRows.Select(r =>
                {
                    long g = cohorts.CohortOfUnit[cohorts.UnitOfRow[r]];
                    return g != 0 && cohorts.Periods[cohorts.PeriodOfRow[r]] - g == e ? 1.0 : 0.0;
                }).ToArray();
                if (col.Any(v => v != 0)) { work = work.WithColumn(EventStudy.DummyName(e), col); names.Add(EventStudy.DummyName(e)); }
            }
            if (names.Count > 0)
            {
                var reg = PanelRegression.Fit(work, TwoWayDid.RegressionOptions(panel, options, [.. names, .. options.Controls]));
                var kept = names.Where(reg.HasCoefficient).ToArray();
                if (kept.Length > 0) pretrend = EventStudy.WaldTest(reg, kept);
                foreach (var name in kept)
                {
                    var c = reg[name];
                    leadEffects.Add(new EventTimeEffect(int.Parse(name[1..], System.Globalization.CultureInfo.InvariantCulture), c.Estimate, c.StdError, c.ConfLow, c.ConfHigh));
                }
            }
        }
        var attCoef = Coefficient.FromEstimate("ATT (imputation)", att, attSe, null, level);
        return new ImputationDidResult(options, attCoef, effects, leadEffects, pretrend, n, treated.Count(t => t), cohorts.TreatedCohorts, notes) { Units = units };
    }

    private static int[] Dense(int[] codes, out int levels)
    {
        var map = new Dictionary<int, int>();
        var r = new int[codes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            if (!map.TryGetValue(codes[i], out int c)) map[codes[i]] = c = map.Count;
            r[i] = c;
        }
        levels = map.Count;
        return r;
    }
}

/// <summary>Result of <see cref="ImputationDid"/>.</summary>
public sealed class ImputationDidResult : IEstimationResult
{
    internal ImputationDidResult(EventStudyOptions options, Coefficient att, IReadOnlyList<EventTimeEffect> effects, IReadOnlyList<EventTimeEffect> leads,
        PretrendTest? pretrend, int observations, int treatedObservations, IReadOnlyList<long> cohorts, IReadOnlyList<string> notes)
    {
        Options = options;
        Att = att;
        Effects = effects;
        Leads = leads;
        Pretrend = pretrend;
        Observations = observations;
        TreatedObservations = treatedObservations;
        Cohorts = cohorts;
        Notes = notes;
    }

    /// <summary>Options used.</summary>
    public EventStudyOptions Options { get; }
    /// <summary>Overall ATT: the mean of τ̂ over all treated observations.</summary>
    public Coefficient Att { get; }
    /// <summary>Post-adoption event-time effects e = 0 … Lags.</summary>
    public IReadOnlyList<EventTimeEffect> Effects { get; }
    /// <summary>Lead coefficients of the separate pre-trend regression on untreated observations.</summary>
    public IReadOnlyList<EventTimeEffect> Leads { get; }
    /// <summary>Joint F test of the leads in the pre-trend regression.</summary>
    public PretrendTest? Pretrend { get; }
    /// <summary>Units in the estimation sample.</summary>
    public int Units { get; init; }
    /// <summary>Treated observations whose τ̂ was imputed.</summary>
    public int TreatedObservations { get; }
    /// <summary>Treated cohorts.</summary>
    public IReadOnlyList<long> Cohorts { get; }

    /// <inheritdoc />
    public string Model => "Imputation DID (Borusyak–Jaravel–Spiess)";
    /// <inheritdoc />
    public string? Label => Options.Label;
    /// <inheritdoc />
    public string Dependent => Options.Outcome;
    /// <inheritdoc />
    public IReadOnlyList<Coefficient> Coefficients => [Att];
    /// <inheritdoc />
    public int Observations { get; }
    /// <inheritdoc />
    public VarianceSummary? Variance => null;
    /// <inheritdoc />
    public IReadOnlyList<FitStatistic> FitStatistics => [new("n_treated_obs", "Treated observations", TreatedObservations, IsCount: true)];
    /// <inheritdoc />
    public IReadOnlyList<string> AbsorbedEffects => ["unit", "period"];
    /// <inheritdoc />
    public IReadOnlyList<string> Notes { get; }
}
