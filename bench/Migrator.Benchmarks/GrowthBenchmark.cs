using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Migrator.Benchmarks;

/// <summary>
/// How time and memory grow with the estate: the estate benchmark at 1×, 10× and 100× a base size (default 10 clusters
/// and 2,000 ServiceAccounts, so 100× is 1,000 clusters and 200,000 ServiceAccounts), each step in a fresh process so its
/// peak memory is its own. Roles scale with the ServiceAccounts (3 in 10), accounts stay fixed. Writes every step's
/// figures and each measure's growth against the first step.
/// </summary>
public static class GrowthBenchmark
{
    public const string Usage = """
        usage: growth [--steps 1,10,100] [--base-clusters 10] [--base-service-accounts 2000] [--accounts 10] [--out FILE] [-- estate options...]
        Runs 'estate' once per step (clusters and ServiceAccounts times the step) in its own process; writes FILE (bench-results.json).
        Estimate first: at 20 ms a call and EKS 100/s the inventory alone takes about clusters x 0.26 s (100x: ~4.5 min).
        """;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The measures whose growth is reported: time in seconds, memory in MB.</summary>
    private static readonly string[] Measures =
        ["inventoryWallSeconds", "minimalFloorSeconds", "storeSeconds", "assessmentSeconds", "planningSeconds", "reportSeconds", "peakRssMb", "sandboxPeakRssMb"];

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var steps = new List<int> { 1, 10, 100 };
        var (clusters, serviceAccounts, accounts, outFile) = (10, 2_000, 10, "bench-results.json");
        var passThrough = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value. {Usage}");
            switch (args[i])
            {
                case "--steps": steps = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(); break;
                case "--base-clusters": clusters = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--base-service-accounts": serviceAccounts = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--accounts": accounts = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--out": outFile = Next(); break;
                case "--": passThrough.AddRange(args[(i + 1)..]); i = args.Length; break;
                default: output.WriteLine(Usage); return 2;
            }
        }

        var results = new JsonArray();
        foreach (var step in steps)
        {
            var stepOut = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outFile))!, $"bench-step-{step}x.json");
            List<string> estate =
            [
                "estate", "--clusters", Str(clusters * step), "--service-accounts", Str(serviceAccounts * step),
                "--roles", Str(serviceAccounts * step * 3 / 10), "--accounts", Str(accounts), "--warm-reports", "0", "--out", stepOut, .. passThrough,
            ];
            output.WriteLine($"step {step}x: {string.Join(' ', estate)}");
            var code = await RunStepAsync(estate, output, ct);
            if (code != 0 || !File.Exists(stepOut))
            {
                output.WriteLine($"step {step}x failed (exit {code}); growth reported for the steps before it");
                break;
            }
            var result = JsonNode.Parse(await File.ReadAllTextAsync(stepOut, ct))!.AsObject();
            result["step"] = step;
            results.Add(result);
        }

        var growth = Growth(results);
        var document = new JsonObject { ["at"] = DateTimeOffset.UtcNow, ["steps"] = results, ["growth"] = growth };
        await File.WriteAllTextAsync(outFile, document.ToJsonString(Json) + "\n", ct);
        output.WriteLine();
        output.WriteLine($"{"step",5} {"bindings",9} " + string.Join(' ', Measures.Select(m => $"{Short(m),10}")));
        foreach (var r in results.OfType<JsonObject>())
            output.WriteLine($"{r["step"],4}x {r["bindings"],9} " + string.Join(' ', Measures.Select(m => $"{r[m],10}")));
        foreach (var g in growth.OfType<JsonObject>())
            output.WriteLine($"{g["step"],4}x {"(growth)",9} " + string.Join(' ', Measures.Select(m => $"{g[m] + "x",10}")));
        output.WriteLine($"wrote {outFile}");
        return results.Count == steps.Count ? 0 : 1;
    }

    /// <summary>Each step's measures divided by the first step's (null where the first is zero).</summary>
    private static JsonArray Growth(JsonArray results)
    {
        var growth = new JsonArray();
        if (results.Count == 0) return growth;
        var first = results[0]!.AsObject();
        foreach (var r in results.OfType<JsonObject>())
        {
            var g = new JsonObject { ["step"] = r["step"]!.GetValue<int>(), ["bindings"] = Ratio(r, first, "bindings") };
            foreach (var m in Measures)
                g[m] = Ratio(r, first, m);
            growth.Add(g);
        }
        return growth;
    }

    private static double? Ratio(JsonObject r, JsonObject first, string measure)
    {
        var baseline = first[measure]?.GetValue<double>() ?? 0;
        return baseline > 0 && r[measure] is { } v ? Math.Round(v.GetValue<double>() / baseline, 2) : null;
    }

    private static async Task<int> RunStepAsync(IEnumerable<string> arguments, TextWriter output, CancellationToken ct)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Migrator.Benchmarks.dll"));
        foreach (var a in arguments)
            info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the estate benchmark");
        var lines = new[] { process.StandardOutput, process.StandardError }.Select(async reader =>
        {
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                lock (output) output.WriteLine("  " + line);
            }
        }).ToList();
        await Task.WhenAll(lines);
        await process.WaitForExitAsync(ct);
        return process.ExitCode;
    }

    private static string Short(string measure) => measure.Replace("Seconds", "", StringComparison.Ordinal).Replace("Mb", "", StringComparison.Ordinal);

    private static string Str(int n) => n.ToString(CultureInfo.InvariantCulture);
}
