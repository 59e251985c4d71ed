using System.Text.Json;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Did;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Did;

/// <summary>
/// Callaway–Sant'Anna on mpdta (500 counties, 2003–2007) against did_expected.json (R did 2.5.1 defaults:
/// never-treated controls, varying base period, no covariates). Tolerance 1e-12 absolute: every number is a
/// difference of means of about 300 values of order 10, so rounding stays near 1e-15.
/// </summary>
public class MpdtaReferenceTests
{
    private const double Tol = 1e-12;

    private static readonly Lazy<PanelData> Panel = new(() => PanelCsv.Read(ReferenceData.PathOf("round2/did/mpdta.csv"), "countyreal", "year"));
    private static readonly Lazy<JsonElement> Expected = new(() => ReferenceData.Json("round2/did/did_expected.json"));

    private static CallawaySantAnnaResult Fit() => CallawaySantAnna.Fit(Panel.Value, new CallawaySantAnnaOptions("lemp", "first.treat"));

    [ReferenceFact]
    public void Att_gt_cells_and_base_periods_match_did()
    {
        var fit = Fit();
        var expected = Expected.Value.GetProperty("att_gt_never_treated").EnumerateArray().ToArray();
        fit.AttGt.Should().HaveCount(expected.Length);
        foreach (var e in expected)
        {
            var cell = fit.AttGt.Single(c => c.Group == e.GetProperty("g").GetInt32() && c.Period == e.GetProperty("t").GetInt32());
            cell.BasePeriod.Should().Be(e.GetProperty("base_period").GetInt32());
            cell.Att.Should().BeApproximately(e.GetProperty("att").GetDouble(), Tol, $"ATT({cell.Group},{cell.Period})");
        }
        fit.Units.Should().Be(500);
    }

    [ReferenceFact]
    public void Dynamic_and_group_aggregations_match_did()
    {
        var fit = Fit();
        var dyn = Expected.Value.GetProperty("aggte_dynamic");
        foreach (var e in dyn.GetProperty("by_event_time").EnumerateArray())
            fit.Dynamic.Components.Single(c => c.Key == e.GetProperty("e").GetInt32()).Att
                .Should().BeApproximately(e.GetProperty("att").GetDouble(), Tol);
        fit.Dynamic.Att.Should().BeApproximately(dyn.GetProperty("overall").GetDouble(), Tol);
        var grp = Expected.Value.GetProperty("aggte_group");
        foreach (var e in grp.GetProperty("by_group").EnumerateArray())
            fit.Group.Components.Single(c => c.Key == e.GetProperty("g").GetInt32()).Att
                .Should().BeApproximately(e.GetProperty("att").GetDouble(), Tol);
        fit.Group.Att.Should().BeApproximately(grp.GetProperty("overall").GetDouble(), Tol);
    }

    [ReferenceFact]
    public void Bootstrap_standard_errors_are_in_the_band_of_the_did_readme()
    {
        // The README's SEs come from 1000 random multiplier draws; with 2000 draws ours must agree within ~15%
        // (the IQR-based SE of 1000 draws has a relative sampling error near 4%).
        var fit = CallawaySantAnna.Fit(Panel.Value, new CallawaySantAnnaOptions("lemp", "first.treat") { BootstrapReplications = 2000, Seed = 7 });
        foreach (var e in Expected.Value.GetProperty("att_gt_never_treated").EnumerateArray())
        {
            var cell = fit.AttGt.Single(c => c.Group == e.GetProperty("g").GetInt32() && c.Period == e.GetProperty("t").GetInt32());
            double printed = double.Parse(e.GetProperty("readme_printed_se_bootstrap").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            cell.StdError.Should().BeInRange(0.85 * printed, 1.15 * printed, $"bootstrap SE of ATT({cell.Group},{cell.Period})");
        }
        double overall = double.Parse(Expected.Value.GetProperty("aggte_dynamic").GetProperty("overall_readme_printed_se_bootstrap").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        fit.Dynamic.StdError.Should().BeInRange(0.85 * overall, 1.15 * overall);
    }
}
