namespace Migrator.Core.Ownership;

/// <summary>
/// One detection rule: when the resource carries <see cref="Key"/> (a trailing '*' matches a prefix) with
/// <see cref="Value"/> (optional; '*' wildcards, case-insensitive), it is owned by <see cref="Owner"/>. The owner's
/// instance name is read from <see cref="NameKey"/> in the same metadata (the matched key's value when null).
/// Rules are tried in order; the first match wins.
/// </summary>
public sealed record OwnerRule
{
    public OwnerKind Owner { get; init; }
    public OwnerSource Source { get; init; }
    public string Key { get; init; } = "";
    public string? Value { get; init; }
    public string? NameKey { get; init; }

    public override string ToString() => $"{Owner}: {Source} {Key}{(Value is null ? "" : "=" + Value)}";
}
