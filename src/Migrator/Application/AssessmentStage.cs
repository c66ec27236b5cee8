using Microsoft.Extensions.Options;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Application;

/// <summary>
/// Assesses an inventory run and stores the result: the one place an assessment is made, for `assess`, `run` and
/// the worker. A stored run is assessed cluster by cluster (<see cref="ChunkedAssessment"/>): the estate facts once,
/// then one cluster's ServiceAccounts, workloads, pods and roles' trust policies at a time, so the estate is never held
/// whole. Settings come
/// from section "Assessment" (validated at start-up).
/// </summary>
public sealed class AssessmentStage(IInventoryStore inventory, IInventoryParts parts, IAssessmentStore store, IOptions<AssessmentSettings> settings, TimeProvider time)
{
    /// <summary>
    /// Assesses a stored inventory run (the latest when <paramref name="runId"/> is null) cluster by cluster and saves
    /// each cluster's verdicts as they are made: the run's assessment is never held whole ('run' and the worker).
    /// </summary>
    public async Task<AssessmentOutcome> AssessAndSaveAsync(long? runId, CancellationToken ct)
    {
        var run = await RunAsync(runId, ct);
        await using var writer = await store.BeginAsync(run.RunId, time.GetUtcNow(), ct);
        await AssessPartsAsync(run.RunId, bindings => writer.AppendAsync(bindings, ct), findings => writer.AppendRoleFindingsAsync(findings, ct), ct);
        var counts = await writer.CommitAsync([], ct);
        return new AssessmentOutcome(run.RunId, run.Status, counts);
    }

    /// <summary>Assesses a stored inventory run (the latest when <paramref name="runId"/> is null) and saves it, whole, for those who show it.</summary>
    public async Task<AssessedRun> AssessAsync(long? runId, CancellationToken ct)
    {
        var run = await RunAsync(runId, ct);
        var result = await AssessStoredAsync(run.RunId, ct);
        await store.SaveAsync(result, ct);
        return new AssessedRun(result, run.Status);
    }

    /// <summary>The stored assessment of a run or, when none is stored, the run assessed now and not saved ('assess' saves).</summary>
    public async Task<AssessmentResult> StoredOrUnsavedAsync(long runId, CancellationToken ct)
    {
        if (await store.LoadAsync(runId, ct) is { } stored)
            return stored;
        return await AssessStoredAsync((await RunAsync(runId, ct)).RunId, ct);
    }

    private async Task<RunSummary> RunAsync(long? runId, CancellationToken ct)
    {
        var runs = await inventory.ListRunsAsync(ct);
        return (runId is null ? (runs.Count > 0 ? runs[0] : null) : runs.FirstOrDefault(r => r.RunId == runId))
            ?? throw new StageInputException(runId is null
                ? "no inventory run is stored yet: run 'migrator inventory' first."
                : $"inventory run {runId} does not exist: list runs with 'migrator runs list' or omit --run for the latest.");
    }

    private async Task<AssessmentResult> AssessStoredAsync(long runId, CancellationToken ct)
    {
        var assessedAt = time.GetUtcNow();
        var bindings = new List<BindingAssessment>();
        var findings = new List<RoleFinding>();
        await AssessPartsAsync(runId, part => { bindings.AddRange(part); return Task.CompletedTask; }, found => { findings.AddRange(found); return Task.CompletedTask; }, ct);
        return new AssessmentResult { RunId = runId, AssessedAt = assessedAt, Bindings = bindings, RoleFindings = findings };
    }

    /// <summary>How many role findings about shared roles are handed on at a time.</summary>
    private const int RoleFindingBatch = 1000;

    /// <summary>How many roles' trust policy texts the role view reads at a time.</summary>
    private const int TrustFindingBatch = 1000;

    /// <summary>
    /// The run's estate facts once (roles without their trust policy texts), then each cluster's rows, with the trust
    /// policies of the roles they name, read while the previous cluster is judged (two parts at most in memory); each
    /// cluster's verdicts go to <paramref name="assessed"/> in the whole assessment's order. Then the role findings, known
    /// once every cluster was judged, go to <paramref name="found"/> in the role view's order, a batch of roles at a time
    /// with their trust policies read for the batch: neither the verdicts nor the findings are held whole.
    /// </summary>
    private async Task AssessPartsAsync(long runId, Func<IReadOnlyList<BindingAssessment>, Task> assessed, Func<IReadOnlyList<RoleFinding>, Task> found, CancellationToken ct)
    {
        var facts = await parts.LoadEstateFactsAsync(runId, ct)
            ?? throw new StageInputException($"inventory run {runId} does not exist: list runs with 'migrator runs list' or omit --run for the latest.");
        var chunked = new ChunkedAssessment(facts, settings.Value);
        facts = null!;
        // The facts are indexed: the rows and texts read for them (every role's trust policy is read to size it) are
        // garbage, much of it already in the oldest generation. A boundary here lets the clusters be judged from the
        // facts alone.
        await StageBoundary.ReleaseMemoryAsync();
        var clusters = await parts.ListPartClustersAsync(runId, ct);
        var next = clusters.Count > 0 ? LoadPartAsync(clusters[0]) : null;
        for (var i = 0; i < clusters.Count; i++)
        {
            var part = await next!;
            next = i + 1 < clusters.Count ? LoadPartAsync(clusters[i + 1]) : null;
            await assessed(chunked.AssessPart(part));
        }

        // Every cluster is judged: what the parts left in the oldest generation is garbage; the role view starts from
        // the facts alone.
        await StageBoundary.ReleaseMemoryAsync();
        foreach (var batch in chunked.SharedRoleFindings().Chunk(RoleFindingBatch))
            await found(batch);
        foreach (var batch in chunked.TrustFindingRoles().Chunk(TrustFindingBatch))
        {
            var texts = await inventory.LoadTrustPoliciesAsync(runId, ChunkedAssessment.TrustPoliciesNeeded(batch), ct);
            await found(chunked.TrustFindings(batch, texts));
        }

        async Task<ClusterPart> LoadPartAsync(ClusterRef cluster)
        {
            var part = await parts.LoadClusterPartAsync(runId, cluster, ct);
            var needed = chunked.TrustPoliciesNeeded(part);
            return needed.Count == 0 ? part : part with { TrustPolicies = await inventory.LoadTrustPoliciesAsync(runId, needed, ct) };
        }
    }
}
