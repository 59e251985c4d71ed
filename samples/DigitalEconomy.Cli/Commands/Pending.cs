namespace DigitalEconomy.Cli.Commands;

/// <summary>Marks a step whose library module has not been merged yet (a bug-class error, exit code 1).</summary>
internal static class Pending
{
    public static NotSupportedException Module(string module) =>
        new($"the {module} module is not part of this build yet.");
}
