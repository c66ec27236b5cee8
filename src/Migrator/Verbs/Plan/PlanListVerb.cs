using System.Text.Json.Nodes;
using Migrator.Cli;
using Migrator.Core.Execution;
using Migrator.Core.Planning;
using Migrator.Core.Ports;
using Migrator.Verbs.Inventory;

namespace Migrator.Verbs.Plan;

/// <summary>migrator plan list: every stored plan, newest first, with its status, approvals and progress from the journal.</summary>
public sealed class PlanListVerb : IVerb
{
    public static readonly VerbOption<string> Output = VerbOption.Choice("--output", "FORMAT", "text (default) or json", "text", "text", "json");

    public string Name => "plan list";
    public string Summary => "list stored plans, newest first: id, inventory run, created, status, approvals, progress";
    public IReadOnlyList<VerbOption> Options => [Output];
    public Type Handler => typeof(PlanListHandler);

    public sealed class PlanListHandler(IPlanStore plans, IExecutionJournal journal, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            var output = args.Get(Output);
            var states = new List<PlanState>();
            foreach (var summary in await StateFile.Use(() => plans.ListAsync(ct)))
            {
                // The outline (phases and step ids), not the whole plan: a large plan's steps are not loaded to count them.
                var outline = await StateFile.Use(() => plans.LoadOutlineAsync(summary.PlanId, ct));
                if (outline is null) continue;
                var approvals = await StateFile.Use(() => plans.GetApprovalsAsync(summary.PlanId, ct));
                var entries = await StateFile.Use(() => journal.LoadAsync(summary.PlanId, ct));
                states.Add(PlanState.Of(outline, approvals, entries));
            }
            var w = console.Out;
            if (output == "json")
            {
                await w.WriteLineAsync(new JsonArray([.. states.Select(s => (JsonNode)PlanStateJson.Summary(s))]).ToJsonString(PlanJson.Options));
                return ExitCodes.Ok;
            }
            if (states.Count == 0)
            {
                await w.WriteLineAsync("no plan is stored yet: run 'migrator plan create' (or 'migrator run').");
                return ExitCodes.Ok;
            }
            var idWidth = Math.Max(4, states.Max(s => s.PlanId.Length));
            await w.WriteLineAsync($"{"PLAN".PadRight(idWidth)}  {"RUN",5}  {"CREATED (UTC)",-19}  {"STATUS",-16}  {"APPROVED",8}  {"PHASES COMPLETE",15}  {"STEPS DONE",12}");
            foreach (var s in states)
            {
                await w.WriteLineAsync($"{s.PlanId.PadRight(idWidth)}  {s.RunId,5}  {s.CreatedAt.UtcDateTime,-19:yyyy-MM-dd HH:mm:ss}  {s.Status,-16}  {$"{s.PhasesApproved}/{s.Phases.Count}",8}  {$"{s.PhasesComplete}/{s.Phases.Count}",15}  {$"{s.StepsDone}/{s.StepsTotal}",12}"
                    + (s.StepsFailed > 0 ? $"  {s.StepsFailed} failed" : ""));
            }
            await w.WriteLineAsync("Show one with 'migrator plan show --plan ID'.");
            return ExitCodes.Ok;
        }
    }
}
