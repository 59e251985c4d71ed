using DigitalEconomy.Econometrics;

namespace DigitalEconomy.Cli.Infrastructure;

/// <summary>
/// The output folder of a run that writes many files (<c>replicate</c>), made safe against interruption and
/// concurrency: everything is written into a hidden sibling folder (<c>.NAME.partial-XXXX</c>) that replaces
/// the destination only when the run is complete, so an interrupted or failed run leaves the previous results
/// exactly as they were and never a half-written folder; a lock file beside the folder (<c>.NAME.lock</c>,
/// held open exclusively for the whole run and released by the operating system if the process dies) refuses
/// a second run into the same folder.
/// </summary>
/// <remarks>
/// A folder is replaced only if it is empty or was written by an earlier run (it holds
/// <see cref="MarkerFile"/>): a folder of the user's own files is never swept away.
/// </remarks>
internal sealed class ResultsFolder : IDisposable
{
    /// <summary>File that marks a folder as written by this program, so a later run may replace it.</summary>
    public const string MarkerFile = ".de-econ-results";

    private readonly FileStream _lock;
    private readonly List<System.Runtime.InteropServices.PosixSignalRegistration> _signals = [];
    private bool _committed;
    private volatile bool _interrupted;

    private ResultsFolder(string final, string staging, FileStream lockFile)
    {
        Final = final;
        Staging = staging;
        _lock = lockFile;
        // Ctrl+C or a kill: remove the half-written staging folder before the process ends (the previous
        // results were never touched; the lock goes with the process).
        foreach (var signal in new[] { System.Runtime.InteropServices.PosixSignal.SIGINT, System.Runtime.InteropServices.PosixSignal.SIGTERM })
        {
            try
            {
                _signals.Add(System.Runtime.InteropServices.PosixSignalRegistration.Create(signal, _ =>
                {
                    // If the process goes on (the signal was ignored by its parent), Commit refuses to publish.
                    _interrupted = true;
                    if (!_committed) TryDelete(Staging);
                }));
            }
            catch (PlatformNotSupportedException)
            {
                // Signals that the platform cannot deliver need no handler; a stale staging folder is removed by the next run.
            }
        }
    }

    /// <summary>Where the results end up.</summary>
    public string Final { get; }

    /// <summary>Where the run writes; becomes <see cref="Final"/> on <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>Checks the destination, takes the lock and creates the staging folder.</summary>
    public static ResultsFolder Begin(CommonSettings settings, string path, string option = "--out")
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new SpecificationException($"{option} is empty; expected a directory path.");
        string final;
        try
        {
            final = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new SpecificationException($"{option} \"{path}\" is not a valid path ({e.Message}).");
        }
        if (File.Exists(final))
            throw new SpecificationException($"{option} {path} is a file; replicate needs a directory to write its tables and figures into.");
        var parent = Path.GetDirectoryName(final);
        var name = Path.GetFileName(final);
        if (parent is null || name.Length == 0)
            throw new SpecificationException($"{option} {path} is a root directory; choose a folder for the results, e.g. {option} results.");
        foreach (var input in settings.Inputs)
            if (FileIdentity.IsInside(input, final))
                throw new SpecificationException($"{option} {path} contains the input file {input}, which replacing the folder would delete; choose another output folder.");
        if (Directory.Exists(final) && !File.Exists(Path.Combine(final, MarkerFile)) && Directory.EnumerateFileSystemEntries(final).Any())
            throw new SpecificationException(
                $"{option} {path} already holds files that replicate did not write; choose a new or empty folder (or delete it), so that nothing of yours is replaced.");

        FileStream lockFile;
        try
        {
            Directory.CreateDirectory(parent);
            lockFile = new FileStream(Path.Combine(parent, "." + name + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e) when (e is not PathTooLongException && e.GetType() == typeof(IOException))
        {
            throw new SpecificationException($"{option} {path}: another replicate run is writing into this folder (lock file .{name}.lock); wait for it to finish or choose another folder.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException($"cannot create the output folder {path}: {e.Message}", e);
        }
        try
        {
            // Leftovers of runs that were killed (we hold the lock, so none is running).
            foreach (var stale in Directory.EnumerateDirectories(parent, "." + name + ".partial-*"))
                TryDelete(stale);
            var staging = Path.Combine(parent, $".{name}.partial-{Guid.NewGuid():N}"[..(name.Length + 18)]);
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, MarkerFile), "Written by de-econ replicate; a later run may replace this folder.\n");
            return new ResultsFolder(final, staging, lockFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lockFile.Dispose();
            throw new OutputWriteException($"cannot create the output folder {path}: {e.Message}", e);
        }
    }

    /// <summary>Moves the complete results into place (the previous folder, if any, is replaced).</summary>
    public void Commit()
    {
        if (_interrupted)
        {
            TryDelete(Staging);
            throw new OutputWriteException($"the run was interrupted; the previous results in {Final} are unchanged.", new OperationCanceledException());
        }
        string? old = null;
        try
        {
            if (Directory.Exists(Final))
            {
                old = Staging.Replace(".partial-", ".old-", StringComparison.Ordinal);
                Directory.Move(Final, old);
            }
            Directory.Move(Staging, Final);
            _committed = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (old is not null && !Directory.Exists(Final) && Directory.Exists(old))
                Directory.Move(old, Final); // put the previous results back
            throw new OutputWriteException($"cannot move the results into {Final}: {e.Message}", e);
        }
        if (old is not null) TryDelete(old);
    }

    /// <summary>Removes the staging folder of an unfinished run and releases the lock.</summary>
    public void Dispose()
    {
        foreach (var registration in _signals) registration.Dispose();
        if (!_committed) TryDelete(Staging);
        _lock.Dispose();
    }

    private static void TryDelete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* a leftover hidden folder is harmless */ }
    }
}
