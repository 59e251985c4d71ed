using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Did;

/// <summary>
/// Callaway and Sant'Anna (2021) group-time average treatment effects on the treated,
/// ATT(g,t) = E[Y_t − Y_b | G = g] − E[Y_t − Y_b | C], for every treated cohort g and period t, where b is the base
/// period (g − 1 for post-treatment cells; t − 1 for pre-treatment cells with the varying base period, g − 1 with
/// the universal one) and C the comparison units: never treated, or not yet treated (G = 0 or G &gt; max(t, b), G ≠ g).
/// With covariates each cell is a 2×2 DID by outcome regression, IPW or the improved doubly robust estimator
/// (Sant'Anna and Zhao 2020). Aggregations (simple, dynamic, group, calendar) weight cells by cohort shares and
/// include the influence of the estimated shares, as R did's <c>aggte</c>. Standard errors are the analytic
/// influence-function ones (Σψ²/n², unit level) or the multiplier bootstrap (Rademacher or Mammen; clustered on
/// cluster means of ψ) with IQR-based standard errors and sup-t uniform bands.
/// The panel is balanced first: units not observed in every period are dropped (did's default).
/// </summary>
public static class CallawaySantAnna
{
    /// <summary>Estimates all ATT(g,t) cells and their aggregations.</summary>
    public static CallawaySantAnnaResult Fit(PanelData panel, CallawaySantAnnaOptions options)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(options);
        if (options.BootstrapReplications < 0)
            throw new SpecificationException($"Bootstrap replications must be 0 (analytic standard errors) or positive; got {options.BootstrapReplications}.");
        if (options.ConfidenceLevel is <= 0 or >= 1)
            throw new SpecificationException($"The confidence level must lie strictly between 0 and 1; got {options.ConfidenceLevel}.");
        bool clusterAboveUnit = options.Cluster is not null && options.Cluster != panel.EntityName;
        if (clusterAboveUnit && options.BootstrapReplications == 0)
            throw new SpecificationException($"Clustering Callaway–Sant'Anna standard errors by '{options.Cluster}' needs the multiplier bootstrap (set the bootstrap replications); analytic influence-function standard errors are unit-level.");
        var wide = WidePanel.Build(panel, options, clusterAboveUnit);
        return new Estimator(wide, options).Run(panel);
    }

    private sealed class Estimator(WidePanel wide, CallawaySantAnnaOptions options)
    {
        private readonly int _n = wide.Units;
        private readonly int _t = wide.T;
        private long[] _cohorts = [];   // 0 first when present, then treated cohorts ascending
        private int[] _cohortOfUnit = [];
        private double[] _pg = [];
        private int _m;
        private bool _closedForm;

        private sealed record Cell(long Group, int GroupIndex, int PeriodIndex, int BaseIndex, bool Reference, double Att, double[] W);

        public CallawaySantAnnaResult Run(PanelData panel)
        {
            _cohorts = wide.Cohort.Distinct().Order().ToArray();
            var index = _cohorts.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
            _cohortOfUnit = wide.Cohort.Select(c => index[c]).ToArray();
            var size = new int[_cohorts.Length];
            foreach (var c in _cohortOfUnit) size[c]++;
            _pg = size.Select(s => (double)s / _n).ToArray();
            var treated = _cohorts.Where(c => c != 0).ToArray();
            if (treated.Length == 0)
                throw new SpecificationException($"No unit of the balanced panel is treated within the sample periods (cohort column '{options.Cohort}').");
            if (options.ControlGroup == ControlGroup.NeverTreated && _cohorts[0] != 0)
                throw new SpecificationException($"There are no never-treated units (cohort 0) in '{options.Cohort}'; use the not-yet-treated control group.");
            int k = options.Controls.Count;
            _closedForm = k == 0;
            var notes = new List<string>();

            var cells = new List<Cell>();
            var influence = new List<double[]>(); // covariate case: ψ of each estimated cell
            foreach (var g in treated)
            {
                int gi = index[g];
                int gBase = Array.FindLastIndex(wide.Periods, p => p < g);
                int start = options.BasePeriod == BasePeriod.Varying ? 1 : 0;
                for (int ti = start; ti < _t; ti++)
                {
                    int b = options.BasePeriod == BasePeriod.Universal || wide.Periods[ti] >= g ? gBase : ti - 1;
                    if (ti == b)
                    {
                        cells.Add(new Cell(g, gi, ti, b, true, 0, []));
                        continue;
                    }
                    long threshold = wide.Periods[Math.Max(ti, b)];
                    var control = new bool[_cohorts.Length];
                    for (int c = 0; c < _cohorts.Length; c++)
                        control[c] = _cohorts[c] == 0 || (options.ControlGroup == ControlGroup.NotYetTreated && _cohorts[c] > threshold && _cohorts[c] != g);
                    int nControl = 0;
                    for (int c = 0; c < _cohorts.Length; c++) if (control[c]) nControl += size[c];
                    if (nControl == 0)
                    {
                        notes.Add($"ATT({g},{wide.Periods[ti]}) not estimated: no comparison units.");
                        continue;
                    }
                    if (_closedForm) cells.Add(ClosedFormCell(g, gi, ti, b, control, size));
                    else
                    {
                        var (att, psi) = CovariateCell(gi, ti, b, control);
                        cells.Add(new Cell(g, gi, ti, b, false, att, []));
                        influence.Add(psi);
                    }
                }
            }

            var basis = _closedForm ? ClosedFormBasis() : CovariateBasis(cells, influence);
            var gram = basis.Gram();

            double level = options.ConfidenceLevel;
            double z = Distributions.NormalQuantile(0.5 + level / 2);
            double[]? draws = null;
            int nEff = _n;
            if (options.BootstrapReplications > 0)
            {
                var b = wide.ClusterOfUnit is null ? basis : basis.ClusterMeans(wide.ClusterOfUnit, wide.Clusters);
                nEff = b.Rows;
                draws = b.MultiplierDraws(options.BootstrapReplications, options.Weights, options.Seed);
            }

            (double[] Se, double Crit) Inference(IReadOnlyList<double[]> ws)
            {
                if (draws is null)
                {
                    var se = ws.Select(w => w.Length == 0 ? double.NaN : Math.Sqrt(Math.Max(0, InfluenceBasis.QuadraticForm(gram, w))) / _n).ToArray();
                    return (se, double.NaN);
                }
                var padded = ws.Select(w => w.Length == 0 ? new double[_m] : w).ToArray();
                return MultiplierSummary.Summarise(draws, options.BootstrapReplications, _m, padded, nEff, level);
            }

            var (cellSe, cellCrit) = Inference(cells.Select(c => c.W).ToArray());
            var attGt = cells.Select((c, j) =>
            {
                double se = c.Reference ? 0 : cellSe[j];
                return new GroupTimeAtt(c.Group, wide.Periods[c.PeriodIndex], wide.Periods[c.BaseIndex], c.Att, se, c.Att - z * se, c.Att + z * se, c.Reference)
                {
                    BandLow = double.IsNaN(cellCrit) ? null : c.Att - cellCrit * se,
                    BandHigh = double.IsNaN(cellCrit) ? null : c.Att + cellCrit * se,
                };
            }).ToArray();

            // Aggregations (R did's aggte): cells enter with cohort-share weights; their estimation adds ψ of the weights.
            var stats = cells.Select(c => new Stat(c.Att, c.W.Length == 0 ? new double[_m] : c.W, c.GroupIndex)).ToArray();
            long Period(Cell c) => wide.Periods[c.PeriodIndex];
            var post = Enumerable.Range(0, cells.Count).Where(j => cells[j].Group <= Period(cells[j])).ToArray();
            var simpleStat = Combine(stats, post, WeightsByShare(stats, post), withWif: true);

            Aggregation Build(AggregationKind kind, Stat overall, IReadOnlyList<(long Key, Stat S)> parts)
            {
                var (se, crit) = Inference(parts.Select(p => p.S.W).ToArray());
                var (seAll, _) = Inference([overall.W]);
                var comps = parts.Select((p, j) => new AggregateComponent(p.Key, p.S.Att, se[j], p.S.Att - z * se[j], p.S.Att + z * se[j])
                {
                    BandLow = double.IsNaN(crit) ? null : p.S.Att - crit * se[j],
                    BandHigh = double.IsNaN(crit) ? null : p.S.Att + crit * se[j],
                }).ToArray();
                return new Aggregation(kind, overall.Att, seAll[0], overall.Att - z * seAll[0], overall.Att + z * seAll[0], comps, double.IsNaN(crit) ? null : crit);
            }

            var simple = Build(AggregationKind.Simple, simpleStat, []);

            // Dynamic: θ(e) = Σ_g w_g ATT(g, g + e); overall = mean of θ(e) over e ≥ 0.
            var eventOf = cells.Select(c => Period(c) - c.Group).ToArray();
            var include = cells.Select(_ => true).ToArray();
            var eSeq = eventOf.Distinct().Order().ToList();
            if (options.BalanceEventTime is int be)
            {
                long last = wide.Periods[^1], first = wide.Periods[0];
                include = cells.Select(c => last - c.Group >= be).ToArray();
                eSeq = Enumerable.Range(0, cells.Count).Where(j => include[j]).Select(j => eventOf[j]).Distinct().Order()
                    .Where(e => e <= be && e >= be - (last - first)).ToList();
            }
            var dynParts = eSeq.Select(e =>
            {
                var which = Enumerable.Range(0, cells.Count).Where(j => eventOf[j] == e && include[j]).ToArray();
                return (Key: e, S: Combine(stats, which, WeightsByShare(stats, which), withWif: true));
            }).ToList();
            var positive = dynParts.Where(p => p.Key >= 0).Select(p => p.S).ToArray();
            var dynamic = Build(AggregationKind.Dynamic, Combine(positive, Enumerable.Range(0, positive.Length).ToArray(), Equal(positive.Length), withWif: false), dynParts);

            // Group: θ(g) = mean of ATT(g, t) over t ≥ g; overall weighted by cohort shares.
            var groupParts = treated.Select(g =>
            {
                var which = post.Where(j => cells[j].Group == g).ToArray();
                var s = Combine(stats, which, Equal(which.Length), withWif: false);
                return (Key: g, S: s with { Group = index[g] });
            }).Where(p => p.S.W.Length > 0).ToList();
            var groupStats = groupParts.Select(p => p.S).ToArray();
            var groupAll = Enumerable.Range(0, groupStats.Length).ToArray();
            var group = Build(AggregationKind.Group, Combine(groupStats, groupAll, WeightsByShare(groupStats, groupAll), withWif: true), groupParts);

            // Calendar: θ(t) = Σ_g w_g ATT(g, t) over cohorts treated by t; overall = mean over t ≥ first cohort.
            long minG = treated[0];
            var calParts = cells.Select(Period).Distinct().Order().Where(t => t >= minG).Select(t =>
            {
                var which = Enumerable.Range(0, cells.Count).Where(j => Period(cells[j]) == t && cells[j].Group <= t).ToArray();
                return (Key: t, S: Combine(stats, which, WeightsByShare(stats, which), withWif: true));
            }).Where(p => p.S.W.Length > 0).ToList();
            var calStats = calParts.Select(p => p.S).ToArray();
            var calendar = Build(AggregationKind.Calendar, Combine(calStats, Enumerable.Range(0, calStats.Length).ToArray(), Equal(calStats.Length), withWif: false), calParts);

            if (wide.UnitsDroppedUnbalanced > 0)
                notes.Add($"{wide.UnitsDroppedUnbalanced} unit(s) not observed in all {_t} periods dropped (balanced panel).");
            if (wide.UnitsDroppedAlreadyTreated > 0)
                notes.Add($"{wide.UnitsDroppedAlreadyTreated} unit(s) already treated in the first period dropped.");
            var missing = new MissingValueReport(wide.RowsBefore, wide.RowsBefore - _n * _t, wide.UnitsBefore - _n, []);
            return new CallawaySantAnnaResult(options, attGt, simple, dynamic, group, calendar, _n, _n * _t, treated,
                options.BootstrapReplications, cellCrit, missing, notes);
        }

        private double[] Equal(int count) => Enumerable.Repeat(count == 0 ? 0 : 1.0 / count, count).ToArray();

        private double[] WeightsByShare(Stat[] stats, int[] which)
        {
            double total = which.Sum(j => _pg[stats[j].Group]);
            return which.Select(j => _pg[stats[j].Group] / total).ToArray();
        }

        private sealed record Stat(double Att, double[] W, int Group);

        /// <summary>
        /// Σ a_j·stat_j; with <paramref name="withWif"/> the influence of the estimated shares P(G = g_j)/Σ P(G = g)
        /// is added: Σ_j att_j [(1{G = g_j} − p_j)/S − p_j/S² Σ_l (1{G = g_l} − p_l)], written on the cohort-indicator
        /// columns (the constant is Σ_c 1{G = c}).
        /// </summary>
        private Stat Combine(Stat[] stats, int[] which, double[] a, bool withWif)
        {
            if (which.Length == 0) return new Stat(double.NaN, [], -1);
            var w = new double[_m];
            double att = 0;
            for (int q = 0; q < which.Length; q++)
            {
                var s = stats[which[q]];
                att += a[q] * s.Att;
                for (int c = 0; c < _m; c++) w[c] += a[q] * s.W[c];
            }
            if (withWif)
            {
                double sum = which.Sum(j => _pg[stats[j].Group]);
                for (int c = 0; c < _cohorts.Length; c++)
                {
                    double inner = 0; // Σ_l (δ_{c,g_l} − p_l)
                    foreach (var j in which) inner += (stats[j].Group == c ? 1 : 0) - _pg[stats[j].Group];
                    double coef = 0;
                    foreach (var j in which)
                    {
                        double pj = _pg[stats[j].Group];
                        coef += stats[j].Att * (((stats[j].Group == c ? 1 : 0) - pj) / sum - pj / (sum * sum) * inner);
                    }
                    w[IndicatorColumn(c)] += coef;
                }
            }
            return new Stat(att, w, -1);
        }

        private int IndicatorColumn(int cohortIndex) => _closedForm ? cohortIndex * (_t + 1) : _m - _cohorts.Length + cohortIndex;

        // ψ_i = n[1{G=g}(ΔY_i − m₁)/n_g − 1{i ∈ C}(ΔY_i − m₀)/n_C] on the (1, y_1 … y_T) blocks of each cohort.
        private Cell ClosedFormCell(long g, int gi, int ti, int b, bool[] control, int[] size)
        {
            _m = _cohorts.Length * (_t + 1);
            var y = wide.Y;
            double sumT = 0, sumC = 0;
            int nC = 0;
            for (int i = 0; i < _n; i++)
            {
                int c = _cohortOfUnit[i];
                double dy = y[i * _t + ti] - y[i * _t + b];
                if (c == gi) sumT += dy;
                else if (control[c]) { sumC += dy; nC++; }
            }
            int nG = size[gi];
            double m1 = sumT / nG, m0 = sumC / nC;
            var w = new double[_m];
            int o = gi * (_t + 1);
            w[o + 1 + ti] += (double)_n / nG;
            w[o + 1 + b] -= (double)_n / nG;
            w[o] -= _n * m1 / nG;
            for (int c = 0; c < _cohorts.Length; c++)
            {
                if (!control[c]) continue;
                o = c * (_t + 1);
                w[o + 1 + ti] -= (double)_n / nC;
                w[o + 1 + b] += (double)_n / nC;
                w[o] += _n * m0 / nC;
            }
            return new Cell(g, gi, ti, b, false, m1 - m0, w);
        }

        private InfluenceBasis ClosedFormBasis()
        {
            _m = _cohorts.Length * (_t + 1);
            int width = _t + 1;
            var data = new double[_n * width];
            var rowStart = new int[_n + 1];
            var offset = new int[_n];
            for (int i = 0; i < _n; i++)
            {
                rowStart[i] = i * width;
                offset[i] = _cohortOfUnit[i] * width;
                data[i * width] = 1;
                Array.Copy(wide.Y, i * _t, data, i * width + 1, _t);
            }
            rowStart[_n] = _n * width;
            return new InfluenceBasis(_m, data, rowStart, offset);
        }

        // Covariates at the earlier of the two periods (R did's panel2cs2 keeps that row); ψ rescaled by n/n₁.
        private (double Att, double[] Psi) CovariateCell(int gi, int ti, int b, bool[] control)
        {
            int k = options.Controls.Count + 1;
            int early = Math.Min(ti, b);
            var units = new List<int>();
            for (int i = 0; i < _n; i++)
            {
                int c = _cohortOfUnit[i];
                if (c == gi || control[c]) units.Add(i);
            }
            int n1 = units.Count;
            var d = new bool[n1];
            var dy = new double[n1];
            var x = new double[n1 * k];
            for (int q = 0; q < n1; q++)
            {
                int i = units[q];
                d[q] = _cohortOfUnit[i] == gi;
                dy[q] = wide.Y[i * _t + ti] - wide.Y[i * _t + b];
                x[q * k] = 1;
                for (int j = 1; j < k; j++) x[q * k + j] = wide.X[j - 1][i * _t + early];
            }
            var (att, inf) = TwoPeriodDid.Estimate(options.Method, d, dy, x, k);
            var psi = new double[_n];
            double scale = (double)_n / n1;
            for (int q = 0; q < n1; q++) psi[units[q]] = scale * inf[q];
            return (att, psi);
        }

        private InfluenceBasis CovariateBasis(List<Cell> cells, List<double[]> influence)
        {
            int kc = influence.Count;
            _m = kc + _cohorts.Length;
            var data = new double[_n * _m];
            for (int i = 0; i < _n; i++)
            {
                for (int j = 0; j < kc; j++) data[i * _m + j] = influence[j][i];
                data[i * _m + kc + _cohortOfUnit[i]] = 1;
            }
            int col = 0;
            for (int j = 0; j < cells.Count; j++)
            {
                if (cells[j].Reference) continue;
                var w = new double[_m];
                w[col++] = 1;
                cells[j] = cells[j] with { W = w };
            }
            return new InfluenceBasis(_m, data, Enumerable.Range(0, _n + 1).Select(i => i * _m).ToArray(), new int[_n]);
        }
    }
}
