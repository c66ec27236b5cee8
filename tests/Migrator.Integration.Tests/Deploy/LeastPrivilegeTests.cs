using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;
using Migrator.Integration.Tests.Hosting;

namespace Migrator.Integration.Tests.Deploy;

/// <summary>
/// deploy/iam/*.json and deploy/target-cluster/rbac.yaml grant exactly what the clients call: every operation of
/// the ports is exercised against the sandbox, and the calls the sandbox counted are compared with the grants.
/// </summary>
public sealed partial class LeastPrivilegeTests
{
    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Migrator.sln")))
            dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Migrator.sln not found above the test binaries"), relative);
    }

    /// <summary>
    /// deploy/iam/: the read-only inventory policy grants exactly the reads the clients make, the migration policy exactly
    /// the writes (each scoped by a condition), and the worker's own policy exactly sts:AssumeRole into the access roles.
    /// </summary>
    [Fact]
    public async Task Iam_policies_grant_exactly_the_aws_operations_the_clients_call_each_in_its_policy()
    {
        await using var host = await SandboxHost.StartAsync();
        var target = await ExerciseAwsReadsAsync(host.Services);
        var reads = Counted(host);
        await ExerciseAwsWritesAsync(host.Services, target);
        var all = Counted(host);
        var writes = all.Except(reads).ToHashSet(StringComparer.Ordinal);
        var sts = all.Where(a => a.StartsWith("sts:", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        reads.ExceptWith(sts);

        var inventory = PolicyActions(File.ReadAllText(RepoFile("deploy/iam/inventory-policy.json")));
        var migration = PolicyActions(File.ReadAllText(RepoFile("deploy/iam/migration-policy.json")));
        var worker = PolicyActions(File.ReadAllText(RepoFile("deploy/iam/worker-policy.json")));

        AssertExactly("deploy/iam/inventory-policy.json", reads, inventory);
        // iam:PassRole is no call: it authorises CreatePodIdentityAssociation (and UpdateAddon) to hand the role to EKS.
        AssertExactly("deploy/iam/migration-policy.json", writes, migration.Except(["iam:PassRole"]).ToHashSet(StringComparer.Ordinal));
        // sts:GetCallerIdentity needs no permission (STS answers it for any credentials).
        AssertExactly("deploy/iam/worker-policy.json", sts.Except(["sts:GetCallerIdentity"]).ToHashSet(StringComparer.Ordinal), worker);
        Assert.All(migration, a => Assert.DoesNotContain(a, inventory));
    }

    [Fact]
    public void Every_write_of_the_migration_policy_is_scoped_by_a_condition()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoFile("deploy/iam/migration-policy.json")));
        var statements = doc.RootElement.GetProperty("Statement").EnumerateArray().ToList();
        string Conditions(string action) => string.Join(" ", statements
            .Where(s => Actions(s).Contains(action))
            .Select(s => s.TryGetProperty("Condition", out var c) ? c.GetRawText() : "(none)"));

        Assert.Contains("aws:ResourceTag/migrator/migrate", Conditions("iam:UpdateAssumeRolePolicy"), StringComparison.Ordinal);
        Assert.Contains("iam:PassedToService", Conditions("iam:PassRole"), StringComparison.Ordinal);
        Assert.Contains("aws:ResourceTag/migrator/migrate", Conditions("iam:PassRole"), StringComparison.Ordinal);
        Assert.Contains("aws:RequestTag/migrator/plan", Conditions("eks:CreatePodIdentityAssociation"), StringComparison.Ordinal);
        Assert.Contains("aws:ResourceTag/migrator/plan", Conditions("eks:UpdatePodIdentityAssociation"), StringComparison.Ordinal);
        Assert.Contains("aws:ResourceTag/migrator/plan", Conditions("eks:DeletePodIdentityAssociation"), StringComparison.Ordinal);
        // Never every resource for a write: IAM writes name roles, EKS writes name clusters, addons or associations.
        foreach (var s in statements)
        {
            var resource = s.GetProperty("Resource");
            foreach (var r in resource.ValueKind == JsonValueKind.Array ? resource.EnumerateArray().Select(e => e.GetString()!) : [resource.GetString()!])
                Assert.NotEqual("*", r);
        }
    }

    [Fact]
    public void The_trust_policies_admit_pod_identity_for_the_worker_and_the_worker_with_an_external_id_for_each_account()
    {
        using var worker = JsonDocument.Parse(File.ReadAllText(RepoFile("deploy/iam/worker-trust-policy.json")));
        var w = Assert.Single(worker.RootElement.GetProperty("Statement").EnumerateArray().ToList());
        Assert.Equal("pods.eks.amazonaws.com", w.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal(["sts:AssumeRole", "sts:TagSession"], Actions(w).Order(StringComparer.Ordinal));

        using var access = JsonDocument.Parse(File.ReadAllText(RepoFile("deploy/iam/access-role-trust-policy.json")));
        var a = Assert.Single(access.RootElement.GetProperty("Statement").EnumerateArray().ToList());
        Assert.EndsWith(":role/migrator-worker", a.GetProperty("Principal").GetProperty("AWS").GetString(), StringComparison.Ordinal);
        Assert.Equal(["sts:AssumeRole"], Actions(a));
        Assert.True(a.GetProperty("Condition").GetProperty("StringEquals").TryGetProperty("sts:ExternalId", out _), "the access role's trust requires sts:ExternalId");
        // The worker's own policy may assume exactly the role the access trust is written for.
        Assert.Contains(":role/migrator-access", File.ReadAllText(RepoFile("deploy/iam/worker-policy.json")), StringComparison.Ordinal);
    }

    private static HashSet<string> Counted(SandboxHost host) => host.Sandbox.Counters.Snapshot().Calls
        .Where(kv => kv.Key is "eks" or "iam" or "sts" or "cloudtrail")
        .SelectMany(kv => kv.Value.Keys.Select(op => $"{kv.Key}:{op}"))
        .ToHashSet(StringComparer.Ordinal);

    private static void AssertExactly(string file, IReadOnlySet<string> called, IReadOnlySet<string> granted)
    {
        var missing = called.Except(granted).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"{file} lacks actions the clients call: {string.Join(", ", missing)}");
        var unused = granted.Except(called).Order(StringComparer.Ordinal).ToList();
        Assert.True(unused.Count == 0, $"{file} grants actions no client calls: {string.Join(", ", unused)}");
    }

    private static List<string> Actions(JsonElement statement)
    {
        var action = statement.GetProperty("Action");
        return action.ValueKind == JsonValueKind.Array ? action.EnumerateArray().Select(e => e.GetString()!).ToList() : [action.GetString()!];
    }

    [Fact]
    public async Task Cluster_role_grants_exactly_the_kubernetes_verbs_the_adapter_uses()
    {
        await using var host = await SandboxHost.StartAsync();
        await ExerciseKubernetesPortAsync(host.Services);
        var counted = host.Sandbox.Counters.Snapshot().Calls.TryGetValue("kubernetes", out var ops)
            ? ops.Keys.Where(k => k.Contains(' ', StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal)
            : [];

        var granted = ClusterRoleGrants(File.ReadAllText(RepoFile("deploy/target-cluster/rbac.yaml")));

        var missing = counted.Except(granted).Order().ToList();
        Assert.True(missing.Count == 0, $"deploy/target-cluster/rbac.yaml lacks verbs the adapter uses: {string.Join(", ", missing)}");
        var unused = granted.Except(counted).Order().ToList();
        Assert.True(unused.Count == 0, $"deploy/target-cluster/rbac.yaml grants verbs the adapter never uses: {string.Join(", ", unused)}");
    }

    private static HashSet<string> PolicyActions(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var actions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in doc.RootElement.GetProperty("Statement").EnumerateArray())
        {
            Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
            var action = statement.GetProperty("Action");
            foreach (var a in action.ValueKind == JsonValueKind.Array ? action.EnumerateArray().Select(e => e.GetString()!) : [action.GetString()!])
            {
                Assert.DoesNotContain('*', a);
                actions.Add(a);
            }
        }
        return actions;
    }

    /// <summary>"verb resource" pairs of the ClusterRole (flow-style lists as the manifest writes them).</summary>
    private static HashSet<string> ClusterRoleGrants(string yaml)
    {
        var role = yaml.Split("\n---", StringSplitOptions.None).Single(d => d.Contains("\nkind: ClusterRole\n", StringComparison.Ordinal));
        var grants = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match rule in RuleRegex().Matches(role))
        {
            var resources = Items(rule.Groups["resources"].Value);
            var verbs = Items(rule.Groups["verbs"].Value);
            foreach (var verb in verbs)
                foreach (var resource in resources)
                    grants.Add($"{verb} {resource}");
        }
        Assert.NotEmpty(grants);
        return grants;
    }

    private static string[] Items(string flowList) =>
        flowList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.Trim('"')).ToArray();

    [GeneratedRegex(@"resources:\s*\[(?<resources>[^\]]*)\]\s*\n\s*verbs:\s*\[(?<verbs>[^\]]*)\]")]
    private static partial Regex RuleRegex();

    /// <summary>What the write half acts on, found by the read half.</summary>
    private sealed record WriteTarget(AwsScope Scope, string Cluster, string Addon, bool HasAgent, string RoleName, string RoleArn, string TrustPolicy);

    /// <summary>Every read of the AWS ports (what `inventory` and the report call).</summary>
    private static async Task<WriteTarget> ExerciseAwsReadsAsync(IServiceProvider services)
    {
        var ct = CancellationToken.None;
        var eks = services.GetRequiredService<IEksApi>();
        var iam = services.GetRequiredService<IIamApi>();
        var scopes = services.GetRequiredService<IAccountScopes>().GetScopes();
        foreach (var account in scopes)
        {
            foreach (var provider in await iam.ListOidcProvidersAsync(account.AccountId, ct))
                Assert.NotEmpty(provider.Url);
            Assert.NotNull(await iam.ListRolesAsync(account.AccountId, null, ct));
            Assert.NotNull(await iam.ListRoleDetailsAsync(account.AccountId, ct));
        }

        var (scope, cluster) = await FirstClusterWithAssociationsAsync(eks, scopes);
        var description = await eks.DescribeClusterAsync(scope, cluster, ct);
        Assert.Equal(cluster, description.Name);
        await eks.ListNodegroupsAsync(scope, cluster, ct);
        await eks.ListFargateProfilesAsync(scope, cluster, ct);
        var addons = await eks.ListAddonsAsync(scope, cluster, ct);
        Assert.NotEmpty(addons);
        var addon = await eks.DescribeAddonAsync(scope, cluster, addons[0], ct);
        Assert.NotNull(addon);

        var associations = await eks.ListPodIdentityAssociationsAsync(scope, cluster, null, null, ct);
        var existing = await eks.DescribePodIdentityAssociationAsync(scope, cluster, associations[0].AssociationId, ct);
        var roleName = existing.RoleArn[(existing.RoleArn.LastIndexOf('/') + 1)..];
        var role = await iam.GetRoleAsync(scope.AccountId, roleName, ct);
        Assert.NotNull(role);
        await iam.ListRoleTagsAsync(scope.AccountId, roleName, ct);
        await iam.ListAttachedRolePolicyNamesAsync(scope.AccountId, roleName, ct);

        var cloudTrail = services.GetRequiredService<ICredentialUseEvents>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var kind in Enum.GetValues<Core.Evidence.CredentialUseKind>())
            Assert.NotNull(await cloudTrail.LookupAsync(scope, kind, now.AddDays(-1), now, ct));
        return new WriteTarget(scope, cluster, addons[0], addons.Contains("eks-pod-identity-agent"), roleName, existing.RoleArn, role!.TrustPolicy);
    }

    /// <summary>Every write of the AWS ports (what `phase run` and rollback call).</summary>
    private static async Task ExerciseAwsWritesAsync(IServiceProvider services, WriteTarget t)
    {
        var ct = CancellationToken.None;
        var eks = services.GetRequiredService<IEksApi>();
        var iam = services.GetRequiredService<IIamApi>();
        await eks.UpdateAddonPodIdentityAsync(t.Scope, t.Cluster, t.Addon, [], ct);
        if (!t.HasAgent)
            await eks.CreateAddonAsync(t.Scope, t.Cluster, "eks-pod-identity-agent", ct);
        else
            await Assert.ThrowsAsync<AwsApiException>(() => eks.CreateAddonAsync(t.Scope, t.Cluster, "eks-pod-identity-agent", ct));
        await iam.UpdateAssumeRolePolicyAsync(t.Scope.AccountId, t.RoleName, t.TrustPolicy, ct);

        var created = await eks.CreatePodIdentityAssociationAsync(t.Scope, new CreateAssociationRequest
        {
            ClusterName = t.Cluster, Namespace = "least-privilege", ServiceAccount = "probe", RoleArn = t.RoleArn,
        }, ct);
        await eks.UpdatePodIdentityAssociationAsync(t.Scope, t.Cluster, created.AssociationId, t.RoleArn, null, null, ct);
        await eks.DeletePodIdentityAssociationAsync(t.Scope, t.Cluster, created.AssociationId, ct);
    }

    private static async Task<(AwsScope Scope, string Cluster)> FirstClusterWithAssociationsAsync(IEksApi eks, IReadOnlyList<AccountScope> scopes)
    {
        foreach (var account in scopes)
            foreach (var region in account.Regions)
            {
                var scope = new AwsScope(account.AccountId, region);
                foreach (var cluster in await eks.ListClustersAsync(scope, CancellationToken.None))
                    if ((await eks.ListPodIdentityAssociationsAsync(scope, cluster, null, null, CancellationToken.None)).Count > 0)
                        return (scope, cluster);
            }
        throw new InvalidOperationException("the generated estate has no cluster with a Pod Identity association");
    }

    private static async Task ExerciseKubernetesPortAsync(IServiceProvider services)
    {
        var ct = CancellationToken.None;
        var eks = services.GetRequiredService<IEksApi>();
        var account = services.GetRequiredService<IAccountScopes>().GetScopes()[0];
        var scope = new AwsScope(account.AccountId, account.Regions[0]);
        var name = (await eks.ListClustersAsync(scope, ct))[0];
        var description = await eks.DescribeClusterAsync(scope, name, ct);
        await using var session = await services.GetRequiredService<IKubernetesEstate>()
            .ConnectAsync(new ClusterRef(account.AccountId, scope.Region, name), description, ct);

        Assert.NotEmpty(await session.ListNodesAsync(ct));
        var serviceAccounts = await session.ListServiceAccountsAsync(ct);
        var sa = serviceAccounts.First(s => s.RoleArn is not null);
        Assert.NotNull(await session.GetServiceAccountAsync(sa.Namespace, sa.Name, ct));
        await session.PatchServiceAccountAnnotationsAsync(sa.Namespace, sa.Name, new Dictionary<string, string?> { ["eks.amazonaws.com/token-expiration"] = null }, ct);
        await session.ListPodsAsync(null, null, ct);
        var workloads = await session.ListWorkloadsAsync(ct);
        foreach (var kind in new[] { WorkloadKind.Deployment, WorkloadKind.StatefulSet, WorkloadKind.DaemonSet })
        {
            var workload = workloads.FirstOrDefault(w => w.Kind == kind);
            if (workload is null) continue;
            await session.RestartWorkloadAsync(kind, workload.Namespace, workload.Name, DateTimeOffset.UtcNow, ct);
            await session.GetRolloutStatusAsync(kind, workload.Namespace, workload.Name, ct);
        }
    }
}
