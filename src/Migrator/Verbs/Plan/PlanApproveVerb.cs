using Migrator.Cli;
using Migrator.Application;

namespace Migrator.Verbs.Plan;

/// <summary>migrator plan approve: records who approved a phase; nothing runs without it.</summary>
public sealed class PlanApproveVerb : IVerb
{
    public string Name => "plan approve";
    public string Summary => "approve one phase of a plan (recorded with the approver's name and time)";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Value("--phase", "N", "phase number to approve", required: true),
        OptionSpec.Value("--by", "NAME", "who approves", required: true),
        OptionSpec.Value("--plan", "ID", "plan (default: the newest)"),
        OptionSpec.Many("--force-direct", "OWNER|CLUSTER/NS/SA", "run this owner's (terraform, helm:RELEASE...) or binding's change-set steps directly in this phase (recorded in the approval; repeatable)"),
    ];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var phase = context.Args.WholeNumber("--phase", 0, 10_000)!.Value;
        var by = context.Args.Required("--by");
        var planning = context.Get<PlanningStage>();
        var plan = await planning.LoadAsync(context.Args.Value("--plan"), ct);
        if (string.IsNullOrWhiteSpace(by))
            throw new UsageException("--by must name the approver.");
        var approval = await planning.ApproveAsync(plan, phase, by, ct, context.Args.List("--force-direct"));
        await context.Out.WriteLineAsync($"phase {phase} of plan {plan.Id} approved by {approval.ApprovedBy} at {approval.ApprovedAt:u}; run it with 'migrator phase run {phase}' (try --dry-run first).");
        if (approval.ForcedDirect.Count > 0)
            await context.Out.WriteLineAsync($"forced to direct execution (their owners' next apply may revert it): {string.Join(", ", approval.ForcedDirect)}");
        var changeSets = plan.FindPhase(phase)?.Steps.OfType<Core.Planning.Steps.ChangeSetStep>().Count(st => !Core.Ownership.DirectOverride.Forces(approval.ForcedDirect, st)) ?? 0;
        if (changeSets > 0)
            await context.Out.WriteLineAsync($"{changeSets} change-set step(s) will be written for their owners to apply; the phase waits for them.");
        // What is approved is what is written: the trust each role gets, widened scopes included, is part of the approval.
        var trust = plan.FindPhase(phase)?.Steps.Where(s => s.Kind is Core.Planning.StepKind.AddPodIdentityTrust or Core.Planning.StepKind.PodIdentityTrustChangeSet).ToList() ?? [];
        if (trust.Count > 0)
            await context.Out.WriteLineAsync("approved trust changes (the executor writes nothing wider):");
        foreach (var step in trust)
            await context.Out.WriteLineAsync($"  - {step.Describe()}");
        return ExitCodes.Ok;
    }
}
