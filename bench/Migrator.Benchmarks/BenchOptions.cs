using System.Globalization;

namespace Migrator.Benchmarks;

/// <summary>Size of the generated estate and the realism of the simulated APIs.</summary>
public sealed class BenchOptions
{
    public int Clusters { get; set; } = 100;
    public int ServiceAccounts { get; set; } = 20_000;
    public int Accounts { get; set; } = 10;
    /// <summary>IRSA roles the generated estate shares between its ServiceAccounts (null: one role per ServiceAccount).</summary>
    public int? Roles { get; set; } = 6_000;
    public int Seed { get; set; } = 7;
    public int LatencyMs { get; set; } = 20;
    /// <summary>Calls per second allowed per API (token bucket in the sandbox).</summary>
    public double EksRate { get; set; } = 100;
    public double IamRate { get; set; } = 100;
    public double StsRate { get; set; } = 50;
    public double KubernetesRate { get; set; } = 400;
    /// <summary>Client-side concurrency per AWS API (Aws:MaxConcurrencyPerApi) and clusters in parallel.</summary>
    public int Concurrency { get; set; } = 16;
    public int ParallelClusters { get; set; } = 8;
    public string Output { get; set; } = "bench-results.json";
    /// <summary>Keep the working folder (state file, reports, sandbox files) instead of deleting it.</summary>
    public bool Keep { get; set; }
    /// <summary>Reports generated again after the first, in the same process, to measure a warm report.</summary>
    public int WarmReports { get; set; } = 3;
    /// <summary>
    /// Inventories run again after the first, in the same process (as the worker runs its scheduled inventories): their
    /// wall against their own minimal floor shows what the first run's ratio owes to the cold process (compiling methods,
    /// first connections, first credentials).
    /// </summary>
    public int WarmInventories { get; set; }
    /// <summary>
    /// After each stage, collect fully and print the live managed heap: what the stages hold, not what the GC let pile
    /// up. The forced collections change the peaks measured after them, so figures taken with it are for diagnosis.
    /// </summary>
    public bool LiveHeap { get; set; }
    /// <summary>
    /// Use the command line's startup profile (multicore JIT, <see cref="Migrator.Cli.StartupProfile"/>), one per estate
    /// size, as each `migrator` process does; --no-startup-profile measures a process without one.
    /// </summary>
    public bool StartupProfile { get; set; } = true;

    public const string Usage = """
        usage: estate [--small] [--clusters N] [--service-accounts N] [--roles N|none] [--accounts N] [--seed N] [--latency-ms N]
                      [--eks-rate R] [--iam-rate R] [--sts-rate R] [--k8s-rate R] [--concurrency N] [--parallel-clusters N] [--out FILE] [--keep] [--warm-reports N] [--warm-inventories N] [--live-heap] [--no-startup-profile]
        defaults: 100 clusters, 20,000 ServiceAccounts, ~6,000 roles, 10 accounts, 20 ms per call;
                  --small: 10 clusters, 1,000 ServiceAccounts, ~300 roles, 3 accounts. --roles none: one role per ServiceAccount.
                  --warm-inventories N: N more inventories in the same process after the report (the worker's case), each against its own floor.
                  --no-startup-profile: no multicore-JIT profile (the CLI records and replays one per verb; here one per size).
                  --live-heap: after each stage, a full collection and the live heap (diagnosis: it changes the later peaks).
        """;

    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            double Dbl() => double.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--small": o.Clusters = 10; o.ServiceAccounts = 1_000; o.Roles = 300; o.Accounts = 3; break;
                case "--roles": o.Roles = Next() is "none" ? null : int.Parse(args[i], CultureInfo.InvariantCulture); break;
                case "--clusters": o.Clusters = Int(); break;
                case "--service-accounts": o.ServiceAccounts = Int(); break;
                case "--accounts": o.Accounts = Int(); break;
                case "--seed": o.Seed = Int(); break;
                case "--latency-ms": o.LatencyMs = Int(); break;
                case "--eks-rate": o.EksRate = Dbl(); break;
                case "--iam-rate": o.IamRate = Dbl(); break;
                case "--sts-rate": o.StsRate = Dbl(); break;
                case "--k8s-rate": o.KubernetesRate = Dbl(); break;
                case "--concurrency": o.Concurrency = Int(); break;
                case "--parallel-clusters": o.ParallelClusters = Int(); break;
                case "--out": o.Output = Next(); break;
                case "--keep": o.Keep = true; break;
                case "--warm-reports": o.WarmReports = Int(); break;
                case "--warm-inventories": o.WarmInventories = Int(); break;
                case "--live-heap": o.LiveHeap = true; break;
                case "--no-startup-profile": o.StartupProfile = false; break;
                default: return null;
            }
        }
        return o;
    }
}
