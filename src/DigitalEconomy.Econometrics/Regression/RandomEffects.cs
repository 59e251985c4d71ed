using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Model;

namespace DigitalEconomy.Econometrics.Regression;

/// <summary>
/// Random-effects (feasible GLS) panel regression with Swamy and Arora (1972) variance components, as Stata
/// <c>xtreg, re</c> and plm <c>model = "random"</c> (default <c>random.method = "swar"</c>):
/// <list type="number">
/// <item>σ_e² = SSR_within / (N − n − k) from the entity fixed-effects regression (n entities, k slopes);</item>
/// <item>σ_u² = SSR_between / (n − k − 1) − σ_e² / T̄ from the regression of entity means (T̄ the harmonic mean
/// of the T_i, exact on balanced panels), truncated at 0 with a note;</item>
/// <item>θ_i = 1 − √(σ_e² / (T_i σ_u² + σ_e²)); OLS of y_it − θ_i ȳ_i on (1 − θ_i) and x_it − θ_i x̄_i.</item>
/// </list>
/// Inference uses z statistics (normal reference), as Stata reports for <c>xtreg, re</c>; the classical
/// variance is s² (X*'X*)⁻¹ with s² = SSR*/(N − k − 1) on the transformed data. Robust and cluster variances
/// apply the usual sandwich to the transformed data.
/// </summary>
/// <remarks>Reference: Baltagi (2021), Econometric Analysis of Panel Data, §2.3; Swamy and Arora (1972).</remarks>
public static class RandomEffects
{
    /// <summary>
    /// Fits <c>"y ~ x1 + x2"</c> with random effects for the panel's entity (or for the single grouping named
    /// after <c>|</c>, e.g. <c>"y ~ x1 | province"</c>).
    /// </summary>
    public static RandomEffectsResult Fit(PanelData panel, string formula, Vcov? vcov = null, SmallSampleCorrection? correction = null)
        => Fit(panel, PanelRegressionOptions.FromFormula(formula, vcov, correction));

    /// <summary>Fits a random-effects model; <see cref="PanelRegressionOptions.FixedEffects"/> may name the random-effect grouping (default: the entity key).</summary>
    public static RandomEffectsResult Fit(PanelData panel, PanelRegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(options);
        if (options.FixedEffects.Count > 1)
            throw new SpecificationException($"Random effects take one grouping (the entity); got {string.Join(" + ", options.FixedEffects)}.");
        string group = options.FixedEffects.Count == 1 ? options.FixedEffects[0] : panel.EntityName;
        var (design, missing, rows) = PanelRegression.BuildDesign(panel, options with { FixedEffects = [group] });
        var entity = design.FixedEffects[0];
        int n = design.Rows, k = design.X.Columns;

        // (1) Within regression: σ_e².
        var within = LinearPanelEstimator.Fit(design, new EstimationOptions { Demeaning = options.Demeaning }, overwrite: false);
        if (within.Dropped.Count > 0)
            throw new SpecificationException(
                $"Random effects need every regressor to vary within {group}: {string.Join("; ", within.Dropped.Select(d => d.ToString()))}. Drop it from the model.");
        double sigmaE2 = within.Rss / within.ResidualDegreesOfFreedom;

        // (2) Between regression on group means: σ_u².
        int groups = entity.NonEmptyLevelCount;
        if (groups - k - 1 <= 0)
            throw new SpecificationException($"Random effects need more groups than regressors + 1 for the between regression; {group} has {groups} groups for {k} regressors.");
        var sizes = entity.Sizes;
        var codes = entity.Codes;
        var yMean = GroupMeans(design.Y, codes, sizes);
        var xMeans = new ColumnMajorMatrix(groups, k);
        var dense = DenseLevels(sizes);
        for (int j = 0; j < k; j++)
        {
            var m = GroupMeans(design.X.Column(j).ToArray(), codes, sizes);
            for (int g = 0; g < sizes.Length; g++) if (dense[g] >= 0) xMeans[dense[g], j] = m[g];
        }
        var yBetween = new double[groups];
        for (int g = 0; g < sizes.Length; g++) if (dense[g] >= 0) yBetween[dense[g]] = yMean[g];
        var between = LinearPanelEstimator.Fit(
            new RegressionDesign(design.Dependent, yBetween, design.RegressorNames, xMeans), new EstimationOptions(), overwrite: true);
        double harmonic = 0;
        foreach (var s in sizes) if (s > 0) harmonic += 1.0 / s;
        double tBar = groups / harmonic;
        double sigmaU2 = between.Rss / (groups - k - 1) - sigmaE2 / tBar;
        var notes = new List<string>();
        if (sigmaU2 < 0)
        {
            notes.Add($"Estimated σ_u² was negative ({sigmaU2:G4}) and is set to 0: random effects reduce to pooled OLS.");
            sigmaU2 = 0;
        }

        // (3) Quasi-demeaning and GLS.
        var theta = new double[sizes.Length];
        double thetaMin = double.PositiveInfinity, thetaMax = double.NegativeInfinity;
        for (int g = 0; g < sizes.Length; g++)
        {
            if (sizes[g] == 0) continue;
            theta[g] = 1 - Math.Sqrt(sigmaE2 / (sizes[g] * sigmaU2 + sigmaE2));
            thetaMin = Math.Min(thetaMin, theta[g]);
            thetaMax = Math.Max(thetaMax, theta[g]);
        }
        var xStar = new ColumnMajorMatrix(n, k + 1);
        var yStar = new double[n];
        var constant = xStar.Column(0);
        for (int r = 0; r < n; r++)
        {
            constant[r] = 1 - theta[codes[r]];
            yStar[r] = design.Y[r] - theta[codes[r]] * yMean[codes[r]];
        }
        for (int j = 0; j < k; j++)
        {
            var m = GroupMeans(design.X.Column(j).ToArray(), codes, sizes);
            var src = design.X.Column(j);
            var dst = xStar.Column(j + 1);
            for (int r = 0; r < n; r++) dst[r] = src[r] - theta[codes[r]] * m[codes[r]];
        }
        var names = new[] { LinearPanelEstimator.InterceptName }.Concat(design.RegressorNames).ToArray();
        var gls = LinearPanelEstimator.Fit(
            new RegressionDesign(design.Dependent, yStar, names, xStar, [], design.Groupings.Append(entity).ToArray(), design.Periods),
            options with { Intercept = false, FixedEffects = [] }, overwrite: true, missing, rows);

        var vcov = gls.VarianceMatrix();
        var coefficients = LinearPanelEstimator.BuildCoefficients(
            gls.Coefficients.Select(c => c.Name).ToArray(), gls.Coefficients.Select(c => c.Estimate).ToArray(),
            vcov, double.PositiveInfinity, options.ConfidenceLevel, useNormal: true);
        // Composite residuals y − a − Xb on the original scale, so fitted values are the linear prediction.
        var composite = (double[])design.Y.Clone();
        foreach (var c in coefficients)
        {
            if (c.Name == LinearPanelEstimator.InterceptName)
                for (int r = 0; r < n; r++) composite[r] -= c.Estimate;
            else
                VectorKernels.Axpy(-c.Estimate, design.X.Column(Array.IndexOf(design.RegressorNames.ToArray(), c.Name)), composite);
        }
        notes.AddRange(gls.Notes.Where(s => !notes.Contains(s)));
        var components = new RandomEffectsComponents(Math.Sqrt(sigmaU2), Math.Sqrt(sigmaE2), sigmaU2 / (sigmaU2 + sigmaE2), thetaMin, thetaMax);
        return new RandomEffectsResult(gls, coefficients, components, design.Y, composite, notes);
    }

    private static double[] GroupMeans(double[] v, ReadOnlySpan<int> codes, ReadOnlySpan<int> sizes)
    {
        var m = new double[sizes.Length];
        for (int r = 0; r < v.Length; r++) m[codes[r]] += v[r];
        for (int g = 0; g < m.Length; g++) m[g] = sizes[g] > 0 ? m[g] / sizes[g] : 0;
        return m;
    }

    private static int[] DenseLevels(ReadOnlySpan<int> sizes)
    {
        var map = new int[sizes.Length];
        int next = 0;
        for (int g = 0; g < sizes.Length; g++) map[g] = sizes[g] > 0 ? next++ : -1;
        return map;
    }
}

/// <summary>
/// Hausman (1978) specification test of random against fixed effects:
/// H = (b_FE − b_RE)' [V_FE − V_RE]⁻ (b_FE − b_RE) ~ χ²(q) over the q common slopes. When V_FE − V_RE is not
/// positive definite the Moore–Penrose inverse is used and q is its rank (Stata notes this case too).
/// </summary>
/// <param name="Statistic">H.</param>
/// <param name="DegreesOfFreedom">q (rank of the difference matrix).</param>
/// <param name="PValue">P(χ²(q) &gt; H).</param>
/// <param name="Coefficients">The slopes compared.</param>
/// <param name="Note">Remark when the difference matrix was not positive definite, else null.</param>
public sealed record HausmanTestResult(double Statistic, int DegreesOfFreedom, double PValue, IReadOnlyList<string> Coefficients, string? Note)
{
    /// <summary>Runs the test on a fixed-effects and a random-effects fit of the same model (classical variances, as Stata's <c>hausman</c>).</summary>
    /// <exception cref="SpecificationException">The inputs are not an FE and an RE result, or share no slope.</exception>
    public static HausmanTestResult Compute(PanelRegressionResult fixedEffects, RandomEffectsResult randomEffects)
    {
        ArgumentNullException.ThrowIfNull(fixedEffects);
        ArgumentNullException.ThrowIfNull(randomEffects);
        if (fixedEffects.Estimator != PanelEstimator.FixedEffects)
            throw new SpecificationException("The Hausman test compares a fixed-effects result (first) with a random-effects result (second).");
        var names = fixedEffects.Coefficients.Select(c => c.Name).Where(randomEffects.HasCoefficient).ToArray();
        if (names.Length == 0) throw new SpecificationException("The fixed- and random-effects models share no slope to compare.");
        int q = names.Length;
        var d = new double[q];
        var v = new double[q * q];
        for (int i = 0; i < q; i++)
        {
            d[i] = fixedEffects[names[i]].Estimate - randomEffects[names[i]].Estimate;
            for (int j = 0; j < q; j++)
                v[i * q + j] = fixedEffects.Covariance(names[i], names[j]) - randomEffects.Covariance(names[i], names[j]);
        }
        var (h, rank, values, tol) = SymmetricEigen.PseudoInverseQuadratic(v, d, q);
        string? note = rank < q || values.Any(x => x < -tol)
            ? $"V_FE − V_RE is not positive definite (eigenvalues {string.Join(", ", values.Select(x => x.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)))}); a generalised inverse of rank {rank} was used."
            : null;
        if (rank == 0) throw new SpecificationException("The Hausman test is undefined: V_FE − V_RE has no positive eigenvalue.");
        double p = Distributions.ChiSquaredUpper(Math.Max(0, h), rank);
        return new HausmanTestResult(h, rank, p, names, note);
    }
}
