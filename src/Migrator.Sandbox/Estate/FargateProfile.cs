namespace Migrator.Sandbox;

/// <summary>A Fargate profile: pods in a selected namespace (and with matching labels) run on Fargate.</summary>
public sealed class FargateProfile
{
    public required string Name { get; set; }
    public string? PodExecutionRoleArn { get; set; }
    public List<FargateSelector> Selectors { get; set; } = [];
    public string Status { get; set; } = "ACTIVE";
    public DateTimeOffset? CreatedAt { get; set; }

    public bool Selects(string ns, IReadOnlyDictionary<string, string> podLabels) =>
        Selectors.Any(s => s.Namespace == ns && s.Labels.All(l => podLabels.TryGetValue(l.Key, out var v) && v == l.Value));
}

public sealed class FargateSelector
{
    public required string Namespace { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];
}
