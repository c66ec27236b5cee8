using Migrator.Core.Assessment;

namespace Migrator.Core.Progress;

/// <summary>
/// What progress keeps of one scope identity's verdict in the basis run: its category, lifecycle, roles and the cleanup
/// facts the revert guard checks; not its reasons, workloads or evidence (a scope of 200,000 identities would otherwise
/// hold the whole assessment).
/// </summary>
public sealed record MemberVerdict(
    BindingCategory Category,
    IdentityLifecycle Lifecycle,
    string RoleArn,
    string? AssociationRoleArn,
    bool IrsaAnnotated,
    bool IrsaTrustSubjectLeft)
{
    public static MemberVerdict Of(BindingAssessment b) => new(
        b.Category,
        b.Lifecycle,
        b.RoleArn,
        b.AssociationRoleArn,
        b.IrsaAnnotated,
        b.Reasons.Any(r => r.Code == ReasonCodes.CleanupIrsaTrustSubject));
}
