using Migrator.Core.Assessment.TrustSeam;
using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// The Pod Identity health audit of every association of an identity, ours or not (DOMAIN.md "EKS Pod Identity"):
/// the role exists and is in the cluster's account (or chains through targetRoleArn); its trust admits
/// pods.eks.amazonaws.com for sts:AssumeRole + sts:TagSession with this association's session tags (or none, with
/// disableSessionTags), judged by the trust engine; a target role trusts the source role; the agent is ACTIVE; pods run
/// where Pod Identity works. Each failure is a broken.* finding: the pods would get no credentials.
/// </summary>
internal sealed class PodIdentityAuditRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b) => b.PodIdentityAudit;

    public static IEnumerable<Finding> Audit(BindingContext b)
    {
        if (b.Associations.Count == 0) yield break;
        foreach (var a in b.Associations.OrderBy(a => a.AssociationId, StringComparer.Ordinal))
        {
            foreach (var f in Association(b, a))
                yield return f;
        }
        if (b.Cluster is { AutoMode: false } c && !string.Equals(c.PodIdentityAgentStatus, "ACTIVE", StringComparison.OrdinalIgnoreCase))
        {
            var state = c.PodIdentityAgentStatus is null ? "is not installed" : $"is {c.PodIdentityAgentStatus} (version {c.PodIdentityAgentVersion})";
            yield return new Finding(ReasonCodes.PodIdentityAgentInactive,
                "The Pod Identity agent is not active on a cluster with associations",
                $"add-on eks-pod-identity-agent on {BindingContext.Describe(c.Ref)} {state}; the cluster is not in Auto Mode; {b.Key.Display} has an association, so its new pods get no credentials",
                "Install or repair the eks-pod-identity-agent add-on (aws eks create-addon / update-addon) and wait for ACTIVE.");
        }
        var unsupported = b.Pods.Where(p => p.Placement is Placement.Fargate or Placement.Windows or Placement.Hybrid)
            .OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"pod {p.Name} on {p.Placement} node {p.NodeName ?? "(unscheduled)"}").ToList();
        if (unsupported.Count > 0)
        {
            yield return new Finding(ReasonCodes.PodIdentityUnsupportedCompute,
                "Pods with an association run where EKS Pod Identity does not work",
                $"{b.Key.Display} has an association but {BindingContext.List(unsupported)} ({unsupported.Count} of {b.Pods.Count} pods); Pod Identity works on Linux EC2 nodes only",
                "Move the workload to Linux EC2 nodes, or delete the association and keep IRSA for it.");
        }
    }

    private static IEnumerable<Finding> Association(BindingContext b, AssociationRecord a)
    {
        var cluster = b.Key.Cluster;
        var label = $"association {a.AssociationId} ({b.Key.Display} → {a.RoleArn}{(a.TargetRoleArn is null ? "" : $" → {a.TargetRoleArn}")})";
        if (!RoleArn.TryParse(a.RoleArn, out var source, out var problem) || source is null)
        {
            yield return RoleMissing(label, a.RoleArn, problem);
            yield break;
        }
        var role = b.Estate.Role(source);
        if (role is { Exists: false })
        {
            yield return RoleMissing(label, a.RoleArn, "IAM GetRole answered NoSuchEntity");
            yield break;
        }
        if (source.AccountId != cluster.AccountId && a.TargetRoleArn is null)
        {
            yield return new Finding(ReasonCodes.PodIdentityCrossAccountRole,
                "The association's role is in another account and no targetRoleArn chains to it",
                $"{label}: role account {source.AccountId}, cluster account {cluster.AccountId}; Pod Identity needs the role in the cluster's account",
                $"Create a source role in account {cluster.AccountId} and set the association's targetRoleArn to {a.RoleArn} (role chaining, EKS since 2025-06-11).");
        }
        var query = new PodIdentityQuery(cluster.Arn, b.Key.Namespace, b.Key.ServiceAccount, !a.DisableSessionTags);
        if (Trust(b, role, source, label) is { } unread)
        {
            yield return unread;
        }
        else if (b.Estate.TrustOf(role)?.Trust is { } trust)
        {
            var verdict = trust.EvaluatePodIdentity(query);
            if (!verdict.Allowed)
            {
                if (a.DisableSessionTags && trust.EvaluatePodIdentity(query with { SessionTags = true }).Allowed)
                {
                    yield return new Finding(ReasonCodes.PodIdentitySessionTagsDisabled,
                        "The association disables session tags but the role's trust needs them",
                        $"{label} sets disableSessionTags; with the session tags the trust of {a.RoleArn} would admit it, without them: {verdict.Summary}",
                        "Enable session tags on the association (update-pod-identity-association --no-disable-session-tags), or drop the aws:RequestTag conditions from the pods.eks.amazonaws.com statement.");
                }
                else
                {
                    yield return new Finding(ReasonCodes.PodIdentityTrustDenies,
                        "The association's role does not trust EKS Pod Identity for this ServiceAccount",
                        $"{label}: {verdict.Summary}",
                        $"Add a pods.eks.amazonaws.com statement (sts:AssumeRole + sts:TagSession) scoped by session tags to {b.Key.Display} to the trust policy of {a.RoleArn}.");
                }
            }
        }
        if (a.TargetRoleArn is { } targetArn)
        {
            foreach (var f in Chain(b, a, label, targetArn, query))
                yield return f;
        }
    }

    private static IEnumerable<Finding> Chain(BindingContext b, AssociationRecord a, string label, string targetArn, PodIdentityQuery query)
    {
        const string action = "Let the target role trust the source role: Principal AWS {0}, sts:AssumeRole + sts:TagSession (sts:ExternalId with disableSessionTags); or fix the association's targetRoleArn.";
        if (!RoleArn.TryParse(targetArn, out var target, out var problem) || target is null)
        {
            yield return new Finding(ReasonCodes.PodIdentityTargetRole, "The association's targetRoleArn chain is broken",
                $"{label}: targetRoleArn '{targetArn}' is not a role ARN: {problem}", string.Format(System.Globalization.CultureInfo.InvariantCulture, action, a.RoleArn));
            yield break;
        }
        var role = b.Estate.Role(target);
        if (role is { Exists: false })
        {
            yield return new Finding(ReasonCodes.PodIdentityTargetRole, "The association's targetRoleArn chain is broken",
                $"{label}: target role {targetArn} does not exist (IAM GetRole answered NoSuchEntity)", string.Format(System.Globalization.CultureInfo.InvariantCulture, action, a.RoleArn));
            yield break;
        }
        if (Trust(b, role, target, label) is { } unread)
        {
            yield return unread;
            yield break;
        }
        if (b.Estate.TrustOf(role)?.Trust is not { } trust) yield break;
        var verdict = trust.EvaluateRoleChain(RoleChainQuery.For(a.RoleArn, b.Key, query.SessionTags));
        if (verdict.Allowed) yield break;
        yield return new Finding(ReasonCodes.PodIdentityTargetRole, "The association's targetRoleArn chain is broken",
            $"{label}: the trust of target role {targetArn} does not admit the source role: {verdict.Summary}",
            string.Format(System.Globalization.CultureInfo.InvariantCulture, action, a.RoleArn));
    }

    /// <summary>Why a role's trust cannot be judged (unread, unparsed), unless the IRSA rules already say so for the annotated role.</summary>
    private static Finding? Trust(BindingContext b, RoleRecord? role, RoleArn arn, string label)
    {
        var reported = b.Arn?.Value == arn.Value && !b.RunsOnPodIdentity;
        if (role?.LookupError is { } lookupError)
            return reported ? null : RoleLookup.Failed(arn.Value, arn.AccountId, lookupError, $"{label}: the Pod Identity trust check was not made");
        if (role is null)
        {
            const string why = "the role is not in the inventory (account not inventoried?)";
            return reported ? null : new Finding(ReasonCodes.RoleUnreadable,
                "The role could not be read; the Pod Identity trust check was skipped",
                $"{label}: role {arn.Value}: {why}",
                $"Add account {arn.AccountId} to Aws:Accounts (or grant iam:GetRole) and re-run the inventory.");
        }
        if (b.Estate.TrustOf(role) is { Trust: null, Error: { } error })
        {
            return reported ? null : new Finding(ReasonCodes.TrustUnparsed,
                "The trust policy could not be parsed; the Pod Identity trust check was skipped",
                $"{label}: trust policy of {arn.Value}: {error}",
                "Inspect the role's trust policy (migrator trust explain) and fix it.");
        }
        return null;
    }

    private static Finding RoleMissing(string label, string arn, string why) => new(ReasonCodes.PodIdentityRoleMissing,
        "The association's role does not exist",
        $"{label}: role {arn}: {why}; Pod Identity cannot give the pods credentials",
        "Recreate the role (with a pods.eks.amazonaws.com trust statement) or update the association to an existing role.");
}
