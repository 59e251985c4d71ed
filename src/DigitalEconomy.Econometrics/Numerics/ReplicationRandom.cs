namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// A small, fully specified random stream for one bootstrap replication: xoshiro256** (Blackman &amp; Vigna
/// 2018) seeded through SplitMix64 from (seed, stream, replication). Every replication owns its own
/// stream, so results are bit-for-bit identical whatever the thread count and scheduling, and they do not
/// depend on the .NET version's <see cref="Random"/> implementation.
/// </summary>
internal struct ReplicationRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>The stream for replication <paramref name="replication"/> of procedure <paramref name="stream"/>.</summary>
    public ReplicationRandom(ulong seed, ulong stream, ulong replication)
    {
        ulong x = seed;
        x = SplitMix(ref x) ^ (stream * 0x9E3779B97F4A7C15UL);
        x = SplitMix(ref x) ^ (replication * 0xD1B54A32D192ED03UL);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform integer in [0, <paramref name="bound"/>) without modulo bias (Lemire 2019).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        ulong n = (ulong)bound;
        ulong high = Math.BigMul(NextUInt64(), n, out ulong low);
        if (low < n)
        {
            ulong threshold = (0 - n) % n;
            while (low < threshold) high = Math.BigMul(NextUInt64(), n, out low);
        }
        return (int)high;
    }
}
