namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// A small, fast pseudo-random generator whose output is fixed by its seed forever: xoshiro256** (Blackman and
/// Vigna 2018, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4)) seeded through SplitMix64.
/// Unlike <see cref="Random"/>, whose algorithm is an implementation detail of the runtime, the sequence here is
/// part of this library's contract, so a simulated data set is byte-identical on every .NET version and platform.
/// </summary>
/// <remarks>
/// <para>Not thread-safe: give every thread (or every bootstrap replication) its own instance, e.g.
/// <see cref="ForReplication(ulong, ulong, ulong)"/> with the replication index, so results do not depend on
/// scheduling.</para>
/// <para>This is the library's only generator. It has two ways to derive an independent stream, kept separate
/// because each fixes published output: <see cref="ForStream(ulong, ulong)"/> (the simulated city panel in
/// <c>data/city_panel.csv</c>) and <see cref="ForReplication(ulong, ulong, ulong)"/> (the cluster and
/// threshold bootstraps).</para>
/// </remarks>
internal sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareGaussian;

    /// <summary>Creates a generator whose whole sequence is determined by <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed)
    {
        // SplitMix64 expands one 64-bit seed into a well-mixed, never-all-zero 256-bit state (Vigna's recommendation).
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>Creates a generator from a raw xoshiro256** state (for checking against the reference vectors).</summary>
    internal static SeededRandom FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        var rng = new SeededRandom(0);
        (rng._s0, rng._s1, rng._s2, rng._s3) = (s0, s1, s2, s3);
        return rng;
    }

    /// <summary>
    /// An independent generator for stream <paramref name="stream"/> (a replication, a thread, a component) of a
    /// run seeded with <paramref name="seed"/>: the pair is hashed with SplitMix64 so nearby pairs give unrelated
    /// sequences.
    /// </summary>
    public static SeededRandom ForStream(ulong seed, ulong stream)
    {
        ulong x = seed;
        ulong a = SplitMix64(ref x);
        ulong y = stream ^ 0x9E3779B97F4A7C15UL;
        ulong b = SplitMix64(ref y);
        return new SeededRandom(a ^ BitRotateLeft(b, 17));
    }

    /// <summary>
    /// The generator for bootstrap replication <paramref name="replication"/> of procedure
    /// <paramref name="stream"/> in a run seeded with <paramref name="seed"/>: SplitMix64 absorbs the three keys one
    /// after another, x ← SplitMix64(x) ⊕ stream·φ, x ← SplitMix64(x) ⊕ replication·c, and then fills the
    /// xoshiro256** state from x (φ = 0x9E3779B97F4A7C15, the golden-ratio increment; c = 0xD1B54A32D192ED03, a
    /// second odd multiplier, so stream and replication do not cancel). One generator per replication makes the bootstrap
    /// bit-for-bit independent of the thread count.
    /// </summary>
    public static SeededRandom ForReplication(ulong seed, ulong stream, ulong replication)
    {
        ulong x = seed;
        x = SplitMix64(ref x) ^ (stream * 0x9E3779B97F4A7C15UL);
        x = SplitMix64(ref x) ^ (replication * 0xD1B54A32D192ED03UL);
        return new SeededRandom(x);
    }

    /// <summary>The next 64 random bits (xoshiro256**).</summary>
    public ulong NextUInt64()
    {
        ulong result = BitRotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitRotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits: (bits ≫ 11) · 2⁻⁵³.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double NextUniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>
    /// A uniform integer in 0..<paramref name="maxExclusive"/>−1, without modulo bias (Lemire 2019, "Fast random
    /// integer generation in an interval", ACM TOMACS 29(1)).
    /// </summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive), "The upper bound must be positive.");
        ulong range = (ulong)maxExclusive;
        ulong threshold = (0UL - range) % range;
        while (true)
        {
            ulong hi = Math.BigMul(NextUInt64(), range, out ulong lo);
            if (lo >= threshold) return (int)hi;
        }
    }

    /// <summary>
    /// A standard normal draw by Marsaglia's polar method (Marsaglia and Bray 1964), which needs only a logarithm
    /// and a square root; the second variate of each pair is kept for the next call.
    /// </summary>
    public double NextGaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        return u * factor;
    }

    /// <summary>A normal draw with mean <paramref name="mean"/> and standard deviation <paramref name="sd"/>.</summary>
    public double NextGaussian(double mean, double sd) => mean + sd * NextGaussian();

    /// <summary>SplitMix64 (Steele, Lea and Flood 2014): advances <paramref name="x"/> and returns the next output.</summary>
    internal static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong BitRotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
