using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;

namespace DigitalEconomy.Cli.Infrastructure;

/// <summary>Reads the panel named by the common options and checks the columns a command needs, up front.</summary>
internal static class PanelLoader
{
    public static PanelData Load(CommonSettings settings) =>
        PanelReader.Read(settings.DataPath, settings.Entity, settings.Time, settings.Read);

    /// <summary>
    /// Fails with one line naming the option and the column when a requested numeric column is absent, so
    /// the user learns which option is wrong before any estimation starts.
    /// </summary>
    /// <param name="panel">The panel.</param>
    /// <param name="option">The option that named the columns.</param>
    /// <param name="columns">The columns.</param>
    /// <param name="checkMagnitude">
    /// False for the regressors of the linear fixed-effects/OLS fit, which scales any column beyond about 1e±77
    /// exactly by a power of two before forming cross-products and so handles every finite magnitude.
    /// </param>
    public static void RequireNumeric(PanelData panel, string option, IEnumerable<string> columns, bool checkMagnitude = true)
    {
        foreach (var c in columns)
        {
            if (!panel.HasNumeric(c))
                throw new SpecificationException($"{option}: {panel.UnknownColumn(c).Message}");
            if (checkMagnitude) CheckMagnitude(panel, option, c);
        }
    }

    /// <summary>Largest magnitude a column may have so that squares and cross-products stay finite and normal.</summary>
    public const double MaxMagnitude = 1e150;

    /// <summary>
    /// Estimators square and cross-multiply columns; beyond about 1e±154 those products overflow to ∞ or
    /// underflow to 0 in double precision, and an estimator that does not rescale its columns would report the
    /// column as collinear with null standard errors. Say so up front instead, with the remedy. (The linear
    /// fixed-effects/OLS fit rescales its regressors and skips this check for them; its outcome, and every
    /// column of the other estimators, are still checked.)
    /// </summary>
    public static void CheckMagnitude(PanelData panel, string option, string column)
    {
        double max = 0;
        foreach (var v in panel.Column(column))
            if (double.IsFinite(v)) max = Math.Max(max, Math.Abs(v));
        if (max > MaxMagnitude || (max > 0 && max < 1 / MaxMagnitude))
            throw new SpecificationException(
                $"{option}: column '{column}' has values of magnitude {max:G3}, which products of the estimation cannot represent in double precision (allowed up to 1e150 and down to 1e-150); " +
                "rescale the column (e.g. express it in millions, or take logs) and run again.");
    }

    /// <summary>Like <see cref="RequireNumeric"/> for grouping columns (entity, time, text or numeric codes).</summary>
    public static void RequireColumn(PanelData panel, string option, IEnumerable<string> columns)
    {
        foreach (var c in columns)
            if (!panel.HasColumn(c))
                throw new SpecificationException($"{option}: {panel.UnknownColumn(c).Message}");
    }
}
