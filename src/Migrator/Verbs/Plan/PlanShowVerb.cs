using Migrator.Cli;
using Migrator.Core.Planning;
using Migrator.Application;

namespace Migrator.Verbs.Plan;

/// <summary>migrator plan show: every phase and step as "would ...", approvals and progress from the journal.</summary>
public sealed class PlanShowVerb : IVerb
{
    public string Name => "plan show";
    public string Summary => "show a plan: phases, every step described as \"would ...\", approvals, progress, exclusions";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Value("--plan", "ID", "plan to show (default: the newest)"),
        OptionSpec.Value("--output", "FORMAT", "text (default) or json"),
    ];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var output = context.Args.Choice("--output", "text", "text", "json");
        var planning = context.Get<PlanningStage>();
        var plan = await planning.LoadAsync(context.Args.Value("--plan"), ct);
        if (output == "json")
        {
            await context.Out.WriteLineAsync(PlanJson.Serialize(plan));
            return ExitCodes.Ok;
        }
        PlanText.Write(context.Out, plan, await planning.ApprovalsAsync(plan.Id, ct), await planning.JournalAsync(plan.Id, ct));
        return ExitCodes.Ok;
    }
}
