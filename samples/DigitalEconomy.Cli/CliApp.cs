using System.CommandLine;
using DigitalEconomy.Cli.Commands;
using DigitalEconomy.Cli.Infrastructure;

namespace DigitalEconomy.Cli;

/// <summary>
/// Entry point that tests can call in-process with captured output. Builds the command tree (documented in docs/cli) and
/// maps outcomes to exit codes: 0 success, 2 user error (bad option, bad data, impossible model), 1 bug.
/// </summary>
public static class CliApp
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code for a bug (any exception that is not a user mistake).</summary>
    public const int InternalError = 1;

    /// <summary>Exit code for a user mistake: bad option, unreadable or malformed data, impossible model.</summary>
    public const int UserError = 2;

    /// <summary>Environment variable that, when set to 1/true, prints stack traces of internal errors.</summary>
    public const string VerboseEnvironmentVariable = "DE_ECON_VERBOSE";

    /// <summary>Runs the CLI; returns 0 on success, 2 for user errors, 1 for bugs.</summary>
    /// <param name="args">Command-line arguments, without the program name.</param>
    /// <param name="stdout">Where results go (the JSON document, tables, "wrote …" lines).</param>
    /// <param name="stderr">Where errors, notes and progress go.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var console = new CliConsole(stdout, stderr);
        try
        {
            var root = BuildRootCommand(console);
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0 && !AsksForHelp(args))
            {
                // System.CommandLine would print every error plus the whole help text; one line is clearer.
                // An unknown token explains more than the "required command" error it also causes.
                var error = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(t => e.Message.Contains(t, StringComparison.Ordinal))) ?? parse.Errors[0];
                var message = string.Join(' ', error.Message.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                stderr.WriteLine($"error: {message} (run '{ToolName} {CommandPath(parse)} --help' for usage)".Replace("  ", " "));
                return UserError;
            }
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            // Exceptions inside commands are handled by CommandRunner; reaching here is a bug in the CLI itself.
            return CommandRunner.ReportInternalError(console, e, verbose: args.Contains("--verbose"));
        }
    }

    /// <summary>Name of the installed tool, used in messages.</summary>
    public const string ToolName = "de-econ";

    internal static RootCommand BuildRootCommand(CliConsole console)
    {
        var root = new RootCommand(
            "Panel econometrics of the digital economy and regional development gaps: entropy-weight index, " +
            "inequality, two-way fixed effects, mediation, Hansen thresholds, and the whole study in one command.")
        {
            SimulateCommand.Build(console),
            IndexCommand.Build(console),
            InequalityCommand.Build(console),
            FeCommand.Build(console),
            RandomEffectsCommand.BuildRe(console),
            RandomEffectsCommand.BuildHausman(console),
            IvCommand.Build(console),
            MediateCommand.Build(console),
            ThresholdCommand.Build(console),
            GmmCommand.Build(console),
            CouplingCommand.Build(console),
            MarkovCommand.Build(console),
            ConvergenceCommand.Build(console),
            DensityCommand.Build(console),
            DidCommand.Build(console),
            WeightsCommand.Build(console),
            MoranCommand.Build(console),
            SpatialCommand.Build(console),
            ReplicateCommand.Build(console),
            TableCommand.Build(console),
            GapCommand.Build(console),
            InitCommand.Build(console),
        };
        return root;
    }

    private static bool AsksForHelp(string[] args) =>
        args.Any(a => a is "--help" or "-h" or "-?" or "/?" or "/h" or "--version");

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            if (r.Command is not RootCommand) names.Insert(0, r.Command.Name);
        return string.Join(' ', names);
    }
}
