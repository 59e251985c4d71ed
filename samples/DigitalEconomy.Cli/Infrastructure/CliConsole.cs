using Spectre.Console;

namespace DigitalEconomy.Cli.Infrastructure;

/// <summary>
/// The two output streams of one CLI run. Results go to <see cref="Out"/>, messages to <see cref="Error"/>;
/// progress bars are drawn on the real terminal's stderr only, so that captured or redirected output (tests,
/// pipes, files) never contains control sequences.
/// </summary>
internal sealed class CliConsole(TextWriter stdout, TextWriter stderr)
{
    /// <summary>Results: the JSON document, rendered tables, "wrote …" lines.</summary>
    public TextWriter Out { get; } = stdout;

    /// <summary>Errors, notes (e.g. rows dropped for missing values) and progress.</summary>
    public TextWriter Error { get; } = stderr;

    /// <summary>
    /// True when <see cref="Error"/> is the process's stderr and that is an interactive terminal; only then
    /// are progress bars shown.
    /// </summary>
    public bool ShowsProgress =>
        ReferenceEquals(Error, Console.Error) && !Console.IsErrorRedirected && !Console.IsOutputRedirected
        && Environment.GetEnvironmentVariable("CI") is null
        && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Writes a note line to stderr (information the user should see but that is not the result).</summary>
    public void Note(string message) => Error.WriteLine(CommandRunner.LibraryToCli(message));
}
