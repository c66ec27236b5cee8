using Migrator.Cli;
using Migrator.Core.Execution;
using Migrator.Core.Planning;
using Migrator.Application;

namespace Migrator.Verbs.Plan;

/// <summary>migrator plan show: every phase and step as "would ...", approvals and progress from the journal.</summary>
public sealed class PlanShowVerb : IVerb
{
    public static readonly VerbOption<string?> Plan = VerbOption.Text("--plan", "ID", "plan to show (default: the newest)");
    public static readonly VerbOption<string> Output = VerbOption.Choice("--output", "FORMAT", "text (default) or json (the plan with its approvals, status and progress per phase and step)", "text", "text", "json");

    public string Name => "plan show";
    public string Summary => "show a plan: phases, every step described as \"would ...\", approvals, progress, exclusions";
    public IReadOnlyList<VerbOption> Options => [Plan, Output];
    public Type Handler => typeof(PlanShowHandler);

    public sealed class PlanShowHandler(PlanningStage planning, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            var output = args.Get(Output);
            var plan = await planning.LoadAsync(args.Get(Plan), ct);
            var approvals = await planning.ApprovalsAsync(plan.Id, ct);
            var journal = await planning.JournalAsync(plan.Id, ct);
            if (output == "json")
            {
                // The plan with its approvals, status and progress (per phase and step, from the journal): what a pipeline gates on.
                await console.Out.WriteLineAsync(PlanStateJson.Plan(plan, PlanState.Of(plan, approvals, journal)).ToJsonString(PlanJson.Options));
                return ExitCodes.Ok;
            }
            PlanText.Write(console.Out, plan, approvals, journal);
            return ExitCodes.Ok;
        }
    }
}
