namespace DigitalEconomy.Econometrics.Mediation;

/// <summary>
/// The random stream of one bootstrap replication: xoshiro256** (Blackman &amp; Vigna 2018) seeded through
/// SplitMix64 from (seed, replication index). Deriving a fresh, independent stream per replication is what
/// makes results identical whatever the thread count and scheduling; the algorithm is fixed here (not
/// <see cref="Random"/>) so results are also identical across .NET versions.
/// </summary>
internal struct ReplicationRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>The stream for replication <paramref name="replication"/> of a run seeded with <paramref name="seed"/>.</summary>
    public ReplicationRandom(long seed, long replication)
    {
        // Two rounds of SplitMix64 mixing decorrelate neighbouring seeds and neighbouring replication indices.
        ulong state = Mix(unchecked((ulong)seed) ^ 0x6A09E667F3BCC909UL) ^ Mix(unchecked((ulong)replication) + 0xBB67AE8584CAA73BUL);
        _s0 = Next(ref state);
        _s1 = Next(ref state);
        _s2 = Next(ref state);
        _s3 = Next(ref state);
    }

    private static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
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

    /// <summary>A uniform integer in [0, <paramref name="bound"/>) without modulo bias (Lemire 2019, multiply-and-reject).</summary>
    public int NextInt(int bound)
    {
        ulong range = (ulong)bound;
        ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = (0UL - range) % range;
            while (low < threshold) high = Math.BigMul(NextUInt64(), range, out low);
        }
        return (int)high;
    }
}
