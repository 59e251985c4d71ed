namespace DigitalEconomy.Econometrics.Dynamics;

/// <summary>
/// The spatial lag W·y of one period's values: given the period, the entities observed in it and their values (in the
/// same order), returns the lag of each entity (NaN where it has no observed neighbour). The minimal contract through
/// which the distribution-dynamics estimators take spatial weights, so that any weights representation can supply it.
/// </summary>
/// <param name="period">Period label.</param>
/// <param name="entities">Entity labels observed in the period.</param>
/// <param name="values">Their values.</param>
/// <returns>Σ_j w_ij y_j for each entity, in the order of <paramref name="entities"/>.</returns>
public delegate double[] SpatialLag(string period, IReadOnlyList<string> entities, IReadOnlyList<double> values);

/// <summary>One spatial weight w_ij: the weight of neighbour <paramref name="To"/> in the lag of <paramref name="From"/>.</summary>
/// <param name="From">Entity i whose lag is formed.</param>
/// <param name="To">Neighbour j.</param>
/// <param name="Weight">w_ij ≥ 0.</param>
public sealed record SpatialWeightEntry(string From, string To, double Weight);

/// <summary>Builds <see cref="SpatialLag"/> functions from weight lists.</summary>
public static class SpatialLags
{
    /// <summary>
    /// The lag Σ_j w_ij y_j over the neighbours j of i observed in the period; with <paramref name="rowStandardise"/>
    /// (default) the weights of each row are divided by their sum over the observed neighbours, so the lag is the
    /// weighted mean of the neighbours (Anselin 1988, <i>Spatial Econometrics: Methods and Models</i>, ch. 3).
    /// An entity with no observed neighbour gets NaN.
    /// </summary>
    /// <exception cref="SpecificationException">A negative or non-finite weight, a self-neighbour, or a pair listed twice.</exception>
    public static SpatialLag FromEntries(IEnumerable<SpatialWeightEntry> entries, bool rowStandardise = true)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var neighbours = new Dictionary<string, List<(string To, double W)>>(StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        foreach (var e in entries)
        {
            if (!(e.Weight >= 0) || double.IsInfinity(e.Weight))
                throw new SpecificationException($"Spatial weight ({e.From}, {e.To}) is {e.Weight}; weights must be non-negative numbers.");
            if (e.From == e.To)
                throw new SpecificationException($"Spatial weight ({e.From}, {e.To}) makes a unit its own neighbour; the diagonal of W must be zero.");
            if (!seen.Add((e.From, e.To)))
                throw new SpecificationException($"Spatial weight ({e.From}, {e.To}) is listed twice.");
            if (e.Weight == 0) continue;
            if (!neighbours.TryGetValue(e.From, out var list)) neighbours[e.From] = list = [];
            list.Add((e.To, e.Weight));
        }
        return (_, entities, values) =>
        {
            var position = new Dictionary<string, int>(entities.Count, StringComparer.Ordinal);
            for (int i = 0; i < entities.Count; i++) position[entities[i]] = i;
            var lag = new double[entities.Count];
            for (int i = 0; i < entities.Count; i++)
            {
                double sum = 0, weight = 0;
                if (neighbours.TryGetValue(entities[i], out var list))
                    foreach (var (to, w) in list)
                        if (position.TryGetValue(to, out int j))
                        {
                            sum += w * values[j];
                            weight += w;
                        }
                lag[i] = weight > 0 ? (rowStandardise ? sum / weight : sum) : double.NaN;
            }
            return lag;
        };
    }
}
