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
/// so only the entity whose observation switches regime changes. D'D and Q₀'D against the shared base design
/// are swept once per data set by <see cref="ThresholdSweepBase"/>; a geometry only sweeps the columns of its
/// fixed thresholds. This is Hansen's (1999) estimator without his regression per grid point.</para>
/// </remarks>
internal sealed class ThresholdSearchGeometry
{
    private readonly BalancedWithinOperator _op;
    private readonly OrthonormalBasis _basis;
    private readonly ThresholdSweepBase _sweep;
    private readonly double[] _mInverse;
    private readonly bool[] _usable;

    /// <summary>Relative pivot tolerance below which M(γ) counts as singular (the candidate is skipped).</summary>
    public const double SingularityTolerance = 1e-10;

    /// <summary>
    /// Builds the geometry for the design <paramref name="basis"/>, whose first columns are the basis of
    /// <paramref name="sweep"/> and whose remaining columns (fixed thresholds' blocks) are swept here.
    /// </summary>
    /// <param name="sweep">The threshold-independent part shared by every search of the data set.</param>
    /// <param name="basis">Orthonormal basis of the fixed design W (an extension of the sweep's basis).</param>
    /// <param name="admissible">Candidates allowed by trimming, exclusion and minimum regime size.</param>
    public ThresholdSearchGeometry(ThresholdSweepBase sweep, OrthonormalBasis basis, bool[] admissible)
    {
        _sweep = sweep;
        _op = sweep.Operator;
        _basis = basis;
        int kx = sweep.RegimeDependentCount;
        _mInverse = new double[sweep.CandidateCount * kx * kx];
        _usable = (bool[])admissible.Clone();
        Build();
    }

    /// <summary>Number of grid candidates (admissible or not).</summary>
    public int CandidateCount => _sweep.CandidateCount;

    /// <summary>The fixed design's basis.</summary>
    public OrthonormalBasis Basis => _basis;

    /// <summary>True when candidate c takes part in the search (admissible and M(γ) non-singular).</summary>
    public bool IsUsable(int c) => _usable[c];

    /// <summary>True when at least one candidate is usable.</summary>
    public bool HasUsableCandidate => Array.IndexOf(_usable, true) >= 0;

    private void Build()
    {
        int kx = _sweep.RegimeDependentCount, k0 = _sweep.BaseColumns, ke = _basis.Columns - k0;
        var order = _sweep.Order;
        var xSorted = _sweep.XSorted;
        var breakpoints = _sweep.Breakpoints;
        int n = order.Length;
        // P'q_j for the columns beyond the shared base, gathered in q-sorted order.
        var pool = System.Buffers.ArrayPool<double>.Shared;
        var qhat = pool.Rent(Math.Max(1, n * ke));
        var full = pool.Rent(_op.FullLength);
        try
        {
            Sweep(qhat, full, kx, k0, ke, order, xSorted, breakpoints);
        }
        finally
        {
            pool.Return(qhat);
            pool.Return(full);
        }
    }

    private void Sweep(double[] qhat, double[] fullBuffer, int kx, int k0, int ke, int[] order, double[] xSorted, int[] breakpoints)
    {
        int n = order.Length;
        var full = fullBuffer.AsSpan(0, _op.FullLength);
        for (int j = 0; j < ke; j++)
        {
            _op.ApplyAdjoint(_basis.Q(k0 + j), full);
            for (int p = 0; p < n; p++) qhat[p * ke + j] = full[order[p]];
        }
        var dq = new double[kx * ke];
        var m = new double[kx * kx];
        int pos = 0;
        for (int c = 0; c < breakpoints.Length; c++)
        {
            for (; pos < breakpoints[c]; pos++)
            {
                var qrow = qhat.AsSpan(pos * ke, ke);
                for (int u = 0; u < kx; u++)
                {
                    double xu = xSorted[pos * kx + u];
                    var dqu = dq.AsSpan(u * ke, ke);
                    for (int j = 0; j < ke; j++) dqu[j] += xu * qrow[j];
                }
            }
            if (!_usable[c]) continue;
            var mBase = _sweep.BaseM(c);
            for (int u = 0; u < kx; u++)
                for (int v = 0; v < kx; v++)
                {
                    double sum = 0;
                    for (int j = 0; j < ke; j++) sum += dq[u * ke + j] * dq[v * ke + j];
                    m[u * kx + v] = mBase[u * kx + v] - sum;
                }
            _usable[c] = InvertSymmetric(m, _sweep.CrossProduct(c), kx, _mInverse.AsSpan(c * kx * kx, kx * kx));
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
        if (!SmallCholesky.TryFactor(m, scale, SingularityTolerance, k, lower)) return false;
        SmallCholesky.Invert(lower, k, inverse);
        return true;
    }

    /// <summary>
    /// SSE(γ) for every candidate for the dependent variable <paramref name="y"/> (least-squares space);
    /// unusable candidates get NaN (callers skip them). Returns e'e, the SSE of the fixed design alone.
    /// </summary>
    public double Evaluate(ReadOnlySpan<double> y, Span<double> sse, GeometryScratch scratch)
    {
        _basis.Residualize(y, scratch.Residual);
        return EvaluateResidual(sse, scratch);
    }

    /// <summary>
    /// As <see cref="Evaluate"/>, starting from the residual on the shared base design,
    /// e₀ = M₀y: because the extra basis columns are orthogonal to the base ones, M_W y = e₀ − Σ_extra q_j q_j'e₀,
    /// which saves re-projecting on the base columns in the bootstrap's second and third searches.
    /// </summary>
    public double EvaluateFromBaseResidual(ReadOnlySpan<double> baseResidual, Span<double> sse, GeometryScratch scratch)
    {
        var e = scratch.Residual;
        baseResidual.CopyTo(e);
        for (int j = _sweep.BaseColumns; j < _basis.Columns; j++)
        {
            var q = _basis.Q(j);
            VectorKernels.Axpy(-VectorKernels.Dot(q, e), q, e);
        }
        return EvaluateResidual(sse, scratch);
    }

    private double EvaluateResidual(Span<double> sse, GeometryScratch scratch)
    {
        var e = scratch.Residual;
        var ehat = scratch.Full;
        double baseSse = VectorKernels.Dot(e, e);
        _op.ApplyAdjoint(e, ehat);
        int kx = _sweep.RegimeDependentCount;
        var breakpoints = _sweep.Breakpoints;
        var xSorted = _sweep.XSorted;
        var order = _sweep.Order;
        Span<double> r = stackalloc double[kx];
        r.Clear();
        int pos = 0;
        for (int c = 0; c < breakpoints.Length; c++)
        {
            int end = breakpoints[c];
            if (kx == 1)
            {
                double r0 = r[0];
                for (; pos < end; pos++) r0 += xSorted[pos] * ehat[order[pos]];
                r[0] = r0;
                sse[c] = _usable[c] ? baseSse - r0 * r0 * _mInverse[c] : double.NaN;
                continue;
            }
            for (; pos < end; pos++)
            {
                double eh = ehat[order[pos]];
                for (int u = 0; u < kx; u++) r[u] += xSorted[pos * kx + u] * eh;
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
        BaseResidual = new double[op.LeastSquaresLength];
    }

    /// <summary>Residual on the shared base design, kept between the searches of one replication.</summary>
    public double[] BaseResidual { get; }

    /// <summary>Least-squares-space residual buffer.</summary>
    public double[] Residual { get; }

    /// <summary>Full-panel buffer for P'e.</summary>
    public double[] Full { get; }

    /// <summary>SSE per candidate.</summary>
    public double[] Sse { get; }

    /// <summary>A least-squares-space buffer for a bootstrap dependent variable.</summary>
    public double[] Y { get; }
}
