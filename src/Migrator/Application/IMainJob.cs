namespace Migrator.Application;

/// <summary>The main job as its callers (the `run` verb, the worker's scheduled inventory) see it.</summary>
public interface IMainJob
{
    /// <summary>Inventory → assessment → plan → report.</summary>
    Task<MainJobOutcome> RunAsync(MainJobRequest request, IMainJobProgress progress, CancellationToken ct);

    /// <summary>Assessment → plan → report of a run already stored (the last shard of a sharded inventory completed it).</summary>
    Task<MainJobOutcome> ContinueAsync(long runId, MainJobRequest request, IMainJobProgress progress, CancellationToken ct);
}
