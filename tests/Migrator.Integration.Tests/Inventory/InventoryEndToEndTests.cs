using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Migrator.Cli;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Drift;
using Migrator.Core.Trust;
using Migrator.Sandbox;
using Migrator.Storage;
using Migrator.Storage.Inventory;

namespace Migrator.Integration.Tests.Inventory;

/// <summary>`migrator inventory` through the real AWS and Kubernetes adapters against a generated sandbox estate.</summary>
public sealed class InventoryEndToEndTests
{
    private static readonly GeneratorOptions Small = new() { Clusters = 6, ServiceAccounts = 60, Seed = 11 };

    private static async Task<InventorySnapshot> Load(SandboxInventory sandbox, long? runId = null)
    {
        using var factory = new SqliteConnectionFactory(sandbox.Db, new SchemaMigrator(), new FakeTimeProvider());
        return (await new SqliteInventoryStore(factory).LoadSnapshotAsync(runId, CancellationToken.None))!;
    }

    [Fact]
    public async Task Inventory_finds_exactly_what_the_estate_defines_and_fetches_each_role_once()
    {
        await using var sandbox = await SandboxInventory.StartAsync(Small);
        var truth = sandbox.Server.State.Snapshot();
        sandbox.Server.Counters.Reset();

        var (code, output, error) = await sandbox.RunAsync("inventory");

        Assert.True(code == ExitCodes.Ok, $"exit {code}\n{output}\n{error}");
        Assert.Contains("run 1: complete", output, StringComparison.Ordinal);
        Assert.Contains($"clusters {truth.Clusters.Count}/{truth.Clusters.Count}", output, StringComparison.Ordinal);
        var s = await Load(sandbox);
        Assert.Equal(RunStatus.Complete, s.Status);
        Assert.Empty(s.Errors);
        // The generated estate has every situation in it, so none of the comparisons below is vacuous.
        Assert.True(s.IrsaBindings.Count() >= 40 && s.Associations.Count > 0 && s.OidcProviders.Count > 0, $"{s.IrsaBindings.Count()} bindings");
        Assert.Contains(s.Addons, a => a.Name == "vpc-cni" && a.OwnedServiceAccounts.Contains("kube-system/aws-node") && s.Roles.Any(r => r.Arn == a.ServiceAccountRoleArn));
        Assert.Contains(s.ServiceAccounts, sa => sa.RoleArn is not null && !IamRoleArn.TryParse(sa.RoleArn, out _));
        Assert.Contains(s.Roles, r => !r.Exists);
        Assert.Superset(new HashSet<Placement> { Placement.Ec2Linux, Placement.Windows, Placement.Fargate }, s.Pods.Select(p => p.Placement).ToHashSet());

        Assert.Equal(truth.Clusters.Select(c => c.Key).Order(StringComparer.Ordinal), s.Clusters.Select(c => c.Ref.Key));
        foreach (var c in truth.Clusters)
        {
            var row = s.Clusters.Single(r => r.Ref.Key == c.Key);
            Assert.Equal((c.KubernetesVersion, c.PlatformVersion, c.AutoMode), (row.KubernetesVersion, row.PlatformVersion, row.AutoMode));
            Assert.Equal(c.FindAddon(Addon.PodIdentityAgent)?.Status, row.PodIdentityAgentStatus);
            Assert.Equal(c.PodIdentityAssociations.Count, row.AssociationCount);
        }

        // Every IRSA binding, with every eks.amazonaws.com annotation as found.
        Assert.Equal(
            Sorted(truth.Clusters.SelectMany(c => c.ServiceAccounts.Where(sa => sa.RoleArn is not null).Select(sa =>
                $"{c.Key}/{sa.Namespace}/{sa.Name} {Eks(sa.Annotations)}"))),
            Sorted(s.IrsaBindings.Select(b => $"{b.Cluster.Key}/{b.Namespace}/{b.Name} {Eks(b.Annotations)}")));

        // Every pod, placed by its node.
        Assert.Equal(
            Sorted(truth.Clusters.SelectMany(c => c.Pods.Select(p => $"{c.Key}/{p.Namespace}/{p.Name} {p.ServiceAccountName} {PlacementOf(c, p)}"))),
            Sorted(s.Pods.Select(p => $"{p.Cluster.Key}/{p.Namespace}/{p.Name} {p.ServiceAccountName} {p.Placement}")));

        // Every association, with its role and owner.
        Assert.Equal(
            Sorted(truth.Clusters.SelectMany(c => c.PodIdentityAssociations.Select(a => $"{c.Key} {a.AssociationId} {a.Namespace}/{a.ServiceAccount} {a.RoleArn} {a.TargetRoleArn} {a.OwnerArn}"))),
            Sorted(s.Associations.Select(a => $"{a.Cluster.Key} {a.AssociationId} {a.Namespace}/{a.ServiceAccount} {a.RoleArn} {a.TargetRoleArn} {a.OwnerArn}")));

        // Every referenced role (well-formed ARNs only), and every node role (for the eks-auth check), as IAM holds it.
        var referenced = truth.Clusters.SelectMany(c =>
                c.ServiceAccounts.Select(sa => sa.RoleArn)
                    .Concat(c.PodIdentityAssociations.SelectMany(a => new[] { a.RoleArn, a.TargetRoleArn }))
                    .Concat(c.Addons.Select(a => a.ServiceAccountRoleArn))
                    .Concat(c.Nodegroups.Select(n => n.NodeRoleArn)))
            .Where(arn => IamRoleArn.TryParse(arn, out _))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var nodeRoles = truth.Clusters.SelectMany(c => c.Nodegroups.Select(n => n.NodeRoleArn)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        // Stored a part per account (each by ARN), then the roles only other accounts' clusters asked for.
        Assert.Equal(Sorted(referenced), Sorted(s.Roles.Select(r => r.Arn)));
        foreach (var role in s.Roles)
        {
            var expected = truth.FindRole(role.Arn);
            Assert.Equal(expected is not null, role.Exists);
            Assert.Null(role.LookupError);
            if (expected is null) continue;
            Assert.True(PolicyDocument.SameValue(expected.TrustPolicy, role.TrustPolicy), role.Arn);
            // Attached policies are listed for node roles only; a binding's role is read with GetRole alone.
            Assert.Equal(nodeRoles.Contains(role.Arn) ? expected.AttachedPolicies.Order(StringComparer.Ordinal).ToList() : new List<string>(), role.AttachedPolicies.Order(StringComparer.Ordinal));
            Assert.Equal(expected.Tags.OrderBy(t => t.Key, StringComparer.Ordinal), role.Tags.OrderBy(t => t.Key, StringComparer.Ordinal));
        }

        // Every OIDC provider of every account.
        Assert.Equal(
            Sorted(truth.Accounts.SelectMany(a => a.OidcProviders.Select(p => $"{a.OidcProviderArn(p)} {OidcProvider.NormalizeUrl(p.Url)} {string.Join(",", p.ClientIds)}"))),
            Sorted(s.OidcProviders.Select(p => $"{p.Arn} {p.Url} {string.Join(",", p.ClientIds)}")));

        // Each unique role once, however many ServiceAccounts, associations and clusters name it.
        Assert.Equal(referenced.Count, sandbox.Server.Counters.Calls(SandboxService.Iam, "GetRole"));
        var bindingRoles = truth.Clusters.SelectMany(c => c.ServiceAccounts.Select(sa => sa.RoleArn)).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        Assert.True(bindingRoles < truth.Clusters.Sum(c => c.ServiceAccounts.Count(sa => sa.RoleArn is not null)), "the estate should share roles between bindings");
    }

    [Fact]
    public async Task A_rerun_diffs_to_zero_and_a_change_made_in_the_sandbox_shows_in_the_diff()
    {
        await using var sandbox = await SandboxInventory.StartAsync(Small);
        Assert.Equal(ExitCodes.Ok, (await sandbox.RunAsync("inventory", "--output", "json")).Code);
        Assert.Equal(ExitCodes.Ok, (await sandbox.RunAsync("inventory", "--output", "json")).Code);

        var (code, same, _) = await sandbox.RunAsync("runs", "diff", "--output", "json");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.True(JsonNode.Parse(same)!["isEmpty"]!.GetValue<bool>(), same);

        // Outside the tool: one binding moves to another role, and a referenced role's trust policy is edited.
        var (moved, movedRole, editedRole) = sandbox.Server.State.Write(e =>
        {
            var sa = e.Clusters.SelectMany(c => c.ServiceAccounts.Where(x => x.RoleArn is not null && IamRoleArn.TryParse(x.RoleArn, out _) && e.FindRole(x.RoleArn) is not null).Select(x => (c, x))).First();
            var other = e.Clusters.SelectMany(c => c.ServiceAccounts).Select(x => x.RoleArn).First(a => a is not null && a != sa.x.RoleArn && IamRoleArn.TryParse(a, out _) && e.FindRole(a) is not null)!;
            sa.x.Annotations[ServiceAccountRecord.RoleArnAnnotation] = other;
            var role = e.FindRole(other)!;
            var doc = JsonNode.Parse(role.TrustPolicy)!.AsObject();
            doc["Statement"]!.AsArray().Add(JsonNode.Parse("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":"sts:AssumeRole"}"""));
            role.TrustPolicy = doc.ToJsonString();
            return ($"{sa.c.Name}/{sa.x.Namespace}/{sa.x.Name}", other, other);
        });
        Assert.Equal(ExitCodes.Ok, (await sandbox.RunAsync("inventory", "--output", "json")).Code);

        var (diffCode, diffJson, _) = await sandbox.RunAsync("runs", "diff", "--output", "json");
        Assert.Equal(ExitCodes.Ok, diffCode);
        var drift = JsonNode.Parse(diffJson)!;
        Assert.Equal((2, 3), (drift["fromRunId"]!.GetValue<long>(), drift["toRunId"]!.GetValue<long>()));
        var changed = Assert.Single(drift["changedBindings"]!.AsArray());
        Assert.Equal(moved, changed!["key"]!["display"]!.GetValue<string>());
        Assert.Equal(movedRole, changed["currentRoleArn"]!.GetValue<string>());
        var trust = Assert.Single(drift["trustPolicies"]!.AsArray());
        Assert.Equal(editedRole, trust!["roleArn"]!.GetValue<string>());
        Assert.False(trust["byTool"]!.GetValue<bool>());
        Assert.Empty(drift["newBindings"]!.AsArray());
        Assert.Empty(drift["removedBindings"]!.AsArray());
        Assert.Empty(drift["associations"]!.AsArray());

        var (_, text, _) = await sandbox.RunAsync("runs", "diff");
        Assert.Contains("changed IRSA bindings (1):", text, StringComparison.Ordinal);
        Assert.Contains("trust policies changed (1):", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_whose_access_is_refused_is_recorded_and_the_run_is_partial()
    {
        await using var sandbox = await SandboxInventory.StartAsync(Small);
        var truth = sandbox.Server.State.Snapshot();
        var broken = truth.Clusters.First(c => c.ServiceAccounts.Any(sa => sa.RoleArn is not null));
        // That cluster is reached through a kubeconfig whose token the API server does not accept (access revoked).
        var kubeconfig = Path.Combine(Path.GetDirectoryName(sandbox.Db)!, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: broken
              cluster:
                server: {sandbox.Server.Endpoints.ClusterUrl(broken)}
            users:
            - name: revoked
              user:
                token: revoked-token
            contexts:
            - name: broken
              context:
                cluster: broken
                user: revoked
            current-context: broken
            """);
        sandbox.WriteConfig(new JsonObject
        {
            ["Kubeconfig"] = kubeconfig,
            ["Contexts"] = new JsonArray(new JsonObject { ["Name"] = "broken", ["Cluster"] = broken.Key }),
            ["MaxRetries"] = 0,
        });

        var (code, output, error) = await sandbox.RunAsync("inventory");

        Assert.True(code == ExitCodes.Partial, $"exit {code}\n{output}\n{error}");
        Assert.Contains("run 1: partial", output, StringComparison.Ordinal);
        Assert.Contains($"cluster {broken.Key}:", output, StringComparison.Ordinal);
        var s = await Load(sandbox);
        Assert.Equal(RunStatus.Partial, s.Status);
        var error1 = Assert.Single(s.Errors);
        Assert.Equal(("cluster", broken.Key), (error1.Scope, error1.Target));
        Assert.Contains("Unauthorized", error1.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(truth.Clusters.Count, s.Clusters.Count);
        Assert.NotNull(s.Clusters.Single(c => c.Ref.Key == broken.Key).CollectionError);
        Assert.DoesNotContain(s.ServiceAccounts, sa => sa.Cluster.Key == broken.Key);
        Assert.Equal(
            truth.Clusters.Where(c => c.Key != broken.Key).Sum(c => c.ServiceAccounts.Count(sa => sa.RoleArn is not null)),
            s.IrsaBindings.Count());
    }

    private static List<string> Sorted(IEnumerable<string> items) => [.. items.Order(StringComparer.Ordinal)];

    private static string Eks(IReadOnlyDictionary<string, string> annotations) =>
        string.Join(";", annotations.Where(a => a.Key.StartsWith("eks.amazonaws.com/", StringComparison.Ordinal)).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));

    private static Placement PlacementOf(Cluster cluster, Pod pod)
    {
        if (pod.NodeName is null || cluster.FindNode(pod.NodeName) is not { } node) return Placement.Unknown;
        return node.ComputeType switch
        {
            ComputeType.Fargate => Placement.Fargate,
            ComputeType.Hybrid => Placement.Hybrid,
            ComputeType.Auto => Placement.AutoMode,
            _ => node.Os == NodeOs.Windows ? Placement.Windows : Placement.Ec2Linux,
        };
    }
}
