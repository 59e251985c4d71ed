using System.Globalization;

namespace DigitalEconomy.Econometrics.Reporting;

/// <summary>Shared number formatting for tables: fixed decimals, significance stars, parentheses.</summary>
public static class NumberFormat
{
    /// <summary>Fixed-point with <paramref name="decimals"/> digits, invariant culture; NaN as ".".</summary>
    public static string Fixed(double value, int decimals = 3) =>
        double.IsNaN(value) ? "." : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Stars by the usual thresholds: *** p &lt; 0.01, ** p &lt; 0.05, * p &lt; 0.1.</summary>
    public static string Stars(double pValue) => pValue switch
    {
        < 0.01 => "***",
        < 0.05 => "**",
        < 0.1 => "*",
        _ => "",
    };

    /// <summary>An estimate with stars, e.g. "0.123***".</summary>
    public static string Estimate(double estimate, double pValue, int decimals = 3) => Fixed(estimate, decimals) + Stars(pValue);

    /// <summary>A value in parentheses, e.g. "(0.045)" for a standard error.</summary>
    public static string Parenthesised(double value, int decimals = 3) => "(" + Fixed(value, decimals) + ")";

    /// <summary>Integer with thousands separators, e.g. "3,420".</summary>
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The standard star legend note.</summary>
    public const string StarLegend = "* p < 0.1, ** p < 0.05, *** p < 0.01";
}
