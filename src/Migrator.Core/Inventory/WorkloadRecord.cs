namespace Migrator.Core.Inventory;

/// <summary>A controller (or bare pod) whose pod template names a ServiceAccount.</summary>
public sealed record WorkloadRecord
{
    public required ClusterRef Cluster { get; init; }
    public required string Namespace { get; init; }
    public required WorkloadKind Kind { get; init; }
    public required string Name { get; init; }
    public required string ServiceAccountName { get; init; }
    public int Replicas { get; init; }
    public int ReadyReplicas { get; init; }
    /// <summary>Placement implied by the template's nodeSelector / affinity, when it pins one.</summary>
    public Placement TemplatePlacement { get; init; }
    public IReadOnlyList<string> Images { get; init; } = [];
    /// <summary>AWS credential env names written into the template by hand (AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ACCESS_KEY_ID...).</summary>
    public IReadOnlyList<string> HardCodedAwsEnv { get; init; } = [];
}
