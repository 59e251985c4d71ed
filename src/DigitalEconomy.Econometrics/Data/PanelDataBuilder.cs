namespace DigitalEconomy.Econometrics.Data;

/// <summary>
/// Assembles a <see cref="PanelData"/> in code, column by column:
/// <code>
/// var panel = new PanelDataBuilder("city", "year")
///     .Keys(["A", "A", "B"], [2008, 2009, 2008])
///     .Numeric("gdp", [1.0, 1.2, 0.8])
///     .Text("region", ["East", "East", "West"])
///     .Build();
/// </code>
/// Rows may come in any order; <see cref="Build"/> sorts them by (entity, time) and rejects duplicate keys.
/// </summary>
public sealed class PanelDataBuilder
{
    private readonly string _entityName;
    private readonly string _timeName;
    private Factor? _entities;
    private Factor? _times;
    private readonly List<KeyValuePair<string, double[]>> _numeric = [];
    private readonly List<KeyValuePair<string, Factor>> _categorical = [];

    /// <summary>Starts a panel whose keys are named <paramref name="entityName"/> and <paramref name="timeName"/>.</summary>
    public PanelDataBuilder(string entityName, string timeName)
    {
        _entityName = entityName;
        _timeName = timeName;
    }

    /// <summary>Text entity labels and integer periods (years).</summary>
    public PanelDataBuilder Keys(IReadOnlyList<string> entities, int[] times)
    {
        ArgumentNullException.ThrowIfNull(entities);
        _entities = Factor.FromStrings(entities);
        _times = Factor.FromIntegers(times);
        return this;
    }

    /// <summary>Integer entity ids and integer periods.</summary>
    public PanelDataBuilder Keys(int[] entities, int[] times)
    {
        _entities = Factor.FromIntegers(entities);
        _times = Factor.FromIntegers(times);
        return this;
    }

    /// <summary>Text entity labels and text periods (e.g. "2008Q1"; ordered as text).</summary>
    public PanelDataBuilder Keys(IReadOnlyList<string> entities, IReadOnlyList<string> times)
    {
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(times);
        _entities = Factor.FromStrings(entities);
        _times = Factor.FromStrings(times);
        return this;
    }

    /// <summary>Adds a numeric column (NaN = missing); the array is used as it is when rows are already sorted.</summary>
    public PanelDataBuilder Numeric(string name, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _numeric.Add(new(name, values));
        return this;
    }

    /// <summary>Adds a text (categorical) column.</summary>
    public PanelDataBuilder Text(string name, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _categorical.Add(new(name, Factor.FromStrings(values)));
        return this;
    }

    /// <summary>The panel, rows sorted by (entity, time).</summary>
    /// <exception cref="EconometricsException">Keys not set, duplicate keys, or a column of the wrong length.</exception>
    public PanelData Build()
    {
        if (_entities is null || _times is null)
            throw new EconometricsException("Call Keys(...) before Build(): a panel needs entity and time keys.");
        return PanelData.Create(_entityName, _entities, _timeName, _times, _numeric, _categorical, null, null);
    }
}
