using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Collection;
using Migrator.Sandbox;

namespace Migrator.Integration.Tests.Assessment;

/// <summary>
/// Reads a prepared sandbox estate straight into an <see cref="InventorySnapshot"/>, recording what the inventory
/// collector records through the AWS and Kubernetes adapters (placement from the node, credential mode from the env and
/// the webhook's token volumes, hard-coded env from the template). Lets the assessment be checked against the
/// generator's seeded conditions without the HTTP round trip.
/// </summary>
internal static class EstateSnapshot
{
    public static InventorySnapshot From(Estate estate)
    {
        var clusters = estate.Clusters.ToDictionary(c => c, c => new ClusterRef(c.AccountId, c.Region, c.Name));
        var roleArns = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var c in estate.Clusters)
        {
            roleArns.UnionWith(c.ServiceAccounts.Select(s => s.RoleArn).OfType<string>());
            roleArns.UnionWith(c.PodIdentityAssociations.Select(a => a.RoleArn));
            roleArns.UnionWith(c.PodIdentityAssociations.Select(a => a.TargetRoleArn).OfType<string>());
        }
        return new InventorySnapshot
        {
            RunId = 1,
            StartedAt = DateTimeOffset.Parse("2026-11-28T09:00:00Z"),
            Status = RunStatus.Complete,
            Clusters = estate.Clusters.Select(c => new ClusterInventory
            {
                Ref = clusters[c],
                KubernetesVersion = c.KubernetesVersion,
                PlatformVersion = c.PlatformVersion,
                OidcIssuer = c.OidcIssuer,
                AutoMode = c.AutoMode,
                PodIdentityAgentStatus = c.FindAddon(Addon.PodIdentityAgent)?.Status,
                PodIdentityAgentVersion = c.FindAddon(Addon.PodIdentityAgent)?.Version,
                AssociationCount = c.PodIdentityAssociations.Count,
            }).ToList(),
            ServiceAccounts = estate.Clusters.SelectMany(c => c.ServiceAccounts.Select(s => new ServiceAccountRecord
            {
                Cluster = clusters[c],
                Namespace = s.Namespace,
                Name = s.Name,
                Annotations = s.Annotations.Where(a => a.Key.StartsWith("eks.amazonaws.com/", StringComparison.Ordinal)).ToDictionary(),
                Labels = s.Labels,
                AnnotationChangedAt = s.AnnotationsUpdatedAt,
            })).ToList(),
            Workloads = estate.Clusters.SelectMany(c => c.Workloads.Select(w => new WorkloadRecord
            {
                Cluster = clusters[c],
                Namespace = w.Namespace,
                Kind = w.Kind,
                Name = w.Name,
                ServiceAccountName = w.ServiceAccountName,
                Replicas = w.Replicas,
                TemplatePlacement = w.Placement switch
                {
                    WorkloadPlacement.Windows => Placement.Windows,
                    WorkloadPlacement.Fargate => Placement.Fargate,
                    WorkloadPlacement.Hybrid => Placement.Hybrid,
                    WorkloadPlacement.Auto => Placement.AutoMode,
                    _ => Placement.Unknown,
                },
                Images = w.Containers.Select(x => x.Image).Distinct().ToList(),
                HardCodedAwsEnv = w.Containers.SelectMany(x => x.Env).Select(e => e.Name).Where(AwsCredentialEnv.HardCodable.Contains).Distinct().ToList(),
            })).ToList(),
            Pods = estate.Clusters.SelectMany(c => c.Pods.Select(p => Pod(c, clusters[c], p))).ToList(),
            Associations = estate.Clusters.SelectMany(c => c.PodIdentityAssociations.Select(a => new AssociationRecord
            {
                Cluster = clusters[c],
                AssociationId = a.AssociationId!,
                AssociationArn = a.ArnIn(c),
                Namespace = a.Namespace,
                ServiceAccount = a.ServiceAccount,
                RoleArn = a.RoleArn,
                TargetRoleArn = a.TargetRoleArn,
                DisableSessionTags = a.DisableSessionTags,
                OwnerArn = a.OwnerArn,
            })).ToList(),
            Roles = roleArns.Select(arn => Role(estate, arn)).OfType<RoleRecord>().ToList(),
            OidcProviders = estate.Accounts.SelectMany(a => a.OidcProviders.Select(p => new OidcProviderRecord
            {
                AccountId = a.Id,
                Arn = a.OidcProviderArn(p),
                Url = OidcProvider.NormalizeUrl(p.Url),
                ClientIds = p.ClientIds,
            })).ToList(),
            Addons = estate.Clusters.SelectMany(c => c.Addons.Select(a => new AddonRecord
            {
                Cluster = clusters[c],
                Name = a.Name,
                Version = a.Version,
                Status = a.Status,
                ServiceAccountRoleArn = a.ServiceAccountRoleArn,
                PodIdentityAssociationArns = a.PodIdentityAssociations,
                OwnedServiceAccounts = AddonServiceAccounts.For(a.Name),
            })).ToList(),
        };
    }

    /// <summary>GetRole: found (path ignored, as IAM names are unique per account) or NoSuchEntity; unparseable ARNs are never asked.</summary>
    private static RoleRecord? Role(Estate estate, string arn)
    {
        if (!RoleArn.TryParse(arn, out var parsed, out _)) return null;
        var account = estate.FindAccount(parsed!.AccountId);
        var role = estate.FindRole(arn);
        if (account is null || role is null)
            return new RoleRecord { Arn = arn, AccountId = parsed.AccountId, Name = parsed.Name, Exists = false };
        return new RoleRecord { Arn = account.RoleArn(role), AccountId = account.Id, Name = role.Name, Path = role.Path, TrustPolicy = role.TrustPolicy };
    }

    private static PodRecord Pod(Cluster cluster, ClusterRef key, Sandbox.Pod pod)
    {
        var node = pod.NodeName is null ? null : cluster.FindNode(pod.NodeName);
        var env = pod.Containers.SelectMany(c => c.Env).ToList();
        var volumes = pod.Volumes.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        bool Has(string name) => env.Any(e => e.Name == name);
        var (mode, injected) = Has(AwsCredentialEnv.AccessKeyId) ? (CredentialMode.HardCoded, null)
            : Has(AwsCredentialEnv.RoleArn) && Has(AwsCredentialEnv.WebIdentityTokenFile)
                ? volumes.Contains(AwsCredentialEnv.IrsaVolumeName) ? (CredentialMode.Irsa, env.First(e => e.Name == AwsCredentialEnv.RoleArn).Value) : (CredentialMode.HardCoded, (string?)null)
            : Has(AwsCredentialEnv.ContainerCredentialsFullUri)
                ? volumes.Contains(AwsCredentialEnv.PodIdentityVolumeName) ? (CredentialMode.PodIdentity, null) : (CredentialMode.HardCoded, null)
            : (CredentialMode.None, null);
        return new PodRecord
        {
            Cluster = key,
            Namespace = pod.Namespace,
            Name = pod.Name,
            ServiceAccountName = pod.ServiceAccountName,
            NodeName = pod.NodeName,
            Placement = node switch
            {
                null => Placement.Unknown,
                { Os: NodeOs.Windows } => Placement.Windows,
                { ComputeType: ComputeType.Fargate } => Placement.Fargate,
                { ComputeType: ComputeType.Hybrid } => Placement.Hybrid,
                { ComputeType: ComputeType.Auto } => Placement.AutoMode,
                _ => Placement.Ec2Linux,
            },
            CredentialMode = mode,
            InjectedRoleArn = injected,
            PodIdentityLabel = pod.Labels.ContainsKey("eks.amazonaws.com/pod-identity"),
            Images = pod.Containers.Select(c => c.Image).Distinct().ToList(),
            StartedAt = pod.StartTime,
        };
    }
}
