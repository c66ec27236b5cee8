using Migrator.Core.Inventory;

namespace Migrator.Sandbox.Tests.Generation;

/// <summary>
/// Names the generator and the materialiser make up must be unique where Kubernetes and IAM require it, at every
/// size: a real cluster cannot hold two ServiceAccounts default/x or two nodes of one name.
/// </summary>
public sealed class GeneratedNamesUniquenessTests
{
    public static TheoryData<int, int, int?, int> Sizes => new()
    {
        { 10, 1000, 3, 7 },
        { 8, 200, null, 1 },
        { 3, 60, 1, 99 },
        { 12, 2500, 4, 123 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Generated_and_materialised_estate_has_no_duplicate_names(int clusters, int serviceAccounts, int? accounts, int seed)
    {
        var estate = EstateGenerator.Generate(new GeneratorOptions { Clusters = clusters, ServiceAccounts = serviceAccounts, Accounts = accounts, Seed = seed }).Estate;

        AssertNoDuplicates(estate);
    }

    [Theory]
    [InlineData(10, 1000, 3, 7, 300)]
    [InlineData(12, 2500, 4, 123, 1)]
    public void Estate_with_shared_roles_has_no_duplicate_names(int clusters, int serviceAccounts, int? accounts, int seed, int roles)
    {
        var estate = EstateGenerator.Generate(new GeneratorOptions { Clusters = clusters, ServiceAccounts = serviceAccounts, Accounts = accounts, Seed = seed, Roles = roles }).Estate;

        AssertNoDuplicates(estate);
    }

    /// <summary>The size the benchmark uses: 100 clusters, 20,000 ServiceAccounts, 10 accounts.</summary>
    [Fact]
    public void Benchmark_sized_estate_has_no_duplicate_names()
    {
        var estate = EstateGenerator.Generate(new GeneratorOptions { Clusters = 100, ServiceAccounts = 20_000, Accounts = 10, Seed = 7 }).Estate;

        AssertNoDuplicates(estate);
    }

    [Fact]
    public void Fargate_nodes_get_distinct_names_even_when_the_derived_ips_collide()
    {
        var estate = new Estate
        {
            Accounts = [new Account { Id = "111122223333", Regions = ["us-east-1"] }],
            Clusters =
            [
                new Cluster
                {
                    Name = "c1",
                    AccountId = "111122223333",
                    Region = "us-east-1",
                    FargateProfiles = [new FargateProfile { Name = "fp", Selectors = [new FargateSelector { Namespace = "serverless" }] }],
                    ServiceAccounts = [new ServiceAccount { Namespace = "serverless", Name = "api" }],
                    Workloads =
                    [
                        new Workload
                        {
                            Kind = WorkloadKind.Deployment, Namespace = "serverless", Name = "api", ServiceAccountName = "api", Replicas = 2,
                            Placement = WorkloadPlacement.Fargate, Containers = [new Container { Name = "app", Image = "app:1" }],
                        },
                    ],
                },
            ],
        };
        EstateMaterializer.Prepare(estate, PodAdmission.None);
        var cluster = estate.Clusters[0];
        var first = cluster.Pods[0];

        // A pod with the very same identity derives the very same address, which the first pod's node already has.
        var again = EstateMaterializer.CreatePod(estate, cluster, cluster.Workloads[0], first.Name, first.StartTime!.Value, PodAdmission.None);

        Assert.NotEqual(first.NodeName, again.NodeName);
        Assert.NotEqual(first.PodIp, again.PodIp);
        Assert.Equal(cluster.Nodes.Count, cluster.Nodes.Select(n => n.Name).Distinct(StringComparer.Ordinal).Count());
    }

    private static void AssertNoDuplicates(Estate estate)
    {
        // Before materialisation: what the generator wrote into the file.
        AssertUnique("ServiceAccount", estate.Clusters.SelectMany(c => c.ServiceAccounts.Select(s => $"{c.Key} {s.Namespace}/{s.Name}")));
        AssertUnique("workload", estate.Clusters.SelectMany(c => c.Workloads.Select(w => $"{c.Key} {w.Namespace}/{w.Kind}/{w.Name}")));
        AssertUnique("IAM role", estate.Accounts.SelectMany(a => a.Roles.Select(r => $"{a.Id} {r.Name.ToUpperInvariant()}")));

        EstateMaterializer.Prepare(estate, PodAdmission.Discover());

        AssertUnique("ServiceAccount", estate.Clusters.SelectMany(c => c.ServiceAccounts.Select(s => $"{c.Key} {s.Namespace}/{s.Name}")));
        AssertUnique("node", estate.Clusters.SelectMany(c => c.Nodes.Select(n => $"{c.Key} {n.Name}")));
        AssertUnique("pod", estate.Clusters.SelectMany(c => c.Pods.Select(p => $"{c.Key} {p.Namespace}/{p.Name}")));
        Assert.All(estate.Clusters.SelectMany(c => c.Pods.Where(p => p.NodeName is not null).Select(p => (c, p))),
            x => Assert.NotNull(x.c.FindNode(x.p.NodeName!)));
    }

    private static void AssertUnique(string what, IEnumerable<string> keys)
    {
        var duplicates = keys.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").Take(10).ToList();
        Assert.True(duplicates.Count == 0, $"duplicate {what}: {string.Join("; ", duplicates)}");
    }
}
