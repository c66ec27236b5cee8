using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Migrator.Cli;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Collection;
using Migrator.Core.Ports;

namespace Migrator.Benchmarks.Micro;

/// <summary>A real inventory of a generated sandbox estate, collected once through the real clients for micro benchmarks.</summary>
internal static class SandboxSnapshot
{
    public static async Task<InventorySnapshot> CollectAsync(int clusters, int serviceAccounts)
    {
        var work = Directory.CreateTempSubdirectory("migrator-micro-");
        var overrides = new Dictionary<string, string?>
        {
            ["Sandbox:StateFile"] = Path.Combine(work.FullName, "state.json"),
            ["Sandbox:Generate:Clusters"] = clusters.ToString(CultureInfo.InvariantCulture),
            ["Sandbox:Generate:ServiceAccounts"] = serviceAccounts.ToString(CultureInfo.InvariantCulture),
        };
        using var host = await MigratorHost.BuildAsync(new GlobalOptions { Sandbox = true, Database = Path.Combine(work.FullName, "m.db") }, overrides, CancellationToken.None);
        var s = host.Services;
        var collector = new InventoryCollector(s.GetRequiredService<IEksApi>(), s.GetRequiredService<IIamApi>(), s.GetRequiredService<IKubernetesEstate>(), TimeProvider.System);
        var snapshot = await collector.CollectAsync(new InventoryRequest { Accounts = s.GetRequiredService<IAccountScopes>().GetScopes() }, null, CancellationToken.None);
        await host.StopAsync();
        work.Delete(recursive: true);
        return snapshot;
    }
}
