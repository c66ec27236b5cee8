using System.Globalization;

namespace Migrator.Core.Evidence;

/// <summary>
/// One recorded credential use, read from a CloudTrail record: who (namespace/ServiceAccount), which role, when, and
/// through which path (an OIDC issuer for IRSA, a cluster and association for Pod Identity).
/// </summary>
public sealed record CredentialUse
{
    public required CredentialUseKind Kind { get; init; }
    public required string EventId { get; init; }
    public required DateTimeOffset Time { get; init; }
    /// <summary>The region whose CloudTrail recorded it (the STS or EKS Auth endpoint's region).</summary>
    public string Region { get; init; } = "";
    /// <summary>IRSA: requestParameters.roleArn as the SDK sent it (with its path).</summary>
    public string? RoleArn { get; init; }
    /// <summary>The role's account and name; for Pod Identity read from the assumed-role ARN, which carries no path.</summary>
    public string? RoleAccountId { get; init; }
    public string? RoleName { get; init; }
    public string? Namespace { get; init; }
    public string? ServiceAccount { get; init; }
    /// <summary>IRSA: the OIDC issuer as host/path (from the identity provider ARN or URL).</summary>
    public string? Issuer { get; init; }
    /// <summary>Pod Identity: the cluster the agent asked for.</summary>
    public string? ClusterName { get; init; }
    public string? AssociationArn { get; init; }
    public string? SourceIp { get; init; }
    public string? UserAgent { get; init; }

    /// <summary>The event as a line of evidence: "AssumeRoleWithWebIdentity at 2026-01-02 10:00:00Z by system:serviceaccount:ns:sa ...".</summary>
    public string Describe()
    {
        var what = CredentialUseEvents.EventName(Kind);
        var who = Kind == CredentialUseKind.WebIdentity
            ? $"by system:serviceaccount:{Namespace}:{ServiceAccount}{(Issuer is null ? "" : $" via {Issuer}")}"
            : $"for {Namespace}/{ServiceAccount} on cluster {ClusterName}";
        var role = RoleArn ?? (RoleName is null ? null : $"role {RoleName}");
        var extra = string.Join(", ", new[] { role, $"event {EventId}", Region.Length > 0 ? Region : null, SourceIp is null ? null : $"from {SourceIp}" }.OfType<string>());
        return $"{what} at {Time.ToString("u", CultureInfo.InvariantCulture)} {who} ({extra})";
    }
}
