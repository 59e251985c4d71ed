using DigitalEconomy.Econometrics.Numerics;
using FluentAssertions;
using Xunit;

namespace DigitalEconomy.Econometrics.Tests.Numerics;

public class LargeArraysTests
{
    // 40 MB: above the prefault threshold, so the populate call really runs (on Linux) over several parts.
    private const int Length = 5 << 20;

    [Fact]
    public void Prefaulting_never_changes_the_contents()
    {
        var values = new double[Length];
        for (int i = 0; i < values.Length; i++) values[i] = i * 0.5 - 3;
        LargeArrays.Prefault(values);
        for (int i = 0; i < values.Length; i++)
            if (values[i] != i * 0.5 - 3) values[i].Should().Be(i * 0.5 - 3, $"element {i} must be unchanged");
    }

    [Fact]
    public void A_zeroed_large_array_is_all_zero_and_an_uninitialized_one_is_writable_to_the_end()
    {
        var zero = LargeArrays.Zeroed<int>(Length);
        zero.Should().HaveCount(Length);
        zero.AsSpan().IndexOfAnyExcept(0).Should().Be(-1);
        var raw = LargeArrays.Uninitialized<double>(Length + 3);
        raw.AsSpan().Fill(2.5);
        raw[^1].Should().Be(2.5);
        raw.Should().HaveCount(Length + 3);
        LargeArrays.Uninitialized<double>(10).Should().HaveCount(10); // below the threshold: plain allocation
    }
}
