using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Simulation;

/// <summary>Options of <see cref="SmallPanels.Threshold(ThresholdPanelOptions?)"/>.</summary>
public sealed record ThresholdPanelOptions
{
    /// <summary>Seed. Default 1.</summary>
    public long Seed { get; init; } = 1;
    /// <summary>Number of entities. Default 100.</summary>
    public int Entities { get; init; } = 100;
    /// <summary>Number of periods (1..T). Default 10.</summary>
    public int Periods { get; init; } = 10;
    /// <summary>γ: the threshold in q. Default 0.5.</summary>
    public double Threshold { get; init; } = 0.5;
    /// <summary>θ₁: slope of x when q &lt; γ. Default 1.</summary>
    public double SlopeBelow { get; init; } = 1.0;
    /// <summary>θ₂: slope of x when q ≥ γ. Default −1.</summary>
    public double SlopeAbove { get; init; } = -1.0;
    /// <summary>σ of the i.i.d. normal error. Default 0.5.</summary>
    public double NoiseSd { get; init; } = 0.5;
}

/// <summary>Options of <see cref="SmallPanels.Mediation(MediationPanelOptions?)"/>.</summary>
public sealed record MediationPanelOptions
{
    /// <summary>Seed. Default 1.</summary>
    public long Seed { get; init; } = 1;
    /// <summary>Number of entities. Default 100.</summary>
    public int Entities { get; init; } = 100;
    /// <summary>Number of periods (1..T). Default 10.</summary>
    public int Periods { get; init; } = 10;
    /// <summary>a: effect of x on the mediator m. Default 0.5.</summary>
    public double XToMediator { get; init; } = 0.5;
    /// <summary>b: effect of m on y. Default 0.8.</summary>
    public double MediatorToY { get; init; } = 0.8;
    /// <summary>c′: direct effect of x on y. Default 0.3.</summary>
    public double Direct { get; init; } = 0.3;
    /// <summary>σ of the i.i.d. normal errors of m and y. Default 1.</summary>
    public double NoiseSd { get; init; } = 1.0;
}

/// <summary>
/// Small panels with a known truth for tests and examples, keys <c>id</c> (1..N) and <c>t</c> (1..T), entity effects
/// μ_i ~ N(0, 1), and (for mediation) time effects λ_t ~ N(0, 1).
/// </summary>
public static class SmallPanels
{
    /// <summary>
    /// Hansen-type single-threshold panel: y = μ_i + θ₁·x·1(q &lt; γ) + θ₂·x·1(q ≥ γ) + ε with x, q ~ U(0, 1) i.i.d. and
    /// ε ~ N(0, σ²). Columns y, x, q.
    /// </summary>
    public static PanelData Threshold(ThresholdPanelOptions? options = null)
    {
        options ??= new ThresholdPanelOptions();
        Check(options.Entities, options.Periods, options.NoiseSd);
        var rng = new SeededRandom(unchecked((ulong)options.Seed));
        int n = options.Entities * options.Periods;
        var (ids, ts) = Keys(options.Entities, options.Periods);
        var x = new double[n];
        var q = new double[n];
        var y = new double[n];
        for (int i = 0; i < options.Entities; i++)
        {
            double mu = rng.NextGaussian();
            for (int t = 0; t < options.Periods; t++)
            {
                int r = i * options.Periods + t;
                x[r] = rng.NextDouble();
                q[r] = rng.NextDouble();
                double slope = q[r] < options.Threshold ? options.SlopeBelow : options.SlopeAbove;
                y[r] = mu + slope * x[r] + rng.NextGaussian(0, options.NoiseSd);
            }
        }
        return PanelData.Create("id", ids, "t", ts, [new("y", y), new("x", x), new("q", q)]);
    }

    /// <summary>
    /// Two-way FE mediation panel: x = 0.5·μ_i + N(0, 1); m = μ_i + λ_t + a·x + u; y = μ_i + λ_t + c′·x + b·m + e with
    /// u, e ~ N(0, σ²) independent. The indirect effect is a·b and the total effect c′ + a·b. Columns y, x, m.
    /// </summary>
    public static PanelData Mediation(MediationPanelOptions? options = null)
    {
        options ??= new MediationPanelOptions();
        Check(options.Entities, options.Periods, options.NoiseSd);
        var rng = new SeededRandom(unchecked((ulong)options.Seed));
        int n = options.Entities * options.Periods;
        var (ids, ts) = Keys(options.Entities, options.Periods);
        var lambda = new double[options.Periods];
        for (int t = 0; t < lambda.Length; t++) lambda[t] = rng.NextGaussian();
        var x = new double[n];
        var m = new double[n];
        var y = new double[n];
        for (int i = 0; i < options.Entities; i++)
        {
            double mu = rng.NextGaussian();
            for (int t = 0; t < options.Periods; t++)
            {
                int r = i * options.Periods + t;
                // x is correlated with the entity effect, so pooled OLS would be biased and FE is needed.
                x[r] = 0.5 * mu + rng.NextGaussian();
                m[r] = mu + lambda[t] + options.XToMediator * x[r] + rng.NextGaussian(0, options.NoiseSd);
                y[r] = mu + lambda[t] + options.Direct * x[r] + options.MediatorToY * m[r] + rng.NextGaussian(0, options.NoiseSd);
            }
        }
        return PanelData.Create("id", ids, "t", ts, [new("y", y), new("x", x), new("m", m)]);
    }

    private static void Check(int entities, int periods, double noiseSd)
    {
        if (entities < 2) throw new SpecificationException($"A panel needs at least 2 entities; got {entities}.");
        if (periods < 2) throw new SpecificationException($"A panel needs at least 2 periods; got {periods}.");
        if (!(noiseSd >= 0) || double.IsInfinity(noiseSd))
            throw new SpecificationException($"The noise standard deviation must be a non-negative number; got {noiseSd}.");
    }

    private static (int[] Ids, int[] Times) Keys(int entities, int periods)
    {
        var ids = new int[entities * periods];
        var ts = new int[entities * periods];
        for (int i = 0; i < entities; i++)
            for (int t = 0; t < periods; t++)
            {
                ids[i * periods + t] = i + 1;
                ts[i * periods + t] = t + 1;
            }
        return (ids, ts);
    }
}
