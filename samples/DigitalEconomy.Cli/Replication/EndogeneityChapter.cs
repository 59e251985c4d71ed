using System.Globalization;
using DigitalEconomy.Econometrics.Inference;
using DigitalEconomy.Econometrics.Iv;
using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Results;
using static DigitalEconomy.Cli.Replication.Interpretation;
using Col = DigitalEconomy.Econometrics.Simulation.CityPanelColumns;
using S = DigitalEconomy.Cli.Replication.StudyColumns;

namespace DigitalEconomy.Cli.Replication;

/// <summary>
/// The endogeneity chapter: OLS, the reduced form, the first stage, 2SLS and LIML of the gap on the digital
/// economy index instrumented by the historical post offices and telephones interacted with lagged national
/// internet users, with two-way fixed effects, city-clustered errors and the weak-instrument statistics.
/// </summary>
internal static class EndogeneityChapter
{
    private const string Heading = "Endogeneity: instrumental variables";
    private static readonly string[] Instruments = [Col.PostXNet, Col.TelXNet];

    public static void Run(ReplicationContext ctx)
    {
        var panel = ctx.Panel;
        var absent = Instruments.Where(c => !panel.HasNumeric(c)).ToArray();
        if (absent.Length > 0)
        {
            var reason = $"the panel has no instrument column(s) {string.Join(", ", absent)} (see data/README.md)";
            ctx.Summary.Skipped.Add($"{Heading} ({reason})");
            ctx.Section(Heading, $"Not run: {reason}.");
            return;
        }
        var spec = new IvSpecification(S.Gap, S.Controls, [S.Dei], Instruments, [panel.EntityName, panel.TimeName]);
        var options = new IvOptions { Vcov = Vcov.Cluster(panel.EntityName) };
        var cmp = IvRegression.Compare(panel, spec, options);
        var liml = IvRegression.Fit(panel, spec, options with { Estimator = IvEstimator.Liml });
        var iv = cmp.Iv;
        var first = iv.FirstStages[0];
        IEstimationResult[] models = [cmp.Ols, cmp.ReducedForm, first.Regression, iv, liml];
        string[] headers = ["OLS", "Reduced form", "First stage", "2SLS", "LIML"];
        string[] rows = [S.Dei, .. Instruments, .. S.Controls];
        var t = new TableBuilder("Endogeneity: OLS, reduced form, first stage, 2SLS and LIML (two-way fixed effects)").Columns(["", .. headers]);
        foreach (var name in rows)
        {
            t.Row(S.Label(name), models.Select(m => Cell(m, name, c => Fmt(c.Estimate) + Stars(c.PValue))).ToArray());
            t.Row("", models.Select(m => Cell(m, name, c => $"({Fmt(c.StdError)})")).ToArray());
        }
        t.Rule();
        t.Row("Observations", models.Select(m => m.Observations.ToString(CultureInfo.InvariantCulture)).ToArray());
        t.Row("Dependent", models.Select(m => m.Dependent).ToArray());
        var w = iv.WeakIdentification;
        string[] Only(params (int Column, string Text)[] cells) => Enumerable.Range(0, 5).Select(i => cells.FirstOrDefault(c => c.Column == i).Text ?? "").ToArray();
        t.Row("First-stage F (excluded)", Only((2, Fmt(first.F.Statistic, "0.00"))));
        t.Row("Kleibergen–Paap rk Wald F", Only((3, Fmt(w.KleibergenPaapWaldF ?? double.NaN, "0.00")), (4, Fmt(liml.WeakIdentification.KleibergenPaapWaldF ?? double.NaN, "0.00"))));
        t.Row("Cragg–Donald Wald F", Only((3, Fmt(w.CraggDonaldF, "0.00")), (4, Fmt(liml.WeakIdentification.CraggDonaldF, "0.00"))));
        t.Row("KP rk LM p-value", Only((3, Fmt(w.Underidentification.PValue))));
        if (iv.Overidentification is { } j) t.Row("Hansen J p-value", Only((3, Fmt(j.PValue)), (4, Fmt(liml.Overidentification?.PValue ?? double.NaN))));
        if (iv.Endogeneity is { } c0) t.Row("Endogeneity C p-value", Only((3, Fmt(c0.PValue))));
        t.Row("Anderson–Rubin F p-value", Only((3, Fmt(iv.AndersonRubin.F.PValue))));
        t.Note(iv.Variance!.Description + ".");
        t.Note(iv.AndersonRubin.Describe());
        var sy = w.StockYogo.FirstOrDefault(v => v.Table == "2sls_size" && v.Threshold == "size_10pct");
        if (sy is not null) t.Note($"Stock–Yogo 10% maximal size critical value for the Cragg–Donald F: {sy.Value:0.00}. Critical values: {StockYogoTables.Attribution}");
        t.Note("* p < 0.10, ** p < 0.05, *** p < 0.01");

        var b = iv[S.Dei];
        var o = cmp.Ols[S.Dei];
        string strength = (w.KleibergenPaapWaldF ?? w.CraggDonaldF) >= 10 ? "strong (Kleibergen–Paap F above 10)" : "weak (Kleibergen–Paap F below 10): read the Anderson–Rubin set";
        var text =
            $"Instrumenting the digital economy index with {string.Join(" and ", Instruments)}, 2SLS gives {Number(b.Estimate, b.PValue)} against OLS {Number(o.Estimate, o.PValue)}; " +
            $"LIML gives {Number(liml[S.Dei].Estimate, liml[S.Dei].PValue)}. The instruments are {strength}" +
            (iv.Overidentification is { } h ? $", the Hansen J test {(h.PValue < 0.05 ? "rejects" : "does not reject")} the over-identifying restriction ({PClause(h.PValue)})" : "") +
            (iv.Endogeneity is { } e ? $", and the C statistic {(e.PValue < 0.05 ? "rejects" : "does not reject")} exogeneity of the index ({PClause(e.PValue)})" : "") +
            $". {iv.AndersonRubin.Describe()}";
        ctx.Section(Heading, "table13_endogeneity", t.Build(), text);
    }

    private static string Cell(IEstimationResult m, string name, Func<Coefficient, string> f) =>
        m.Coefficients.FirstOrDefault(c => c.Name == name) is { } c ? f(c) : "";

    private static string Fmt(double v, string format = "0.0000") => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "";

    private static string Stars(double p) => p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.10 ? "*" : "";
}
