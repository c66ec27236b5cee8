using Migrator.Core.Progress;

namespace Migrator.Pipeline;

/// <summary>
/// The stages of the main job, each reading the stage before it from storage. Shared by `migrator run` and the worker's jobs.
/// </summary>
public interface IMigrationPipeline
{
    /// <summary>Inventory → assessment → plan (when none is open) → report. Returns the inventory run id and report paths.</summary>
    Task<PipelineResult> RunAsync(PipelineRequest request, TextWriter progress, CancellationToken ct);

    /// <summary>Executes every approved, unfinished phase of the open plan, one step at a time; stops between steps when cancelled.</summary>
    Task<int> RunApprovedPhasesAsync(TextWriter progress, CancellationToken ct);
}

public sealed record PipelineRequest(bool CreatePlan = true, IReadOnlyList<string>? ReportFormats = null, string? ReportDirectory = null);

/// <summary>What one main-job run did; <paramref name="Regressions"/>: identities of the scope that left Pod Identity.</summary>
public sealed record PipelineResult(long RunId, bool Partial, int Bindings, string? PlanId, IReadOnlyList<string> ReportFiles, IReadOnlyList<Regression> Regressions);
