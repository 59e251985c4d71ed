using DigitalEconomy.Econometrics.Results;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Reporting;

/// <summary>
/// The esttab cell pair every coefficient table shares: the estimate with significance stars, and below it the
/// standard error in parentheses (or the t statistic, p-value or confidence interval). Used by
/// <see cref="RegressionTable"/>, the threshold and the mediation tables so they always print coefficients the same way.
/// </summary>
internal static class CoefficientRows
{
    /// <summary>Estimate cell ("0.123**") and error cell ("(0.045)" or "[2.73]") of one coefficient.</summary>
    public static (string Estimate, string Error) Cells(Coefficient c, int decimals, bool tStatistic = false) =>
        Cells(c, decimals, tStatistic ? CellStatistic.TStatistic : CellStatistic.StdError, SignificanceStars.Default);

    /// <summary>Estimate cell with <paramref name="stars"/> and the chosen statistic below it.</summary>
    public static (string Estimate, string Error) Cells(Coefficient c, int decimals, CellStatistic statistic, SignificanceStars stars) =>
        (NumberFormat.Fixed(c.Estimate, decimals) + stars.For(c.PValue), statistic switch
        {
            CellStatistic.StdError => NumberFormat.Parenthesised(c.StdError, decimals),
            CellStatistic.TStatistic => "[" + NumberFormat.Fixed(c.T, 2) + "]",
            CellStatistic.PValue => NumberFormat.Parenthesised(c.PValue, decimals),
            CellStatistic.ConfidenceInterval => "[" + NumberFormat.Fixed(c.ConfLow, decimals) + ", " + NumberFormat.Fixed(c.ConfHigh, decimals) + "]",
            _ => "",
        });

    /// <summary>The note explaining the statistic below the estimates.</summary>
    public static string Legend(CellStatistic statistic) => statistic switch
    {
        CellStatistic.StdError => "Standard errors in parentheses.",
        CellStatistic.TStatistic => "t statistics in brackets.",
        CellStatistic.PValue => "p-values in parentheses.",
        CellStatistic.ConfidenceInterval => "Confidence intervals in brackets.",
        _ => "",
    };

    /// <summary>
    /// Adds the estimate row labelled <paramref name="label"/> and the error row under it, one cell per model;
    /// a model without coefficient <paramref name="name"/> gets empty cells.
    /// </summary>
    public static void Add(TableBuilder table, IReadOnlyList<IEstimationResult> models, string name, string label,
        int decimals, bool tStatistic = false) =>
        Add(table, models, name, label, decimals, tStatistic ? CellStatistic.TStatistic : CellStatistic.StdError, SignificanceStars.Default);

    /// <summary>As <see cref="Add(TableBuilder, IReadOnlyList{IEstimationResult}, string, string, int, bool)"/> with a chosen statistic and stars.</summary>
    public static void Add(TableBuilder table, IReadOnlyList<IEstimationResult> models, string name, string label,
        int decimals, CellStatistic statistic, SignificanceStars stars)
    {
        var estimates = new string[models.Count];
        var errors = new string[models.Count];
        for (int m = 0; m < models.Count; m++)
            (estimates[m], errors[m]) = models[m].Coefficients.FirstOrDefault(c => c.Name == name) is { } c
                ? Cells(c, decimals, statistic, stars)
                : ("", "");
        table.Row(label, estimates);
        if (statistic != CellStatistic.None) table.Row("", errors);
    }
}
