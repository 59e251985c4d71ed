using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Tests.Regression;

/// <summary>
/// Test-side reference: OLS with explicit dummy columns for every fixed effect, solved by MathNet's QR on the
/// full design, with textbook sandwich formulas written out loop by loop. Independent of the library's
/// within transformations, rank rules and meat kernels.
/// </summary>
internal sealed class DummyVariableOls
{
    public double[] Beta { get; }
    public double[] Residuals { get; }
    public Matrix<double> Bread { get; } // (Z'Z)⁻¹ block of the slopes
    public int N { get; }
    public int Rank { get; }
    public int Slopes { get; }
    private readonly Matrix<double> _x; // slopes only

    /// <param name="y">Outcome.</param>
    /// <param name="slopes">Slope columns.</param>
    /// <param name="factors">Fixed-effect codes (each 0..L−1, every level used).</param>
    public DummyVariableOls(double[] y, double[][] slopes, int[][] factors)
    {
        N = y.Length;
        Slopes = slopes.Length;
        var columns = new List<double[]>();
        columns.AddRange(slopes);
        // All levels of the first factor (absorbs the intercept), then levels 1.. of the others; redundant
        // columns from disconnected designs are removed below by a rank-revealing pass.
        for (int f = 0; f < factors.Length; f++)
        {
            int levels = factors[f].Max() + 1;
            for (int l = f == 0 ? 0 : 1; l < levels; l++)
                columns.Add(factors[f].Select(c => c == l ? 1.0 : 0.0).ToArray());
        }
        if (factors.Length == 0) columns.Insert(0, Enumerable.Repeat(1.0, N).ToArray());
        // Greedy independent subset (slopes first so they are never the ones removed).
        var kept = new List<double[]>();
        foreach (var c in columns)
        {
            var trial = Matrix<double>.Build.DenseOfColumnArrays(kept.Append(c).ToArray());
            if (trial.Rank() == kept.Count + 1) kept.Add(c);
        }
        Rank = kept.Count;
        var z = Matrix<double>.Build.DenseOfColumnArrays(kept.ToArray());
        var yv = Vector<double>.Build.DenseOfArray(y);
        var coef = z.QR().Solve(yv);
        int offset = factors.Length == 0 ? 1 : 0;
        Beta = Enumerable.Range(0, Slopes).Select(j => coef[j + offset]).ToArray();
        Residuals = (yv - z * coef).ToArray();
        var inv = (z.TransposeThisAndMultiply(z)).Inverse();
        Bread = inv.SubMatrix(offset, Slopes, offset, Slopes);
        // The slope block of the full sandwich needs the full Z; keep it for meats.
        _z = z;
        _inv = inv;
        _offset = offset;
        _x = z.SubMatrix(0, N, offset, Slopes);
    }

    private readonly Matrix<double> _z;
    private readonly Matrix<double> _inv;
    private readonly int _offset;

    public double Rss => Residuals.Sum(e => e * e);

    /// <summary>Slope block of (Z'Z)⁻¹ (Σ_g s_g s_g') (Z'Z)⁻¹ with scores over the full dummy design.</summary>
    public Matrix<double> ClusterSandwich(int[] clusters)
    {
        int p = _z.ColumnCount;
        var meat = Matrix<double>.Build.Dense(p, p);
        foreach (var g in clusters.Distinct())
        {
            var s = Vector<double>.Build.Dense(p);
            for (int r = 0; r < N; r++)
                if (clusters[r] == g) s += _z.Row(r) * Residuals[r];
            meat += s.OuterProduct(s);
        }
        var v = _inv * meat * _inv;
        return v.SubMatrix(_offset, Slopes, _offset, Slopes);
    }

    public Matrix<double> HeteroskedasticSandwich() => ClusterSandwich(Enumerable.Range(0, N).ToArray());
}
