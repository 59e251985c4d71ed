using System.CommandLine;
using DigitalEconomy.Cli;
using DigitalEconomy.Cli.Infrastructure;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>Options appear only where they apply: --seed on the commands that draw random numbers, and --format values a command accepts.</summary>
public class CliOptionPlacementTests
{
    /// <summary>
    /// The commands whose code draws random numbers (read from each command): simulate (the generator), fe
    /// (wild cluster bootstrap), iv (WRE wild bootstrap), mediate (bootstrap), threshold (bootstrap of the F tests), did (multiplier
    /// bootstrap and placebo permutations), moran (permutation inference), spatial (simulated effects) and
    /// replicate (all of these).
    /// </summary>
    private static readonly string[] Random = ["simulate", "fe", "iv", "mediate", "threshold", "did", "moran", "spatial", "replicate"];

    private static IEnumerable<Command> All(Command c) => c.Subcommands.SelectMany(s => All(s).Prepend(s));

    [Fact]
    public void Seed_is_offered_exactly_by_the_commands_with_randomness()
    {
        var root = CliApp.BuildRootCommand(new CliConsole(TextWriter.Null, TextWriter.Null));
        var commands = All(root).ToArray();
        commands.Select(c => c.Name).Should().Contain(Random);
        var withSeed = commands.Where(c => c.Options.Any(o => o.Name == "--seed")).Select(c => c.Name);
        withSeed.Should().BeEquivalentTo(Random);
    }

    [Fact]
    public void Seed_on_a_command_without_randomness_is_an_unknown_option()
    {
        var run = CliHarness.Run("inequality", "--var", "gap", "--seed", "3");
        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("--seed");
    }

    [Fact]
    public void Simulate_help_lists_only_the_format_it_writes()
    {
        var help = CliHarness.Run("simulate", "--help");
        help.ExitCode.Should().Be(0, help.ToString());
        var line = help.Stdout.Split('\n').Single(l => l.TrimStart().StartsWith("--format", StringComparison.Ordinal));
        line.Should().Contain("csv").And.NotContain("json").And.NotContain("markdown").And.NotContain("latex");
        CliHarness.Run("simulate", "--format", "json").ExitCode.Should().Be(2);
        var csv = CliHarness.Run("simulate", "--cities", "2", "--first-year", "2010", "--last-year", "2011", "--format", "csv");
        csv.ExitCode.Should().Be(0, csv.ToString());
    }
}
