using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Migrator.Cli;
using Migrator.Core.Inventory;
using Migrator.Integration.Tests.Storage;
using Migrator.Storage;
using Migrator.Storage.Inventory;

namespace Migrator.Integration.Tests.Inventory;

public sealed class RunsVerbTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private string Db => _dir.File("state.db");

    public void Dispose() => _dir.Dispose();

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync([.. args, "--db", Db], stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task<long> Seed(InventorySnapshot snapshot)
    {
        using var factory = new SqliteConnectionFactory(Db, new SchemaMigrator(), new FakeTimeProvider(At));
        return await new SqliteInventoryStore(factory).SaveSnapshotAsync(snapshot, CancellationToken.None);
    }

    private static InventorySnapshot WithNewBinding(InventorySnapshot s) => s with
    {
        StartedAt = s.StartedAt.AddHours(1),
        ServiceAccounts =
        [
            .. s.ServiceAccounts,
            new ServiceAccountRecord
            {
                Cluster = SnapshotSamples.Prod, Namespace = "shop", Name = "cart",
                Annotations = new Dictionary<string, string> { [ServiceAccountRecord.RoleArnAnnotation] = "arn:aws:iam::111111111111:role/cart" },
            },
        ],
    };

    [Fact]
    public async Task Runs_list_shows_stored_runs_newest_first()
    {
        var first = await Seed(SnapshotSamples.Full(At));
        var second = await Seed(WithNewBinding(SnapshotSamples.Full(At)));

        var (code, text, _) = await Run("runs", "list");
        Assert.Equal(ExitCodes.Ok, code);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("  RUN", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{second,5}  2026-11-28 10:00:00", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{first,5}  2026-11-28 09:00:00", lines[2], StringComparison.Ordinal);
        Assert.Contains("partial", lines[2], StringComparison.Ordinal);

        var (jsonCode, json, _) = await Run("runs", "list", "--output", "json");
        Assert.Equal(ExitCodes.Ok, jsonCode);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal([second, first], doc.RootElement.EnumerateArray().Select(r => r.GetProperty("runId").GetInt64()));
        Assert.Equal(2, doc.RootElement[0].GetProperty("bindings").GetInt32());
        Assert.Equal("Partial", doc.RootElement[1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Runs_list_on_an_empty_state_file_says_how_to_start()
    {
        var (code, text, _) = await Run("runs", "list");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("migrator inventory", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_show_prints_the_latest_run_or_the_one_named()
    {
        var first = await Seed(SnapshotSamples.Full(At));
        var second = await Seed(WithNewBinding(SnapshotSamples.Full(At)));

        var (code, text, _) = await Run("runs", "show");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.StartsWith($"run {second}: partial", text, StringComparison.Ordinal);
        Assert.Contains("111111111111/us-east-1/prod: k8s 1.31 (eks.12), agent built in (Auto Mode), nodes Ec2Linux 3, Fargate 1", text, StringComparison.Ordinal);
        Assert.Contains("2 IRSA bindings, 2 associations, 2 pods", text, StringComparison.Ordinal);
        Assert.Contains("222222222222/eu-west-1/dev: NOT COLLECTED: ListPods: 403 Forbidden", text, StringComparison.Ordinal);

        var (jsonCode, json, _) = await Run("runs", "show", first.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", "json");
        Assert.Equal(ExitCodes.Ok, jsonCode);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(first, doc.RootElement.GetProperty("runId").GetInt64());
        Assert.Equal(2, doc.RootElement.GetProperty("serviceAccounts").GetArrayLength());
        Assert.Equal("Irsa", doc.RootElement.GetProperty("pods")[0].GetProperty("credentialMode").GetString());
    }

    [Fact]
    public async Task Runs_show_of_a_missing_run_is_invalid_input_and_a_bad_id_is_usage()
    {
        await Seed(SnapshotSamples.Full(At));

        var (code, _, err) = await Run("runs", "show", "99");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("run 99 is not stored", err, StringComparison.Ordinal);

        var (usage, _, usageErr) = await Run("runs", "show", "latest");
        Assert.Equal(ExitCodes.Usage, usage);
        Assert.Contains("'latest' is not a run id", usageErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_diff_compares_previous_with_latest_by_default()
    {
        var first = await Seed(SnapshotSamples.Full(At));
        var second = await Seed(WithNewBinding(SnapshotSamples.Full(At)));

        var (code, json, _) = await Run("runs", "diff", "--output", "json");
        Assert.Equal(ExitCodes.Ok, code);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(first, doc.RootElement.GetProperty("fromRunId").GetInt64());
        Assert.Equal(second, doc.RootElement.GetProperty("toRunId").GetInt64());
        var added = Assert.Single(doc.RootElement.GetProperty("newBindings").EnumerateArray());
        Assert.Equal("prod/shop/cart", added.GetProperty("key").GetProperty("display").GetString());
        // prod had an (add-on) association only: no regression.
        Assert.Equal(0, doc.RootElement.GetProperty("regressions").GetArrayLength());

        var (textCode, text, _) = await Run("runs", "diff", first.ToString(System.Globalization.CultureInfo.InvariantCulture), first.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ExitCodes.Ok, textCode);
        Assert.Contains("no changes", text, StringComparison.Ordinal);

        var (reverseCode, reverse, _) = await Run("runs", "diff", second.ToString(System.Globalization.CultureInfo.InvariantCulture), first.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ExitCodes.Ok, reverseCode);
        Assert.Contains("removed IRSA bindings (1):", reverse, StringComparison.Ordinal);
        Assert.Contains("prod/shop/cart", reverse, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_diff_needs_two_runs()
    {
        await Seed(SnapshotSamples.Full(At));
        var (code, _, err) = await Run("runs", "diff");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("needs two stored runs of the same scope; 1 stored", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unusable_db_path_is_invalid_input_naming_the_file()
    {
        var blocker = _dir.File("file");
        await File.WriteAllTextAsync(blocker, "x");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["runs", "list", "--db", Path.Combine(blocker, "state.db")], stdout, stderr, CancellationToken.None);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains(Path.Combine(blocker, "state.db"), stderr.ToString(), StringComparison.Ordinal);
    }
}
