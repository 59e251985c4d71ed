namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// The fixed-effects within operator P of a balanced panel stored entity-major (full index f = i·T + t),
/// optionally followed by deleting each entity's last period as Hansen (1999) does. P maps a full-panel
/// column u (N·T) to the least-squares space (N·L rows, L = T or T − 1):
/// (P u)_{i,t} = u_{i,t} − (1/T) Σ_s u_{i,s} for t &lt; L. Its adjoint P' (least-squares space → full panel)
/// pads the dropped period with 0 and demeans over all T periods, so that (P u)'a = u'(P'a) for any a.
/// That identity is what lets a threshold search update cross-products observation by observation.
/// </summary>
/// <remarks>
/// Hansen's GAUSS code and <c>ptm.R</c> (pdR) demean over the T periods and then drop period T; the
/// standard within transformation (Stata <c>xtreg, fe</c>, plm) keeps all T rows (L = T).
/// </remarks>
internal sealed class BalancedWithinOperator
{
    /// <summary>Creates the operator for <paramref name="entities"/> × <paramref name="periods"/>.</summary>
    public BalancedWithinOperator(int entities, int periods, bool dropLastPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entities, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, dropLastPeriod ? 2 : 1);
        Entities = entities;
        Periods = periods;
        KeptPeriods = dropLastPeriod ? periods - 1 : periods;
    }

    /// <summary>N.</summary>
    public int Entities { get; }

    /// <summary>T, periods per entity in the full panel.</summary>
    public int Periods { get; }

    /// <summary>L, rows per entity in the least-squares step (T or T − 1).</summary>
    public int KeptPeriods { get; }

    /// <summary>N·T.</summary>
    public int FullLength => Entities * Periods;

    /// <summary>N·L.</summary>
    public int LeastSquaresLength => Entities * KeptPeriods;

    /// <summary>ls ← P full (demean by entity over all T periods, keep the first L).</summary>
    public void Apply(ReadOnlySpan<double> full, Span<double> ls)
    {
        int t = Periods, l = KeptPeriods;
        for (int i = 0; i < Entities; i++)
        {
            var block = full.Slice(i * t, t);
            double mean = VectorKernels.Sum(block) / t;
            var target = ls.Slice(i * l, l);
            for (int s = 0; s < l; s++) target[s] = block[s] - mean;
        }
    }

    /// <summary>full ← P' ls (pad the dropped period with 0, then demean by entity over all T).</summary>
    public void ApplyAdjoint(ReadOnlySpan<double> ls, Span<double> full)
    {
        int t = Periods, l = KeptPeriods;
        for (int i = 0; i < Entities; i++)
        {
            var block = ls.Slice(i * l, l);
            double mean = VectorKernels.Sum(block) / t;
            var target = full.Slice(i * t, t);
            for (int s = 0; s < l; s++) target[s] = block[s] - mean;
            for (int s = l; s < t; s++) target[s] = -mean;
        }
    }

    /// <summary>P applied to a new full-panel column, returned as a new array.</summary>
    public double[] Apply(ReadOnlySpan<double> full)
    {
        var ls = new double[LeastSquaresLength];
        Apply(full, ls);
        return ls;
    }
}
