namespace Migrator.Core.Ownership;

/// <summary>
/// What manages a role or a ServiceAccount besides us: its next apply, sync or upgrade puts back whatever it declares,
/// so a change it does not know of is reverted (issue 16).
/// </summary>
public enum OwnerKind
{
    Terraform,
    CloudFormation,
    Eksctl,
    Helm,
    ArgoCd,
    Flux,
    /// <summary>An EKS add-on: already migrated through the add-on API (UpdateAddon), never by a change-set.</summary>
    EksAddon,
}
