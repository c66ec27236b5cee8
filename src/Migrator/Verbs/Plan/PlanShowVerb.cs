using Migrator.Cli;
using Migrator.Core.Planning;
using Migrator.Application;

namespace Migrator.Verbs.Plan;

/// <summary>migrator plan show: every phase and step as "would ...", approvals and progress from the journal.</summary>
public sealed class PlanShowVerb : IVerb
{
    public static readonly VerbOption<string?> Plan = VerbOption.Text("--plan", "ID", "plan to show (default: the newest)");
    public static readonly VerbOption<string> Output = VerbOption.Choice("--output", "FORMAT", "text (default) or json", "text", "text", "json");

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
            if (output == "json")
            {
                await console.Out.WriteLineAsync(PlanJson.Serialize(plan));
                return ExitCodes.Ok;
            }
            PlanText.Write(console.Out, plan, await planning.ApprovalsAsync(plan.Id, ct), await planning.JournalAsync(plan.Id, ct));
            return ExitCodes.Ok;
        }
    }
}
