using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Migrator.Application;
using Migrator.Cli;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory.Collection;
using Migrator.Core.Planning;
using Migrator.Core.Ports;
using Migrator.Reports;
using Migrator.Sandbox;

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
            ["Aws:MaxConcurrencyPerApi"] = Str(o.Concurrency),
            // The tool paces itself to the APIs' published rates instead of being throttled into retries.
            ["Aws:RequestsPerSecond:Eks"] = o.EksRate.ToString(CultureInfo.InvariantCulture),
            ["Aws:RequestsPerSecond:Iam"] = o.IamRate.ToString(CultureInfo.InvariantCulture),
            ["Inventory:MaxParallelClusters"] = Str(o.ParallelClusters),
            ["Reports:OutputPath"] = Path.Combine(work.FullName, "reports"),
        };
        List<string> serve =
        [
            "--clusters", Str(o.Clusters), "--service-accounts", Str(o.ServiceAccounts), "--accounts", Str(o.Accounts), "--seed", Str(o.Seed),
            "--latency-ms", Str(o.LatencyMs),
            "--rate-limits", string.Join(',', rates.Select(r => $"{r.Key.ToString().ToLowerInvariant()}={r.Value.ToString(CultureInfo.InvariantCulture)}")),
        ];
        if (o.Roles is { } roles)
            serve.AddRange(["--roles", Str(roles)]);

        output.WriteLine($"generating and serving {o.Clusters} clusters, {o.ServiceAccounts} ServiceAccounts, {(o.Roles is { } r ? $"~{r} roles, " : "")}{o.Accounts} accounts (seed {o.Seed}) in a separate 'migrator sandbox serve' process; latency {o.LatencyMs} ms; rates/s EKS {o.EksRate}, IAM {o.IamRate}, STS {o.StsRate}, Kubernetes {o.KubernetesRate}");
        var sw = Stopwatch.StartNew();
        await using var sandbox = await SandboxProcess.StartAsync(serve, work.FullName, ct);
        var startup = sw.Elapsed;
        await sandbox.WarmAsync(work.FullName, ct);
        var global = new GlobalOptions { ConfigFile = sandbox.ConfigFile, Database = Path.Combine(work.FullName, "bench.db") };
        // As Program.cs does first thing: the profile starts before the host is built.
        var startupProfile = StartupProfileUse.Begin(o);
        using var host = await MigratorHost.BuildAsync(global, overrides, ct);
        var rssBefore = Process.GetCurrentProcess().WorkingSet64;
        var services = host.Services;

        // Inventory: the measured part, bound by API latency and throttling.
        await sandbox.ResetCountersAsync(ct);
        var collector = new InventoryCollector(services.GetRequiredService<IEksApi>(), services.GetRequiredService<IIamApi>(),
            services.GetRequiredService<IKubernetesEstate>(), TimeProvider.System);
        var scopes = services.GetRequiredService<IAccountScopes>().GetScopes();
        var (toolCpuBefore, sandboxCpuBefore) = (Process.GetCurrentProcess().TotalProcessorTime, sandbox.CpuSeconds());
        var (jitBefore, jittedBefore) = (System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());
        var loadBefore = LoadAverage();
        var memory = new StageMemory(o.LiveHeap);
        memory.Begin();
        sw.Restart();
        var phases = new PhaseClock();
        // As 'migrator inventory' does: each cluster stored as it finishes (the tool never holds the estate's pods).
        var writer = services.GetRequiredService<IInventoryRunWriter>();
        using var stored0 = new Migrator.Application.StoredRunSink(writer, null);
        var sink = new RoleCountingSink(stored0, () => phases.Mark("run begun in storage"));
        var snapshot = await collector.CollectAsync(new InventoryRequest { Accounts = scopes, MaxParallelClusters = o.ParallelClusters }, phases, sink, ct);
        var inventoryWall = sw.Elapsed;
        var inventoryCpu = new InventoryCpu(
            Math.Round((Process.GetCurrentProcess().TotalProcessorTime - toolCpuBefore).TotalSeconds, 2), Math.Round(sandbox.CpuSeconds() - sandboxCpuBefore, 2),
            loadBefore, LoadAverage(), Math.Round((System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalSeconds, 2), System.Runtime.JitInfo.GetCompiledMethodCount() - jittedBefore);
        memory.After("inventory");
        memory.Begin();
        var counters = await sandbox.CountersAsync(ct);

        // Storing went on with the collection; what is left is the run's completion (its counts and status, in SQL).
        sw.Restart();
        var runId = stored0.RunId!.Value;
        var stored = await writer.CompleteRunAsync(runId, DateTimeOffset.UtcNow, ct);
        var storeTime = sw.Elapsed;
        // The run's figures, then the collected rest goes: the assessment reads the stored run cluster by cluster, as
        // 'migrator run' does, and planning reads it back without pods and workloads, as 'plan create' does.
        var (clusterCount, podCount, bindingCount) = (stored.Clusters, stored.Pods, stored.Bindings);
        var (uniqueRoles, runStatus) = (stored.Roles, stored.Status.ToString());
        // Counted as the parts went to storage: the collector hands each account's roles over and keeps none.
        var rolesPerAccount = sink.RolesPerAccount;
        snapshot = null!;
        // As the main job does at the end of its inventory stage.
        await Migrator.Application.StageBoundary.ReleaseMemoryAsync();
        memory.After("store");
        // Diagnosis: a pause in which a heap dump of what the inventory left can be taken (dotnet-gcdump collect -p PID).
        if (Environment.GetEnvironmentVariable("MIGRATOR_BENCH_PAUSE_AFTER_STORE") is { } pause && int.TryParse(pause, out var seconds))
        {
            Console.WriteLine($"paused {seconds} s after the store (pid {Environment.ProcessId})");
            await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
        }
        memory.Begin();

        // Assessment, planning, the scope's progress and the report: the real main job from the stored run, as 'migrator
        // run' and the worker go on after the inventory; the listener marks where each stage ends.
        var stages = new MeasuredStages(memory);
        await services.GetRequiredService<IMainJob>().ContinueAsync(runId,
            new MainJobRequest(CreatePlan: true, [ReportFormat.Html, ReportFormat.Markdown], Path.Combine(work.FullName, "reports")), stages, ct);
        var report = stages.Report!;
        var (assessTime, planTime, reportTime) = (stages.Took("assessment"), stages.Took("planning"), stages.Took("report"));
        var reportGc = stages.ReportGc;
        var peakRss = memory.PeakMb * 1024 * 1024;
        // The first report pays for JIT-compiling the report code, as 'migrator run' does; 'migrator report' in a fresh
        // process pays it too. Later reports in one process (the worker) are warm: measured apart.
        var warm = new List<double>();
        for (var i = 0; i < o.WarmReports; i++)
        {
            sw.Restart();
            await services.GetRequiredService<ReportGenerator>().GenerateAsync(
                new ReportRequest(runId, [ReportFormat.Html, ReportFormat.Markdown], Path.Combine(work.FullName, "reports-warm")), ct);
            warm.Add(sw.Elapsed.TotalSeconds);
        }
        var warmMedian = warm.Count == 0 ? 0 : Math.Round(warm.Order().ElementAt(warm.Count / 2), 2);
        var reads = await TimeReportReadsAsync(services.GetRequiredService<IReportSource>(), runId, report.Timings, ct);
        var sandboxPeak = sandbox.PeakRssMb();

        var getRole = counters.CallsOf("iam", "GetRole");
        var authorizationDetails = counters.CallsOf("iam", "GetAccountAuthorizationDetails");
        var floors = Floors(o, rates, counters, rolesPerAccount);
        var floor = floors.Max(f => f.FloorSeconds);
        var minimalFloor = floors.Max(f => f.MinimalFloorSeconds);
        var warmInventories = await WarmInventoriesAsync(o, rates, sandbox, collector, writer, scopes, ct);

        var result = new BenchResult(
            DateTimeOffset.UtcNow, o, clusterCount, bindingCount, uniqueRoles, podCount, runStatus,
            Math.Round(startup.TotalSeconds, 2), Math.Round(inventoryWall.TotalSeconds, 2), Math.Round(floor, 2),
            floor > 0 ? Math.Round(inventoryWall.TotalSeconds / floor, 2) : 0,
            Math.Round(minimalFloor, 2), minimalFloor > 0 ? Math.Round(inventoryWall.TotalSeconds / minimalFloor, 2) : 0,
            phases.Entered, inventoryCpu, getRole, authorizationDetails, counters.Total, counters.Calls, floors,
            warmInventories,
            Math.Round(storeTime.TotalSeconds, 2), Math.Round(assessTime.TotalSeconds, 3), Math.Round(planTime.TotalSeconds, 3), Math.Round(reportTime.TotalSeconds, 2), warmMedian, reads,
            rssBefore / (1024 * 1024), peakRss / (1024 * 1024), sandboxPeak, Environment.ProcessorCount, ToolCode.Of(typeof(Migrator.Core.Planning.Planner).Assembly), GcSettings.Describe(), startupProfile);

        Print(output, result);
        output.WriteLine(memory.ToString());
        output.WriteLine($"first report: {reportGc}; whole run: GC paused {GC.GetTotalPauseDuration().TotalSeconds:0.00} s in {GC.CollectionCount(0)} collections ({GC.CollectionCount(2)} gen2)");
        var json = JsonSerializer.Serialize(result, Json);
        await File.WriteAllTextAsync(o.Output, json + "\n", ct);
        output.WriteLine($"wrote {o.Output}; report files: {string.Join(", ", report.Files.Where(f => !f.Contains("latest", StringComparison.Ordinal)).Select(f => $"{Path.GetFileName(f)} ({new FileInfo(f).Length / 1024} KiB)"))}");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StopAsync(stop.Token);
        await sandbox.DisposeAsync();
        if (o.Keep)
            output.WriteLine($"kept {work.FullName} (state file bench.db, reports/, sandbox client files)");
        else
            work.Delete(recursive: true);
        return 0;
    }

    /// <summary>Per API: calls made, the floor of those calls, and the floor of the fewest calls that fetch the same data.</summary>
    private static List<ApiFloor> Floors(BenchOptions o, Dictionary<SandboxService, double> rates, CounterSnapshot counters, IReadOnlyList<int> rolesPerAccount) =>
        Apis.Select(api =>
        {
            var ops = counters.Calls.TryGetValue(api.Name, out var byOperation) ? byOperation : new SortedDictionary<string, long>();
            var calls = ops.Values.Sum();
            var minimal = MinimalCalls.Of(api.Name, ops, rolesPerAccount);
            var rate = rates[api.Service];
            // Concurrency the client allows for the API: AWS APIs are limited per API; Kubernetes by clusters in parallel.
            var concurrency = api.Service == SandboxService.Kubernetes ? o.ParallelClusters : o.Concurrency;
            double Floor(long n) => Math.Max(rate > 0 ? n / rate : 0, n * (o.LatencyMs / 1000.0) / concurrency);
            var byRate = rate > 0 ? calls / rate : 0;
            var byLatency = calls * (o.LatencyMs / 1000.0) / concurrency;
            var throttled = counters.Throttled.TryGetValue(api.Name, out var t) ? t.Values.Sum() : 0;
            return new ApiFloor(api.Name, calls, throttled, rate, concurrency, Math.Round(byRate, 2), Math.Round(byLatency, 2), Math.Round(Math.Max(byRate, byLatency), 2),
                minimal, Math.Round(Floor(minimal), 2));
        }).ToList();

    /// <summary>
    /// The inventory again, <see cref="BenchOptions.WarmInventories"/> times, in the same process and host (its clients,
    /// credentials and compiled code), as the worker's later scheduled runs: each stored as a run of its own and measured
    /// against its own minimal floor.
    /// </summary>
    private static async Task<IReadOnlyList<WarmInventory>> WarmInventoriesAsync(BenchOptions o, Dictionary<SandboxService, double> rates, SandboxProcess sandbox,
        InventoryCollector collector, IInventoryRunWriter writer, IReadOnlyList<AccountScope> scopes, CancellationToken ct)
    {
        var runs = new List<WarmInventory>();
        for (var i = 0; i < o.WarmInventories; i++)
        {
            await sandbox.ResetCountersAsync(ct);
            var sw = Stopwatch.StartNew();
            using var stored = new Migrator.Application.StoredRunSink(writer, null);
            var sink = new RoleCountingSink(stored, () => { });
            await collector.CollectAsync(new InventoryRequest { Accounts = scopes, MaxParallelClusters = o.ParallelClusters }, null, sink, ct);
            var wall = sw.Elapsed.TotalSeconds;
            await writer.CompleteRunAsync(stored.RunId!.Value, DateTimeOffset.UtcNow, ct);
            var minimal = Floors(o, rates, await sandbox.CountersAsync(ct), sink.RolesPerAccount).Max(f => f.MinimalFloorSeconds);
            runs.Add(new WarmInventory(Math.Round(wall, 2), Math.Round(minimal, 2), minimal > 0 ? Math.Round(wall / minimal, 2) : 0));
        }
        return runs;
    }

    /// <summary>Where the report's time goes: each stored record read again on its own, after the report ran.</summary>
    private static async Task<ReportReads> TimeReportReadsAsync(IReportSource source, long runId, ReportTimings timings, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        _ = await source.LoadSnapshotAsync(runId, ct);
        var snapshot = sw.Elapsed;
        sw.Restart();
        _ = await source.LoadAssessmentAsync(runId, ct);
        var assessment = sw.Elapsed;
        sw.Restart();
        _ = await source.LoadPlanProgressAsync(runId, ct);
        var plan = sw.Elapsed;
        return new ReportReads(Math.Round(timings.Read.TotalSeconds, 2), Math.Round(timings.Build.TotalSeconds, 2), Math.Round(timings.Render.TotalSeconds, 2),
            Math.Round(snapshot.TotalSeconds, 2), Math.Round(assessment.TotalSeconds, 2), Math.Round(plan.TotalSeconds, 2));
    }

    private static void Print(TextWriter w, BenchResult r)
    {
        w.WriteLine();
        w.WriteLine($"estate: {r.Clusters} clusters, {r.Bindings} IRSA bindings, {r.UniqueRoles} roles, {r.Pods} pods; run {r.RunStatus}; {r.Cores} cores; tool code {r.ToolCode}");
        w.WriteLine($"GC: {r.GcSettings}");
        w.WriteLine($"startup profile: {r.StartupProfile}");
        w.WriteLine($"{"api",-11} {"calls",8} {"throttled",9} {"rate/s",7} {"conc",5} {"floor(rate)",11} {"floor(lat)",10} {"floor",7} {"min calls",9} {"min floor",9}");
        foreach (var f in r.Apis)
            w.WriteLine($"{f.Api,-11} {f.Calls,8} {f.Throttled,9} {f.RatePerSecond,7} {f.Concurrency,5} {f.FloorByRateSeconds,11} {f.FloorByLatencySeconds,10} {f.FloorSeconds,7} {f.MinimalCalls,9} {f.MinimalFloorSeconds,9}");
        w.WriteLine();
        w.WriteLine($"inventory wall        {r.InventoryWallSeconds,8} s");
        w.WriteLine($"  phases began at: {string.Join(", ", r.InventoryPhases.OrderBy(p => p.Value).Select(p => $"{p.Key} {p.Value} s"))}");
        w.WriteLine($"  CPU during inventory: tool {r.InventoryCpu.ToolSeconds} s (JIT {r.InventoryCpu.ToolJitSeconds} s for {r.InventoryCpu.ToolMethodsJitted:N0} methods), sandbox {r.InventoryCpu.SandboxSeconds} s on {r.Cores} cores shared with the machine (1-min load average {r.InventoryCpu.LoadBefore} before, {r.InventoryCpu.LoadAfter} after)");
        w.WriteLine($"floor of today's calls{r.FloorSeconds,8} s   (ratio wall / it {r.Ratio})");
        w.WriteLine($"minimal-call floor    {r.MinimalFloorSeconds,8} s   (fewest calls that fetch the data, at the configured rates and latency)");
        w.WriteLine($"ratio wall / minimal  {r.MinimalRatio,8}        (target <= 1.2)");
        if (r.WarmInventories.Count > 0)
            w.WriteLine($"warm inventories      {string.Join(", ", r.WarmInventories.Select(x => x.MinimalRatio.ToString(CultureInfo.InvariantCulture)))}   (wall / minimal of {r.WarmInventories.Count} more in the same process, as the worker's later runs; walls {string.Join(", ", r.WarmInventories.Select(x => x.WallSeconds.ToString(CultureInfo.InvariantCulture)))} s)");
        w.WriteLine($"GetRole calls         {r.GetRoleCalls,8}        (unique roles {r.UniqueRoles}; the rest came from {r.AuthorizationDetailsCalls} GetAccountAuthorizationDetails pages)");
        w.WriteLine($"total API calls       {r.TotalCalls,8}");
        w.WriteLine($"complete stored run   {r.StoreSeconds,8} s   (clusters were stored as they were collected)");
        w.WriteLine($"assessment            {r.AssessmentSeconds,8} s");
        w.WriteLine($"planning              {r.PlanningSeconds,8} s");
        w.WriteLine($"report (html+md)      {r.ReportSeconds,8} s   (target < 2 s at 20,000 bindings; first report of the process)");
        w.WriteLine($"report, warm          {r.WarmReportSeconds,8} s   (median of {r.Options.WarmReports} more in the same process)");
        w.WriteLine($"  read {r.ReportReads.ReadSeconds} s, build model {r.ReportReads.BuildSeconds} s, render and write {r.ReportReads.RenderSeconds} s");
        w.WriteLine($"  reads, each alone:  snapshot {r.ReportReads.SnapshotSeconds} s, assessment {r.ReportReads.AssessmentSeconds} s, plan and journal {r.ReportReads.PlanSeconds} s");
        w.WriteLine($"tool RSS before inv.  {r.RssBeforeInventoryMb,8} MB");
        w.WriteLine($"tool peak RSS         {r.PeakRssMb,8} MB  (target < 400 MB; the sandbox runs in its own process)");
        w.WriteLine($"sandbox peak RSS      {r.SandboxPeakRssMb,8} MB  (not the tool's)");
        w.WriteLine($"sandbox start         {r.SandboxStartSeconds,8} s  (generate + serve; not part of the inventory)");
    }

    /// <summary>The machine's 1-minute load average (/proc/loadavg); 0 where absent. Other processes share these cores.</summary>
    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : 0;

    private static string Str(int n) => n.ToString(CultureInfo.InvariantCulture);
}

public sealed record ApiFloor(string Api, long Calls, long Throttled, double RatePerSecond, int Concurrency, double FloorByRateSeconds, double FloorByLatencySeconds, double FloorSeconds,
    long MinimalCalls, double MinimalFloorSeconds);

/// <summary>An inventory run again in the same process: its wall, its own minimal floor, and their ratio.</summary>
public sealed record WarmInventory(double WallSeconds, double MinimalFloorSeconds, double MinimalRatio);

public sealed record BenchResult(
    DateTimeOffset At, BenchOptions Options, int Clusters, int Bindings, int UniqueRoles, int Pods, string RunStatus,
    double SandboxStartSeconds, double InventoryWallSeconds, double FloorSeconds, double Ratio, double MinimalFloorSeconds, double MinimalRatio,
    IReadOnlyDictionary<string, double> InventoryPhases, InventoryCpu InventoryCpu, long GetRoleCalls, long AuthorizationDetailsCalls, long TotalCalls, IReadOnlyDictionary<string, SortedDictionary<string, long>> CallsPerOperation, IReadOnlyList<ApiFloor> Apis,
    IReadOnlyList<WarmInventory> WarmInventories,
    double StoreSeconds, double AssessmentSeconds, double PlanningSeconds, double ReportSeconds, double WarmReportSeconds, ReportReads ReportReads,
    long RssBeforeInventoryMb, long PeakRssMb, long SandboxPeakRssMb, int Cores, string ToolCode, string GcSettings, string StartupProfile);

/// <summary>
/// The tool's peak resident set within each stage and its managed heap after it: where the memory goes. Each stage's
/// peak is measured alone (Linux resets the process's VmHWM when "5" is written to /proc/self/clear_refs); the run's
/// peak is the highest of them.
/// </summary>
public sealed class StageMemory(bool liveHeap = false)
{
    private readonly List<string> _lines = [];
    private long _peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
    private long _allocated = GC.GetTotalAllocatedBytes();
    private (int, int, int) _collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    /// <summary>The highest resident set of the run so far, in MB.</summary>
    public long PeakMb => Math.Max(_peakMb, Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024));

    /// <summary>Starts a stage: its peak is measured from here.</summary>
    public void Begin()
    {
        _peakMb = PeakMb;
        _allocated = GC.GetTotalAllocatedBytes();
        _collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public void After(string stage)
    {
        var p = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        var me = Environment.ProcessId;
        var live = liveHeap ? $"; live heap after a full collection {GC.GetTotalMemory(forceFullCollection: true) / (1024 * 1024)} MB" : "";
        _lines.Add($"  {stage,-11} peak RSS {p.PeakWorkingSet64 / (1024 * 1024),5} MB; after it RSS {p.WorkingSet64 / (1024 * 1024),4} MB (anonymous {SandboxProcess.ProcStatusMb(me, "RssAnon:"),4}, files {SandboxProcess.ProcStatusMb(me, "RssFile:"),3}, shared {SandboxProcess.ProcStatusMb(me, "RssShmem:"),3}), GC heap {gc.HeapSizeBytes / (1024 * 1024),4} MB, committed {gc.TotalCommittedBytes / (1024 * 1024),4} MB; allocated {(GC.GetTotalAllocatedBytes() - _allocated) / (1024 * 1024),5} MB in the stage, {GC.CollectionCount(0) - _collections.Item1} GCs ({GC.CollectionCount(1) - _collections.Item2} gen1, {GC.CollectionCount(2) - _collections.Item3} gen2){live}");
        _peakMb = PeakMb;
    }

    public override string ToString() => "tool memory by stage (peak within the stage; the rest after it):\n" + string.Join('\n', _lines);
}

/// <summary>CPU the tool and the sandbox spent during the inventory, the machine's load around it, and the tool's JIT compilation within it.</summary>
public sealed record InventoryCpu(double ToolSeconds, double SandboxSeconds, double LoadBefore, double LoadAfter, double ToolJitSeconds, long ToolMethodsJitted);

public sealed record ReportReads(double ReadSeconds, double BuildSeconds, double RenderSeconds, double SnapshotSeconds, double AssessmentSeconds, double PlanSeconds);
