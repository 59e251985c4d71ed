namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// Everything of one threshold grid search that does not depend on the dependent variable, built in one
/// sorted pass over the data; afterwards the SSE of every candidate for any y costs one residualisation
/// plus one cumulative sum (Frisch–Waugh–Lovell).
/// </summary>
/// <remarks>
/// <para>Design at candidate γ: [W, D(γ)], where W (fixed: regime-independent regressors, the full
/// regime-dependent block and the columns of already fixed thresholds) has an orthonormal basis Q, and
/// D(γ) = P(x·1(q &lt; γ)) is the within-transformed lower-regime block (kx columns). Because
/// 1(γa ≤ q &lt; γb) = 1(q &lt; γb) − 1(q &lt; γa), [W, D(γ)] spans the same space as the regime-by-regime
/// design of every threshold model, whichever side of the fixed thresholds γ falls on. By FWL,</para>
/// <para>SSE(γ) = e'e − r(γ)' M(γ)⁻¹ r(γ), e = M_W y, r(γ) = D(γ)'e, M(γ) = D(γ)'D(γ) − (Q'D(γ))'(Q'D(γ)).</para>
/// <para>With u = x·1(q &lt; γ) (full panel) and the adjoint identity D'a = u'(P'a), both r(γ) and Q'D(γ) are
/// sums over the observations below γ, so walking the observations in increasing q adds one term per
/// observation. D'D = u'P'Pu is a per-entity quadratic form: with, for entity i, s_i = Σ_t u_it,
/// a_i = Σ_{t kept} u_it and m_i = s_i/T, D'D = Σ_{kept} u u' + Σ_i [L m_i m_i' − m_i a_i' − a_i m_i'],
/// so only the entity whose observation switches regime changes. This is Hansen's (1999) estimator
/// without his regression per grid point.</para>
/// </remarks>
internal sealed class ThresholdSearchGeometry
{
    private readonly BalancedWithinOperator _op;
    private readonly OrthonormalBasis _basis;
    private readonly int[] _order;
    private readonly double[] _xSorted;
    private readonly int[] _breakpoints;
    private readonly int _kx;
    private readonly double[] _mInverse;
    private readonly bool[] _usable;

    /// <summary>Relative pivot tolerance below which M(γ) counts as singular (the candidate is skipped).</summary>
    public const double SingularityTolerance = 1e-10;

    /// <summary>Builds the geometry in one pass over the observations sorted by q.</summary>
    /// <param name="op">Within operator of the balanced panel.</param>
    /// <param name="basis">Orthonormal basis of the fixed design W in the least-squares space.</param>
    /// <param name="order">Full-panel indices sorted by increasing threshold variable.</param>
    /// <param name="xSorted">Regime-dependent regressors in that order, row-major (position·kx + a).</param>
    /// <param name="regimeDependentCount">kx.</param>
    /// <param name="breakpoints">For each candidate (ascending), the number of observations with q &lt; γ.</param>
    /// <param name="admissible">Candidates allowed by trimming, exclusion and minimum regime size.</param>
    public ThresholdSearchGeometry(BalancedWithinOperator op, OrthonormalBasis basis, int[] order, double[] xSorted,
        int regimeDependentCount, int[] breakpoints, bool[] admissible)
    {
        _op = op;
        _basis = basis;
        _order = order;
        _xSorted = xSorted;
        _kx = regimeDependentCount;
        _breakpoints = breakpoints;
        int candidates = breakpoints.Length;
        _mInverse = new double[candidates * _kx * _kx];
        _usable = (bool[])admissible.Clone();
        Build();
    }

    /// <summary>Number of grid candidates (admissible or not).</summary>
    public int CandidateCount => _breakpoints.Length;

    /// <summary>The fixed design's basis.</summary>
    public OrthonormalBasis Basis => _basis;

    /// <summary>True when candidate c takes part in the search (admissible and M(γ) non-singular).</summary>
    public bool IsUsable(int c) => _usable[c];

    /// <summary>True when at least one candidate is usable.</summary>
    public bool HasUsableCandidate => Array.IndexOf(_usable, true) >= 0;

    private void Build()
    {
        int kx = _kx, kw = _basis.Columns, n = _order.Length, t = _op.Periods, l = _op.KeptPeriods;
        // P'q_j for every basis column, gathered into q-sorted order so the sweep streams through memory.
        var qhat = new double[n * kw];
        var full = new double[_op.FullLength];
        for (int j = 0; j < kw; j++)
        {
            _op.ApplyAdjoint(_basis.Q(j), full);
            for (int p = 0; p < n; p++) qhat[p * kw + j] = full[_order[p]];
        }
        var a = new double[_op.Entities * kx];
        var s = new double[_op.Entities * kx];
        var sxx = new double[kx * kx];
        var corr = new double[kx * kx];
        var dq = new double[kx * kw];
        var dd = new double[kx * kx];
        var m = new double[kx * kx];
        int pos = 0;
        for (int c = 0; c < _breakpoints.Length; c++)
        {
            for (; pos < _breakpoints[c]; pos++)
            {
                int f = _order[pos], i = f / t;
                bool kept = f - i * t < l;
                var x = _xSorted.AsSpan(pos * kx, kx);
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
            if (!_usable[c]) continue;
            for (int u = 0; u < kx * kx; u++) dd[u] = sxx[u] + corr[u];
            for (int u = 0; u < kx; u++)
                for (int v = 0; v < kx; v++)
                {
                    double sum = 0;
                    for (int j = 0; j < kw; j++) sum += dq[u * kw + j] * dq[v * kw + j];
                    m[u * kx + v] = dd[u * kx + v] - sum;
                }
            _usable[c] = InvertSymmetric(m, dd, kx, _mInverse.AsSpan(c * kx * kx, kx * kx));
        }
    }

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

    // Inverse of a small SPD matrix by Cholesky; false when a pivot is negligible relative to D'D's diagonal.
    private static bool InvertSymmetric(ReadOnlySpan<double> m, ReadOnlySpan<double> scale, int k, Span<double> inverse)
    {
        if (k == 1)
        {
            if (!(m[0] > SingularityTolerance * scale[0]) || !double.IsFinite(m[0])) return false;
            inverse[0] = 1 / m[0];
            return true;
        }
        Span<double> lower = stackalloc double[k * k];
        lower.Clear();
        for (int j = 0; j < k; j++)
        {
            double d = m[j * k + j];
            for (int p = 0; p < j; p++) d -= lower[j * k + p] * lower[j * k + p];
            if (!(d > SingularityTolerance * scale[j * k + j]) || !double.IsFinite(d)) return false;
            double ljj = Math.Sqrt(d);
            lower[j * k + j] = ljj;
            for (int i = j + 1; i < k; i++)
            {
                double v = m[i * k + j];
                for (int p = 0; p < j; p++) v -= lower[i * k + p] * lower[j * k + p];
                lower[i * k + j] = v / ljj;
            }
        }
        // L⁻¹ column by column, then M⁻¹ = L⁻ᵀ L⁻¹.
        Span<double> linv = stackalloc double[k * k];
        linv.Clear();
        for (int j = 0; j < k; j++)
        {
            linv[j * k + j] = 1 / lower[j * k + j];
            for (int i = j + 1; i < k; i++)
            {
                double v = 0;
                for (int p = j; p < i; p++) v -= lower[i * k + p] * linv[p * k + j];
                linv[i * k + j] = v / lower[i * k + i];
            }
        }
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                double v = 0;
                for (int p = Math.Max(i, j); p < k; p++) v += linv[p * k + i] * linv[p * k + j];
                inverse[i * k + j] = v;
            }
        return true;
    }

    /// <summary>
    /// SSE(γ) for every candidate for the dependent variable <paramref name="y"/> (least-squares space);
    /// unusable candidates get NaN (callers skip them). Returns e'e, the SSE of the fixed design alone.
    /// </summary>
    public double Evaluate(ReadOnlySpan<double> y, Span<double> sse, GeometryScratch scratch)
    {
        var e = scratch.Residual;
        var ehat = scratch.Full;
        _basis.Residualize(y, e);
        double baseSse = VectorKernels.Dot(e, e);
        _op.ApplyAdjoint(e, ehat);
        int kx = _kx;
        Span<double> r = stackalloc double[kx];
        r.Clear();
        int pos = 0;
        for (int c = 0; c < _breakpoints.Length; c++)
        {
            int end = _breakpoints[c];
            if (kx == 1)
            {
                double r0 = r[0];
                for (; pos < end; pos++) r0 += _xSorted[pos] * ehat[_order[pos]];
                r[0] = r0;
                sse[c] = _usable[c] ? baseSse - r0 * r0 * _mInverse[c] : double.NaN;
                continue;
            }
            for (; pos < end; pos++)
            {
                double eh = ehat[_order[pos]];
                for (int u = 0; u < kx; u++) r[u] += _xSorted[pos * kx + u] * eh;
            }
            if (!_usable[c])
            {
                sse[c] = double.NaN;
                continue;
            }
            var inv = _mInverse.AsSpan(c * kx * kx, kx * kx);
            double quad = 0;
            for (int u = 0; u < kx; u++)
            {
                double row = 0;
                for (int v = 0; v < kx; v++) row += inv[u * kx + v] * r[v];
                quad += r[u] * row;
            }
            sse[c] = baseSse - quad;
        }
        return baseSse;
    }

    /// <summary>Index of the first smallest SSE among usable candidates (R's <c>which.min</c>), or −1.</summary>
    public int ArgMin(ReadOnlySpan<double> sse)
    {
        int best = -1;
        for (int c = 0; c < sse.Length; c++)
            if (_usable[c] && (best < 0 || sse[c] < sse[best])) best = c;
        return best;
    }
}

/// <summary>Per-thread work arrays for <see cref="ThresholdSearchGeometry.Evaluate"/>.</summary>
internal sealed class GeometryScratch
{
    /// <summary>Allocates buffers for a panel of the given sizes and grid.</summary>
    public GeometryScratch(BalancedWithinOperator op, int candidates)
    {
        Residual = new double[op.LeastSquaresLength];
        Full = new double[op.FullLength];
        Sse = new double[candidates];
        Y = new double[op.LeastSquaresLength];
    }

    /// <summary>Least-squares-space residual buffer.</summary>
    public double[] Residual { get; }

    /// <summary>Full-panel buffer for P'e.</summary>
    public double[] Full { get; }

    /// <summary>SSE per candidate.</summary>
    public double[] Sse { get; }

    /// <summary>A least-squares-space buffer for a bootstrap dependent variable.</summary>
    public double[] Y { get; }
}
