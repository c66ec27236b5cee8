using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Migrator.Cli;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory.Collection;
using Migrator.Core.Planning;
using Migrator.Core.Ports;
using Migrator.Reports;
using Migrator.Sandbox;
using Migrator.SandboxHosting;

namespace Migrator.Benchmarks;

/// <summary>
/// Generates a sandbox estate with latency and per-API rate limits, runs the real inventory through the real clients,
/// then assessment, planning and reporting, and compares the inventory's wall time with the floor the APIs allow.
/// </summary>
public static class EstateBenchmark
{
    private static readonly (SandboxService Service, string Name)[] Apis =
        [(SandboxService.Eks, "eks"), (SandboxService.Iam, "iam"), (SandboxService.Sts, "sts"), (SandboxService.Kubernetes, "kubernetes")];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task<int> RunAsync(BenchOptions o, TextWriter output, CancellationToken ct)
    {
        var work = Directory.CreateTempSubdirectory("migrator-bench-");
        var rates = new Dictionary<SandboxService, double>
        {
            [SandboxService.Eks] = o.EksRate, [SandboxService.Iam] = o.IamRate,
            [SandboxService.Sts] = o.StsRate, [SandboxService.Kubernetes] = o.KubernetesRate,
        };
        var overrides = new Dictionary<string, string?>
        {
            ["Sandbox:StateFile"] = Path.Combine(work.FullName, "state.json"),
            ["Sandbox:Generate:Clusters"] = Str(o.Clusters),
            ["Sandbox:Generate:ServiceAccounts"] = Str(o.ServiceAccounts),
            ["Sandbox:Generate:Accounts"] = Str(o.Accounts),
            ["Sandbox:Generate:Seed"] = Str(o.Seed),
            ["Sandbox:Realism:LatencyMs"] = Str(o.LatencyMs),
            ["Aws:MaxConcurrencyPerApi"] = Str(o.Concurrency),
            // The tool paces itself to the APIs' published rates instead of being throttled into retries.
            ["Aws:RequestsPerSecond:Eks"] = o.EksRate.ToString(CultureInfo.InvariantCulture),
            ["Aws:RequestsPerSecond:Iam"] = o.IamRate.ToString(CultureInfo.InvariantCulture),
            ["Inventory:MaxParallelClusters"] = Str(o.ParallelClusters),
        };
        foreach (var (service, rate) in rates)
            overrides[$"Sandbox:Realism:RateLimits:{service}"] = rate.ToString(CultureInfo.InvariantCulture);

        var global = new GlobalOptions { Sandbox = true, Database = Path.Combine(work.FullName, "bench.db") };
        output.WriteLine($"generating and serving {o.Clusters} clusters, {o.ServiceAccounts} ServiceAccounts, {o.Accounts} accounts (seed {o.Seed}); latency {o.LatencyMs} ms; rates/s EKS {o.EksRate}, IAM {o.IamRate}, STS {o.StsRate}, Kubernetes {o.KubernetesRate}");
        var sw = Stopwatch.StartNew();
        using var host = await MigratorHost.BuildAsync(global, overrides, new BenchVerb(), ct);
        var startup = sw.Elapsed;
        var sandbox = host.Services.GetRequiredService<SandboxSession>().Server;
        var rssBefore = Process.GetCurrentProcess().WorkingSet64;
        var services = host.Services;

        // Inventory: the measured part, bound by API latency and throttling.
        sandbox.Counters.Reset();
        var collector = new InventoryCollector(services.GetRequiredService<IEksApi>(), services.GetRequiredService<IIamApi>(),
            services.GetRequiredService<IKubernetesEstate>(), TimeProvider.System);
        var scopes = services.GetRequiredService<IAccountScopes>().GetScopes();
        sw.Restart();
        var snapshot = await collector.CollectAsync(new InventoryRequest { Accounts = scopes, MaxParallelClusters = o.ParallelClusters }, null, ct);
        var inventoryWall = sw.Elapsed;
        var counters = sandbox.Counters.Snapshot();

        sw.Restart();
        var runId = await services.GetRequiredService<IInventoryStore>().SaveSnapshotAsync(snapshot, ct);
        snapshot = snapshot with { RunId = runId };
        var storeTime = sw.Elapsed;

        sw.Restart();
        var assessment = Assessor.Assess(snapshot, services.GetRequiredService<IOptions<AssessmentSettings>>().Value, DateTimeOffset.UtcNow);
        var assessTime = sw.Elapsed;
        await services.GetRequiredService<IAssessmentStore>().SaveAsync(assessment, ct);

        sw.Restart();
        var plan = Planner.Create(assessment, snapshot, services.GetRequiredService<IConfiguration>().GetSection("Planning").Get<PlanningSettings>() ?? new PlanningSettings(), DateTimeOffset.UtcNow);
        var planTime = sw.Elapsed;
        await services.GetRequiredService<IPlanStore>().SaveAsync(plan, ct);

        sw.Restart();
        var report = await services.GetRequiredService<ReportGenerator>().GenerateAsync(
            new ReportRequest(runId, [ReportFormat.Html, ReportFormat.Markdown], Path.Combine(work.FullName, "reports")), ct);
        var reportTime = sw.Elapsed;
        var peakRss = Process.GetCurrentProcess().PeakWorkingSet64;

        var uniqueRoles = snapshot.Roles.Count;
        var getRole = counters.CallsOf("iam", "GetRole");
        var floors = Apis.Select(api =>
        {
            var calls = counters.Calls.TryGetValue(api.Name, out var ops) ? ops.Values.Sum() : 0;
            var rate = rates[api.Service];
            // Concurrency the client allows for the API: AWS APIs are limited per API; Kubernetes by clusters in parallel.
            var concurrency = api.Service == SandboxService.Kubernetes ? o.ParallelClusters : o.Concurrency;
            var byRate = rate > 0 ? calls / rate : 0;
            var byLatency = calls * (o.LatencyMs / 1000.0) / concurrency;
            var throttled = counters.Throttled.TryGetValue(api.Name, out var t) ? t.Values.Sum() : 0;
            return new ApiFloor(api.Name, calls, throttled, rate, concurrency, Math.Round(byRate, 2), Math.Round(byLatency, 2), Math.Round(Math.Max(byRate, byLatency), 2));
        }).ToList();
        var floor = floors.Max(f => f.FloorSeconds);

        var result = new BenchResult(
            DateTimeOffset.UtcNow, o, snapshot.Clusters.Count, snapshot.IrsaBindings.Count(), uniqueRoles, snapshot.Pods.Count, snapshot.Status.ToString(),
            Math.Round(startup.TotalSeconds, 2), Math.Round(inventoryWall.TotalSeconds, 2), Math.Round(floor, 2),
            floor > 0 ? Math.Round(inventoryWall.TotalSeconds / floor, 2) : 0,
            getRole, counters.Total, counters.Calls, floors,
            Math.Round(storeTime.TotalSeconds, 2), Math.Round(assessTime.TotalSeconds, 3), Math.Round(planTime.TotalSeconds, 3), Math.Round(reportTime.TotalSeconds, 2),
            rssBefore / (1024 * 1024), peakRss / (1024 * 1024), Environment.ProcessorCount);

        Print(output, result);
        var json = JsonSerializer.Serialize(result, Json);
        await File.WriteAllTextAsync(o.Output, json + "\n", ct);
        output.WriteLine($"wrote {o.Output}; report files: {string.Join(", ", report.Files.Where(f => !f.Contains("latest", StringComparison.Ordinal)))}");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StopAsync(stop.Token);
        work.Delete(recursive: true);
        return 0;
    }

    private static void Print(TextWriter w, BenchResult r)
    {
        w.WriteLine();
        w.WriteLine($"estate: {r.Clusters} clusters, {r.Bindings} IRSA bindings, {r.UniqueRoles} roles, {r.Pods} pods; run {r.RunStatus}; {r.Cores} cores");
        w.WriteLine($"{"api",-11} {"calls",8} {"throttled",9} {"rate/s",7} {"conc",5} {"floor(rate)",11} {"floor(lat)",10} {"floor",7}");
        foreach (var f in r.Apis)
            w.WriteLine($"{f.Api,-11} {f.Calls,8} {f.Throttled,9} {f.RatePerSecond,7} {f.Concurrency,5} {f.FloorByRateSeconds,11} {f.FloorByLatencySeconds,10} {f.FloorSeconds,7}");
        w.WriteLine();
        w.WriteLine($"inventory wall        {r.InventoryWallSeconds,8} s");
        w.WriteLine($"floor                 {r.FloorSeconds,8} s");
        w.WriteLine($"ratio wall / floor    {r.Ratio,8}        (target <= 1.2)");
        w.WriteLine($"GetRole calls         {r.GetRoleCalls,8}        (unique roles {r.UniqueRoles}; target equal)");
        w.WriteLine($"total API calls       {r.TotalCalls,8}");
        w.WriteLine($"store snapshot        {r.StoreSeconds,8} s");
        w.WriteLine($"assessment            {r.AssessmentSeconds,8} s");
        w.WriteLine($"planning              {r.PlanningSeconds,8} s");
        w.WriteLine($"report (html+md)      {r.ReportSeconds,8} s   (target < 2 s at 20,000 bindings)");
        w.WriteLine($"RSS after sandbox up  {r.RssBeforeInventoryMb,8} MB  (sandbox and tool share this process)");
        w.WriteLine($"peak RSS              {r.PeakRssMb,8} MB  (target < 400 MB for the tool)");
        w.WriteLine($"sandbox start         {r.SandboxStartSeconds,8} s  (generate + serve; not part of the inventory)");
    }

    private static string Str(int n) => n.ToString(CultureInfo.InvariantCulture);

    private sealed class BenchVerb : IVerb
    {
        public string Name => "bench";
        public string Summary => "benchmark host";
        public IReadOnlyList<OptionSpec> Options => [];
        public Task<int> RunAsync(VerbContext context, CancellationToken ct) => Task.FromResult(0);
    }
}

public sealed record ApiFloor(string Api, long Calls, long Throttled, double RatePerSecond, int Concurrency, double FloorByRateSeconds, double FloorByLatencySeconds, double FloorSeconds);

public sealed record BenchResult(
    DateTimeOffset At, BenchOptions Options, int Clusters, int Bindings, int UniqueRoles, int Pods, string RunStatus,
    double SandboxStartSeconds, double InventoryWallSeconds, double FloorSeconds, double Ratio,
    long GetRoleCalls, long TotalCalls, IReadOnlyDictionary<string, SortedDictionary<string, long>> CallsPerOperation, IReadOnlyList<ApiFloor> Apis,
    double StoreSeconds, double AssessmentSeconds, double PlanningSeconds, double ReportSeconds,
    long RssBeforeInventoryMb, long PeakRssMb, int Cores);
