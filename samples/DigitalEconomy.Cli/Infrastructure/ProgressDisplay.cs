using Spectre.Console;

namespace DigitalEconomy.Cli.Infrastructure;

/// <summary>
/// A Spectre.Console progress bar on the terminal's stderr for long work (bootstrap, replicate); when the
/// output is redirected or captured the work runs with a null callback and nothing is drawn.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>
    /// Runs <paramref name="work"/>, giving it a callback (completed, total) in the shape the library's
    /// bootstrap options take; null when no bar is shown.
    /// </summary>
    public static T Run<T>(CliConsole console, string description, Func<Action<int, int>?, T> work)
    {
        if (!console.ShowsProgress) return work(null);
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return terminal.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(description), maxValue: 1);
                var reporter = new TaskReporter(task);
                var result = work(reporter.Report);
                task.Value = task.MaxValue;
                return result;
            });
    }

    /// <summary>Reports may come from parallel replications; the largest count seen wins so the bar never moves back.</summary>
    private sealed class TaskReporter(ProgressTask task)
    {
        private readonly object _gate = new();
        private int _done;

        public void Report(int completed, int total)
        {
            lock (_gate)
            {
                if (total > 0 && task.MaxValue != total) task.MaxValue = total;
                if (completed <= _done) return;
                _done = completed;
                task.Value = completed;
            }
        }
    }
}
