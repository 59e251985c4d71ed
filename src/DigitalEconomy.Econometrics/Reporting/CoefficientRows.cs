using DigitalEconomy.Econometrics.Results;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Reporting;

/// <summary>
/// The esttab cell pair every coefficient table shares: the estimate with significance stars, and below it the
/// standard error in parentheses (or the t statistic in brackets). Used by <see cref="RegressionTable"/> and the
/// mediation tables so the two always print coefficients the same way.
/// </summary>
internal static class CoefficientRows
{
    /// <summary>Estimate cell ("0.123**") and error cell ("(0.045)" or "[2.73]") of one coefficient.</summary>
    public static (string Estimate, string Error) Cells(Coefficient c, int decimals, bool tStatistic = false) =>
        (NumberFormat.Estimate(c.Estimate, c.PValue, decimals),
         tStatistic ? "[" + NumberFormat.Fixed(c.T, 2) + "]" : NumberFormat.Parenthesised(c.StdError, decimals));

    /// <summary>
    /// Adds the estimate row labelled <paramref name="label"/> and the error row under it, one cell per model;
    /// a model without coefficient <paramref name="name"/> gets empty cells.
    /// </summary>
    public static void Add(TableBuilder table, IReadOnlyList<IEstimationResult> models, string name, string label,
        int decimals, bool tStatistic = false)
    {
        var estimates = new string[models.Count];
        var errors = new string[models.Count];
        for (int m = 0; m < models.Count; m++)
            (estimates[m], errors[m]) = models[m].Coefficients.FirstOrDefault(c => c.Name == name) is { } c
                ? Cells(c, decimals, tStatistic)
                : ("", "");
        table.Row(label, estimates).Row("", errors);
    }
}
