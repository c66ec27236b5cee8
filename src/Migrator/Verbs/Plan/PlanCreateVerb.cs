using Migrator.Cli;
using Migrator.Application;

namespace Migrator.Verbs.Plan;

/// <summary>migrator plan create: makes a phased plan from the stored assessment. Changes nothing outside the state file.</summary>
public sealed class PlanCreateVerb : IVerb
{
    public static readonly VerbOption<long?> Run = VerbOption.RunId("--run", "ID", "inventory run whose assessment to plan (default: the latest assessed)");

    public string Name => "plan create";
    public string Summary => "make a phased migration plan from an assessment (nothing is changed; phases need approval)";
    public IReadOnlyList<VerbOption> Options => [Run];
    public Type Handler => typeof(PlanCreateHandler);

    public sealed class PlanCreateHandler(PlanningStage planning, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            var outcome = await planning.CreateAsync(args.Get(Run), ct);
            await console.Out.WriteLineAsync($"created plan {outcome.PlanId} from inventory run {outcome.RunId}: {outcome.PhaseCount} phase(s), {outcome.BindingsToMigrate} binding(s) to migrate, {outcome.Excluded} excluded.");
            await console.Out.WriteLineAsync($"review it with 'migrator plan show --plan {outcome.PlanId}', then approve a phase with 'migrator plan approve --phase 0 --by NAME'.");
            return ExitCodes.Ok;
        }
    }
}
