using DigitalEconomy.Econometrics.Numerics;

namespace DigitalEconomy.Econometrics.Spatial;

/// <summary>LM tests of a spatial lag and of spatial error dependence on the OLS (within) regression.</summary>
internal static class SpatialLmStatistics
{
    public static SpatialLmTests Compute(SpatialProblem p, List<double[]> xs)
    {
        var x = ColumnMajorMatrix.FromColumns(xs);
        var sol = LeastSquares.Solve(x, p.Y);
        var e = SpatialLikelihood.Residuals(x, p.Y, sol.Coefficients);
        int nt = e.Length;
        double sigma2 = SpatialLikelihood.Dot(e, e) / nt;
        var we = new double[nt];
        p.Operator.W.MultiplyBlocks(e, we, p.T);
        var w = p.Operator.W;
        double trWtW = 0;
        foreach (var v in w.Values) trWtW += v * v;
        double tw = p.T * (trWtW + w.TraceOfSquare());
        double errScore = SpatialLikelihood.Dot(e, we) / sigma2;
        double lagScore = SpatialLikelihood.Dot(e, p.Wy) / sigma2;
        var xb = SpatialLikelihood.Fitted(x, sol.Coefficients);
        var wxb = new double[nt];
        w.MultiplyBlocks(xb, wxb, p.T);
        var m = LeastSquares.Solve(x, wxb);
        var mwxb = SpatialLikelihood.Residuals(x, wxb, m.Coefficients);
        double j = SpatialLikelihood.Dot(mwxb, mwxb) / sigma2 + tw;
        return new SpatialLmTests(
            SpatialTest.ChiSquared("lm_lag", lagScore * lagScore / j, 1),
            SpatialTest.ChiSquared("lm_error", errScore * errScore / tw, 1),
            SpatialTest.ChiSquared("robust_lm_lag", (lagScore - errScore) * (lagScore - errScore) / (j - tw), 1),
            SpatialTest.ChiSquared("robust_lm_error", Math.Pow(errScore - tw / j * lagScore, 2) / (tw * (1 - tw / j)), 1));
    }
}
