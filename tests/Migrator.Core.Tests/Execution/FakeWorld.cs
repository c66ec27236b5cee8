using Microsoft.Extensions.Time.Testing;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Core.Tests.Execution;

/// <summary>
/// An in-memory estate behind IEksApi, IIamApi and IKubernetesEstate. Restarting a workload recreates its pods with
/// the env the webhook would inject: Pod Identity when an association exists, else IRSA when annotated (DOMAIN.md).
/// Counts every mutating call; <see cref="Fault"/> lets a test make an operation throw. EKS is eventually consistent
/// as the sandbox is: a new association shows in List/Describe/Delete only <see cref="VisibilityLag"/> after its
/// create (the webhook and the 409 check see it at once), and every association call takes <see cref="CallLatency"/>
/// on <see cref="Clock"/>; a create retried with the same client request token answers with the same association.
/// </summary>
public sealed class FakeWorld : IEksApi, IIamApi, IKubernetesEstate
{
    private readonly object _gate = new();
    private int _ids;

    public Dictionary<string, string> Trust { get; } = new(StringComparer.Ordinal);
    public Dictionary<BindingKey, Dictionary<string, string>> Annotations { get; } = [];
    public List<AssociationDescription> Associations { get; } = [];
    public Dictionary<(ClusterRef, string), (string Status, List<string> Arns)> Addons { get; } = [];
    public List<WorkloadRecord> Workloads { get; } = [];
    public List<PodRecord> Pods { get; } = [];
    public Dictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _createdAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    public FakeTimeProvider? Clock { get; set; }
    public TimeSpan VisibilityLag { get; set; }
    public TimeSpan CallLatency { get; set; }

    /// <summary>(operation, detail) → exception to throw, or null to proceed.</summary>
    public Func<string, string, Exception?> Fault { get; set; } = (_, _) => null;
    /// <summary>False: a restart is accepted but its new pods never come (a rollout stuck on an image pull, say).</summary>
    public bool RestartsTakeEffect { get; set; } = true;

    public int Count(string op) { lock (_gate) return Calls.GetValueOrDefault(op); }

    public int Mutations => new[] { "UpdateAssumeRolePolicy", "CreatePodIdentityAssociation", "DeletePodIdentityAssociation", "CreateAddon", "UpdateAddon", "RestartWorkload", "PatchServiceAccount" }.Sum(Count);

    private bool Visible(AssociationDescription a) =>
        Clock is null || !_createdAt.TryGetValue(a.AssociationId, out var at) || Clock.GetUtcNow() >= at + VisibilityLag;

    private void Elapse()
    {
        if (Clock is not null && CallLatency > TimeSpan.Zero)
            Clock.Advance(CallLatency);
    }

    private static AwsApiException NotFound(string op, string id) => new("eks", op, 404, "ResourceNotFoundException", $"No Pod Identity Association found for id: {id}.");

    private void Hit(string op, string detail)
    {
        lock (_gate)
            Calls[op] = Calls.GetValueOrDefault(op) + 1;
        if (Fault(op, detail) is { } e)
            throw e;
    }

    /// <summary>Everything the migration changes, as one comparable text (trust documents, annotations, associations).</summary>
    public string State()
    {
        lock (_gate)
        {
            var lines = new List<string>();
            lines.AddRange(Trust.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"trust {t.Key} = {t.Value}"));
            lines.AddRange(Annotations.OrderBy(a => a.Key.ToString(), StringComparer.Ordinal)
                .Select(a => $"sa {a.Key} = {string.Join(",", a.Value.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))}"));
            lines.AddRange(Associations.Select(a => $"assoc {a.ClusterName}/{a.Namespace}/{a.ServiceAccount} -> {a.RoleArn}").Order(StringComparer.Ordinal));
            return string.Join("\n", lines);
        }
    }

    public void RegeneratePods(WorkloadRecord w)
    {
        lock (_gate)
        {
            Pods.RemoveAll(p => p.Cluster == w.Cluster && p.Namespace == w.Namespace && p.OwnerKind == w.Kind && p.OwnerName == w.Name);
            var key = new BindingKey(w.Cluster, w.Namespace, w.ServiceAccountName);
            var associated = Associations.Any(a => a.ClusterName == w.Cluster.Name && a.Namespace == w.Namespace && a.ServiceAccount == w.ServiceAccountName);
            var role = Annotations.TryGetValue(key, out var ann) && ann.TryGetValue(ServiceAccountRecord.RoleArnAnnotation, out var r) ? r : null;
            var mode = associated ? CredentialMode.PodIdentity : role is not null ? CredentialMode.Irsa : CredentialMode.None;
            var generation = ++_ids;
            for (var i = 0; i < Math.Max(1, w.Replicas); i++)
            {
                Pods.Add(new PodRecord
                {
                    Cluster = w.Cluster,
                    Namespace = w.Namespace,
                    Name = $"{w.Name}-{generation}-{i}",
                    ServiceAccountName = w.ServiceAccountName,
                    OwnerKind = w.Kind,
                    OwnerName = w.Name,
                    Placement = Placement.Ec2Linux,
                    CredentialMode = mode,
                    InjectedRoleArn = mode == CredentialMode.Irsa ? role : null,
                    PodIdentityLabel = mode == CredentialMode.PodIdentity,
                    Finished = w.Kind is WorkloadKind.Job or WorkloadKind.CronJob, // their pods run to completion
                });
            }
        }
    }

    // ---- IAM
    public Task<RoleDescription?> GetRoleAsync(string accountId, string roleName, CancellationToken ct)
    {
        Hit("GetRole", roleName);
        lock (_gate)
        {
            var arn = Trust.Keys.FirstOrDefault(a => a.Split(':')[4] == accountId && a.EndsWith("/" + roleName, StringComparison.Ordinal));
            return Task.FromResult(arn is null ? null : new RoleDescription { Arn = arn, Name = roleName, TrustPolicy = Trust[arn] });
        }
    }

    public Task UpdateAssumeRolePolicyAsync(string accountId, string roleName, string policyDocument, CancellationToken ct)
    {
        Hit("UpdateAssumeRolePolicy", roleName);
        lock (_gate)
        {
            var arn = Trust.Keys.Single(a => a.Split(':')[4] == accountId && a.EndsWith("/" + roleName, StringComparison.Ordinal));
            Trust[arn] = policyDocument;
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RoleDescription>> ListRolesAsync(string accountId, string? pathPrefix, CancellationToken ct) => throw new NotSupportedException("the executor reads roles one by one");

    public Task<IReadOnlyList<string>> ListAttachedRolePolicyNamesAsync(string accountId, string roleName, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>([]);
    public Task<IReadOnlyList<RoleDescription>> ListRoleDetailsAsync(string accountId, CancellationToken ct) => throw new NotSupportedException("execution reads roles one by one");
    public Task<IReadOnlyDictionary<string, string>> ListRoleTagsAsync(string accountId, string roleName, CancellationToken ct) => Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());
    public Task<IReadOnlyList<OidcProviderDescription>> ListOidcProvidersAsync(string accountId, CancellationToken ct) => Task.FromResult<IReadOnlyList<OidcProviderDescription>>([]);

    // ---- EKS
    public Task<IReadOnlyList<string>> ListClustersAsync(AwsScope scope, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>([]);

    public Task<ClusterDescription> DescribeClusterAsync(AwsScope scope, string clusterName, CancellationToken ct)
    {
        Hit("DescribeCluster", clusterName);
        var cluster = new ClusterRef(scope.AccountId, scope.Region, clusterName);
        return Task.FromResult(new ClusterDescription { Name = clusterName, Arn = cluster.Arn, Endpoint = "https://fake/" + clusterName });
    }

    public Task<IReadOnlyList<string>> ListAddonsAsync(AwsScope scope, string clusterName, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>([]);

    public Task<AddonDescription?> DescribeAddonAsync(AwsScope scope, string clusterName, string addonName, CancellationToken ct)
    {
        Hit("DescribeAddon", addonName);
        lock (_gate)
        {
            var key = (new ClusterRef(scope.AccountId, scope.Region, clusterName), addonName);
            if (!Addons.TryGetValue(key, out var a))
                return Task.FromResult<AddonDescription?>(null);
            if (a.Status == "CREATING")
                Addons[key] = ("ACTIVE", a.Arns);
            return Task.FromResult<AddonDescription?>(new AddonDescription { Name = addonName, Status = a.Status, PodIdentityAssociationArns = a.Arns.ToList() });
        }
    }

    public Task<AddonDescription> CreateAddonAsync(AwsScope scope, string clusterName, string addonName, CancellationToken ct)
    {
        Hit("CreateAddon", addonName);
        lock (_gate)
            Addons[(new ClusterRef(scope.AccountId, scope.Region, clusterName), addonName)] = ("CREATING", []);
        return Task.FromResult(new AddonDescription { Name = addonName, Status = "CREATING" });
    }

    public Task UpdateAddonPodIdentityAsync(AwsScope scope, string clusterName, string addonName, IReadOnlyList<AddonPodIdentity> associations, CancellationToken ct)
    {
        Hit("UpdateAddon", addonName);
        lock (_gate)
        {
            var key = (new ClusterRef(scope.AccountId, scope.Region, clusterName), addonName);
            var (status, arns) = Addons[key];
            var owned = Associations.Where(a => a.ClusterName == clusterName && arns.Contains(a.AssociationArn)).ToList();
            foreach (var gone in owned.Where(o => !associations.Any(n => n.ServiceAccount == o.ServiceAccount && n.RoleArn == o.RoleArn)))
            {
                Associations.Remove(gone);
                arns.Remove(gone.AssociationArn);
            }
            foreach (var add in associations.Where(n => !owned.Any(o => o.ServiceAccount == n.ServiceAccount && o.RoleArn == n.RoleArn)))
            {
                var created = NewAssociation(clusterName, "kube-system", add.ServiceAccount, add.RoleArn, scope);
                Associations.Add(created);
                arns.Add(created.AssociationArn);
                // The add-on lists it at once; Describe lags like any new association.
                if (Clock is not null)
                    _createdAt[created.AssociationId] = Clock.GetUtcNow();
            }
            Addons[key] = (status, arns);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AssociationSummary>> ListPodIdentityAssociationsAsync(AwsScope scope, string clusterName, string? @namespace, string? serviceAccount, CancellationToken ct)
    {
        Hit("ListPodIdentityAssociations", clusterName);
        lock (_gate)
        {
            Elapse();
            return Task.FromResult<IReadOnlyList<AssociationSummary>>(Associations
                .Where(a => a.ClusterName == clusterName && Visible(a) && (@namespace is null || a.Namespace == @namespace) && (serviceAccount is null || a.ServiceAccount == serviceAccount))
                .Select(a => new AssociationSummary(a.AssociationId, a.AssociationArn, a.Namespace, a.ServiceAccount, a.OwnerArn)).ToList());
        }
    }

    public Task<AssociationDescription> DescribePodIdentityAssociationAsync(AwsScope scope, string clusterName, string associationId, CancellationToken ct)
    {
        Hit("DescribePodIdentityAssociation", associationId);
        lock (_gate)
        {
            Elapse();
            return Associations.SingleOrDefault(a => a.AssociationId == associationId) is { } found && Visible(found)
                ? Task.FromResult(found)
                : throw NotFound("DescribePodIdentityAssociation", associationId);
        }
    }

    public Task<AssociationDescription> CreatePodIdentityAssociationAsync(AwsScope scope, CreateAssociationRequest request, CancellationToken ct)
    {
        Hit("CreatePodIdentityAssociation", $"{request.Namespace}/{request.ServiceAccount}");
        lock (_gate)
        {
            Elapse();
            if (request.ClientRequestToken is { } token && _tokens.TryGetValue(token, out var earlierId)
                && Associations.SingleOrDefault(a => a.AssociationId == earlierId) is { } earlier)
                return Task.FromResult(earlier);
            if (Associations.Any(a => a.ClusterName == request.ClusterName && a.Namespace == request.Namespace && a.ServiceAccount == request.ServiceAccount))
                throw new AwsApiException("eks", "CreatePodIdentityAssociation", 409, "ResourceInUseException", "Association already exists");
            var created = NewAssociation(request.ClusterName, request.Namespace, request.ServiceAccount, request.RoleArn, scope) with { Tags = new Dictionary<string, string>(request.Tags) };
            Associations.Add(created);
            if (Clock is not null)
                _createdAt[created.AssociationId] = Clock.GetUtcNow();
            if (request.ClientRequestToken is { } t)
                _tokens[t] = created.AssociationId;
            return Task.FromResult(created);
        }
    }

    public Task<AssociationDescription> UpdatePodIdentityAssociationAsync(AwsScope scope, string clusterName, string associationId, string roleArn, string? targetRoleArn, bool? disableSessionTags, CancellationToken ct) =>
        throw new NotSupportedException("the executor never re-points an association: another role is a conflict");

    public Task DeletePodIdentityAssociationAsync(AwsScope scope, string clusterName, string associationId, CancellationToken ct)
    {
        Hit("DeletePodIdentityAssociation", associationId);
        lock (_gate)
        {
            Elapse();
            if (Associations.SingleOrDefault(a => a.AssociationId == associationId) is not { } found || !Visible(found))
                throw NotFound("DeletePodIdentityAssociation", associationId);
            Associations.Remove(found);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<NodegroupDescription>> ListNodegroupsAsync(AwsScope scope, string clusterName, CancellationToken ct) => Task.FromResult<IReadOnlyList<NodegroupDescription>>([]);
    public Task<IReadOnlyList<FargateProfileDescription>> ListFargateProfilesAsync(AwsScope scope, string clusterName, CancellationToken ct) => Task.FromResult<IReadOnlyList<FargateProfileDescription>>([]);

    private AssociationDescription NewAssociation(string cluster, string ns, string sa, string role, AwsScope scope)
    {
        var id = $"a-{++_ids:D6}";
        return new AssociationDescription
        {
            AssociationId = id,
            AssociationArn = $"arn:aws:eks:{scope.Region}:{scope.AccountId}:podidentityassociation/{cluster}/{id}",
            ClusterName = cluster,
            Namespace = ns,
            ServiceAccount = sa,
            RoleArn = role,
        };
    }

    // ---- Kubernetes
    public Task<IClusterSession> ConnectAsync(ClusterRef cluster, ClusterDescription description, CancellationToken ct) =>
        Task.FromResult<IClusterSession>(new Session(this, cluster));

    private sealed class Session(FakeWorld w, ClusterRef cluster) : IClusterSession
    {
        public ClusterRef Cluster => cluster;
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        public Task<IReadOnlyList<NodeRecord>> ListNodesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<NodeRecord>>([]);

        public Task<IReadOnlyList<ServiceAccountRecord>> ListServiceAccountsAsync(CancellationToken ct)
        {
            lock (w._gate)
                return Task.FromResult<IReadOnlyList<ServiceAccountRecord>>(w.Annotations.Where(a => a.Key.Cluster == cluster).Select(a => Record(a.Key, a.Value)).ToList());
        }

        public Task<ServiceAccountRecord?> GetServiceAccountAsync(string @namespace, string name, CancellationToken ct)
        {
            w.Hit("GetServiceAccount", name);
            lock (w._gate)
            {
                var key = new BindingKey(cluster, @namespace, name);
                return Task.FromResult(w.Annotations.TryGetValue(key, out var a) ? Record(key, a) : null);
            }
        }

        public Task<ServiceAccountRecord> PatchServiceAccountAnnotationsAsync(string @namespace, string name, IReadOnlyDictionary<string, string?> annotations, CancellationToken ct)
        {
            w.Hit("PatchServiceAccount", name);
            lock (w._gate)
            {
                var key = new BindingKey(cluster, @namespace, name);
                var a = w.Annotations[key];
                foreach (var (k, v) in annotations)
                {
                    if (v is null) a.Remove(k);
                    else a[k] = v;
                }
                return Task.FromResult(Record(key, a));
            }
        }

        public Task<IReadOnlyList<WorkloadRecord>> ListWorkloadsAsync(CancellationToken ct)
        {
            lock (w._gate)
                return Task.FromResult<IReadOnlyList<WorkloadRecord>>(w.Workloads.Where(x => x.Cluster == cluster).ToList());
        }

        public Task<IReadOnlyList<PodRecord>> ListPodsAsync(string? @namespace, string? serviceAccountName, CancellationToken ct)
        {
            w.Hit("ListPods", $"{@namespace}/{serviceAccountName}");
            lock (w._gate)
                return Task.FromResult<IReadOnlyList<PodRecord>>(w.Pods.Where(p => p.Cluster == cluster && (@namespace is null || p.Namespace == @namespace)
                    && (serviceAccountName is null || p.ServiceAccountName == serviceAccountName)).ToList());
        }

        public Task RestartWorkloadAsync(WorkloadKind kind, string @namespace, string name, DateTimeOffset restartedAt, CancellationToken ct)
        {
            w.Hit("RestartWorkload", $"{@namespace}/{name}");
            WorkloadRecord workload;
            lock (w._gate)
                workload = w.Workloads.Single(x => x.Cluster == cluster && x.Namespace == @namespace && x.Kind == kind && x.Name == name);
            if (w.RestartsTakeEffect)
                w.RegeneratePods(workload);
            return Task.CompletedTask;
        }

        public Task<RolloutStatus> GetRolloutStatusAsync(WorkloadKind kind, string @namespace, string name, CancellationToken ct) =>
            Task.FromResult(new RolloutStatus(2, 2, 1, 1, 1, 1));

        private static ServiceAccountRecord Record(BindingKey key, Dictionary<string, string> a) =>
            new() { Cluster = key.Cluster, Namespace = key.Namespace, Name = key.ServiceAccount, Annotations = new Dictionary<string, string>(a) };
    }
}
