namespace Migrator.Core.Trust.Json;

/// <summary>
/// A JSON value of a policy document with the position it was read from (1-based line and column, in characters).
/// Objects keep their property order so that a rewritten document differs from the original only where it must.
/// </summary>
public abstract class JsonNode
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
    public abstract JsonNode Clone();
}

/// <summary>A JSON string.</summary>
public sealed class JsonText(string value) : JsonNode
{
    public string Value { get; } = value;
    public override JsonNode Clone() => new JsonText(Value) { Source = Source, Inline = Inline };
}

/// <summary>A JSON number, boolean or null kept as its literal text (e.g. <c>10</c>, <c>true</c>).</summary>
public sealed class JsonLiteral(string raw, JsonLiteralKind kind) : JsonNode
{
    public string Raw { get; } = raw;
    public JsonLiteralKind Kind { get; } = kind;
    public override JsonNode Clone() => new JsonLiteral(Raw, Kind) { Source = Source, Inline = Inline };
}

public enum JsonLiteralKind
{
    Number,
    Boolean,
    Null,
}

/// <summary>A JSON array.</summary>
public sealed class JsonList : JsonNode
{
    public List<JsonNode> Items { get; } = [];
    public override JsonNode Clone()
    {
        var copy = new JsonList { Source = Source, Inline = Inline };
        copy.Items.AddRange(Items.Select(i => i.Clone()));
        return copy;
    }
}
