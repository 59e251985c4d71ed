using Spectre.Console;

namespace DigitalEconomy.Cli.Infrastructure;

/// <summary>
/// A Spectre.Console progress bar on the terminal's stderr for long work (bootstrap, replicate); when the
/// output is redirected or captured the work runs with a null reporter and nothing is drawn.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, giving it a reporter of completed units out of <paramref name="total"/>.</summary>
    public static T Run<T>(CliConsole console, string description, int total, Func<IProgress<int>?, T> work)
    {
        if (!console.ShowsProgress || total <= 0) return work(null);
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return terminal.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(description), maxValue: total);
                return work(new TaskProgress(task));
            });
    }

    /// <summary>Reports may come from parallel replications; the maximum seen wins so the bar never moves back.</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<int>
    {
        private int _done;

        public void Report(int value)
        {
            int seen;
            do
            {
                seen = Volatile.Read(ref _done);
                if (value <= seen) return;
            } while (Interlocked.CompareExchange(ref _done, value, seen) != seen);
            task.Value = value;
        }
    }
}
