namespace DigitalEconomy.Econometrics.Did;

/// <summary>
/// Least squares with unit and period dummies plus dense covariates, Z = [unit dummies | period dummies | X], fitted
/// on a subset of rows: solves Z₀′Z₀ c = r by conjugate gradients (Z₀′Z₀ is singular by one normalisation of the
/// two factors; CG from zero stays in its range and converges to the minimum-norm solution, and fitted values Z c
/// are unique). Products with Z and Z′ never form the dummy matrix.
/// </summary>
internal sealed class TwoWayNormalEquations(int[] unit, int units, int[] period, int periods, double[][] x, bool[] fitRow)
{
    private readonly int _p = units + periods + x.Length;

    public double[] ZTimes(double[] c)
    {
        var r = new double[unit.Length];
        for (int i = 0; i < r.Length; i++)
        {
            double s = c[unit[i]] + c[units + period[i]];
            for (int j = 0; j < x.Length; j++) s += x[j][i] * c[units + periods + j];
            r[i] = s;
        }
        return r;
    }

    /// <summary>Z′v over the fit rows (<paramref name="onFitRows"/>) or over the other rows.</summary>
    public double[] ZTransposeTimes(double[] v, bool onFitRows)
    {
        var r = new double[_p];
        for (int i = 0; i < v.Length; i++)
        {
            if (fitRow[i] != onFitRows || v[i] == 0) continue;
            r[unit[i]] += v[i];
            r[units + period[i]] += v[i];
            for (int j = 0; j < x.Length; j++) r[units + periods + j] += x[j][i] * v[i];
        }
        return r;
    }

    private double[] Normal(double[] c)
    {
        var zc = ZTimes(c);
        for (int i = 0; i < zc.Length; i++) if (!fitRow[i]) zc[i] = 0;
        return ZTransposeTimes(zc, onFitRows: true);
    }

    public double[] Solve(double[] rhs)
    {
        var c = new double[_p];
        var r = (double[])rhs.Clone();
        var d = (double[])r.Clone();
        double rr = Dot(r, r), stop = 1e-28 * Math.Max(rr, 1e-300);
        for (int iter = 0; iter < 20 * _p + 100 && rr > stop; iter++)
        {
            var ad = Normal(d);
            double dad = Dot(d, ad);
            if (!(dad > 0)) break;
            double alpha = rr / dad;
            for (int k = 0; k < _p; k++) { c[k] += alpha * d[k]; r[k] -= alpha * ad[k]; }
            double next = Dot(r, r);
            double beta = next / rr;
            rr = next;
            for (int k = 0; k < _p; k++) d[k] = r[k] + beta * d[k];
        }
        return c;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
