using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Migrator.Cli;
using Migrator.Integration.Tests.Execution;

namespace Migrator.Integration.Tests.Worker;

/// <summary>
/// Issues 18/19: the real worker process (`migrator worker --sandbox`) serves /healthz, /readyz, /metrics (strict
/// Prometheus text) and the latest reports over HTTP on the port it was given (0: any free port, printed at start).
/// </summary>
public sealed partial class WorkerHttpTests : IDisposable
{
    private readonly MigratorProcesses _m = new();

    public void Dispose() => _m.Dispose();

    [GeneratedRegex(@"http (http://[^ ,]+)")]
    private static partial Regex HttpAddress();

    [Fact]
    public async Task The_worker_serves_probes_metrics_and_reports_over_http()
    {
        var output = new StringBuilder();
        using var worker = _m.Start(["worker", "--sandbox", "--db", _m.Db, "--Sandbox:Generate:Clusters=2", "--Sandbox:Generate:ServiceAccounts=20",
            "--Worker:Http:Port=0", "--Worker:RunInventoryAtStart=true", $"--Worker:LivenessFile={_m.Dir.File("alive")}",
            $"--Reports:OutputPath={_m.Dir.File("reports")}"], output);
        await MigratorProcesses.WaitUntil(() => HttpAddress().IsMatch(MigratorProcesses.Text(output)), worker, output, "the worker printed its http address");
        var address = new Uri(HttpAddress().Match(MigratorProcesses.Text(output)).Groups[1].Value.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(1) };

        using (var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Contains("\"heartbeat\"", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            var body = await ready.Content.ReadAsStringAsync();
            Assert.True(ready.StatusCode == HttpStatusCode.OK, body);
            Assert.Contains("\"scheduler\":\"Running\"", body, StringComparison.Ordinal);
            Assert.Contains("\"database\":\"ok", body, StringComparison.Ordinal);
        }

        // The inventory at start ends with its reports; the metrics then show its run.
        await MigratorProcesses.WaitUntil(() => MigratorProcesses.Text(output).Contains("Scheduled inventory finished", StringComparison.Ordinal), worker, output, "the inventory at start finished");
        // A plan lock recorded by another executor (as `phase run` records it) shows with its holder.
        using (var db = new SqliteConnection($"Data Source={_m.Db};Pooling=False"))
        {
            db.Open();
            using var insert = db.CreateCommand();
            insert.CommandText = "INSERT INTO plan_locks (plan_id, holder, acquired_at) VALUES ('plan-x', 'host-a pid 42 \"phase run 1\"', '2026-01-01T00:00:00.0000000+00:00')";
            insert.ExecuteNonQuery();
        }

        using var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.StartsWith("text/plain", metrics.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var families = PrometheusText.Parse(await metrics.Content.ReadAsStringAsync());

        Assert.Equal(1, Assert.Single(families["migrator_inventory_runs"].Samples).Value);
        Assert.Equal("gauge", families["migrator_bindings"].Type);
        var bindings = families["migrator_bindings"].Samples;
        Assert.Contains(bindings, s => s.Label("category") == "Ready");
        Assert.True(bindings.Sum(s => s.Value) > 0, "the assessment's bindings are counted by category");
        var calls = families["migrator_aws_api_calls_total"];
        Assert.Equal("counter", calls.Type);
        foreach (var service in new[] { "eks", "iam", "sts" })
            Assert.Contains(calls.Samples, s => s.Label("service") == service && s.Label("outcome") == "ok" && s.Value > 0);
        Assert.Contains("migrator_aws_api_throttles_total", families.Keys);
        Assert.Contains(families["migrator_kubernetes_api_calls_total"].Samples, s => s.Label("outcome") == "ok" && s.Value > 0);
        var jobs = families["migrator_job_duration_seconds"];
        Assert.Equal("histogram", jobs.Type);
        Assert.Contains(jobs.Samples, s => s.Name == "migrator_job_duration_seconds_count" && s.Label("job") == "inventory-assess-report" && s.Value == 1);
        Assert.Contains(families["migrator_phase_steps"].Samples, s => s.Label("state") == "total" && s.Value > 0);
        var lockHeld = Assert.Single(families["migrator_plan_lock_held"].Samples);
        Assert.Equal(("plan-x", "host-a pid 42 \"phase run 1\""), (lockHeld.Label("plan"), lockHeld.Label("holder")));

        using (var html = await http.GetAsync(new Uri("/reports/latest.html", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, html.StatusCode);
            Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<html", await html.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("latest.csv", await http.GetStringAsync(new Uri("/reports/", UriKind.Relative)), StringComparison.Ordinal);
        foreach (var outside in new[] { "/reports/..%2Fstate.db", "/reports/.hidden", "/reports/missing.html" })
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(outside, UriKind.Relative))).StatusCode);
        using (var post = await http.PostAsync(new Uri("/reports/latest.html", UriKind.Relative), new StringContent("x")))
            Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);

        await MigratorProcesses.Signal(worker, "TERM");
        Assert.Equal(ExitCodes.Ok, await MigratorProcesses.ExitOf(worker, output, "the worker after SIGTERM"));
    }

    [Fact]
    public async Task A_port_in_use_is_refused_with_the_setting_to_change()
    {
        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var (code, output) = await _m.Run("worker", "--sandbox", "--db", _m.Db, "--Sandbox:Generate:Clusters=1", "--Sandbox:Generate:ServiceAccounts=5",
            $"--Worker:Http:Port={port}", $"--Worker:LivenessFile={_m.Dir.File("alive")}");

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains($"cannot serve HTTP on http://0.0.0.0:{port}", output, StringComparison.Ordinal);
        Assert.Contains("Worker:Http:Port", output, StringComparison.Ordinal);
        Cli.CliRun.AssertClean(output);
    }

    [Fact]
    public void The_strict_parser_refuses_what_the_format_forbids()
    {
        foreach (var bad in new[]
        {
            "a 1",                                            // no final newline
            "a{b=\"1\"} x\n",                                 // bad value
            "# TYPE a counter\na 1\n# TYPE a counter\n",      // TYPE twice
            "a 1\nb 1\na 2\n",                                // family interleaved
            "a{b=\"1\",b=\"2\"} 1\n",                         // label twice
            "a{b=\"\\t\"} 1\n",                               // bad escape
            "a 1\na 1\n",                                     // series repeated
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n", // no +Inf bucket
            "# TYPE c counter\nc -1\n",                       // a counter below 0
        })
            Assert.Throws<FormatException>(() => PrometheusText.Parse(bad));
        var ok = PrometheusText.Parse("# HELP a A thing\n# TYPE a gauge\na{b=\"x\\\"y\\\\z\\n\"} -1.5e3\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n");
        Assert.Equal("x\"y\\z\n", ok["a"].Samples[0].Label("b"));
    }
}
