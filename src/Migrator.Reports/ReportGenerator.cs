using Microsoft.Extensions.Options;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;
using Migrator.Reports.Model;
using Migrator.Reports.Rendering;

namespace Migrator.Reports;

/// <summary>What to report: a run (latest when null), the formats, where to, and optionally a different list length.</summary>
public sealed record ReportRequest(long? RunId, IReadOnlyList<ReportFormat> Formats, string? OutputDirectory = null, int? TopN = null)
{
    /// <summary>
    /// The scope's progress for the run reported, when the caller worked it out already with the report's trend window
    /// (the main job's progress stage): the report shows it instead of reading the run's verdicts again. Ignored when it
    /// is about another run; null: the report works it out.
    /// </summary>
    public Core.Progress.ScopeProgress? ScopeProgress { get; init; }
}

public sealed record ReportOutcome(ReportModel Model, IReadOnlyList<string> Files, ReportTimings Timings);

/// <summary>
/// A report read and built, not yet written (<see cref="ReportGenerator.BuildAsync"/>): its model and what writing
/// needs. It holds nothing of what the model was built from, so a caller can let that go before the rendering.
/// </summary>
public sealed record PreparedReport(ReportModel Model, DateTimeOffset GeneratedAt, bool RefreshLatest, TimeSpan Read, TimeSpan Built);

/// <summary>
/// A run's records read for its report (<see cref="ReportGenerator.ReadAsync"/>), before the model is built from them
/// (<see cref="ReportGenerator.BuildAsync"/>): what the reads made and left (rows, texts) is garbage by then.
/// </summary>
public sealed class ReportReads
{
    internal ReportReads(ReportInput input, long runId, bool refreshLatest, ReportSettings settings, TimeSpan read) =>
        (Input, RunId, RefreshLatest, Settings, Read) = (input, runId, refreshLatest, settings, read);

    internal ReportInput Input { get; private set; }
    internal long RunId { get; }
    internal bool RefreshLatest { get; }
    internal ReportSettings Settings { get; }
    internal TimeSpan Read { get; }

    /// <summary>Lets go of the records once the model is built from them (whoever still holds this object holds nothing large).</summary>
    internal void Release() => Input = null!;
}

/// <summary>Where a report's time went: reading the stored records, building the view model, rendering and writing.</summary>
public sealed record ReportTimings(TimeSpan Read, TimeSpan Build, TimeSpan Render);

/// <summary>The stored run cannot be reported: the message names what is missing and the command that makes it.</summary>
public sealed class ReportInputException(string message) : Exception(message);

/// <summary>
/// Reads a run's records through <see cref="IReportSource"/> (snapshot, assessment, the previous run for drift, the
/// trend window, the plan), builds the view model and writes the requested formats.
/// </summary>
public sealed class ReportGenerator(IReportSource source, IOptions<ReportSettings> options, TimeProvider time)
{
    public async Task<ReportOutcome> GenerateAsync(ReportRequest request, CancellationToken ct) => Write(await BuildAsync(await ReadAsync(request, ct), ct), request);

    /// <summary>
    /// Reads the run's records for its report: the runs' outlines, the assessment's findings, the plan's and the scope's
    /// progress, drift and trend. <see cref="BuildAsync"/> builds the model from them and <see cref="Write"/> writes it.
    /// </summary>
    public async Task<ReportReads> ReadAsync(ReportRequest request, CancellationToken ct)
    {
        var settings = options.Value;
        var started = time.GetTimestamp();
        var runs = await source.ListRunsAsync(ct);
        if (runs.Count == 0)
            throw new ReportInputException("no inventory runs are stored yet: run 'migrator inventory' first, then 'migrator assess'.");
        // The newest run of the whole estate is the report's default and latest.*: a run filtered with --accounts or
        // --clusters is reported only when asked for, and compared only with runs of the same filter (like with like).
        var newest = runs.LastOrDefault(r => r.Filter is null) ?? runs[^1];
        var run = request.RunId is { } id
            ? runs.FirstOrDefault(r => r.RunId == id) ?? throw new ReportInputException($"run {id} is not stored: 'migrator runs list' shows the stored runs.")
            : newest;
        var earlier = runs.Where(r => r.RunId < run.RunId && r.Filter == run.Filter).ToList();
        var previousRef = earlier.Count == 0 ? null : earlier[^1];
        // The stored records are independent reads (a connection each): load them side by side. On a large estate the
        // snapshot and the plan take seconds each to read, far more than building and rendering the report. Task.Run,
        // because SQLite's "async" reads complete synchronously.
        // The runs' outlines: no ServiceAccounts (the bindings come with the assessment), the roles' trust policy sizes,
        // not their texts. Drift reads what differs between the runs: the IRSA bindings, and the roles' trust with both texts.
        // Progress first, alone: it streams the run's verdicts itself (the report holds no assessment to hand it) and holds
        // the scope's members (about 120,000 at 200,000 bindings) while it counts them; the report keeps their counts only.
        var scopeProgress = request.ScopeProgress is { } given && given.RunId == run.RunId
            ? given.Summarized()
            : (await source.LoadScopeProgressAsync(run.RunId, null, settings.TrendRuns, ct))?.Summarized();
        var parts = SnapshotParts.Outline;
        var snapshotTask = Task.Run(() => source.LoadSnapshotAsync(run.RunId, parts, ct), ct);
        // The assessment's header and role findings: its bindings are streamed through the tally, not held.
        var assessmentTask = Task.Run(() => source.LoadAssessmentAsync(run.RunId, AssessmentParts.Findings, ct), ct);
        var planTask = Task.Run(() => source.LoadPlanProgressAsync(run.RunId, ct), ct);
        var previousTask = previousRef is null ? Task.FromResult<InventorySnapshot?>(null) : Task.Run(() => source.LoadSnapshotAsync(previousRef.RunId, parts, ct), ct);
        var previousAssessmentTask = previousRef is null ? Task.FromResult<AssessmentResult?>(null) : Task.Run(() => source.LoadAssessmentAsync(previousRef.RunId, AssessmentParts.Categories, ct), ct);
        var trustChangesTask = previousRef is null ? Task.FromResult<IReadOnlyList<Core.Inventory.Drift.TrustPolicyPair>>([]) : Task.Run(() => source.LoadTrustPolicyChangesAsync(previousRef.RunId, run.RunId, ct), ct);
        var bindingChangesTask = previousRef is null ? Task.FromResult(new Core.Inventory.Drift.ServiceAccountChanges([], [])) : Task.Run(() => source.LoadServiceAccountChangesAsync(previousRef.RunId, run.RunId, ct), ct);
        await Task.WhenAll(snapshotTask, assessmentTask, planTask, previousTask, previousAssessmentTask, trustChangesTask, bindingChangesTask);
        var snapshot = await snapshotTask
            ?? throw new ReportInputException($"run {run.RunId} is listed but its snapshot could not be loaded.");
        var assessment = await assessmentTask
            ?? throw new ReportInputException($"run {run.RunId} has not been assessed: run 'migrator assess --run {run.RunId}' first.");
        var previous = await previousTask;
        var previousAssessment = await previousAssessmentTask;
        var history = new List<RunHistoryPoint>();
        // The trend needs category counts only: earlier runs are counted in the store, not loaded (a worker's daily
        // runs of a 20,000-binding estate would otherwise load a dozen full assessments per report).
        foreach (var r in earlier.TakeLast(Math.Max(0, settings.TrendRuns - 1)))
        {
            if (r.RunId == previousRef?.RunId)
            {
                if (previousAssessment is not null) history.Add(RunHistoryPoint.From(r.RunId, r.StartedAt, previousAssessment));
                continue;
            }
            if (await source.LoadCategoryCountsAsync(r.RunId, ct) is { } counts)
                history.Add(new RunHistoryPoint(r.RunId, r.StartedAt, counts));
        }
        var plan = await planTask;
        var toolChanges = previous is null ? null : await source.LoadToolChangesAsync(previous.StartedAt, snapshot.StartedAt, ct);
        var effective = request.TopN is { } top ? CopyWithTopN(settings, top) : settings;
        var input = new ReportInput
        {
            Snapshot = snapshot,
            Assessment = assessment,
            Feed = new StoredBindings(source, run.RunId, ct),
            PreviousSnapshot = previous,
            PreviousAssessment = previousAssessment,
            History = history,
            Plan = plan,
            ToolChanges = toolChanges,
            ScopeProgress = scopeProgress,
            TrustChanges = previous is null ? null : await trustChangesTask,
            BindingChanges = previous is null ? null : await bindingChangesTask,
            GeneratedAt = time.GetUtcNow(),
        };
        return new ReportReads(input, run.RunId, run.RunId == newest.RunId, effective, time.GetElapsedTime(started));
    }

    /// <summary>
    /// Builds the report's model from what <see cref="ReadAsync"/> read, and lets go of those records: the model holds
    /// what the report shows, and <see cref="Write"/> renders it.
    /// </summary>
    public async Task<PreparedReport> BuildAsync(ReportReads reads, CancellationToken ct)
    {
        var building = time.GetTimestamp();
        var (input, effective) = (reads.Input ?? throw new InvalidOperationException("these reads were built into a report already."), reads.Settings);
        // One pass over the run's bindings counts everything; then the trust diffs shown need their roles' texts,
        // when the snapshot was read without them.
        var builder = new ReportModelBuilder(effective, new RewriterTrustProjection(effective.TrustPolicySizeLimit));
        var tally = builder.Tally(input);
        var roles = input.Snapshot.Roles;
        var diffed = tally.RolesToDiff(effective.MaxTrustDiffs).Where(arn => roles.Any(r => r.Arn == arn && r.TrustPolicy is null)).ToList();
        if (diffed.Count > 0)
            input = input with { TrustPolicies = await source.LoadTrustPoliciesAsync(reads.RunId, diffed, ct) };
        var model = builder.Build(input, tally);
        var prepared = new PreparedReport(model, input.GeneratedAt, reads.RefreshLatest, reads.Read, reads.Read + time.GetElapsedTime(building));
        // This method's state (the runs' outlines, the findings, the plan's progress, the tally: at 100x most of the
        // report's heap) is let go only once it returns, and its caller's continuation can run before that, inline,
        // when the last read completed on another thread: it is let go here, so what the caller does next (a stage
        // boundary) finds the model alone.
        reads.Release();
        (input, tally, roles) = (null!, null!, null!);
        return prepared;
    }

    /// <summary>Renders the prepared report in the requested formats and writes them.</summary>
    public ReportOutcome Write(PreparedReport prepared, ReportRequest request)
    {
        var settings = options.Value;
        var writing = time.GetTimestamp();
        var renderer = new ReportRenderer(Resolve(settings.TemplatesPath, AppContext.BaseDirectory));
        var outDir = request.OutputDirectory ?? settings.OutputPath;
        var formats = request.Formats.Count == 0 ? ReportFormats.All : request.Formats;
        // latest.* is the newest run's report: reporting an earlier run (--run) writes only its own files.
        var files = renderer.Write(prepared.Model, formats, outDir, prepared.GeneratedAt, refreshLatest: prepared.RefreshLatest);
        return new ReportOutcome(prepared.Model, files, new ReportTimings(prepared.Read, prepared.Built - prepared.Read, time.GetElapsedTime(writing)));
    }

    private static string Resolve(string path, string baseDirectory) => Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path);

    private static ReportSettings CopyWithTopN(ReportSettings s, int topN) => new()
    {
        TopN = topN,
        OidcProviderQuota = s.OidcProviderQuota,
        TrustPolicySizeLimit = s.TrustPolicySizeLimit,
        MaxTrustDiffs = s.MaxTrustDiffs,
        TrendRuns = s.TrendRuns,
        TemplatesPath = s.TemplatesPath,
        OutputPath = s.OutputPath,
    };
}
