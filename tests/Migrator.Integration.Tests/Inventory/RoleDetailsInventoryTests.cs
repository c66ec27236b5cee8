using Microsoft.Extensions.Time.Testing;
using Migrator.Cli;
using Migrator.Core.Inventory;
using Migrator.Sandbox;
using Migrator.Storage;
using Migrator.Storage.Inventory;

namespace Migrator.Integration.Tests.Inventory;

/// <summary>
/// `migrator inventory` reading roles with IAM GetAccountAuthorizationDetails (one paged call per account) instead of
/// one GetRole per role, through the real IAM client against the sandbox: same snapshot, far fewer calls; denied → GetRole.
/// </summary>
public sealed class RoleDetailsInventoryTests
{
    private static readonly GeneratorOptions Small = new() { Clusters = 6, ServiceAccounts = 60, Seed = 11 };
    private const string ByGetRole = "--Inventory:AuthorizationDetailsMinRoles=100000";
    private const string ByDetails = "--Inventory:AuthorizationDetailsMinRoles=0";

    private static async Task<InventorySnapshot> Load(SandboxInventory sandbox, long runId)
    {
        using var factory = new SqliteConnectionFactory(sandbox.Db, new SchemaMigrator(), new FakeTimeProvider());
        return (await new SqliteInventoryStore(factory).LoadSnapshotAsync(runId, CancellationToken.None))!;
    }

    private static List<string> Comparable(InventorySnapshot s) => s.Roles.Select(r =>
        $"{r.Arn}|{r.Name}|{r.Path}|{r.Exists}|{r.LookupError}|{r.TrustPolicy}|{string.Join(",", r.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))}" +
        $"|{r.LastUsedAt:O}|{r.LastUsedRegion}|{string.Join(",", r.AttachedPolicies)}|{r.Owner?.Display}").ToList();

    [Fact]
    public async Task Roles_read_per_account_in_one_call_equal_the_GetRole_snapshot()
    {
        await using var sandbox = await SandboxInventory.StartAsync(Small);
        var accounts = sandbox.Server.State.Snapshot().Accounts.Count;

        sandbox.Server.Counters.Reset();
        var (code1, out1, err1) = await sandbox.RunAsync("inventory", ByGetRole);
        Assert.True(code1 == ExitCodes.Ok, $"exit {code1}\n{out1}\n{err1}");
        var getRoleCalls = sandbox.Server.Counters.Calls(SandboxService.Iam, "GetRole");
        Assert.Equal(0, sandbox.Server.Counters.Calls(SandboxService.Iam, "GetAccountAuthorizationDetails"));

        sandbox.Server.Counters.Reset();
        var (code2, out2, err2) = await sandbox.RunAsync("inventory", ByDetails);
        Assert.True(code2 == ExitCodes.Ok, $"exit {code2}\n{out2}\n{err2}");

        var viaGetRole = await Load(sandbox, 1);
        var viaDetails = await Load(sandbox, 2);
        Assert.True(getRoleCalls > 2L * accounts, $"{getRoleCalls} GetRole calls for {accounts} accounts: the comparison would be vacuous");
        Assert.Equal(0, sandbox.Server.Counters.Calls(SandboxService.Iam, "GetRole"));
        Assert.Equal(accounts, sandbox.Server.Counters.Calls(SandboxService.Iam, "GetAccountAuthorizationDetails"));
        Assert.Equal(RunStatus.Complete, viaDetails.Status);
        Assert.Contains(viaDetails.Roles, r => !r.Exists);
        Assert.Contains(viaDetails.Roles, r => r.Tags.Count > 0);
        Assert.Equal(Comparable(viaGetRole), Comparable(viaDetails));
        Assert.DoesNotContain("notes", out2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Denied_in_every_account_falls_back_to_GetRole_with_one_note_per_account_and_a_complete_run()
    {
        await using var sandbox = await SandboxInventory.StartAsync(Small);
        var accounts = sandbox.Server.State.Snapshot().Accounts.Select(a => a.Id).ToList();
        var (code1, _, _) = await sandbox.RunAsync("inventory", ByGetRole);
        Assert.Equal(ExitCodes.Ok, code1);
        sandbox.Server.Context.Realism.Options.DenyAuthorizationDetails = true;
        sandbox.Server.Counters.Reset();

        var (code, output, error) = await sandbox.RunAsync("inventory", ByDetails);

        Assert.True(code == ExitCodes.Ok, $"exit {code}\n{output}\n{error}");
        Assert.Contains("run 2: complete", output, StringComparison.Ordinal);
        Assert.Contains($"notes         {accounts.Count}", output, StringComparison.Ordinal);
        foreach (var account in accounts)
            Assert.Single(output.Split('\n'), line => line.Contains($"account {account}: GetAccountAuthorizationDetails: denied (AccessDenied)", StringComparison.Ordinal));
        Assert.Equal(accounts.Count, sandbox.Server.Counters.Calls(SandboxService.Iam, "GetAccountAuthorizationDetails"));
        var fallback = await Load(sandbox, 2);
        Assert.Equal(fallback.Roles.Count(r => r.Arn.Length > 0), sandbox.Server.Counters.Calls(SandboxService.Iam, "GetRole"));
        Assert.Empty(fallback.Errors);
        Assert.Equal(Comparable(await Load(sandbox, 1)), Comparable(fallback));

        // The notes are stored with the run: `runs show` lists them later, as the inventory printed them.
        var (showCode, shown, showError) = await sandbox.RunAsync("runs", "show", "2");
        Assert.True(showCode == ExitCodes.Ok, $"exit {showCode}\n{shown}\n{showError}");
        Assert.Contains($"{accounts.Count} notes", shown, StringComparison.Ordinal);
        foreach (var account in accounts)
            Assert.Single(shown.Split('\n'), line => line.Contains($"account {account}: GetAccountAuthorizationDetails: denied (AccessDenied)", StringComparison.Ordinal));
        var (_, first, _) = await sandbox.RunAsync("runs", "show", "1");
        Assert.DoesNotContain("notes (nothing was lost)", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Below_the_default_threshold_the_small_estate_is_read_role_by_role()
    {
        await using var sandbox = await SandboxInventory.StartAsync(Small);
        sandbox.Server.Counters.Reset();

        var (code, output, error) = await sandbox.RunAsync("inventory");

        Assert.True(code == ExitCodes.Ok, $"exit {code}\n{output}\n{error}");
        Assert.Equal(0, sandbox.Server.Counters.Calls(SandboxService.Iam, "GetAccountAuthorizationDetails"));
        Assert.True(sandbox.Server.Counters.Calls(SandboxService.Iam, "GetRole") > 0);
    }
}
