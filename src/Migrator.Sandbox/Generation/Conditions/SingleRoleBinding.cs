using System.Text.Json.Nodes;

namespace Migrator.Sandbox.Conditions;

/// <summary>
/// One ServiceAccount with a workload and its own role, whose trust names it in the style of a tool drawn at random.
/// A condition of this shape changes one thing (where it runs, what the trust says, how the ServiceAccount is
/// annotated or associated) by overriding the step that makes it.
/// </summary>
internal abstract class SingleRoleBinding : PlantedCondition
{
    public override void Plant(EstateDraft draft, int round)
    {
        if (Where(draft, Home(draft, round)) is { } cluster)
            PlantOn(draft, cluster, round);
    }

    /// <summary>The cluster to plant on; null when the estate has none that fits (the round plants nothing).</summary>
    protected virtual Cluster? Where(EstateDraft draft, Cluster home) => home;

    /// <summary>The namespace; null to draw one of the cluster's.</summary>
    protected virtual string? Namespace(Cluster cluster) => null;

    protected virtual WorkloadPlacement Placement => WorkloadPlacement.Linux;
    protected virtual bool HasWorkload => true;
    protected virtual string? Image => null;
    protected virtual bool PodsPredateAnnotation => false;
    protected virtual bool HardCodesWebIdentityEnv => false;
    /// <summary>The trust allows system:serviceaccount:NS:* with StringLike.</summary>
    protected virtual bool NamespaceWildcard => false;
    /// <summary>False: the annotation names a role that does not exist.</summary>
    protected virtual bool CreatesRole => true;
    /// <summary>The role also trusts pods.eks.amazonaws.com.</summary>
    protected virtual bool TrustsPodIdentity => false;

    /// <summary>The subject the trust names; null for the ServiceAccount itself.</summary>
    protected virtual string? TrustedSubject(EstateDraft draft, string ns, string name) => null;

    /// <summary>More statements after the IRSA statement.</summary>
    protected virtual void AddStatements(EstateDraft draft, Account account, List<JsonObject> statements)
    {
    }

    /// <summary>The last touch once the ServiceAccount and the role exist (annotation, association).</summary>
    protected virtual void Finish(EstateDraft draft, Cluster cluster, ServiceAccount sa, string roleArn, int round)
    {
    }

    public void PlantOn(EstateDraft draft, Cluster cluster, int round = 0)
    {
        var account = draft.AccountOf(cluster);
        var ns = Namespace(cluster) ?? draft.PickNamespace(cluster);
        var name = draft.NewServiceAccountName(ns, cluster);
        var subject = NamespaceWildcard ? $"system:serviceaccount:{ns}:*" : TrustedSubject(draft, ns, name) ?? $"system:serviceaccount:{ns}:{name}";
        var style = (TrustStyle)draft.Rng.Next(3);
        var statements = new List<JsonObject> { GeneratedTrust.IrsaStatement(EstateDraft.ProviderArn(account, cluster), cluster.OidcIssuer!, [subject], style, like: NamespaceWildcard) };
        AddStatements(draft, account, statements);
        if (TrustsPodIdentity)
            statements.Add(GeneratedTrust.PodIdentityStatement());
        var roleName = EstateDraft.Truncate($"{cluster.Name}-{ns}-{name}");
        var roleArn = CreatesRole
            ? draft.AddApplicationRole(account, roleName, "/", GeneratedTrust.Document(statements, style), [draft.Pick(GeneratedNames.Policies)], eksctl: style == TrustStyle.Eksctl ? cluster : null)
            : $"arn:{account.Partition}:iam::{account.Id}:role/{EstateDraft.UniqueRoleName(account, roleName)}";
        var sa = draft.AddBinding(cluster, ns, name, roleArn, Condition, HasWorkload, Placement, HardCodesWebIdentityEnv, Image, PodsPredateAnnotation);
        Finish(draft, cluster, sa, roleArn, round);
    }
}
