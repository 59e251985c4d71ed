namespace DigitalEconomy.Econometrics.Inference;

/// <summary>
/// The estimated variance–covariance matrix V̂ of a result's coefficients, labelled by coefficient name (same order
/// as the result's coefficients). Immutable; Wald tests and delta-method calculations start from it.
/// </summary>
public sealed class VarianceMatrix
{
    private readonly double[,] _values;
    private readonly Dictionary<string, int> _index;

    /// <summary>Wraps a copy of <paramref name="values"/> (square, one row per name).</summary>
    /// <exception cref="ArgumentException">The matrix is not square or does not match the names.</exception>
    public VarianceMatrix(IReadOnlyList<string> names, double[,] values)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(values);
        if (values.GetLength(0) != names.Count || values.GetLength(1) != names.Count)
            throw new ArgumentException($"A variance matrix for {names.Count} coefficients must be {names.Count} × {names.Count}; got {values.GetLength(0)} × {values.GetLength(1)}.", nameof(values));
        Names = names.ToArray();
        _values = (double[,])values.Clone();
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Names.Count; i++) _index.TryAdd(Names[i], i);
    }

    /// <summary>Coefficient names, in matrix order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of coefficients.</summary>
    public int Count => Names.Count;

    /// <summary>V̂[i, j].</summary>
    public double this[int i, int j] => _values[i, j];

    /// <summary>Cov(β_a, β_b).</summary>
    /// <exception cref="SpecificationException">Unknown coefficient name.</exception>
    public double Covariance(string a, string b) => _values[IndexOf(a), IndexOf(b)];

    /// <summary>Position of coefficient <paramref name="name"/>.</summary>
    /// <exception cref="SpecificationException">Unknown coefficient name.</exception>
    public int IndexOf(string name) => _index.TryGetValue(name, out int i)
        ? i
        : throw new SpecificationException($"The model has no coefficient '{name}'; it has: {string.Join(", ", Names)}.");

    /// <summary>A copy of the matrix.</summary>
    public double[,] ToArray() => (double[,])_values.Clone();
}
