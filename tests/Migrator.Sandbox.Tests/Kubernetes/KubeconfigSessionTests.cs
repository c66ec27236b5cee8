using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;
using Migrator.Kubernetes;

namespace Migrator.Sandbox.Tests.Kubernetes;

/// <summary>Clusters reached through kubeconfig contexts instead of DescribeCluster + an EKS token.</summary>
public sealed class KubeconfigSessionTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("migrator-kubeconfig-").FullName;

    [Fact]
    public async Task Connects_through_a_context_named_by_the_cluster_arn()
    {
        await using var server = await KubeEstate.StartAsync();
        var path = WriteKubeconfig(server, "arn:aws:eks:us-east-1:111122223333:cluster/alpha");
        var provider = Services(path);

        var contexts = provider.GetRequiredService<KubeconfigContexts>().List();
        var target = Assert.Single(contexts);
        Assert.Equal(new ClusterRef(KubeEstate.Account, KubeEstate.Region, KubeEstate.ClusterName), target.Cluster);

        // No endpoint in the description and no AddAws: the kubeconfig is the only way in.
        await using var session = await provider.GetRequiredService<IKubernetesEstate>().ConnectAsync(
            target.Cluster, new ClusterDescription { Name = "alpha", Arn = target.Cluster.Arn }, CancellationToken.None);
        var accounts = await session.ListServiceAccountsAsync(CancellationToken.None);

        Assert.Contains(accounts, s => s.Name == "api" && s.RoleArn == KubeEstate.ApiRole);
    }

    [Fact]
    public async Task Maps_a_context_with_another_name_through_configuration()
    {
        await using var server = await KubeEstate.StartAsync();
        var path = WriteKubeconfig(server, "alpha-admin");
        var provider = Services(path, ("alpha-admin", "111122223333/us-east-1/alpha"));

        var target = Assert.Single(provider.GetRequiredService<KubeconfigContexts>().List());
        await using var session = await provider.GetRequiredService<KubernetesEstate>().ConnectContextAsync(target, CancellationToken.None);
        var nodes = await session.ListNodesAsync(CancellationToken.None);

        Assert.Equal("alpha-admin", target.Context);
        Assert.NotEmpty(nodes);
    }

    [Fact]
    public void Validation_reports_every_problem_with_its_path()
    {
        var options = new KubernetesOptions
        {
            PageSize = 0,
            Concurrency = 0,
            Contexts = [new KubeconfigContextOptions { Name = "x" }, new KubeconfigContextOptions { Name = "", Cluster = "bad" }],
        };

        var result = new KubernetesOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Kubernetes:PageSize", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Kubernetes:Concurrency", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Kubernetes:Kubeconfig is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Kubernetes:Contexts:0:Cluster is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Kubernetes:Contexts:1:Name", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Kubernetes:Contexts:1:Cluster must be", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string WriteKubeconfig(SandboxServer server, string contextName)
    {
        var path = Path.Combine(directory, "config");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: alpha
              cluster:
                server: {KubeEstate.ClusterUrl(server)}
            users:
            - name: alpha-user
              user:
                token: {KubeEstate.Token(server)}
            contexts:
            - name: {contextName}
              context:
                cluster: alpha
                user: alpha-user
            current-context: {contextName}
            """);
        return path;
    }

    private static ServiceProvider Services(string kubeconfig, params (string Name, string Cluster)[] contexts)
    {
        var settings = new Dictionary<string, string?> { ["Kubernetes:Kubeconfig"] = kubeconfig };
        for (var i = 0; i < contexts.Length; i++)
        {
            settings[$"Kubernetes:Contexts:{i}:Name"] = contexts[i].Name;
            settings[$"Kubernetes:Contexts:{i}:Cluster"] = contexts[i].Cluster;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddKubernetes(configuration).BuildServiceProvider();
    }
}
