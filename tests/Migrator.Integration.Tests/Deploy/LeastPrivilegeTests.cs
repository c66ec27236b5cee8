using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;
using Migrator.Integration.Tests.Hosting;

namespace Migrator.Integration.Tests.Deploy;

/// <summary>
/// deploy/iam-policy.json and deploy/target-cluster-rbac.yaml grant exactly what the clients call: every operation of
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

    [Fact]
    public async Task Iam_policy_grants_exactly_the_aws_operations_the_clients_call()
    {
        await using var host = await SandboxHost.StartAsync();
        await ExerciseAwsPortsAsync(host.Services);
        var counted = host.Sandbox.Counters.Snapshot().Calls
            .Where(kv => kv.Key is "eks" or "iam" or "sts" or "cloudtrail")
            .SelectMany(kv => kv.Value.Keys.Select(op => $"{kv.Key}:{op}"))
            .ToHashSet(StringComparer.Ordinal);

        var granted = PolicyActions(File.ReadAllText(RepoFile("deploy/iam-policy.json")));

        var missing = counted.Except(granted).Order().ToList();
        Assert.True(missing.Count == 0, $"deploy/iam-policy.json lacks actions the clients call: {string.Join(", ", missing)}");
        // iam:PassRole authorises CreatePodIdentityAssociation; GetCallerIdentity is called when an account has no RoleArn.
        var unused = granted.Except(counted).Except(["iam:PassRole", "sts:GetCallerIdentity"]).Order().ToList();
        Assert.True(unused.Count == 0, $"deploy/iam-policy.json grants actions no client calls: {string.Join(", ", unused)}");
    }

    [Fact]
    public async Task Cluster_role_grants_exactly_the_kubernetes_verbs_the_adapter_uses()
    {
        await using var host = await SandboxHost.StartAsync();
        await ExerciseKubernetesPortAsync(host.Services);
        var counted = host.Sandbox.Counters.Snapshot().Calls.TryGetValue("kubernetes", out var ops)
            ? ops.Keys.Where(k => k.Contains(' ', StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal)
            : [];

        var granted = ClusterRoleGrants(File.ReadAllText(RepoFile("deploy/target-cluster-rbac.yaml")));

        var missing = counted.Except(granted).Order().ToList();
        Assert.True(missing.Count == 0, $"deploy/target-cluster-rbac.yaml lacks verbs the adapter uses: {string.Join(", ", missing)}");
        var unused = granted.Except(counted).Order().ToList();
        Assert.True(unused.Count == 0, $"deploy/target-cluster-rbac.yaml grants verbs the adapter never uses: {string.Join(", ", unused)}");
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

    private static async Task ExerciseAwsPortsAsync(IServiceProvider services)
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
        await eks.UpdateAddonPodIdentityAsync(scope, cluster, addons[0], [], ct);
        if (!addons.Contains("eks-pod-identity-agent"))
            await eks.CreateAddonAsync(scope, cluster, "eks-pod-identity-agent", ct);
        else
            await Assert.ThrowsAsync<AwsApiException>(() => eks.CreateAddonAsync(scope, cluster, "eks-pod-identity-agent", ct));

        var associations = await eks.ListPodIdentityAssociationsAsync(scope, cluster, null, null, ct);
        var existing = await eks.DescribePodIdentityAssociationAsync(scope, cluster, associations[0].AssociationId, ct);
        var roleName = existing.RoleArn[(existing.RoleArn.LastIndexOf('/') + 1)..];
        var role = await iam.GetRoleAsync(scope.AccountId, roleName, ct);
        Assert.NotNull(role);
        await iam.ListRoleTagsAsync(scope.AccountId, roleName, ct);
        await iam.ListAttachedRolePolicyNamesAsync(scope.AccountId, roleName, ct);
        await iam.UpdateAssumeRolePolicyAsync(scope.AccountId, roleName, role!.TrustPolicy, ct);

        var created = await eks.CreatePodIdentityAssociationAsync(scope, new CreateAssociationRequest
        {
            ClusterName = cluster, Namespace = "least-privilege", ServiceAccount = "probe", RoleArn = existing.RoleArn,
        }, ct);
        await eks.UpdatePodIdentityAssociationAsync(scope, cluster, created.AssociationId, existing.RoleArn, null, null, ct);
        await eks.DeletePodIdentityAssociationAsync(scope, cluster, created.AssociationId, ct);

        var cloudTrail = services.GetRequiredService<ICredentialUseEvents>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var kind in Enum.GetValues<Core.Evidence.CredentialUseKind>())
            Assert.NotNull(await cloudTrail.LookupAsync(scope, kind, now.AddDays(-1), now, ct));
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
