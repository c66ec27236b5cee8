using System.Text.Json;

namespace Migrator.Sandbox;

/// <summary>
/// The live estate behind a running sandbox. Every read and write of the estate goes through <see cref="Read{T}"/> or
/// <see cref="Write{T}"/> (one lock: the simulated control planes are small and calls are short).
/// </summary>
public sealed class SandboxState
{
    private readonly Lock _sync = new();
    private readonly Estate _estate;

    public SandboxState(Estate estate) => _estate = estate;

    public T Read<T>(Func<Estate, T> read)
    {
        lock (_sync)
            return read(_estate);
    }

    public T Write<T>(Func<Estate, T> write)
    {
        lock (_sync)
            return write(_estate);
    }

    public void Write(Action<Estate> write)
    {
        lock (_sync)
            write(_estate);
    }

    /// <summary>The estate as the estate file format (the saved state restores it exactly).</summary>
    public string ToJson() => Read(e => JsonSerializer.Serialize(e, EstateJson.Options));

    /// <summary>A deep copy of the estate, safe to read without the lock.</summary>
    public Estate Snapshot() => JsonSerializer.Deserialize<Estate>(ToJson(), EstateJson.Options)!;
}
