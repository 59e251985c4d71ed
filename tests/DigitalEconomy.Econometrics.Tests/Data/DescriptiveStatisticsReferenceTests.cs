using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Data;

/// <summary>Descriptive statistics of the Grunfeld data against Stata's <c>summarize</c> output (webuse grunfeld).</summary>
public class DescriptiveStatisticsReferenceTests
{
    [ReferenceTheory("grunfeld.csv")]
    // Stata prints 7 significant digits: invest 145.9583 216.8753 .93 1486.7; mvalue 1081.681 1314.47 58.12 6241.7;
    // kstock 276.0172 301.1039 .8 2226.3. Tolerance: one unit in the last printed digit (not half: the exact
    // invest mean 145.95825 lies on a rounding boundary, so Stata's 145.9583 is 5e-5 away from it).
    [InlineData("inv", 145.9583, 216.8753, 0.93, 1486.7, 1e-4)]
    [InlineData("value", 1081.681, 1314.47, 58.12, 6241.7, 1e-2)]
    [InlineData("capital", 276.0172, 301.1039, 0.8, 2226.3, 1e-4)]
    public void Grunfeld_summary_matches_stata(string column, double mean, double sd, double min, double max, double tolerance)
    {
        var panel = PanelCsv.Read(ReferenceData.PathOf("grunfeld.csv"), "firm", "year");
        var s = DescriptiveStatistics.Compute(panel, [column]).Columns.Single();
        s.Count.Should().Be(200);
        s.Mean.Should().BeApproximately(mean, tolerance);
        s.StandardDeviation.Should().BeApproximately(sd, tolerance);
        s.Min.Should().Be(min, "the minimum is a value from the file, read exactly");
        s.Max.Should().Be(max);
    }
}
