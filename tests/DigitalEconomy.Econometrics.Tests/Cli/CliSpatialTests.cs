using System.Globalization;
using System.Text;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using DigitalEconomy.Econometrics.Tests.Spatial;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>End-to-end runs of <c>weights</c>, <c>moran</c> and <c>spatial</c>: the JSON documents are pinned here.</summary>
public class CliSpatialTests
{
    private static string Columbus(string f) => Path.Combine(ReferenceData.Directory ?? "", "round2", "spatial", f);

    /// <summary>A 25-city × 4-year panel with coordinates, from the simulated SDM of the model tests.</summary>
    private static string SimulatedCsv(TempDirectory dir)
    {
        var (panel, _) = SpatialModelTests.Simulate(4, side: 5, periods: 4);
        var sb = new StringBuilder("city,year,lat,lon,y,x1,x2\n");
        for (int r = 0; r < panel.RowCount; r++)
        {
            int e = panel.Entities.Codes[r];
            sb.Append(CultureInfo.InvariantCulture, $"{panel.Entities.LabelOf(r)},{panel.Times.LabelOf(r)},{30 + e / 5 * 0.5},{110 + e % 5 * 0.5},{panel.Column("y")[r]:R},{panel.Column("x1")[r]:R},{panel.Column("x2")[r]:R}\n");
        }
        return dir.File("panel.csv", sb.ToString());
    }

    [Fact]
    public void Weights_then_moran_then_spatial_produce_the_documented_json()
    {
        using var dir = new TempDirectory();
        var data = SimulatedCsv(dir);
        var wPath = dir.Path("W.csv");
        var w = CliHarness.Run("weights", "--data", data, "--kind", "knn:4", "--style", "row", "--out", wPath, "--format", "json");
        w.ExitCode.Should().Be(0, w.ToString());
        CliJsonShapeTests.Keys(w.Json()).Should().Equal("model", "kind", "style", "n", "links", "min_neighbours", "max_neighbours", "mean_neighbours", "symmetric", "earth_radius_km", "out");
        w.Json().GetProperty("links").GetInt32().Should().Be(100);
        File.ReadLines(wPath).First().Should().Be("i,j,w");

        var m = CliHarness.Run("moran", "--data", data, "--var", "y", "--weights", wPath, "--permutations", "99", "--local", "--format", "json", "--seed", "5");
        m.ExitCode.Should().Be(0, m.ToString());
        var mj = m.Json();
        CliJsonShapeTests.Keys(mj).Should().Equal("model", "series", "local", "variable", "weights", "alternative", "permutations");
        mj.GetProperty("series").GetArrayLength().Should().Be(4);
        CliJsonShapeTests.Keys(mj.GetProperty("series")[0]).Should().Equal("time", "i", "expected", "var_norm", "z_norm", "p_norm", "var_rand", "z_rand", "p_rand", "p_perm", "geary_c");
        mj.GetProperty("local").GetArrayLength().Should().Be(100);
        CliJsonShapeTests.Keys(mj.GetProperty("local")[0]).Should().Equal("entity", "time", "ii", "z", "p", "quadrant");

        var s = CliHarness.Run("spatial", "--data", data, "--model", "sdm", "--effects", "twoway", "--weights", wPath, "--y", "y", "--x", "x1,x2", "--simulations", "100", "--format", "json");
        s.ExitCode.Should().Be(0, s.ToString());
        var sj = s.Json();
        CliJsonShapeTests.Keys(sj).Should().Equal("model", "kind", "effects", "nobs", "rho", "lambda", "sigma2", "log_likelihood", "coefficients", "impacts", "lm_tests", "tests", "missing", "lee_yu", "log_determinant", "notes");
        sj.GetProperty("coefficients").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().Equal("x1", "x2", "W:x1", "W:x2", "rho");
        CliJsonShapeTests.Keys(sj.GetProperty("impacts")[0]).Should().Equal("name", "direct", "indirect", "total", "direct_se", "indirect_se", "total_se", "direct_se_delta", "indirect_se_delta", "total_se_delta");
        CliJsonShapeTests.Keys(sj.GetProperty("lm_tests")).Should().Equal("lm_lag", "lm_error", "robust_lm_lag", "robust_lm_error");
        CliJsonShapeTests.Keys(sj.GetProperty("lm_tests").GetProperty("lm_lag")).Should().Equal("statistic", "p_value", "df");
        CliJsonShapeTests.Keys(sj.GetProperty("tests")).Should().Equal("wald_sdm_vs_sar", "lr_sdm_vs_sar", "wald_sdm_vs_sem", "lr_sdm_vs_sem");
        sj.GetProperty("lambda").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        sj.GetProperty("nobs").GetInt32().Should().Be(100);
    }

    [ReferenceFact]
    public void Spatial_on_a_cross_section_without_time_column_reproduces_the_columbus_sar()
    {
        var e = SpatialReferenceData.Expected.Value.GetProperty("columbus").GetProperty("sar_ml");
        var s = CliHarness.Run("spatial", "--data", Columbus("columbus.csv"), "--entity", "POLYID", "--model", "sar", "--effects", "none",
            "--weights", Columbus("columbus_queen_edges.csv"), "--style", "row", "--y", "CRIME", "--x", "INC,HOVAL", "--simulations", "0", "--format", "json");
        s.ExitCode.Should().Be(0, s.ToString());
        // the package value, 1e-6 relative as in the library tests
        s.Json().GetProperty("rho").GetDouble().Should().BeApproximately(e.GetProperty("rho").GetDouble(), 1e-6);
    }

    [Fact]
    public void Bad_spatial_options_exit_2_with_one_line()
    {
        using var dir = new TempDirectory();
        var data = SimulatedCsv(dir);
        var r = CliHarness.Run("weights", "--data", data, "--kind", "knn:x");
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Trim().Split('\n').Should().HaveCount(1);
        r.Stderr.Should().Contain("knn:K");
        var m = CliHarness.Run("moran", "--data", data, "--var", "y", "--weights", dir.Path("missing.csv"));
        m.ExitCode.Should().Be(2, m.ToString());
        m.Stderr.Should().Contain("does not exist");
        var band = CliHarness.Run("weights", "--data", data, "--kind", "band:10km");
        band.ExitCode.Should().Be(2);
        band.Stderr.Should().Contain("no neighbour");
    }
}
