using Migrator.Cli;
using Migrator.Integration.Tests.Storage;
using Migrator.Sandbox;

namespace Migrator.Integration.Tests.Inventory;

public sealed class InventoryVerbTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<(int Code, string Out, string Err)> Run(string config, params string[] args)
    {
        var path = _dir.File("config.json");
        await File.WriteAllTextAsync(path, config);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync([.. args, "--db", _dir.File("state.db"), "--config", path], stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Without_configured_accounts_inventory_says_what_to_configure()
    {
        var (code, _, err) = await Run("""{ "Aws": { "Accounts": [] } }""", "inventory");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("Aws:Accounts", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_that_is_not_configured_is_refused_by_name()
    {
        var (code, _, err) = await Run("""{ "Aws": { "Accounts": [ { "Id": "111111111111", "Regions": [ "us-east-1" ] } ] } }""", "inventory", "--accounts", "111111111111,222222222222");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("222222222222", err, StringComparison.Ordinal);
        Assert.DoesNotContain("names 111111111111", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parallelism_out_of_range_is_a_usage_error()
    {
        var (code, _, err) = await Run("""{ "Aws": { "Accounts": [ { "Id": "111111111111", "Regions": [ "us-east-1" ] } ] } }""", "inventory", "--parallel", "0");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--parallel", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "Inventory:MaxParallelClusters must be a whole number from 1 to 256; got '0'.")]
    [InlineData("abc", "= 'abc' is not valid: expected a whole number")]
    public async Task Configured_parallelism_that_is_not_1_to_256_is_invalid_configuration(string value, string message)
    {
        var (code, _, err) = await Run($$"""{ "Aws": { "Accounts": [ { "Id": "111111111111", "Regions": [ "us-east-1" ] } ] }, "Inventory": { "MaxParallelClusters": "{{value}}" } }""", "inventory");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("configuration is invalid", err, StringComparison.Ordinal);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_and_cluster_filters_limit_the_run()
    {
        await using var sandbox = await SandboxInventory.StartAsync(new GeneratorOptions { Clusters = 4, ServiceAccounts = 20, Seed = 5 });
        var truth = sandbox.Server.State.Snapshot();
        var target = truth.Clusters[^1];

        var (code, output, error) = await sandbox.RunAsync("inventory", "--accounts", target.AccountId, "--clusters", target.Name, "--output", "json");

        Assert.True(code == ExitCodes.Ok, $"exit {code}\n{output}\n{error}");
        var summary = System.Text.Json.Nodes.JsonNode.Parse(output)!;
        Assert.Equal(1, summary["clusters"]!.GetValue<int>());
        Assert.Equal(target.ServiceAccounts.Count(sa => sa.RoleArn is not null), summary["bindings"]!.GetValue<int>());
        Assert.Equal(truth.Accounts.Single(a => a.Id == target.AccountId).OidcProviders.Count, summary["oidcProviders"]!.GetValue<int>());
        // Progress goes to stderr with --output json, so stdout stays parseable.
        Assert.Contains("done: clusters 1/1", error, StringComparison.Ordinal);
    }
}
