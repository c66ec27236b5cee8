using System.Text.Json.Nodes;
using Migrator.Core.Inventory;

namespace Migrator.Sandbox.Conditions;

/// <summary>
/// An identity already on Pod Identity: a ServiceAccount without annotation, a Deployment whose pods started after
/// the association, and the association; its role trusts pods.eks.amazonaws.com scoped by session tags to it. A
/// condition of this shape breaks one thing by overriding the step that makes it.
/// </summary>
internal abstract class PodIdentityIdentity : PlantedCondition
{
    public override void Plant(EstateDraft draft, int round)
    {
        var cluster = Home(draft, round);
        var account = draft.AccountOf(cluster);
        var ns = draft.PickNamespace(cluster);
        var name = draft.NewServiceAccountName(ns, cluster);
        cluster.ServiceAccounts.Add(new ServiceAccount { Namespace = ns, Name = name, Labels = new() { ["app.kubernetes.io/name"] = name, ["app.kubernetes.io/part-of"] = ns } });
        var workload = draft.NewWorkload(cluster, ns, name, WorkloadPlacement.Linux, null);
        // Running pods show what the webhook injects for the association.
        workload.Kind = WorkloadKind.Deployment;
        workload.Schedule = null;
        // Started after the association (created on 1 July), so the webhook gave the pods Pod Identity.
        workload.CreationTimestamp = new DateTimeOffset(2025, 7, 2, 8, 0, 0, TimeSpan.Zero);
        cluster.Workloads.Add(workload);

        var roleArn = EstateDraft.AddRole(account, EstateDraft.Truncate($"{cluster.Name}-{ns}-{name}-pod-identity"), "/", Trust(cluster, ns, name), [draft.Pick(GeneratedNames.Policies)], eksctl: null);
        var association = new PodIdentityAssociation
        {
            Namespace = ns,
            ServiceAccount = name,
            RoleArn = roleArn,
            DisableSessionTags = DisablesSessionTags,
            CreatedAt = new DateTimeOffset(2025, 7, 1, 9, draft.Rng.Next(60), 0, TimeSpan.Zero),
        };
        Finish(draft, account, cluster, association);
        cluster.PodIdentityAssociations.Add(association);
        draft.Seed(cluster, ns, name, Condition);
    }

    /// <summary>The role's trust policy.</summary>
    protected virtual string Trust(Cluster cluster, string ns, string sa) => GeneratedTrust.Document([ScopedStatement(cluster, ns, sa)], TrustStyle.Console);

    /// <summary>The association's disableSessionTags.</summary>
    protected virtual bool DisablesSessionTags => false;

    /// <summary>The last touch on the association before it is added.</summary>
    protected virtual void Finish(EstateDraft draft, Account account, Cluster cluster, PodIdentityAssociation association)
    {
    }

    /// <summary>The pods.eks.amazonaws.com statement scoped by session tags to one cluster, namespace and ServiceAccount.</summary>
    private static JsonObject ScopedStatement(Cluster cluster, string ns, string sa)
    {
        var statement = GeneratedTrust.PodIdentityStatement();
        statement["Condition"] = new JsonObject
        {
            ["StringEquals"] = new JsonObject
            {
                ["aws:RequestTag/eks-cluster-arn"] = cluster.Arn,
                ["aws:RequestTag/kubernetes-namespace"] = ns,
                ["aws:RequestTag/kubernetes-service-account"] = sa,
            },
        };
        return statement;
    }
}
