using Microsoft.Data.Sqlite;
using Migrator.Cli;
using Migrator.Core.Planning;
using Migrator.Integration.Tests.Storage;
using Migrator.Sandbox;

namespace Migrator.Integration.Tests.Evidence;

/// <summary>
/// Issue 17 end to end through the CLI against the sandbox (examples/estate.evidence.json): the inventory stores each
/// identity's recorded use; the cleanup proceeds on CloudTrail evidence for the bindings whose pods moved to Pod
/// Identity, holds shop/billing (its application keeps assuming the role with a token file) with the event as evidence,
/// and cleans it up only after an override with a recorded reason.
/// </summary>
public sealed class EvidenceRehearsalTests : IDisposable
{
    private const string Billing = "111122223333/us-east-1/prod/shop/billing";
    private readonly TempDirectory _dir = new();
    private bool _started;

    public void Dispose() => _dir.Dispose();

    private string Db => _dir.File("state.db");
    private string StateFile => _dir.File("estate.json");

    private async Task<(int Code, string Out)> Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        List<string> common =
        [
            "--sandbox", "--db", Db, $"--Sandbox:StateFile={StateFile}",
            "--Planning:SoakPeriod=00:00:00", "--Planning:CanarySize=3", "--Planning:MaxWaveSize=8",
            "--Execution:VerifyInterval=00:00:01", "--Execution:RetryBaseDelay=00:00:00.200",
        ];
        // --estate starts the rehearsal; once it exists the saved state is continued.
        if (!_started)
            common.AddRange(["--estate", RepoFile("examples/estate.evidence.json")]);
        var code = await CommandLine.RunAsync([.. args, .. common], stdout, stderr, CancellationToken.None);
        _started = true;
        return (code, stdout + "\n" + stderr);
    }

    private async Task<string> Ok(params string[] args)
    {
        var (code, output) = await Cli(args);
        Assert.True(code == ExitCodes.Ok, $"migrator {string.Join(' ', args)} exited {code}\n{output}");
        return output;
    }

    [Fact]
    public async Task Cleanup_proceeds_on_evidence_holds_the_binding_still_using_irsa_and_takes_a_recorded_override()
    {
        await Ok("inventory");
        Assert.True(Scalar("SELECT irsa_count FROM inventory_usage WHERE service_account = 'billing'") > 0, "the inventory records billing's IRSA use");
        Assert.True(Scalar("SELECT pod_identity_count FROM inventory_usage WHERE service_account = 'catalog'") > 0, "the inventory records catalog's Pod Identity use");
        Assert.Equal(0, Scalar("SELECT count(*) FROM inventory_roles WHERE name = 'orders' AND last_used_at IS NULL"));
        await Ok("assess");
        await Ok("plan", "create");
        var plan = PlanJson.Deserialize(await Ok("plan", "show", "--output", "json"));
        var migration = Assert.Single(plan.Phases, p => p.Kind != PhaseKind.Cleanup && p.Bindings.Any(b => b.Key.ServiceAccount == "billing"));
        Assert.Equal(["billing", "orders", "reports"], migration.Bindings.Select(b => b.Key.ServiceAccount).Order());
        var cleanup = plan.Phases.Single(p => p.CleanupOf == migration.Number).Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var n = migration.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Ok("plan", "approve", "--phase", "0", "--by", "test");
        await Ok("phase", "run", "0");
        await Ok("plan", "approve", "--phase", n, "--by", "test");
        await Ok("phase", "run", n);
        await Ok("plan", "approve", "--phase", cleanup, "--by", "test");
        var dryRun = await Ok("phase", "run", cleanup, "--dry-run");
        Assert.Contains("aws cloudtrail lookup-events --region us-east-1 --lookup-attributes AttributeKey=EventName,AttributeValue=AssumeRoleForPodIdentity", dryRun, StringComparison.Ordinal);

        var first = await Ok("phase", "run", cleanup);

        Assert.Contains("held: IRSA still in use", first, StringComparison.Ordinal);
        Assert.Contains("AssumeRoleWithWebIdentity at", first, StringComparison.Ordinal);
        Assert.Equal(["billing"], Annotated());
        var held = Text($"SELECT message FROM journal_entries WHERE status = 'Held' AND binding = '{Billing}'");
        Assert.Contains("system:serviceaccount:shop:billing", held, StringComparison.Ordinal);
        Assert.Equal(2, Scalar("SELECT count(*) FROM journal_entries WHERE status = 'EvidenceCleared'"));

        // The report shows the evidence per cleanup phase.
        await Ok("report", "--format", "md", "--out", _dir.File("reports"));
        var markdown = string.Concat(Directory.GetFiles(_dir.File("reports"), "*.md", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.Contains("Evidence of the cut-over", markdown, StringComparison.Ordinal);
        Assert.Contains("held: IRSA still in use", markdown, StringComparison.Ordinal);

        // Run again: the token file is still used, so billing is held again (and the bindings already cleaned are not re-judged).
        var again = await Ok("phase", "run", cleanup);
        Assert.Contains("held: IRSA still in use", again, StringComparison.Ordinal);
        Assert.Equal(2, Scalar("SELECT count(*) FROM journal_entries WHERE status = 'Held'"));
        Assert.Equal(2, Scalar("SELECT count(*) FROM journal_entries WHERE status = 'EvidenceCleared'"));
        Assert.Equal(["billing"], Annotated());

        var (refused, usage) = await Cli("plan", "approve", "--phase", cleanup, "--by", "ops", "--override-evidence", "prod/shop/billing");
        Assert.True(refused == ExitCodes.Usage, $"an override without a reason is refused\n{usage}");
        await Ok("plan", "approve", "--phase", cleanup, "--by", "ops", "--override-evidence", "prod/shop/billing", "--reason", "the batch host holding a copy of the token was retired");
        var overridden = await Ok("phase", "run", cleanup);

        Assert.Empty(Annotated());
        Assert.Contains("overridden by ops", Text($"SELECT message FROM journal_entries WHERE status = 'EvidenceCleared' AND binding = '{Billing}'"), StringComparison.Ordinal);
        Assert.Contains("Succeeded", overridden, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_whose_cloudtrail_sweeps_stop_at_the_page_budget_ends_noting_them_and_shortens_the_windows_they_cover()
    {
        // Hourly credential use for a week: about 1,000 IRSA events in us-east-1, 20 pages; the budget allows 2.
        var run = await Ok("run", "--Sandbox:Realism:CredentialUseInterval=01:00:00", "--Evidence:MaxPagesPerSweep=2");

        Assert.Contains("reading CloudTrail: sweeps", run, StringComparison.Ordinal);
        Assert.True(run.Contains("2 notes ('migrator runs show 1", StringComparison.Ordinal), run);
        var note = Text("SELECT message FROM inventory_notes WHERE scope = 'cloudtrail' AND operation = 'LookupEvents AssumeRoleWithWebIdentity'");
        Assert.Contains("stopped at the page budget (2 pages, Evidence:MaxPagesPerSweep)", note, StringComparison.Ordinal);
        // Each identity's window starts where the sweep stopped, within the last week but well after its start.
        var windows = Read("SELECT count(DISTINCT window_start) FROM inventory_usage");
        Assert.Equal(1L, windows);
        var start = DateTimeOffset.Parse(Text("SELECT window_start FROM inventory_usage LIMIT 1"), System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse(Text("SELECT window_end FROM inventory_usage LIMIT 1"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(end - start, TimeSpan.FromHours(1), TimeSpan.FromDays(6));
        Assert.Contains("note", await Ok("runs", "show", "1"), StringComparison.Ordinal);
    }

    private List<string> Annotated() => EstateFile.Load(StateFile).Clusters.Single().ServiceAccounts
        .Where(s => s.Annotations.ContainsKey("eks.amazonaws.com/role-arn")).Select(s => s.Name).Order().ToList();

    private long Scalar(string sql) => Convert.ToInt64(Read(sql) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);

    private string Text(string sql) => Read(sql) as string ?? "";

    private object? Read(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Migrator.sln")))
            dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Migrator.sln not found"), relative);
    }
}
