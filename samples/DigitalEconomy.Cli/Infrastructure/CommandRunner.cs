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
            console.Error.WriteLine("error: " + OneLine(e.Message));
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
}
