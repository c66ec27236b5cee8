using Migrator.Cli;
using Migrator.Core.Ports;
using Migrator.Core.Progress;
using Migrator.Verbs.Inventory;

namespace Migrator.Verbs.Scope;

/// <summary>migrator scope show: the migration scope, its progress as of the latest run, each identity and the changes made to it.</summary>
public sealed class ScopeShowVerb : IVerb
{
    public string Name => "scope show";
    public string Summary => "the migration scope (fixed by the first plan): progress, identities by lifecycle and progress, additions and removals";
    public static readonly VerbOption<string> Output = VerbOption.Choice("--output", "FORMAT", "text (default) or json", "text", "text", "json");

    public IReadOnlyList<VerbOption> Options => [Output];
    public Type Handler => typeof(ScopeShowHandler);

    public sealed class ScopeShowHandler(IScopeStore scopes, IInventoryStore inventory, ScopeTracker tracker, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            var output = args.Get(Output);
            var scope = await StateFile.Use(() => scopes.LoadAsync(ct));
            if (scope is null)
            {
                await console.Out.WriteLineAsync("no migration scope yet: the first plan fixes it ('migrator plan create' or 'migrator run').");
                return ExitCodes.Ok;
            }
            var runs = (await StateFile.Use(() => inventory.ListRunsAsync(ct)))
                .Select(r => new ScopeRun(r.RunId, r.StartedAt, r.IsBaseline)).ToList();
            var latest = runs.Count == 0 ? scope.FixedFromRunId : runs.Max(r => r.RunId);
            var progress = await StateFile.Use(() => tracker.ProgressAsync(runs, latest, null, 1, ct));
            var states = progress?.Members.ToDictionary(m => m.Member.Key) ?? [];
            var members = scope.Active.OrderBy(m => m.Key.ToString(), StringComparer.Ordinal).Select(m =>
            {
                var state = states.GetValueOrDefault(m.Key);
                return new
                {
                    Identity = m.Key.Display,
                    Key = m.Key.ToString(),
                    m.Origin,
                    m.PlanId,
                    m.FromRunId,
                    m.AddedAt,
                    m.AddedBy,
                    Progress = state?.Progress.ToString() ?? "NotCountedYet",
                    Lifecycle = state?.Verdict?.Lifecycle.ToString() ?? "",
                    Category = state?.Verdict?.Category.ToString() ?? "",
                };
            }).ToList();
            var removed = scope.Members.Where(m => !m.IsActive).OrderBy(m => m.RemovedAt).Select(m => new
            {
                Identity = m.Key.Display, Key = m.Key.ToString(), m.Origin, m.AddedAt, m.AddedBy, m.RemovedAt, m.RemovedBy, m.RemovalReason, m.UntilRunId,
            }).ToList();
            var byLifecycle = members.Where(m => m.Lifecycle.Length > 0).GroupBy(m => m.Lifecycle).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
            var byProgress = members.GroupBy(m => m.Progress).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
            var byOrigin = members.GroupBy(m => m.Origin.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

            if (output == "json")
            {
                InventoryJson.Write(console.Out, new
                {
                    FixedByPlan = scope.FixedByPlanId,
                    scope.FixedAt,
                    scope.FixedFromRunId,
                    BasisRunId = progress?.BasisRunId,
                    Scope = members.Count,
                    OnPodIdentity = progress?.OnPodIdentity,
                    Percent = progress?.Percent,
                    ByOrigin = byOrigin,
                    ByLifecycle = byLifecycle,
                    ByProgress = byProgress,
                    Regressions = progress?.Regressions.Select(r => new { Identity = r.Key.Display, r.Codes, r.Why, r.SinceRunId, r.Since }).ToList(),
                    Members = members,
                    Removed = removed,
                });
                return ExitCodes.Ok;
            }

            var w = console.Out;
            await w.WriteLineAsync($"migration scope: fixed by plan {scope.FixedByPlanId} at {scope.FixedAt:yyyy-MM-dd HH:mm} UTC from run {scope.FixedFromRunId}; {members.Count} identities ({Counts(byOrigin)}), {removed.Count} removed");
            if (progress is not null)
                await w.WriteLineAsync($"progress (run {progress.BasisRunId}): {progress.OnPodIdentity} of {progress.Scope} on Pod Identity ({progress.Percent.ToString(System.Globalization.CultureInfo.InvariantCulture)}%): {Counts(byProgress)}");
            await w.WriteLineAsync($"by lifecycle: {(byLifecycle.Count == 0 ? "not assessed" : Counts(byLifecycle))}");
            foreach (var r in progress?.Regressions ?? [])
                await w.WriteLineAsync($"REGRESSION: {r.Key.Display}: {string.Join(", ", r.Codes)} since run {r.SinceRunId}: {r.Why}");
            await w.WriteLineAsync();
            foreach (var m in members)
                await w.WriteLineAsync($"  {m.Key}  {m.Progress}  {(m.Lifecycle.Length == 0 ? "-" : m.Lifecycle)}  {m.Origin.ToString().ToLowerInvariant()}{(m.PlanId is null ? "" : $" (plan {m.PlanId})")}, added by {m.AddedBy} {m.AddedAt:yyyy-MM-dd HH:mm}");
            if (removed.Count > 0)
            {
                await w.WriteLineAsync();
                await w.WriteLineAsync($"removed ({removed.Count}):");
                foreach (var m in removed)
                    await w.WriteLineAsync($"  {m.Key}  by {m.RemovedBy} {m.RemovedAt:yyyy-MM-dd HH:mm}: {m.RemovalReason} (counted until run {m.UntilRunId})");
            }
            return ExitCodes.Ok;
        }
    }

    private static string Counts(Dictionary<string, int> counts) => string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));
}
