using DigitalEconomy.Econometrics;

namespace DigitalEconomy.Cli.Infrastructure;

/// <summary>
/// Runs a command body and turns exceptions into one line on stderr and an exit code: user mistakes
/// (<see cref="EconometricsException"/> and its subclasses) give <see cref="CliApp.UserError"/> with the
/// message only; anything else is a bug and gives <see cref="CliApp.InternalError"/> with a short line (the
/// stack trace only with --verbose or <see cref="CliApp.VerboseEnvironmentVariable"/>).
/// </summary>
internal static class CommandRunner
{
    public static int Execute(CliConsole console, bool verbose, Action body)
    {
        try
        {
            body();
            return CliApp.Success;
        }
        catch (EconometricsException e)
        {
            console.Error.WriteLine("error: " + OneLine(LibraryToCli(e.Message)));
            if (verbose && e.InnerException is not null)
                console.Error.WriteLine(e.InnerException.ToString());
            return CliApp.UserError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Disk full, read-only folder, a file vanished: the environment, not a bug.
            console.Error.WriteLine("error: input/output failure: " + OneLine(e.Message));
            return CliApp.UserError;
        }
        catch (Exception e)
        {
            return ReportInternalError(console, e, verbose);
        }
    }

    public static int ReportInternalError(CliConsole console, Exception e, bool verbose)
    {
        console.Error.WriteLine($"internal error: {e.GetType().Name}: {OneLine(e.Message)} — this is a bug; please report it " +
            (verbose || VerboseFromEnvironment() ? "with the trace below." : $"(rerun with --verbose or {CliApp.VerboseEnvironmentVariable}=1 for the stack trace)."));
        if (verbose || VerboseFromEnvironment())
            console.Error.WriteLine(e.ToString());
        return CliApp.InternalError;
    }

    private static bool VerboseFromEnvironment() =>
        Environment.GetEnvironmentVariable(CliApp.VerboseEnvironmentVariable) is "1" or "true" or "TRUE" or "True";

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    // Library messages name library settings; on the command line the user needs the option instead.
    private static readonly (string Library, string Cli)[] SettingNames =
    [
        ("reduce the trimming, MinimumRegimeShare or MaxThresholds.", "reduce --trim or --thresholds."),
        ("set ThresholdOptions.BalancePanel = true to keep only complete entities, or call PanelData.Balance() first.", "pass --balance to keep only the complete entities."),
        ("set MissingValues = Listwise to drop those rows (their score is then missing).", "pass --missing listwise to drop those rows (their score is then missing)."),
        ("(CLI: --text-columns / CategoricalColumns)", "(--text-columns)"),
        ("(--text-columns / CategoricalColumns)", "(--text-columns)"),
        ("(CLI: --delimiter; library: Delimiter read option)", "(--delimiter)"),
        (" (CLI: --time-ordinal; library: OrdinalTime = true)", " (--time-ordinal)"),
        (" (library: PanelReader with TextEncodingChoice)", ""),
        ("; library: CategoricalColumns)", ")"),
        ("(CLI: --text-columns", "(--text-columns"),
        ("set DropSingletons to drop them as reghdfe does", "pass --drop-singletons to drop them as reghdfe does"),
        ("Use GapForm.RelativeDeviation or a positive measure.", "Use --form relative or a positive measure."),
        // The iteration limit of the fixed-effects projection is not a command-line option.
        ("raise DemeaningOptions.MaxIterations or check for", "check for"),
        ("; raise DemeaningOptions.MaxIterations.", " (the command line uses the default iteration limit)."),
        ("; fit it with PanelRegression.FitMany.", "; only fe --formula estimates several models at once."),
    ];

    internal static string LibraryToCli(string message)
    {
        foreach (var (library, cli) in SettingNames)
            message = message.Replace(library, cli, StringComparison.Ordinal);
        return message;
    }
}
