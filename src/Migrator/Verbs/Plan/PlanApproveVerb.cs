using Migrator.Cli;
using Migrator.Application;

namespace Migrator.Verbs.Plan;

/// <summary>migrator plan approve: records who approved a phase; nothing runs without it.</summary>
public sealed class PlanApproveVerb : IVerb
{
    public static readonly VerbOption<int> Phase = VerbOption.RequiredNumber("--phase", "N", "phase number to approve", 0, 10_000);
    public static readonly VerbOption<string> By = VerbOption.RequiredText("--by", "NAME", "who approves");
    public static readonly VerbOption<string?> Plan = VerbOption.Text("--plan", "ID", "plan (default: the newest)");
    public static readonly VerbOption<string?> OverrideEvidence = VerbOption.Text("--override-evidence", "CLUSTER/NS/SA", "clean up this binding of the (cleanup) phase without CloudTrail evidence of its cut-over; needs --reason");
    public static readonly VerbOption<string?> Reason = VerbOption.Text("--reason", "TEXT", "why the evidence is overridden (recorded and journalled)");
    public static readonly VerbOption<IReadOnlyList<string>> ForceDirect = VerbOption.ManyList("--force-direct", "OWNER|CLUSTER/NS/SA", "run this owner's (terraform, helm:RELEASE...) or binding's change-set steps directly in this phase (recorded in the approval; repeatable)");

    public string Name => "plan approve";
    public string Summary => "approve one phase of a plan (recorded with the approver's name and time)";
    public IReadOnlyList<VerbOption> Options => [Phase, By, Plan, OverrideEvidence, Reason, ForceDirect];
    public Type Handler => typeof(PlanApproveHandler);

    public sealed class PlanApproveHandler(PlanningStage planning, EvidenceOverrideStage evidenceOverrides, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            var phase = args.Get(Phase);
            var by = args.Get(By);
            var plan = await planning.LoadAsync(args.Get(Plan), ct);
            if (string.IsNullOrWhiteSpace(by))
                throw new UsageException("--by must name the approver.");
            var overridden = args.Get(OverrideEvidence);
            var reason = args.Get(Reason);
            if ((overridden is null) != (reason is null))
                throw new UsageException("--override-evidence and --reason go together: name the binding and say why its evidence is overridden.");
            var approval = await planning.ApproveAsync(plan, phase, by, ct, args.Get(ForceDirect));
            var w = console.Out;
            await w.WriteLineAsync($"phase {phase} of plan {plan.Id} approved by {approval.ApprovedBy} at {approval.ApprovedAt:u}; run it with 'migrator phase run {phase}' (try --dry-run first).");
            if (approval.ForcedDirect.Count > 0)
                await w.WriteLineAsync($"forced to direct execution (their owners' next apply may revert it): {string.Join(", ", approval.ForcedDirect)}");
            var changeSets = plan.FindPhase(phase)?.Steps.OfType<Core.Planning.Steps.ChangeSetStep>().Count(st => !Core.Ownership.DirectOverride.Forces(approval.ForcedDirect, st)) ?? 0;
            if (changeSets > 0)
                await w.WriteLineAsync($"{changeSets} change-set step(s) will be written for their owners to apply; the phase waits for them.");
            if (overridden is not null)
            {
                var bindings = plan.FindPhase(phase)?.Steps.Where(s => s.Binding is not null).Select(s => s.Binding!).Distinct().ToList() ?? [];
                var key = Verbs.Assessment.BindingLocator.Matching(bindings, b => b, overridden).SingleOrDefault()
                    ?? throw new InvalidInputException($"'{overridden}' is not a binding of phase {phase} of plan {plan.Id} ('migrator plan show' lists each phase's bindings).");
                var granted = await evidenceOverrides.RecordAsync(plan, phase, key, reason!, by, ct);
                await w.WriteLineAsync($"evidence overridden for {granted.Binding.Display} in phase {phase} by {granted.By}: {granted.Reason}");
            }
            // What is approved is what is written: the trust each role gets, widened scopes included, is part of the approval.
            var trust = plan.FindPhase(phase)?.Steps.Where(s => s.Kind is Core.Planning.StepKind.AddPodIdentityTrust or Core.Planning.StepKind.PodIdentityTrustChangeSet).ToList() ?? [];
            if (trust.Count > 0)
                await w.WriteLineAsync("approved trust changes (the executor writes nothing wider):");
            foreach (var step in trust)
                await w.WriteLineAsync($"  - {step.Describe()}");
            return ExitCodes.Ok;
        }
    }
}
