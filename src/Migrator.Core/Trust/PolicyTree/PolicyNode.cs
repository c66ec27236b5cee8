namespace Migrator.Core.Trust.PolicyTree;

/// <summary>
/// A JSON value of a policy document with the position it was read from (1-based line and column, in characters).
/// Objects keep their property order so that a rewritten document differs from the original only where it must.
/// </summary>
public abstract class PolicyNode
{
    public int Line { get; init; }
    public int Column { get; init; }

    /// <summary>
    /// The exact text the node was read from, written back verbatim while the node is unchanged (so a rewrite leaves
    /// untouched statements byte-for-byte as they were). Whoever changes a node clears it, and its ancestors'.
    /// </summary>
    public string? Source { get; set; }

    /// <summary>The node was written on one line; if it changes, it is written again on one line (compact).</summary>
    public bool Inline { get; set; }

    /// <summary>A deep copy without positions (used when a node is moved into a new document).</summary>
    public abstract PolicyNode Clone();
}

/// <summary>A JSON string.</summary>
public sealed class PolicyString(string value) : PolicyNode
{
    public string Value { get; } = value;
    public override PolicyNode Clone() => new PolicyString(Value) { Source = Source, Inline = Inline };
}

/// <summary>A JSON number, boolean or null kept as its literal text (e.g. <c>10</c>, <c>true</c>).</summary>
public sealed class PolicyLiteral(string raw, PolicyLiteralKind kind) : PolicyNode
{
    public string Raw { get; } = raw;
    public PolicyLiteralKind Kind { get; } = kind;
    public override PolicyNode Clone() => new PolicyLiteral(Raw, Kind) { Source = Source, Inline = Inline };
}

public enum PolicyLiteralKind
{
    Number,
    Boolean,
    Null,
}

/// <summary>A JSON array.</summary>
public sealed class PolicyArray : PolicyNode
{
    public List<PolicyNode> Items { get; } = [];
    public override PolicyNode Clone()
    {
        var copy = new PolicyArray { Source = Source, Inline = Inline };
        copy.Items.AddRange(Items.Select(i => i.Clone()));
        return copy;
    }
}
