using System.Globalization;
using System.Text;
using System.Text.Json;
using Migrator.Core.Planning;
using Migrator.Integration.Tests.Execution;
using Migrator.Integration.Tests.Postgres;
using Npgsql;

namespace Migrator.Integration.Tests.Worker;

/// <summary>
/// Two `migrator worker` processes clustered on one PostgreSQL database (Quartz's clustered ADO.NET store, state in
/// the same database) against one served sandbox: the worker executing a phase is killed with SIGKILL and the other
/// finishes the phase, Quartz recovering the job and the executor resuming from the journal.
/// </summary>
public sealed class ClusteredWorkerTests : IAsyncLifetime
{
    private readonly MigratorProcesses _m = new();
    private PostgresTestSchema? _schema;

    public async Task InitializeAsync()
    {
        if (TestPostgres.SkipReason is not null)
            return;
        _schema = await TestPostgres.CreateSchemaAsync();
        foreach (var a in new[]
        {
            "--config", _m.Config, "--Storage:Provider=postgres", $"--Storage:ConnectionString={_schema.ConnectionString}",
            "--Planning:SoakPeriod=00:00:00", "--Planning:CanarySize=4",
            "--Execution:VerifyInterval=00:00:01", "--Execution:RetryBaseDelay=00:00:00.200",
        })
            _m.Common.Add(a);
    }

    public async Task DisposeAsync()
    {
        _m.Dispose();
        if (_schema is not null)
            await _schema.DisposeAsync();
    }

    private string[] Worker(string name) =>
    [
        "worker", "--Worker:PhaseCron=0/1 * * * * ?", "--Worker:InventoryCron=0 0 6 * * ?", "--Worker:ClusterCheckinInterval=00:00:02", "--Worker:Http:Port=0",
        $"--Worker:LivenessFile={_m.Dir.File($"alive-{name}")}",
        "--Execution:ChangeWindows:0:Days:0=Sunday", "--Execution:ChangeWindows:0:Days:1=Monday", "--Execution:ChangeWindows:0:Days:2=Tuesday",
        "--Execution:ChangeWindows:0:Days:3=Wednesday", "--Execution:ChangeWindows:0:Days:4=Thursday", "--Execution:ChangeWindows:0:Days:5=Friday",
        "--Execution:ChangeWindows:0:Days:6=Saturday", "--Execution:ChangeWindows:0:Start=00:00:00", "--Execution:ChangeWindows:0:End=23:59:59.9999999",
    ];

    private static int MigratorStatements(string trust)
    {
        using var doc = JsonDocument.Parse(trust.StartsWith('%') ? Uri.UnescapeDataString(trust) : trust);
        var statement = doc.RootElement.GetProperty("Statement");
        var statements = statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().ToList() : [statement];
        return statements.Count(s => s.TryGetProperty("Sid", out var sid) && sid.GetString() is { } v
            && v.StartsWith("MigratorPodIdentity", StringComparison.Ordinal) && v["MigratorPodIdentity".Length..].All(char.IsAsciiDigit));
    }

    private async Task<long> Scalar(string sql, int phase)
    {
        await using var connection = new NpgsqlConnection(_schema!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("phase", (long)phase);
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    /// <summary>Forward mutations of the phase with a committed outcome (as <see cref="MigratorProcesses.CompletedForwardMutations"/>).</summary>
    private Task<long> CompletedForwardMutations(int phase) => Scalar(
        """
        SELECT COUNT(*) FROM journal_entries
        WHERE phase = @phase AND direction = 'Forward' AND completed_at IS NOT NULL
          AND status IN ('Succeeded', 'AlreadyDone') AND step_kind NOT IN ('VerifyPodIdentity', 'ManualRestart')
        """, phase);

    private static async Task Until(Func<Task<bool>> condition, StringBuilder output, string what)
    {
        var deadline = DateTime.UtcNow + MigratorProcesses.CommandDeadline;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not {what} within {MigratorProcesses.CommandDeadline}:\n{MigratorProcesses.Text(output)}");
            await Task.Delay(50);
        }
    }

    [PostgresFact]
    public async Task A_worker_killed_mid_phase_is_recovered_by_the_other_worker_and_every_mutation_happens_once()
    {
        var admin = await _m.StartSandbox(100);
        using var http = new HttpClient { BaseAddress = admin, Timeout = TimeSpan.FromMinutes(1) };
        await _m.Ok("inventory");
        await _m.Ok("assess");
        await _m.Ok("plan", "create");
        var plan = PlanJson.Deserialize(await _m.Ok("plan", "show", "--output", "json"));
        var canary = Assert.Single(plan.Phases, p => p.Kind == PhaseKind.Canary);
        var mutationSteps = canary.Steps.Count(s => s.Mutates);
        await _m.Ok("plan", "approve", "--phase", "0", "--by", "test");
        await _m.Ok("phase", "run", "0");

        // Both workers join the cluster; then the canary is approved and whichever fires the phase job first executes it.
        var outputs = new[] { new StringBuilder(), new StringBuilder() };
        using var workerA = _m.Start(Worker("a"), outputs[0]);
        using var workerB = _m.Start(Worker("b"), outputs[1]);
        var workers = new[] { workerA, workerB };
        var both = new StringBuilder();
        await Until(async () => workers.Any(w => w.HasExited) || await Scalar("SELECT COUNT(*) FROM qrtz_scheduler_state WHERE @phase = @phase", 0) >= 2, both, "both workers checked in");
        Assert.All(workers, w => Assert.False(w.HasExited, $"a worker exited:\n{MigratorProcesses.Text(outputs[0])}\n{MigratorProcesses.Text(outputs[1])}"));
        await _m.Ok("plan", "approve", "--phase", canary.Number.ToString(CultureInfo.InvariantCulture), "--by", "test");

        var executing = $"Step p{canary.Number}/";
        await Until(async () => workers.Any(w => w.HasExited)
            || (await CompletedForwardMutations(canary.Number) > 0 && outputs.Any(o => MigratorProcesses.Text(o).Contains(executing, StringComparison.Ordinal))), both, "a mutation journalled");
        var victim = MigratorProcesses.Text(outputs[0]).Contains(executing, StringComparison.Ordinal) ? 0 : 1;
        var survivor = 1 - victim;
        Assert.True(await CompletedForwardMutations(canary.Number) < mutationSteps, $"the phase finished before its worker could be killed; recovery was not exercised:\n{MigratorProcesses.Text(outputs[victim])}");
        workers[victim].Kill(entireProcessTree: true); // SIGKILL
        await workers[victim].WaitForExitAsync();
        // What the killed worker had sent but not journalled as done: the survivor re-sends exactly these.
        const string inFlight = "SELECT COUNT(*) FROM journal_entries WHERE phase = @phase AND direction = 'Forward' AND completed_at IS NULL AND step_kind = ";
        var trustInFlight = await Scalar(inFlight + "'AddPodIdentityTrust'", canary.Number);
        var createsInFlight = await Scalar(inFlight + "'CreateAssociation'", canary.Number);
        Assert.DoesNotContain(executing, MigratorProcesses.Text(outputs[survivor]), StringComparison.Ordinal);

        // The survivor recovers the job (requestRecovery) and resumes the phase from the journal to its end.
        await Until(async () => workers[survivor].HasExited
                || (await CompletedForwardMutations(canary.Number) == mutationSteps && MigratorProcesses.Text(outputs[survivor]).Contains("Recovering approved-phase execution", StringComparison.Ordinal)),
            outputs[survivor], "the phase finished by the surviving worker after recovering the killed one's job");
        Assert.False(workers[survivor].HasExited, $"the surviving worker exited:\n{MigratorProcesses.Text(outputs[survivor])}");
        Assert.Contains(executing, MigratorProcesses.Text(outputs[survivor]), StringComparison.Ordinal);
        await MigratorProcesses.Signal(workers[survivor], "TERM");
        await MigratorProcesses.ExitOf(workers[survivor], outputs[survivor], "the surviving worker");

        // Every mutation exactly once. A write the killed worker had sent but not journalled as done (in flight at the
        // kill) is re-sent by the survivor, idempotently (the same client request token at EKS, the same trust document
        // at IAM), so calls may exceed steps by those and no more; what was created may not: one association per
        // binding, one Migrator trust statement per role, and one committed journal entry per mutating step.
        var estate = Migrator.Sandbox.EstateFile.Parse(await http.GetStringAsync(new Uri("/admin/state", UriKind.Relative)), "admin/state");
        Assert.True(estate.Success, string.Join("\n", estate.Errors));
        var live = estate.Estate!;
        var associations = live.Clusters.SelectMany(c => c.PodIdentityAssociations.Select(a => (Key: $"{c.AccountId}/{c.Region}/{c.Name}/{a.Namespace}/{a.ServiceAccount}", a.RoleArn))).ToList();
        foreach (var b in canary.Bindings)
            Assert.Equal(b.RoleArn, Assert.Single(associations, a => a.Key == b.Key.ToString()).RoleArn);
        var trust = live.Accounts.SelectMany(a => a.Roles.Select(r => (Arn: a.RoleArn(r), r.TrustPolicy))).ToDictionary(x => x.Arn, x => x.TrustPolicy, StringComparer.Ordinal);
        foreach (var role in canary.Bindings.Select(b => b.RoleArn).Distinct(StringComparer.Ordinal))
            Assert.True(MigratorStatements(trust[role]) == 1, $"{role}: expected exactly one MigratorPodIdentity statement:\n{trust[role]}");
        using var counters = JsonDocument.Parse(await http.GetStringAsync(new Uri("/admin/counters", UriKind.Relative)));
        long Calls(string service, string operation) =>
            counters.RootElement.GetProperty("calls").TryGetProperty(service, out var ops) && ops.TryGetProperty(operation, out var n) ? n.GetInt64() : 0;
        var trustRoles = canary.Steps.Where(s => s.Kind == StepKind.AddPodIdentityTrust).Select(s => s.RoleArn).Distinct(StringComparer.Ordinal).Count();
        var associationSteps = canary.Steps.Count(s => s.Kind == StepKind.CreateAssociation);
        Assert.InRange(Calls("iam", "UpdateAssumeRolePolicy"), trustRoles, trustRoles + trustInFlight);
        Assert.InRange(Calls("eks", "CreatePodIdentityAssociation"), associationSteps, associationSteps + createsInFlight);
        Assert.Equal(mutationSteps, await Scalar(
            """
            SELECT COUNT(DISTINCT step_id) FROM journal_entries
            WHERE phase = @phase AND direction = 'Forward' AND status IN ('Succeeded', 'AlreadyDone') AND step_kind NOT IN ('VerifyPodIdentity', 'ManualRestart')
            """, canary.Number));
        Assert.Equal(0, await Scalar(
            """
            SELECT COUNT(*) FROM (SELECT step_id FROM journal_entries WHERE phase = @phase AND direction = 'Forward' AND status = 'Succeeded'
                                  AND step_kind NOT IN ('VerifyPodIdentity', 'ManualRestart') GROUP BY step_id HAVING COUNT(*) > 1) twice
            """, canary.Number));
    }
}
