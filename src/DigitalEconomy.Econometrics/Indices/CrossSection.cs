using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Econometrics.Indices;

/// <summary>
/// One period's values sorted ascending, with population shares (summing to 1) and optional group codes aligned to
/// them: the input of every inequality measure. Sorting once serves the Gini and every Dagum term.
/// </summary>
internal sealed class CrossSection
{
    private CrossSection(string label, double[] x, double[] shares, int[]? groups, IReadOnlyList<string>? groupLabels, int dropped)
    {
        Label = label;
        X = x;
        Shares = shares;
        Groups = groups;
        GroupLabels = groupLabels;
        Dropped = dropped;
    }

    public string Label { get; }
    public double[] X { get; }
    public double[] Shares { get; }
    public int[]? Groups { get; }
    public IReadOnlyList<string>? GroupLabels { get; }

    /// <summary>Rows of the period left out because the value or weight was missing.</summary>
    public int Dropped { get; }

    public static CrossSection Create(ReadOnlySpan<double> x, ReadOnlySpan<double> weights, ReadOnlySpan<int> groups, string label,
        string column, IReadOnlyList<string>? groupLabels, int dropped = 0, Func<int, string>? describe = null, string? weightColumn = null)
    {
        describe ??= r => $"value {r + 1}";
        if (x.IsEmpty) throw new SpecificationException($"Inequality of '{column}'{In(label)} needs at least one value; there are none.");
        if (!weights.IsEmpty && weights.Length != x.Length) throw new ArgumentException("One weight per value is needed.", nameof(weights));
        if (groupLabels is not null && groups.Length != x.Length) throw new ArgumentException("One group code per value is needed.", nameof(groups));
        int n = x.Length;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            if (!(x[i] > 0) || !double.IsFinite(x[i]))
                throw new SpecificationException(
                    $"Inequality measures need positive finite '{column}' (Theil indices take its log), but {describe(i)} is {IndicatorNormaliser.Show(x[i])}.");
            double w = weights.IsEmpty ? 1.0 : weights[i];
            if (!(w > 0) || !double.IsFinite(w))
                throw new SpecificationException($"Population weights must be positive and finite, but '{weightColumn ?? "weight"}' at {describe(i)} is {IndicatorNormaliser.Show(w)}.");
            total += w;
            if (groupLabels is not null && (uint)groups[i] >= (uint)groupLabels.Count)
                throw new SpecificationException($"Group code {groups[i]} at {describe(i)} is outside 0..{groupLabels.Count - 1}.");
        }
        var keys = x.ToArray();
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(keys, order);
        var shares = new double[n];
        int[]? g = groupLabels is null ? null : new int[n];
        for (int k = 0; k < n; k++)
        {
            int i = order[k];
            shares[k] = (weights.IsEmpty ? 1.0 : weights[i]) / total;
            if (g is not null) g[k] = groups[i];
        }
        return new CrossSection(label, keys, shares, g, groupLabels, dropped);
    }

    /// <summary>One cross-section per period of the panel; rows with a missing value or weight are left out and counted.</summary>
    public static List<CrossSection> PerPeriod(PanelData panel, string column, string? weightColumn, string? groupColumn)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var x = panel.Column(column);
        var w = weightColumn is null ? default : panel.Column(weightColumn);
        var groupFactor = groupColumn is null ? null : panel.Grouping(groupColumn);
        var times = panel.Times.Codes;
        int periods = panel.Times.LevelCount;
        var rowsOf = new List<int>[periods];
        var dropped = new int[periods];
        for (int r = 0; r < x.Length; r++)
        {
            if (double.IsNaN(x[r]) || (weightColumn is not null && double.IsNaN(w[r]))) { dropped[times[r]]++; continue; }
            (rowsOf[times[r]] ??= []).Add(r);
        }
        var result = new List<CrossSection>(periods);
        for (int t = 0; t < periods; t++)
        {
            if (rowsOf[t] is not { } rows) continue;
            var xs = new double[rows.Count];
            var ws = weightColumn is null ? [] : new double[rows.Count];
            var gs = groupFactor is null ? [] : new int[rows.Count];
            for (int k = 0; k < rows.Count; k++)
            {
                xs[k] = x[rows[k]];
                if (weightColumn is not null) ws[k] = w[rows[k]];
                if (groupFactor is not null) gs[k] = groupFactor.Codes[rows[k]];
            }
            result.Add(Create(xs, ws, gs, panel.Times.Levels[t], column, groupFactor?.Levels, dropped[t],
                k => $"row {panel.Describe(rows[k])}", weightColumn));
        }
        if (result.Count == 0)
            throw new SpecificationException($"Column '{column}' has no non-missing values, so no inequality can be measured.");
        return result;
    }

    public InequalityMeasures Measures()
    {
        double mu = Mean(X, Shares);
        var (t, l) = Theils(X, Shares, mu);
        double ss = 0;
        for (int i = 0; i < X.Length; i++) ss += Shares[i] * (X[i] - mu) * (X[i] - mu);
        return new InequalityMeasures(Label, X.Length, mu, t, l, MeanDifference(X, Shares) / (2 * mu), Math.Sqrt(ss) / mu);
    }

    public TheilDecomposition Theil()
    {
        double mu = Mean(X, Shares);
        var (totalT, totalL) = Theils(X, Shares, mu);
        var components = new List<TheilGroupComponent>();
        double withinT = 0, betweenT = 0, withinL = 0, betweenL = 0;
        foreach (var (g, x, q, p) in Subgroups())
        {
            double mg = Mean(x, q);
            var (tg, lg) = Theils(x, q, mg);
            double incomeShare = p * mg / mu;
            withinT += incomeShare * tg;
            betweenT += incomeShare * Math.Log(mg / mu);
            withinL += p * lg;
            betweenL += p * Math.Log(mu / mg);
            components.Add(new TheilGroupComponent(GroupLabels![g], x.Length, p, incomeShare, mg, tg, lg, incomeShare * tg, p * lg));
        }
        return new TheilDecomposition(Label, X.Length, totalT, betweenT, withinT, totalL, betweenL, withinL, components);
    }

    public DagumGiniDecomposition Dagum()
    {
        double mu = Mean(X, Shares);
        double gini = MeanDifference(X, Shares) / (2 * mu);
        var groups = Subgroups().ToArray();
        int k = groups.Length;
        var means = new double[k];
        var withinGini = new double[k];
        var populationShares = new double[k];
        var incomeShares = new double[k];
        var components = new DagumGroup[k];
        double within = 0;
        for (int a = 0; a < k; a++)
        {
            var (g, x, q, p) = groups[a];
            means[a] = Mean(x, q);
            withinGini[a] = MeanDifference(x, q) / (2 * means[a]);
            populationShares[a] = p;
            incomeShares[a] = p * means[a] / mu;
            within += withinGini[a] * p * incomeShares[a];
            components[a] = new DagumGroup(GroupLabels![g], x.Length, p, incomeShares[a], means[a], withinGini[a]);
        }
        var pairs = new List<DagumGroupPair>();
        double netBetween = 0, transvariation = 0;
        for (int a = 0; a < k; a++)
            for (int b = 0; b < a; b++)
            {
                // Orient the pair so that j is the group with the higher mean, as Dagum's D_jh requires.
                int j = means[a] >= means[b] ? a : b, h = j == a ? b : a;
                double d = Exceedance(groups[j].X, groups[j].Q, groups[h].X, groups[h].Q);
                double pjh = Exceedance(groups[h].X, groups[h].Q, groups[j].X, groups[j].Q);
                double meanDifference = d + pjh;
                double gjh = meanDifference / (means[j] + means[h]);
                double affluence = meanDifference > 0 ? (d - pjh) / meanDifference : 0;
                double weight = populationShares[j] * incomeShares[h] + populationShares[h] * incomeShares[j];
                netBetween += gjh * weight * affluence;
                transvariation += gjh * weight * (1 - affluence);
                pairs.Add(new DagumGroupPair(components[j].Group, components[h].Group, gjh, d, pjh, affluence, gjh * weight * affluence, gjh * weight * (1 - affluence)));
            }
        return new DagumGiniDecomposition(Label, X.Length, gini, within, netBetween, transvariation, components, pairs);
    }

    /// <summary>Each non-empty group's sorted values, within-group shares q (summing to 1) and population share p.</summary>
    private IEnumerable<(int Group, double[] X, double[] Q, double P)> Subgroups()
    {
        var groups = Groups ?? throw new InvalidOperationException("No groups.");
        int k = GroupLabels!.Count;
        var counts = new int[k];
        var mass = new double[k];
        for (int i = 0; i < X.Length; i++) { counts[groups[i]]++; mass[groups[i]] += Shares[i]; }
        for (int g = 0; g < k; g++)
        {
            if (counts[g] == 0) continue;
            var x = new double[counts[g]];
            var q = new double[counts[g]];
            int next = 0;
            for (int i = 0; i < X.Length; i++)
            {
                if (groups[i] != g) continue;
                x[next] = X[i];
                q[next++] = Shares[i] / mass[g];
            }
            yield return (g, x, q, mass[g]);
        }
    }

    internal static double Mean(ReadOnlySpan<double> x, ReadOnlySpan<double> s)
    {
        double mu = 0;
        for (int i = 0; i < x.Length; i++) mu += s[i] * x[i];
        return mu;
    }

    /// <summary>Theil T = Σ s (x/μ) ln(x/μ) and Theil L = Σ s ln(μ/x).</summary>
    internal static (double T, double L) Theils(ReadOnlySpan<double> x, ReadOnlySpan<double> s, double mu)
    {
        double t = 0, l = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double ratio = x[i] / mu, log = Math.Log(ratio);
            t += s[i] * ratio * log;
            l -= s[i] * log;
        }
        return (t, l);
    }

    /// <summary>
    /// Σ_i Σ_k s_i s_k |x_i − x_k| for ascending x: 2 Σ_i s_i (x_i S_&lt;i − M_&lt;i), where S_&lt;i and M_&lt;i are the
    /// share and share-weighted sum of the values before i — O(n) after sorting.
    /// </summary>
    internal static double MeanDifference(ReadOnlySpan<double> x, ReadOnlySpan<double> s)
    {
        double below = 0, belowMass = 0, sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += s[i] * (x[i] * belowMass - below);
            belowMass += s[i];
            below += s[i] * x[i];
        }
        return 2 * sum;
    }

    /// <summary>
    /// E[(a − b)⁺] = Σ_i qa_i Σ_{r: b_r &lt; a_i} qb_r (a_i − b_r) for ascending a and b (Dagum's d_jh when a is the
    /// richer group, p_jh when it is the poorer one), by one merge pass.
    /// </summary>
    internal static double Exceedance(ReadOnlySpan<double> a, ReadOnlySpan<double> qa, ReadOnlySpan<double> b, ReadOnlySpan<double> qb)
    {
        double mass = 0, weighted = 0, sum = 0;
        int r = 0;
        for (int i = 0; i < a.Length; i++)
        {
            while (r < b.Length && b[r] < a[i]) { mass += qb[r]; weighted += qb[r] * b[r]; r++; }
            sum += qa[i] * (a[i] * mass - weighted);
        }
        return sum;
    }

    private static string In(string label) => string.IsNullOrEmpty(label) ? "" : $" in {label}";
}
