namespace Migrator.Core.Trust.Json;

/// <summary>A JSON object: properties in document order. Keys are unique (the reader rejects duplicates).</summary>
public sealed class JsonMap : JsonNode
{
    public List<JsonProperty> Properties { get; } = [];

    public JsonNode? this[string name] => Properties.FirstOrDefault(p => p.Name == name)?.Value;

    public JsonProperty? Find(string name) => Properties.FirstOrDefault(p => p.Name == name);

    public void Set(string name, JsonNode value)
    {
        Source = null;
        var index = Properties.FindIndex(p => p.Name == name);
        if (index >= 0)
            Properties[index] = Properties[index] with { Value = value };
        else
            Properties.Add(new JsonProperty(name, value));
    }

    public bool Remove(string name)
    {
        Source = null;
        return Properties.RemoveAll(p => p.Name == name) > 0;
    }

    public override JsonNode Clone()
    {
        var copy = new JsonMap { Source = Source, Inline = Inline };
        copy.Properties.AddRange(Properties.Select(p => new JsonProperty(p.Name, p.Value.Clone())));
        return copy;
    }
}

/// <summary>One property of a <see cref="JsonMap"/>, with the position of its key.</summary>
public sealed record JsonProperty(string Name, JsonNode Value, int Line = 0, int Column = 0);
