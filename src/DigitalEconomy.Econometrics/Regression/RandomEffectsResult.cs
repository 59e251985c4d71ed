using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Results;

namespace DigitalEconomy.Econometrics.Regression;

/// <summary>
/// A Swamy–Arora random-effects fit, immutable: the GLS coefficients with z statistics (normal reference, as Stata's
/// <c>xtreg, re</c>), their variance, the variance components σ_u, σ_e, ρ and the quasi-demeaning weights θ_i, and the
/// fit statistics of the quasi-demeaned regression. Unlike <see cref="PanelRegressionResult"/> it offers no
/// <c>WithVcov</c>: the variance comes from the GLS step, so another variance estimator means refitting.
/// </summary>
/// <remarks>Reference: Baltagi (2021), Econometric Analysis of Panel Data, §2.3; Swamy and Arora (1972).</remarks>
public sealed class RandomEffectsResult : IEstimationResult
{
    private readonly double[,] _vcov;
    private readonly double[] _y;
    private readonly double[] _residuals;
    private readonly int[] _rows;
    private readonly Dictionary<string, int> _index;

    internal RandomEffectsResult(PanelRegressionResult gls, IReadOnlyList<Coefficient> coefficients, RandomEffectsComponents components,
        double[] y, double[] compositeResiduals, IReadOnlyList<string> notes)
    {
        Label = gls.Label;
        Dependent = gls.Dependent;
        Coefficients = coefficients;
        _vcov = gls.VarianceMatrix();
        Observations = gls.Observations;
        MissingValues = gls.MissingValues;
        Variance = gls.Variance;
        ConfidenceLevel = gls.ConfidenceLevel;
        FitStatistics = gls.FitStatistics;
        RSquared = gls.RSquared;
        AdjustedRSquared = gls.AdjustedRSquared;
        RootMse = gls.RootMse;
        Components = components;
        Notes = notes;
        _y = y;
        _residuals = compositeResiduals;
        _rows = gls.EstimationRows.ToArray();
        _index = coefficients.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>"random_effects" (the model name of the JSON documents).</summary>
    public string Model => "random_effects";

    /// <summary>Model label (column header in tables), if one was given.</summary>
    public string? Label { get; }

    /// <summary>Outcome name.</summary>
    public string Dependent { get; }

    /// <summary>GLS coefficients (intercept first) with z statistics.</summary>
    public IReadOnlyList<Coefficient> Coefficients { get; }

    /// <summary>The coefficient of <paramref name="name"/>.</summary>
    /// <exception cref="SpecificationException">No coefficient has that name.</exception>
    public Coefficient this[string name] => _index.TryGetValue(name, out int i)
        ? Coefficients[i]
        : throw new SpecificationException($"The model has no coefficient '{name}'; it has: {string.Join(", ", Coefficients.Select(c => c.Name))}.");

    /// <summary>True when the model estimated a coefficient named <paramref name="name"/>.</summary>
    public bool HasCoefficient(string name) => _index.ContainsKey(name);

    /// <summary>Cov(β_a, β_b).</summary>
    public double Covariance(string a, string b) => _vcov[IndexOf(a), IndexOf(b)];

    private int IndexOf(string name) => _index.TryGetValue(name, out int i) ? i : throw new SpecificationException($"The model has no coefficient '{name}'.");

    /// <summary>A copy of the variance–covariance matrix of <see cref="Coefficients"/> (same order).</summary>
    public double[,] VarianceMatrix() => (double[,])_vcov.Clone();

    /// <summary>The variance–covariance matrix of <see cref="Coefficients"/>, labelled by coefficient name.</summary>
    public VarianceMatrix CoefficientVariance => new(Coefficients.Select(c => c.Name).ToArray(), _vcov);

    /// <summary>N, observations used.</summary>
    public int Observations { get; }

    /// <summary>What listwise deletion removed (null when nothing was reported).</summary>
    public MissingValueReport? MissingValues { get; }

    /// <summary>The variance estimator and small-sample convention used on the quasi-demeaned data.</summary>
    public VarianceSummary Variance { get; }

    VarianceSummary? IEstimationResult.Variance => Variance;

    /// <summary>Confidence level of the coefficient intervals.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Observations, R², adjusted R², root MSE and cluster counts of the quasi-demeaned GLS regression.</summary>
    public IReadOnlyList<FitStatistic> FitStatistics { get; }

    /// <summary>R² of the quasi-demeaned GLS regression.</summary>
    public double RSquared { get; }

    /// <summary>Adjusted R² of the quasi-demeaned GLS regression.</summary>
    public double AdjustedRSquared { get; }

    /// <summary>Root mean squared error of the quasi-demeaned GLS regression.</summary>
    public double RootMse { get; }

    /// <summary>None: the entity effect is random, not absorbed.</summary>
    public IReadOnlyList<string> AbsorbedEffects => [];

    /// <summary>The variance components σ_u, σ_e, ρ and the range of θ_i.</summary>
    public RandomEffectsComponents Components { get; }

    /// <summary>Notes for the reader (truncated σ_u², dropped rows, numerical remarks).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Composite residuals y − a − Xb on the original scale, one per estimation row.</summary>
    public double[] Residuals() => (double[])_residuals.Clone();

    /// <summary>The linear prediction a + Xb, one per estimation row.</summary>
    public double[] FittedValues()
    {
        var f = new double[_y.Length];
        for (int r = 0; r < f.Length; r++) f[r] = _y[r] - _residuals[r];
        return f;
    }

    /// <summary>Indices of the estimation rows in the input panel.</summary>
    public IReadOnlyList<int> EstimationRows => _rows;

    /// <summary>A one-line description, e.g. "RandomEffects: gap ~ (Intercept) + dei (N = 3420)".</summary>
    public override string ToString() =>
        $"RandomEffects: {Dependent} ~ {string.Join(" + ", Coefficients.Select(c => c.Name))} (N = {Observations})";
}
