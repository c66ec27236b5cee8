namespace Migrator.Core.Trust.PolicyTree;

/// <summary>
/// A JSON value of a policy document with the position it was read from (1-based line and column, in characters).
/// Objects keep their property order so that a rewritten document differs from the original only where it must.
/// </summary>
public abstract class PolicyNode
{
    public int Line { get; init; }
    public int Column { get; init; }

    // The source is kept as a range of the text read (every node's own copy made each parse allocate the document
    // several times over, once per level of nesting) and made a string only when asked for.
    private ReadOnlyMemory<char> _source;
    private bool _hasSource;

    /// <summary>
    /// The exact text the node was read from, written back verbatim while the node is unchanged (so a rewrite leaves
    /// untouched statements byte-for-byte as they were). Whoever changes a node clears it, and its ancestors'.
    /// </summary>
    public string? Source
    {
        get => _hasSource ? _source.ToString() : null;
        set => (_source, _hasSource) = (value.AsMemory(), value is not null);
    }

    /// <summary><see cref="Source"/> without making a string of it; empty when the node has none.</summary>
    internal ReadOnlyMemory<char> SourceRange => _source;

    internal bool HasSource => _hasSource;

    /// <summary>The node was written on one line; if it changes, it is written again on one line (compact).</summary>
    public bool Inline { get; set; }

    /// <summary>The node was read from this range of the text: it is its <see cref="Source"/>, and it is <see cref="Inline"/> if it has no line break.</summary>
    internal void ReadFrom(ReadOnlyMemory<char> source)
    {
        (_source, _hasSource) = (source, true);
        Inline = !source.Span.Contains('\n');
    }

    /// <summary>Copies another node's source range and layout (<see cref="Clone"/>).</summary>
    protected T WithLayoutOf<T>(T copy)
        where T : PolicyNode
    {
        (copy._source, copy._hasSource, copy.Inline) = (_source, _hasSource, Inline);
        return copy;
    }

    /// <summary>A deep copy without positions (used when a node is moved into a new document).</summary>
    public abstract PolicyNode Clone();
}

/// <summary>A JSON string.</summary>
public sealed class PolicyString(string value) : PolicyNode
{
    public string Value { get; } = value;
    public override PolicyNode Clone() => WithLayoutOf(new PolicyString(Value));
}

/// <summary>A JSON number, boolean or null kept as its literal text (e.g. <c>10</c>, <c>true</c>).</summary>
public sealed class PolicyLiteral(string raw, PolicyLiteralKind kind) : PolicyNode
{
    public string Raw { get; } = raw;
    public PolicyLiteralKind Kind { get; } = kind;
    public override PolicyNode Clone() => WithLayoutOf(new PolicyLiteral(Raw, Kind));
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
        var copy = WithLayoutOf(new PolicyArray());
        copy.Items.AddRange(Items.Select(i => i.Clone()));
        return copy;
    }
}
