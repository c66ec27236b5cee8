using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Migrator.Aws;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;
using Migrator.Kubernetes;

namespace Migrator.Sandbox.Tests.Kubernetes;

/// <summary>
/// Our Kubernetes adapter end to end: cluster endpoint from DescribeCluster (our EKS client), an EKS
/// <c>k8s-aws-v1.</c> token minted in-process, KubernetesClient paging with limit 2, the records it maps.
/// </summary>
public sealed class KubernetesAdapterTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly ClusterRef Alpha = new(KubeEstate.Account, KubeEstate.Region, KubeEstate.ClusterName);

    [Fact]
    public async Task Lists_service_accounts_with_raw_eks_annotations_across_pages()
    {
        await using var server = await KubeEstate.StartAsync();
        await using var session = await ConnectAsync(server);

        var accounts = await session.ListServiceAccountsAsync(Ct);

        var expected = server.State.Read(e => e.Clusters[0].ServiceAccounts.Count);
        Assert.Equal(expected, accounts.Count);
        var api = Assert.Single(accounts, s => s.Namespace == "shop" && s.Name == "api");
        Assert.Equal(Alpha, api.Cluster);
        Assert.Equal(KubeEstate.ApiRole, api.RoleArn);
        Assert.Equal("true", api.Annotations[ServiceAccountRecord.StsRegionalEndpointsAnnotation]);
        Assert.All(api.Annotations.Keys, k => Assert.StartsWith("eks.amazonaws.com/", k, StringComparison.Ordinal));
        Assert.True(server.Counters.Calls(SandboxService.Kubernetes, "list serviceaccounts") >= expected / 2);
    }

    [Fact]
    public async Task Connects_over_https_trusting_the_ca_describe_cluster_returns()
    {
        await using var server = await KubeEstate.StartAsync(new SandboxOptions { KubernetesTls = true });
        var authority = server.Context.KubernetesCertificateAuthorityData;
        Assert.NotNull(authority);
        Assert.StartsWith("https://", server.Endpoints.KubernetesUrl, StringComparison.Ordinal);

        await using var session = await ConnectAsync(server, certificateAuthority: description => Assert.Equal(authority, description.CertificateAuthorityData));
        var accounts = await session.ListServiceAccountsAsync(Ct);

        Assert.Equal(server.State.Read(e => e.Clusters[0].ServiceAccounts.Count), accounts.Count);
        Assert.Contains(accounts, s => s.Namespace == "shop" && s.Name == "api" && s.RoleArn == KubeEstate.ApiRole);
    }

    [Fact]
    public async Task Lists_workloads_of_every_kind_with_images_placement_and_hard_coded_env()
    {
        await using var server = await KubeEstate.StartAsync();
        await using var session = await ConnectAsync(server);

        var workloads = await session.ListWorkloadsAsync(Ct);

        Assert.Equal(
            ["CronJob shop/report", "DaemonSet shop/agent", "Deployment serverless/fn", "Deployment shop/api", "Deployment shop/legacy-keys",
             "Deployment win/legacy", "Job shop/migrate", "Pod shop/debug", "StatefulSet shop/db"],
            workloads.Select(w => $"{w.Kind} {w.Namespace}/{w.Name}").Order(StringComparer.Ordinal));
        var api = workloads.Single(w => w.Name == "api");
        Assert.Equal(("api", 2, 2), (api.ServiceAccountName, api.Replicas, api.ReadyReplicas));
        Assert.Equal(["shop/api:1.4.2"], api.Images);
        Assert.Empty(api.HardCodedAwsEnv);
        Assert.Equal(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"], workloads.Single(w => w.Name == "legacy-keys").HardCodedAwsEnv);
        Assert.Equal(Placement.Windows, workloads.Single(w => w.Name == "legacy").TemplatePlacement);
        Assert.Empty(workloads.Single(w => w.Kind == WorkloadKind.Pod).HardCodedAwsEnv);
    }

    [Fact]
    public async Task The_inventory_read_lists_pods_and_jobs_once_and_gives_what_the_separate_calls_give()
    {
        await using var server = await KubeEstate.StartAsync();
        await using var session = await ConnectAsync(server);
        server.Counters.Reset();
        var workloads = await session.ListWorkloadsAsync(Ct);
        var pods = await session.ListPodsAsync(null, null, Ct);
        var (separatePods, separateJobs) = (server.Counters.Calls(SandboxService.Kubernetes, "list pods"), server.Counters.Calls(SandboxService.Kubernetes, "list jobs"));
        server.Counters.Reset();

        var both = await session.ListWorkloadsAndPodsAsync(Ct);

        Assert.Equal(workloads.Select(w => $"{w.Kind} {w.Namespace}/{w.Name}"), both.Workloads.Select(w => $"{w.Kind} {w.Namespace}/{w.Name}"));
        Assert.Equal(pods.Select(p => (p.Namespace, p.Name, p.OwnerKind, p.OwnerName, p.Placement)), both.Pods.Select(p => (p.Namespace, p.Name, p.OwnerKind, p.OwnerName, p.Placement)));
        Assert.True(separatePods > 0 && separateJobs > 0, $"the separate calls listed pods {separatePods} and jobs {separateJobs} times");
        Assert.Equal(separatePods / 2, server.Counters.Calls(SandboxService.Kubernetes, "list pods"));
        Assert.Equal(separateJobs / 2, server.Counters.Calls(SandboxService.Kubernetes, "list jobs"));
    }

    [Fact]
    public async Task Lists_pods_with_placement_owner_and_credential_mode()
    {
        await using var server = await KubeEstate.StartAsync();
        await using var session = await ConnectAsync(server);

        var pods = await session.ListPodsAsync(null, null, Ct);

        var api = pods.Where(p => p.OwnerName == "api").ToList();
        Assert.Equal(2, api.Count);
        Assert.All(api, p =>
        {
            Assert.Equal(WorkloadKind.Deployment, p.OwnerKind);
            Assert.Equal(Placement.Ec2Linux, p.Placement);
            Assert.Equal(CredentialMode.Irsa, p.CredentialMode);
            Assert.Equal(KubeEstate.ApiRole, p.InjectedRoleArn);
            Assert.False(p.PodIdentityLabel);
        });
        Assert.Equal(Placement.Fargate, pods.Single(p => p.Namespace == "serverless").Placement);
        Assert.Equal(Placement.Windows, pods.Single(p => p.Namespace == "win").Placement);
        Assert.Equal(CredentialMode.HardCoded, pods.Single(p => p.OwnerName == "legacy-keys").CredentialMode);
        Assert.All(pods.Where(p => p.OwnerName == "agent"), p => Assert.Equal((WorkloadKind.DaemonSet, CredentialMode.None), (p.OwnerKind!.Value, p.CredentialMode)));
        Assert.Equal(WorkloadKind.CronJob, pods.Single(p => p.ServiceAccountName == "worker" && p.OwnerName == "report").OwnerKind);
        Assert.Equal(WorkloadKind.Job, pods.Single(p => p.OwnerName == "migrate").OwnerKind);
        Assert.Equal((WorkloadKind.Pod, "debug"), (pods.Single(p => p.Name == "debug").OwnerKind!.Value, pods.Single(p => p.Name == "debug").OwnerName));
        Assert.Equal(2, pods.Count(p => p.OwnerKind == WorkloadKind.StatefulSet));

        var worker = await session.ListPodsAsync("shop", "worker", Ct);
        Assert.Equal(["db", "migrate", "report"], worker.Select(p => p.OwnerName!).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Patches_annotations_restarts_and_reports_pod_identity_after_the_rollout()
    {
        await using var server = await KubeEstate.StartAsync();
        await using var session = await ConnectAsync(server);

        var patched = await session.PatchServiceAccountAnnotationsAsync("shop", "api",
            new Dictionary<string, string?> { [ServiceAccountRecord.StsRegionalEndpointsAnnotation] = null, ["eks.amazonaws.com/audience"] = "sts.amazonaws.com" }, Ct);
        Assert.False(patched.Annotations.ContainsKey(ServiceAccountRecord.StsRegionalEndpointsAnnotation));
        Assert.Equal(KubeEstate.ApiRole, patched.RoleArn);
        Assert.Equal("sts.amazonaws.com", (await session.GetServiceAccountAsync("shop", "api", Ct))!.Annotations["eks.amazonaws.com/audience"]);
        Assert.Null(await session.GetServiceAccountAsync("shop", "missing", Ct));

        KubeEstate.Associate(server, "shop", "api", KubeEstate.ApiRole);
        var before = await session.GetRolloutStatusAsync(WorkloadKind.Deployment, "shop", "api", Ct);
        await session.RestartWorkloadAsync(WorkloadKind.Deployment, "shop", "api", new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero), Ct);
        var after = await session.GetRolloutStatusAsync(WorkloadKind.Deployment, "shop", "api", Ct);

        Assert.Equal(before.Generation + 1, after.Generation);
        Assert.True(after.Complete);
        var pods = await session.ListPodsAsync("shop", "api", Ct);
        Assert.All(pods.Where(p => p.OwnerKind == WorkloadKind.Deployment), p =>
        {
            Assert.Equal(CredentialMode.PodIdentity, p.CredentialMode);
            Assert.True(p.PodIdentityLabel);
        });
        // The bare pod was not restarted: it keeps the IRSA env it was admitted with.
        Assert.Equal(CredentialMode.Irsa, pods.Single(p => p.OwnerKind == WorkloadKind.Pod).CredentialMode);
        var template = server.State.Read(e => e.Clusters[0].Workloads.Single(w => w.Name == "api").TemplateAnnotations);
        Assert.Equal("2026-11-28T10:00:00Z", template["kubectl.kubernetes.io/restartedAt"]);

        // A second restart within the same second (a rollback right after the migration) still rolls the pods.
        KubeEstate.Disassociate(server, "shop", "api");
        await session.RestartWorkloadAsync(WorkloadKind.Deployment, "shop", "api", new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero).AddMilliseconds(400), Ct);
        Assert.Equal(after.Generation + 1, (await session.GetRolloutStatusAsync(WorkloadKind.Deployment, "shop", "api", Ct)).Generation);
        Assert.All((await session.ListPodsAsync("shop", "api", Ct)).Where(p => p.OwnerKind == WorkloadKind.Deployment), p => Assert.Equal(CredentialMode.Irsa, p.CredentialMode));
        await Assert.ThrowsAsync<NotSupportedException>(() => session.RestartWorkloadAsync(WorkloadKind.CronJob, "shop", "report", DateTimeOffset.UnixEpoch, Ct));
    }

    [Fact]
    public async Task Lists_nodes_with_os_and_compute_type()
    {
        await using var server = await KubeEstate.StartAsync();
        await using var session = await ConnectAsync(server);

        var nodes = await session.ListNodesAsync(Ct);

        Assert.Equal(2, nodes.Count(n => n.OperatingSystem == "linux" && n.ComputeType is null));
        Assert.Single(nodes, n => n.OperatingSystem == "windows");
        Assert.Single(nodes, n => n.ComputeType == "fargate");
    }

    [Fact]
    public async Task Retries_throttled_calls_after_retry_after()
    {
        // Starts at the real time: the AWS client signs DescribeCluster with it and the sandbox checks the signature's age.
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var options = new SandboxOptions { TimeProvider = clock, Realism = new RealismOptions { RateLimitPerSecond = 0.5, Burst = 1 } };
        await using var server = await KubeEstate.StartAsync(options);
        await using var session = await ConnectAsync(server, new SkippingTime(clock));

        var accounts = await session.ListServiceAccountsAsync(Ct);

        Assert.Equal(server.State.Read(e => e.Clusters[0].ServiceAccounts.Count), accounts.Count);
        var snapshot = server.Counters.Snapshot();
        Assert.True(snapshot.Throttled["kubernetes"]["list serviceaccounts"] >= 1);
    }

    private static async Task<IClusterSession> ConnectAsync(SandboxServer server, TimeProvider? time = null, Action<ClusterDescription>? certificateAuthority = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Aws:Credentials:AccessKeyId"] = server.OperatorCredentials.AccessKeyId,
            ["Aws:Credentials:SecretAccessKey"] = server.OperatorCredentials.SecretAccessKey,
            ["Aws:Endpoints:Eks"] = server.Endpoints.EksUrl,
            ["Aws:Endpoints:Iam"] = server.Endpoints.IamUrl,
            ["Aws:Endpoints:Sts"] = server.Endpoints.StsUrl,
            ["Aws:Accounts:0:Id"] = KubeEstate.Account,
            ["Aws:Accounts:0:Regions:0"] = KubeEstate.Region,
            ["Kubernetes:PageSize"] = "2",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        var provider = services.AddAws(configuration).AddKubernetes(configuration).BuildServiceProvider();
        var description = await provider.GetRequiredService<IEksApi>().DescribeClusterAsync(new AwsScope(KubeEstate.Account, KubeEstate.Region), KubeEstate.ClusterName, Ct);
        Assert.StartsWith(server.Endpoints.KubernetesUrl + "/clusters/", description.Endpoint, StringComparison.Ordinal);
        certificateAuthority?.Invoke(description);
        return await provider.GetRequiredService<IKubernetesEstate>().ConnectAsync(Alpha, description, Ct);
    }

    /// <summary>
    /// The sandbox's fake clock, where a wait passes at once by moving that clock forward: the client's Retry-After
    /// wait refills the sandbox's token bucket without real time passing.
    /// </summary>
    private sealed class SkippingTime(FakeTimeProvider clock) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override long GetTimestamp() => clock.GetTimestamp();

        public override long TimestampFrequency => clock.TimestampFrequency;

        // Only short waits (Retry-After back-offs) are skipped. Timeouts (Polly's 30 s attempt and 3 min total timeouts
        // of the AWS pipeline share this TimeProvider) keep real timers, or they would fire at once and race the reply.
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime <= TimeSpan.Zero || dueTime == Timeout.InfiniteTimeSpan || dueTime > TimeSpan.FromSeconds(10))
            {
                return System.CreateTimer(callback, state, dueTime, period);
            }

            clock.Advance(dueTime);
            return System.CreateTimer(callback, state, TimeSpan.Zero, period);
        }
    }
}
