using DigitalEconomy.Econometrics.Spatial;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Spatial;

/// <summary>
/// Geary's C, the normality variances and the local statistics checked against their formulas written densely
/// here (double sums over all N² pairs, independent of the sparse implementation). Tolerance 1e-12 relative:
/// both sides are closed forms in double precision.
/// </summary>
public class SpatialStatisticsTests
{
    private static double[,] Dense(SpatialWeights w)
    {
        var a = new double[w.Count, w.Count];
        for (int i = 0; i < w.Count; i++)
            for (int j = 0; j < w.Count; j++) a[i, j] = w.Weight(i, j);
        return a;
    }

    [ReferenceFact]
    public void Geary_c_and_normality_variances_match_dense_formulas_on_columbus()
    {
        var w = SpatialReferenceData.ColumbusQueen.Value;
        var x = SpatialReferenceData.Columbus.Value.Column("CRIME").ToArray();
        var m = SpatialAutocorrelation.Moran(w, x);
        var a = Dense(w);
        int n = x.Length;
        double mean = x.Average(), s0 = 0, s1 = 0, s2 = 0, num = 0, zz = 0, zwz = 0;
        for (int i = 0; i < n; i++)
        {
            double ri = 0, ci = 0;
            for (int j = 0; j < n; j++)
            {
                s0 += a[i, j];
                s1 += 0.5 * (a[i, j] + a[j, i]) * (a[i, j] + a[j, i]);
                ri += a[i, j];
                ci += a[j, i];
                num += a[i, j] * (x[i] - x[j]) * (x[i] - x[j]);
                zwz += (x[i] - mean) * a[i, j] * (x[j] - mean);
            }
            s2 += (ri + ci) * (ri + ci);
            zz += (x[i] - mean) * (x[i] - mean);
        }
        double c = (n - 1) * num / (2 * s0 * zz);
        double gearyVarN = ((2 * s1 + s2) * (n - 1) - 4 * s0 * s0) / (2 * (n + 1) * s0 * s0);
        double ei = -1.0 / (n - 1);
        double moranVarN = (n * n * s1 - n * s2 + 3 * s0 * s0) / ((n * n - 1.0) * s0 * s0) - ei * ei;
        m.I.Should().BeApproximately(n / s0 * zwz / zz, 1e-12 * m.I);
        m.Geary.C.Should().BeApproximately(c, 1e-12 * c);
        m.Geary.VarianceNormal.Should().BeApproximately(gearyVarN, 1e-12 * gearyVarN);
        m.VarianceNormal.Should().BeApproximately(moranVarN, 1e-12 * moranVarN);
        m.Geary.C.Should().BeLessThan(1, "CRIME is positively autocorrelated");
    }

    [ReferenceFact]
    public void Local_moran_sums_to_the_global_statistic_and_quadrants_follow_the_signs()
    {
        var w = SpatialReferenceData.ColumbusQueen.Value;
        var x = SpatialReferenceData.Columbus.Value.Column("CRIME").ToArray();
        var global = SpatialAutocorrelation.Moran(w, x);
        var local = SpatialAutocorrelation.LocalMoran(w, x, new MoranOptions { Permutations = 199, Seed = 7 });
        // Σ I_i = N z'Wz / z'z = S₀·I, and S₀ = N for row-standardised W (1e-12: sums of 49 terms)
        local.Sum(l => l.Ii).Should().BeApproximately(x.Length * global.I, 1e-12 * x.Length);
        foreach (var l in local)
        {
            var expected = l.Z >= 0 ? (l.Lag >= 0 ? SpatialQuadrant.HighHigh : SpatialQuadrant.HighLow) : (l.Lag >= 0 ? SpatialQuadrant.LowHigh : SpatialQuadrant.LowLow);
            l.Quadrant.Should().Be(expected);
            l.PPermutation!.Value.Should().BeInRange(1.0 / 200, 0.5 + 1.0 / 200);
            l.Expected.Should().BeApproximately(-1.0 / 48, 1e-15);
        }
        var again = SpatialAutocorrelation.LocalMoran(w, x, new MoranOptions { Permutations = 199, Seed = 7 });
        again.Select(l => l.PPermutation).Should().Equal(local.Select(l => l.PPermutation), "seeded, one generator per unit");
    }

    [ReferenceFact]
    public void Permutation_p_value_is_seeded_and_small_for_clustered_crime()
    {
        var w = SpatialReferenceData.ColumbusQueen.Value;
        var x = SpatialReferenceData.Columbus.Value.Column("CRIME").ToArray();
        var a = SpatialAutocorrelation.Moran(w, x, new MoranOptions { Permutations = 999, Seed = 11 });
        var b = SpatialAutocorrelation.Moran(w, x, new MoranOptions { Permutations = 999, Seed = 11 });
        a.PPermutation.Should().Be(b.PPermutation);
        a.PPermutation!.Value.Should().Be(0.001, "z = 5.6: no permutation of 999 reaches the observed I");
    }

    [ReferenceFact]
    public void Moran_scatter_slope_is_morans_i_for_row_standardised_weights()
    {
        var w = SpatialReferenceData.ColumbusQueen.Value;
        var x = SpatialReferenceData.Columbus.Value.Column("CRIME").ToArray();
        var s = SpatialAutocorrelation.Scatter(w, x);
        var m = SpatialAutocorrelation.Moran(w, x);
        // the slope of Ws on s equals I when W is row-standardised (mean of Ws is then 0 up to rounding): 1e-10
        s.Slope.Should().BeApproximately(m.I, 1e-10);
    }
}
