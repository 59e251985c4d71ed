using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Reporting;

namespace DigitalEconomy.Cli.Replication;

/// <summary>The usual first table of a panel study: N, mean, SD (n − 1), min and max per variable.</summary>
internal static class DescriptiveStatistics
{
    public static Table Table(PanelData panel, IEnumerable<string> columns)
    {
        var builder = new TableBuilder("Descriptive statistics").Columns("Variable", "N", "Mean", "SD", "Min", "Max");
        foreach (var name in columns)
        {
            var x = panel.Column(name);
            int n = 0;
            double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (var v in x)
            {
                if (!double.IsFinite(v)) continue;
                n++;
                sum += v;
                if (v < min) min = v;
                if (v > max) max = v;
            }
            double mean = n > 0 ? sum / n : double.NaN, ss = 0;
            foreach (var v in x)
                if (double.IsFinite(v)) ss += (v - mean) * (v - mean);
            double sd = n > 1 ? Math.Sqrt(ss / (n - 1)) : double.NaN;
            builder.Row(name, NumberFormat.Count(n), NumberFormat.Fixed(mean), NumberFormat.Fixed(sd), NumberFormat.Fixed(min), NumberFormat.Fixed(max));
        }
        return builder.Note($"Panel: {panel.Structure}. SD uses the n − 1 denominator; missing values are excluded per variable.").Build();
    }
}
