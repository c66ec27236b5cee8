using System.Collections.Concurrent;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Core.Tests.Inventory;

/// <summary>An in-memory estate behind the EKS, IAM and Kubernetes ports, counting every call.</summary>
internal sealed class FakeEstate : IEksApi, IIamApi, IKubernetesEstate
{
    public Dictionary<AwsScope, List<FakeCluster>> Clusters { get; } = [];
    public Dictionary<string, RoleDescription> Roles { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<string>> RolePolicies { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Dictionary<string, string>> RoleTags { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<OidcProviderDescription>> Providers { get; } = new(StringComparer.Ordinal);
    /// <summary>Role names (account/name) whose GetRole fails with AccessDenied.</summary>
    public HashSet<string> DeniedRoles { get; } = new(StringComparer.Ordinal);
    public HashSet<string> DeniedAccounts { get; } = new(StringComparer.Ordinal);
    /// <summary>Accounts whose GetAccountAuthorizationDetails fails with AccessDenied.</summary>
    public HashSet<string> DeniedRoleDetails { get; } = new(StringComparer.Ordinal);
    public HashSet<AwsScope> FailingRegions { get; } = [];
    public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);
    public int InFlight;
    public int MaxInFlight;

    public FakeCluster Add(string account, string region, string name)
    {
        var scope = new AwsScope(account, region);
        if (!Clusters.TryGetValue(scope, out var list)) Clusters[scope] = list = [];
        var cluster = new FakeCluster(new ClusterRef(account, region, name));
        list.Add(cluster);
        return cluster;
    }

    public void AddRole(string arn, string trust = """{"Version":"2012-10-17","Statement":[]}""", string[]? policies = null, Dictionary<string, string>? tags = null)
    {
        var parts = arn.Split(':')[5]["role".Length..];
        var name = parts[(parts.LastIndexOf('/') + 1)..];
        var path = parts[..(parts.LastIndexOf('/') + 1)];
        var account = arn.Split(':')[4];
        // IAM GetRole returns the role's tags with it.
        Roles[$"{account}/{name}"] = new RoleDescription { Arn = arn, Name = name, Path = path, TrustPolicy = trust, Tags = tags ?? [] };
        RolePolicies[$"{account}/{name}"] = [.. policies ?? []];
        RoleTags[$"{account}/{name}"] = tags ?? [];
    }

    /// <summary>Called on every GetRole (account, role name), before it answers.</summary>
    public Action<string, string>? OnGetRole { get; set; }

    public int CallsTo(string operation) => Calls.GetValueOrDefault(operation);

    private void Count(string operation) => Calls.AddOrUpdate(operation, 1, (_, n) => n + 1);

    private FakeCluster Find(AwsScope scope, string name) =>
        Clusters.GetValueOrDefault(scope)?.FirstOrDefault(c => c.Ref.Name == name)
        ?? throw new AwsApiException("eks", "DescribeCluster", 404, "ResourceNotFoundException", $"No cluster found for name: {name}.");

    private static void Fail(FakeCluster c, string operation)
    {
        if (c.FailOn == operation) throw c.Failure ?? new AwsApiException("eks", operation, 403, "AccessDeniedException", "not authorized");
    }

    // EKS
    /// <summary>When set, every ListClusters answers only once this task completes (what runs while discovery is listing).</summary>
    public Task? ListClustersHeldUntil { get; set; }

    public async Task<IReadOnlyList<string>> ListClustersAsync(AwsScope scope, CancellationToken ct)
    {
        Count("ListClusters");
        if (ListClustersHeldUntil is { } held) await held.WaitAsync(ct);
        if (FailingRegions.Contains(scope)) throw new AwsApiException("eks", "ListClusters", 403, "UnrecognizedClientException", "The security token included in the request is invalid.");
        return Clusters.GetValueOrDefault(scope)?.Select(c => c.Ref.Name).ToList() ?? [];
    }

    public async Task<ClusterDescription> DescribeClusterAsync(AwsScope scope, string clusterName, CancellationToken ct)
    {
        Count("DescribeCluster");
        var now = Interlocked.Increment(ref InFlight);
        InterlockedMax(ref MaxInFlight, now);
        try
        {
            await Task.Yield();
            var c = Find(scope, clusterName);
            Fail(c, "DescribeCluster");
            return c.Description;
        }
        finally
        {
            Interlocked.Decrement(ref InFlight);
        }
    }

    public Task<IReadOnlyList<string>> ListAddonsAsync(AwsScope scope, string clusterName, CancellationToken ct)
    {
        Count("ListAddons");
        return Task.FromResult<IReadOnlyList<string>>(Find(scope, clusterName).Addons.Select(a => a.Name).ToList());
    }

    public Task<AddonDescription?> DescribeAddonAsync(AwsScope scope, string clusterName, string addonName, CancellationToken ct)
    {
        Count("DescribeAddon");
        return Task.FromResult(Find(scope, clusterName).Addons.FirstOrDefault(a => a.Name == addonName));
    }

    public Task<IReadOnlyList<AssociationSummary>> ListPodIdentityAssociationsAsync(AwsScope scope, string clusterName, string? @namespace, string? serviceAccount, CancellationToken ct)
    {
        Count("ListPodIdentityAssociations");
        var c = Find(scope, clusterName);
        Fail(c, "ListPodIdentityAssociations");
        return Task.FromResult<IReadOnlyList<AssociationSummary>>(c.Associations
            .Select(a => new AssociationSummary(a.AssociationId, a.AssociationArn, a.Namespace, a.ServiceAccount, a.OwnerArn)).ToList());
    }

    public async Task<AssociationDescription> DescribePodIdentityAssociationAsync(AwsScope scope, string clusterName, string associationId, CancellationToken ct)
    {
        Count("DescribePodIdentityAssociation");
        var c = Find(scope, clusterName);
        if (c.AssociationDescribeGate is { } gate)
            await gate.WaitAsync(ct);
        return c.Associations.Single(a => a.AssociationId == associationId);
    }

    public Task<IReadOnlyList<NodegroupDescription>> ListNodegroupsAsync(AwsScope scope, string clusterName, CancellationToken ct)
    {
        Count("ListNodegroups");
        return Task.FromResult<IReadOnlyList<NodegroupDescription>>(Find(scope, clusterName).Nodegroups);
    }

    public Task<IReadOnlyList<FargateProfileDescription>> ListFargateProfilesAsync(AwsScope scope, string clusterName, CancellationToken ct)
    {
        Count("ListFargateProfiles");
        return Task.FromResult<IReadOnlyList<FargateProfileDescription>>(Find(scope, clusterName).FargateProfiles);
    }

    public Task<AddonDescription> CreateAddonAsync(AwsScope scope, string clusterName, string addonName, CancellationToken ct) => throw new NotSupportedException("inventory never writes");
    public Task UpdateAddonPodIdentityAsync(AwsScope scope, string clusterName, string addonName, IReadOnlyList<AddonPodIdentity> associations, CancellationToken ct) => throw new NotSupportedException("inventory never writes");
    public Task<AssociationDescription> CreatePodIdentityAssociationAsync(AwsScope scope, CreateAssociationRequest request, CancellationToken ct) => throw new NotSupportedException("inventory never writes");
    public Task<AssociationDescription> UpdatePodIdentityAssociationAsync(AwsScope scope, string clusterName, string associationId, string roleArn, string? targetRoleArn, bool? disableSessionTags, CancellationToken ct) => throw new NotSupportedException("inventory never writes");
    public Task DeletePodIdentityAssociationAsync(AwsScope scope, string clusterName, string associationId, CancellationToken ct) => throw new NotSupportedException("inventory never writes");

    // IAM
    public Task<RoleDescription?> GetRoleAsync(string accountId, string roleName, CancellationToken ct)
    {
        OnGetRole?.Invoke(accountId, roleName);
        Count("GetRole");
        Count($"GetRole {accountId}/{roleName}");
        if (DeniedRoles.Contains($"{accountId}/{roleName}"))
            throw new AwsApiException("iam", "GetRole", 403, "AccessDenied", $"not authorized to perform: iam:GetRole on {roleName}");
        return Task.FromResult(Roles.GetValueOrDefault($"{accountId}/{roleName}"));
    }

    public Task<IReadOnlyList<RoleDescription>> ListRoleDetailsAsync(string accountId, CancellationToken ct)
    {
        Count("GetAccountAuthorizationDetails");
        if (DeniedRoleDetails.Contains(accountId))
            throw new AwsApiException("iam", "GetAccountAuthorizationDetails", 403, "AccessDenied", "not authorized to perform: iam:GetAccountAuthorizationDetails");
        return Task.FromResult<IReadOnlyList<RoleDescription>>(Roles.Where(r => r.Key.StartsWith(accountId + "/", StringComparison.Ordinal))
            .Select(r => r.Value with { AttachedPolicies = RolePolicies[r.Key] }).ToList());
    }

    public Task<IReadOnlyList<RoleDescription>> ListRolesAsync(string accountId, string? pathPrefix, CancellationToken ct) => throw new NotSupportedException("inventory reads roles one by one");

    /// <summary>When set, every ListAttachedRolePolicies answers only once this task completes.</summary>
    public Task? ListAttachedRolePoliciesHeldUntil { get; set; }

    public async Task<IReadOnlyList<string>> ListAttachedRolePolicyNamesAsync(string accountId, string roleName, CancellationToken ct)
    {
        Count("ListAttachedRolePolicies");
        if (ListAttachedRolePoliciesHeldUntil is { } held) await held.WaitAsync(ct);
        return RolePolicies[$"{accountId}/{roleName}"];
    }

    public Task<IReadOnlyDictionary<string, string>> ListRoleTagsAsync(string accountId, string roleName, CancellationToken ct)
    {
        Count("ListRoleTags");
        return Task.FromResult<IReadOnlyDictionary<string, string>>(RoleTags[$"{accountId}/{roleName}"]);
    }

    public Task<IReadOnlyList<OidcProviderDescription>> ListOidcProvidersAsync(string accountId, CancellationToken ct)
    {
        Count("ListOidcProviders");
        Count($"ListOidcProviders {accountId}");
        if (DeniedAccounts.Contains(accountId))
            throw new AwsApiException("iam", "ListOpenIDConnectProviders", 403, "AccessDenied", "not authorized");
        return Task.FromResult<IReadOnlyList<OidcProviderDescription>>(Providers.GetValueOrDefault(accountId) ?? []);
    }

    public Task UpdateAssumeRolePolicyAsync(string accountId, string roleName, string policyDocument, CancellationToken ct) => throw new NotSupportedException("inventory never writes");

    // Kubernetes
    public Task<IClusterSession> ConnectAsync(ClusterRef cluster, ClusterDescription description, CancellationToken ct)
    {
        Count("Connect");
        var c = Find(new AwsScope(cluster.AccountId, cluster.Region), cluster.Name);
        Fail(c, "Connect");
        return Task.FromResult<IClusterSession>(new FakeSession(c, this));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    private sealed class FakeSession(FakeCluster cluster, FakeEstate estate) : IClusterSession
    {
        public ClusterRef Cluster => cluster.Ref;
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public Task<IReadOnlyList<NodeRecord>> ListNodesAsync(CancellationToken ct)
        {
            estate.Count("ListNodes");
            return Task.FromResult<IReadOnlyList<NodeRecord>>(cluster.Nodes);
        }

        public async Task<IReadOnlyList<ServiceAccountRecord>> ListServiceAccountsAsync(CancellationToken ct)
        {
            estate.Count("ListServiceAccounts");
            cluster.ServiceAccountsListed.TrySetResult();
            if (cluster.ServiceAccountsGate is { } gate)
                await gate.WaitAsync(ct);
            return cluster.ServiceAccounts;
        }

        public Task<IReadOnlyList<WorkloadRecord>> ListWorkloadsAsync(CancellationToken ct)
        {
            estate.Count("ListWorkloads");
            return Task.FromResult<IReadOnlyList<WorkloadRecord>>(cluster.Workloads);
        }

        public Task<IReadOnlyList<PodRecord>> ListPodsAsync(string? @namespace, string? serviceAccountName, CancellationToken ct)
        {
            estate.Count("ListPods");
            Fail(cluster, "ListPods");
            return Task.FromResult<IReadOnlyList<PodRecord>>(cluster.Pods);
        }

        /// <summary>The inventory's read: one port call, as the real adapter serves it from one listing.</summary>
        public Task<WorkloadsAndPods> ListWorkloadsAndPodsAsync(CancellationToken ct)
        {
            estate.Count("ListWorkloadsAndPods");
            Fail(cluster, "ListWorkloadsAndPods");
            return Task.FromResult(new WorkloadsAndPods(cluster.Workloads, cluster.Pods));
        }

        public Task<ServiceAccountRecord?> GetServiceAccountAsync(string @namespace, string name, CancellationToken ct) => throw new NotSupportedException();
        public Task<ServiceAccountRecord> PatchServiceAccountAnnotationsAsync(string @namespace, string name, IReadOnlyDictionary<string, string?> annotations, CancellationToken ct) => throw new NotSupportedException();
        public Task RestartWorkloadAsync(WorkloadKind kind, string @namespace, string name, DateTimeOffset restartedAt, CancellationToken ct) => throw new NotSupportedException();
        public Task<RolloutStatus> GetRolloutStatusAsync(WorkloadKind kind, string @namespace, string name, CancellationToken ct) => throw new NotSupportedException();
    }
}

/// <summary>One cluster of the fake estate, with builder methods for the test's story.</summary>
internal sealed class FakeCluster(ClusterRef cluster)
{
    public ClusterRef Ref { get; } = cluster;
    public ClusterDescription Description { get; set; } = new()
    {
        Name = cluster.Name,
        Arn = cluster.Arn,
        Version = "1.31",
        PlatformVersion = "eks.12",
        Endpoint = $"https://{cluster.Name}.example",
        OidcIssuer = $"https://oidc.eks.{cluster.Region}.amazonaws.com/id/{cluster.Name.ToUpperInvariant()}",
    };
    public List<AddonDescription> Addons { get; } = [];
    public List<NodegroupDescription> Nodegroups { get; } = [];
    public List<FargateProfileDescription> FargateProfiles { get; } = [];
    public List<AssociationDescription> Associations { get; } = [];
    public List<NodeRecord> Nodes { get; } = [];
    public List<ServiceAccountRecord> ServiceAccounts { get; } = [];
    public List<WorkloadRecord> Workloads { get; } = [];
    public List<PodRecord> Pods { get; } = [];
    public string? FailOn { get; set; }
    public Exception? Failure { get; set; }
    /// <summary>Awaited before the cluster's ServiceAccounts are listed: holds the cluster back until the test's event.</summary>
    public Task? ServiceAccountsGate { get; set; }
    /// <summary>Awaited before each association is described.</summary>
    public Task? AssociationDescribeGate { get; set; }
    /// <summary>Completed when the cluster's ServiceAccounts are first listed.</summary>
    public TaskCompletionSource ServiceAccountsListed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeCluster Node(string name, string os = "linux", string? computeType = null)
    {
        Nodes.Add(new NodeRecord(name, os, computeType, new Dictionary<string, string>()));
        return this;
    }

    public FakeCluster Sa(string ns, string name, string? roleArn = null, Dictionary<string, string>? annotations = null)
    {
        var all = new Dictionary<string, string>(annotations ?? [], StringComparer.Ordinal);
        if (roleArn is not null) all[ServiceAccountRecord.RoleArnAnnotation] = roleArn;
        ServiceAccounts.Add(new ServiceAccountRecord { Cluster = Ref, Namespace = ns, Name = name, Annotations = all });
        return this;
    }

    public FakeCluster Pod(string ns, string name, string sa, string? node)
    {
        Pods.Add(new PodRecord { Cluster = Ref, Namespace = ns, Name = name, ServiceAccountName = sa, NodeName = node });
        return this;
    }

    public FakeCluster Association(string id, string ns, string sa, string roleArn, string? ownerArn = null)
    {
        Associations.Add(new AssociationDescription
        {
            AssociationId = id,
            AssociationArn = $"arn:aws:eks:{Ref.Region}:{Ref.AccountId}:podidentityassociation/{Ref.Name}/{id}",
            ClusterName = Ref.Name,
            Namespace = ns,
            ServiceAccount = sa,
            RoleArn = roleArn,
            OwnerArn = ownerArn,
        });
        return this;
    }
}
