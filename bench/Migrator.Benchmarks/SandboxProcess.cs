using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Migrator.Sandbox;

namespace Migrator.Benchmarks;

/// <summary>
/// The simulated estate in its own process (`migrator sandbox serve`), so the benchmark measures the tool's memory and
/// CPU alone. Counters come from the sandbox's admin endpoint; the sandbox's own peak memory from /proc.
/// </summary>
public sealed class SandboxProcess : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Process _process;
    private readonly StringBuilder _log;
    private readonly HttpClient _admin;
    private int _disposed;

    private SandboxProcess(Process process, StringBuilder log, Uri admin, string configFile)
    {
        _process = process;
        _log = log;
        _admin = new HttpClient { BaseAddress = admin, Timeout = TimeSpan.FromMinutes(2) };
        ConfigFile = configFile;
    }

    /// <summary>migrator.sandbox.json: the configuration that aims every client of the tool at this sandbox.</summary>
    public string ConfigFile { get; }

    public static async Task<SandboxProcess> StartAsync(IEnumerable<string> serveArguments, string directory, CancellationToken ct)
    {
        var migrator = Path.Combine(AppContext.BaseDirectory, "migrator.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        info.ArgumentList.Add(migrator);
        foreach (var a in (string[])["sandbox", "serve", "--dir", directory, .. serveArguments])
            info.ArgumentList.Add(a);
        // The sandbox serves 100 clusters from memory: server GC would size its heaps for throughput; keep it lean.
        info.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = info };
        var log = new StringBuilder();
        var admin = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                admin.TrySetException(new InvalidOperationException($"'migrator sandbox serve' stopped before it served:\n{Text(log)}"));
                return;
            }
            lock (log) log.AppendLine(e.Data);
            var line = e.Data.Trim();
            if (line.StartsWith("admin ", StringComparison.Ordinal))
            {
                var url = line["admin ".Length..].Trim().Split(' ')[0].TrimEnd(',');
                admin.TrySetResult(new Uri(url[..url.IndexOf("/admin/", StringComparison.Ordinal)] + "/"));
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var url = await admin.Task.WaitAsync(TimeSpan.FromMinutes(10), ct);
            var config = Path.Combine(directory, "migrator.sandbox.json");
            return File.Exists(config)
                ? new SandboxProcess(process, log, url, config)
                : throw new InvalidOperationException($"'migrator sandbox serve' did not write {config}:\n{Text(log)}");
        }
        catch
        {
            Stop(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Warms the sandbox up as the real services are warm: one cluster's inventory (`migrator inventory --clusters`) in a
    /// separate process, into a throwaway state file, without CloudTrail sweeps. The sandbox's own first requests (its routes, handlers and JSON
    /// compiled on first use) would otherwise land on the measured inventory's critical path, about 60 ms at the small
    /// size. The measured process stays cold: its own first-use costs are the tool's and stay in the measurement.
    /// </summary>
    public async Task WarmAsync(string directory, CancellationToken ct)
    {
        var cluster = FirstCluster(Path.Combine(directory, "kubeconfig"));
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "migrator.dll"), "inventory", "--config", ConfigFile, "--db", Path.Combine(directory, "warm-up.db"), "--clusters", cluster,
                     // The measured inventory makes no CloudTrail sweeps (the collector alone): a sweep would only make the warm-up long.
                     "--Evidence:Enabled=false"])
            info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start 'migrator inventory' to warm the sandbox up.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"warming the sandbox up ('migrator inventory --clusters {cluster}') exited {process.ExitCode}:\n{await output}{await errors}");
    }

    /// <summary>The name of the first cluster of the sandbox's kubeconfig (its contexts are named by cluster ARN).</summary>
    private static string FirstCluster(string kubeconfig)
    {
        foreach (var line in File.ReadLines(kubeconfig))
        {
            var at = line.IndexOf(":cluster/", StringComparison.Ordinal);
            if (at >= 0) return line[(at + ":cluster/".Length)..].Trim();
        }
        throw new InvalidOperationException($"{kubeconfig} names no EKS cluster (no context 'arn:...:cluster/NAME').");
    }

    public async Task ResetCountersAsync(CancellationToken ct) =>
        (await _admin.PostAsync(new Uri("admin/counters/reset", UriKind.Relative), null, ct)).EnsureSuccessStatusCode();

    public async Task<CounterSnapshot> CountersAsync(CancellationToken ct) =>
        await _admin.GetFromJsonAsync<CounterSnapshot>(new Uri("admin/counters", UriKind.Relative), Json, ct)
            ?? throw new InvalidOperationException("the sandbox answered /admin/counters with nothing.");

    /// <summary>The sandbox process's peak resident set (VmHWM), in MB.</summary>
    public long PeakRssMb() => ProcStatusMb(_process.Id, "VmHWM:");

    /// <summary>CPU time (user + system) the sandbox process has used so far, in seconds; 0 where /proc is absent.</summary>
    public double CpuSeconds()
    {
        var path = $"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/stat";
        if (!File.Exists(path)) return 0;
        // Fields after the command name (which may hold spaces): state is field 3, utime 14 and stime 15, in clock ticks (100 a second).
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>A process's resident-set figure from /proc/PID/status (VmHWM peak, VmRSS now), in MB; 0 where /proc is absent.</summary>
    public static long ProcStatusMb(int pid, string field)
    {
        var path = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status";
        if (!File.Exists(path)) return 0;
        foreach (var line in File.ReadLines(path))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            var kb = long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return kb / 1024;
        }
        return 0;
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return ValueTask.CompletedTask;
        _admin.Dispose();
        Stop(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Stop(Process process)
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    private static string Text(StringBuilder log)
    {
        lock (log) return log.ToString();
    }
}
