using DigitalEconomy.Cli;
using DigitalEconomy.Cli.Infrastructure;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Cli;

/// <summary>The exit-code contract of issue 7: user errors → 2 and one line; bugs → 1, stack trace only on request.</summary>
public class CliErrorHandlingTests
{
    private static (int Code, string Stderr) Execute(bool verbose, Action body)
    {
        var stderr = new StringWriter();
        int code = CommandRunner.Execute(new CliConsole(new StringWriter(), stderr), verbose, body);
        return (code, stderr.ToString());
    }

    [Fact]
    public void Library_user_errors_exit_2_with_the_message_only()
    {
        var (code, stderr) = Execute(false, () => throw new SpecificationException("Column 'x' is constant."));
        code.Should().Be(CliApp.UserError);
        stderr.Should().Be("error: Column 'x' is constant." + Environment.NewLine);
    }

    [Fact]
    public void Bugs_exit_1_with_a_short_internal_error_line_and_no_stack_trace()
    {
        var (code, stderr) = Execute(false, () => throw new InvalidOperationException("index out of sync"));
        code.Should().Be(CliApp.InternalError);
        stderr.Should().StartWith("internal error: InvalidOperationException: index out of sync");
        stderr.Should().Contain("--verbose").And.NotContain("   at ");
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1);
    }

    [Fact]
    public void Verbose_adds_the_stack_trace_to_internal_errors()
    {
        var (code, stderr) = Execute(true, () => throw new InvalidOperationException("index out of sync"));
        code.Should().Be(CliApp.InternalError);
        stderr.Should().Contain("   at ");
    }

    [Fact]
    public void Success_exits_0_and_writes_nothing_to_stderr()
    {
        var (code, stderr) = Execute(false, () => { });
        code.Should().Be(CliApp.Success);
        stderr.Should().BeEmpty();
    }
}
