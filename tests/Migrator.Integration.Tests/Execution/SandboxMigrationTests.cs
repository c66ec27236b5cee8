using Migrator.Cli;
using Migrator.Core.Planning;
using Migrator.Core.Trust;
using Migrator.Integration.Tests.Postgres;
using Migrator.Integration.Tests.Storage;
using Migrator.Sandbox;
using Migrator.Storage;

namespace Migrator.Integration.Tests.Execution;

/// <summary>
/// End to end through the CLI against the sandbox (real AWS and Kubernetes adapters over HTTP, SQLite journal):
/// inventory, assess, plan, approve and run every phase including cleanup, then roll everything back.
/// Each command starts the sandbox from the saved estate and saves it when it ends, as a rehearsal does.
/// </summary>
public sealed class SandboxMigrationTests() : SandboxMigrationCases(StorageProvider.Sqlite);

/// <summary>The same pipeline with its state in PostgreSQL (Storage:Provider postgres), a report included.</summary>
public sealed class PostgresSandboxMigrationTests() : SandboxMigrationCases(StorageProvider.Postgres), IPostgresVariant;

public abstract class SandboxMigrationCases(StorageProvider provider) : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private StorageUnderTest? _storage;
    private SandboxCli _cli = null!;

    public async Task InitializeAsync()
    {
        if (provider == StorageProvider.Postgres)
            _storage = await StorageUnderTest.CreateAsync(provider, TimeProvider.System);
        _cli = new SandboxCli(_dir, _storage?.CliArguments ?? []);
    }

    public async Task DisposeAsync()
    {
        if (_storage is not null)
            await _storage.DisposeAsync();
        _dir.Dispose();
    }

    private string StateFile => _cli.StateFile;

    private Task<(int Code, string Out, string Err)> Cli(params string[] args) => _cli.Cli(args);

    private Task<string> Ok(params string[] args) => _cli.Ok(args);

    private Estate Live() => EstateFile.Load(StateFile);

    private static Dictionary<string, string> Trust(Estate e) =>
        e.Accounts.SelectMany(a => a.Roles.Select(r => (Arn: a.RoleArn(r), r.TrustPolicy))).ToDictionary(x => x.Arn, x => x.TrustPolicy, StringComparer.Ordinal);

    private static Dictionary<string, string> Annotations(Estate e) =>
        e.Clusters.SelectMany(c => c.ServiceAccounts.Select(sa => (Key: $"{c.AccountId}/{c.Region}/{c.Name}/{sa.Namespace}/{sa.Name}",
            Value: string.Join(",", sa.Annotations.Where(a => a.Key.StartsWith("eks.amazonaws.com/", StringComparison.Ordinal)).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}")))))
            .ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);

    private static SortedSet<string> Associations(Estate e) =>
        new(e.Clusters.SelectMany(c => c.PodIdentityAssociations.Select(a => $"{c.AccountId}/{c.Region}/{c.Name}/{a.Namespace}/{a.ServiceAccount} -> {a.RoleArn}")), StringComparer.Ordinal);

    private static bool IrsaAllowed(string trust, string issuer, string ns, string sa, string account)
    {
        var policy = TrustPolicyParser.Parse(trust).Policy!;
        return TrustEvaluator.EvaluateIrsa(policy, new IrsaRequest("aws", account, issuer, ns, sa)).Allowed;
    }

    [StorageFact]
    public async Task Full_migration_then_rollback_returns_the_sandbox_to_its_original_trust_annotations_and_associations()
    {
        await Ok("inventory");
        await Ok("assess");
        await Ok("plan create");
        var original = Live();
        var (_, json, _) = await Cli("plan", "show", "--output", "json");
        var plan = PlanJson.Deserialize(json);
        var migrated = plan.Phases.Where(p => p.Kind is PhaseKind.Canary or PhaseKind.Wave).SelectMany(p => p.Bindings).ToList();
        Assert.NotEmpty(migrated);

        foreach (var phase in plan.Phases)
        {
            await Ok("plan", "approve", "--phase", phase.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), "--by", "integration-test");
            await Ok("phase", "run", phase.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var after = Live();
        var associations = Associations(after);
        foreach (var b in migrated)
            Assert.Contains($"{b.Key} -> {b.RoleArn}", associations);
        var trust = Trust(after);
        foreach (var b in migrated)
        {
            var decision = TrustEvaluator.EvaluatePodIdentity(TrustPolicyParser.Parse(trust[b.RoleArn]).Policy!, new PodIdentityRequest(b.Key.Cluster.Arn, b.Key.Namespace, b.Key.ServiceAccount));
            Assert.True(decision.Allowed, $"{b.Key.Display}: {decision.Summary}");
        }
        // Every IRSA binding the plan does not migrate keeps exactly the trust it had (other clusters, other SAs).
        var migratedKeys = migrated.Select(b => b.Key.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var c in original.Clusters.Where(c => c.OidcIssuer is not null))
        {
            foreach (var sa in c.ServiceAccounts.Where(s => s.RoleArn is not null && !migratedKeys.Contains($"{c.AccountId}/{c.Region}/{c.Name}/{s.Namespace}/{s.Name}")))
            {
                var before = Trust(original).GetValueOrDefault(sa.RoleArn!);
                if (before is null || !trust.ContainsKey(sa.RoleArn!))
                    continue;
                Assert.Equal(IrsaAllowed(before, c.OidcIssuer!, sa.Namespace, sa.Name, c.AccountId), IrsaAllowed(trust[sa.RoleArn!], c.OidcIssuer!, sa.Namespace, sa.Name, c.AccountId));
            }
        }
        // Roles the plan does not include are untouched, byte for byte.
        var planned = plan.Roles.Select(r => r.Arn).ToHashSet(StringComparer.Ordinal);
        foreach (var (arn, doc) in Trust(original).Where(t => !planned.Contains(t.Key)))
            Assert.Equal(doc, trust[arn]);

        // The report reads every run, the plan and the journal back from the state database.
        var reports = _dir.File("reports");
        await Ok("report", "--out", reports);
        Assert.NotEmpty(Directory.GetFiles(reports));
        if (_storage is not null)
            Assert.False(File.Exists(_dir.File("state.db")), "with Storage:Provider postgres no SQLite state file is written");

        foreach (var phase in plan.Phases.Where(p => p.Kind is PhaseKind.Canary or PhaseKind.Wave).Reverse())
            await Ok("phase", "rollback", phase.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var back = Live();
        Assert.Equal(Trust(original), Trust(back));
        Assert.Equal(Annotations(original), Annotations(back));
        Assert.Equal(Associations(original), Associations(back));
    }
}
