namespace Migrator.Core.Trust;

/// <summary>
/// Whether EKS Pod Identity can use the role for one binding: both sts:AssumeRole and sts:TagSession must be allowed
/// (and not denied) for pods.eks.amazonaws.com with the binding's session tags.
/// </summary>
public sealed class PodIdentityDecision
{
    public required PodIdentityRequest Request { get; init; }
    public required bool Allowed { get; init; }
    public required string Summary { get; init; }
    public required TrustDecision AssumeRole { get; init; }
    public required TrustDecision TagSession { get; init; }
}
