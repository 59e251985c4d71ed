using DigitalEconomy.Econometrics.Model;

namespace DigitalEconomy.Econometrics.Regression;

/// <summary>The estimated coefficients of one fixed effect, one per level present in the estimation sample.</summary>
/// <param name="Name">Fixed-effect term, e.g. "city" or "province^year".</param>
/// <param name="Levels">Level labels.</param>
/// <param name="Values">Coefficient of each level (same order).</param>
public sealed record FixedEffectEstimates(string Name, IReadOnlyList<string> Levels, IReadOnlyList<double> Values)
{
    /// <summary>The coefficient of <paramref name="level"/>.</summary>
    /// <exception cref="SpecificationException">The level is not in the estimation sample.</exception>
    public double this[string level]
    {
        get
        {
            for (int i = 0; i < Levels.Count; i++) if (Levels[i] == level) return Values[i];
            throw new SpecificationException($"Fixed effect '{Name}' has no level '{level}' in the estimation sample.");
        }
    }
}

/// <summary>Recovered fixed effects with the normalisation that pins them down.</summary>
/// <param name="Effects">One entry per absorbed fixed effect, in model order.</param>
/// <param name="Normalisation">How the otherwise unidentified constants were fixed, in words.</param>
public sealed record RecoveredFixedEffects(IReadOnlyList<FixedEffectEstimates> Effects, string Normalisation)
{
    /// <summary>The effect named <paramref name="name"/>.</summary>
    public FixedEffectEstimates this[string name] =>
        Effects.FirstOrDefault(e => e.Name == name) ?? throw new SpecificationException($"No fixed effect named '{name}'; the model has {string.Join(", ", Effects.Select(e => e.Name))}.");
}

/// <summary>
/// Post-estimation on the estimation sample of a model fitted from a panel: the linear predictor Xβ̂,
/// predictions, residuals and the fixed effects themselves (fixest's <c>predict</c>, <c>resid</c>, <c>fixef</c>).
/// </summary>
public static class PostEstimation
{
    /// <summary>Fitted values ŷ = Xβ̂ + Σ fixed effects, one per estimation row (<see cref="PanelRegressionResult.EstimationRows"/>).</summary>
    public static double[] Predictions(this PanelRegressionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.FittedValues();
    }

    /// <summary>The linear predictor Xβ̂ (intercept included, fixed effects excluded) on the estimation rows.</summary>
    /// <exception cref="SpecificationException">The result was fitted from arrays, not from a panel.</exception>
    public static double[] LinearPredictor(this PanelRegressionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var source = result.Source ?? throw new SpecificationException("The linear predictor needs a model fitted from a PanelData (this one was fitted from arrays).");
        var rows = result.EstimationRows;
        bool intercept = DesignBuilder.HasIntercept(source.Options.FixedEffects, source.Options.Intercept);
        var x = DesignBuilder.Regressors(source.Panel, source.Options.Regressors, intercept, rows);
        var names = DesignBuilder.ColumnNames(source.Panel, source.Options.Regressors, intercept);
        var xb = new double[rows.Count];
        if (result.HasCoefficient(LinearPanelEstimator.InterceptName))
            Array.Fill(xb, result[LinearPanelEstimator.InterceptName].Estimate);
        for (int j = 0; j < names.Count; j++)
        {
            if (!result.HasCoefficient(names[j])) continue; // dropped (collinear or absorbed)
            double b = result[names[j]].Estimate;
            var column = x.Column(j);
            for (int r = 0; r < xb.Length; r++) xb[r] += b * column[r];
        }
        return xb;
    }

    /// <summary>
    /// The fixed effects α̂ such that ŷ = Xβ̂ + Σ_k α̂_k[level of row], solved from ŷ − Xβ̂ by alternating
    /// projections. Normalisation (as fixest's <c>fixef()</c>): the first level of every fixed effect after the
    /// first is 0, so the first effect absorbs the constant. With several fixed effects whose levels form more
    /// than one connected group, one reference per group would be needed; the values are then one of many
    /// exact solutions (the fitted values are unaffected).
    /// </summary>
    /// <exception cref="SpecificationException">No fixed effects, a model fitted from arrays, or varying slopes (not recovered).</exception>
    public static RecoveredFixedEffects RecoverFixedEffects(this PanelRegressionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var source = result.Source ?? throw new SpecificationException("Recovering fixed effects needs a model fitted from a PanelData.");
        if (result.Estimator != PanelEstimator.FixedEffects || source.Options.FixedEffects.Count == 0)
            throw new SpecificationException("The model has no absorbed fixed effects to recover.");
        var factors = DesignBuilder.FixedEffects(source.Panel, source.Options.FixedEffects, result.EstimationRows);
        if (factors.Any(f => f.HasSlopes))
            throw new SpecificationException("Recovering fixed effects with varying slopes (g[x]) is not supported.");
        var fitted = result.FittedValues();
        var xb = result.LinearPredictor();
        int n = fitted.Length;
        var d = new double[n];
        double scale = 1;
        for (int r = 0; r < n; r++)
        {
            d[r] = fitted[r] - xb[r];
            scale = Math.Max(scale, Math.Abs(d[r]));
        }
        var alpha = factors.Select(f => new double[f.Groups.LevelCount]).ToArray();
        var sizes = factors.Select(f => f.Groups.LevelSizes()).ToArray();
        var sums = new double[factors.Max(f => f.Groups.LevelCount)];
        var partial = new double[n];
        const int maxSweeps = 100_000;
        int sweep = 0;
        for (; sweep < maxSweeps; sweep++)
        {
            double change = 0;
            for (int k = 0; k < factors.Count; k++)
            {
                var codes = factors[k].Groups.Codes;
                for (int r = 0; r < n; r++)
                {
                    double others = 0;
                    for (int h = 0; h < factors.Count; h++)
                        if (h != k) others += alpha[h][factors[h].Groups.Codes[r]];
                    partial[r] = d[r] - others;
                }
                Array.Clear(sums);
                for (int r = 0; r < n; r++) sums[codes[r]] += partial[r];
                for (int g = 0; g < alpha[k].Length; g++)
                {
                    double v = sizes[k][g] > 0 ? sums[g] / sizes[k][g] : 0;
                    change = Math.Max(change, Math.Abs(v - alpha[k][g]));
                    alpha[k][g] = v;
                }
            }
            if (change <= 1e-14 * scale || factors.Count == 1) break;
        }
        if (sweep == maxSweeps)
            throw new SpecificationException($"Recovering the fixed effects did not converge in {maxSweeps:N0} sweeps.");
        for (int k = 1; k < factors.Count; k++)
        {
            double shift = alpha[k][0];
            for (int g = 0; g < alpha[k].Length; g++) alpha[k][g] -= shift;
            for (int g = 0; g < alpha[0].Length; g++) alpha[0][g] += shift;
        }
        var effects = factors.Select((f, k) => new FixedEffectEstimates(f.Name, f.Groups.Levels.ToArray(), alpha[k])).ToArray();
        var rule = factors.Count == 1
            ? $"No normalisation needed: one fixed effect ({factors[0].Name}), whose levels absorb the constant."
            : $"The first level of every fixed effect but the first ({string.Join(", ", factors.Skip(1).Select(f => $"{f.Name} = {f.Groups.Levels[0]}"))}) is set to 0; {factors[0].Name} absorbs the constant.";
        return new RecoveredFixedEffects(effects, rule);
    }
}
