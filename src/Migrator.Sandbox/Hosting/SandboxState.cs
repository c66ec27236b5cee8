using System.Text.Json;

namespace Migrator.Sandbox;

/// <summary>
/// The live estate behind a running sandbox. Every read and write of the estate goes through <see cref="Read{T}"/> or
/// <see cref="Write{T}"/> (one lock: the simulated control planes are small and calls are short).
/// With a state file, every write is on disk (written beside, then renamed over) before <see cref="Write{T}"/> returns,
/// so before the API answers: a rehearsal killed at any point (kill -9 included) keeps every change it was told of.
/// </summary>
public sealed class SandboxState
{
    // Compact: the state file is rewritten on every change, and indentation costs a third of the time and size.
    private static readonly JsonSerializerOptions Compact = new(EstateJson.Options) { WriteIndented = false };
    private readonly Lock _sync = new();
    private readonly Estate _estate;
    private readonly string? _stateFile;
    private long _version;

    public SandboxState(Estate estate, string? stateFile = null)
    {
        _estate = estate;
        _stateFile = stateFile is null ? null : Path.GetFullPath(stateFile);
    }

    /// <summary>Where every write is persisted, or null when the state lives in memory only.</summary>
    public string? StateFile => _stateFile;

    public T Read<T>(Func<Estate, T> read)
    {
        lock (_sync)
            return read(_estate);
    }

    /// <summary>As <see cref="Read{T}"/>, with the estate's version: it changes with every write, so a value derived from the estate can be kept until then.</summary>
    public T Read<T>(Func<Estate, long, T> read)
    {
        lock (_sync)
            return read(_estate, _version);
    }

    public T Write<T>(Func<Estate, T> write)
    {
        lock (_sync)
        {
            try
            {
                return write(_estate);
            }
            finally
            {
                _version++;
                PersistLocked();
            }
        }
    }

    public void Write(Action<Estate> write)
    {
        lock (_sync)
        {
            try
            {
                write(_estate);
            }
            finally
            {
                _version++;
                PersistLocked();
            }
        }
    }

    /// <summary>Writes the estate to the state file now (at start, so that a rehearsal exists before its first change).</summary>
    public void Persist()
    {
        lock (_sync)
            PersistLocked();
    }

    // Under the lock: the file always holds a state some API caller has seen, never a mix of two writes.
    private void PersistLocked()
    {
        if (_stateFile is null) return;
        var directory = Path.GetDirectoryName(_stateFile);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var temp = _stateFile + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            JsonSerializer.Serialize(stream, _estate, Compact);
            stream.WriteByte((byte)'\n');
        }
        File.Move(temp, _stateFile, overwrite: true);
    }

    /// <summary>The estate as the estate file format (the saved state restores it exactly).</summary>
    public string ToJson() => Read(e => JsonSerializer.Serialize(e, EstateJson.Options));

    /// <summary>A deep copy of the estate, safe to read without the lock.</summary>
    public Estate Snapshot() => JsonSerializer.Deserialize<Estate>(ToJson(), EstateJson.Options)!;
}
