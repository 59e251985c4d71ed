using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Indices;

/// <summary>Which principal components form the composite index.</summary>
public enum ComponentRetention
{
    /// <summary>The first principal component only (the default).</summary>
    First,
    /// <summary>Every component with eigenvalue above 1 (Kaiser's rule), weighted by its share of the retained variance.</summary>
    EigenvalueAboveOne,
}

/// <summary>Settings of <see cref="PrincipalComponentIndex.Compute"/>.</summary>
public sealed record PrincipalComponentOptions
{
    /// <summary>First component (default) or all with eigenvalue &gt; 1.</summary>
    public ComponentRetention Retention { get; init; } = ComponentRetention.First;
}

/// <summary>Kaiser–Meyer–Olkin measure of sampling adequacy.</summary>
/// <param name="Overall">KMO = ΣΣ_{i≠j} r_ij² / (ΣΣ_{i≠j} r_ij² + ΣΣ_{i≠j} a_ij²), with a_ij the partial (anti-image) correlations.</param>
/// <param name="PerVariable">KMO_j = Σ_{i≠j} r_ij² / (Σ_{i≠j} r_ij² + Σ_{i≠j} a_ij²), in indicator order.</param>
public sealed record KmoStatistic(double Overall, IReadOnlyList<double> PerVariable);

/// <summary>Bartlett's test of sphericity (H0: the correlation matrix is the identity).</summary>
/// <param name="Statistic">χ² = −(n − 1 − (2p + 5)/6)·ln|R|.</param>
/// <param name="DegreesOfFreedom">p(p − 1)/2.</param>
/// <param name="PValue">Upper χ² tail probability.</param>
public sealed record BartlettSphericityTest(double Statistic, int DegreesOfFreedom, double PValue);

/// <summary>A principal-component composite index (<see cref="PrincipalComponentIndex"/>).</summary>
/// <param name="Indicators">Indicators in order (negative ones enter with their sign reversed).</param>
/// <param name="Means">Pooled means of the indicators.</param>
/// <param name="StandardDeviations">Pooled standard deviations (n − 1).</param>
/// <param name="Correlation">The p×p correlation matrix R, row-major.</param>
/// <param name="Eigenvalues">λ_1 ≥ … ≥ λ_p of R.</param>
/// <param name="VarianceShares">λ_k / p.</param>
/// <param name="Loadings">Unit eigenvectors v_k as columns (p×p, row-major: indicator j, component k at [j·p + k]), each signed so that Σ_j v_jk ≥ 0.</param>
/// <param name="RetainedComponents">Number of components in the index.</param>
/// <param name="ComponentWeights">Weight of each retained component: 1 for the first alone, else λ_k / Σ_retained λ.</param>
/// <param name="Kmo">Kaiser–Meyer–Olkin measure.</param>
/// <param name="Bartlett">Bartlett's sphericity test.</param>
/// <param name="Scores">Index of every row of the panel (NaN where an indicator is missing).</param>
/// <param name="Missing">Rows left out because an indicator was missing.</param>
public sealed record PrincipalComponentIndexResult(IReadOnlyList<Indicator> Indicators, IReadOnlyList<double> Means, IReadOnlyList<double> StandardDeviations,
    IReadOnlyList<double> Correlation, IReadOnlyList<double> Eigenvalues, IReadOnlyList<double> VarianceShares, IReadOnlyList<double> Loadings,
    int RetainedComponents, IReadOnlyList<double> ComponentWeights, KmoStatistic Kmo, BartlettSphericityTest Bartlett,
    IReadOnlyList<double> Scores, MissingValueReport Missing)
{
    /// <summary>v_jk: the coefficient of standardised indicator j in component k.</summary>
    public double Loading(int indicator, int component) => Loadings[indicator * Indicators.Count + component];
}

/// <summary>
/// Principal-component composite index: pooled z-standardisation z_ij = s_j (x_ij − x̄_j)/sd_j (s_j = −1 for a negative
/// indicator), eigen-decomposition R = V Λ V′ of the correlation matrix, component scores F_k = Z v_k (as Stata's
/// <c>predict</c> after <c>pca</c>), and the index F_1 or Σ_{λ_k&gt;1} (λ_k / Σ λ) F_k. Each eigenvector is signed so that
/// its entries sum to a non-negative number, so a higher index means more of the indicators. Also reports the
/// Kaiser–Meyer–Olkin measure (Kaiser 1970; Kaiser and Rice 1974) and Bartlett's (1950) sphericity test.
/// Reference: Jolliffe (2002), <i>Principal Component Analysis</i>, 2nd ed., ch. 2 and 6.
/// </summary>
public static class PrincipalComponentIndex
{
    /// <summary>The index of every row of <paramref name="panel"/> from <paramref name="indicators"/> (listwise deletion of missing rows).</summary>
    /// <exception cref="SpecificationException">Fewer than two indicators or more indicators than rows, a constant indicator,
    /// or a singular correlation matrix (collinear indicators).</exception>
    public static PrincipalComponentIndexResult Compute(PanelData panel, IReadOnlyList<Indicator> indicators, PrincipalComponentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(indicators);
        options ??= new PrincipalComponentOptions();
        int p = indicators.Count;
        if (p < 2) throw new SpecificationException($"A principal-component index needs at least two indicators; got {p}.");
        var names = indicators.Select(i => i.Column).ToArray();
        if (names.Distinct(StringComparer.Ordinal).Count() != p) throw new SpecificationException("A principal-component index lists an indicator twice.");
        foreach (var c in names)
            if (!panel.HasNumeric(c)) throw panel.UnknownColumn(c);
        var rows = PanelData.CompleteRows(names.Select(c => panel.CopyColumn(c)).ToArray(), panel.RowCount, out _);
        panel.DropMissing(names, out var missing);
        var kept = rows ?? Enumerable.Range(0, panel.RowCount).ToArray();
        int n = kept.Length;
        if (n <= p) throw new SpecificationException($"A principal-component index of {p} indicators needs more than {p} complete rows; got {n}.");

        // Standardised data, column-major.
        var z = new double[p * n];
        var means = new double[p];
        var sds = new double[p];
        for (int j = 0; j < p; j++)
        {
            var x = panel.Column(names[j]);
            double mean = 0;
            for (int r = 0; r < n; r++) mean += x[kept[r]];
            mean /= n;
            double ss = 0;
            for (int r = 0; r < n; r++) ss += (x[kept[r]] - mean) * (x[kept[r]] - mean);
            double sd = Math.Sqrt(ss / (n - 1));
            if (!(sd > 0)) throw new SpecificationException($"Indicator '{names[j]}' is constant over the sample; drop it from the principal-component index.");
            double sign = indicators[j].Direction == IndicatorDirection.Negative ? -1 : 1;
            for (int r = 0; r < n; r++) z[j * n + r] = sign * (x[kept[r]] - mean) / sd;
            means[j] = mean;
            sds[j] = sd;
        }
        var corr = new double[p * p];
        for (int a = 0; a < p; a++)
            for (int b = a; b < p; b++)
            {
                double s = 0;
                for (int r = 0; r < n; r++) s += z[a * n + r] * z[b * n + r];
                corr[a * p + b] = corr[b * p + a] = a == b ? 1 : s / (n - 1);
            }

        var (values, vectors) = SymmetricEigen.Decompose(corr, p);
        if (!(values[p - 1] > 1e-10 * p))
            throw new SpecificationException(
                $"The indicators' correlation matrix is singular (smallest eigenvalue {values[p - 1]:G3}): some indicators are collinear; drop one of them.");
        for (int k = 0; k < p; k++)
        {
            double sum = 0;
            for (int j = 0; j < p; j++) sum += vectors[j * p + k];
            if (sum < 0)
                for (int j = 0; j < p; j++) vectors[j * p + k] = -vectors[j * p + k];
        }

        int retained = options.Retention == ComponentRetention.First ? 1 : Math.Max(1, values.Count(v => v > 1));
        double retainedVariance = values.Take(retained).Sum();
        var componentWeights = values.Take(retained).Select(v => retained == 1 ? 1.0 : v / retainedVariance).ToArray();
        // Index weight of each standardised indicator: Σ_k w_k v_jk, so the index is one pass over Z.
        var indicatorWeights = new double[p];
        for (int j = 0; j < p; j++)
            for (int k = 0; k < retained; k++) indicatorWeights[j] += componentWeights[k] * vectors[j * p + k];
        var scores = new double[panel.RowCount];
        Array.Fill(scores, double.NaN);
        for (int r = 0; r < n; r++)
        {
            double s = 0;
            for (int j = 0; j < p; j++) s += indicatorWeights[j] * z[j * n + r];
            scores[kept[r]] = s;
        }

        return new PrincipalComponentIndexResult(indicators.ToArray(), means, sds, corr, values, values.Select(v => v / p).ToArray(), vectors,
            retained, componentWeights, Kmo(corr, values, vectors, p), Bartlett(values, n, p), scores, missing);
    }

    /// <summary>KMO from R and R⁻¹ = V Λ⁻¹ V′: a_ij = −r^{ij}/√(r^{ii} r^{jj}).</summary>
    private static KmoStatistic Kmo(double[] corr, double[] values, double[] vectors, int p)
    {
        var inverse = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
            {
                double s = 0;
                for (int k = 0; k < p; k++) s += vectors[i * p + k] * vectors[j * p + k] / values[k];
                inverse[i * p + j] = s;
            }
        var r2 = new double[p];
        var a2 = new double[p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
            {
                if (i == j) continue;
                double partial = -inverse[i * p + j] / Math.Sqrt(inverse[i * p + i] * inverse[j * p + j]);
                r2[i] += corr[i * p + j] * corr[i * p + j];
                a2[i] += partial * partial;
            }
        double r2All = r2.Sum(), a2All = a2.Sum();
        return new KmoStatistic(r2All / (r2All + a2All), r2.Select((r, i) => r / (r + a2[i])).ToArray());
    }

    /// <summary>χ² = −(n − 1 − (2p + 5)/6)·Σ ln λ_k (ln|R| = Σ ln λ), df = p(p − 1)/2.</summary>
    private static BartlettSphericityTest Bartlett(double[] values, int n, int p)
    {
        double logDet = values.Sum(Math.Log);
        double statistic = -(n - 1 - (2.0 * p + 5) / 6) * logDet;
        int df = p * (p - 1) / 2;
        return new BartlettSphericityTest(statistic, df, Distributions.ChiSquaredUpper(statistic, df));
    }
}
