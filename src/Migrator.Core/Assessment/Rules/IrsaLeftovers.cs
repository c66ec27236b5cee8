namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// What IRSA leaves behind on an identity that runs on Pod Identity: the role-arn annotation, this ServiceAccount's
/// subject in the trust of the role it used (annotated or associated), and an add-on's serviceAccountRoleArn. Each is
/// a cleanup item, never a reason to call the identity Broken (its pods do not use IRSA any more).
/// </summary>
internal static class IrsaLeftovers
{
    public static IEnumerable<Finding> Of(BindingContext b)
    {
        var addon = AddonOwnedRule.OwningAddon(b);
        if (b.Annotated)
        {
            var works = Lifecycles.IrsaPathOpen(b) ? "IRSA would still admit it" : "IRSA no longer admits it (its trust subject or role is gone)";
            yield return new Finding(ReasonCodes.CleanupIrsaAnnotation,
                "IRSA annotation left on a ServiceAccount that runs on Pod Identity",
                $"{b.Key.Display} keeps eks.amazonaws.com/role-arn={b.RawRoleArn}; its pods run on Pod Identity; {works}",
                addon is not null
                    ? $"The add-on {addon.Name} writes this annotation: clear its serviceAccountRoleArn with UpdateAddon."
                    : $"Remove the eks.amazonaws.com/* annotations (kubectl annotate serviceaccount -n {b.Key.Namespace} {b.Key.ServiceAccount} eks.amazonaws.com/role-arn-).");
        }
        if (addon?.ServiceAccountRoleArn is { } addonRole)
        {
            yield return new Finding(ReasonCodes.CleanupAddonRoleArn,
                "The add-on still names an IRSA role (serviceAccountRoleArn)",
                $"add-on {addon.Name} on {BindingContext.Describe(b.Key.Cluster)} has serviceAccountRoleArn {addonRole} while {b.Key.Display} runs on Pod Identity",
                $"UpdateAddon {addon.Name} with an empty serviceAccountRoleArn, keeping its podIdentityAssociations.");
        }
        foreach (var subject in TrustSubjects(b))
            yield return subject;
    }

    private static IEnumerable<Finding> TrustSubjects(BindingContext b)
    {
        if (b.Issuer is null) yield break;
        var roles = new List<RoleArn>();
        if (b.Arn is not null) roles.Add(b.Arn);
        foreach (var a in b.Associations)
        {
            if (RoleArn.TryParse(a.TargetRoleArn ?? a.RoleArn, out var arn, out _) && arn is not null && !roles.Any(r => r.Value == arn.Value))
                roles.Add(arn);
        }
        foreach (var role in roles)
        {
            if (b.Estate.TrustOf(b.Estate.Role(role)) is not { Trust: { } trust } || !Lifecycles.IrsaAdmits(trust, role, b)) continue;
            yield return new Finding(ReasonCodes.CleanupIrsaTrustSubject,
                "The role still trusts this ServiceAccount through the cluster's OIDC provider",
                $"trust policy of {role.Value} admits system:serviceaccount:{b.Key.Namespace}:{b.Key.ServiceAccount} from issuer {b.Issuer} (sts:AssumeRoleWithWebIdentity) although {b.Key.Display} runs on Pod Identity",
                "Remove this cluster's subject for the ServiceAccount from the trust policy (the plan's cleanup does it; a wildcard subject must be narrowed by hand).");
        }
    }
}
