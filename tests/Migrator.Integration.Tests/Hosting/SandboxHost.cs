using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Migrator.Cli;
using Migrator.Sandbox;
using Migrator.SandboxHosting;

namespace Migrator.Integration.Tests.Hosting;

/// <summary>
/// The application host exactly as the CLI builds it with --sandbox (generated estate, real clients over loopback HTTP),
/// with its state file and database in a temporary folder.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly DirectoryInfo _work;

    private SandboxHost(IHost host, DirectoryInfo work)
    {
        Host = host;
        _work = work;
    }

    public IHost Host { get; }
    public IServiceProvider Services => Host.Services;
    public SandboxServer Sandbox => Services.GetRequiredService<SandboxSession>().Server;
    public string WorkDirectory => _work.FullName;

    public static async Task<SandboxHost> StartAsync(int clusters = 4, int serviceAccounts = 40, int seed = 11, IReadOnlyDictionary<string, string?>? extra = null, IVerb? verb = null)
    {
        var work = Directory.CreateTempSubdirectory("migrator-it-");
        var overrides = new Dictionary<string, string?>
        {
            ["Sandbox:StateFile"] = Path.Combine(work.FullName, "state.json"),
            ["Sandbox:Generate:Clusters"] = clusters.ToString(CultureInfo.InvariantCulture),
            ["Sandbox:Generate:ServiceAccounts"] = serviceAccounts.ToString(CultureInfo.InvariantCulture),
            ["Sandbox:Generate:Seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["Reports:OutputPath"] = Path.Combine(work.FullName, "reports"),
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
            overrides[k] = v;
        var global = new GlobalOptions { Sandbox = true, Database = Path.Combine(work.FullName, "migrator.db") };
        var host = verb is null
            ? await MigratorHost.BuildAsync(global, overrides, CancellationToken.None)
            : await MigratorHost.BuildAsync(global, overrides, verb, CancellationToken.None);
        return new SandboxHost(host, work);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        try
        {
            _work.Delete(recursive: true);
        }
        catch (IOException)
        {
            // a file still open on a slow shutdown: the temp folder is cleaned by the OS
        }
    }
}
