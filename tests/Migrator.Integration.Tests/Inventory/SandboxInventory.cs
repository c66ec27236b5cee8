using System.Text.Json;
using System.Text.Json.Nodes;
using Migrator.Cli;
using Migrator.Integration.Tests.Storage;
using Migrator.Sandbox;

namespace Migrator.Integration.Tests.Inventory;

/// <summary>
/// A sandbox serving a generated estate and a configuration file aiming the real AWS and Kubernetes adapters at it
/// (every account reached by AssumeRole into its MigratorAccess role, as an operator would configure it).
/// </summary>
public sealed class SandboxInventory : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();

    private SandboxInventory(SandboxServer server) => Server = server;

    public SandboxServer Server { get; }
    public string Db => _dir.File("state.db");
    public string ConfigPath => _dir.File("migrator.json");

    public static async Task<SandboxInventory> StartAsync(GeneratorOptions options)
    {
        var estate = EstateGenerator.Generate(options).Estate;
        var server = await SandboxServer.StartAsync(estate, new SandboxOptions(), CancellationToken.None);
        var sandbox = new SandboxInventory(server);
        sandbox.WriteConfig(null);
        return sandbox;
    }

    /// <summary>The configuration; with <paramref name="kubernetes"/> the Kubernetes section too.</summary>
    public void WriteConfig(JsonObject? kubernetes)
    {
        var estate = Server.State.Snapshot();
        var accounts = new JsonArray();
        foreach (var a in estate.Accounts)
        {
            accounts.Add(new JsonObject
            {
                ["Id"] = a.Id,
                ["RoleArn"] = $"arn:{a.Partition}:iam::{a.Id}:role/{a.AccessRoleName}",
                ["Regions"] = new JsonArray([.. a.Regions.Select(r => (JsonNode)r)]),
            });
        }
        var config = new JsonObject
        {
            ["Aws"] = new JsonObject
            {
                ["Accounts"] = accounts,
                ["Endpoints"] = new JsonObject { ["Eks"] = Server.Endpoints.EksUrl, ["Iam"] = Server.Endpoints.IamUrl, ["Sts"] = Server.Endpoints.StsUrl },
                ["Credentials"] = new JsonObject { ["AccessKeyId"] = Server.OperatorCredentials.AccessKeyId, ["SecretAccessKey"] = Server.OperatorCredentials.SecretAccessKey },
            },
        };
        if (kubernetes is not null) config["Kubernetes"] = kubernetes;
        File.WriteAllText(ConfigPath, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync([.. args, "--db", Db, "--config", ConfigPath], stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _dir.Dispose();
    }
}
