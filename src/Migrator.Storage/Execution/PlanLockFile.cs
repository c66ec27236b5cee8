namespace Migrator.Storage.Execution;

/// <summary>
/// The OS-level half of a plan lock: a file next to the state database, opened exclusively (FileShare.None is flock
/// LOCK_EX on Linux and macOS, a share-mode lock on Windows) for as long as the executor runs. The kernel drops the lock
/// when the process ends, however it ends (kill -9 included), so a live holder is never taken over and a dead one never
/// blocks. One file per plan and per database: another plan, or another state file, is another lock.
/// </summary>
public sealed class PlanLockFile : IDisposable, IPlanLock
{
    private readonly FileStream _stream;

    private PlanLockFile(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    public string Path { get; }

    public static string PathFor(string databasePath, string planId)
    {
        var safe = string.Concat(planId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return $"{databasePath}.{safe}.lock";
    }

    /// <summary>Takes the lock, or returns null when another process (or another executor in this one) holds it.</summary>
    public static PlanLockFile? TryTake(string databasePath, string planId)
    {
        if (FileLockingDisabled())
            throw new StorageException("the plan lock needs OS file locking, which DOTNET_SYSTEM_IO_DISABLEFILELOCKING (or System.IO.DisableFileLocking) turns off; unset it so that two executors cannot run the same plan at once.");
        var path = PathFor(databasePath, planId);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return new PlanLockFile(stream, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StorageException($"cannot open the plan lock file '{path}': {e.Message}. The directory of the state file (Storage:Path, --db) must be writable.", e);
        }
    }

    public void Dispose() => _stream.Dispose();

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    /// <summary>An open file's lock is the kernel's for as long as this process lives: never lost while held.</summary>
    public Task<string?> LostAsync(CancellationToken ct) => Task.FromResult<string?>(null);

    private static bool FileLockingDisabled()
    {
        if (AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled) && disabled)
            return true;
        var env = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING");
        return env is not null && (env == "1" || env.Equals("true", StringComparison.OrdinalIgnoreCase));
    }
}
