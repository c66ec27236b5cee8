namespace Migrator.Worker;

/// <summary>Section "Worker": the schedules of the scheduled worker.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Quartz cron for inventory → assessment → plan → report (default: 06:00 UTC daily).</summary>
    public string InventoryCron { get; set; } = "0 0 6 * * ?";

    /// <summary>Quartz cron for executing approved phases; each run acts only inside a configured change window.</summary>
    public string PhaseCron { get; set; } = "0 */15 * * * ?";

    /// <summary>Run the inventory job once at start-up as well as on its schedule.</summary>
    public bool RunInventoryAtStart { get; set; }

    /// <summary>File touched on every heartbeat (for probes that cannot reach HTTP); /healthz checks the same heartbeat.</summary>
    public string LivenessFile { get; set; } = "/tmp/migrator-alive";

    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>The worker's HTTP endpoints: /healthz, /readyz, /metrics (Prometheus) and the latest reports.</summary>
    public Http.WorkerHttpOptions Http { get; set; } = new();

    /// <summary>Quartz's persistent store lives in the same SQLite file as our state (Storage:Path) unless set.</summary>
    public string? SchedulerDatabase { get; set; }

    /// <summary>
    /// With Storage:Provider postgres (clustered workers): how often each worker checks in; a worker silent for twice
    /// this long is taken as dead and its recoverable jobs (a phase in progress) re-run by another.
    /// </summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>
    /// Split the scheduled inventory into one job per account and region that any worker may take (with
    /// Storage:Provider postgres, every clustered worker), stored into one run that completes when its last shard is
    /// stored; that worker then assesses, plans and reports it. Off: one worker collects the whole estate.
    /// </summary>
    public bool ShardInventory { get; set; }

    /// <summary>Inventory shards one worker collects at once (1 to 32), besides its inventory and phase jobs.</summary>
    public int ShardsPerWorker { get; set; } = 2;

    /// <summary>
    /// How long a worker with nothing to fire waits before it looks for work again (1 s to 5 min; Quartz's own default is
    /// 30 s). A shard scheduled by another worker is taken by this one at its next look.
    /// </summary>
    public TimeSpan SchedulerIdleWait { get; set; } = TimeSpan.FromSeconds(5);
}
