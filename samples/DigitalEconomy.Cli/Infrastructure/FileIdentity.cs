using System.Runtime.InteropServices;

namespace DigitalEconomy.Cli.Infrastructure;

/// <summary>
/// Whether two paths name the same file on disk, whatever the spelling: relative parts, symbolic links and
/// hard links. Comparing path strings is not enough — an output given as a symlink or a hard link to the input
/// would overwrite the input.
/// </summary>
/// <remarks>
/// On Linux and macOS the identity is the (device, inode) pair reported by <c>stat(2)</c>, which follows
/// symbolic links; a hard link shares the inode of its target. The pair occupies the first 16 bytes of
/// <c>struct stat</c> on 64-bit Linux (x86-64 and arm64: <c>st_dev</c>, <c>st_ino</c>) and on macOS
/// (<c>st_dev</c>, <c>st_mode</c>, <c>st_nlink</c>, <c>st_ino</c> — mode and link count are equal for one
/// file, so comparing the 16 bytes is still exact). Elsewhere, or if the call is unavailable, the fully
/// resolved paths (every symlink followed) are compared.
/// </remarks>
internal static class FileIdentity
{
    /// <summary>True when both paths exist and are the same file; false when either does not exist.</summary>
    public static bool Same(string a, string b)
    {
        if (!File.Exists(a) || !File.Exists(b)) return false;
        if (Identity(a) is { } ia && Identity(b) is { } ib) return ia == ib;
        return string.Equals(ResolvedPath(a), ResolvedPath(b), OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    /// <summary>True when <paramref name="file"/> lies inside <paramref name="directory"/> (any depth), links resolved.</summary>
    public static bool IsInside(string file, string directory)
    {
        if (!File.Exists(file) || !Directory.Exists(directory)) return false;
        var dir = ResolvedDirectory(directory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (ResolvedPath(file).StartsWith(dir, comparison)) return true;
        // A hard link to the input inside the folder is only a name: removing it leaves the input intact.
        return Path.GetFullPath(file).StartsWith(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, comparison);
    }

    /// <summary>The path with every symbolic link (of the file and of its directories) followed.</summary>
    public static string ResolvedPath(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            var target = File.ResolveLinkTarget(full, returnFinalTarget: true);
            if (target is not null) full = Path.GetFullPath(target.FullName);
            var dir = Path.GetDirectoryName(full);
            return dir is null ? full : Path.Combine(ResolvedDirectory(dir), Path.GetFileName(full));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return full;
        }
    }

    private static string ResolvedDirectory(string directory)
    {
        var full = Path.GetFullPath(directory);
        var parent = Path.GetDirectoryName(full);
        var resolvedParent = parent is null ? null : ResolvedDirectory(parent);
        var here = resolvedParent is null ? full : Path.Combine(resolvedParent, Path.GetFileName(full));
        try
        {
            var target = Directory.ResolveLinkTarget(here, returnFinalTarget: true);
            return target is null ? here : ResolvedDirectory(target.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return here;
        }
    }

    private static (ulong, ulong)? Identity(string path)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) || !Environment.Is64BitProcess) return null;
        var buffer = new byte[512]; // larger than struct stat on every supported platform
        try
        {
            if (NativeStat(path, buffer) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        return (BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8));
    }

#pragma warning disable SYSLIB1054 // DllImport keeps the project free of unsafe code; the call is rare.
    [DllImport("libc", EntryPoint = "stat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int NativeStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buffer);
#pragma warning restore SYSLIB1054
}
