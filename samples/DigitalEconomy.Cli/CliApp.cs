namespace DigitalEconomy.Cli;

/// <summary>Entry point that tests can call in-process with captured output.</summary>
public static class CliApp
{
    /// <summary>Runs the CLI; returns 0 on success, 2 for user errors, 1 for bugs.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("The CLI commands are not wired yet.");
        _ = args;
        _ = stdout;
        return 1;
    }
}
