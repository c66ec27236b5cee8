using Migrator.Application;
using Migrator.Core.Execution;
using Migrator.Core.Planning;

namespace Migrator.Verbs.Plan;

/// <summary>The plan as text for people: what each phase would do, who approved it, how far it got.</summary>
public static class PlanText
{
    public static void Write(TextWriter w, MigrationPlan plan, IReadOnlyList<PhaseApproval> approvals, IReadOnlyList<JournalEntry> journal)
    {
        w.WriteLine($"Plan {plan.Id} (inventory run {plan.RunId}, created {plan.CreatedAt:u})");
        w.WriteLine($"  canary {plan.Settings.CanarySize}, waves of at most {plan.Settings.MaxWaveSize}, soak {Core.Text.DurationText.Format(plan.Settings.SoakPeriod)}, trust {(plan.Settings.ScopedTrust ? "scoped by session tags" : "UNSCOPED")}, size limit {plan.Settings.TrustSizeLimit}, widening {(plan.Settings.TrustWidening == Core.Trust.TrustWidening.Refuse ? "refused (exact scope or the role is left out)" : $"allowed up to {plan.Settings.TrustWidening}")}");
        w.WriteLine();
        w.WriteLine("Prerequisites:");
        foreach (var f in plan.Prerequisites)
            w.WriteLine($"  [{(f.Satisfied ? "ok" : "!!")}] {f.Cluster.Key} {f.Check}: {f.Detail}");
        foreach (var phase in plan.Phases)
        {
            var approval = approvals.FirstOrDefault(a => a.Phase == phase.Number);
            var progress = PhaseProgress.Of(phase, journal);
            w.WriteLine();
            w.WriteLine($"Phase {phase.Number} [{phase.Kind}] {phase.Title}");
            w.WriteLine($"  approval: {(approval is null ? "not approved" : $"approved by {approval.ApprovedBy} at {approval.ApprovedAt:u}")}; status: {progress.Status(approval is not null)}");
            foreach (var line in Modes(phase, approval))
                w.WriteLine(line);
            foreach (var note in phase.Notes)
                w.WriteLine($"  note: {note}");
            foreach (var step in phase.Steps)
                w.WriteLine($"  - {step.Describe()}");
        }
        w.WriteLine();
        w.WriteLine($"Excluded ({plan.Excluded.Count}):");
        foreach (var e in plan.Excluded)
            w.WriteLine($"  {e.Key.Display} [{e.Category}] {e.RoleArn}: {string.Join("; ", e.Reasons)}");
    }

    /// <summary>
    /// How the phase's bindings are executed and why (owners, their evidence, the approver's forced-direct), one line per
    /// binding whose role or ServiceAccount has an owner; nothing for phases without owners.
    /// </summary>
    public static IEnumerable<string> Modes(Phase phase, PhaseApproval? approval)
    {
        if (phase.Kind is not (PhaseKind.Canary or PhaseKind.Wave or PhaseKind.Cleanup))
            yield break;
        var forced = approval?.ForcedDirect ?? [];
        if (forced.Count > 0)
            yield return $"  forced to direct by the approval: {string.Join(", ", forced)}";
        foreach (var b in phase.Bindings.Where(b => b.RoleOwner is not null || b.ServiceAccountOwner is not null))
        {
            var steps = phase.Steps.OfType<Core.Planning.Steps.ChangeSetStep>().Where(st => st.ServedBindings.Contains(b.Key)).ToList();
            var forcedHere = steps.Count > 0 && steps.All(st => Core.Ownership.DirectOverride.Forces(forced, st));
            yield return $"  mode {b.Key.Display}: {(forcedHere ? "direct (forced by the approval; " + b.ModeDisplay + ")" : b.ModeDisplay)}";
        }
    }

    public static void WriteResult(TextWriter w, PhaseRunResult r, string verb)
    {
        w.WriteLine($"{verb} phase {r.Phase} of plan {r.PlanId}: {r.Status}");
        foreach (var b in r.Bindings)
        {
            var who = b.Key.Namespace.Length == 0 ? b.Key.Cluster.Key : b.Key.Display;
            w.WriteLine($"  {b.Result,-11} {who}: {b.Message}");
            foreach (var warning in b.Warnings)
                w.WriteLine($"              warning: {warning}");
        }
        foreach (var m in r.Messages)
            w.WriteLine($"  {m}");
    }

    public static int ExitCode(PhaseRunResult r) => r.Status switch
    {
        PhaseRunStatus.Completed => Cli.ExitCodes.Ok,
        PhaseRunStatus.CompletedWithFailures => Cli.ExitCodes.Partial,
        PhaseRunStatus.NothingDue => Cli.ExitCodes.InvalidInput,
        PhaseRunStatus.AwaitingExternalChange => Cli.ExitCodes.AwaitingOwner,
        _ => Cli.ExitCodes.Failure,
    };

    /// <summary>
    /// Runs one execution (phase run, phase rollback, binding rollback), prints its result and maps it to an exit code:
    /// a refused execution is invalid input (exit 3), a plan locked by another executor a failure (exit 1).
    /// </summary>
    public static async Task<int> ExecuteAsync(Cli.VerbConsole console, Func<IExecutionObserver, Task<PhaseExecutionOutcome>> run, string verb)
    {
        switch (await run(new ConsoleObserver(console.Error)))
        {
            case PhaseExecutionOutcome.Ran ran:
                WriteResult(console.Out, ran.Result, verb);
                return ExitCode(ran.Result);
            case PhaseExecutionOutcome.Refused refused:
                throw new Cli.InvalidInputException(refused.Reason);
            case PhaseExecutionOutcome.Locked locked:
                await console.Error.WriteLineAsync($"error: {locked.Reason}");
                return Cli.ExitCodes.Failure;
            default:
                throw new InvalidOperationException("unknown execution outcome");
        }
    }
}
