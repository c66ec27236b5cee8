using System.Text.Json;
using Migrator.Cli;
using Migrator.Integration.Tests.Execution;
using Migrator.Integration.Tests.Storage;

namespace Migrator.Integration.Tests.Cli;

/// <summary>
/// A role whose IAM GetRole fails transiently (the sandbox answers 503 ServiceUnavailable every time for it) is read by
/// GetRole, not GetAccountAuthorizationDetails, and must not be planned: Unassessed, never a canary, excluded from the
/// plan with a retry hint, and no stack trace anywhere.
/// </summary>
public sealed class UnreadableRoleCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_role_whose_get_role_failed_transiently_is_unassessed_excluded_from_the_plan_with_a_retry_hint()
    {
        string[] byGetRole = ["--Inventory:AuthorizationDetailsMinRoles=100000", "--Aws:Retry:MaxRetries=1", "--Aws:Retry:BaseDelay=00:00:00.010", "--Aws:Retry:MaxDelay=00:00:00.050"];
        var healthy = new SandboxCli(_dir, byGetRole);
        await healthy.Ok("inventory");
        using var before = JsonDocument.Parse(await healthy.Ok("assess", "--output", "json"));
        var ready = before.RootElement.GetProperty("bindings").EnumerateArray()
            .Where(b => b.GetProperty("category").GetString() == "Ready")
            .OrderByDescending(b => b.GetProperty("canaryCandidate").GetBoolean())
            .First();
        var role = ready.GetProperty("roleArn").GetString()!;
        var key = ready.GetProperty("key");
        var display = $"{key.GetProperty("cluster").GetProperty("name").GetString()}/{key.GetProperty("namespace").GetString()}/{key.GetProperty("serviceAccount").GetString()}";

        var flaky = new SandboxCli(_dir, [.. byGetRole, $"--Sandbox:Realism:GetRoleUnavailable:0={role}"]);
        var (inventoryCode, inventoryOut, inventoryErr) = await flaky.Cli("inventory");
        CliRun.AssertClean(inventoryErr);
        Assert.True(inventoryCode == ExitCodes.Partial, $"inventory exited {inventoryCode}\n{inventoryOut}\n{inventoryErr}");
        Assert.Contains($"role {role}: GetRole:", inventoryOut, StringComparison.Ordinal);
        Assert.Contains("ServiceUnavailable", inventoryOut, StringComparison.Ordinal);

        var (assessCode, assessOut, assessErr) = await flaky.Cli("assess", "--output", "json");
        CliRun.AssertClean(assessErr);
        Assert.Equal(ExitCodes.Ok, assessCode);
        using var after = JsonDocument.Parse(assessOut);
        var bindings = after.RootElement.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("roleArn").GetString() == role).ToList();
        Assert.NotEmpty(bindings);
        Assert.All(bindings, b =>
        {
            Assert.Equal("Unassessed", b.GetProperty("category").GetString());
            Assert.False(b.GetProperty("canaryCandidate").GetBoolean());
        });

        var explained = await flaky.Ok("explain", display);
        Assert.Contains("unassessed.role-lookup-failed", explained, StringComparison.Ordinal);
        Assert.Contains("ServiceUnavailable", explained, StringComparison.Ordinal);
        Assert.Contains("Re-run 'migrator inventory --sandbox'", explained, StringComparison.Ordinal);
        Assert.DoesNotContain("Add account", explained, StringComparison.Ordinal);

        var (planCode, planOut, planErr) = await flaky.Cli("plan", "create");
        CliRun.AssertClean(planErr);
        Assert.True(planCode == ExitCodes.Ok, $"plan create exited {planCode}\n{planOut}\n{planErr}");
        using var plan = JsonDocument.Parse(await flaky.Ok("plan", "show", "--output", "json"));
        var planned = plan.RootElement.GetProperty("phases").EnumerateArray().SelectMany(p => p.GetProperty("bindings").EnumerateArray()).Select(b => b.GetProperty("roleArn").GetString());
        Assert.DoesNotContain(role, planned);
        var excluded = plan.RootElement.GetProperty("excluded").EnumerateArray().Where(e => e.GetProperty("roleArn").GetString() == role).ToList();
        Assert.Equal(bindings.Count, excluded.Count);
        Assert.All(excluded, e =>
        {
            Assert.Equal("Unassessed", e.GetProperty("category").GetString());
            Assert.Contains(e.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("unassessed.role-lookup-failed: ", StringComparison.Ordinal));
        });
    }
}
