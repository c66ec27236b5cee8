namespace Migrator.Core.Evidence;

/// <summary>How a workload obtained credentials for a role, as CloudTrail records it.</summary>
public enum CredentialUseKind
{
    /// <summary>IRSA: STS <c>AssumeRoleWithWebIdentity</c> with the ServiceAccount's projected token.</summary>
    WebIdentity,
    /// <summary>EKS Pod Identity: EKS Auth <c>AssumeRoleForPodIdentity</c>, called by the node's Pod Identity agent.</summary>
    PodIdentity,
}

/// <summary>The CloudTrail event name and source of each kind of credential use.</summary>
public static class CredentialUseEvents
{
    public const string WebIdentityEventName = "AssumeRoleWithWebIdentity";
    public const string WebIdentityEventSource = "sts.amazonaws.com";
    public const string PodIdentityEventName = "AssumeRoleForPodIdentity";
    public const string PodIdentityEventSource = "eks-auth.amazonaws.com";

    public static string EventName(CredentialUseKind kind) => kind == CredentialUseKind.WebIdentity ? WebIdentityEventName : PodIdentityEventName;

    public static string EventSource(CredentialUseKind kind) => kind == CredentialUseKind.WebIdentity ? WebIdentityEventSource : PodIdentityEventSource;
}
