namespace Migrator.Sandbox;

/// <summary>An IAM role. TrustPolicy is the assume-role policy document, plain JSON (IAM URL-encodes it on the wire).</summary>
public sealed class IamRole
{
    public required string Name { get; set; }
    /// <summary>Starts and ends with '/'; "/" when the role has no path.</summary>
    public string Path { get; set; } = "/";
    public string? RoleId { get; set; }
    public required string TrustPolicy { get; set; }
    public string? Description { get; set; }
    public int MaxSessionDuration { get; set; } = 3600;
    /// <summary>Names of managed policies attached to the role (AWS-managed or customer-managed).</summary>
    public List<string> AttachedPolicies { get; set; } = [];
    public Dictionary<string, string> Tags { get; set; } = [];
    public DateTimeOffset? CreateDate { get; set; }
}
