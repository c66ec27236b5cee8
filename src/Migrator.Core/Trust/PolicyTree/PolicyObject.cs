namespace Migrator.Core.Trust.PolicyTree;

/// <summary>A JSON object: properties in document order. Keys are unique (the reader rejects duplicates).</summary>
public sealed class PolicyObject : PolicyNode
{
    public List<PolicyProperty> Properties { get; } = [];

    public PolicyNode? this[string name] => Properties.FirstOrDefault(p => p.Name == name)?.Value;

    public PolicyProperty? Find(string name) => Properties.FirstOrDefault(p => p.Name == name);

    public void Set(string name, PolicyNode value)
    {
        Source = null;
        var index = Properties.FindIndex(p => p.Name == name);
        if (index >= 0)
            Properties[index] = Properties[index] with { Value = value };
        else
            Properties.Add(new PolicyProperty(name, value));
    }

    public bool Remove(string name)
    {
        Source = null;
        return Properties.RemoveAll(p => p.Name == name) > 0;
    }

    public override PolicyNode Clone()
    {
        var copy = WithLayoutOf(new PolicyObject());
        copy.Properties.AddRange(Properties.Select(p => new PolicyProperty(p.Name, p.Value.Clone())));
        return copy;
    }
}

/// <summary>One property of a <see cref="PolicyObject"/>, with the position of its key.</summary>
public sealed record PolicyProperty(string Name, PolicyNode Value, int Line = 0, int Column = 0);
