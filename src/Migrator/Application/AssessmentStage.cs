using Microsoft.Extensions.Options;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Application;

/// <summary>
/// Assesses an inventory snapshot and stores the result: the one place an assessment is made, for `assess`, `run` and
/// the worker. Settings come from section "Assessment" (validated at start-up).
/// </summary>
public sealed class AssessmentStage(IInventoryStore inventory, IAssessmentStore store, IOptions<AssessmentSettings> settings, TimeProvider time)
{
    /// <summary>Assesses a stored inventory run (the latest when <paramref name="runId"/> is null).</summary>
    public async Task<AssessmentOutcome> AssessAsync(long? runId, CancellationToken ct)
    {
        var snapshot = await inventory.LoadSnapshotAsync(runId, ct)
            ?? throw new StageInputException(runId is null
                ? "no inventory run is stored yet: run 'migrator inventory' first."
                : $"inventory run {runId} does not exist: list runs with 'migrator runs list' or omit --run for the latest.");
        return await AssessAsync(snapshot, ct);
    }

    /// <summary>The stored assessment of a run or, when none is stored, its snapshot assessed now and not saved ('assess' saves).</summary>
    public async Task<AssessmentResult> StoredOrUnsavedAsync(long runId, CancellationToken ct)
    {
        if (await store.LoadAsync(runId, ct) is { } stored)
            return stored;
        var snapshot = await inventory.LoadSnapshotAsync(runId, ct)
            ?? throw new StageInputException($"inventory run {runId} does not exist: list runs with 'migrator runs list' or omit --run for the latest.");
        return Assessor.Assess(snapshot, settings.Value, time.GetUtcNow());
    }

    /// <summary>Assesses a snapshot already in memory (the main job, right after its inventory).</summary>
    public async Task<AssessmentOutcome> AssessAsync(InventorySnapshot snapshot, CancellationToken ct)
    {
        var result = Assessor.Assess(snapshot, settings.Value, time.GetUtcNow());
        await store.SaveAsync(result, ct);
        return new AssessmentOutcome(result, snapshot.Status);
    }
}
