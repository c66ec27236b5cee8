namespace Migrator.Application;

/// <summary>The main job as its callers (the `run` verb, the worker's scheduled inventory) see it.</summary>
public interface IMainJob
{
    Task<MainJobOutcome> RunAsync(MainJobRequest request, IMainJobProgress progress, CancellationToken ct);
}
