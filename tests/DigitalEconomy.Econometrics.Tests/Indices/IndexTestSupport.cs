using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Econometrics.Tests.Indices;

/// <summary>Small panels and straightforward (textbook, loop-by-loop) reference implementations for the index tests.</summary>
internal static class IndexTestSupport
{
    /// <summary>A balanced panel; row r belongs to entity r / periods and year 2000 + r % periods (already sorted).</summary>
    public static PanelData Panel(int entities, int periods, params (string Name, double[] Values)[] columns) =>
        Panel(entities, periods, null, columns);

    /// <summary>As <see cref="Panel(int,int,(string,double[])[])"/>, with a categorical "region" column given per entity.</summary>
    public static PanelData Panel(int entities, int periods, string[]? regionOfEntity, params (string Name, double[] Values)[] columns)
    {
        int n = entities * periods;
        var ids = new int[n];
        var years = new int[n];
        for (int r = 0; r < n; r++) { ids[r] = r / periods + 1; years[r] = 2000 + r % periods; }
        var categorical = regionOfEntity is null
            ? null
            : new[] { new KeyValuePair<string, Factor>("region", Factor.FromStrings(Enumerable.Range(0, n).Select(r => regionOfEntity[r / periods]).ToArray())) };
        return PanelData.Create("city", ids, "year", years, columns.Select(c => new KeyValuePair<string, double[]>(c.Name, c.Values)), categorical);
    }

    /// <summary>The entropy weight method written out directly from SPEC §2, one loop per step.</summary>
    public static (double[] Weights, double[] Entropies, double[][] Normalised, double[] Scores) NaiveEntropy(double[][] columns, bool[] negative, double shift)
    {
        int m = columns.Length, n = columns[0].Length;
        var xp = new double[m][];
        var e = new double[m];
        for (int j = 0; j < m; j++)
        {
            double min = columns[j].Min(), max = columns[j].Max();
            xp[j] = columns[j].Select(x => (negative[j] ? max - x : x - min) / (max - min) + shift).ToArray();
            double total = xp[j].Sum(), h = 0;
            foreach (var v in xp[j])
            {
                double p = v / total;
                if (p > 0) h += p * Math.Log(p);
            }
            e[j] = -h / Math.Log(n);
        }
        var d = e.Select(x => 1 - x).ToArray();
        var w = d.Select(x => x / d.Sum()).ToArray();
        var scores = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) scores[i] += w[j] * xp[j][i];
        return (w, e, xp, scores);
    }

    /// <summary>Σ_i Σ_k s_i s_k |x_i − x_k| / (2μ) by the double sum.</summary>
    public static double BruteGini(double[] x, double[]? w = null)
    {
        w ??= x.Select(_ => 1.0).ToArray();
        double total = w.Sum(), mu = 0, sum = 0;
        for (int i = 0; i < x.Length; i++) mu += w[i] / total * x[i];
        for (int i = 0; i < x.Length; i++)
            for (int k = 0; k < x.Length; k++) sum += w[i] / total * w[k] / total * Math.Abs(x[i] - x[k]);
        return sum / (2 * mu);
    }
}
