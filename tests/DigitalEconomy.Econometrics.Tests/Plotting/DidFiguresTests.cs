using DigitalEconomy.Econometrics.Did;
using DigitalEconomy.Econometrics.Plotting;
using DigitalEconomy.Econometrics.Tests.Did;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Plotting;

/// <summary>The staggered-DID figures write valid PNGs of the requested size and reject empty input.</summary>
public sealed class DidFiguresTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "de-did-figures-" + Guid.NewGuid().ToString("N"));
    private static readonly StaggeredDgp Dgp = new() { Units = 60, Periods = 8, Cohorts = [2003, 2005, 2007], Slopes = [1.0, 0.6, 0.2] };

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static void ShouldBePng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes.Take(8).Should().Equal(PngSignature);
        bytes.Length.Should().BeGreaterThan(5_000);
    }

    [Fact]
    public void Event_study_with_several_estimators_and_a_uniform_band()
    {
        var panel = Dgp.Build(51);
        var es = new EventStudyOptions("y", "g") { Leads = 3, Lags = 3 };
        var cs = CallawaySantAnna.Fit(panel, new CallawaySantAnnaOptions("y", "g") { BootstrapReplications = 99 });
        cs.EventTimeEffects().Should().Contain(p => p.BandLow != null);
        var series = new[]
        {
            new EventStudySeries("TWFE", EventStudy.Fit(panel, es).Effects),
            new EventStudySeries("Callaway–Sant'Anna", cs.EventTimeEffects().Where(p => p.EventTime is >= -3 and <= 3).ToArray()),
            new EventStudySeries("Sun–Abraham", SunAbraham.Fit(panel, es).Effects),
            new EventStudySeries("Imputation", ImputationDid.Fit(panel, es).Effects),
        };
        ShouldBePng(DidFigures.EventStudy(series, Path.Combine(_folder, "event.png")));
        var empty = () => DidFigures.EventStudy([], Path.Combine(_folder, "none.png"));
        empty.Should().Throw<SpecificationException>();
    }

    [Fact]
    public void Bacon_scatter_and_placebo_density()
    {
        var panel = Dgp.Build(52);
        ShouldBePng(DidFigures.BaconScatter(BaconDecomposition.Fit(panel, new DidOptions("y", "g")), Path.Combine(_folder, "bacon.png")));
        ShouldBePng(DidFigures.PlaceboDensity(PlaceboTest.Run(panel, new PlaceboOptions("y", "g") { Replications = 99 }), Path.Combine(_folder, "placebo.png")));
    }
}
