namespace DigitalEconomy.Econometrics.Gmm;

/// <summary>
/// One regressor of a dynamic panel model: a variable entered at one or more lags, e.g.
/// <c>Lags("lemp", 1, 2)</c> for y<sub>t−1</sub> and y<sub>t−2</sub> (plm's <c>lag(lemp, 1:2)</c>, Stata's <c>L(1/2).lemp</c>).
/// Lag 0 is the contemporaneous value.
/// </summary>
/// <param name="Variable">Column name.</param>
/// <param name="LagList">Lags entered, each one regressor column (non-negative, distinct).</param>
public sealed record GmmRegressor(string Variable, IReadOnlyList<int> LagList)
{
    /// <summary>The variable at the current period only (lag 0).</summary>
    public static GmmRegressor Current(string variable) => new(variable, [0]);

    /// <summary>The variable at every lag from <paramref name="from"/> to <paramref name="to"/> (inclusive).</summary>
    public static GmmRegressor Lags(string variable, int from, int to)
    {
        if (from < 0 || to < from)
            throw new SpecificationException($"Lag range {from}:{to} of '{variable}' is invalid: expected 0 ≤ from ≤ to.");
        return new(variable, Enumerable.Range(from, to - from + 1).ToArray());
    }

    /// <summary>Column name of lag <paramref name="lag"/> of the variable as written in results: "x", "L.x", "L2.x" (Stata's convention).</summary>
    public static string NameOf(string variable, int lag) => lag switch
    {
        0 => variable,
        1 => "L." + variable,
        _ => $"L{lag}.{variable}",
    };
}

/// <summary>
/// GMM-style ("Holtz-Eakin–Newey–Rosen") instruments for one variable with a lag range, xtabond2's
/// <c>gmm(v, lag(a b))</c> and plm's <c>lag(v, a:b)</c> in the instrument part. For the differenced equation of
/// period t the instruments are the levels v<sub>t−a</sub>, …, v<sub>t−b</sub> (those that exist), one column per
/// period and lag unless collapsed; for the levels equation of system GMM the instrument is the lagged difference
/// Δv<sub>t−a+1</sub> (the deeper ones are redundant given the differenced-equation moments; Blundell and Bond 1998).
/// </summary>
/// <param name="Variable">Column name.</param>
/// <param name="MinLag">Shallowest lag a (≥ 1; 2 for the lagged dependent variable under serially uncorrelated errors).</param>
/// <param name="MaxLag">Deepest lag b, or null for all available (xtabond2's <c>.</c>).</param>
/// <param name="Collapse">
/// True to collapse this instrument set (Roodman 2009): one column per lag instead of one per period and lag,
/// so the count grows linearly rather than quadratically in T. Collapsing can also be asked for every set at once
/// with <see cref="GmmOptions.Collapse"/>.
/// </param>
public sealed record GmmInstrument(string Variable, int MinLag, int? MaxLag, bool Collapse = false)
{
    /// <summary>Short label, e.g. "gmm(lemp, 2:.)".</summary>
    public string Label => $"gmm({Variable}, {MinLag}:{(MaxLag?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ".")})";
}

/// <summary>
/// An IV-style (standard) instrument: one column holding the variable at a lag, differenced for the differenced
/// equation and in levels for the levels equation of system GMM (each equation gets its own column, as plm does).
/// </summary>
/// <param name="Variable">Column name.</param>
/// <param name="Lag">Lag of the variable (0 = current).</param>
public sealed record IvInstrument(string Variable, int Lag = 0)
{
    /// <summary>Short label, e.g. "iv(L.lwage)".</summary>
    public string Label => $"iv({GmmRegressor.NameOf(Variable, Lag)})";
}

/// <summary>
/// A linear dynamic panel model y<sub>it</sub> = Σ x<sub>it</sub>'β + α<sub>i</sub> + ε<sub>it</sub> with lagged regressors,
/// its GMM-style instruments and its IV-style instruments. Example (Arellano and Bond 1991, Table 4 (b)):
/// <code>new GmmSpecification("lemp",
///     [GmmRegressor.Lags("lemp", 1, 2), GmmRegressor.Lags("lwage", 0, 1), GmmRegressor.Current("lcap"), GmmRegressor.Lags("lout", 0, 1)],
///     [new GmmInstrument("lemp", 2, null)])</code>
/// </summary>
/// <param name="Dependent">Dependent variable.</param>
/// <param name="Regressors">Regressors with their lags (the lagged dependent variable is listed here too).</param>
/// <param name="GmmInstruments">GMM-style instrument sets (at least one).</param>
public sealed record GmmSpecification(string Dependent, IReadOnlyList<GmmRegressor> Regressors, IReadOnlyList<GmmInstrument> GmmInstruments)
{
    /// <summary>
    /// IV-style instruments, or null for plm's default: every regressor whose variable is not a GMM-instrument
    /// variable, at the same lags (strictly exogenous regressors instrument themselves).
    /// </summary>
    public IReadOnlyList<IvInstrument>? IvInstruments { get; init; }

    /// <summary>The IV-style instruments in effect: <see cref="IvInstruments"/> or the default described there.</summary>
    public IReadOnlyList<IvInstrument> EffectiveIvInstruments =>
        IvInstruments ?? Regressors
            .Where(r => GmmInstruments.All(g => g.Variable != r.Variable))
            .SelectMany(r => r.LagList.Select(l => new IvInstrument(r.Variable, l)))
            .ToArray();
}
