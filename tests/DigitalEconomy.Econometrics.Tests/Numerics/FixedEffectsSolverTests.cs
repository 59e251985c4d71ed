using DigitalEconomy.Econometrics.Numerics;
using FluentAssertions;
using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Tests.Numerics;

/// <summary>
/// The stronger fixed-effects solver (conjugate gradient on the coefficients' normal equations) on a design where
/// alternating projections stall: individuals who rarely change firm, so the individual–firm graph is only weakly
/// connected. The reference is an exact least-squares solve written here from the explicit dummy matrices
/// (Frisch–Waugh–Lovell: the individual dummies are removed by group means, the firm and year dummies by a dense
/// Cholesky solve of their normal equations). Coefficients are compared to 1e-8 relative: the solver stops when
/// every group mean of the residual is below 1e-12 × RMS(column) (1e-12 instead of the default 1e-10 because the
/// coefficient error is the residual criterion times the condition number of the weakly connected graph).
/// </summary>
public class FixedEffectsSolverTests
{
    private sealed record HardDesign(int[] Ind, int[] Firm, int[] Year, int Individuals, int Firms, int Years, double[] X, double[] Y);

    /// <summary>Individuals start at a firm of their block and move to a random firm with probability <paramref name="move"/> each year.</summary>
    private static HardDesign Hard(int seed, int individuals, int firms, int years, double move)
    {
        var rng = new Random(seed);
        var ind = new List<int>();
        var firm = new List<int>();
        var year = new List<int>();
        var firmEffect = Enumerable.Range(0, firms).Select(_ => rng.NextDouble() * 4).ToArray();
        var x = new List<double>();
        var y = new List<double>();
        for (int i = 0; i < individuals; i++)
        {
            int f = (int)((long)i * firms / individuals);
            double ai = rng.NextDouble() * 2;
            for (int t = 0; t < years; t++)
            {
                if (rng.NextDouble() < move) f = rng.Next(firms);
                ind.Add(i);
                firm.Add(f);
                year.Add(t);
                double xi = rng.NextDouble() + 0.3 * firmEffect[f] + 0.1 * t;
                x.Add(xi);
                y.Add(1.5 * xi + ai + firmEffect[f] + 0.05 * t + rng.NextDouble() - 0.5);
            }
        }
        var order = Enumerable.Range(0, ind.Count).ToArray();
        rng.Shuffle(order); // scattered rows: no sorted fast paths
        return new HardDesign(order.Select(r => ind[r]).ToArray(), order.Select(r => firm[r]).ToArray(), order.Select(r => year[r]).ToArray(),
            individuals, firms, years, order.Select(r => x[r]).ToArray(), order.Select(r => y[r]).ToArray());
    }

    private static GroupCodes[] Factors(HardDesign d, bool withYears) => withYears
        ? [new GroupCodes("ind", d.Ind, d.Individuals), new GroupCodes("firm", d.Firm, d.Firms), new GroupCodes("year", d.Year, d.Years)]
        : [new GroupCodes("ind", d.Ind, d.Individuals), new GroupCodes("firm", d.Firm, d.Firms)];

    /// <summary>
    /// Exact residual of each column on [D_ind, D_firm, D_year]: with Z the firm dummies (firm 0 dropped) and year
    /// dummies (year 0 dropped), e = M_ind v − M_ind Z θ where θ solves (M_ind Z)'(M_ind Z) θ = (M_ind Z)' v.
    /// Needs a connected design (checked by the caller) so that dropping one level per extra factor is exact.
    /// </summary>
    private static double[][] ExactResiduals(HardDesign d, bool withYears, params double[][] columns)
    {
        int n = d.Ind.Length;
        int m = d.Firms - 1 + (withYears ? d.Years - 1 : 0);
        // Z as explicit (row → list of column indices) of the dummy matrix.
        var zCols = new List<int>[n];
        for (int r = 0; r < n; r++)
        {
            zCols[r] = [];
            if (d.Firm[r] > 0) zCols[r].Add(d.Firm[r] - 1);
            if (withYears && d.Year[r] > 0) zCols[r].Add(d.Firms - 1 + d.Year[r] - 1);
        }
        var rowsOf = new List<int>[d.Individuals];
        for (int i = 0; i < d.Individuals; i++) rowsOf[i] = [];
        for (int r = 0; r < n; r++) rowsOf[d.Ind[r]].Add(r);
        // G = Z'Z − Σ_i c_i c_i' / n_i, c_i = Z' 1_i.
        var g = new double[m, m];
        for (int r = 0; r < n; r++)
            foreach (int j in zCols[r])
                foreach (int k in zCols[r]) g[j, k] += 1;
        foreach (var rows in rowsOf)
        {
            if (rows.Count == 0) continue;
            var c = new Dictionary<int, double>();
            foreach (int r in rows)
                foreach (int j in zCols[r]) c[j] = c.GetValueOrDefault(j) + 1;
            foreach (var (j, cj) in c)
                foreach (var (k, ck) in c) g[j, k] -= cj * ck / rows.Count;
        }
        var chol = Matrix<double>.Build.DenseOfArray(g).Cholesky();
        var result = new double[columns.Length][];
        for (int col = 0; col < columns.Length; col++)
        {
            var mv = (double[])columns[col].Clone();
            foreach (var rows in rowsOf)
            {
                if (rows.Count == 0) continue;
                double mean = rows.Sum(r => mv[r]) / rows.Count;
                foreach (int r in rows) mv[r] -= mean;
            }
            var rhs = new double[m];
            for (int r = 0; r < n; r++)
                foreach (int j in zCols[r]) rhs[j] += mv[r];
            var theta = chol.Solve(Vector<double>.Build.DenseOfArray(rhs)).ToArray();
            var fit = new double[n];
            for (int r = 0; r < n; r++)
                foreach (int j in zCols[r]) fit[r] += theta[j];
            foreach (var rows in rowsOf)
            {
                if (rows.Count == 0) continue;
                double mean = rows.Sum(r => fit[r]) / rows.Count;
                foreach (int r in rows) mv[r] -= fit[r] - mean;
            }
            result[col] = mv;
        }
        return result;
    }

    private static int Components(HardDesign d)
    {
        var parent = Enumerable.Range(0, d.Individuals + d.Firms).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        for (int r = 0; r < d.Ind.Length; r++) parent[Find(d.Ind[r])] = Find(d.Individuals + d.Firm[r]);
        return Enumerable.Range(0, parent.Length).Count(v => Find(v) == v);
    }

    private static double Slope(double[] x, double[] y) => x.Zip(y, (a, b) => a * b).Sum() / x.Sum(a => a * a);

    private static double MaxDifference(double[] a, double[] b) => a.Zip(b, (u, v) => Math.Abs(u - v)).Max();

    private static double Rms(double[] v) => Math.Sqrt(v.Sum(a => a * a) / v.Length);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Conjugate_gradient_equals_the_exact_dummy_solve_on_a_weakly_connected_design(bool withYears)
    {
        var d = Hard(7, 2_000, 300, 10, 0.08);
        Components(d).Should().Be(1, "the reference solve drops one level per extra factor, exact only when connected");
        var exact = ExactResiduals(d, withYears, d.X, d.Y);
        var x = (double[])d.X.Clone();
        var y = (double[])d.Y.Clone();
        var p = new FixedEffectsProjector(Factors(d, withYears), new ProjectionSettings(Tolerance: 1e-12, ExactTwoWayMaxLevels: 0));
        var report = p.DemeanInPlace(new ColumnMajorMatrix(x.Length, 1, x), y);
        report.Method.Should().Be(FixedEffectsAlgorithm.ConjugateGradient, "alternating projections stall on this design");
        report.Converged.Should().BeTrue();
        report.AchievedTolerance.Should().BeLessThanOrEqualTo(1e-12);
        double bExact = Slope(exact[0], exact[1]);
        Slope(x, y).Should().BeApproximately(bExact, 1e-8 * Math.Abs(bExact));
        MaxDifference(y, exact[1]).Should().BeLessThanOrEqualTo(1e-8 * Rms(d.Y), $"{report}");
    }

    [Fact]
    public void A_tiny_alternating_budget_switches_to_conjugate_gradient_and_still_converges()
    {
        var d = Hard(3, 600, 80, 8, 0.08);
        Components(d).Should().Be(1);
        var exact = ExactResiduals(d, true, d.Y)[0];
        var y = (double[])d.Y.Clone();
        var p = new FixedEffectsProjector(Factors(d, true), new ProjectionSettings(Tolerance: 1e-12, AlternatingIterationBudget: 2));
        p.Method.Should().Be(FixedEffectsAlgorithm.AlternatingProjections, "alternating projections are tried first");
        var report = p.DemeanInPlace(y);
        report.Method.Should().Be(FixedEffectsAlgorithm.ConjugateGradient);
        report.Converged.Should().BeTrue();
        report.Iterations.Should().BeGreaterThan(2, "two sweeps plus the conjugate-gradient steps");
        MaxDifference(y, exact).Should().BeLessThanOrEqualTo(1e-8 * Rms(d.Y), $"{report}");
    }

    [Fact]
    public void Zero_budget_uses_conjugate_gradient_from_the_start()
    {
        var d = Hard(5, 300, 40, 6, 0.1);
        var p = new FixedEffectsProjector(Factors(d, true), new ProjectionSettings(AlternatingIterationBudget: 0));
        p.Method.Should().Be(FixedEffectsAlgorithm.ConjugateGradient);
        var y = (double[])d.Y.Clone();
        var report = p.DemeanInPlace(y);
        report.Converged.Should().BeTrue();
        report.Method.Should().Be(FixedEffectsAlgorithm.ConjugateGradient);
        Components(d).Should().Be(1);
        var exact = ExactResiduals(d, true, d.Y)[0];
        // Default tolerance 1e-10 on group means of the residual: the residual agrees to 1e-7 of the column's RMS.
        MaxDifference(y, exact).Should().BeLessThanOrEqualTo(1e-7 * Rms(d.Y), $"{report}");
    }

    [Fact]
    public void The_cap_is_reached_only_after_conjugate_gradient_was_tried()
    {
        var d = Hard(5, 300, 40, 6, 0.1);
        var p = new FixedEffectsProjector(Factors(d, false), new ProjectionSettings(Tolerance: 1e-14, MaxIterations: 3, ExactTwoWayMaxLevels: 0, RequireConvergence: false));
        var y = (double[])d.Y.Clone();
        var report = p.DemeanInPlace(y);
        report.Converged.Should().BeFalse();
        report.Method.Should().Be(FixedEffectsAlgorithm.ConjugateGradient);
        report.Iterations.Should().Be(6, "3 sweeps, then 3 conjugate-gradient steps");
        report.AchievedTolerance.Should().BeGreaterThan(1e-14);
    }

    /// <summary>Rank of an explicit dense matrix by Gaussian elimination with partial pivoting (entries are 0/1 dummies).</summary>
    private static int DenseRank(double[,] a)
    {
        int rows = a.GetLength(0), cols = a.GetLength(1), rank = 0;
        for (int c = 0; c < cols && rank < rows; c++)
        {
            int pivot = rank;
            for (int r = rank + 1; r < rows; r++) if (Math.Abs(a[r, c]) > Math.Abs(a[pivot, c])) pivot = r;
            if (Math.Abs(a[pivot, c]) < 1e-9) continue;
            for (int k = 0; k < cols; k++) (a[rank, k], a[pivot, k]) = (a[pivot, k], a[rank, k]);
            for (int r = rank + 1; r < rows; r++)
            {
                double factor = a[r, c] / a[rank, c];
                if (factor == 0) continue;
                for (int k = c; k < cols; k++) a[r, k] -= factor * a[rank, k];
            }
            rank++;
        }
        return rank;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Absorbed_parameters_equal_the_dense_rank_of_the_dummies_on_disconnected_designs(int seed)
    {
        // Four separate blocks of entities and periods (plus an unused level of each factor): several components.
        var rng = new Random(seed);
        const int la = 41, lb = 21;
        var a = new List<int>();
        var b = new List<int>();
        for (int block = 0; block < 4; block++)
            for (int k = 0; k < 40; k++)
            {
                a.Add(block * 10 + rng.Next(10));
                b.Add(block * 5 + rng.Next(5));
            }
        var fa = new GroupCodes("a", a.ToArray(), la);
        var fb = new GroupCodes("b", b.ToArray(), lb);
        var dense = new double[a.Count, la + lb];
        for (int r = 0; r < a.Count; r++)
        {
            dense[r, a[r]] = 1;
            dense[r, la + b[r]] = 1;
        }
        var p = new FixedEffectsProjector([fa, fb], new ProjectionSettings(ExactTwoWayMaxLevels: 0));
        p.AbsorbedParameterCount.Should().Be(DenseRank(dense));
        var exact = new FixedEffectsProjector([fa, fb]);
        exact.AbsorbedParameterCount.Should().Be(DenseRank(dense));
    }
}
