using Migrator.Cli;
using Migrator.Application;

namespace Migrator.Verbs.Plan;

/// <summary>migrator plan create: makes a phased plan from the stored assessment. Changes nothing outside the state file.</summary>
public sealed class PlanCreateVerb : IVerb
{
    public string Name => "plan create";
    public string Summary => "make a phased migration plan from an assessment (nothing is changed; phases need approval)";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.RunId("--run", "ID", "inventory run whose assessment to plan (default: the latest assessed)")];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var outcome = await context.Get<PlanningStage>().CreateAsync(context.Args.LongNumber("--run"), ct);
        var plan = outcome.Plan;
        await context.Out.WriteLineAsync($"created plan {plan.Id} from inventory run {plan.RunId}: {plan.Phases.Count} phase(s), {outcome.BindingsToMigrate} binding(s) to migrate, {plan.Excluded.Count} excluded.");
        await context.Out.WriteLineAsync($"review it with 'migrator plan show --plan {plan.Id}', then approve a phase with 'migrator plan approve --phase 0 --by NAME'.");
        return ExitCodes.Ok;
    }
}
