namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// The part of every threshold search of one data set that does not depend on the fixed thresholds:
/// observations sorted once by q, and for every grid candidate γ the cross-product D(γ)'D(γ) and
/// M₀(γ) = D'D − (Q₀'D)'(Q₀'D) against the base design (regime-independent regressors and the whole
/// regime-dependent block, orthonormal basis Q₀). Built in one sorted pass; see
/// <see cref="ThresholdSearchGeometry"/> for the algebra.
/// </summary>
/// <remarks>
/// D'D = u'P'Pu is a per-entity quadratic form: for entity i with s_i = Σ_t u_it, a_i = Σ_{t kept} u_it and
/// m_i = s_i/T, D'D = Σ_{kept} u u' + Σ_i [L m_i m_i' − m_i a_i' − a_i m_i'], so when one observation crosses
/// γ only its entity's term changes; Q₀'D = Σ_{q &lt; γ} x (P'Q₀) likewise gains one term.
/// </remarks>
internal sealed class ThresholdSweepBase
{
    private readonly double[] _dd;
    private readonly double[] _mBase;

    /// <summary>Runs the sweep.</summary>
    /// <param name="op">Within operator of the balanced panel.</param>
    /// <param name="baseBasis">Orthonormal basis of the base design in the least-squares space.</param>
    /// <param name="order">Full-panel indices sorted by increasing threshold variable.</param>
    /// <param name="xSorted">Regime-dependent regressors in that order, row-major (position·kx + a).</param>
    /// <param name="regimeDependentCount">kx.</param>
    /// <param name="breakpoints">For each candidate (ascending), the number of observations with q &lt; γ.</param>
    public ThresholdSweepBase(BalancedWithinOperator op, OrthonormalBasis baseBasis, int[] order, double[] xSorted,
        int regimeDependentCount, int[] breakpoints)
    {
        Operator = op;
        BaseBasis = baseBasis;
        Order = order;
        XSorted = xSorted;
        RegimeDependentCount = regimeDependentCount;
        Breakpoints = breakpoints;
        int kx = regimeDependentCount, kw = baseBasis.Columns, n = order.Length, t = op.Periods, l = op.KeptPeriods;
        _dd = new double[breakpoints.Length * kx * kx];
        _mBase = new double[breakpoints.Length * kx * kx];

        var qhat = new double[n * kw];
        var full = new double[op.FullLength];
        for (int j = 0; j < kw; j++)
        {
            op.ApplyAdjoint(baseBasis.Q(j), full);
            for (int p = 0; p < n; p++) qhat[p * kw + j] = full[order[p]];
        }
        var a = new double[op.Entities * kx];
        var s = new double[op.Entities * kx];
        var sxx = new double[kx * kx];
        var corr = new double[kx * kx];
        var dq = new double[kx * kw];
        int pos = 0;
        for (int c = 0; c < breakpoints.Length; c++)
        {
            for (; pos < breakpoints[c]; pos++)
            {
                int f = order[pos], i = f / t;
                bool kept = f - i * t < l;
                var x = xSorted.AsSpan(pos * kx, kx);
                var ai = a.AsSpan(i * kx, kx);
                var si = s.AsSpan(i * kx, kx);
                AddEntityCorrection(corr, ai, si, -1, t, l);
                if (kept)
                {
                    for (int u = 0; u < kx; u++)
                    {
                        ai[u] += x[u];
                        for (int v = 0; v < kx; v++) sxx[u * kx + v] += x[u] * x[v];
                    }
                }
                for (int u = 0; u < kx; u++) si[u] += x[u];
                AddEntityCorrection(corr, ai, si, +1, t, l);
                var qrow = qhat.AsSpan(pos * kw, kw);
                for (int u = 0; u < kx; u++)
                {
                    double xu = x[u];
                    var dqu = dq.AsSpan(u * kw, kw);
                    for (int j = 0; j < kw; j++) dqu[j] += xu * qrow[j];
                }
            }
            var dd = _dd.AsSpan(c * kx * kx, kx * kx);
            var mb = _mBase.AsSpan(c * kx * kx, kx * kx);
            for (int u = 0; u < kx * kx; u++) dd[u] = sxx[u] + corr[u];
            for (int u = 0; u < kx; u++)
                for (int v = 0; v < kx; v++)
                {
                    double sum = 0;
                    for (int j = 0; j < kw; j++) sum += dq[u * kw + j] * dq[v * kw + j];
                    mb[u * kx + v] = dd[u * kx + v] - sum;
                }
        }
    }

    /// <summary>Within operator of the panel.</summary>
    public BalancedWithinOperator Operator { get; }

    /// <summary>Basis Q₀ of the base design.</summary>
    public OrthonormalBasis BaseBasis { get; }

    /// <summary>Number of base columns k₀.</summary>
    public int BaseColumns => BaseBasis.Columns;

    /// <summary>Full-panel indices sorted by q.</summary>
    public int[] Order { get; }

    /// <summary>Regime-dependent regressors in q order, row-major.</summary>
    public double[] XSorted { get; }

    /// <summary>kx.</summary>
    public int RegimeDependentCount { get; }

    /// <summary>#(q &lt; γ_c) per candidate.</summary>
    public int[] Breakpoints { get; }

    /// <summary>Number of candidates.</summary>
    public int CandidateCount => Breakpoints.Length;

    /// <summary>D(γ_c)'D(γ_c), kx×kx row-major.</summary>
    public ReadOnlySpan<double> CrossProduct(int c) => _dd.AsSpan(c * RegimeDependentCount * RegimeDependentCount, RegimeDependentCount * RegimeDependentCount);

    /// <summary>M₀(γ_c) = D'D − (Q₀'D)'(Q₀'D), kx×kx row-major.</summary>
    public ReadOnlySpan<double> BaseM(int c) => _mBase.AsSpan(c * RegimeDependentCount * RegimeDependentCount, RegimeDependentCount * RegimeDependentCount);

    // corr += sign · (L m m' − m a' − a m') with m = s/T: the entity's term in D'D.
    private static void AddEntityCorrection(double[] corr, ReadOnlySpan<double> a, ReadOnlySpan<double> s, int sign, int t, int l)
    {
        int kx = a.Length;
        for (int u = 0; u < kx; u++)
        {
            double mu = s[u] / t;
            for (int v = 0; v < kx; v++)
            {
                double mv = s[v] / t;
                corr[u * kx + v] += sign * (l * mu * mv - mu * a[v] - a[u] * mv);
            }
        }
    }
}
