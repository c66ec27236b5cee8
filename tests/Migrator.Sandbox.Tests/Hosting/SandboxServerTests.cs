using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Migrator.Sandbox.Tests.Hosting;

public sealed class SandboxServerTests
{
    private static async Task<SandboxServer> StartExampleAsync(SandboxOptions? options = null) =>
        await SandboxServer.StartAsync(EstateFile.Load(RepoFiles.PathOf("examples/estate.small.json")), options ?? new SandboxOptions(), CancellationToken.None);

    [Fact]
    public async Task Starts_every_service_on_its_own_loopback_port()
    {
        await using var server = await StartExampleAsync();
        var urls = new[] { server.Endpoints.EksUrl, server.Endpoints.IamUrl, server.Endpoints.StsUrl, server.Endpoints.KubernetesUrl, server.Endpoints.AdminUrl };

        Assert.All(urls, u => Assert.StartsWith("http://127.0.0.1:", u, StringComparison.Ordinal));
        Assert.Equal(5, urls.Select(u => new Uri(u).Port).Distinct().Count());
        Assert.DoesNotContain(urls, u => new Uri(u).Port == 0);
        Assert.Equal($"{server.Endpoints.KubernetesUrl}/clusters/111122223333/us-east-1/prod-east",
            server.Endpoints.ClusterUrl("111122223333", "us-east-1", "prod-east"));
    }

    [Fact]
    public async Task Admin_counters_count_calls_per_service_and_operation_and_reset()
    {
        await using var server = await StartExampleAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.Endpoints.AdminUrl) };
        var realism = server.Context.Realism;
        await realism.AdmitAsync(SandboxService.Eks, "ListClusters", CancellationToken.None);
        await realism.AdmitAsync(SandboxService.Eks, "ListClusters", CancellationToken.None);
        await realism.AdmitAsync(SandboxService.Iam, "GetRole", CancellationToken.None);

        using var counters = JsonDocument.Parse(await http.GetStringAsync("/admin/counters"));

        Assert.Equal(2, counters.RootElement.GetProperty("calls").GetProperty("eks").GetProperty("ListClusters").GetInt64());
        Assert.Equal(1, counters.RootElement.GetProperty("calls").GetProperty("iam").GetProperty("GetRole").GetInt64());
        Assert.Equal(3, counters.RootElement.GetProperty("total").GetInt64());

        using var reset = await http.PostAsync(new Uri("/admin/counters/reset", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        using var after = JsonDocument.Parse(await http.GetStringAsync("/admin/counters"));
        Assert.Equal(0, after.RootElement.GetProperty("total").GetInt64());
        Assert.Equal(0, server.Counters.TotalCalls);
    }

    [Fact]
    public async Task Admin_state_returns_the_live_estate_as_a_loadable_estate_file()
    {
        await using var server = await StartExampleAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.Endpoints.AdminUrl) };
        server.State.Write(e => e.Clusters[0].ServiceAccounts.First(s => s.Name == "api").Annotations.Remove(ServiceAccount.RoleArnAnnotation));

        var json = await http.GetStringAsync("/admin/state");
        var reloaded = EstateFile.Parse(json, "state.json");

        Assert.True(reloaded.Success, string.Join("\n", reloaded.Errors));
        var cluster = reloaded.Estate!.Clusters.Single();
        Assert.Null(cluster.FindServiceAccount("payments", "api")!.RoleArn);
        Assert.Equal(2, cluster.Pods.Count(p => p.Namespace == "payments"));
        Assert.NotEmpty(cluster.Nodes);
    }

    [Fact]
    public async Task Operator_credentials_live_in_the_first_account_and_resolve_in_the_store()
    {
        await using var server = await StartExampleAsync(new SandboxOptions { Seed = 7 });

        Assert.StartsWith("AKIA", server.OperatorCredentials.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal("111122223333", server.OperatorCredentials.AccountId);
        Assert.Equal("arn:aws:iam::111122223333:user/migrator-operator", server.OperatorCredentials.PrincipalArn);
        Assert.True(server.Credentials.TryGet(server.OperatorCredentials.AccessKeyId, out var found));
        Assert.Equal(server.OperatorCredentials.SecretAccessKey, found.SecretAccessKey);
        var token = server.Credentials.ClusterTokens.Single();
        Assert.True(server.Credentials.TryResolveClusterToken(token.Token, out var resolved));
        Assert.Equal("111122223333/us-east-1/prod-east", resolved.ClusterKey);
    }

    [Fact]
    public async Task Same_seed_gives_the_same_keys_and_another_seed_other_keys()
    {
        await using var a = await StartExampleAsync(new SandboxOptions { Seed = 3 });
        await using var b = await StartExampleAsync(new SandboxOptions { Seed = 3 });
        await using var c = await StartExampleAsync(new SandboxOptions { Seed = 4 });

        Assert.Equal(a.OperatorCredentials, b.OperatorCredentials);
        Assert.NotEqual(a.OperatorCredentials.AccessKeyId, c.OperatorCredentials.AccessKeyId);
    }

    [Fact]
    public async Task Saved_state_restores_the_same_state()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sandbox-state-{Guid.NewGuid():N}.json");
        try
        {
            string before;
            await using (var server = await StartExampleAsync())
            {
                server.State.Write(e => e.Clusters[0].FindServiceAccount("payments", "api")!.Annotations["eks.amazonaws.com/audience"] = "custom");
                before = server.State.ToJson();
                await server.SaveStateAsync(path, CancellationToken.None);
            }
            await using var restored = await SandboxServer.StartAsync(EstateFile.Load(path), new SandboxOptions(), CancellationToken.None);

            Assert.Equal(before, restored.State.ToJson());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
