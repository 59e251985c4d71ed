using System.Numerics;
using DigitalEconomy.Econometrics.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace DigitalEconomy.Econometrics.Spatial;

/// <summary>
/// The functions of W that the spatial likelihoods need at a given ρ: log|I − ρW|, tr(G), tr(G²), tr(G'G) and
/// tr((I − ρW)⁻¹) with G = W(I − ρW)⁻¹, and solves with I − ρW.
/// <para>Exact (N up to the limit): from the eigenvalues ω of W, log|I − ρW| = Σ log(1 − ρω) (Ord 1975). When W is
/// similar to a symmetric matrix — W = D⁻¹A with A symmetric, e.g. a row-standardised symmetric pattern — the
/// eigenvalues are those of the symmetric D^½WD^−½ and are real; otherwise the general (complex) eigenvalues are used.</para>
/// <para>Approximate (larger N): log|I − ρW| = −Σ_{k≥1} ρᵏ tr(Wᵏ)/k truncated at k = 100, with tr(W) = 0 and tr(W²)
/// exact and the higher traces estimated by Hutchinson's estimator over 40 fixed Rademacher probes (the Monte Carlo
/// approach of Barry and Pace 1999); ρ is then confined to (−1/r, 1/r), r the largest absolute row sum.</para>
/// </summary>
internal sealed class SpatialOperator
{
    private const int TracePowers = 100;
    private const int Probes = 40;

    private readonly SparseMatrix _w;
    private readonly double[]? _real;
    private readonly Complex[]? _complex;
    private readonly double[]? _traces;
    private readonly double[,]? _dense;
    private double _cachedRho = double.NaN;
    private double _gtgRho = double.NaN;
    private double _gtg;
    private MathNet.Numerics.LinearAlgebra.Factorization.LU<double>? _lu;

    private SpatialOperator(SparseMatrix w, double[]? real, Complex[]? complex, double[]? traces, double[,]? dense, double lower, double upper, string method)
    {
        _w = w;
        _real = real;
        _complex = complex;
        _traces = traces;
        _dense = dense;
        Lower = lower;
        Upper = upper;
        Method = method;
    }

    public int N => _w.Size;
    public SparseMatrix W => _w;
    public double Lower { get; }
    public double Upper { get; }
    public string Method { get; }
    public bool IsExact => _traces is null;
    public bool IsRowStandardised { get; private init; }

    public static SpatialOperator Create(SpatialWeights weights, int exactLimit)
    {
        var w = weights.Matrix;
        int n = w.Size;
        bool rowStd = weights.IsRowStandardised;
        if (n <= exactLimit)
        {
            var d = SimilarityScaling(w);
            if (d is not null)
            {
                var s = new double[n, n];
                var sq = d.Select(Math.Sqrt).ToArray();
                for (int i = 0; i < n; i++)
                    for (int k = w.RowStart[i]; k < w.RowStart[i + 1]; k++)
                    {
                        int j = w.ColumnIndex[k];
                        s[i, j] = sq[i] * w.Values[k] / sq[j];
                    }
                // symmetrise exactly so the symmetric eigensolver sees a symmetric matrix
                for (int i = 0; i < n; i++)
                    for (int j = i + 1; j < n; j++) s[i, j] = s[j, i] = 0.5 * (s[i, j] + s[j, i]);
                var omega = Eigenvalues.SymmetricValues(s);
                double lo = 1 / omega.Min(), hi = 1 / omega.Max();
                return new SpatialOperator(w, omega, null, null, w.ToDense(), lo, hi, "eigenvalues (real, W similar to symmetric)") { IsRowStandardised = rowStd };
            }
            var dense = w.ToDense();
            var ev = Eigenvalues.General(dense);
            var reals = ev.Where(c => Math.Abs(c.Imaginary) < 1e-10).Select(c => c.Real).ToArray();
            double low = 1 / reals.Min(), high = 1 / reals.Max();
            return new SpatialOperator(w, null, ev, null, dense, low, high, "eigenvalues (complex, general W)") { IsRowStandardised = rowStd };
        }
        var traces = Traces(w);
        double r = 0;
        for (int i = 0; i < n; i++)
        {
            double a = 0;
            for (int k = w.RowStart[i]; k < w.RowStart[i + 1]; k++) a += Math.Abs(w.Values[k]);
            r = Math.Max(r, a);
        }
        return new SpatialOperator(w, null, null, traces, null, -1 / r, 1 / r, $"Monte Carlo traces (Barry–Pace; {TracePowers} powers, {Probes} probes)") { IsRowStandardised = rowStd };
    }

    /// <summary>d with d_i w_ij = d_j w_ji for all i, j (so D^½ W D^−½ is symmetric), or null when none exists.</summary>
    private static double[]? SimilarityScaling(SparseMatrix w)
    {
        int n = w.Size;
        if (!w.HasSymmetricPattern()) return null;
        var d = new double[n];
        var queue = new Queue<int>();
        for (int root = 0; root < n; root++)
        {
            if (d[root] != 0) continue;
            d[root] = 1;
            queue.Enqueue(root);
            while (queue.Count > 0)
            {
                int i = queue.Dequeue();
                for (int k = w.RowStart[i]; k < w.RowStart[i + 1]; k++)
                {
                    int j = w.ColumnIndex[k];
                    if (d[j] == 0)
                    {
                        d[j] = d[i] * w.Values[k] / w[j, i];
                        queue.Enqueue(j);
                    }
                }
            }
        }
        for (int i = 0; i < n; i++)
            for (int k = w.RowStart[i]; k < w.RowStart[i + 1]; k++)
            {
                int j = w.ColumnIndex[k];
                double a = d[i] * w.Values[k], b = d[j] * w[j, i];
                if (Math.Abs(a - b) > 1e-10 * Math.Max(Math.Abs(a), Math.Abs(b))) return null;
            }
        return d;
    }

    private static double[] Traces(SparseMatrix w)
    {
        int n = w.Size;
        var traces = new double[TracePowers + 1];
        traces[0] = n;
        traces[1] = 0;
        for (int i = 0; i < n; i++) traces[1] += w[i, i];
        traces[2] = w.TraceOfSquare();
        var sums = new double[TracePowers + 1];
        Parallel.For(0, Probes, () => new double[TracePowers + 1], (p, _, local) =>
        {
            var rng = SeededRandom.ForReplication(0x5EEDUL, 0x7AC3UL, (ulong)p);
            var z = new double[n];
            for (int i = 0; i < n; i++) z[i] = (rng.NextUInt64() & 1) == 0 ? -1 : 1;
            var v = (double[])z.Clone();
            var next = new double[n];
            for (int k = 1; k <= TracePowers; k++)
            {
                w.Multiply(v, next);
                (v, next) = (next, v);
                double s = 0;
                for (int i = 0; i < n; i++) s += z[i] * v[i];
                local[k] += s;
            }
            return local;
        }, local => { lock (sums) for (int k = 0; k < sums.Length; k++) sums[k] += local[k]; });
        for (int k = 3; k <= TracePowers; k++) traces[k] = sums[k] / Probes;
        return traces;
    }

    /// <summary>log|I − ρW|.</summary>
    public double LogDet(double rho)
    {
        if (_real is not null)
        {
            double s = 0;
            foreach (var w in _real) s += Math.Log(1 - rho * w);
            return s;
        }
        if (_complex is not null)
        {
            double s = 0;
            foreach (var w in _complex) s += Math.Log(Complex.Abs(1 - rho * w));
            return s;
        }
        double r = 0, pk = 1;
        for (int k = 1; k <= TracePowers; k++)
        {
            pk *= rho;
            r -= pk * _traces![k] / k;
        }
        return r;
    }

    /// <summary>tr(G) = tr(W(I − ρW)⁻¹) = Σ ω/(1 − ρω).</summary>
    public double TraceG(double rho) => Sum(rho, 1, 1, 0);

    /// <summary>tr(G²) = Σ ω²/(1 − ρω)².</summary>
    public double TraceG2(double rho) => Sum(rho, 2, 2, 1);

    /// <summary>tr((I − ρW)⁻¹) = Σ 1/(1 − ρω).</summary>
    public double TraceInverse(double rho) => Sum(rho, 0, 1, -1);

    private double Sum(double rho, int omegaPower, int denominatorPower, int seriesKind)
    {
        if (_real is not null)
        {
            double s = 0;
            foreach (var w in _real)
            {
                double d = 1 / (1 - rho * w);
                s += omegaPower switch { 0 => d, 1 => w * d, _ => w * w * d * d };
            }
            return s;
        }
        if (_complex is not null)
        {
            Complex s = 0;
            foreach (var w in _complex) s += Complex.Pow(w, omegaPower) / Complex.Pow(1 - rho * w, denominatorPower);
            return s.Real;
        }
        // series in traces: Σ_k ρ^k tr(W^{k+1}) for tr(G); Σ_k (k+1) ρ^k tr(W^{k+2}) for tr(G²); Σ_k ρ^k tr(W^k) for the inverse
        double r = 0, pk = 1;
        for (int k = 0; k <= TracePowers; k++)
        {
            int power = seriesKind switch { 0 => k + 1, 1 => k + 2, _ => k };
            if (power > TracePowers) break;
            r += (seriesKind == 1 ? k + 1 : 1) * pk * _traces![power];
            pk *= rho;
        }
        return r;
    }

    /// <summary>tr(G'G).</summary>
    public double TraceGtG(double rho)
    {
        int n = N;
        if (_dense is not null)
        {
            // tr(G'G) = ‖W(I − ρW)⁻¹‖²_F from the LU factors of I − ρW (shared with Solve) and sparse products:
            // needed once per fit, at the estimate
            if (_gtgRho == rho) return _gtg;
            var inverse = Factor(rho).Solve(Matrix<double>.Build.DenseIdentity(n)).ToColumnArrays();
            var col = new double[n];
            double sum = 0;
            foreach (var x in inverse)
            {
                _w.Multiply(x, col);
                foreach (var v in col) sum += v * v;
            }
            (_gtgRho, _gtg) = (rho, sum);
            return _gtg;
        }
        double total = 0;
        for (int p = 0; p < Probes; p++)
        {
            var rng = SeededRandom.ForReplication(0x5EEDUL, 0x6767UL, (ulong)p);
            var z = new double[n];
            for (int i = 0; i < n; i++) z[i] = (rng.NextUInt64() & 1) == 0 ? -1 : 1;
            var u = Solve(rho, z);
            var gz = new double[n];
            _w.Multiply(u, gz);
            foreach (var v in gz) total += v * v;
        }
        return total / Probes;
    }

    /// <summary>u = (I − ρW)⁻¹ v (dense LU for the exact case, fixed-point iteration u ← v + ρWu otherwise).</summary>
    public double[] Solve(double rho, ReadOnlySpan<double> v)
    {
        int n = N;
        if (IsExact && n <= 4000)
        {
            return Factor(rho).Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(v.ToArray())).ToArray();
        }
        return SolveIterative(rho, v);
    }

    private MathNet.Numerics.LinearAlgebra.Factorization.LU<double> Factor(double rho)
    {
        if (_lu is null || _cachedRho != rho)
        {
            int n = N;
            var a = Matrix<double>.Build.Dense(n, n);
            for (int i = 0; i < n; i++)
            {
                a[i, i] = 1;
                for (int k = _w.RowStart[i]; k < _w.RowStart[i + 1]; k++) a[i, _w.ColumnIndex[k]] -= rho * _w.Values[k];
            }
            _lu = a.LU();
            _cachedRho = rho;
        }
        return _lu;
    }

    /// <summary>u = (I − ρW)⁻¹ v by the fixed-point iteration u ← v + ρWu (thread-safe; needs |ρ|·spectral radius &lt; 1).</summary>
    public double[] SolveIterative(double rho, ReadOnlySpan<double> v)
    {
        int n = N;
        var u = v.ToArray();
        var wu = new double[n];
        for (int it = 0; it < 100000; it++)
        {
            _w.Multiply(u, wu);
            double change = 0, size = 0;
            for (int i = 0; i < n; i++)
            {
                double next = v[i] + rho * wu[i];
                change = Math.Max(change, Math.Abs(next - u[i]));
                size = Math.Max(size, Math.Abs(next));
                u[i] = next;
            }
            if (change <= 1e-15 * Math.Max(size, 1e-300)) break;
        }
        return u;
    }
}
