namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// Slope variables interacted with a fixed effect: for <c>g[z]</c> the absorbed columns are the level dummies
/// of g and the dummies times z; for <c>g[[z]]</c> (<see cref="SlopesOnly"/>) only the dummies times z.
/// </summary>
/// <param name="Values">One array per slope variable, one value per row.</param>
/// <param name="SlopesOnly">True when the level dummies themselves are not absorbed.</param>
internal sealed record VaryingSlopes(IReadOnlyList<double[]> Values, bool SlopesOnly)
{
    /// <summary>The slopes restricted to the rows where <paramref name="keep"/> is true.</summary>
    public VaryingSlopes Subset(ReadOnlySpan<bool> keep)
    {
        int m = 0;
        foreach (var k in keep) if (k) m++;
        var values = new double[Values.Count][];
        for (int s = 0; s < values.Length; s++)
        {
            var v = new double[m];
            for (int r = 0, i = 0; r < keep.Length; r++)
                if (keep[r]) v[i++] = Values[s][r];
            values[s] = v;
        }
        return this with { Values = values };
    }
}

/// <summary>
/// The exact annihilator of fixed effects some of which carry varying slopes. The block with the most
/// parameters (the "large" one, e.g. city[trend]) is removed level by level: in each level the column is
/// regressed on that level's basis (1, z₁, …), exactly. The other blocks' columns (dummies, dummies × slopes,
/// usually few, e.g. years) are formed explicitly, residualised on the large block and orthonormalised
/// (modified Gram–Schmidt, twice), so M_D x = M_A x − Q Q' M_A x with no iteration. This is the
/// Frisch–Waugh–Lovell decomposition span(D) = span(A) ⊕ span(M_A B). The number of absorbed parameters is
/// the exact rank of D (levels where a slope does not vary contribute no slope parameter).
/// </summary>
internal sealed class VaryingSlopeProjector
{
    /// <summary>Relative norm below which a basis column is taken as a combination of earlier ones.</summary>
    private const double CollinearityTolerance = 1e-9;

    /// <summary>Cap on explicit columns × rows (8 bytes each) kept for the small blocks.</summary>
    private const long MaxExplicitCells = 40_000_000;

    private readonly int _rows;
    private readonly int[] _order;          // rows grouped by level of the large block
    private readonly int[] _levelStart;     // level g occupies _order[_levelStart[g] .. _levelStart[g + 1])
    private readonly double[][] _basis;     // per basis column j, orthonormal within each level (0 where dropped)
    private readonly List<double[]> _small = [];

    public VaryingSlopeProjector(IReadOnlyList<GroupCodes> factors, IReadOnlyList<VaryingSlopes?> slopes)
    {
        if (factors.Count == 0) throw new ArgumentException("No fixed effects.", nameof(factors));
        _rows = factors[0].Count;
        int Width(int f) => slopes[f] is { } s ? s.Values.Count + (s.SlopesOnly ? 0 : 1) : 1;
        int large = 0;
        for (int f = 1; f < factors.Count; f++)
            if ((long)factors[f].NonEmptyLevelCount * Width(f) > (long)factors[large].NonEmptyLevelCount * Width(large)) large = f;

        // Large block: per-level orthonormal basis.
        var g = factors[large];
        var codes = g.Codes;
        _levelStart = new int[g.LevelCount + 1];
        foreach (var c in codes) _levelStart[c + 1]++;
        for (int l = 0; l < g.LevelCount; l++) _levelStart[l + 1] += _levelStart[l];
        _order = new int[_rows];
        var fill = (int[])_levelStart.Clone();
        for (int r = 0; r < _rows; r++) _order[fill[codes[r]]++] = r;
        var raw = BasisColumns(slopes[large]);
        _basis = raw.Select(_ => new double[_rows]).ToArray();
        int rank = 0;
        for (int l = 0; l < g.LevelCount; l++)
        {
            int a = _levelStart[l], b = _levelStart[l + 1];
            for (int j = 0; j < raw.Length; j++)
            {
                var q = _basis[j];
                double original = 0;
                for (int i = a; i < b; i++)
                {
                    int r = _order[i];
                    q[r] = raw[j]?[r] ?? 1.0;
                    original += q[r] * q[r];
                }
                for (int pass = 0; pass < 2; pass++)
                    for (int h = 0; h < j; h++)
                    {
                        var p = _basis[h];
                        double dot = 0;
                        for (int i = a; i < b; i++) dot += p[_order[i]] * q[_order[i]];
                        for (int i = a; i < b; i++) q[_order[i]] -= dot * p[_order[i]];
                    }
                double norm = 0;
                for (int i = a; i < b; i++) norm += q[_order[i]] * q[_order[i]];
                norm = Math.Sqrt(norm);
                if (!(norm > CollinearityTolerance * Math.Sqrt(original)) || original == 0)
                {
                    for (int i = a; i < b; i++) q[_order[i]] = 0;
                    continue;
                }
                for (int i = a; i < b; i++) q[_order[i]] /= norm;
                rank++;
            }
        }

        // Other blocks: explicit columns, residualised on the large block, orthonormalised.
        long cells = 0;
        for (int f = 0; f < factors.Count; f++)
        {
            if (f == large) continue;
            var other = factors[f];
            var basis = BasisColumns(slopes[f]);
            var oc = other.Codes;
            cells += (long)other.NonEmptyLevelCount * basis.Length * _rows;
            if (cells > MaxExplicitCells)
                throw new SpecificationException(
                    $"Fixed effect '{other.Name}' has too many levels to be absorbed exactly next to the varying slopes of '{g.Name}' " +
                    $"({other.NonEmptyLevelCount:N0} levels × {_rows:N0} rows); put the largest fixed effect first in a slope term or reduce the other effects.");
            var sizes = other.Sizes;
            for (int level = 0; level < other.LevelCount; level++)
            {
                if (sizes[level] == 0) continue;
                foreach (var z in basis)
                {
                    var v = new double[_rows];
                    for (int r = 0; r < _rows; r++) if (oc[r] == level) v[r] = z?[r] ?? 1.0;
                    double original = Math.Sqrt(VectorKernels.Dot(v, v));
                    if (original == 0) continue;
                    ProjectLarge(v);
                    for (int pass = 0; pass < 2; pass++)
                        foreach (var q in _small) VectorKernels.Axpy(-VectorKernels.Dot(q, v), q, v);
                    double norm = Math.Sqrt(VectorKernels.Dot(v, v));
                    if (!(norm > CollinearityTolerance * original)) continue;
                    for (int r = 0; r < _rows; r++) v[r] /= norm;
                    _small.Add(v);
                }
            }
        }
        AbsorbedParameterCount = rank + _small.Count;
    }

    /// <summary>Exact rank of the absorbed dummy (and dummy × slope) matrix.</summary>
    public int AbsorbedParameterCount { get; }

    /// <summary>Replaces every column of <paramref name="x"/> and <paramref name="y"/> by its residual on the absorbed columns.</summary>
    public ProjectionReport DemeanInPlace(ColumnMajorMatrix x, double[] y)
    {
        if (x.Rows != _rows || y.Length != _rows) throw new ArgumentException("Row count differs from the fixed effects.");
        int k = x.Columns;
        if ((long)_rows * (k + 1) > 50_000)
            Parallel.For(0, k + 1, j => Project(j < k ? x.Column(j) : y));
        else
            for (int j = 0; j <= k; j++) Project(j < k ? x.Column(j) : y);
        return new ProjectionReport(FixedEffectsAlgorithm.ExactWithSlopes, 1, true);
    }

    /// <summary>Residual of one column on the absorbed columns, in place.</summary>
    public void Project(Span<double> v)
    {
        ProjectLarge(v);
        foreach (var q in _small) VectorKernels.Axpy(-VectorKernels.Dot(q, v), q, v);
    }

    private void ProjectLarge(Span<double> v)
    {
        for (int l = 0; l + 1 < _levelStart.Length; l++)
        {
            int a = _levelStart[l], b = _levelStart[l + 1];
            foreach (var q in _basis)
            {
                double dot = 0;
                for (int i = a; i < b; i++) dot += q[_order[i]] * v[_order[i]];
                if (dot == 0) continue;
                for (int i = a; i < b; i++) v[_order[i]] -= dot * q[_order[i]];
            }
        }
    }

    // null stands for the constant column (the level dummy itself).
    private static double[]?[] BasisColumns(VaryingSlopes? s) =>
        s is null ? [null] : s.SlopesOnly ? [.. s.Values] : [null, .. s.Values];
}
