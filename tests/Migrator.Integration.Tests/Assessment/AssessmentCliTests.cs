using System.Text.Json;
using Migrator.Cli;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Storage;
using Migrator.Storage.Assessment;
using Migrator.Storage.Inventory;

namespace Migrator.Integration.Tests.Assessment;

/// <summary>assess and explain end to end over a real SQLite state file.</summary>
public sealed class AssessmentCliTests : IDisposable
{
    private const string Account = "111111111111";
    private static readonly ClusterRef East = new(Account, "us-east-1", "prod");
    private static readonly ClusterRef West = new(Account, "us-west-2", "prod");
    private readonly string _dir = Directory.CreateTempSubdirectory("assess-cli-").FullName;
    private string Db => Path.Combine(_dir, "state.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string IssuerOf(ClusterRef c) => $"oidc.eks.{c.Region}.amazonaws.com/id/{(c == East ? "EAST0000000000000000000000000000" : "WEST0000000000000000000000000000")}";

    private static string Trust(ClusterRef c, string ns, string sa) => $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::{{Account}}:oidc-provider/{{IssuerOf(c)}}"},
        "Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"{{IssuerOf(c)}}:sub":"system:serviceaccount:{{ns}}:{{sa}}","{{IssuerOf(c)}}:aud":"sts.amazonaws.com"} } }]}
        """;

    private static InventorySnapshot Snapshot()
    {
        ClusterInventory Cluster(ClusterRef c) => new()
        {
            Ref = c, KubernetesVersion = "1.30", PlatformVersion = "eks.8", OidcIssuer = "https://" + IssuerOf(c), PodIdentityAgentStatus = "ACTIVE",
        };
        ServiceAccountRecord Sa(ClusterRef c, string ns, string name, string role) => new()
        {
            Cluster = c, Namespace = ns, Name = name, Annotations = new Dictionary<string, string> { [ServiceAccountRecord.RoleArnAnnotation] = role },
        };
        PodRecord Pod(ClusterRef c, string ns, string sa, string role, Placement placement) => new()
        {
            Cluster = c, Namespace = ns, Name = $"{sa}-abc", ServiceAccountName = sa, NodeName = "node-1", Placement = placement,
            CredentialMode = CredentialMode.Irsa, InjectedRoleArn = role,
        };
        var orders = $"arn:aws:iam::{Account}:role/orders";
        var batch = $"arn:aws:iam::{Account}:role/batch";
        return new InventorySnapshot
        {
            StartedAt = DateTimeOffset.Parse("2026-11-28T09:00:00Z"),
            CompletedAt = DateTimeOffset.Parse("2026-11-28T09:01:00Z"),
            Status = RunStatus.Complete,
            Clusters = [Cluster(East), Cluster(West)],
            ServiceAccounts = [Sa(East, "shop", "orders", orders), Sa(West, "shop", "orders", $"arn:aws:iam::{Account}:role/orders-west"), Sa(East, "jobs", "batch", batch), Sa(East, "old", "unused", batch)],
            Pods = [Pod(East, "shop", "orders", orders, Placement.Ec2Linux), Pod(West, "shop", "orders", $"arn:aws:iam::{Account}:role/orders-west", Placement.Ec2Linux), Pod(East, "jobs", "batch", batch, Placement.Fargate)],
            Roles =
            [
                new RoleRecord { Arn = orders, AccountId = Account, Name = "orders", TrustPolicy = Trust(East, "shop", "orders") },
                new RoleRecord { Arn = $"arn:aws:iam::{Account}:role/orders-west", AccountId = Account, Name = "orders-west", TrustPolicy = Trust(West, "shop", "orders") },
                new RoleRecord { Arn = batch, AccountId = Account, Name = "batch", TrustPolicy = Trust(East, "jobs", "batch") },
            ],
            OidcProviders =
            [
                new OidcProviderRecord { AccountId = Account, Arn = $"arn:aws:iam::{Account}:oidc-provider/{IssuerOf(East)}", Url = IssuerOf(East), ClientIds = ["sts.amazonaws.com"] },
                new OidcProviderRecord { AccountId = Account, Arn = $"arn:aws:iam::{Account}:oidc-provider/{IssuerOf(West)}", Url = IssuerOf(West), ClientIds = ["sts.amazonaws.com"] },
            ],
        };
    }

    private async Task<long> SeedAsync()
    {
        using var factory = new SqliteConnectionFactory(Db, new SchemaMigrator(), TimeProvider.System);
        return await new SqliteInventoryStore(factory).SaveSnapshotAsync(Snapshot(), CancellationToken.None);
    }

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync([.. args, "--db", Db], stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Assess_prints_the_summary_and_saves_an_assessment_that_loads_back_identically()
    {
        var runId = await SeedAsync();
        var (code, output, err) = await RunAsync("assess");
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains($"Assessment of inventory run {runId}", output, StringComparison.Ordinal);
        Assert.Contains("KeepIrsa", output, StringComparison.Ordinal);
        Assert.Contains($"{Account}/us-east-1/prod", output, StringComparison.Ordinal);
        Assert.Contains("keep.fargate", output, StringComparison.Ordinal);

        using var factory = new SqliteConnectionFactory(Db, new SchemaMigrator(), TimeProvider.System);
        var stored = await new SqliteAssessmentStore(factory).LoadAsync(null, CancellationToken.None);
        Assert.NotNull(stored);
        var snapshot = await new SqliteInventoryStore(factory).LoadSnapshotAsync(runId, CancellationToken.None);
        var fresh = Assessor.Assess(snapshot!, new AssessmentSettings(), stored!.AssessedAt);
        Assert.Equal(JsonSerializer.Serialize(fresh), JsonSerializer.Serialize(stored));
        Assert.Equal(BindingCategory.KeepIrsa, stored.Bindings.Single(b => b.Key.ServiceAccount == "batch").Category);
        // The batch role does not trust old/unused either: Broken outranks Unused, both reasons are kept.
        var unused = stored.Bindings.Single(b => b.Key.ServiceAccount == "unused");
        Assert.Equal(BindingCategory.Broken, unused.Category);
        Assert.Equal([ReasonCodes.TrustDenies, ReasonCodes.SharedRole, ReasonCodes.NoWorkloads], unused.Reasons.Select(r => r.Code));

        // The report's trend reads only the counts, from the store.
        var counts = await new SqliteAssessmentStore(factory).LoadCategoryCountsAsync(runId, CancellationToken.None);
        Assert.Equal(stored.Bindings.GroupBy(b => b.Category).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())), counts!.OrderBy(c => c.Key).Select(c => (c.Key, c.Value)));
        Assert.Null(await new SqliteAssessmentStore(factory).LoadCategoryCountsAsync(runId + 1, CancellationToken.None));
    }

    [Fact]
    public async Task Assessment_rows_saved_before_the_lifecycle_column_load_with_a_lifecycle_from_their_category()
    {
        await SeedAsync();
        Assert.Equal(ExitCodes.Ok, (await RunAsync("assess")).Code);
        using var factory = new SqliteConnectionFactory(Db, new SchemaMigrator(), TimeProvider.System);
        await using (var connection = await factory.OpenAsync(CancellationToken.None))
        {
            // What migration 005 leaves on rows written before it: no lifecycle, irsa_annotated defaulted to 1.
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE assessment_bindings SET lifecycle = NULL, association_role_arn = NULL; UPDATE assessment_bindings SET category = 'Migrated' WHERE service_account = 'batch'";
            await command.ExecuteNonQueryAsync();
        }

        var stored = await new SqliteAssessmentStore(factory).LoadAsync(null, CancellationToken.None);

        Assert.All(stored!.Bindings, b => Assert.True(b.IrsaAnnotated));
        Assert.Equal(IdentityLifecycle.CutOver, stored.Bindings.Single(b => b.Key.ServiceAccount == "batch").Lifecycle);
        Assert.All(stored.Bindings.Where(b => b.Key.ServiceAccount != "batch"), b => Assert.Equal(IdentityLifecycle.Irsa, b.Lifecycle));
    }

    [Fact]
    public async Task Assess_again_replaces_the_runs_assessment()
    {
        await SeedAsync();
        Assert.Equal(ExitCodes.Ok, (await RunAsync("assess")).Code);
        Assert.Equal(ExitCodes.Ok, (await RunAsync("assess", "--Assessment:Weights:keep.fargate=10")).Code);
        using var factory = new SqliteConnectionFactory(Db, new SchemaMigrator(), TimeProvider.System);
        var stored = await new SqliteAssessmentStore(factory).LoadAsync(null, CancellationToken.None);
        // keep.fargate weighs 10 instead of 80; coordinate.shared-role (with old/unused) keeps its 15.
        Assert.Equal(100 - 10 - 15, stored!.Bindings.Single(b => b.Key.ServiceAccount == "batch").Score);
    }

    [Fact]
    public async Task Assess_and_report_write_one_binding_csv_schema_with_the_same_rows()
    {
        var runId = await SeedAsync();
        var assess = await RunAsync("assess", "--output", "csv");
        Assert.Equal(ExitCodes.Ok, assess.Code);
        var reports = Path.Combine(_dir, "reports");
        var report = await RunAsync("report", "--format", "csv", "--out", reports);
        Assert.True(report.Code == ExitCodes.Ok, report.Err);

        var fromAssess = Reports.CsvTable.Parse(assess.Out);
        var fromReport = Reports.CsvTable.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "latest.csv")));
        Assert.Equal(fromAssess.Header, fromReport.Header);
        Assert.Equal(4, fromReport.Rows.Count);
        static string Key(Dictionary<string, string> r) => $"{r["account"]}/{r["region"]}/{r["cluster"]}/{r["namespace"]}/{r["service_account"]}";
        var byKey = fromReport.Rows.ToDictionary(Key, StringComparer.Ordinal);
        foreach (var row in fromAssess.Rows)
            Assert.Equal(row, byKey[Key(row)]);
        Assert.All(fromReport.Rows, r => Assert.Equal(runId.ToString(System.Globalization.CultureInfo.InvariantCulture), r["run_id"]));
    }

    [Fact]
    public async Task Assess_outputs_csv_and_json()
    {
        await SeedAsync();
        var csv = await RunAsync("assess", "--output", "csv");
        var (header, rows) = Reports.CsvTable.Parse(csv.Out);
        Assert.Equal(Migrator.Reports.Rendering.BindingCsv.Header, header);
        Assert.Equal(4, rows.Count);
        var batch = rows.Single(r => r["namespace"] == "jobs" && r["service_account"] == "batch");
        Assert.Equal("KeepIrsa", batch["category"]);
        Assert.Contains("keep.fargate", batch["reason_codes"].Split(';'));

        var json = await RunAsync("assess", "--output", "json");
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal(4, doc.RootElement.GetProperty("bindings").GetArrayLength());
        Assert.Equal("KeepIrsa", doc.RootElement.GetProperty("bindings")[0].GetProperty("category").GetString());
    }

    [Fact]
    public async Task Explain_prints_every_reason_with_evidence_and_action()
    {
        await SeedAsync();
        await RunAsync("assess");
        var (code, output, err) = await RunAsync("explain", "prod/jobs/batch");
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("category:  KeepIrsa", output, StringComparison.Ordinal);
        Assert.Contains("[Blocker] keep.fargate", output, StringComparison.Ordinal);
        Assert.Contains("evidence: prod/jobs/batch: pod batch-abc on node node-1", output, StringComparison.Ordinal);
        Assert.Contains("[Warning] coordinate.shared-role", output, StringComparison.Ordinal);
        Assert.Contains("action:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_asks_for_account_and_region_when_the_cluster_name_is_ambiguous()
    {
        await SeedAsync();
        var ambiguous = await RunAsync("explain", "prod/shop/orders");
        Assert.Equal(ExitCodes.InvalidInput, ambiguous.Code);
        Assert.Contains($"{Account}/us-east-1/prod/shop/orders", ambiguous.Err, StringComparison.Ordinal);
        Assert.Contains($"{Account}/us-west-2/prod/shop/orders", ambiguous.Err, StringComparison.Ordinal);

        var exact = await RunAsync("explain", $"{Account}/us-west-2/prod/shop/orders", "--output", "json");
        Assert.Equal(ExitCodes.Ok, exact.Code);
        using var doc = JsonDocument.Parse(exact.Out);
        Assert.Equal("us-west-2", doc.RootElement.GetProperty("binding").GetProperty("key").GetProperty("cluster").GetProperty("region").GetString());
    }

    [Fact]
    public async Task Explain_unknown_binding_lists_near_matches()
    {
        await SeedAsync();
        var (code, _, err) = await RunAsync("explain", "prod/jobs/bacth");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("no IRSA binding 'prod/jobs/bacth'", err, StringComparison.Ordinal);
        Assert.Contains("Near matches: prod/jobs/batch", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_assessment_configuration_is_reported_by_path()
    {
        await SeedAsync();
        var (code, _, err) = await RunAsync("assess", "--Assessment:CanaryMinimumScore=500", "--Assessment:Weights:keep.nope=3");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("Assessment:CanaryMinimumScore: 500 is outside 0..100.", err, StringComparison.Ordinal);
        Assert.Contains("Assessment:Weights:keep.nope: unknown reason code", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_without_inventory_is_invalid_input()
    {
        var (code, _, err) = await RunAsync("assess");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("no inventory run is stored yet", err, StringComparison.Ordinal);
    }
}
