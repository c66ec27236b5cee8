using System.Diagnostics;

namespace Migrator.Integration.Tests.Cli;

/// <summary>
/// Makes a file read-only for this process even as root (CI runs as root, which ignores mode bits): the immutable
/// attribute (chattr +i) as root, mode 0444 otherwise. Dispose gives it back.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadOnlyFile : IDisposable
{
    private readonly string _path;
    private readonly bool _immutable;

    public ReadOnlyFile(string path)
    {
        _path = path;
        _immutable = Environment.UserName == "root";
        if (_immutable)
            Chattr("+i");
        else
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    public void Dispose()
    {
        if (_immutable)
            Chattr("-i");
        else
            File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private void Chattr(string flag)
    {
        using var p = Process.Start(new ProcessStartInfo("chattr", [flag, _path]) { RedirectStandardError = true })!;
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"chattr {flag} {_path} failed: {error}");
    }
}
