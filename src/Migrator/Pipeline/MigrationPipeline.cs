using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Migrator.Cli;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Collection;
using Migrator.Execution;
using Migrator.Core.Ports;
using Migrator.Core.Progress;
using Migrator.Reports;
using Migrator.Storage;

namespace Migrator.Pipeline;

/// <summary>
/// The main job: inventory → assessment → plan → report, each stage stored before the next reads it. A plan is created
/// only when the run has bindings to migrate; nothing in the estate is changed (phases run only after approval).
/// </summary>
public sealed class MigrationPipeline(
    IAccountScopes accounts,
    InventoryStage inventory,
    IAssessmentStore assessmentStore,
    IOptions<AssessmentSettings> assessmentSettings,
    PlanService plans,
    ReportGenerator reports,
    PhaseRunner phases,
    IInventoryStore runs,
    ScopeTracker scope,
    TimeProvider time) : IMigrationPipeline
{
    public async Task<PipelineResult> RunAsync(PipelineRequest request, TextWriter progress, CancellationToken ct)
    {
        var scopes = accounts.GetScopes();
        if (scopes.Count == 0)
            throw new InvalidInputException("no AWS accounts are configured: add Aws:Accounts entries ({Id, RoleArn, Regions}) to appsettings.json, or pass --sandbox.");

        var formats = (request.ReportFormats ?? []).Select(f => ReportFormats.Parse(f)
            ?? throw new UsageException($"report format '{f}' is unknown: use html, md, json or csv.")).ToList();
        // The estate in memory (snapshot, assessment, plan) is let go before the report, which reads what it needs back
        // from the state file: at 20,000 bindings holding both would add a second copy to the peak.
        var (runId, partial, bindings, planId, regressions) = await CollectAssessPlanAsync(request, scopes, progress, ct);
        var outcome = await reports.GenerateAsync(new ReportRequest(runId, formats, request.ReportDirectory), ct);
        foreach (var file in outcome.Files)
            await progress.WriteLineAsync($"report: wrote {file}");
        return new PipelineResult(runId, partial, bindings, planId, outcome.Files, regressions);
    }

    private async Task<(long RunId, bool Partial, int Bindings, string? PlanId, IReadOnlyList<Regression> Regressions)> CollectAssessPlanAsync(
        PipelineRequest request, IReadOnlyList<AccountScope> scopes, TextWriter progress, CancellationToken ct)
    {
        await progress.WriteLineAsync($"inventory: {scopes.Count} account(s), {scopes.Sum(s => s.Regions.Count)} account-region(s)...");
        var started = time.GetTimestamp();
        var snapshot = await inventory.RunAsync(new InventoryRequest { Accounts = scopes, MaxParallelClusters = inventory.ConfiguredParallelism() }, null, ct);
        var runId = snapshot.RunId;
        await progress.WriteLineAsync(
            $"inventory: run {runId} {snapshot.Status.ToString().ToLowerInvariant()} in {time.GetElapsedTime(started).TotalSeconds:0.0}s: " +
            $"{snapshot.Clusters.Count} clusters, {snapshot.IrsaBindings.Count()} IRSA bindings, {snapshot.Pods.Count} pods, " +
            $"{snapshot.Roles.Count} roles, {snapshot.Associations.Count} associations, {snapshot.Errors.Count} errors");

        var assessment = Assessor.Assess(snapshot, assessmentSettings.Value, time.GetUtcNow());
        await assessmentStore.SaveAsync(assessment, ct);
        var byCategory = assessment.Bindings.GroupBy(b => b.Category).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        await progress.WriteLineAsync($"assessment: {assessment.Bindings.Count} bindings: {string.Join(", ", byCategory)}");

        // Pods and workloads are the bulk of a snapshot and the assessment has taken what it needs from them; the planner
        // reads clusters, roles and ServiceAccounts (as 'plan create' does, SnapshotParts.WithoutPodsAndWorkloads).
        var status = snapshot.Status;
        snapshot = snapshot with { Pods = [], Workloads = [] };

        string? planId = null;
        if (request.CreatePlan)
        {
            var plan = await plans.CreateAsync(assessment, snapshot, ct);
            planId = plan.Id;
            await progress.WriteLineAsync($"plan: {plan.Id}: {plan.Phases.Count} phases, {plan.Excluded.Count} bindings excluded (plan mode: nothing changed; review with 'migrator plan show', approve with 'migrator plan approve').");
        }
        // Progress of the migration scope (fixed by the first plan), from the latest complete run: regressions first.
        var stored = (await runs.ListRunsAsync(ct)).Select(r => new ScopeRun(r.RunId, r.StartedAt, r.Status == RunStatus.Complete)).ToList();
        var scopeProgress = await scope.ProgressAsync(stored, runId, assessment, 1, ct);
        if (scopeProgress is not null)
        {
            foreach (var r in scopeProgress.Regressions)
                await progress.WriteLineAsync($"REGRESSION: {r.Key.Display} was on Pod Identity in run {r.LastOnRunId}, is not since run {r.SinceRunId}: {string.Join(", ", r.Codes)}: {r.Why}");
            await progress.WriteLineAsync($"progress: {scopeProgress.OnPodIdentity} of {scopeProgress.Scope} identities in the migration scope ({scopeProgress.Percent.ToString(System.Globalization.CultureInfo.InvariantCulture)}%) on Pod Identity"
                + $" (run {scopeProgress.BasisRunId}): {scopeProgress.Regressed} regressed, {scopeProgress.AwaitingRestart} awaiting pod recreation, {scopeProgress.NotYet} not moved yet, {scopeProgress.Gone} gone");
        }
        return (runId, status != RunStatus.Complete, assessment.Bindings.Count, planId, scopeProgress?.Regressions ?? []);
    }

    public Task<int> RunApprovedPhasesAsync(TextWriter progress, CancellationToken ct) => phases.RunApprovedAsync(progress, ct);
}
