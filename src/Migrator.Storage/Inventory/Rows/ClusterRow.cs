using Migrator.Core.Inventory;

namespace Migrator.Storage.Inventory.Rows;

public sealed class ClusterRow : SnapshotRow
{
    public string AccountId { get; set; } = "";
    public string Region { get; set; } = "";
    public string Name { get; set; } = "";
    public string KubernetesVersion { get; set; } = "";
    public string PlatformVersion { get; set; } = "";
    public string? OidcIssuer { get; set; }
    public long AutoMode { get; set; }
    public string Endpoint { get; set; } = "";
    public string? PodIdentityAgentStatus { get; set; }
    public string? PodIdentityAgentVersion { get; set; }
    public long AssociationCount { get; set; }
    /// <summary>JSON object: placement name → node count.</summary>
    public string NodeCounts { get; set; } = "{}";
    public string NodeRoleArns { get; set; } = "[]";
    public string FargateProfiles { get; set; } = "[]";
    public string? CollectionError { get; set; }

    public static ClusterRow From(ClusterInventory c) => new()
    {
        AccountId = c.Ref.AccountId,
        Region = c.Ref.Region,
        Name = c.Ref.Name,
        KubernetesVersion = c.KubernetesVersion,
        PlatformVersion = c.PlatformVersion,
        OidcIssuer = c.OidcIssuer,
        AutoMode = c.AutoMode ? 1 : 0,
        Endpoint = c.Endpoint,
        PodIdentityAgentStatus = c.PodIdentityAgentStatus,
        PodIdentityAgentVersion = c.PodIdentityAgentVersion,
        AssociationCount = c.AssociationCount,
        NodeCounts = StorageFormat.ToJson(c.NodeCounts.ToDictionary(p => p.Key.ToString(), p => p.Value)),
        NodeRoleArns = StorageFormat.ToJson(c.NodeRoleArns),
        FargateProfiles = StorageFormat.ToJson(c.FargateProfiles),
        CollectionError = c.CollectionError,
    };

    public ClusterInventory ToRecord() => new()
    {
        Ref = new ClusterRef(AccountId, Region, Name),
        KubernetesVersion = KubernetesVersion,
        PlatformVersion = PlatformVersion,
        OidcIssuer = OidcIssuer,
        AutoMode = AutoMode != 0,
        Endpoint = Endpoint,
        PodIdentityAgentStatus = PodIdentityAgentStatus,
        PodIdentityAgentVersion = PodIdentityAgentVersion,
        AssociationCount = (int)AssociationCount,
        NodeCounts = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(NodeCounts)!
            .ToDictionary(p => StorageFormat.Enum<Placement>(p.Key), p => p.Value),
        NodeRoleArns = StorageFormat.List(NodeRoleArns),
        FargateProfiles = StorageFormat.List(FargateProfiles),
        CollectionError = CollectionError,
    };
}
