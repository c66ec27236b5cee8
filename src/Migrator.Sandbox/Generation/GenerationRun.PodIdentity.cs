using System.Text.Json.Nodes;
using Migrator.Core.Inventory;

namespace Migrator.Sandbox;

/// <summary>
/// Identities already on Pod Identity (no IRSA annotation), healthy or not. Planted after everything else, on top of
/// the ServiceAccount budget, so the rest of the estate is drawn exactly as without them.
/// </summary>
internal sealed partial class GenerationRun
{
    private void PlantPodIdentityIdentities()
    {
        var standard = StandardClusters();
        var rounds = Math.Max(1, _options.ServiceAccounts / 100);
        for (var round = 0; round < rounds; round++)
        {
            var home = standard[round % standard.Count];
            PlantNative(home, SeededCondition.PodIdentityOnly);
            PlantNative(home, SeededCondition.PodIdentityOnly);
            PlantNative(home, SeededCondition.PodIdentityTrustMissing);
            PlantNative(home, SeededCondition.SessionTagsDisabledUnderTagTrust);
            PlantNative(home, SeededCondition.TargetRoleChainBroken);
        }
    }

    /// <summary>A ServiceAccount without annotation, a Deployment, and an association whose health the condition decides.</summary>
    private void PlantNative(Cluster cluster, SeededCondition condition)
    {
        var account = AccountOf(cluster);
        var ns = PickNamespace(cluster);
        var name = NewServiceAccountName(ns, cluster);
        cluster.ServiceAccounts.Add(new ServiceAccount { Namespace = ns, Name = name, Labels = new() { ["app.kubernetes.io/name"] = name, ["app.kubernetes.io/part-of"] = ns } });
        var workload = NewWorkload(cluster, ns, name, WorkloadPlacement.Linux, null);
        // Running pods show what the webhook injects for the association.
        workload.Kind = WorkloadKind.Deployment;
        workload.Schedule = null;
        // Started after the association (created on 1 July), so the webhook gave the pods Pod Identity.
        workload.CreationTimestamp = new DateTimeOffset(2025, 7, 2, 8, 0, 0, TimeSpan.Zero);
        cluster.Workloads.Add(workload);

        var scoped = ScopedPodIdentityStatement(cluster, ns, name);
        var trust = condition == SeededCondition.PodIdentityTrustMissing
            ? TrustDocuments.Document([TrustDocuments.ServiceStatement("ec2.amazonaws.com")], TrustStyle.Console)
            : TrustDocuments.Document([scoped], TrustStyle.Console);
        var roleArn = AddRole(account, Truncate($"{cluster.Name}-{ns}-{name}-pod-identity"), "/", trust, [Pick(GeneratedNames.Policies)], eksctl: null);
        var association = new PodIdentityAssociation
        {
            Namespace = ns,
            ServiceAccount = name,
            RoleArn = roleArn,
            DisableSessionTags = condition == SeededCondition.SessionTagsDisabledUnderTagTrust,
            CreatedAt = new DateTimeOffset(2025, 7, 1, 9, _rng.Next(60), 0, TimeSpan.Zero),
        };
        if (condition == SeededCondition.TargetRoleChainBroken)
        {
            // The target role trusts EC2, not the source role: EKS cannot chain into it.
            var targetAccount = _estate.Accounts.FirstOrDefault(a => a.Id != account.Id && a.Partition == account.Partition) ?? account;
            association.TargetRoleArn = AddRole(targetAccount, Truncate($"{cluster.Name}-{ns}-{name}-target"), "/",
                TrustDocuments.Document([TrustDocuments.ServiceStatement("ec2.amazonaws.com")], TrustStyle.Console), [Pick(GeneratedNames.Policies)], eksctl: null);
        }
        cluster.PodIdentityAssociations.Add(association);
        Seed(cluster, ns, name, condition);
    }

    /// <summary>The pods.eks.amazonaws.com statement scoped by session tags to one cluster, namespace and ServiceAccount.</summary>
    private static JsonObject ScopedPodIdentityStatement(Cluster cluster, string ns, string sa)
    {
        var statement = TrustDocuments.PodIdentityStatement();
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
