using System.Globalization;
using System.Text;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>The coordinated-development commands end to end: pinned JSON documents and values checked by hand.</summary>
public sealed class CliCoordinationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Csv(string name, string content) => _dir.File(name, content);

    /// <summary>3 cities × 2 years with two subsystem scores and a region; city C misses econ in 2009.</summary>
    private string CouplingPanel() => Csv("coupling.csv",
        "city,year,dei,econ,region\n" +
        "A,2008,0.2,0.6,East\nA,2009,0.4,0.45,East\n" +
        "B,2008,0.5,0.5,East\nB,2009,0.55,0.5,East\n" +
        "C,2008,0.9,0.3,West\nC,2009,0.1,,West\n");

    [Fact]
    public void Coupling_json_is_pinned_and_matches_the_closed_form()
    {
        var run = CliHarness.Run("coupling", "--data", CouplingPanel(), "--systems", "dei,econ", "--group", "region", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        CliJsonShapeTests.Keys(doc).Should().Equal("model", "systems", "weights", "rescaled", "rows", "summary", "missing");
        doc.GetProperty("model").GetString().Should().Be("coupling");
        var rows = doc.GetProperty("rows").EnumerateArray().ToArray();
        rows.Should().HaveCount(5);
        CliJsonShapeTests.Keys(rows[0]).Should().Equal("entity", "time", "c", "t", "d", "level", "label", "label_zh", "lagging");
        // Row A-2008: C = 2√(0.12)/0.8, T = 0.4; JSON round trip of doubles is exact (R format), 1e-15.
        double c = 2 * Math.Sqrt(0.2 * 0.6) / 0.8;
        rows[0].GetProperty("c").GetDouble().Should().BeApproximately(c, 1e-15);
        rows[0].GetProperty("d").GetDouble().Should().BeApproximately(Math.Sqrt(c * 0.4), 1e-15);
        rows[0].GetProperty("level").GetInt32().Should().Be(6);
        rows[0].GetProperty("label_zh").GetString().Should().Be("勉强协调");
        rows[0].GetProperty("lagging").GetString().Should().Be("dei");
        var summary = doc.GetProperty("summary").EnumerateArray().ToArray();
        CliJsonShapeTests.Keys(summary[0]).Should().Equal("time", "group", "n", "mean_c", "mean_t", "mean_d");
        summary.Select(s => s.GetProperty("group").GetString()).Should().Equal("All", "East", "West", "All", "East");
        var missing = doc.GetProperty("missing");
        CliJsonShapeTests.Keys(missing).Should().Equal("rows_dropped", "entities_dropped", "by_column");
        missing.GetProperty("rows_dropped").GetInt32().Should().Be(1);
        missing.GetProperty("by_column").GetProperty("econ").GetInt32().Should().Be(1);
    }

    /// <summary>The hand panel of the Markov tests in CSV form, with a ring of weights.</summary>
    private (string Panel, string Weights) MarkovFiles() => (
        Csv("markov.csv", "city,year,y\n" +
            "A,2000,0.5\nA,2001,1.5\nA,2002,2.5\nA,2003,2.5\n" +
            "B,2000,1.0\nB,2001,0.8\nB,2002,1.2\nB,2003,3.0\n" +
            "C,2000,2.2\nC,2001,1.9\nC,2002,\nC,2003,0.1\n"),
        Csv("w.csv", "i,j,w\nA,B,1\nB,C,1\nC,A,1\nA,C,1\nB,A,1\nC,B,1\n"));

    [Fact]
    public void Markov_json_is_pinned_with_hand_counts()
    {
        var (panel, weights) = MarkovFiles();
        var run = CliHarness.Run("markov", "--data", panel, "--var", "y", "--cuts", "1,2", "--absolute", "--weights", weights, "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        CliJsonShapeTests.Keys(doc).Should().Equal("model", "variable", "relative", "horizon", "cuts", "counts", "probabilities", "ergodic",
            "first_passage", "class_shares", "spatial", "homogeneity", "lag_cuts", "missing");
        doc.GetProperty("model").GetString().Should().Be("markov");
        var counts = doc.GetProperty("counts").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetInt64()).ToArray()).ToArray();
        counts.Should().BeEquivalentTo(new long[][] { [1, 2, 0], [0, 0, 2], [0, 1, 1] }, o => o.WithStrictOrdering());
        var spatial = doc.GetProperty("spatial").EnumerateArray().ToArray();
        CliJsonShapeTests.Keys(spatial[0]).Should().Equal("lag_class", "counts", "probabilities", "ergodic");
        spatial.Sum(s => s.GetProperty("counts").EnumerateArray().Sum(r => r.EnumerateArray().Sum(c => c.GetInt64()))).Should().Be(7, "every start has a neighbour observed");
        CliJsonShapeTests.Keys(doc.GetProperty("homogeneity")).Should().Equal("lr", "q", "df", "p_lr", "p_q");
        doc.GetProperty("missing").GetProperty("rows_dropped").GetInt32().Should().Be(1);
    }

    [Fact]
    public void Markov_without_weights_has_null_spatial_parts_and_bad_weights_exit_2()
    {
        var (panel, _) = MarkovFiles();
        var run = CliHarness.Run("markov", "--data", panel, "--var", "y", "--classes", "2", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Json().GetProperty("spatial").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        var bad = Csv("bad.csv", "i,j,weight\nA,B,1\n");
        var failed = CliHarness.Run("markov", "--data", panel, "--var", "y", "--weights", bad);
        failed.ExitCode.Should().Be(2, failed.ToString());
        failed.Stderr.Should().Contain("bad.csv").And.Contain("w");
    }

    [Fact]
    public void Coupling_bad_weights_exit_2_with_one_line()
    {
        var run = CliHarness.Run("coupling", "--data", CouplingPanel(), "--systems", "dei,econ", "--weights", "0.5");
        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("--weights");
    }
}

public sealed class CliPcaIndexTests
{
    [Fact]
    public void Pca_json_is_pinned_and_scores_are_standardised()
    {
        var run = CliHarness.Run("index", "--method", "pca", "--indicators", "internet,mobile,telecom,it_emp,dfi", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        CliJsonShapeTests.Keys(doc).Should().Equal("method", "eigenvalues", "variance_share", "retained", "loadings", "kmo", "bartlett", "rows", "missing");
        doc.GetProperty("method").GetString().Should().Be("pca");
        var eigen = doc.GetProperty("eigenvalues").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        eigen.Should().HaveCount(5);
        eigen.Sum().Should().BeApproximately(5, 1e-10);
        CliJsonShapeTests.Keys(doc.GetProperty("loadings")[0]).Should().Equal("indicator", "component", "loading");
        CliJsonShapeTests.Keys(doc.GetProperty("kmo")).Should().Equal("overall", "per_variable");
        CliJsonShapeTests.Keys(doc.GetProperty("bartlett")).Should().Equal("statistic", "df", "p_value");
        doc.GetProperty("bartlett").GetProperty("df").GetInt32().Should().Be(10);
        var rows = doc.GetProperty("rows").EnumerateArray().ToArray();
        CliJsonShapeTests.Keys(rows[0]).Should().Equal("entity", "time", "score");
        // The first component score has mean 0 and variance λ_1 (pooled, n − 1): 1e-9 relative.
        var scores = rows.Select(r => r.GetProperty("score").GetDouble()).ToArray();
        scores.Average().Should().BeApproximately(0, 1e-10);
        (scores.Sum(s => s * s) / (scores.Length - 1)).Should().BeApproximately(eigen[0], 1e-9 * eigen[0]);
    }
}

public sealed class CliConvergenceTests
{
    [Fact]
    public void Convergence_json_is_pinned_and_speed_follows_beta()
    {
        var run = CliHarness.Run("convergence", "--var", "gdppc", "--controls", "gov,open", "--effects", "twoway", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        CliJsonShapeTests.Keys(doc).Should().Equal("model", "variable", "sigma", "sigma_trend", "beta", "missing");
        doc.GetProperty("model").GetString().Should().Be("convergence");
        var sigma = doc.GetProperty("sigma").EnumerateArray().ToArray();
        sigma.Should().HaveCount(12);
        CliJsonShapeTests.Keys(sigma[0]).Should().Equal("time", "n", "sd", "cv");
        var beta = doc.GetProperty("beta").EnumerateArray().ToArray();
        beta.Select(b => b.GetProperty("kind").GetString()).Should().Equal("absolute", "conditional", "cross_section");
        CliJsonShapeTests.Keys(beta[0]).Should().Equal("kind", "scope", "beta", "std_error", "p_value", "speed", "half_life", "interval", "nobs", "rho", "lambda");
        foreach (var b in beta)
        {
            double β = b.GetProperty("beta").GetDouble(), tau = b.GetProperty("interval").GetDouble();
            b.GetProperty("speed").GetDouble().Should().BeApproximately(-Math.Log(1 + β) / tau, 1e-12);
            b.GetProperty("half_life").GetDouble().Should().BeApproximately(Math.Log(2) * tau / -Math.Log(1 + β), 1e-9);
        }
    }

    [Fact]
    public void Convergence_spatial_rows_are_pinned_with_rho_and_lambda()
    {
        // A small deterministic panel with coordinates keeps the ML fits fast: 24 cities × 5 years.
        using var dir = new TempDirectory();
        var csv = new System.Text.StringBuilder("city,year,gdppc,lat,lon\n");
        for (int i = 0; i < 24; i++)
        {
            double ly = 1 + 0.08 * ((i * 7) % 13);
            for (int t = 0; t < 5; t++)
            {
                csv.Append(FormattableString.Invariant($"c{i},{2000 + t},{Math.Exp(ly)},{30 + 0.4 * i % 3.7},{110 + 0.6 * ((i * 5) % 11)}\n"));
                ly = 0.3 + 0.85 * ly + 0.05 * Math.Sin(3 * i + 5 * t);
            }
        }
        var data = dir.File("small.csv", csv.ToString());
        var w = System.IO.Path.Combine(dir.PathName, "w.csv");
        var written = CliHarness.Run("weights", "--data", data, "--kind", "knn:4", "--out", w);
        written.ExitCode.Should().Be(0, written.ToString());
        foreach (var (model, parameter) in new[] { ("sar", "rho"), ("sem", "lambda") })
        {
            var run = CliHarness.Run("convergence", "--data", data, "--var", "gdppc", "--weights", w, "--spatial", model, "--format", "json");
            run.ExitCode.Should().Be(0, run.ToString());
            var beta = run.Json().GetProperty("beta").EnumerateArray().ToArray();
            beta.Select(b => b.GetProperty("kind").GetString()).Should().Equal("absolute", "conditional", "cross_section", "spatial_" + model, "spatial_" + model);
            beta.Select(b => b.GetProperty("scope").GetString()).Should().Equal("panel", "panel", "cross_section", "cross_section", "panel");
            CliJsonShapeTests.Keys(beta[3]).Should().Equal("kind", "scope", "beta", "std_error", "p_value", "speed", "half_life", "interval", "nobs", "rho", "lambda");
            foreach (var b in beta.Skip(3))
            {
                double β = b.GetProperty("beta").GetDouble(), tau = b.GetProperty("interval").GetDouble();
                b.GetProperty("speed").GetDouble().Should().BeApproximately(-Math.Log(1 + β) / tau, 1e-12);
                double p = b.GetProperty(parameter).GetDouble();
                p.Should().BeInRange(-1, 1);
                b.GetProperty(parameter == "rho" ? "lambda" : "rho").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
            }
            beta[0].GetProperty("rho").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        }
        var bad = CliHarness.Run("convergence", "--data", data, "--var", "gdppc", "--spatial", "sar");
        bad.ExitCode.Should().Be(2, bad.ToString());
        bad.Stderr.Should().Contain("--weights");
    }

    [Fact]
    public void Convergence_unknown_control_exits_2()
    {
        var run = CliHarness.Run("convergence", "--var", "gdppc", "--controls", "nope");
        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("--controls").And.Contain("nope");
    }
}

public sealed class CliDensityTests
{
    [Fact]
    public void Density_json_is_pinned_and_curves_integrate_to_one()
    {
        var run = CliHarness.Run("density", "--var", "gap", "--kernel", "epanechnikov", "--bandwidth", "silverman", "--periods", "2008,2013,2019", "--points", "400", "--format", "json");
        run.ExitCode.Should().Be(0, run.ToString());
        var doc = run.Json();
        CliJsonShapeTests.Keys(doc).Should().Equal("model", "variable", "kernel", "bandwidth_rule", "grid", "periods", "missing");
        doc.GetProperty("bandwidth_rule").GetString().Should().Be("silverman");
        var grid = doc.GetProperty("grid").EnumerateArray().Select(g => g.GetDouble()).ToArray();
        grid.Should().HaveCount(400);
        var periods = doc.GetProperty("periods").EnumerateArray().ToArray();
        periods.Select(p => p.GetProperty("time").GetString()).Should().Equal("2008", "2013", "2019");
        CliJsonShapeTests.Keys(periods[0]).Should().Equal("time", "n", "bandwidth", "density");
        foreach (var p in periods)
        {
            var f = p.GetProperty("density").EnumerateArray().Select(d => d.GetDouble()).ToArray();
            double area = 0;
            for (int k = 1; k < f.Length; k++) area += 0.5 * (f[k] + f[k - 1]) * (grid[k] - grid[k - 1]);
            // The grid covers the support (3h > √5·h past the data); trapezoid error on 400 points < 1e-3.
            area.Should().BeApproximately(1, 1e-3);
        }
    }

    [Fact]
    public void Density_bad_bandwidth_exits_2()
    {
        var run = CliHarness.Run("density", "--var", "gap", "--bandwidth", "wide");
        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("--bandwidth");
    }
}
