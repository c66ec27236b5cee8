using Microsoft.Extensions.Time.Testing;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Collection;
using Migrator.Core.Ports;

namespace Migrator.Core.Tests.Inventory;

public sealed class InventoryCollectorTests
{
    private const string A = "111111111111";
    private const string B = "222222222222";
    private static readonly string SharedRole = $"arn:aws:iam::{A}:role/shared";
    private static readonly string PathRole = $"arn:aws:iam::{A}:role/team/apps/reader";

    private readonly FakeEstate _estate = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    private Task<InventorySnapshot> Collect(IReadOnlyList<AccountScope>? accounts = null, IReadOnlyList<string>? clusters = null, IProgress<InventoryProgress>? progress = null, int parallel = 8) =>
        new InventoryCollector(_estate, _estate, _estate, _time).CollectAsync(
            new InventoryRequest
            {
                Accounts = accounts ?? [new AccountScope(A, ["us-east-1", "eu-west-1"]), new AccountScope(B, ["us-east-1"])],
                ClusterNames = clusters ?? [],
                MaxParallelClusters = parallel,
            },
            progress,
            CancellationToken.None);

    [Fact]
    public async Task Records_the_owners_of_roles_and_service_accounts_by_the_configured_rules()
    {
        var terraformRole = $"arn:aws:iam::{A}:role/tf";
        _estate.AddRole(SharedRole, tags: new() { ["aws:cloudformation:stack-name"] = "iam-payments" });
        _estate.AddRole(terraformRole, tags: new() { ["managed-by"] = "terraform" });
        var prod = _estate.Add(A, "us-east-1", "prod").Sa("payments", "api", SharedRole).Sa("payments", "tf", terraformRole).Sa("payments", "plain-irsa", terraformRole);
        prod.ServiceAccounts[0] = prod.ServiceAccounts[0] with { OtherAnnotations = new Dictionary<string, string> { ["meta.helm.sh/release-name"] = "payments" } };
        prod.ServiceAccounts[1] = prod.ServiceAccounts[1] with { Labels = new Dictionary<string, string> { ["kustomize.toolkit.fluxcd.io/name"] = "apps" } };

        var s = await new InventoryCollector(_estate, _estate, _estate, _time).CollectAsync(new InventoryRequest
        {
            Accounts = [new AccountScope(A, ["us-east-1"])],
            Ownership = new Core.Ownership.OwnershipSettings { TerraformTags = new() { ["managed-by"] = "terraform" } },
        }, null, CancellationToken.None);

        Assert.Equal("CloudFormation stack iam-payments", s.Roles.Single(r => r.Arn == SharedRole).Owner?.Display);
        Assert.Equal("Terraform", s.Roles.Single(r => r.Arn == terraformRole).Owner?.Display);
        Assert.Equal("Helm release payments", s.ServiceAccounts.Single(x => x.Name == "api").Owner?.Display);
        Assert.Equal("Flux object apps", s.ServiceAccounts.Single(x => x.Name == "tf").Owner?.Display);
        Assert.Null(s.ServiceAccounts.Single(x => x.Name == "plain-irsa").Owner);
    }

    [Fact]
    public async Task Collects_clusters_bindings_pods_associations_roles_and_providers()
    {
        _estate.AddRole(SharedRole, policies: ["S3Read"], tags: new() { ["team"] = "payments" });
        _estate.AddRole($"arn:aws:iam::{A}:role/node", policies: ["AmazonEKSWorkerNodePolicy"]);
        _estate.Providers[A] = [new OidcProviderDescription { Arn = $"arn:aws:iam::{A}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/PROD", Url = "oidc.eks.us-east-1.amazonaws.com/id/PROD", ClientIds = ["sts.amazonaws.com"] }];
        var prod = _estate.Add(A, "us-east-1", "prod")
            .Node("n1")
            .Sa("payments", "api", SharedRole, new() { [ServiceAccountRecord.AudienceAnnotation] = "sts.amazonaws.com", ["other.io/x"] = "y" })
            .Sa("payments", "plain")
            .Pod("payments", "api-1", "api", "n1")
            .Association("a-1", "billing", "worker", SharedRole);
        prod.Sa("billing", "worker");
        prod.Nodegroups.Add(new NodegroupDescription("ng", $"arn:aws:iam::{A}:role/node", "AL2023_x86_64_STANDARD", "ON_DEMAND", new Dictionary<string, string>()));
        prod.FargateProfiles.Add(new FargateProfileDescription("fp", ["batch"]));

        var s = await Collect();

        Assert.Equal(RunStatus.Complete, s.Status);
        Assert.Empty(s.Errors);
        var cluster = Assert.Single(s.Clusters);
        Assert.Equal(new ClusterRef(A, "us-east-1", "prod"), cluster.Ref);
        Assert.Equal("1.31", cluster.KubernetesVersion);
        Assert.Equal("https://oidc.eks.us-east-1.amazonaws.com/id/PROD", cluster.OidcIssuer);
        Assert.Equal(1, cluster.AssociationCount);
        Assert.Equal([$"arn:aws:iam::{A}:role/node"], cluster.NodeRoleArns);
        Assert.Equal(["fp"], cluster.FargateProfiles);
        // The annotated SA and the SA named by the association; the plain SA is not part of the migration.
        Assert.Equal(["billing/worker", "payments/api"], s.ServiceAccounts.Select(x => $"{x.Namespace}/{x.Name}"));
        var api = s.ServiceAccounts.Single(x => x.Name == "api");
        Assert.Equal(SharedRole, api.RoleArn);
        Assert.False(api.Annotations.ContainsKey("other.io/x"));
        Assert.Equal("sts.amazonaws.com", api.Annotations[ServiceAccountRecord.AudienceAnnotation]);
        var association = Assert.Single(s.Associations);
        Assert.Equal(SharedRole, association.RoleArn);
        Assert.Null(association.OwnerArn);
        Assert.Single(s.Pods);
        // The binding's role comes from GetRole alone (trust policy and tags); attached policies are listed only for
        // node roles, which the prerequisite check needs.
        Assert.Equal([$"arn:aws:iam::{A}:role/node", SharedRole], s.Roles.Select(r => r.Arn));
        var role = s.Roles.Single(r => r.Arn == SharedRole);
        Assert.Empty(role.AttachedPolicies);
        Assert.Equal("payments", role.Tags["team"]);
        Assert.True(role.Exists);
        Assert.Equal(["AmazonEKSWorkerNodePolicy"], s.Roles.Single(r => r.Arn.EndsWith("/node", StringComparison.Ordinal)).AttachedPolicies);
        Assert.Equal(1, _estate.CallsTo("ListAttachedRolePolicies"));
        Assert.Equal(0, _estate.CallsTo("ListRoleTags"));
        Assert.Single(s.OidcProviders);
        Assert.Equal(_time.GetUtcNow(), s.StartedAt);
    }

    [Fact]
    public async Task Each_unique_role_is_fetched_once_per_run()
    {
        _estate.AddRole(SharedRole);
        _estate.AddRole(PathRole);
        foreach (var name in new[] { "c1", "c2", "c3" })
        {
            _estate.Add(A, "us-east-1", name)
                .Sa("ns", "a", SharedRole)
                .Sa("ns", "b", SharedRole)
                .Sa("ns", "c", PathRole)
                .Association($"{name}-x", "ns", "d", SharedRole);
        }

        var s = await Collect();

        Assert.Equal(2, _estate.CallsTo("GetRole"));
        Assert.Equal(1, _estate.CallsTo($"GetRole {A}/shared"));
        // A role with a path is looked up by its name; its path is kept.
        Assert.Equal(1, _estate.CallsTo($"GetRole {A}/reader"));
        Assert.Equal("/team/apps/", s.Roles.Single(r => r.Arn == PathRole).Path);
        Assert.Equal(2, s.Roles.Count);
    }

    [Fact]
    public async Task Malformed_annotation_is_kept_as_found_and_not_fetched()
    {
        _estate.Add(A, "us-east-1", "prod").Sa("ns", "typo", "arn:aws:iam:111111111111:role/missing-colon").Sa("ns", "name-only", "reader");

        var s = await Collect();

        Assert.Equal(0, _estate.CallsTo("GetRole"));
        Assert.Empty(s.Roles);
        Assert.Equal(["arn:aws:iam:111111111111:role/missing-colon", "reader"], s.ServiceAccounts.Select(x => x.RoleArn).Order(StringComparer.Ordinal));
        Assert.Equal(RunStatus.Complete, s.Status);
    }

    [Fact]
    public async Task Missing_role_is_recorded_as_not_existing()
    {
        _estate.Add(A, "us-east-1", "prod").Sa("ns", "gone", $"arn:aws:iam::{A}:role/deleted");

        var s = await Collect();

        var role = Assert.Single(s.Roles);
        Assert.False(role.Exists);
        Assert.Null(role.LookupError);
        Assert.Equal(RunStatus.Complete, s.Status);
    }

    [Fact]
    public async Task Failed_cluster_is_recorded_and_the_run_completes_partial()
    {
        _estate.AddRole(SharedRole);
        _estate.Add(A, "us-east-1", "good").Node("n1").Sa("ns", "a", SharedRole).Pod("ns", "p", "a", "n1");
        var bad = _estate.Add(A, "us-east-1", "bad").Node("n1").Sa("ns", "b", SharedRole).Pod("ns", "p", "b", "n1");
        bad.FailOn = "ListWorkloadsAndPods";
        bad.Failure = new HttpRequestException("Response status code does not indicate success: 403 (Forbidden).");
        var slow = _estate.Add(B, "us-east-1", "slow");
        slow.FailOn = "Connect";
        slow.Failure = new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.");

        var s = await Collect();

        Assert.Equal(RunStatus.Partial, s.Status);
        Assert.Equal(3, s.Clusters.Count);
        var badRow = s.Clusters.Single(c => c.Ref.Name == "bad");
        Assert.Contains("ListWorkloadsAndPods", badRow.CollectionError);
        Assert.Equal("1.31", badRow.KubernetesVersion);
        Assert.Contains("timed out", s.Clusters.Single(c => c.Ref.Name == "slow").CollectionError);
        Assert.Null(s.Clusters.Single(c => c.Ref.Name == "good").CollectionError);
        // Nothing half-read from the failed clusters.
        Assert.All(s.ServiceAccounts, x => Assert.Equal("good", x.Cluster.Name));
        Assert.All(s.Pods, x => Assert.Equal("good", x.Cluster.Name));
        Assert.Equal(2, s.Errors.Count);
        var error = s.Errors.Single(e => e.Target == $"{A}/us-east-1/bad");
        Assert.Equal(("cluster", "ListWorkloadsAndPods"), (error.Scope, error.Operation));
        Assert.Contains("403", error.Message);
    }

    [Fact]
    public async Task A_clusters_Kubernetes_reads_do_not_wait_for_its_association_describes()
    {
        // The describes wait until the cluster's ServiceAccounts are listed. Read one after the other (EKS first, as
        // before), the list never comes while the describes wait: the gate gives up and the test fails.
        _estate.AddRole(SharedRole);
        var prod = _estate.Add(A, "us-east-1", "prod").Node("n1").Sa("payments", "api").Association("a-1", "payments", "api", SharedRole);
        var listedFirst = prod.ServiceAccountsListed.Task.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);
        prod.AssociationDescribeGate = listedFirst;

        var s = await Collect([new AccountScope(A, ["us-east-1"])]);

        Assert.True(await listedFirst, "the ServiceAccounts were listed only after the associations were described");
        Assert.Equal(RunStatus.Complete, s.Status);
        Assert.Equal(SharedRole, Assert.Single(s.Associations).RoleArn);
        Assert.Equal("api", Assert.Single(s.ServiceAccounts).Name);
    }

    [Fact]
    public async Task An_EKS_step_failing_while_the_Kubernetes_reads_run_is_recorded_as_itself_and_nothing_of_the_cluster_is_kept()
    {
        _estate.AddRole(SharedRole);
        var bad = _estate.Add(A, "us-east-1", "bad").Node("n1").Sa("ns", "b", SharedRole).Pod("ns", "p", "b", "n1").Association("a-1", "ns", "other", SharedRole);
        bad.FailOn = "ListPodIdentityAssociations";
        // The Kubernetes side is still waiting when the EKS step fails: its cancellation must not be what is reported.
        bad.ServiceAccountsGate = new TaskCompletionSource().Task;

        var s = await Collect([new AccountScope(A, ["us-east-1"])]);

        Assert.Equal(RunStatus.Failed, s.Status);
        var error = Assert.Single(s.Errors);
        Assert.Equal(("cluster", "ListPodIdentityAssociations"), (error.Scope, error.Operation));
        Assert.Contains("AccessDeniedException", error.Message);
        Assert.StartsWith("ListPodIdentityAssociations: ", Assert.Single(s.Clusters).CollectionError);
        Assert.Empty(s.ServiceAccounts);
        Assert.Empty(s.Pods);
        Assert.Empty(s.Associations);
    }

    [Fact]
    public async Task Aws_error_is_recorded_with_its_code()
    {
        var bad = _estate.Add(A, "us-east-1", "bad");
        bad.FailOn = "DescribeCluster";
        bad.Failure = new AwsApiException("eks", "DescribeCluster", 400, "ThrottlingException", "Rate exceeded");
        _estate.Add(A, "us-east-1", "good");

        var s = await Collect();

        Assert.Equal(RunStatus.Partial, s.Status);
        var error = Assert.Single(s.Errors);
        Assert.Equal("DescribeCluster", error.Operation);
        Assert.Contains("ThrottlingException", error.Message);
    }

    [Fact]
    public async Task Every_cluster_failing_makes_the_run_failed()
    {
        _estate.Add(A, "us-east-1", "bad").FailOn = "Connect";

        var s = await Collect();

        Assert.Equal(RunStatus.Failed, s.Status);
    }

    [Fact]
    public async Task Denied_role_and_account_are_recorded_and_the_run_goes_on()
    {
        _estate.AddRole(SharedRole);
        _estate.Add(A, "us-east-1", "prod").Sa("ns", "a", SharedRole).Sa("ns", "b", $"arn:aws:iam::{B}:role/cross");
        _estate.DeniedRoles.Add($"{B}/cross");
        _estate.DeniedAccounts.Add(B);
        _estate.FailingRegions.Add(new AwsScope(A, "eu-west-1"));

        var s = await Collect();

        Assert.Equal(RunStatus.Partial, s.Status);
        Assert.Contains("AccessDenied", s.Roles.Single(r => r.AccountId == B).LookupError);
        Assert.Null(s.Roles.Single(r => r.AccountId == A).LookupError);
        Assert.Equal(
            [("account", B, "ListOpenIDConnectProviders"), ("region", $"{A}/eu-west-1", "ListClusters"), ("role", $"arn:aws:iam::{B}:role/cross", "GetRole")],
            s.Errors.Select(e => (e.Scope, e.Target, e.Operation)));
        Assert.Single(s.Clusters);
    }

    [Fact]
    public async Task Oidc_providers_are_listed_once_per_account()
    {
        _estate.Add(A, "us-east-1", "one");
        _estate.Add(A, "eu-west-1", "two");

        await Collect(accounts: [new AccountScope(A, ["us-east-1", "eu-west-1"]), new AccountScope(A, ["us-east-1"])]);

        Assert.Equal(1, _estate.CallsTo($"ListOidcProviders {A}"));
        Assert.Equal(2, _estate.CallsTo("ListClusters"));
    }

    [Fact]
    public async Task Addon_owned_associations_are_marked_and_addon_service_accounts_listed()
    {
        var c = _estate.Add(A, "us-east-1", "prod");
        var ebsArn = $"arn:aws:eks:us-east-1:{A}:addon/prod/aws-ebs-csi-driver/1";
        var cniArn = $"arn:aws:eks:us-east-1:{A}:addon/prod/vpc-cni/2";
        c.Association("ebs", "kube-system", "ebs-csi-controller-sa", $"arn:aws:iam::{A}:role/ebs", ownerArn: ebsArn)
         .Association("cni", "kube-system", "aws-node", $"arn:aws:iam::{A}:role/cni")
         .Association("app", "shop", "cart", $"arn:aws:iam::{A}:role/cart");
        c.Addons.Add(new AddonDescription { Name = "aws-ebs-csi-driver", Arn = ebsArn, Version = "v1.35.0-eksbuild.1", Status = "ACTIVE" });
        // Only the add-on lists this association as its own.
        c.Addons.Add(new AddonDescription { Name = "vpc-cni", Arn = cniArn, Status = "ACTIVE", PodIdentityAssociationArns = [$"arn:aws:eks:us-east-1:{A}:podidentityassociation/prod/cni"] });
        c.Addons.Add(new AddonDescription { Name = "eks-pod-identity-agent", Arn = "x", Version = "v1.3.4-eksbuild.1", Status = "ACTIVE" });
        c.Addons.Add(new AddonDescription { Name = "aws-efs-csi-driver", Arn = "y", Status = "ACTIVE", ServiceAccountRoleArn = $"arn:aws:iam::{A}:role/efs" });

        var s = await Collect();

        Assert.Equal(ebsArn, s.Associations.Single(a => a.AssociationId == "ebs").OwnerArn);
        Assert.Equal(cniArn, s.Associations.Single(a => a.AssociationId == "cni").OwnerArn);
        Assert.Null(s.Associations.Single(a => a.AssociationId == "app").OwnerArn);
        Assert.Equal(["kube-system/ebs-csi-controller-sa"], s.Addons.Single(a => a.Name == "aws-ebs-csi-driver").OwnedServiceAccounts);
        Assert.Equal(["kube-system/aws-node"], s.Addons.Single(a => a.Name == "vpc-cni").OwnedServiceAccounts);
        Assert.Equal(["kube-system/efs-csi-controller-sa"], s.Addons.Single(a => a.Name == "aws-efs-csi-driver").OwnedServiceAccounts);
        var cluster = Assert.Single(s.Clusters);
        Assert.Equal(("ACTIVE", "v1.3.4-eksbuild.1"), (cluster.PodIdentityAgentStatus, cluster.PodIdentityAgentVersion));
        // Add-on IRSA roles are fetched with the rest.
        Assert.Contains(s.Roles, r => r.Name == "efs");
        Assert.Equal(4, _estate.CallsTo("GetRole"));
    }

    [Fact]
    public async Task Pod_placement_comes_from_its_node()
    {
        _estate.Add(A, "us-east-1", "mixed")
            .Node("linux-1").Node("linux-2").Node("win-1", os: "windows").Node("fargate-ip-10-0-0-1", computeType: "fargate").Node("mi-1", computeType: "hybrid").Node("auto-1", computeType: "auto")
            .Pod("ns", "a", "sa", "linux-2").Pod("ns", "b", "sa", "win-1").Pod("ns", "c", "sa", "fargate-ip-10-0-0-1")
            .Pod("ns", "d", "sa", "mi-1").Pod("ns", "e", "sa", "auto-1").Pod("ns", "pending", "sa", null);

        var s = await Collect();

        Assert.Equal(
            [("a", Placement.Ec2Linux), ("b", Placement.Windows), ("c", Placement.Fargate), ("d", Placement.Hybrid), ("e", Placement.AutoMode), ("pending", Placement.Unknown)],
            s.Pods.Select(p => (p.Name, p.Placement)));
        var counts = Assert.Single(s.Clusters).NodeCounts;
        Assert.Equal(2, counts[Placement.Ec2Linux]);
        Assert.Equal(1, counts[Placement.Windows]);
        Assert.Equal(1, counts[Placement.Fargate]);
        Assert.Equal(1, counts[Placement.Hybrid]);
        Assert.Equal(1, counts[Placement.AutoMode]);
    }

    [Fact]
    public async Task Cluster_filter_keeps_named_clusters_only()
    {
        _estate.Add(A, "us-east-1", "prod");
        _estate.Add(A, "us-east-1", "dev");
        _estate.Add(B, "us-east-1", "prod");

        var s = await Collect(clusters: ["prod"]);

        Assert.Equal([$"{A}/us-east-1/prod", $"{B}/us-east-1/prod"], s.Clusters.Select(c => c.Ref.Key));
        Assert.Equal(2, _estate.CallsTo("DescribeCluster"));

        var byKey = await Collect(clusters: [$"{B}/us-east-1/prod"]);
        Assert.Equal([$"{B}/us-east-1/prod"], byKey.Clusters.Select(c => c.Ref.Key));
    }

    [Fact]
    public async Task Progress_reports_clusters_api_calls_and_errors()
    {
        _estate.Add(A, "us-east-1", "one");
        _estate.Add(A, "us-east-1", "two").FailOn = "Connect";
        var reports = new List<InventoryProgress>();

        await Collect(progress: new SyncProgress(reports));

        var last = reports[^1];
        Assert.Equal("done", last.Phase);
        Assert.Equal((2, 2, 1), (last.ClustersDone, last.ClustersTotal, last.Errors));
        // Every port call counts, opening a session (no API call of its own) aside.
        Assert.Equal(_estate.Calls.Where(c => !c.Key.Contains(' ', StringComparison.Ordinal) && c.Key != "Connect").Sum(c => c.Value), last.ApiCalls);
        Assert.Contains(reports, r => r.Phase == "collecting clusters" && r.ClustersDone == 1);
    }

    [Fact]
    public async Task Progress_counts_never_go_backwards()
    {
        for (var i = 0; i < 16; i++) _estate.Add(A, "us-east-1", $"c{i}").Node("n").Pod("ns", "p", "sa", "n");
        var reports = new List<InventoryProgress>();

        await Collect(progress: new SyncProgress(reports), parallel: 8);

        Assert.All(reports.Zip(reports.Skip(1)), pair =>
        {
            Assert.True(pair.Second.ClustersDone >= pair.First.ClustersDone, $"{pair.First} then {pair.Second}");
            Assert.True(pair.Second.ApiCalls >= pair.First.ApiCalls, $"{pair.First} then {pair.Second}");
        });
    }

    [Fact]
    public async Task Clusters_are_collected_with_bounded_parallelism()
    {
        for (var i = 0; i < 12; i++) _estate.Add(A, "us-east-1", $"c{i}");

        var s = await Collect(parallel: 2);

        Assert.Equal(12, s.Clusters.Count);
        Assert.InRange(_estate.MaxInFlight, 1, 2);
    }

    [Fact]
    public async Task Cancellation_stops_the_run()
    {
        _estate.Add(A, "us-east-1", "one");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new InventoryCollector(_estate, _estate, _estate, _time).CollectAsync(new InventoryRequest { Accounts = [new AccountScope(A, ["us-east-1"])] }, null, cts.Token));
    }

    private sealed class SyncProgress(List<InventoryProgress> reports) : IProgress<InventoryProgress>
    {
        public void Report(InventoryProgress value)
        {
            lock (reports) reports.Add(value);
        }
    }
}
