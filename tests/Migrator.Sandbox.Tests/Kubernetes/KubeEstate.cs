using k8s;
using Migrator.Core.Inventory;

namespace Migrator.Sandbox.Tests.Kubernetes;

/// <summary>A small known estate for the Kubernetes API tests, and clients pointed at it.</summary>
internal static class KubeEstate
{
    public const string Account = "111122223333";
    public const string Region = "us-east-1";
    public const string ClusterName = "alpha";
    public const string ApiRole = "arn:aws:iam::111122223333:role/api-role";
    public const string WorkerRole = "arn:aws:iam::111122223333:role/worker-role";
    public const string FargateRole = "arn:aws:iam::111122223333:role/fg-role";
    public const string WindowsRole = "arn:aws:iam::111122223333:role/win-role";

    public static Estate Build()
    {
        var cluster = new Cluster
        {
            Name = ClusterName,
            AccountId = Account,
            Region = Region,
            Nodegroups =
            [
                new Nodegroup { Name = "linux", NodeCount = 2 },
                new Nodegroup { Name = "windows", Os = NodeOs.Windows, NodeCount = 1 },
            ],
            FargateProfiles = [new FargateProfile { Name = "fp", Selectors = [new FargateSelector { Namespace = "serverless" }] }],
            ServiceAccounts =
            [
                Sa("shop", "api", ApiRole, sts: true),
                Sa("shop", "worker", WorkerRole),
                Sa("shop", "plain", null),
                Sa("shop", "hardcoded", null),
                Sa("serverless", "fn", FargateRole),
                Sa("win", "legacy", WindowsRole),
                Sa("paging", "a", null),
                Sa("paging", "b", null),
                Sa("paging", "c", null),
            ],
            Workloads =
            [
                new Workload { Kind = WorkloadKind.Deployment, Namespace = "shop", Name = "api", Replicas = 2, ServiceAccountName = "api", Containers = [C("api", "shop/api:1.4.2")] },
                new Workload { Kind = WorkloadKind.StatefulSet, Namespace = "shop", Name = "db", Replicas = 2, ServiceAccountName = "worker", Containers = [C("db", "postgres:16.3")] },
                new Workload { Kind = WorkloadKind.DaemonSet, Namespace = "shop", Name = "agent", ServiceAccountName = "plain", Containers = [C("agent", "fluent-bit:3.0")] },
                new Workload { Kind = WorkloadKind.CronJob, Namespace = "shop", Name = "report", Schedule = "0 3 * * *", ServiceAccountName = "worker", Containers = [C("report", "shop/report:2")] },
                new Workload { Kind = WorkloadKind.Job, Namespace = "shop", Name = "migrate", ServiceAccountName = "worker", Containers = [C("migrate", "shop/migrate:7")] },
                new Workload { Kind = WorkloadKind.Pod, Namespace = "shop", Name = "debug", ServiceAccountName = "api", Containers = [C("debug", "busybox:1.36")] },
                new Workload
                {
                    Kind = WorkloadKind.Deployment, Namespace = "shop", Name = "legacy-keys", ServiceAccountName = "hardcoded",
                    Containers = [new Container { Name = "app", Image = "shop/old:1", Env = [new EnvVar { Name = "AWS_ACCESS_KEY_ID", Value = "AKIAEXAMPLE" }, new EnvVar { Name = "AWS_SECRET_ACCESS_KEY", Value = "secret" }] }],
                },
                new Workload { Kind = WorkloadKind.Deployment, Namespace = "serverless", Name = "fn", Placement = WorkloadPlacement.Fargate, ServiceAccountName = "fn", Containers = [C("fn", "shop/fn:3")] },
                new Workload { Kind = WorkloadKind.Deployment, Namespace = "win", Name = "legacy", Placement = WorkloadPlacement.Windows, ServiceAccountName = "legacy", Containers = [C("iis", "mcr.microsoft.com/windows/servercore/iis:ltsc2022")] },
            ],
        };
        return new Estate { Seed = 7, Accounts = [new Account { Id = Account, Regions = [Region] }], Clusters = [cluster] };
    }

    public static Task<SandboxServer> StartAsync(SandboxOptions? options = null) =>
        SandboxServer.StartAsync(Build(), options ?? new SandboxOptions(), CancellationToken.None);

    public static string ClusterUrl(SandboxServer server) => server.Endpoints.ClusterUrl(Account, Region, ClusterName);

    public static string Token(SandboxServer server) =>
        server.Credentials.ClusterTokenOf(server.State.Read(e => e.FindCluster(Account, Region, ClusterName)!)).Token;

    /// <summary>The real KubernetesClient, configured as a kubeconfig with a static token would configure it.</summary>
    public static IKubernetes Client(SandboxServer server, string? token = null) =>
        new k8s.Kubernetes(new KubernetesClientConfiguration { Host = ClusterUrl(server) + "/", AccessToken = token ?? Token(server) });

    /// <summary>Adds a Pod Identity association to the live state, as CreatePodIdentityAssociation does.</summary>
    public static void Associate(SandboxServer server, string ns, string sa, string roleArn) =>
        server.State.Write(e => e.FindCluster(Account, Region, ClusterName)!.PodIdentityAssociations.Add(new PodIdentityAssociation
        {
            AssociationId = "a-" + ns + sa,
            Namespace = ns,
            ServiceAccount = sa,
            RoleArn = roleArn,
            CreatedAt = server.Context.Time.GetUtcNow(),
        }));

    public static void Disassociate(SandboxServer server, string ns, string sa) =>
        server.State.Write(e => e.FindCluster(Account, Region, ClusterName)!.PodIdentityAssociations.RemoveAll(a => a.Namespace == ns && a.ServiceAccount == sa));

    private static ServiceAccount Sa(string ns, string name, string? role, bool sts = false)
    {
        var sa = new ServiceAccount { Namespace = ns, Name = name };
        if (role is not null)
        {
            sa.Annotations[ServiceAccount.RoleArnAnnotation] = role;
        }

        if (sts)
        {
            sa.Annotations[ServiceAccount.StsRegionalEndpointsAnnotation] = "true";
        }

        return sa;
    }

    private static Container C(string name, string image) => new() { Name = name, Image = image };
}
